import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';

/** Withdraws a wrongly recorded exposure (kept, marked removed); the levels that rested on it fall back. */
export default function RemoveExposure({ exposureId, label }: { exposureId: number; label: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(v: { reason: string }) {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ levelChanges: number }>(`/tracing/exposures/${exposureId}/remove`, v);
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(t('casesUi.person.removed', { count: r.levelChanges }));
      setOpen(false);
    } catch (err) {
      setError(placeServerError(form, err, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('casesUi.person.removeNamed', { name: label })} title={t('casesUi.person.remove')} onClick={() => setOpen(true)} />
      <Modal
        open={open}
        title={t('casesUi.person.removeTitle', { name: label })}
        okText={t('casesUi.person.remove')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" name="remove-exposure" onFinish={(v) => void submit(v)}>
          <Form.Item name="reason" label={t('fields.reason')} rules={[{ required: true, whitespace: true, min: 3, message: t('casesUi.person.reasonRule') }]}>
            <Input.TextArea rows={2} maxLength={500} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
