import type { HTMLAttributes } from 'react';
import { Table, Tag, Typography, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../../shared/api/cases.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { useCan } from '../auth/session';
import TaskActions from './TaskActions';
import { LevelTag } from './tags';

/** Tracing tasks, overdue ones marked so a commune team sees first what is late. */
export default function TasksTable({ rows, loading, pagination, label, hideCase }: { rows: TaskView[]; loading: boolean; pagination: TablePaginationConfig | false; label: string; hideCase?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Table<TaskView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={pagination}
      scroll={{ x: 1100 }}
      aria-label={label}
      data-testid="task-list"
      locale={{ emptyText: t('casesUi.tasks.none') }}
      onRow={(r) =>
        ({
          'data-testid': 'task-row',
          'data-overdue': r.overdue ? 'true' : 'false',
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('casesUi.tasks.due'),
          dataIndex: 'dueAt',
          width: 130,
          fixed: 'start',
          render: (v: string, r) => (
            <>
              <Typography.Text type={r.overdue && r.status === 'open' ? 'danger' : undefined} strong={r.overdue && r.status === 'open'}>
                {formatDateTime(v)}
              </Typography.Text>
              {r.overdue && r.status === 'open' && (
                <Tag color="red" style={{ display: 'block', width: 'fit-content' }}>
                  {t('casesUi.tasks.overdue')}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('casesUi.tasks.kind'), dataIndex: 'kind', width: 160, render: (k: TaskView['kind']) => t(`tracing.taskKind.${k}`) },
        {
          title: t('casesUi.fields.person'),
          key: 'person',
          width: 200,
          render: (_, r) =>
            r.person ? (
              <>
                <Link to={`/people/${r.person.id}`}>{r.person.fullName}</Link>
                <Typography.Text style={{ display: 'block', fontSize: 12 }}>
                  {r.person.phone && <a href={`tel:${r.person.phone}`}>{r.person.phone}</a>}
                  {r.person.phone && r.person.addressLine && ' · '}
                  {r.person.addressLine}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('casesUi.common.outside')}</Typography.Text>
            ),
        },
        { title: t('casesUi.tasks.level'), dataIndex: 'level', width: 60, render: (l: number) => <LevelTag level={l} /> },
        ...(hideCase
          ? []
          : [
              {
                title: t('casesUi.tasks.case'),
                key: 'case',
                width: 100,
                render: (_: unknown, r: TaskView) => (r.caseId && can('cases.read') ? <Link to={`/cases/${r.caseId}`}>{r.caseCode ?? `#${r.caseId}`}</Link> : (r.caseCode ?? '—')),
              },
            ]),
        { title: t('fields.communeId'), dataIndex: 'communeName', width: 140 },
        { title: t('casesUi.tasks.assignee'), key: 'assignee', width: 140, render: (_, r) => r.assignedTo?.name ?? <Typography.Text type="secondary">{t('casesUi.tasks.unassigned')}</Typography.Text> },
        {
          title: t('casesUi.fields.status'),
          key: 'status',
          width: 170,
          // The actions must stay in reach without scrolling sideways on a laptop.
          fixed: 'end',
          render: (_, r) =>
            r.status === 'open' ? (
              <TaskActions task={r} />
            ) : (
              <>
                <Tag color={r.status === 'done' ? 'green' : 'default'}>{t(`casesUi.tasks.statuses.${r.status}`)}</Tag>
                {r.outcome && <div>{t(`tracing.outcome.${r.outcome}`)}</div>}
                {r.doneAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.doneAt)}
                  </Typography.Text>
                )}
                {r.note && <div style={{ fontSize: 12 }}>{r.note}</div>}
              </>
            ),
        },
      ]}
    />
  );
}
