import { useState } from 'react';
import { Alert, Button, Checkbox, Radio, Select, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, TASK_STATUSES, type TaskView } from '../../shared/api/cases.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { formatNumber } from '../components/format';
import { useCan } from '../auth/session';
import { useDownload } from '../components/useDownload';
import CasesTabs from './CasesTabs';
import TasksTable from './TasksTable';
import OutcomesUpload from './OutcomesUpload';

const PAGE = 50;
type Kind = (typeof TASK_KINDS)[number];
type Status = (typeof TASK_STATUSES)[number];

/** The commune team's worklist: open tasks soonest due first, late ones counted and marked. */
export default function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (TASK_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : 'open';
  const kind = (TASK_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as Kind) : undefined;
  const unitId = Number(params.get('unit')) || undefined;
  const overdue = params.get('overdue') === '1' || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const list = useQuery({
    queryKey: ['cases', 'tasks', { status, kind, unitId, overdue }, page],
    queryFn: () =>
      api.get<{ total: number; overdue: number; rows: TaskView[] }>('/tracing/tasks', { status, kind, unitId, overdue, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const late = list.data?.overdue ?? 0;
  const can = useCan();
  const file = useDownload();
  const [uploadError, setUploadError] = useState<unknown>(null);

  function update(key: string, value: string | undefined) {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    if (key !== 'page') p.delete('page');
    setParams(p, { replace: true });
  }

  return (
    <>
      <PageTitle>{t('casesUi.tasks.title')}</PageTitle>
      <CasesTabs />
      {status === 'open' && late > 0 && (
        <Alert
          type="error"
          showIcon
          role="status"
          data-testid="tasks-overdue"
          title={t('casesUi.tasks.overdueCount', { count: late, n: formatNumber(late) })}
          action={
            !overdue && (
              <Button size="small" onClick={() => update('overdue', '1')}>
                {t('casesUi.tasks.showOverdue')}
              </Button>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <div className="toolbar" role="search">
        <Radio.Group
          aria-label={t('casesUi.filters.status')}
          optionType="button"
          value={status}
          onChange={(e) => update('status', e.target.value === 'open' ? undefined : (e.target.value as string))}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`casesUi.tasks.statuses.${s}`) }))}
        />
        <Select<Kind | ''>
          aria-label={t('casesUi.tasks.kind')}
          value={kind ?? ''}
          onChange={(v) => update('kind', v || undefined)}
          options={[{ value: '', label: t('casesUi.tasks.allKinds') }, ...TASK_KINDS.map((k) => ({ value: k, label: t(`tracing.taskKind.${k}`) }))]}
          style={{ width: 220 }}
        />
        <div style={{ flex: '0 1 320px', minWidth: 220 }}>
          <UnitSelect aria-label={t('casesUi.filters.unit')} placeholder={t('casesUi.filters.unit')} allowClear value={unitId} onChange={(v) => update('unit', v ? String(v) : undefined)} />
        </div>
        {status === 'open' && (
          <Checkbox checked={!!overdue} onChange={(e) => update('overdue', e.target.checked ? '1' : undefined)}>
            {t('casesUi.tasks.onlyOverdue')}
          </Checkbox>
        )}
        <Space style={{ marginLeft: 'auto' }}>
          {can('people.export') && (
            <Button icon={<DownloadOutlined />} loading={file.busy} disabled={!list.data?.total} onClick={() => void file.download('/tracing/tasks/export', { status, kind, unitId, overdue }, 'nhiem-vu-truy-vet.xlsx')} data-testid="tasks-export">
              {t('casesUi.tasks.export')}
            </Button>
          )}
          <OutcomesUpload onError={setUploadError} />
        </Space>
      </div>
      <ErrorAlert error={list.error ?? file.error ?? uploadError} />
      <TasksTable
        rows={list.data?.rows ?? []}
        loading={list.isFetching}
        label={t('casesUi.tasks.title')}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('casesUi.tasks.total', { count: n }),
          onChange: (p) => update('page', p > 1 ? String(p) : undefined),
        }}
      />
    </>
  );
}
