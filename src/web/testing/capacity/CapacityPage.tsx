import { useMemo } from 'react';
import { Card, Col, DatePicker, Empty, Row, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CapacityResponse } from '../../../shared/api/testing.js';
import { formatDateTime, parseDate, todayInVietnam } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import UnitSelect from '../../components/UnitSelect';
import { formatNumber } from '../../components/format';
import { testRow } from '../../cases/domProps';
import TestingTabs from '../TestingTabs';
import { buildDailyOption, dailySeries, daysBetween, foldTail, shortDay, type DailySeries } from './capacityModel';
import DailyChart from './DailyChart';

const DEFAULT_DAYS = 14;
const MAX_SITES = 10;
type Positivity = CapacityResponse['positivityByCommune'][number] | CapacityResponse['positivityByCampaign'][number];
type LabTurnaround = CapacityResponse['turnaroundByLab'][number];

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const total = (series: DailySeries[]) => series.reduce((sum, s) => sum + s.total, 0);

function PositivityTable({ rows, name, title, testId }: { rows: (Positivity & { key: number; name: string })[]; name: string; title: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={rows}
      aria-label={title}
      pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      locale={{ emptyText: t('labWeb.capacity.noData') }}
      onRow={(r) => testRow(testId, { 'data-id': r.key })}
      columns={[
        { title: name, dataIndex: 'name' },
        { title: t('labWeb.capacity.tested'), dataIndex: 'tested', width: 110, align: 'right', render: (v: number) => formatNumber(v), sorter: (a, b) => a.tested - b.tested },
        { title: t('labWeb.capacity.positive'), dataIndex: 'positive', width: 110, align: 'right', render: (v: number) => formatNumber(v), sorter: (a, b) => a.positive - b.positive },
        {
          title: t('labWeb.capacity.positivity'),
          dataIndex: 'positivityPct',
          width: 100,
          align: 'right',
          defaultSortOrder: 'descend',
          sorter: (a, b) => (a.positivityPct ?? -1) - (b.positivityPct ?? -1),
          render: (v: number | null) => (v === null ? '—' : <span style={{ color: v > 0 ? '#cf1322' : undefined }}>{formatNumber(v)} %</span>),
        },
      ]}
    />
  );
}

/** Samples per day by site and lab, turnaround, what is waiting, and positivity, over a chosen window. */
export default function CapacityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = todayInVietnam();
  const to = parseDate(params.get('to') ?? '') ?? today;
  const from = parseDate(params.get('from') ?? '') ?? shiftDay(to, -(DEFAULT_DAYS - 1));
  const unitId = Number(params.get('unit')) || undefined;

  const q = useQuery({
    queryKey: ['testing', 'capacity', { from, to, unitId }],
    queryFn: () => api.get<CapacityResponse>('/testing/capacity', { from, to, unitId }),
    placeholderData: keepPreviousData,
  });
  const data = q.data;

  const charts = useMemo(() => {
    if (!data) return null;
    const days = daysBetween(from, to);
    const sites = foldTail(dailySeries(days, data.bySite.map((r) => ({ day: r.day, id: r.site.id, name: r.site.name, value: r.collected }))), MAX_SITES, t('labWeb.capacity.other'));
    const labs = dailySeries(days, data.byLab.map((r) => ({ day: r.day, id: r.lab.id, name: r.lab.name, value: r.tested })));
    return {
      sites,
      labs,
      siteOption: buildDailyOption(days, sites, { kind: 'bar', dayLabel: shortDay }),
      labOption: buildDailyOption(days, labs, { kind: 'line', dayLabel: shortDay }),
    };
  }, [data, from, to, t]);

  function update(values: Record<string, string | undefined>) {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value) p.set(key, value);
      else p.delete(key);
    }
    setParams(p, { replace: true });
  }

  const hours = (v: number | null) => (v === null ? '—' : t('labWeb.capacity.hours', { value: formatNumber(v) }));

  return (
    <>
      <PageTitle>{t('labWeb.capacity.title')}</PageTitle>
      <TestingTabs />
      <div className="toolbar" role="search">
        <DatePicker.RangePicker
          aria-label={t('labWeb.common.dates')}
          format="DD/MM/YYYY"
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          disabledDate={(d, info) => (info.from ? Math.abs(d.diff(info.from, 'day')) > 91 : false)}
          onChange={(d) => update({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 260 }}
          data-testid="capacity-dates"
        />
        <Typography.Text type="secondary">{t('labWeb.capacity.window')}</Typography.Text>
        <div style={{ flex: '0 1 320px', minWidth: 220 }}>
          <UnitSelect aria-label={t('labWeb.capacity.unit')} placeholder={t('labWeb.capacity.unit')} allowClear value={unitId} onChange={(v) => update({ unit: v ? String(v) : undefined })} />
        </div>
      </div>
      <ErrorAlert error={q.error} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t('labWeb.capacity.bySite')} loading={q.isPending}>
            {charts && (total(charts.sites) === 0 ? <Empty description={t('labWeb.capacity.noData')} data-testid="capacity-chart" data-total={0} /> : (
              <DailyChart
                option={charts.siteOption}
                testId="capacity-chart"
                series={charts.sites.length}
                total={total(charts.sites)}
                label={t('labWeb.capacity.chartLabel', { title: t('labWeb.capacity.bySite'), series: charts.sites.length, total: total(charts.sites) })}
              />
            ))}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('labWeb.capacity.byLab')} loading={q.isPending}>
            {charts && (total(charts.labs) === 0 ? <Empty description={t('labWeb.capacity.noData')} data-testid="capacity-chart-lab" data-total={0} /> : (
              <DailyChart
                option={charts.labOption}
                testId="capacity-chart-lab"
                series={charts.labs.length}
                total={total(charts.labs)}
                label={t('labWeb.capacity.chartLabel', { title: t('labWeb.capacity.byLab'), series: charts.labs.length, total: total(charts.labs) })}
              />
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('labWeb.capacity.turnaround')} loading={q.isPending} data-testid="capacity-turnaround">
            {data && (
              <>
                <div className="toolbar" style={{ gap: 32 }}>
                  <Statistic title={t('labWeb.capacity.p50')} value={hours(data.turnaround.p50Hours)} data-testid="capacity-p50" />
                  <Statistic title={t('labWeb.capacity.p90')} value={hours(data.turnaround.p90Hours)} data-testid="capacity-p90" />
                  <Statistic title={t('labWeb.capacity.samples')} value={formatNumber(data.turnaround.samples)} />
                </div>
                {data.turnaroundByLab.length > 0 && (
                  <Table<LabTurnaround>
                    size="small"
                    rowKey={(r) => r.lab.id}
                    dataSource={data.turnaroundByLab}
                    pagination={false}
                    aria-label={t('labWeb.capacity.turnaround')}
                    columns={[
                      { title: t('labWeb.common.lab'), key: 'lab', render: (_, r) => r.lab.name },
                      { title: t('labWeb.capacity.samples'), dataIndex: 'samples', width: 90, align: 'right', render: (v: number) => formatNumber(v) },
                      { title: 'p50', dataIndex: 'p50Hours', width: 90, align: 'right', render: hours },
                      { title: 'p90', dataIndex: 'p90Hours', width: 90, align: 'right', render: hours },
                    ]}
                  />
                )}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('labWeb.capacity.backlog')} loading={q.isPending} data-testid="capacity-backlog">
            {data && (
              <Row gutter={16}>
                {data.backlog.map((b) => (
                  <Col xs={24} sm={8} key={b.state}>
                    <Statistic title={t(`labWeb.capacity.backlogState.${b.state}`)} value={formatNumber(b.samples)} data-testid={`capacity-backlog-${b.state}`} />
                    {b.oldestAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('labWeb.capacity.oldest', { at: formatDateTime(b.oldestAt) })}
                      </Typography.Text>
                    )}
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('labWeb.capacity.positivityByCommune')} loading={q.isPending}>
            {data && (
              <PositivityTable
                rows={data.positivityByCommune.map((r) => ({ ...r, key: r.commune.id, name: r.commune.name }))}
                name={t('labWeb.capacity.commune')}
                title={t('labWeb.capacity.positivityByCommune')}
                testId="capacity-commune-row"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('labWeb.capacity.positivityByCampaign')} loading={q.isPending}>
            {data && (
              <PositivityTable
                rows={data.positivityByCampaign.map((r) => ({ ...r, key: r.campaign.id, name: r.campaign.name }))}
                name={t('labWeb.capacity.campaign')}
                title={t('labWeb.capacity.positivityByCampaign')}
                testId="capacity-campaign-row"
              />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('labWeb.capacity.positivityNote')}
      </Typography.Paragraph>
    </>
  );
}
