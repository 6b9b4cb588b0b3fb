import { useState } from 'react';
import { Card, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PersonVisitsResponseDto } from '../../shared/api/checkins.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';

type Row = PersonVisitsResponseDto['rows'][number];
const PAGE = 20;

/** Where the person checked in, newest first (only what the retention period still keeps). */
export default function PersonVisitsCard({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const [page, setPage] = useState(1);
  const visits = useQuery({
    queryKey: ['venues', 'person-visits', personId, page],
    queryFn: () => api.get<PersonVisitsResponseDto>(`/checkins/people/${personId}/visits`, { limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });
  const total = visits.data?.total ?? 0;
  return (
    <Card title={t('ui.checkins.personCard')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={visits.error} />
      <Table<Row>
        rowKey="visitId"
        size="small"
        loading={visits.isFetching}
        dataSource={visits.data?.rows ?? []}
        scroll={{ x: 820 }}
        aria-label={t('ui.checkins.personCard')}
        locale={{ emptyText: t('ui.checkins.personNone') }}
        pagination={total > PAGE ? { current: page, pageSize: PAGE, total, showSizeChanger: false, onChange: setPage } : false}
        columns={[
          { title: t('checkins.export.checkedInAt'), dataIndex: 'checkedInAt', width: 140, render: (v: string) => formatDateTime(v) },
          { title: t('checkins.export.checkedOutAt'), dataIndex: 'checkedOutAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: t('ui.checkins.venue'),
            key: 'venue',
            width: 220,
            render: (_, r) => (
              <>
                {can('venues.manage') ? <Link to={`/checkins/venues/${r.venue.id}`}>{r.venue.name}</Link> : r.venue.name}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.venue.code} · {t(`citizen.venue.types.${r.venue.type}`)}
                </Typography.Text>
              </>
            ),
          },
          { title: t('ui.checkins.address'), key: 'address', render: (_, r) => [r.venue.addressLine, r.venue.communeName].filter(Boolean).join(', ') },
          { title: t('checkins.export.source'), dataIndex: 'source', width: 190, render: (s: Row['source']) => t(`checkins.sources.${s}`) },
        ]}
      />
    </Card>
  );
}
