import { Button, Radio, Table, Typography } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TRIAGE_STATUSES, type DeclarationSummary, type TriageStatus, type WorklistResponse } from '../../shared/api/declarations.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { useProfileNames } from './names';
import { ReasonTags, StatusTag } from './ReasonTags';

const PAGE = 50;

export default function WorklistPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (TRIAGE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as TriageStatus) : 'pending';
  const unitId = Number(params.get('unit')) || undefined;
  const names = useProfileNames();

  const list = useInfiniteQuery({
    queryKey: ['declarations', 'worklist', status, unitId],
    queryFn: ({ pageParam }) => api.get<WorklistResponse>('/declarations/worklist', { status, unitId, limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * PAGE : undefined),
  });
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  function update(key: string, value: string | undefined) {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  }

  return (
    <>
      <PageTitle
        extra={
          <LinkButton to="/declarations/outbreak-areas" icon={<GlobalOutlined />}>
            {t('ui.declarations.outbreakAreas')}
          </LinkButton>
        }
      >
        {t('ui.declarations.worklistTitle')}
      </PageTitle>
      <div className="toolbar" role="search">
        <Radio.Group
          aria-label={t('ui.declarations.statusFilter')}
          optionType="button"
          value={status}
          onChange={(e) => update('status', e.target.value === 'pending' ? undefined : (e.target.value as string))}
          options={(['pending', 'handled', 'not_needed'] as const).map((s) => ({ value: s, label: t(`declarations.triageStatuses.${s}`) }))}
        />
        <div style={{ flex: '0 1 320px', minWidth: 220 }}>
          <UnitSelect
            aria-label={t('ui.declarations.unitFilter')}
            placeholder={t('ui.declarations.unitFilter')}
            allowClear
            value={unitId}
            onChange={(v) => update('unit', v ? String(v) : undefined)}
          />
        </div>
      </div>
      <ErrorAlert error={list.error} />
      <Table<DeclarationSummary>
        rowKey="id"
        size="small"
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 980 }}
        aria-label={t('ui.declarations.worklistTitle')}
        locale={{ emptyText: t(status === 'pending' ? 'ui.declarations.nonePending' : 'ui.declarations.none') }}
        columns={[
          {
            title: t('ui.declarations.submittedAt'),
            dataIndex: 'submittedAt',
            width: 150,
            fixed: 'start',
            render: (v: string, r) => (
              <Link to={`/declarations/${r.id}`} aria-label={t('ui.declarations.openDeclaration', { id: r.id, name: r.fullName })}>
                {formatDateTime(v)}
              </Link>
            ),
          },
          {
            title: t('fields.fullName'),
            dataIndex: 'fullName',
            width: 190,
            render: (v: string, r) => (
              <>
                <Link to={`/people/${r.personId}`}>{v}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[r.birthYear, r.phone].filter(Boolean).join(' · ')}
                </Typography.Text>
              </>
            ),
          },
          { title: t('fields.communeId'), dataIndex: 'communeName', width: 160 },
          { title: t('fields.kind'), dataIndex: 'kind', width: 170, render: (k: DeclarationSummary['kind']) => t(`declarations.kinds.${k}`) },
          { title: t('ui.declarations.reasons'), key: 'reasons', render: (_, r) => <ReasonTags reasons={r.triageReasons} names={names} /> },
          {
            title: t('ui.declarations.status'),
            key: 'status',
            width: 170,
            render: (_, r) => (
              <>
                <StatusTag status={r.triageStatus} />
                {r.lastAction && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t(`declarations.triageActions.${r.lastAction.action}`)} · {formatDateTime(r.lastAction.at)}
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('ui.common.loadMore')}
          </Button>
        )}
        {rows.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} aria-live="polite">
            {t('ui.declarations.shown', { count: rows.length })}
          </Typography.Paragraph>
        )}
      </div>
    </>
  );
}
