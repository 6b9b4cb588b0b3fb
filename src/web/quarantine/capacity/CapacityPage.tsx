import { useEffect, useMemo, useState, type Key } from 'react';
import { Card, Col, Empty, Progress, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isTreatmentKind } from '../../../shared/api/quarantine.js';
import type { CapacityResponse } from '../../../shared/api/quarantine-monitoring.js';
import { formatDate } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import UnitSelect from '../../components/UnitSelect';
import { formatNumber } from '../../components/format';
import { testRow } from '../../cases/domProps';
import { QUARANTINE_KEY } from '../queries';
import QuarantineTabs from '../QuarantineTabs';
import { chartUnits, occupancyOption, openKeys, soonFull, targetPercent, unitTree, type CapacityKind, type UnitTreeRow } from './model';
import OccupancyChart from './OccupancyChart';
import TargetEditor from './TargetEditor';

type FacilityRow = CapacityResponse['facilities'][number];
type TierRow = CapacityResponse['bedsByTier'][number];
type MissingRow = CapacityResponse['communesWithoutCentralized'][number];

/** /quarantine/capacity: places and people by facility and by unit against the plan targets, beds by tier, and where places will run out. */
export default function CapacityPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || undefined;
  const kind: CapacityKind = params.get('kind') === 'treatment' ? 'treatment' : 'quarantine';
  const q = useQuery({
    queryKey: [...QUARANTINE_KEY, 'capacity', { unitId }],
    queryFn: () => api.get<CapacityResponse>('/quarantine/capacity', { unitId }),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const roots = useMemo(() => (data ? unitTree(data.units, kind) : []), [data, kind]);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  // Opened afresh for another unit or kind, not when a saved target refetches the view.
  const fresh = data !== undefined && !q.isPlaceholderData;
  useEffect(() => setExpanded(openKeys(roots)), [unitId, kind, fresh]);
  const chart = useMemo(() => {
    const units = chartUnits(roots);
    const labels = { occupied: t('quarantineMonitoringUi.capacity.occupied'), capacity: t('quarantineMonitoringUi.capacity.places'), target: t('quarantineMonitoringUi.capacity.target') };
    return { units, option: occupancyOption(units, labels) };
  }, [roots, t]);
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const manage = can('quarantine.manage');
  const facilities = (data?.facilities ?? []).filter((f) => isTreatmentKind(f.kind) === (kind === 'treatment'));
  const root = (k: CapacityKind) => data?.units.find((u) => u.kind === k && !data.units.some((p) => p.kind === k && p.unit.id === u.unit.parentId));

  return (
    <>
      <PageTitle>{t('quarantineMonitoringUi.capacity.title')}</PageTitle>
      <QuarantineTabs />
      <div className="toolbar" role="search">
        <div style={{ flex: '0 1 340px', minWidth: 220 }}>
          <UnitSelect aria-label={t('quarantineMonitoringUi.capacity.unit')} placeholder={t('quarantineMonitoringUi.capacity.unit')} allowClear value={unitId} onChange={(v) => update({ unitId: v ? String(v) : undefined })} />
        </div>
        <Segmented
          value={kind}
          onChange={(v) => update({ kind: v === 'treatment' ? 'treatment' : undefined })}
          options={(['quarantine', 'treatment'] as const).map((k) => ({ value: k, label: t(`quarantineMonitoringUi.capacity.kind.${k}`) }))}
          data-testid="capacity-kind"
        />
        {data && <Typography.Text type="secondary">{t('quarantineMonitoringUi.capacity.asOf', { day: formatDate(data.asOf), days: data.horizonDays })}</Typography.Text>}
      </div>
      <ErrorAlert error={q.error} />
      <Row gutter={[16, 16]}>
        {(['quarantine', 'treatment'] as const).map((k) => {
          const r = root(k);
          return (
            <Col xs={24} md={8} key={k}>
              <Card size="small" loading={q.isPending} data-testid={`capacity-total-${k}`}>
                {r && (
                  <>
                    <Statistic
                      title={t(`quarantineMonitoringUi.capacity.totalTitle.${k}`, { unit: r.unit.name })}
                      value={formatNumber(r.occupied)}
                      suffix={`/ ${formatNumber(r.capacity)} ${t('quarantineMonitoringUi.capacity.placesUnit')}`}
                    />
                    <Progress percent={r.capacity ? Math.round((r.occupied / r.capacity) * 100) : 0} size="small" status={r.free === 0 && r.capacity > 0 ? 'exception' : 'normal'} />
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {r.target === null ? t('quarantineMonitoringUi.capacity.noTarget') : t('quarantineMonitoringUi.capacity.targetLine', { target: formatNumber(r.target) })}
                      {r.daysUntilFull !== null && ` · ${t('quarantineMonitoringUi.capacity.fullIn', { count: r.daysUntilFull })}`}
                    </Typography.Text>
                  </>
                )}
              </Card>
            </Col>
          );
        })}
        <Col xs={24} md={8}>
          <Card size="small" loading={q.isPending}>
            {root('quarantine') && (
              <>
                <Statistic title={t('quarantineMonitoringUi.capacity.atHome')} value={formatNumber((root('quarantine')?.atHome ?? 0) + (root('treatment')?.atHome ?? 0))} />
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('quarantineMonitoringUi.capacity.atHomeSplit', { quarantine: formatNumber(root('quarantine')?.atHome ?? 0), treatment: formatNumber(root('treatment')?.atHome ?? 0) })}
                </Typography.Text>
              </>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('quarantineMonitoringUi.capacity.chartTitle', { kind: t(`quarantineMonitoringUi.capacity.kind.${kind}`) })} loading={q.isPending}>
            {data &&
              (chart.units.length === 0 ? (
                <Empty description={t('quarantineMonitoringUi.capacity.noData')} data-testid="capacity-chart" data-units={0} />
              ) : (
                <OccupancyChart
                  option={chart.option}
                  units={chart.units.length}
                  occupied={chart.units.reduce((n, u) => n + u.occupied, 0)}
                  label={t('quarantineMonitoringUi.capacity.chartLabel', {
                    units: chart.units.map((u) => `${u.unit.name}: ${u.occupied}/${u.capacity}${u.target === null ? '' : ` (${t('quarantineMonitoringUi.capacity.target')} ${u.target})`}`).join('; '),
                  })}
                />
              ))}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('quarantineMonitoringUi.capacity.byUnit')} loading={q.isPending}>
            <Table<UnitTreeRow>
              rowKey="key"
              size="small"
              dataSource={roots}
              pagination={false}
              scroll={{ x: 980, y: 560 }}
              aria-label={t('quarantineMonitoringUi.capacity.byUnit')}
              expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys) }}
              onRow={(u) =>
                testRow('capacity-unit-row', { 'data-unit-id': u.unit.id, 'data-level': u.unit.level, 'data-kind': u.kind, 'data-occupied': u.occupied, 'data-capacity': u.capacity, 'data-target': u.target ?? '' })
              }
              columns={[
                { title: t('quarantineMonitoringUi.capacity.unitCol'), key: 'unit', width: 240, render: (_, u) => (u.unit.level === 'commune' ? u.unit.name : <Typography.Text strong>{u.unit.name}</Typography.Text>) },
                { title: t('quarantineMonitoringUi.capacity.facilities'), dataIndex: 'facilities', width: 70, align: 'right' },
                { title: t('quarantineMonitoringUi.capacity.places'), dataIndex: 'capacity', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('quarantineMonitoringUi.capacity.occupied'), dataIndex: 'occupied', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('quarantineMonitoringUi.capacity.free'), dataIndex: 'free', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
                {
                  title: t('quarantineMonitoringUi.capacity.target'),
                  key: 'target',
                  width: 110,
                  align: 'right',
                  render: (_, u) => (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {u.target === null ? '—' : formatNumber(u.target)}
                      {manage && <TargetEditor unitId={u.unit.id} unitName={u.unit.name} kind={u.kind} target={u.target} />}
                    </span>
                  ),
                },
                {
                  title: t('quarantineMonitoringUi.capacity.vsTarget'),
                  key: 'vs',
                  width: 150,
                  render: (_, u) => {
                    const pct = targetPercent(u.occupied, u.target);
                    return pct === null ? '' : <Progress percent={Math.min(100, pct)} format={() => `${pct}%`} size="small" status={pct > 100 ? 'exception' : 'normal'} />;
                  },
                },
                { title: t('quarantineMonitoringUi.capacity.atHomeCol'), dataIndex: 'atHome', width: 70, align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('quarantineMonitoringUi.capacity.daysUntilFull'), key: 'full', width: 100, align: 'right', render: (_, u) => <DaysUntilFull days={u.daysUntilFull} /> },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('quarantineMonitoringUi.capacity.byFacility')} loading={q.isPending}>
            <Table<FacilityRow>
              rowKey="id"
              size="small"
              dataSource={facilities}
              pagination={facilities.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 900 }}
              aria-label={t('quarantineMonitoringUi.capacity.byFacility')}
              locale={{ emptyText: t('quarantineMonitoringUi.capacity.noFacilities') }}
              onRow={(f) => testRow('capacity-facility-row', { 'data-id': f.id, 'data-occupied': f.occupied, 'data-capacity': f.capacity })}
              columns={[
                {
                  title: t('quarantineMonitoringUi.capacity.facility'),
                  key: 'name',
                  render: (_, f) => (
                    <>
                      {f.name}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {[t(`quarantineUi.kind.${f.kind}`), f.tier ? t('quarantineUi.fields.tierN', { tier: f.tier }) : null, f.commune.name].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </>
                  ),
                },
                { title: t('quarantineMonitoringUi.capacity.status'), key: 'status', width: 110, render: (_, f) => <Tag>{t(`quarantineUi.facilityStatus.${f.status}`)}</Tag> },
                {
                  title: t('quarantineMonitoringUi.capacity.occupancy'),
                  key: 'occ',
                  width: 220,
                  render: (_, f) => (
                    <>
                      <Progress percent={f.capacity ? Math.round((f.occupied / f.capacity) * 100) : 0} size="small" status={f.free === 0 && f.capacity > 0 ? 'exception' : 'normal'} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('quarantineMonitoringUi.capacity.occupancyLine', { occupied: formatNumber(f.occupied), capacity: formatNumber(f.capacity), free: formatNumber(f.free) })}
                      </Typography.Text>
                    </>
                  ),
                },
                { title: t('quarantineMonitoringUi.capacity.admissions7d'), key: 'adm', width: 110, align: 'right', render: (_, f) => formatNumber(f.admissions7d.reduce((a, b) => a + b, 0)) },
                { title: t('quarantineMonitoringUi.capacity.daysUntilFull'), key: 'full', width: 110, align: 'right', render: (_, f) => <DaysUntilFull days={f.daysUntilFull} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('quarantineMonitoringUi.capacity.byTier')} loading={q.isPending}>
            <Table<TierRow>
              rowKey="tier"
              size="small"
              dataSource={data?.bedsByTier ?? []}
              pagination={false}
              aria-label={t('quarantineMonitoringUi.capacity.byTier')}
              locale={{ emptyText: t('quarantineMonitoringUi.capacity.noTreatment') }}
              onRow={(r) => testRow('capacity-tier-row', { 'data-tier': r.tier, 'data-free': r.free, 'data-oxygen-free': r.oxygen.free, 'data-icu-free': r.icu.free })}
              columns={[
                { title: t('quarantineMonitoringUi.capacity.tier'), key: 'tier', width: 80, render: (_, r) => t('quarantineUi.fields.tierN', { tier: r.tier }) },
                { title: t('quarantineMonitoringUi.capacity.facilities'), dataIndex: 'facilities', align: 'right' },
                { title: t('quarantineMonitoringUi.capacity.freeOf'), key: 'free', align: 'right', render: (_, r) => `${formatNumber(r.free)} / ${formatNumber(r.capacity)}` },
                { title: t('quarantineMonitoringUi.capacity.oxygenFree'), key: 'oxygen', align: 'right', render: (_, r) => `${formatNumber(r.oxygen.free)} / ${formatNumber(r.oxygen.beds)}` },
                { title: t('quarantineMonitoringUi.capacity.icuFree'), key: 'icu', align: 'right', render: (_, r) => `${formatNumber(r.icu.free)} / ${formatNumber(r.icu.beds)}` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('quarantineMonitoringUi.capacity.missingTitle')}
            extra={data && <Tag color={data.communesWithoutCentralized.length ? 'red' : 'green'}>{formatNumber(data.communesWithoutCentralized.length)}</Tag>}
            loading={q.isPending}
          >
            <Table<MissingRow>
              rowKey="id"
              size="small"
              dataSource={data?.communesWithoutCentralized ?? []}
              pagination={(data?.communesWithoutCentralized.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              aria-label={t('quarantineMonitoringUi.capacity.missingTitle')}
              locale={{ emptyText: t('quarantineMonitoringUi.capacity.noneMissing') }}
              onRow={(c) => testRow('capacity-missing-row', { 'data-id': c.id })}
              columns={[
                { title: t('quarantineMonitoringUi.capacity.commune'), dataIndex: 'name' },
                { title: t('quarantineMonitoringUi.capacity.district'), key: 'district', render: (_, c) => c.district?.name ?? '' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DaysUntilFull({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return soonFull(days) ? (
    <Tag color="red" data-soon="true">
      {t('quarantineMonitoringUi.capacity.days', { count: days })}
    </Tag>
  ) : (
    <span>{t('quarantineMonitoringUi.capacity.days', { count: days })}</span>
  );
}
