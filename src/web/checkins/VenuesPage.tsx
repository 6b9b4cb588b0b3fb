import { DatePicker, Input, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { VENUE_STATUSES, type VenueStatus, type VenueViewDto } from '../../shared/api/checkins.js';
import { formatDateTime, parseDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import VenueStatusTag from './VenueStatusTag';

const PAGE = 50;

export default function VenuesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = Number(params.get('unit')) || undefined;
  const status = (VENUE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as VenueStatus) : undefined;
  const idleDay = parseDate(params.get('idle') ?? '') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const list = useQuery({
    queryKey: ['venues', 'list', q, unitId, status, idleDay, page],
    queryFn: () =>
      api.get<{ total: number; rows: VenueViewDto[] }>('/checkins/venues', {
        q,
        unitId,
        status,
        // The start of the chosen day in Vietnam, whatever the browser's clock zone.
        idleSince: idleDay ? `${idleDay}T00:00:00+07:00` : undefined,
        limit: PAGE,
        offset: (page - 1) * PAGE,
      }),
    placeholderData: keepPreviousData,
  });

  function update(key: string, value: string | undefined) {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    if (key !== 'page') p.delete('page');
    setParams(p, { replace: true });
  }

  return (
    <>
      <PageTitle
        extra={
          <LinkButton to="/checkins/venues/new" type="primary" icon={<PlusOutlined />}>
            {t('ui.checkins.register')}
          </LinkButton>
        }
      >
        {t('ui.checkins.venuesTitle')}
      </PageTitle>
      <form role="search" className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <Input.Search
          name="q"
          defaultValue={q}
          allowClear
          enterButton={t('ui.common.search')}
          placeholder={t('ui.checkins.searchPlaceholder')}
          aria-label={t('ui.checkins.searchLabel')}
          onSearch={(v) => update('q', v.trim())}
          style={{ flex: '1 1 260px', maxWidth: 420 }}
        />
        <div style={{ flex: '1 1 240px', maxWidth: 320 }}>
          <UnitSelect
            aria-label={t('ui.checkins.unitFilter')}
            placeholder={t('ui.checkins.unitFilter')}
            allowClear
            value={unitId}
            onChange={(v) => update('unit', v ? String(v) : undefined)}
          />
        </div>
        <Select<VenueStatus | ''>
          aria-label={t('ui.checkins.statusFilter')}
          value={status ?? ''}
          onChange={(v) => update('status', v || undefined)}
          options={[{ value: '', label: t('ui.checkins.allStatuses') }, ...VENUE_STATUSES.map((s) => ({ value: s, label: t(`ui.checkins.statuses.${s}`) }))]}
          style={{ width: 170 }}
        />
        <DatePicker
          aria-label={t('ui.checkins.idleFilter')}
          placeholder={t('ui.checkins.idleFilter')}
          format="DD/MM/YYYY"
          value={idleDay ? dayjs(idleDay) : null}
          onChange={(d) => update('idle', d ? d.format('YYYY-MM-DD') : undefined)}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          style={{ width: 230 }}
        />
      </form>
      <ErrorAlert error={list.error} />
      <Table<VenueViewDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 960 }}
        aria-label={t('ui.checkins.venuesTitle')}
        locale={{ emptyText: t('ui.checkins.noVenues') }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('ui.checkins.total', { count: n }),
          onChange: (p) => update('page', p > 1 ? String(p) : undefined),
        }}
        columns={[
          { title: t('fields.name'), dataIndex: 'name', fixed: 'start', width: 220, render: (v: string, r) => <Link to={`/checkins/venues/${r.id}`}>{v}</Link> },
          { title: t('ui.checkins.code'), dataIndex: 'code', width: 110 },
          { title: t('fields.type'), dataIndex: 'type', width: 180, render: (v: VenueViewDto['type']) => t(`citizen.venue.types.${v}`) },
          { title: t('fields.communeId'), dataIndex: 'communeName', width: 170 },
          { title: t('ui.checkins.status'), dataIndex: 'status', width: 120, render: (s: VenueStatus) => <VenueStatusTag status={s} /> },
          {
            title: t('ui.checkins.lastCheckIn'),
            dataIndex: 'lastCheckInAt',
            width: 150,
            render: (v: string | null) => (v ? formatDateTime(v) : t('ui.checkins.never')),
          },
        ]}
      />
    </>
  );
}
