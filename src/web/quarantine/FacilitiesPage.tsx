import { Progress, Segmented, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { FACILITY_STATUSES, type FacilitySummary } from '../../shared/api/quarantine.js';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { kindsOfParam } from './model';
import { useFacilities } from './queries';
import QuarantineTabs from './QuarantineTabs';
import { FacilityStatusTag } from './tags';

const GROUPS = ['all', 'quarantine', 'treatment'] as const;

/** Every facility of the province (communes share them), by kind and status, with the places free. */
export default function FacilitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const facilities = useFacilities();
  const group = GROUPS.find((g) => g === params.get('kind')) ?? 'all';
  const status = FACILITY_STATUSES.find((s) => s === params.get('status'));
  const kinds = kindsOfParam(group);
  const rows = (facilities.data?.rows ?? []).filter((f) => kinds.includes(f.kind) && (!status || f.status === status));
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v && v !== 'all') next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle
        extra={
          can('quarantine.manage') && (
            <LinkButton to={`/quarantine/facilities/new${group === 'treatment' ? '?kind=treatment' : ''}`} type="primary" icon={<PlusOutlined />} data-testid="facility-create">
              {t('quarantineUi.facilities.create')}
            </LinkButton>
          )
        }
      >
        {t(group === 'treatment' ? 'quarantineUi.facilities.titleTreatment' : 'quarantineUi.facilities.title')}
      </PageTitle>
      <QuarantineTabs />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<(typeof GROUPS)[number]>
          value={group}
          onChange={(v) => set('kind', v)}
          options={GROUPS.map((g) => ({ value: g, label: t(`quarantineUi.facilities.group.${g}`) }))}
          data-testid="facility-group"
        />
        <Select
          allowClear
          placeholder={t('quarantineUi.fields.status')}
          aria-label={t('quarantineUi.fields.status')}
          value={status}
          onChange={(v) => set('status', v)}
          options={FACILITY_STATUSES.map((s) => ({ value: s, label: t(`quarantineUi.facilityStatus.${s}`) }))}
          style={{ width: 200 }}
        />
      </Space>
      <ErrorAlert error={facilities.error} />
      <Table<FacilitySummary>
        rowKey="id"
        size="small"
        loading={facilities.isFetching}
        dataSource={rows}
        scroll={{ x: 1060 }}
        aria-label={t('quarantineUi.facilities.title')}
        locale={{ emptyText: t('quarantineUi.facilities.none') }}
        onRow={(f) => testRow('facility-row', { 'data-facility-id': f.id, 'data-code': f.code, 'data-free': f.free })}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: t('quarantineUi.fields.name'),
            key: 'name',
            fixed: 'start',
            width: 260,
            render: (_, f) => (
              <>
                <Link to={`/quarantine/facilities/${f.id}`}>{f.name}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {f.code}
                  {f.paid ? ` · ${t('quarantineUi.facilities.paid')}` : ''}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('quarantineUi.fields.kind'),
            key: 'kind',
            width: 190,
            render: (_, f) => [t(`quarantineUi.kind.${f.kind}`), f.tier ? t('quarantineUi.fields.tierN', { tier: f.tier }) : null].filter(Boolean).join(' · '),
          },
          { title: t('quarantineUi.fields.commune'), dataIndex: 'communeName', width: 170 },
          { title: t('quarantineUi.fields.status'), key: 'status', width: 130, render: (_, f) => <FacilityStatusTag status={f.status} /> },
          {
            title: t('quarantineUi.fields.occupancy'),
            key: 'occupancy',
            width: 220,
            render: (_, f) => (
              <>
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('quarantineUi.facilities.occupancyLine', { occupied: formatNumber(f.occupied), capacity: formatNumber(f.capacity), free: formatNumber(f.free) })}
                </Typography.Text>
                <Progress percent={f.capacity ? Math.round((f.occupied / f.capacity) * 100) : 0} size="small" status={f.free === 0 && f.capacity > 0 ? 'exception' : 'normal'} aria-label={t('quarantineUi.fields.occupancy')} />
              </>
            ),
          },
          { title: t('quarantineUi.fields.rooms'), dataIndex: 'rooms', width: 90, align: 'end', render: (n: number) => formatNumber(n) },
        ]}
      />
    </>
  );
}
