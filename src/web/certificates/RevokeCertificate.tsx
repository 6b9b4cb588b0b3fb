import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CertificateViewDto } from '../../shared/api/certificates.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';

/** Withdraws one certificate with a reason; verifiers refuse it once they fetch the revocation list. */
export default function RevokeCertificate({ certificate }: { certificate: CertificateViewDto }) {
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
      await api.post<CertificateViewDto>(`/certificates/${certificate.id}/revoke`, { reason: v.reason.trim() });
      await qc.invalidateQueries({ queryKey: ['certificates', 'person', certificate.personId] });
      void message.success(t('labWeb.certificates.revoked'));
      setOpen(false);
    } catch (err) {
      setError(placeServerError(form, err, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size="small" danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="certificate-revoke">
        {t('labWeb.certificates.revoke')}
      </Button>
      <Modal
        open={open}
        title={t('labWeb.certificates.revokeTitle', { uvci: certificate.uvci })}
        okText={t('labWeb.certificates.confirm')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'certificate-revoke-confirm' }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('labWeb.certificates.revokeWarning')} style={{ marginBottom: 16 }} />
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" name="revoke-certificate" onFinish={(v) => void submit(v)}>
          <Form.Item name="reason" label={t('labWeb.certificates.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('labWeb.certificates.reasonRule') }]}>
            <Input.TextArea rows={3} maxLength={500} autoFocus data-testid="certificate-revoke-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
