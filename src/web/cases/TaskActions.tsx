import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { CheckOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AccountViewDto } from '../../shared/api/auth.js';
import { TASK_OUTCOMES, type TaskView } from '../../shared/api/cases.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import { useCan, useMe } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';

type Dialog = 'complete' | 'assign' | null;
interface Values {
  outcome?: (typeof TASK_OUTCOMES)[number];
  note?: string;
  accountId?: number | 'none';
}

/** Complete a task with its outcome, or hand it to someone (oneself, or for an administrator anyone in the jurisdiction). */
export default function TaskActions({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useMe().data;
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useState('');
  const accounts = useQuery({
    queryKey: ['accounts', 'list', search],
    queryFn: () => api.get<AccountViewDto[]>('/accounts', { search: search || undefined }),
    enabled: dialog === 'assign' && can('accounts.manage'),
  });
  if (task.status !== 'open') return null;

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      if (dialog === 'complete') await api.post(`/tracing/tasks/${task.id}/complete`, { outcome: v.outcome, note: v.note ?? '' });
      else await api.post(`/tracing/tasks/${task.id}/assign`, { accountId: v.accountId === 'none' ? null : v.accountId });
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(t(dialog === 'complete' ? 'casesUi.tasks.completed' : 'casesUi.tasks.assigned'));
      setDialog(null);
    } catch (err) {
      setError(placeServerError(form, err, ['outcome', 'note', 'accountId']));
    } finally {
      setBusy(false);
    }
  }

  const open = (d: Dialog) => {
    setError(null);
    form.resetFields();
    setDialog(d);
  };
  const accountOptions = [
    ...(me ? [{ value: me.accountId, label: t('casesUi.tasks.me', { name: me.displayName }) }] : []),
    ...(accounts.data ?? []).filter((a) => a.active && a.id !== me?.accountId).map((a) => ({ value: a.id, label: `${a.displayName} (${a.unitName})` })),
    { value: 'none' as const, label: t('casesUi.tasks.unassign') },
  ];

  return (
    <>
      <Space size={4}>
        <Button size="small" type="primary" ghost icon={<CheckOutlined />} onClick={() => open('complete')} data-testid="task-complete">
          {t('casesUi.tasks.complete')}
        </Button>
        <Button size="small" icon={<UserSwitchOutlined />} onClick={() => open('assign')} aria-label={t('casesUi.tasks.assign')} title={t('casesUi.tasks.assign')} />
      </Space>
      <Modal
        open={dialog !== null}
        title={t(dialog === 'assign' ? 'casesUi.tasks.assignTitle' : 'casesUi.tasks.completeTitle', { kind: t(`tracing.taskKind.${task.kind}`), name: task.person?.fullName ?? '' })}
        okText={t(dialog === 'assign' ? 'casesUi.tasks.assign' : 'casesUi.tasks.complete')}
        okButtonProps={{ loading: busy }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" name="task" onFinish={(v) => void submit(v)}>
          {dialog === 'complete' ? (
            <>
              <Form.Item name="outcome" label={t('casesUi.tasks.outcome')} rules={[{ required: true, message: t('ui.common.required') }]}>
                <Select options={TASK_OUTCOMES.map((o) => ({ value: o, label: t(`tracing.outcome.${o}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('casesUi.fields.note')}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="accountId" label={t('casesUi.tasks.assignee')} rules={[{ required: true, message: t('ui.common.required') }]}>
              <Select
                showSearch={can('accounts.manage') ? { filterOption: false, onSearch: setSearch } : undefined}
                loading={accounts.isFetching}
                options={accountOptions}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
