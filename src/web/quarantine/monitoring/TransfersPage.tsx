import { useState } from 'react';
import { Button, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_STATUSES } from '../../../shared/api/quarantine.js';
import type { TransferProposalView } from '../../../shared/api/quarantine-monitoring.js';
import { formatDateTime } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import { formatNumber } from '../../components/format';
import { testRow } from '../../cases/domProps';
import { QUARANTINE_KEY, useFacilities } from '../queries';
import QuarantineTabs from '../QuarantineTabs';
import DecideProposal, { type Decision } from './DecideProposal';
import { proposalsQueryOf } from './model';
import { useSymptomNames } from './queries';
import WarningSigns from './WarningSigns';
import { serverPaging } from '../../components/paging';
import { useUrlFilters } from '../../components/useUrlFilters';

const STATUS_COLOR = { pending: 'orange', accepted: 'green', rejected: 'default' } as const;

/** /quarantine/transfers: proposals to move a patient up a tier, raised by warning signs; pending ones first. */
export default function TransfersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, set] = useUrlFilters();
  const { page, ...query } = proposalsQueryOf(params);
  const facilities = useFacilities();
  const symptoms = useSymptomNames();
  const [decision, setDecision] = useState<Decision | null>(null);
  const list = useQuery({
    queryKey: [...QUARANTINE_KEY, 'transfer-proposals', query],
    queryFn: () => api.get<{ total: number; rows: TransferProposalView[] }>('/quarantine/transfer-proposals', { ...query }),
  });
  const tier = (n: number | null) => (n === null ? t('quarantineMonitoringUi.tier.none') : t('quarantineMonitoringUi.tier.n', { tier: n }));

  return (
    <>
      <PageTitle>{t('quarantineMonitoringUi.transfers.title')}</PageTitle>
      <QuarantineTabs />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={params.get('status') === 'all' ? 'all' : (query.status ?? 'pending')}
          onChange={(v) => set({ status: v === 'pending' ? undefined : String(v) })}
          options={[...PROPOSAL_STATUSES.map((s) => ({ value: s as string, label: t(`quarantineMonitoringUi.proposalStatus.${s}`) })), { value: 'all', label: t('quarantineMonitoringUi.transfers.all') }]}
          data-testid="transfers-status"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('quarantineMonitoringUi.transfers.allFacilities')}
          aria-label={t('quarantineMonitoringUi.transfers.fromFacility')}
          value={query.facilityId}
          onChange={(v?: number) => set({ facilityId: v ? String(v) : undefined })}
          options={(facilities.data?.rows ?? []).map((f) => ({ value: f.id, label: f.name }))}
          style={{ width: 320 }}
        />
        {query.stayId && (
          <Tag closable onClose={() => set({ stayId: undefined })}>
            {t('quarantineMonitoringUi.transfers.stayFilter', { id: query.stayId })}
          </Tag>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<TransferProposalView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1040 }}
        aria-label={t('quarantineMonitoringUi.transfers.title')}
        locale={{ emptyText: t('quarantineMonitoringUi.transfers.none') }}
        onRow={(p) => testRow('transfer-row', { 'data-id': p.id, 'data-stay-id': p.stayId, 'data-from-tier': p.fromTier ?? '', 'data-to-tier': p.toTier, 'data-status': p.status })}
        pagination={serverPaging({
          page,
          pageSize: query.limit,
          total: list.data?.total ?? 0,
          totalText: (n) => t('quarantineMonitoringUi.transfers.total', { count: n, n: formatNumber(n) }),
          onPage: (p) => set({ page: p > 1 ? String(p) : undefined }),
        })}
        columns={[
          {
            title: t('quarantineMonitoringUi.transfers.person'),
            key: 'person',
            width: 200,
            render: (_, p) => (
              <>
                <Link to={`/quarantine/stays/${p.stayId}`}>{p.person?.fullName ?? `#${p.stayId}`}</Link>
                {p.person && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {[p.person.birthYear, t(`people.sex.${p.person.sex}`), p.person.communeName].join(' · ')}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t('quarantineMonitoringUi.transfers.fromFacility'), key: 'facility', width: 170, render: (_, p) => p.facility?.name ?? t('quarantineUi.place.home') },
          {
            title: t('quarantineMonitoringUi.transfers.tiers'),
            key: 'tiers',
            width: 130,
            render: (_, p) => (
              <span>
                {tier(p.fromTier)} <ArrowRightOutlined style={{ fontSize: 11 }} /> <Typography.Text strong>{tier(p.toTier)}</Typography.Text>
              </span>
            ),
          },
          { title: t('quarantineMonitoringUi.transfers.reasons'), key: 'reasons', width: 220, render: (_, p) => <WarningSigns signs={p.reasons} symptoms={symptoms} /> },
          { title: t('quarantineMonitoringUi.transfers.createdAt'), key: 'at', width: 120, render: (_, p) => formatDateTime(p.createdAt) },
          {
            title: t('quarantineMonitoringUi.transfers.status'),
            key: 'status',
            width: 200,
            render: (_, p) => (
              <>
                <Tag color={STATUS_COLOR[p.status]}>{t(`quarantineMonitoringUi.proposalStatus.${p.status}`)}</Tag>
                {p.status === 'pending' && can('quarantine.admit') && (
                  <Space size={4} style={{ marginTop: 6, display: 'flex' }}>
                    <Button size="small" type="primary" onClick={() => setDecision({ proposal: p, action: 'accept' })} data-testid="transfer-accept">
                      {t('quarantineMonitoringUi.transfers.accept')}
                    </Button>
                    <Button size="small" danger onClick={() => setDecision({ proposal: p, action: 'reject' })} data-testid="transfer-reject">
                      {t('quarantineMonitoringUi.transfers.reject')}
                    </Button>
                  </Space>
                )}
                {p.decidedAt && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {[formatDateTime(p.decidedAt), p.decidedBy?.name].filter(Boolean).join(' · ')}
                  </Typography.Text>
                )}
                {p.decisionNote && <div style={{ fontSize: 12 }}>{p.decisionNote}</div>}
                {p.transferredStayId && (
                  <Link to={`/quarantine/stays/${p.transferredStayId}`} style={{ fontSize: 12 }}>
                    {t('quarantineMonitoringUi.transfers.newStay', { id: p.transferredStayId })}
                  </Link>
                )}
              </>
            ),
          },
        ]}
      />
      <DecideProposal decision={decision} onClose={() => setDecision(null)} />
    </>
  );
}
