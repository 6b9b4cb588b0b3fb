import { useState } from 'react';
import { Card, Radio } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type TaskView } from '../../shared/api/cases.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import TasksTable from './TasksTable';

type Status = (typeof TASK_STATUSES)[number];
const PAGE = 20;

/** The tasks created for this case's contacts. */
export default function TasksCard({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['cases', 'tasks', { caseId, status }, page],
    queryFn: () => api.get<{ total: number; overdue: number; rows: TaskView[] }>('/tracing/tasks', { caseId, status, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  return (
    <Card title={t('casesUi.tasks.ofCase', { count: total })} style={{ marginBottom: 16 }}>
      <div className="toolbar">
        <Radio.Group
          size="small"
          optionType="button"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status);
            setPage(1);
          }}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`casesUi.tasks.statuses.${s}`) }))}
        />
      </div>
      <ErrorAlert error={list.error} />
      <TasksTable
        rows={list.data?.rows ?? []}
        loading={list.isFetching}
        label={t('casesUi.tasks.ofCase', { count: total })}
        hideCase
        pagination={total > PAGE ? { current: page, pageSize: PAGE, total, showSizeChanger: false, onChange: setPage } : false}
      />
    </Card>
  );
}
