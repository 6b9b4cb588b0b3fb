import { useState } from 'react';
import { App, Button, DatePicker, Dropdown, Form, Input, InputNumber, Modal, Select } from 'antd';
import { CheckCircleOutlined, DownOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CASE_LOCATIONS, CASE_TRANSITIONS, type CaseDetail, type CaseStatus, type CaseStatusBody } from '../../shared/api/cases.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import { day, notFuture } from './CaseForm';
import ConfirmationFields from './ConfirmationFields';
import { enterConfirmsDates } from './domProps';
import { caseLabel } from './tags';

interface Values {
  note?: string;
  confirmation?: 'test' | 'manual';
  confirmationTest?: string;
  confirmationReason?: string;
  positiveSampleDate?: Dayjs | null;
  negativeTestDate?: Dayjs | null;
  transferredTo?: string;
  location?: (typeof CASE_LOCATIONS)[number];
  treatmentTier?: number | null;
}
const FIELDS = ['note', 'confirmation', 'confirmationTest', 'confirmationReason', 'positiveSampleDate', 'negativeTestDate', 'transferredTo', 'location', 'treatmentTier'] as const;

/** The moves a case may make next, each in a dialog asking what that move needs. */
export default function CaseStatusActions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = CASE_TRANSITIONS[c.status];
  if (next.length === 0) return null;
  const [first, ...rest] = next;

  async function submit(v: Values) {
    if (!target) return;
    setBusy(true);
    setError(null);
    const body: CaseStatusBody = {
      status: target,
      note: v.note ?? '',
      confirmation: v.confirmation ?? null,
      confirmationTest: v.confirmation === 'test' ? v.confirmationTest : null,
      confirmationReason: v.confirmation === 'manual' ? v.confirmationReason : null,
      positiveSampleDate: day(v.positiveSampleDate),
      negativeTestDate: day(v.negativeTestDate),
      transferredTo: v.transferredTo ?? null,
      location: v.location ?? null,
      treatmentTier: v.location === 'hospital' ? (v.treatmentTier ?? null) : null,
    };
    try {
      const updated = await api.post<CaseDetail>(`/cases/${c.id}/status`, body);
      qc.setQueryData(['cases', 'detail', String(c.id)], updated);
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(t('casesUi.status.done', { status: t(`cases.status.${target}`), code: caseLabel(t, updated) }));
      setTarget(null);
      form.resetFields();
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const open = (s: CaseStatus) => {
    setError(null);
    form.resetFields();
    setTarget(s);
  };
  const location = target === 'isolating' || target === 'in_treatment' || target === 're_positive';

  return (
    <>
      <Button
        type="primary"
        danger={first === 'confirmed'}
        icon={<CheckCircleOutlined />}
        onClick={() => open(first)}
        data-testid={first === 'confirmed' ? 'case-confirm' : `case-status-${first}`}
      >
        {t(`casesUi.status.action.${first}`)}
      </Button>
      {rest.length > 0 && (
        <Dropdown menu={{ items: rest.map((s) => ({ key: s, label: t(`casesUi.status.action.${s}`), danger: s === 'died' || s === 'ruled_out' })), onClick: ({ key }) => open(key as CaseStatus) }}>
          <Button data-testid="case-status-more">
            {t('casesUi.status.more')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <Modal
        open={target !== null}
        title={target && t('casesUi.status.dialogTitle', { action: t(`casesUi.status.action.${target}`), code: caseLabel(t, c) })}
        okText={target ? t(`casesUi.status.action.${target}`) : undefined}
        okButtonProps={{ loading: busy, danger: target === 'died' || target === 'ruled_out', 'data-testid': 'case-status-submit' }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" name="case-status" onKeyDown={enterConfirmsDates} onFinish={(v) => void submit(v)}>
          {(target === 'confirmed' || target === 're_positive') && (
            <>
              {target === 'confirmed' && <ConfirmationFields />}
              <Form.Item name="positiveSampleDate" label={t('casesUi.fields.positiveSample')} extra={target === 'confirmed' ? t('casesUi.form.sampleHint') : undefined}>
                <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" disabledDate={notFuture} />
              </Form.Item>
            </>
          )}
          {target === 'recovered' && (
            <Form.Item name="negativeTestDate" label={t('casesUi.fields.negativeTest')} extra={t('casesUi.status.negativeHint')}>
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" disabledDate={notFuture} />
            </Form.Item>
          )}
          {target === 'transferred' && (
            <Form.Item name="transferredTo" label={t('casesUi.fields.transferredTo')} rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          {location && <LocationFields />}
          <Form.Item
            name="note"
            label={t('casesUi.fields.note')}
            rules={target === 'ruled_out' ? [{ required: true, whitespace: true, message: t('casesUi.status.ruledOutNote') }] : []}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function LocationFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const location = Form.useWatch('location', form);
  return (
    <>
      <Form.Item name="location" label={t('casesUi.fields.location')}>
        <Select allowClear options={CASE_LOCATIONS.filter((l) => l !== 'unknown').map((l) => ({ value: l, label: t(`casesUi.locations.${l}`) }))} style={{ maxWidth: 320 }} />
      </Form.Item>
      {location === 'hospital' && (
        <Form.Item name="treatmentTier" label={t('casesUi.fields.tier')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <InputNumber min={1} max={3} precision={0} />
        </Form.Item>
      )}
    </>
  );
}
