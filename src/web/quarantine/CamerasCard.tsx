import { useState } from 'react';
import { Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CAMERA_STATUSES, type CameraInput, type CameraView } from '../../shared/api/quarantine.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import FormModal from '../components/FormModal';
import { useActionMessage } from '../components/useActionMessage';
import { useFormSubmit } from '../components/useFormSubmit';
import { useRefresh } from './queries';

const COLORS: Record<CameraView['lastStatus'], string> = { ok: 'green', down: 'red', unknown: 'default' };

/** The facility's registered camera feeds: a link and the last status someone saw (no video is kept). */
export default function CamerasCard({ facilityId, cameras, canEdit }: { facilityId: number; cameras: CameraView[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const act = useActionMessage();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CameraInput>();
  const { busy, error, run } = useFormSubmit(form, ['label', 'url']);

  const add = (v: CameraInput) =>
    run(async () => {
      await api.post(`/quarantine/facilities/${facilityId}/cameras`, v);
      await refresh();
      setOpen(false);
      form.resetFields();
    });

  const setStatus = (c: CameraView, status: CameraView['lastStatus']) =>
    act(async () => {
      await api.post(`/quarantine/facilities/${facilityId}/cameras/${c.id}/status`, { status, checkedAt: null });
      await refresh();
    });

  return (
    <Card
      size="small"
      title={t('quarantineUi.cameras.title')}
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="camera-add">
            {t('quarantineUi.cameras.add')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Table<CameraView>
        rowKey="id"
        size="small"
        dataSource={cameras}
        pagination={false}
        scroll={{ x: 700 }}
        aria-label={t('quarantineUi.cameras.title')}
        locale={{ emptyText: t('quarantineUi.cameras.none') }}
        onRow={(c) => ({ 'data-testid': 'camera-row', 'data-status': c.lastStatus }) as object}
        columns={[
          { title: t('quarantineUi.cameras.label'), dataIndex: 'label', width: 160 },
          {
            title: t('quarantineUi.cameras.url'),
            key: 'url',
            width: 260,
            ellipsis: true,
            render: (_, c) =>
              /^https?:/i.test(c.url) ? (
                <a href={c.url} target="_blank" rel="noreferrer noopener">
                  {c.url}
                </a>
              ) : (
                <code>{c.url}</code>
              ),
          },
          {
            title: t('quarantineUi.cameras.status'),
            key: 'status',
            width: 200,
            render: (_, c) => (
              <>
                <Tag color={COLORS[c.lastStatus]}>{t(`quarantineUi.cameraStatus.${c.lastStatus}`)}</Tag>
                {c.lastCheckedAt && <span style={{ fontSize: 12 }}>{formatDateTime(c.lastCheckedAt)}</span>}
              </>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('quarantineUi.cameras.report'),
                  key: 'report',
                  width: 200,
                  render: (_: unknown, c: CameraView) => (
                    <Space size={4}>
                      {CAMERA_STATUSES.filter((s) => s !== 'unknown').map((s) => (
                        <Button key={s} size="small" onClick={() => void setStatus(c, s)}>
                          {t(`quarantineUi.cameraStatus.${s}`)}
                        </Button>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal open={open} onClose={() => setOpen(false)} title={t('quarantineUi.cameras.add')} form={form} busy={busy} error={error} submitTestId="camera-submit">
        <Form<CameraInput> form={form} layout="vertical" name="camera" onFinish={(v) => void add(v)}>
          <Form.Item name="label" label={t('quarantineUi.cameras.label')} rules={[{ required: true, message: t('quarantine.errors.camera_label_length') }]}>
            <Input maxLength={100} placeholder={t('quarantineUi.cameras.labelPlaceholder')} />
          </Form.Item>
          <Form.Item name="url" label={t('quarantineUi.cameras.url')} extra={t('quarantineUi.cameras.urlHint')} rules={[{ required: true, message: t('quarantine.errors.camera_url_invalid') }]}>
            <Input maxLength={500} placeholder="rtsp://…" />
          </Form.Item>
        </Form>
      </FormModal>
    </Card>
  );
}
