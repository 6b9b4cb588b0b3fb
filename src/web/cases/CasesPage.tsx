import { Checkbox, DatePicker, Input, Select, Statistic, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus, type CaseView } from '../../shared/api/cases.js';
import { formatDate, formatDateTime, parseDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { formatNumber } from '../components/format';
import CasesTabs from './CasesTabs';
import ClusterSelect from './ClusterSelect';
import { InfectiousWindow, SourceText } from './CaseFacts';
import { testRow } from './domProps';
import { CaseStatusTag, caseLabel } from './tags';
import { useUrlFilters } from '../components/useUrlFilters';

const PAGE = 50;
type List = { total: number; rows: CaseView[] };

export default function CasesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, update] = useUrlFilters();
  const q = params.get('q') ?? '';
  const unitId = Number(params.get('unit')) || undefined;
  const clusterId = Number(params.get('cluster')) || undefined;
  const status = (CASE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as CaseStatus) : undefined;
  const unknownSource = params.get('unknown') === '1' || undefined;
  const from = parseDate(params.get('from') ?? '') ?? undefined;
  const to = parseDate(params.get('to') ?? '') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = { q: q || undefined, unitId, clusterId, status, unknownSource, from, to };

  const list = useQuery({
    queryKey: ['cases', 'list', filters, page],
    queryFn: () => api.get<List>('/cases', { ...filters, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });
  // The whole jurisdiction's count of cases nobody knows the source of: the number tracers chase.
  const unknown = useQuery({
    queryKey: ['cases', 'list', 'unknown-count'],
    queryFn: () => api.get<List>('/cases', { unknownSource: true, limit: 1 }),
  });

  return (
    <>
      <PageTitle
        extra={
          can('cases.write') && (
            <LinkButton to="/cases/new" type="primary" icon={<PlusOutlined />}>
              {t('casesUi.list.newCase')}
            </LinkButton>
          )
        }
      >
        {t('casesUi.list.title')}
      </PageTitle>
      <CasesTabs />
      <div className="toolbar" style={{ gap: 32 }}>
        <Statistic title={t('casesUi.list.matching')} value={formatNumber(list.data?.total ?? 0)} loading={list.isPending} />
        <Statistic
          title={<Link to="/cases?unknown=1">{t('casesUi.list.unknownSourceCount')}</Link>}
          value={formatNumber(unknown.data?.total ?? 0)}
          loading={unknown.isPending}
          styles={{ content: { color: unknown.data?.total ? '#cf1322' : undefined } }}
        />
      </div>
      <form role="search" className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <Input.Search
          name="q"
          defaultValue={q}
          allowClear
          enterButton={t('ui.common.search')}
          placeholder={t('casesUi.list.searchPlaceholder')}
          aria-label={t('casesUi.list.searchLabel')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ flex: '1 1 260px', maxWidth: 380 }}
        />
        <Select<CaseStatus | ''>
          aria-label={t('casesUi.filters.status')}
          value={status ?? ''}
          onChange={(v) => update({ status: v || undefined })}
          options={[{ value: '', label: t('casesUi.filters.allStatuses') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))]}
          style={{ width: 170 }}
        />
        <div style={{ flex: '1 1 220px', maxWidth: 300 }}>
          <UnitSelect aria-label={t('casesUi.filters.unit')} placeholder={t('casesUi.filters.unit')} allowClear value={unitId} onChange={(v) => update({ unit: v ? String(v) : undefined })} />
        </div>
        <ClusterSelect value={clusterId} onChange={(v) => update({ cluster: v ? String(v) : undefined })} />
        <DatePicker.RangePicker
          aria-label={t('casesUi.filters.dates')}
          format="DD/MM/YYYY"
          placeholder={[t('casesUi.filters.from'), t('casesUi.filters.to')]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(d) => update({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 260 }}
        />
        <Checkbox checked={!!unknownSource} onChange={(e) => update({ unknown: e.target.checked ? '1' : undefined })}>
          {t('casesUi.filters.unknownSource')}
        </Checkbox>
      </form>
      <ErrorAlert error={list.error} />
      <Table<CaseView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1100 }}
        aria-label={t('casesUi.list.title')}
        locale={{ emptyText: t('casesUi.list.none') }}
        onRow={(c) => testRow('case-row', { 'data-case-id': c.id })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('casesUi.list.total', { count: n }),
          onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
        }}
        columns={[
          { title: t('casesUi.fields.code'), key: 'code', fixed: 'start', width: 110, render: (_, c) => <Link to={`/cases/${c.id}`}>{caseLabel(t, c)}</Link> },
          {
            title: t('casesUi.fields.person'),
            key: 'person',
            width: 210,
            render: (_, c) => (
              <>
                <Link to={`/people/${c.person.id}`}>{c.person.fullName}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[c.person.birthYear, c.person.communeName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </>
            ),
          },
          { title: t('casesUi.fields.status'), dataIndex: 'status', width: 140, render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
          { title: t('casesUi.fields.confirmedAt'), dataIndex: 'confirmedAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: t('casesUi.fields.onset'), dataIndex: 'symptomOnset', width: 120, render: (v: string | null) => (v ? formatDate(v) : t('casesUi.fields.asymptomatic')) },
          { title: t('casesUi.fields.window'), key: 'window', width: 190, render: (_, c) => <InfectiousWindow c={c} /> },
          { title: t('casesUi.fields.source'), key: 'source', width: 170, render: (_, c) => <SourceText c={c} /> },
          { title: t('casesUi.fields.cluster'), key: 'cluster', width: 180, render: (_, c) => (c.cluster ? <Link to={`/cases?cluster=${c.cluster.id}`}>{c.cluster.name}</Link> : '—') },
        ]}
      />
    </>
  );
}
