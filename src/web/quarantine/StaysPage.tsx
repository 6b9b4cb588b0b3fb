import { DatePicker, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { STAY_KINDS, STAY_PLACES, STAY_STATUSES, type StayView } from '../../shared/api/quarantine.js';
import { formatDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { staysQueryOf } from './model';
import { QUARANTINE_KEY, useFacilities, useFacility } from './queries';
import QuarantineTabs from './QuarantineTabs';
import { CohortTag, DayOf, StayStatusTag } from './tags';
import { serverPaging } from '../components/paging';
import { useUrlFilters } from '../components/useUrlFilters';

/** Stays by facility, room, admission day, status, kind and place, with the day of each. */
export default function StaysPage() {
  const { t } = useTranslation();
  const [params, set] = useUrlFilters();
  const { page, ...query } = staysQueryOf(params);
  const facilities = useFacilities();
  const facility = useFacility(query.roomId ? query.facilityId : undefined);
  const room = facility.data?.zones.flatMap((z) => z.rooms).find((r) => r.id === query.roomId);
  const stays = useQuery({
    queryKey: [...QUARANTINE_KEY, 'stays', query],
    queryFn: () => api.get<{ total: number; rows: StayView[] }>('/quarantine/stays', { ...query }),
  });

  return (
    <>
      <PageTitle>{t('quarantineUi.stays.title')}</PageTitle>
      <QuarantineTabs />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('quarantineUi.stays.allFacilities')}
          aria-label={t('quarantineUi.fields.facility')}
          value={query.facilityId}
          onChange={(v?: number) => set({ facilityId: v ? String(v) : undefined, roomId: undefined })}
          options={(facilities.data?.rows ?? []).map((f) => ({ value: f.id, label: f.name }))}
          style={{ width: 280 }}
          data-testid="stays-facility"
        />
        {query.roomId && (
          <Tag closable onClose={() => set({ roomId: undefined })}>
            {t('quarantineUi.stays.room', { code: room?.code ?? '…' })}
          </Tag>
        )}
        <Select
          aria-label={t('quarantineUi.fields.status')}
          value={params.get('status') === 'all' ? 'all' : query.status}
          onChange={(v: string) => set({ status: v === 'active' ? undefined : v })}
          options={[...STAY_STATUSES.map((s) => ({ value: s as string, label: t(`quarantineUi.stayStatus.${s}`) })), { value: 'all', label: t('quarantineUi.stays.allStatuses') }]}
          style={{ width: 170 }}
          data-testid="stays-status"
        />
        <Select
          allowClear
          placeholder={t('quarantineUi.fields.stayKind')}
          aria-label={t('quarantineUi.fields.stayKind')}
          value={query.kind}
          onChange={(v?: string) => set({ kind: v })}
          options={STAY_KINDS.map((k) => ({ value: k, label: t(`quarantineUi.stayKind.${k}`) }))}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('quarantineUi.fields.place')}
          aria-label={t('quarantineUi.fields.place')}
          value={query.place}
          onChange={(v?: string) => set({ place: v })}
          options={STAY_PLACES.map((p) => ({ value: p, label: t(`quarantineUi.place.${p}`) }))}
          style={{ width: 170 }}
        />
        <DatePicker
          format="DD/MM/YYYY"
          placeholder={t('quarantineUi.fields.admissionDay')}
          aria-label={t('quarantineUi.fields.admissionDay')}
          value={query.admissionDay ? dayjs(query.admissionDay) : null}
          onChange={(d) => set({ admissionDay: d ? d.format('YYYY-MM-DD') : undefined })}
          data-testid="stays-day"
        />
      </Space>
      <ErrorAlert error={stays.error} />
      <Table<StayView>
        rowKey="id"
        size="small"
        loading={stays.isFetching}
        dataSource={stays.data?.rows ?? []}
        scroll={{ x: 1070 }}
        aria-label={t('quarantineUi.stays.title')}
        locale={{ emptyText: t('quarantineUi.stays.none') }}
        onRow={(s) => testRow('stay-row', { 'data-stay-id': s.id, 'data-room': s.room?.code ?? '', 'data-day': s.dayNumber ?? '', 'data-admission-day': s.admissionDay, 'data-status': s.status })}
        pagination={serverPaging({
          page,
          pageSize: query.limit,
          total: stays.data?.total ?? 0,
          totalText: (n) => t('quarantineUi.stays.total', { count: n, n: formatNumber(n) }),
          onPage: (p) => set({ page: p > 1 ? String(p) : undefined }),
        })}
        columns={[
          {
            title: t('quarantineUi.fields.person'),
            key: 'person',
            fixed: 'start',
            width: 200,
            render: (_, s) => (
              <>
                <Link to={`/quarantine/stays/${s.id}`}>{s.person?.fullName ?? t('quarantineUi.stays.outside', { id: s.personId })}</Link>
                {s.person && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {[s.person.birthYear, t(`people.sex.${s.person.sex}`), s.person.communeName].join(' · ')}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('quarantineUi.fields.where'),
            key: 'where',
            width: 220,
            render: (_, s) => (
              <>
                {/* Filtered by a facility, its name on every row says nothing. */}
                {query.facilityId && s.facility?.id === query.facilityId ? null : s.facility ? s.facility.name : t(`quarantineUi.place.${s.place}`)}
                {s.room && (
                  <Typography.Text type={query.facilityId ? undefined : 'secondary'} style={{ display: 'block', fontSize: query.facilityId ? undefined : 12 }}>
                    {[s.room.zone, t('quarantineUi.stays.room', { code: s.room.code }), s.bed ? t('quarantineUi.stays.bed', { code: s.bed.code }) : null].filter(Boolean).join(' · ')}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t('quarantineUi.fields.cohort'), key: 'cohort', width: 150, render: (_, s) => <CohortTag admissionDay={s.admissionDay} risk={s.risk} /> },
          {
            title: t('quarantineUi.fields.day'),
            key: 'day',
            width: 160,
            render: (_, s) =>
              s.dayNumber === null ? (
                '—'
              ) : (
                <>
                  <DayOf day={s.dayNumber} days={s.plannedDays} />
                  <Progress percent={Math.min(100, Math.round((s.dayNumber / s.plannedDays) * 100))} size="small" showInfo={false} status={s.dayNumber > s.plannedDays ? 'success' : 'active'} />
                </>
              ),
          },
          { title: t('quarantineUi.fields.plannedUntil'), key: 'until', width: 100, render: (_, s) => formatDate(s.plannedUntil) },
          { title: t('quarantineUi.fields.stayKindShort'), key: 'kind', width: 120, render: (_, s) => [t(`quarantineUi.stayKind.${s.kind}`), s.tier ? t('quarantineUi.fields.tierN', { tier: s.tier }) : null].filter(Boolean).join(' · ') },
          { title: t('quarantineUi.fields.status'), key: 'status', width: 120, render: (_, s) => <StayStatusTag status={s.status} /> },
        ]}
      />
    </>
  );
}
