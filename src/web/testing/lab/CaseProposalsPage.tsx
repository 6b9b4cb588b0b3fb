import { useState } from 'react';
import { Alert, Button, Select, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_STATUSES, type CaseProposalView, type TestType } from '../../../shared/api/testing.js';
import { formatDateTime } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import { serverPaging } from '../../components/paging';
import { useUrlFilters } from '../../components/useUrlFilters';
import { testRow } from '../../cases/domProps';
import TestingTabs from '../TestingTabs';
import { PersonCell } from './parts';

const PAGE = 50;
type Status = (typeof PROPOSAL_STATUSES)[number];
// The proposed status is worded for the middle of a sentence (the commune's message).
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const STATUS_COLORS: Record<Status, string> = { pending: 'gold', created: 'green', existing: 'blue', failed: 'red' };

/** Accepts a proposal: the case opens (or the person's open case is linked). */
function AcceptButton({ proposal, onDone }: { proposal: CaseProposalView; onDone: (after: CaseProposalView) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<CaseProposalView>(`/testing/case-proposals/${proposal.id}/accept`));
      await Promise.all([qc.invalidateQueries({ queryKey: ['testing', 'case-proposals'] }), qc.invalidateQueries({ queryKey: ['cases'] })]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size="small" type="primary" loading={busy} onClick={() => void accept()} data-testid="case-proposal-accept">
        {proposal.status === 'failed' ? t('labWeb.proposals.retry') : t('labWeb.proposals.accept')}
      </Button>
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
}

/** What accepting did, kept on screen after the row leaves the waiting list: the case to open, or why not. */
function Outcome({ p }: { p: CaseProposalView }) {
  const { t } = useTranslation();
  const who = p.person?.fullName ?? p.sampleCode;
  if (p.caseId === null)
    return <Alert type="error" showIcon data-testid="case-proposal-outcome" title={`${who}: ${t('labWeb.proposals.failed', { reason: p.error ? t(p.error) : '' })}`} style={{ marginBottom: 8 }} />;
  return (
    <Alert
      type={p.status === 'created' ? 'success' : 'info'}
      showIcon
      data-testid="case-proposal-outcome"
      title={`${who}: ${t(p.status === 'created' ? 'labWeb.proposals.accepted' : 'labWeb.proposals.linked', { id: p.caseId })}`}
      action={
        <Link to={`/cases/${p.caseId}`} data-testid="case-proposal-case">
          {t('labWeb.proposals.openCase', { id: p.caseId })}
        </Link>
      }
      style={{ marginBottom: 8 }}
    />
  );
}

/** Positive individual results waiting to become cases, oldest first, and what came of the others. */
export default function CaseProposalsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, update] = useUrlFilters();
  const raw = params.get('status');
  const status: Status | undefined = raw === 'all' ? undefined : (PROPOSAL_STATUSES as readonly string[]).includes(raw ?? '') ? (raw as Status) : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [outcomes, setOutcomes] = useState<CaseProposalView[]>([]);

  const list = useQuery({
    queryKey: ['testing', 'case-proposals', { status }, page],
    queryFn: () => api.get<{ total: number; rows: CaseProposalView[] }>('/testing/case-proposals', { status, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  return (
    <>
      <PageTitle>{t('labWeb.proposals.title')}</PageTitle>
      <TestingTabs />
      <Typography.Paragraph type="secondary">{t('labWeb.proposals.intro')}</Typography.Paragraph>
      <div className="toolbar" role="search">
        <Select<Status | 'all'>
          aria-label={t('labWeb.proposals.status')}
          value={status ?? 'all'}
          onChange={(v) => update({ status: v === 'pending' ? undefined : v })}
          options={[...PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`labWeb.proposals.statuses.${s}`) })), { value: 'all' as const, label: t('labWeb.proposals.allStatuses') }]}
          style={{ width: 200 }}
          data-testid="case-proposal-status"
        />
      </div>
      <div aria-live="polite">
        {outcomes.map((p) => (
          <Outcome key={p.id} p={p} />
        ))}
      </div>
      <ErrorAlert error={list.error} />
      <Table<CaseProposalView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1100 }}
        aria-label={t('labWeb.proposals.title')}
        locale={{ emptyText: t('labWeb.proposals.none') }}
        onRow={(r) => testRow('case-proposal-row', { 'data-proposal-id': r.id, 'data-status': r.status, 'data-sample': r.sampleCode })}
        pagination={{
          ...serverPaging({ page, pageSize: PAGE, total: list.data?.total ?? 0, totalText: (n) => t('labWeb.proposals.total', { count: n }), onPage: (p) => update({ page: p > 1 ? String(p) : undefined }) }),
          // The total stays in sight on a single page too.
          hideOnSinglePage: false,
        }}
        columns={[
          { title: t('labWeb.fields.person'), key: 'person', width: 220, render: (_, r) => <PersonCell personId={r.personId} person={r.person} /> },
          { title: t('labWeb.fields.code'), dataIndex: 'sampleCode', width: 140, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: t('labWeb.fields.testType'), dataIndex: 'testType', width: 160, render: (v: TestType) => t(`testing.testType.${v}`) },
          { title: t('labWeb.fields.testedAt'), dataIndex: 'testedAt', width: 140, render: (v: string) => formatDateTime(v) },
          {
            title: t('labWeb.proposals.proposed'),
            key: 'proposed',
            width: 240,
            render: (_, r) => (
              <>
                <Tag color={r.proposedStatus === 'confirmed' ? 'red' : 'orange'}>{upperFirst(t(`testing.proposedStatus.${r.proposedStatus}`))}</Tag>
                {r.criterion && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t(`profiles.f0Criteria.${r.criterion}`, { defaultValue: r.criterion })}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('labWeb.proposals.status'),
            key: 'status',
            width: 200,
            render: (_, r) => (
              <>
                <Tag color={STATUS_COLORS[r.status]}>{t(`labWeb.proposals.statuses.${r.status}`)}</Tag>
                {r.status === 'failed' && r.error && (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                    {t(r.error)}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('labWeb.proposals.case'),
            key: 'case',
            width: 200,
            render: (_, r) =>
              r.caseId !== null ? (
                <Link to={`/cases/${r.caseId}`}>
                  {t('labWeb.proposals.openCase', { id: r.caseId })}
                </Link>
              ) : (
                (r.status === 'pending' || r.status === 'failed') && can('cases.write') && <AcceptButton proposal={r} onDone={(after) => setOutcomes((o) => [after, ...o.filter((x) => x.id !== after.id)])} />
              ),
          },
        ]}
      />
    </>
  );
}
