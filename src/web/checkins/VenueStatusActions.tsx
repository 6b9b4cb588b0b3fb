import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { CheckCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VenueViewDto } from '../../shared/api/checkins.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';

/** Activate a pending venue, suspend an active one (with the reason) or reactivate a suspended one. */
export default function VenueStatusActions({ venue }: { venue: VenueViewDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [suspending, setSuspending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function change(path: 'activate' | 'suspend', body: object, done: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<VenueViewDto>(`/checkins/venues/${venue.id}/${path}`, body);
      qc.setQueryData(['venues', 'detail', String(venue.id)], updated);
      await qc.invalidateQueries({ queryKey: ['venues', 'list'] });
      void message.success(done);
      setSuspending(false);
      form.resetFields();
    } catch (err) {
      setError(path === 'suspend' ? placeServerError(form, err, ['reason']) : err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {venue.status === 'active' ? (
        <Button danger icon={<PauseCircleOutlined />} onClick={() => setSuspending(true)}>
          {t('ui.checkins.suspend')}
        </Button>
      ) : (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={busy}
          onClick={() => void change('activate', {}, t(venue.status === 'pending' ? 'ui.checkins.activated' : 'ui.checkins.reactivated'))}
        >
          {t(venue.status === 'pending' ? 'ui.checkins.activate' : 'ui.checkins.reactivate')}
        </Button>
      )}
      {!suspending && <ErrorAlert error={error} />}
      <Modal
        open={suspending}
        title={t('ui.checkins.suspendTitle', { name: venue.name })}
        okText={t('ui.checkins.suspend')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => {
          setSuspending(false);
          setError(null);
        }}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" name="suspend" onFinish={(v) => void change('suspend', v, t('ui.checkins.suspended'))}>
          <Form.Item name="reason" label={t('fields.reason')} rules={[{ required: true, whitespace: true, message: t('checkins.errors.reason_length') }]}>
            <Input.TextArea rows={3} maxLength={500} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
