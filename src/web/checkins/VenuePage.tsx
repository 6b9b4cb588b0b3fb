import { useDownload } from '../components/useDownload';
import { Button, Card, Descriptions, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { VenueViewDto } from '../../shared/api/checkins.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import VenueDevicesCard from './VenueDevicesCard';
import VenueStatusActions from './VenueStatusActions';
import VenueStatusTag from './VenueStatusTag';
import VisitorsCard from './VisitorsCard';

export default function VenuePage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const query = useQuery({ queryKey: ['venues', 'detail', id], queryFn: () => api.get<VenueViewDto>(`/checkins/venues/${id}`) });
  const poster = useDownload();
  const v = query.data;

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/checkins">← {t('ui.checkins.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          v && (
            <>
              <Button icon={<FilePdfOutlined />} loading={poster.busy} disabled={v.status === 'suspended'} onClick={() => void poster.download(`/checkins/venues/${v.id}/poster.pdf`, undefined, `ma-qr-${v.code}.pdf`)}>
                {t('ui.checkins.poster')}
              </Button>
              <VenueStatusActions venue={v} />
            </>
          )
        }
      >
        {v?.name ?? t('ui.common.loading')}
      </PageTitle>
      <ErrorAlert error={query.error ?? poster.error} />
      <Card loading={query.isPending} style={{ marginBottom: 16 }}>
        {v && (
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'code', label: t('ui.checkins.code'), children: <Typography.Text strong>{v.code}</Typography.Text> },
              { key: 'status', label: t('ui.checkins.status'), children: <VenueStatusTag status={v.status} /> },
              ...(v.status === 'suspended'
                ? [
                    { key: 'suspendedAt', label: t('ui.checkins.suspendedAt'), children: formatDateTime(v.suspendedAt) },
                    { key: 'reason', label: t('fields.reason'), children: v.suspendedReason ?? '—' },
                  ]
                : []),
              { key: 'type', label: t('ui.checkins.venueType'), children: t(`citizen.venue.types.${v.type}`) },
              { key: 'capacity', label: t('fields.capacity'), children: v.capacity ? formatNumber(v.capacity) : '—' },
              { key: 'address', label: t('fields.addressLine'), children: v.addressLine },
              { key: 'commune', label: t('fields.communeId'), children: <Link to={`/units/${v.communeId}`}>{v.communeName}</Link> },
              { key: 'manager', label: t('fields.managerName'), children: v.managerName },
              { key: 'phone', label: t('fields.managerPhone'), children: <a href={`tel:${v.managerPhone}`}>{v.managerPhone}</a> },
              {
                key: 'registered',
                label: t('ui.checkins.registeredBy'),
                children: v.registeredBy ? t('ui.checkins.byAccount', { id: v.registeredBy }) : t('ui.checkins.byOwner'),
              },
              { key: 'createdAt', label: t('ui.checkins.createdAt'), children: formatDateTime(v.createdAt) },
              { key: 'last', label: t('ui.checkins.lastCheckIn'), children: v.lastCheckInAt ? formatDateTime(v.lastCheckInAt) : t('ui.checkins.never') },
            ]}
          />
        )}
      </Card>
      {v && can('checkins.read') && <VisitorsCard venueId={v.id} />}
      {v && <VenueDevicesCard venue={v} />}
    </>
  );
}
