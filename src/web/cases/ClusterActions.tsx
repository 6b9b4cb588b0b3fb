import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { DownOutlined, EditOutlined, NodeExpandOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClusterView } from '../../shared/api/cases.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { useFormSubmit } from '../components/useFormSubmit';
import { useCan } from '../auth/session';
import { useBulkDecision } from './useBulkDecision';

/**
 * Rename a cluster (the detected name is a guess), close it when the outbreak there is over, or
 * expand it at once: every proposed contact of its cases accepted (F1), then theirs (F2). An
 * expansion runs on the server in the background; the button shows it until it ends.
 */
export default function ClusterActions({ cluster }: { cluster: ClusterView }) {
  const { t } = useTranslation();
  const can = useCan();
  const expand = useBulkDecision(cluster.deciding?.id ?? null);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [renaming, setRenaming] = useState(false);
  const { busy, error, run } = useFormSubmit(form, ['name']);

  const post = (path: string, body: object, done: string) =>
    run(async () => {
      await api.post(`/tracing/clusters/${cluster.id}/${path}`, body);
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(done);
      setRenaming(false);
    });

  return (
    <>
      <Space size={4} wrap>
        <Button size="small" icon={<EditOutlined />} onClick={() => setRenaming(true)}>
          {t('casesUi.clusters.rename')}
        </Button>
        {cluster.status === 'active' && can('tracing.decide') && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: (['cases', 'contacts'] as const).map((subjects) => ({ key: subjects, label: t(`casesUi.clusters.${subjects === 'cases' ? 'acceptF1' : 'acceptF2'}`) })),
              onClick: ({ key }) => {
                const subjects = key as 'cases' | 'contacts';
                const label = subjects === 'cases' ? 'acceptF1' : 'acceptF2';
                modal.confirm({
                  title: t(`casesUi.clusters.${label}`),
                  content: t(`casesUi.clusters.${label}Confirm`, { name: cluster.name }),
                  okText: t(`casesUi.clusters.${label}`),
                  cancelText: t('ui.common.cancel'),
                  onOk: () => void expand.queue({ decision: 'accept', clusterId: cluster.id, subjects }),
                });
              },
            }}
          >
            <Button size="small" icon={<NodeExpandOutlined />} loading={expand.running} disabled={expand.running} data-testid="cluster-expand">
              {expand.running ? t(`casesUi.clusters.${expand.decision?.status === 'running' ? 'deciding' : 'decisionWaiting'}`) : t('casesUi.clusters.expand')} {!expand.running && <DownOutlined />}
            </Button>
          </Dropdown>
        )}
        {cluster.status === 'active' && (
          <Popconfirm
            title={t('casesUi.clusters.closeConfirm', { name: cluster.name })}
            okText={t('casesUi.clusters.close')}
            cancelText={t('ui.common.cancel')}
            onConfirm={() => post('close', {}, t('casesUi.clusters.closed'))}
          >
            <Button size="small" icon={<StopOutlined />} loading={busy && !renaming}>
              {t('casesUi.clusters.close')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {!renaming && <ErrorAlert error={error ?? expand.error} />}
      <Modal
        open={renaming}
        title={t('casesUi.clusters.renameTitle')}
        okText={t('ui.common.save')}
        okButtonProps={{ loading: busy }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setRenaming(false)}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" name="cluster-rename" initialValues={{ name: cluster.name }} onFinish={(v) => void post('rename', v, t('ui.common.saved'))}>
          <Form.Item name="name" label={t('casesUi.clusters.name')} rules={[{ required: true, whitespace: true, min: 3, message: t('casesUi.clusters.nameRule') }]}>
            <Input maxLength={200} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
