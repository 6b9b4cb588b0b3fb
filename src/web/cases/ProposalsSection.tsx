import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ProposalView } from '../../shared/api/cases.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import { formatNumber } from '../components/format';
import EvidenceText, { evidenceValue } from './EvidenceText';
import { testRow } from './domProps';
import { LevelTag } from './tags';
import { groupProposals, type ProposalGroup } from './proposalGroups';
import { useDecide } from './useDecide';

// Facts the group's header already gives are not repeated on every row.
const OMIT: Partial<Record<ProposalView['setting'], string[]>> = {
  venue: ['venueName', 'venueAddress', 'subjectIn', 'subjectOut', 'overlapEnd'],
  vehicle: ['vehicleNumber', 'vehicleType', 'departureDate', 'subjectSeat'],
  household: ['addressLine'],
};

/** When the traced person was there (a visit), which trip (a vehicle), which address (a household). */
function GroupFacts({ g }: { g: ProposalGroup }) {
  const { t } = useTranslation();
  const e = g.rows[0].evidence;
  const text = (v: unknown) => evidenceValue(v, '', '');
  let facts: string | null = null;
  if (g.setting === 'venue' && e.subjectIn)
    facts = e.subjectOut ? t('casesUi.proposals.visitTimes', { in: text(e.subjectIn), out: text(e.subjectOut) }) : t('casesUi.proposals.visitNoOut', { in: text(e.subjectIn) });
  else if (g.setting === 'vehicle') facts = [e.vehicleNumber, e.departureDate, e.subjectSeat ? `${t('casesUi.evidence.subjectSeat')} ${text(e.subjectSeat)}` : null].filter(Boolean).map(text).join(' · ');
  else if (g.setting === 'household' && e.addressLine) facts = text(e.addressLine);
  else if (g.from) facts = formatDateTime(g.from);
  return facts ? <Typography.Text type="secondary">{facts}</Typography.Text> : null;
}

export default function ProposalsSection({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const mayDecide = can('tracing.decide');
  const list = useQuery({
    queryKey: ['cases', 'proposals', caseId],
    queryFn: () => api.get<{ total: number; rows: ProposalView[] }>('/tracing/proposals', { caseId, status: 'pending', limit: 1000 }),
  });
  const { decide, busy, error } = useDecide();
  const groups = groupProposals(list.data?.rows ?? []);
  const name = (p: ProposalView) => p.candidate?.fullName ?? t('casesUi.common.outside');

  return (
    <section aria-labelledby="proposals-title" data-testid="proposals" style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id="proposals-title" style={{ fontSize: 18 }}>
        {t('casesUi.proposals.title', { count: list.data?.total ?? 0 })}
      </Typography.Title>
      <ErrorAlert error={list.error ?? error} />
      {list.data && groups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('casesUi.proposals.none')} />}
      {list.data && list.data.total > list.data.rows.length && (
        <Typography.Paragraph type="warning">{t('casesUi.proposals.more', { shown: list.data.rows.length, total: list.data.total })}</Typography.Paragraph>
      )}
      {groups.map((g) => (
        <Card
          key={g.key}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={g.visitId != null ? 'proposal-visit' : 'proposal-group'}
          data-visit-id={g.visitId ?? undefined}
        >
          {/* Not the card's title: a title is cut to one line, and on a phone the buttons would leave it no room. */}
          <div className="toolbar" style={{ justifyContent: 'space-between', marginBottom: 8 }}>
            <Space wrap size={4} style={{ fontWeight: 600 }}>
              <LevelTag level={g.subject.level} />
              {g.subject.fullName ? <Link to={`/people/${g.subject.id}`}>{g.subject.fullName}</Link> : t('casesUi.common.outside')}
              <span>·</span>
              <span>{g.venue ? g.venue.name : t(`cases.setting.${g.setting}`)}</span>
              <GroupFacts g={g} />
              <Typography.Text type="secondary">({t('casesUi.proposals.candidates', { count: g.rows.length })})</Typography.Text>
            </Space>
            {mayDecide && (
              <Space wrap>
                <Button
                  type="primary"
                  size="small"
                  icon={<CheckOutlined />}
                  loading={busy === `all-${g.key}`}
                  data-testid="accept-visit"
                  onClick={() =>
                    void decide(`all-${g.key}`, g.visitId != null ? { decision: 'accept', subjectVisitId: g.visitId } : { decision: 'accept', ids: g.rows.map((r) => r.id) })
                  }
                >
                  {t(g.visitId != null ? 'casesUi.proposals.acceptVisit' : 'casesUi.proposals.acceptGroup')}
                </Button>
                <Button
                  size="small"
                  loading={busy === `none-${g.key}`}
                  onClick={() =>
                    void decide(`none-${g.key}`, g.visitId != null ? { decision: 'reject', subjectVisitId: g.visitId } : { decision: 'reject', ids: g.rows.map((r) => r.id) })
                  }
                >
                  {t('casesUi.proposals.rejectAll')}
                </Button>
              </Space>
            )}
          </div>
          <Table<ProposalView>
            rowKey="id"
            size="small"
            dataSource={g.rows}
            pagination={g.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 860 }}
            onRow={(p) => testRow('proposal-row', { 'data-candidate-id': p.candidateId })}
            columns={[
              {
                title: t('casesUi.proposals.candidate'),
                key: 'candidate',
                width: 200,
                render: (_, p) =>
                  p.candidate ? (
                    <>
                      <Link to={`/people/${p.candidate.id}`}>{p.candidate.fullName}</Link>
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {[p.candidate.birthYear, p.candidate.phone, p.candidate.communeName].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </>
                  ) : (
                    <Typography.Text type="secondary">{t('casesUi.common.outside')}</Typography.Text>
                  ),
              },
              { title: t('casesUi.proposals.currentLevel'), dataIndex: 'candidateLevel', width: 100, render: (l: number | null) => <LevelTag level={l} /> },
              {
                title: t('casesUi.proposals.overlap'),
                key: 'overlap',
                width: 170,
                render: (_, p) => (
                  <>
                    {p.overlapStart ? formatDateTime(p.overlapStart) : t(`cases.setting.${p.setting}`)}
                    {p.overlapMinutes != null && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('casesUi.proposals.minutes', { count: p.overlapMinutes, n: formatNumber(p.overlapMinutes) })}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              { title: t('casesUi.proposals.evidence'), key: 'evidence', render: (_, p) => <EvidenceText evidence={p.evidence} omit={OMIT[p.setting] ?? []} /> },
              ...(mayDecide
                ? [
                    {
                      title: t('ui.common.actions'),
                      key: 'actions',
                      width: 200,
                      render: (_: unknown, p: ProposalView) => (
                        <Space>
                          <Button size="small" type="primary" ghost icon={<CheckOutlined />} loading={busy === `a-${p.id}`} aria-label={t('casesUi.proposals.acceptNamed', { name: name(p) })} data-testid="proposal-accept" onClick={() => void decide(`a-${p.id}`, { decision: 'accept', ids: [p.id] })}>
                            {t('casesUi.proposals.accept')}
                          </Button>
                          <Button size="small" icon={<CloseOutlined />} loading={busy === `r-${p.id}`} aria-label={t('casesUi.proposals.rejectNamed', { name: name(p) })} data-testid="proposal-reject" onClick={() => void decide(`r-${p.id}`, { decision: 'reject', ids: [p.id] })}>
                            {t('casesUi.proposals.reject')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ))}
    </section>
  );
}
