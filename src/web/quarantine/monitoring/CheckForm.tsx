import { useState } from 'react';
import { Button, Checkbox, DatePicker, Form, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HealthCheckView, HealthChecksResponse, Measure } from '../../../shared/api/quarantine-monitoring.js';
import { api } from '../../api/client';
import { placeServerError } from '../../api/forms';
import ErrorAlert from '../../components/ErrorAlert';
import { enterConfirmsDates } from '../../cases/domProps';
import { currentLang } from '../../i18n';
import { checkBody, shownMeasures, type CheckValues } from './model';

/** Bounds and step of each measure's box (the server checks the same plausible ranges). */
const MEASURE_INPUT: Record<Measure, { min: number; max: number; step: number; testId: string }> = {
  temperature: { min: 34, max: 43, step: 0.1, testId: 'check-temperature' },
  spo2: { min: 50, max: 100, step: 1, testId: 'check-spo2' },
  respiratoryRate: { min: 5, max: 80, step: 1, testId: 'check-rr' },
  pulse: { min: 20, max: 250, step: 1, testId: 'check-pulse' },
  systolic: { min: 50, max: 260, step: 1, testId: 'check-systolic' },
  diastolic: { min: 30, max: 160, step: 1, testId: 'check-diastolic' },
};

type FormValues = Omit<CheckValues, 'at'> & { at?: Dayjs | null };

/** A decimal comma is what a Vietnamese keyboard gives. */
const parseDecimal = (v: string | undefined) => (v ?? '').replace(',', '.');

/** A staff check of one stay: its required measures (more on request), symptoms and, for a late entry, when it was taken. */
export default function CheckForm({ data, onSaved }: { data: HealthChecksResponse; onSaved: (check: HealthCheckView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shown = shownMeasures(data.required, all);
  const lang = currentLang();

  async function submit(v: FormValues) {
    setBusy(true);
    setError(null);
    try {
      const body = checkBody({ ...v, at: v.at ? v.at.toISOString() : null }, shown);
      const saved = await api.post<HealthCheckView>(`/quarantine/stays/${data.stayId}/health-checks`, body);
      form.resetFields();
      onSaved(saved);
    } catch (err) {
      // "symptoms[2]" belongs to the symptoms group.
      setError(placeServerError(form, err, [...shown, 'symptoms', 'at']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<FormValues> form={form} layout="vertical" name={`health-check-${data.stayId}`} onFinish={(v) => void submit(v)} onKeyDown={enterConfirmsDates} data-testid="check-form">
      <ErrorAlert error={error} />
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 12 }}>
        {shown.map((m) => {
          const box = MEASURE_INPUT[m];
          const required = data.required.includes(m);
          return (
            <div key={m} style={{ flex: '0 0 165px' }}>
              <Form.Item
                name={m}
                label={t(`quarantineMonitoringUi.measure.${m}`)}
                rules={required ? [{ required: true, message: t('quarantineMonitoringUi.check.required', { measure: t(`quarantineMonitoringUi.measure.${m}`) }) }] : []}
              >
                <InputNumber<number>
                  min={box.min}
                  max={box.max}
                  step={box.step}
                  precision={m === 'temperature' ? 1 : 0}
                  parser={(s) => Number(parseDecimal(s))}
                  suffix={t(`quarantineMonitoringUi.unit.${m}`)}
                  style={{ width: '100%' }}
                  data-testid={box.testId}
                />
              </Form.Item>
            </div>
          );
        })}
      </div>
      {!all && shown.length < 6 && (
        <Typography.Paragraph style={{ marginTop: -12 }}>
          <Button type="link" style={{ padding: 0 }} onClick={() => setAll(true)} data-testid="check-more">
            {t('quarantineMonitoringUi.check.moreMeasures')}
          </Button>
        </Typography.Paragraph>
      )}
      <Form.Item name="symptoms" label={t('quarantineMonitoringUi.check.symptoms')} extra={t('quarantineMonitoringUi.check.symptomsHint')}>
        <Checkbox.Group data-testid="check-symptoms" style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6 }}>
          {data.symptoms.map((s) => (
            <Checkbox key={s.code} value={s.code} data-code={s.code} style={{ minWidth: 180 }}>
              <span style={s.warning ? { color: '#cf1322', fontWeight: 500 } : undefined}>{s.name[lang]}</span>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Space wrap align="end">
        <Form.Item name="at" label={t('quarantineMonitoringUi.check.at')} style={{ marginBottom: 0 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" placeholder={t('quarantineMonitoringUi.check.atHint')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="check-submit">
            {t('quarantineMonitoringUi.check.submit')}
          </Button>
        </Form.Item>
      </Space>
    </Form>
  );
}
