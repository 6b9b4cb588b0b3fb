import { Alert, Radio, Select, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type CampaignView, type resampleTaskView } from '../../../shared/api/testing.js';
import { formatDateTime } from '../../../shared/vn/dates.js';
import type { z } from 'zod';
import { api } from '../../api/client';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import { serverPaging } from '../../components/paging';
import { useUrlFilters } from '../../components/useUrlFilters';
import { testRow } from '../../cases/domProps';
import TestingTabs from '../TestingTabs';
import { PersonCell } from './parts';

const PAGE = 50;
type Task = z.infer<typeof resampleTaskView>;
type Status = (typeof TASK_STATUSES)[number];

/** The people of positive or invalid pools who must be sampled alone, soonest due first. */
export default function ResamplePage() {
  const { t } = useTranslation();
  const [params, update] = useUrlFilters();
  const status = (TASK_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : 'open';
  const campaignId = Number(params.get('campaign')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const list = useQuery({
    queryKey: ['testing', 'resample', { status, campaignId }, page],
    queryFn: () => api.get<{ total: number; rows: Task[] }>('/testing/resample-tasks', { status, campaignId, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const campaigns = useQuery({
    queryKey: ['testing', 'campaigns'],
    queryFn: async () => (await api.get<{ rows: CampaignView[] }>('/testing/campaigns')).rows,
  });
  const campaignName = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));
  const overdue = list.data?.rows.filter((r) => r.overdue).length ?? 0;

  return (
    <>
      <PageTitle>{t('labWeb.resample.title')}</PageTitle>
      <TestingTabs />
      <Typography.Paragraph type="secondary">{t('labWeb.resample.intro')}</Typography.Paragraph>
      {overdue > 0 && <Alert type="error" showIcon role="status" data-testid="resample-overdue" title={t('labWeb.resample.overdueCount', { count: overdue })} style={{ marginBottom: 16 }} />}
      <div className="toolbar" role="search">
        <Radio.Group
          aria-label={t('labWeb.resample.status')}
          optionType="button"
          value={status}
          onChange={(e) => update({ status: e.target.value === 'open' ? undefined : (e.target.value as string) })}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`labWeb.resample.statuses.${s}`) }))}
        />
        <Select<number | 0>
          aria-label={t('labWeb.resample.campaign')}
          value={campaignId ?? 0}
          loading={campaigns.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => update({ campaign: v ? String(v) : undefined })}
          options={[{ value: 0, label: t('labWeb.resample.allCampaigns') }, ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          style={{ width: 320 }}
        />
      </div>
      <ErrorAlert error={list.error} />
      <Table<Task>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1000 }}
        aria-label={t('labWeb.resample.title')}
        locale={{ emptyText: t('labWeb.resample.none') }}
        onRow={(r) => testRow('resample-row', { 'data-task-id': r.id, 'data-pool': r.poolCode ?? '', 'data-person-id': r.personId })}
        pagination={{
          ...serverPaging({ page, pageSize: PAGE, total: list.data?.total ?? 0, totalText: (n) => t('labWeb.resample.total', { count: n }), onPage: (p) => update({ page: p > 1 ? String(p) : undefined }) }),
          // The total stays in sight on a single page too.
          hideOnSinglePage: false,
        }}
        columns={[
          { title: t('labWeb.fields.person'), key: 'person', width: 220, render: (_, r) => <PersonCell personId={r.personId} person={r.person} /> },
          { title: t('labWeb.common.pool'), dataIndex: 'poolCode', width: 140, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
          { title: t('labWeb.resample.sample'), dataIndex: 'sampleCode', width: 140, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: t('labWeb.resample.reason'), dataIndex: 'reason', width: 150, render: (v: Task['reason']) => t(`testing.resampleReason.${v}`) },
          {
            title: t('labWeb.resample.due'),
            key: 'due',
            width: 190,
            render: (_, r) => (
              <>
                {formatDateTime(r.dueAt)}
                {r.overdue && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('labWeb.resample.overdue')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('labWeb.resample.campaign'), dataIndex: 'campaignId', width: 200, render: (v: number | null) => (v === null ? '—' : (campaignName.get(v) ?? `#${v}`)) },
          { title: t('labWeb.resample.status'), dataIndex: 'status', width: 140, render: (v: Status) => <Tag color={v === 'open' ? 'blue' : v === 'done' ? 'green' : 'default'}>{t(`labWeb.resample.statuses.${v}`)}</Tag> },
          { title: t('labWeb.resample.newSample'), dataIndex: 'newSampleCode', width: 140, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
        ]}
      />
    </>
  );
}
