import { Button, Popover, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { STAY_KINDS } from '../../../shared/api/quarantine.js';
import type { HomeStayView } from '../../../shared/api/quarantine-monitoring.js';
import { formatDate, formatDateTime } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useCan, useMe } from '../../auth/session';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import UnitSelect from '../../components/UnitSelect';
import { formatNumber } from '../../components/format';
import { testRow } from '../../cases/domProps';
import { QUARANTINE_KEY } from '../queries';
import QuarantineTabs from '../QuarantineTabs';
import { RiskTag } from '../tags';
import HouseSign from './HouseSign';
import { homeQueryOf, reportState, signState } from './model';
import { useSymptomNames } from './queries';
import ReportLink from './ReportLink';
import WarningSigns from './WarningSigns';
import { serverPaging } from '../../components/paging';
import { useUrlFilters } from '../../components/useUrlFilters';

const REPORT_COLOR = { none: '#cf1322', partial: '#d46b08', done: '#389e0d' } as const;

/** /quarantine/home: people in home quarantine or home treatment of a commune, as its team follows them day by day. */
export default function HomeStaysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe().data;
  const symptoms = useSymptomNames();
  const [params, set] = useUrlFilters();
  const { page, ...query } = homeQueryOf(params);
  const list = useQuery({
    queryKey: [...QUARANTINE_KEY, 'home-stays', query],
    queryFn: () => api.get<{ total: number; rows: HomeStayView[] }>('/quarantine/home-stays', { ...query }),
  });
  const monitor = can('quarantine.monitor');

  return (
    <>
      <PageTitle>{t('quarantineMonitoringUi.home.title')}</PageTitle>
      <QuarantineTabs />
      <Space wrap style={{ marginBottom: 12 }}>
        {me && me.unit.level !== 'commune' && (
          <div style={{ width: 320 }}>
            <UnitSelect level="commune" allowClear placeholder={t('quarantineMonitoringUi.home.allCommunes')} aria-label={t('quarantineMonitoringUi.home.commune')} value={query.communeId} onChange={(v) => set({ communeId: v ? String(v) : undefined })} />
          </div>
        )}
        <Select
          allowClear
          placeholder={t('quarantineMonitoringUi.home.kind')}
          aria-label={t('quarantineMonitoringUi.home.kind')}
          value={query.kind}
          onChange={(v?: string) => set({ kind: v })}
          options={STAY_KINDS.map((k) => ({ value: k, label: t(`quarantineMonitoringUi.home.kinds.${k}`) }))}
          style={{ width: 200 }}
        />
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <Switch checked={query.missingToday === true} onChange={(on) => set({ missingToday: on ? 'true' : undefined })} data-testid="home-missing" />
          {t('quarantineMonitoringUi.home.missingToday')}
        </label>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<HomeStayView>
        rowKey="stayId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1040 }}
        aria-label={t('quarantineMonitoringUi.home.title')}
        locale={{ emptyText: t(query.missingToday ? 'quarantineMonitoringUi.home.noneMissing' : 'quarantineMonitoringUi.home.none') }}
        onRow={(s) =>
          testRow('home-row', {
            'data-stay-id': s.stayId,
            'data-reports-today': s.reports.today,
            'data-expected': s.reports.expectedPerDay,
            'data-sign': signState(s.sign).state,
            'data-warnings': s.reports.lastWarnings.length,
          })
        }
        pagination={serverPaging({
          page,
          pageSize: query.limit,
          total: list.data?.total ?? 0,
          totalText: (n) => t('quarantineMonitoringUi.home.total', { count: n, n: formatNumber(n) }),
          onPage: (p) => set({ page: p > 1 ? String(p) : undefined }),
        })}
        columns={[
          {
            title: t('quarantineMonitoringUi.home.person'),
            key: 'person',
            fixed: 'start',
            width: 240,
            render: (_, s) => (
              <>
                {can('quarantine.read') ? <Link to={`/quarantine/stays/${s.stayId}`}>{s.person.fullName}</Link> : <Typography.Text strong>{s.person.fullName}</Typography.Text>}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[s.person.birthYear, t(`people.sex.${s.person.sex}`), s.person.phone, s.person.addressLine].filter(Boolean).join(' · ')}
                </Typography.Text>
                {s.household.length > 0 && (
                  <Popover
                    title={t('quarantineMonitoringUi.home.householdTitle')}
                    content={
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {s.household.map((m) => (
                          <li key={m.id}>
                            {m.fullName} ({m.birthYear}){m.atHomeStay && <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('quarantineMonitoringUi.home.alsoAtHome')}</Tag>}
                          </li>
                        ))}
                      </ul>
                    }
                  >
                    <Button type="link" size="small" icon={<HomeOutlined />} style={{ padding: 0, height: 'auto' }} data-testid="home-household">
                      {t('quarantineMonitoringUi.home.members', { count: s.household.length })}
                    </Button>
                  </Popover>
                )}
              </>
            ),
          },
          {
            title: t('quarantineMonitoringUi.home.stay'),
            key: 'stay',
            width: 170,
            render: (_, s) => (
              <>
                <Tag>{t(`quarantineMonitoringUi.home.kinds.${s.kind}`)}</Tag>
                <RiskTag risk={s.risk} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('quarantineMonitoringUi.home.dayUntil', { day: s.dayNumber, until: formatDate(s.plannedUntil) })}
                </Typography.Text>
              </>
            ),
          },
          { title: t('quarantineMonitoringUi.home.signCol'), key: 'sign', width: 120, render: (_, s) => <HouseSign stay={s} canEdit={monitor} /> },
          {
            title: t('quarantineMonitoringUi.home.reportsToday'),
            key: 'reports',
            width: 140,
            render: (_, s) => (
              <>
                <span style={{ color: REPORT_COLOR[reportState(s.reports)], fontWeight: 600, fontSize: 15 }}>
                  {s.reports.today}/{s.reports.expectedPerDay}
                </span>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {s.reports.lastAt ? t('quarantineMonitoringUi.home.lastAt', { at: formatDateTime(s.reports.lastAt) }) : t('quarantineMonitoringUi.home.never')}
                </Typography.Text>
                {monitor && (
                  <Link to={`/quarantine/monitoring?where=home&stayId=${s.stayId}`} style={{ fontSize: 12 }} data-testid="home-check">
                    {t('quarantineMonitoringUi.home.check')}
                  </Link>
                )}
              </>
            ),
          },
          {
            title: t('quarantineMonitoringUi.home.lastWarnings'),
            key: 'warnings',
            width: 200,
            render: (_, s) => <WarningSigns signs={s.reports.lastWarnings} symptoms={symptoms} empty="—" />,
          },
          ...(monitor
            ? [
                {
                  title: t('quarantineMonitoringUi.home.linkCol'),
                  key: 'link',
                  width: 170,
                  render: (_: unknown, s: HomeStayView) => <ReportLink stay={s} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
