import { useState } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CASE_LOCATIONS, type CaseDetail, type CaseInput } from '../../shared/api/cases.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import ConfirmationFields from './ConfirmationFields';
import { enterConfirmsDates } from './domProps';

interface Values {
  status: 'suspected' | 'confirmed';
  confirmation?: 'test' | 'manual';
  confirmationTest?: string;
  confirmationReason?: string;
  symptomOnset?: Dayjs | null;
  positiveSampleDate?: Dayjs | null;
  location: (typeof CASE_LOCATIONS)[number];
  treatmentTier?: number | null;
  locationNote?: string;
  imported?: boolean;
}

const FIELDS = ['status', 'confirmation', 'confirmationTest', 'confirmationReason', 'symptomOnset', 'positiveSampleDate', 'location', 'treatmentTier', 'locationNote', 'imported'] as const;
export const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
export const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Opens a case for the chosen person; the server checks the rules again and names the field it refuses. */
export default function CaseForm({ personId, onCreated }: { personId: number; onCreated: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const status = Form.useWatch('status', form);
  const location = Form.useWatch('location', form);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    const body: CaseInput = {
      personId,
      status: v.status,
      confirmation: v.status === 'confirmed' ? (v.confirmation ?? null) : null,
      confirmationTest: v.confirmation === 'test' ? v.confirmationTest : null,
      confirmationReason: v.confirmation === 'manual' ? v.confirmationReason : null,
      symptomOnset: day(v.symptomOnset),
      positiveSampleDate: day(v.positiveSampleDate),
      location: v.location,
      treatmentTier: v.location === 'hospital' ? (v.treatmentTier ?? null) : null,
      locationNote: v.locationNote ?? '',
      imported: !!v.imported,
    };
    try {
      onCreated(await api.post<CaseDetail>('/cases', body));
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" name="case" onKeyDown={enterConfirmsDates} onFinish={submit} initialValues={{ status: 'confirmed', location: 'unknown' }} style={{ maxWidth: 640 }}>
        <Form.Item name="status" label={t('casesUi.fields.status')}>
          <Radio.Group optionType="button" options={(['confirmed', 'suspected'] as const).map((s) => ({ value: s, label: t(`cases.status.${s}`) }))} />
        </Form.Item>
        {status === 'confirmed' && <ConfirmationFields />}
        <Form.Item name="symptomOnset" label={t('casesUi.fields.onset')} extra={t('casesUi.form.onsetHint')}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="positiveSampleDate" label={t('casesUi.fields.positiveSample')} extra={t('casesUi.form.sampleHint')}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="location" label={t('casesUi.fields.location')}>
          <Select options={CASE_LOCATIONS.map((l) => ({ value: l, label: t(`casesUi.locations.${l}`) }))} style={{ maxWidth: 320 }} />
        </Form.Item>
        {location === 'hospital' && (
          <Form.Item name="treatmentTier" label={t('casesUi.fields.tier')} rules={[{ required: true, message: t('ui.common.required') }]}>
            <InputNumber min={1} max={3} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="locationNote" label={t('casesUi.fields.locationNote')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="imported" valuePropName="checked" extra={t('casesUi.form.importedHint')}>
          <Checkbox>{t('casesUi.fields.importedCase')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="case-create">
          {t(status === 'suspected' ? 'casesUi.form.createSuspected' : 'casesUi.form.createConfirmed')}
        </Button>
      </Form>
    </>
  );
}
