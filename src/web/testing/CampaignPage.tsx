import { useState } from 'react';
import { Card, Descriptions, Progress, Radio, Table, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CampaignView, MembersResponse } from '../../shared/api/testing.js';
import { formatDate, formatDateTime, todayInVietnam } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { birthText, docText } from '../people/format';
import { progressPct, runsOn, spacedCode } from './model';
import { CampaignStatusTag } from './tags';
import TargetText from './TargetText';
import TestingTabs from './TestingTabs';

const PAGE = 50;
type Member = MembersResponse['rows'][number];

export default function CampaignPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const today = todayInVietnam();
  const campaign = useQuery({ queryKey: ['testing', 'campaign', id], queryFn: () => api.get<CampaignView>(`/testing/campaigns/${id}`) });
  const c = campaign.data;
  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/testing">← {t('testingUi.campaigns.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          c &&
          can('testing.sample') &&
          runsOn(c, today) && (
            <LinkButton to={`/testing/sampling?campaign=${c.id}`} type="primary" icon={<ExperimentOutlined />} data-testid="campaign-sampling">
              {t('testingUi.campaign.openStation')}
            </LinkButton>
          )
        }
      >
        {c ? (
          <span data-testid="campaign-title">
            {c.name} <CampaignStatusTag c={c} today={today} />
          </span>
        ) : (
          t('ui.common.loading')
        )}
      </PageTitle>
      <TestingTabs />
      <Card loading={campaign.isPending} style={{ marginBottom: 16 }}>
        {c && (
          <>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'unit', label: t('testingUi.fields.unit'), children: c.unit.name },
                { key: 'dates', label: t('testingUi.fields.dates'), children: `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}` },
                { key: 'target', label: t('testingUi.fields.target'), children: <TargetText c={c} /> },
                { key: 'sites', label: t('testingUi.fields.sites'), children: c.sites.map((s) => s.name).join(', ') },
                {
                  key: 'draw',
                  label: t('testingUi.fields.draw'),
                  children: (
                    <span data-testid="campaign-draw-info">
                      {c.sharePct === null
                        ? t('testingUi.campaign.drawAll', { members: formatNumber(c.members) })
                        : t('testingUi.campaign.drawShare', { pct: formatNumber(c.sharePct), members: formatNumber(c.members), candidates: formatNumber(c.candidates), seed: c.seed })}
                    </span>
                  ),
                },
                {
                  key: 'outside',
                  label: t('testingUi.fields.outsideJurisdiction'),
                  children: c.outsideJurisdiction ? <Tag color="orange">{formatNumber(c.outsideJurisdiction)}</Tag> : '0',
                },
                {
                  key: 'pooling',
                  label: t('testingUi.fields.pooling'),
                  children:
                    c.pooling === 'none'
                      ? t('testingUi.pooling.none')
                      : [t(`testingUi.pooling.${c.pooling}`, { size: c.poolSize }), c.poolGroupBy ? t(`testingUi.poolGroup.${c.poolGroupBy}`) : null].filter(Boolean).join(' · '),
                },
                { key: 'resample', label: t('testingUi.fields.resampleDueHours'), children: t('testingUi.campaign.hours', { count: c.resampleDueHours }) },
                { key: 'created', label: t('testingUi.fields.createdAt'), children: formatDateTime(c.createdAt) },
              ]}
            />
            <div style={{ marginTop: 16, maxWidth: 520 }} data-testid="campaign-progress">
              <Typography.Text>{t('testingUi.campaign.progress', { done: formatNumber(c.sampledMembers), members: formatNumber(c.members), sampled: formatNumber(c.sampled) })}</Typography.Text>
              <Progress percent={progressPct(c)} />
            </div>
          </>
        )}
      </Card>
      {c && <MembersCard campaignId={c.id} />}
    </>
  );
}

function MembersCard({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'' | 'pending' | 'sampled'>('');
  const [page, setPage] = useState(1);
  const members = useQuery({
    queryKey: ['testing', 'campaign', String(campaignId), 'members', status, page],
    queryFn: () => api.get<MembersResponse>(`/testing/campaigns/${campaignId}/members`, { status: status || undefined, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={t('testingUi.campaign.members')}
      extra={
        <Radio.Group
          optionType="button"
          size="small"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as typeof status);
            setPage(1);
          }}
          options={[
            { value: '', label: t('testingUi.campaign.all') },
            { value: 'pending', label: t('testingUi.campaign.pending') },
            { value: 'sampled', label: t('testingUi.campaign.sampled') },
          ]}
        />
      }
    >
      <ErrorAlert error={members.error} />
      <Table<Member>
        rowKey="personId"
        size="small"
        loading={members.isFetching}
        dataSource={members.data?.rows ?? []}
        scroll={{ x: 900 }}
        aria-label={t('testingUi.campaign.members')}
        locale={{ emptyText: t('testingUi.campaign.noMembers') }}
        onRow={(m) => testRow('member-row', { 'data-person-id': m.personId })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: members.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('testingUi.campaign.membersTotal', { count: n }),
          onChange: setPage,
        }}
        columns={[
          { title: '#', dataIndex: 'rank', width: 70 },
          {
            title: t('testingUi.fields.person'),
            key: 'person',
            width: 230,
            render: (_, m) =>
              m.person ? (
                <>
                  <Link to={`/people/${m.personId}`}>{m.person.fullName}</Link>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {[birthText(m.person), m.person.communeName].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary">{t('testingUi.common.outsideJurisdiction')}</Typography.Text>
              ),
          },
          { title: t('testingUi.fields.document'), key: 'doc', width: 190, render: (_, m) => (m.person ? docText(t, m.person) : '') },
          { title: t('testingUi.fields.phone'), key: 'phone', width: 130, render: (_, m) => m.person?.phone ?? '' },
          { title: t('testingUi.fields.address'), key: 'address', width: 220, render: (_, m) => m.person?.addressLine ?? '' },
          {
            title: t('testingUi.fields.sample'),
            dataIndex: 'sampleCode',
            width: 160,
            render: (code: string | null) => (code ? <Typography.Text code>{spacedCode(code)}</Typography.Text> : <Tag>{t('testingUi.campaign.pending')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}
