import { Progress, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../shared/api/testing.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { progressPct } from './model';
import { useCampaigns } from './queries';
import SitesLabsCard from './SitesLabsCard';
import { CampaignStatusTag, TargetSummary } from './tags';
import TestingTabs from './TestingTabs';

export default function CampaignsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const campaigns = useCampaigns();
  const today = todayInVietnam();

  return (
    <>
      <PageTitle
        extra={
          can('testing.manage') && (
            <LinkButton to="/testing/campaigns/new" type="primary" icon={<PlusOutlined />} data-testid="campaign-create">
              {t('testingUi.campaigns.create')}
            </LinkButton>
          )
        }
      >
        {t('testingUi.campaigns.title')}
      </PageTitle>
      <TestingTabs />
      <ErrorAlert error={campaigns.error} />
      <Table<CampaignView>
        rowKey="id"
        size="small"
        loading={campaigns.isFetching}
        dataSource={campaigns.data?.rows ?? []}
        scroll={{ x: 1030 }}
        aria-label={t('testingUi.campaigns.title')}
        locale={{ emptyText: t('testingUi.campaigns.none') }}
        onRow={(c) => testRow('campaign-row', { 'data-campaign-id': c.id })}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: t('testingUi.fields.name'),
            key: 'name',
            fixed: 'start',
            width: 230,
            render: (_, c) => (
              <>
                <Link to={`/testing/campaigns/${c.id}`}>{c.name}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {c.unit.name}
                </Typography.Text>
              </>
            ),
          },
          { title: t('testingUi.fields.status'), key: 'status', width: 120, render: (_, c) => <CampaignStatusTag c={c} today={today} /> },
          { title: t('testingUi.fields.target'), key: 'target', width: 180, render: (_, c) => <TargetSummary c={c} /> },
          { title: t('testingUi.fields.sites'), key: 'sites', width: 160, render: (_, c) => c.sites.map((s) => s.name).join(', ') },
          { title: t('testingUi.fields.dates'), key: 'dates', width: 140, render: (_, c) => `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}` },
          {
            title: t('testingUi.fields.counts'),
            key: 'counts',
            width: 200,
            render: (_, c) => (
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('testingUi.campaigns.countsLine', { candidates: formatNumber(c.candidates), members: formatNumber(c.members), done: formatNumber(c.sampledMembers) })}
                </Typography.Text>
                <Progress percent={progressPct(c)} size="small" aria-label={t('testingUi.campaigns.progress')} />
              </Space>
            ),
          },
        ]}
      />
      {(can('testing.manage') || can('testing.sample')) && <SitesLabsCard />}
    </>
  );
}
