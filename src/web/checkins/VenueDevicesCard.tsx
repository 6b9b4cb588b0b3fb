import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VenueViewDto } from '../../shared/api/checkins.js';
import { api, request } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';

interface Issued {
  id: number;
  label: string;
  deviceKey: string;
}

/**
 * Keys for the venue's own scanning phones. The server keeps only a hash, so a key is shown once,
 * right after it is issued; keys issued here can be revoked while the page is open.
 */
export default function VenueDevicesCard({ venue }: { venue: VenueViewDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ label: string }>();
  const [issued, setIssued] = useState<Issued[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function issue(v: { label: string }) {
    setBusy(true);
    setError(null);
    try {
      const device = await api.post<Issued>(`/checkins/venues/${venue.id}/devices`, v);
      setIssued((list) => [device, ...list]);
      form.resetFields();
    } catch (err) {
      setError(placeServerError(form, err, ['label']));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(d: Issued) {
    setError(null);
    try {
      await request('DELETE', `/checkins/venues/${venue.id}/devices/${d.id}`);
      setIssued((list) => list.filter((x) => x.id !== d.id));
      void message.success(t('ui.checkins.deviceRevoked', { label: d.label }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Card title={t('ui.checkins.devices')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('ui.checkins.devicesIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" name="device" onFinish={(v) => void issue(v)} style={{ marginBottom: 16 }}>
        <div className="toolbar" style={{ alignItems: 'flex-start', marginBottom: 0 }}>
          <Form.Item
            name="label"
            label={t('ui.checkins.deviceLabel')}
            rules={[{ required: true, whitespace: true, message: t('checkins.errors.label_length') }]}
            style={{ marginBottom: 0, flex: '1 1 240px', maxWidth: 360 }}
          >
            <Input maxLength={100} placeholder={t('ui.checkins.deviceLabelPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" loading={busy} style={{ marginTop: 30 }}>
            {t('ui.checkins.issueDevice')}
          </Button>
        </div>
      </Form>
      {issued.length > 0 && (
        <>
          <Alert type="warning" showIcon title={t('ui.checkins.keyOnce')} style={{ marginBottom: 12 }} />
          <List
            dataSource={issued}
            renderItem={(d) => (
              <List.Item
                actions={[
                  <Popconfirm
                    key="revoke"
                    title={t('ui.checkins.revokeConfirm', { label: d.label })}
                    okText={t('ui.checkins.revoke')}
                    cancelText={t('ui.common.cancel')}
                    onConfirm={() => revoke(d)}
                  >
                    <Button size="small" danger aria-label={t('ui.checkins.revokeNamed', { label: d.label })}>
                      {t('ui.checkins.revoke')}
                    </Button>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={d.label}
                  description={
                    <Typography.Text code copyable={{ text: d.deviceKey }} style={{ wordBreak: 'break-all' }} aria-label={t('ui.checkins.deviceKey')}>
                      {d.deviceKey}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
