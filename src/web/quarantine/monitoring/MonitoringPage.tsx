import { Card, Descriptions, Empty, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import PageTitle from '../../components/PageTitle';
import { birthText } from '../../people/format';
import QuarantineTabs from '../QuarantineTabs';
import HealthChecksCard from './HealthChecksCard';
import { useHealthChecks } from './queries';
import StayPicker, { type Where } from './StayPicker';

/** /quarantine/monitoring: pick a stay of the facility or commune and record its daily check. */
export default function MonitoringPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const rawWhere = params.get('where');
  const where: Where = rawWhere === 'home' ? 'home' : Number(rawWhere) > 0 ? Number(rawWhere) : undefined;
  const stayId = Number(params.get('stayId')) > 0 ? Number(params.get('stayId')) : undefined;
  const checks = useHealthChecks(stayId);
  const person = checks.data?.person;

  function pick(w: Where, id: number | undefined) {
    const next = new URLSearchParams();
    if (w !== undefined) next.set('where', String(w));
    if (id) next.set('stayId', String(id));
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageTitle>{t('quarantineMonitoringUi.monitoring.title')}</PageTitle>
      <QuarantineTabs />
      <Typography.Paragraph type="secondary">{t('quarantineMonitoringUi.monitoring.intro')}</Typography.Paragraph>
      <StayPicker where={where} stayId={stayId} onChange={pick} />
      {!stayId && <Empty description={t('quarantineMonitoringUi.monitoring.pick')} />}
      {stayId && person && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'person',
                label: t('quarantineMonitoringUi.monitoring.person'),
                children: can('quarantine.read') ? <Link to={`/quarantine/stays/${stayId}`}>{person.fullName}</Link> : person.fullName,
              },
              { key: 'birth', label: t('quarantineMonitoringUi.monitoring.birth'), children: birthText(person) },
              { key: 'home', label: t('quarantineMonitoringUi.monitoring.address'), children: [person.addressLine, person.communeName].filter(Boolean).join(', ') || '—' },
            ]}
          />
        </Card>
      )}
      {stayId && <HealthChecksCard key={stayId} stayId={stayId} active formOpen />}
    </>
  );
}
