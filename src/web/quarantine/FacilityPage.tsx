import { useState } from 'react';
import { Button, Card, Descriptions, Dropdown, Typography } from 'antd';
import { DownOutlined, EditOutlined, LoginOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { FACILITY_STATUSES, type FacilityDetail } from '../../shared/api/quarantine.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import CamerasCard from './CamerasCard';
import FacilityRooms from './FacilityRooms';
import { useFacility, useRefresh } from './queries';
import QuarantineTabs from './QuarantineTabs';
import StaffCard from './StaffCard';
import { FacilityStatusTag } from './tags';

export default function FacilityPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const query = useFacility(Number(id));
  const f = query.data;
  if (query.error) return <ErrorAlert error={query.error} />;

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={f && f.kind.startsWith('treatment_') ? '/quarantine?kind=treatment' : '/quarantine'}>← {t('quarantineUi.facilities.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          f && (
            <>
              {can('quarantine.admit') && f.status !== 'closed' && (
                <LinkButton to={`/quarantine/admit?facilityId=${f.id}`} type="primary" icon={<LoginOutlined />} data-testid="facility-admit">
                  {t('quarantineUi.facility.admit')}
                </LinkButton>
              )}
              {can('quarantine.manage') && (
                <>
                  <LinkButton to={`/quarantine/facilities/${f.id}/edit`} icon={<EditOutlined />} data-testid="facility-edit">
                    {t('quarantineUi.facility.edit')}
                  </LinkButton>
                  <StatusMenu facility={f} />
                </>
              )}
            </>
          )
        }
      >
        {f ? (
          <span data-testid="facility-title">
            {f.name} <FacilityStatusTag status={f.status} />
          </span>
        ) : (
          t('ui.common.loading')
        )}
      </PageTitle>
      <QuarantineTabs />
      <Card loading={query.isPending} style={{ marginBottom: 16 }}>
        {f && (
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'code', label: t('quarantineUi.fields.code'), children: f.code },
              { key: 'kind', label: t('quarantineUi.fields.kind'), children: [t(`quarantineUi.kind.${f.kind}`), f.tier ? t('quarantineUi.fields.tierN', { tier: f.tier }) : null].filter(Boolean).join(' · ') },
              { key: 'commune', label: t('quarantineUi.fields.commune'), children: f.communeName },
              { key: 'managing', label: t('quarantineUi.fields.managingUnit'), children: f.managingUnit?.name ?? '—' },
              { key: 'address', label: t('quarantineUi.fields.address'), children: f.addressLine || '—' },
              { key: 'funding', label: t('quarantineUi.fields.funding'), children: [t(`quarantineUi.funding.${f.fundingSource}`), f.paid ? t('quarantineUi.facilities.paid') : null].filter(Boolean).join(' · ') },
              {
                key: 'occupancy',
                label: t('quarantineUi.fields.occupancy'),
                children: (
                  <span data-testid="facility-occupancy" data-occupied={f.occupied} data-capacity={f.capacity}>
                    {t('quarantineUi.facilities.occupancyLine', { occupied: formatNumber(f.occupied), capacity: formatNumber(f.capacity), free: formatNumber(f.free) })}
                  </span>
                ),
              },
              { key: 'rooms', label: t('quarantineUi.fields.rooms'), children: formatNumber(f.rooms) },
              { key: 'special', label: t('quarantineUi.facility.specialBeds'), children: t('quarantineUi.facility.specialBedsLine', { oxygen: formatNumber(f.oxygenBeds), icu: formatNumber(f.icuBeds) }) },
              { key: 'family', label: t('quarantineUi.fields.familyRooms'), children: t(f.familyRooms ? 'ui.common.yes' : 'ui.common.no') },
              { key: 'stays', label: t('quarantineUi.facility.stays'), children: <Link to={`/quarantine/stays?facilityId=${f.id}`}>{t('quarantineUi.facility.staysLink')}</Link> },
            ]}
          />
        )}
      </Card>
      {f && (
        <>
          <FacilityRooms facility={f} />
          <StaffCard facilityId={f.id} canEdit={can('quarantine.manage') || can('quarantine.admit')} />
          <CamerasCard facilityId={f.id} cameras={f.cameras} canEdit={can('quarantine.manage') || can('quarantine.admit')} />
        </>
      )}
    </>
  );
}

/** ready → active → closed and back; the server refuses to close a facility with people in it. */
function StatusMenu({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function move(status: string) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/quarantine/facilities/${facility.id}/status`, { status });
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Dropdown
        menu={{
          items: FACILITY_STATUSES.filter((s) => s !== facility.status).map((s) => ({ key: s, label: t(`quarantineUi.facility.statusAction.${s}`), danger: s === 'closed' })),
          onClick: ({ key }) => void move(key),
        }}
      >
        <Button loading={busy} data-testid="facility-status">
          {t('quarantineUi.facility.changeStatus')} <DownOutlined />
        </Button>
      </Dropdown>
      {error !== null && (
        <div style={{ flexBasis: '100%' }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </>
  );
}
