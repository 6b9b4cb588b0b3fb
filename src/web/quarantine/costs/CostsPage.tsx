import { useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { STAY_STATUSES } from '../../../shared/api/quarantine.js';
import type { CostRow, CostsResponse } from '../../../shared/api/quarantine-monitoring.js';
import { formatDate } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import UnitSelect from '../../components/UnitSelect';
import { formatNumber } from '../../components/format';
import { testRow } from '../../cases/domProps';
import { currentLang } from '../../i18n';
import { QUARANTINE_KEY, useFacilities } from '../queries';
import QuarantineTabs from '../QuarantineTabs';
import { RiskTag, StayStatusTag } from '../tags';
import { costsQueryOf, exportQueryOf, formatVnd } from './model';
import { serverPaging } from '../../components/paging';
import { useUrlFilters } from '../../components/useUrlFilters';
import { useActionMessage } from '../../components/useActionMessage';

type ByFacility = CostsResponse['byFacility'][number];
type ByFunding = CostsResponse['byFundingSource'][number];

/** /quarantine/costs: the profile's daily support per stay, with totals per facility and funding source, exportable to XLSX. */
export default function CostsPage() {
  const { t } = useTranslation();
  const act = useActionMessage();
  const [params, set] = useUrlFilters();
  const { page, ...query } = costsQueryOf(params);
  const facilities = useFacilities();
  const [exporting, setExporting] = useState(false);
  const q = useQuery({
    queryKey: [...QUARANTINE_KEY, 'costs', query],
    queryFn: () => api.get<CostsResponse>('/quarantine/costs', { ...query }),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const lang = currentLang();
  const vnd = (n: number) => formatVnd(n, lang);

  async function exportXlsx() {
    setExporting(true);
    await act(() => api.download('/quarantine/costs.xlsx', { ...exportQueryOf({ ...query, page }) }, 'chi-phi-cach-ly.xlsx'));
    setExporting(false);
  }

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<FileExcelOutlined />} loading={exporting} disabled={!data || data.total === 0} onClick={() => void exportXlsx()} data-testid="costs-export">
            {t('quarantineMonitoringUi.costs.export')}
          </Button>
        }
      >
        {t('quarantineMonitoringUi.costs.title')}
      </PageTitle>
      <QuarantineTabs />
      <Space wrap style={{ marginBottom: 12 }} role="search">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('quarantineMonitoringUi.costs.allFacilities')}
          aria-label={t('quarantineMonitoringUi.costs.facility')}
          value={query.facilityId}
          onChange={(v?: number) => set({ facilityId: v ? String(v) : undefined })}
          options={(facilities.data?.rows ?? []).map((f) => ({ value: f.id, label: f.name }))}
          style={{ width: 260 }}
          data-testid="costs-facility"
        />
        <div style={{ width: 240 }}>
          <UnitSelect allowClear placeholder={t('quarantineMonitoringUi.costs.unit')} aria-label={t('quarantineMonitoringUi.costs.unit')} value={query.unitId} onChange={(v) => set({ unitId: v ? String(v) : undefined })} />
        </div>
        <Select
          allowClear
          placeholder={t('quarantineMonitoringUi.costs.allStatuses')}
          aria-label={t('quarantineMonitoringUi.costs.status')}
          value={query.status}
          onChange={(v?: string) => set({ status: v })}
          options={STAY_STATUSES.map((s) => ({ value: s, label: t(`quarantineUi.stayStatus.${s}`) }))}
          style={{ width: 170 }}
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowEmpty={[true, true]}
          placeholder={[t('quarantineMonitoringUi.costs.from'), t('quarantineMonitoringUi.costs.to')]}
          aria-label={t('quarantineMonitoringUi.costs.admitted')}
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(d) => set({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          data-testid="costs-dates"
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('quarantineMonitoringUi.costs.rule', { day: data ? formatDate(data.asOf) : '' })}</Typography.Paragraph>
      <ErrorAlert error={q.error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" loading={q.isPending}>
            <Statistic title={t('quarantineMonitoringUi.costs.totalAmount')} value={data ? vnd(data.totals.amountVnd) : ''} data-testid="costs-total" data-amount={data?.totals.amountVnd ?? ''} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small" loading={q.isPending}>
            <Statistic title={t('quarantineMonitoringUi.costs.stays')} value={formatNumber(data?.totals.stays ?? 0)} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small" loading={q.isPending}>
            <Statistic
              title={t('quarantineMonitoringUi.costs.days')}
              value={formatNumber(data?.totals.days ?? 0)}
              suffix={data && data.totals.paidDays < data.totals.days ? <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('quarantineMonitoringUi.costs.paidOf', { paid: formatNumber(data.totals.paidDays) })}</Typography.Text> : undefined}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('quarantineMonitoringUi.costs.byFacility')} loading={q.isPending}>
            <Table<ByFacility>
              rowKey={(r) => r.facility?.id ?? 0}
              size="small"
              dataSource={data?.byFacility ?? []}
              pagination={false}
              aria-label={t('quarantineMonitoringUi.costs.byFacility')}
              onRow={(r) => testRow('costs-facility-row', { 'data-id': r.facility?.id ?? 'home', 'data-amount': r.amountVnd })}
              columns={[
                { title: t('quarantineMonitoringUi.costs.facility'), key: 'f', render: (_, r) => r.facility?.name ?? t('quarantineUi.place.home') },
                { title: t('quarantineMonitoringUi.costs.stays'), dataIndex: 'stays', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('quarantineMonitoringUi.costs.days'), dataIndex: 'days', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('quarantineMonitoringUi.costs.amount'), dataIndex: 'amountVnd', width: 150, align: 'right', render: vnd },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('quarantineMonitoringUi.costs.byFunding')} loading={q.isPending}>
            <Table<ByFunding>
              rowKey="fundingSource"
              size="small"
              dataSource={data?.byFundingSource ?? []}
              pagination={false}
              aria-label={t('quarantineMonitoringUi.costs.byFunding')}
              onRow={(r) => testRow('costs-funding-row', { 'data-source': r.fundingSource, 'data-amount': r.amountVnd })}
              columns={[
                { title: t('quarantineMonitoringUi.costs.funding'), key: 'f', render: (_, r) => t(`quarantineUi.funding.${r.fundingSource}`) },
                { title: t('quarantineMonitoringUi.costs.stays'), dataIndex: 'stays', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('quarantineMonitoringUi.costs.amount'), dataIndex: 'amountVnd', width: 150, align: 'right', render: vnd },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Table<CostRow>
        rowKey="stayId"
        size="small"
        loading={q.isFetching}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1000 }}
        aria-label={t('quarantineMonitoringUi.costs.perStay')}
        title={() => <Typography.Text strong>{t('quarantineMonitoringUi.costs.perStay')}</Typography.Text>}
        locale={{ emptyText: t('quarantineMonitoringUi.costs.none') }}
        onRow={(r) => testRow('costs-row', { 'data-stay-id': r.stayId, 'data-days': r.days, 'data-paid-days': r.paidDays, 'data-amount': r.amountVnd })}
        pagination={serverPaging({
          page,
          pageSize: query.limit,
          total: data?.total ?? 0,
          totalText: (n) => t('quarantineMonitoringUi.costs.total', { count: n, n: formatNumber(n) }),
          onPage: (p) => set({ page: p > 1 ? String(p) : undefined }),
        })}
        columns={[
          {
            title: t('quarantineMonitoringUi.costs.person'),
            key: 'person',
            fixed: 'start',
            width: 170,
            render: (_, r) => (
              <>
                <Link to={`/quarantine/stays/${r.stayId}`}>{r.person.fullName}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.person.birthYear}
                </Typography.Text>
              </>
            ),
          },
          { title: t('quarantineMonitoringUi.costs.facility'), key: 'facility', render: (_, r) => r.facility?.name ?? t(`quarantineUi.place.${r.place}`) },
          {
            title: t('quarantineMonitoringUi.costs.riskStatus'),
            key: 'risk',
            width: 150,
            render: (_, r) => (
              <>
                <RiskTag risk={r.risk} />
                <StayStatusTag status={r.status} />
              </>
            ),
          },
          { title: t('quarantineMonitoringUi.costs.funding'), key: 'funding', width: 110, render: (_, r) => t(`quarantineUi.funding.${r.fundingSource}`) },
          {
            title: t('quarantineMonitoringUi.costs.period'),
            key: 'period',
            width: 180,
            render: (_, r) => (
              <>
                {formatDate(r.admissionDay)} – {r.endDay ? formatDate(r.endDay) : t('quarantineMonitoringUi.costs.ongoing')}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('quarantineMonitoringUi.costs.daysN', { count: r.days })}
                  {r.paidDays < r.days && `, ${t('quarantineMonitoringUi.costs.paidOf', { paid: formatNumber(r.paidDays) })}`}
                </Typography.Text>
              </>
            ),
          },
          { title: t('quarantineMonitoringUi.costs.daily'), dataIndex: 'dailyVnd', width: 110, align: 'right', render: vnd },
          { title: t('quarantineMonitoringUi.costs.amount'), dataIndex: 'amountVnd', width: 130, align: 'right', render: (v: number) => <Typography.Text strong>{vnd(v)}</Typography.Text> },
        ]}
      />
    </>
  );
}
