import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../shared/api/testing.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import type { ClusterView } from '../../shared/api/cases.js';
import { formatNumber } from '../components/format';

/** Whom the campaign targets, with the names of the commune, venue or cluster where the reader may see them. */
export default function TargetText({ c }: { c: CampaignView }) {
  const { t } = useTranslation();
  const can = useCan();
  const target = c.target as { communeId?: number; venueId?: number; from?: string; to?: string; clusterId?: number; levels?: number[]; people?: number };
  const commune = useQuery({
    queryKey: ['units', 'detail', target.communeId],
    queryFn: () => api.get<{ fullName: string }>(`/units/${target.communeId}`),
    enabled: !!target.communeId && can('units.read'),
  });
  const venue = useQuery({
    queryKey: ['checkins', 'venue', target.venueId],
    queryFn: () => api.get<{ name: string; code: string }>(`/checkins/venues/${target.venueId}`),
    enabled: !!target.venueId && can('venues.manage'),
  });
  // The same cache entry as the cluster picker of cases.
  const clusters = useQuery({
    queryKey: ['cases', 'clusters'],
    queryFn: () => api.get<{ rows: ClusterView[] }>('/tracing/clusters'),
    enabled: c.targetKind === 'cluster_contacts' && can('cases.read'),
  });
  const kind = t(`testingUi.targetKind.${c.targetKind}`);
  switch (c.targetKind) {
    case 'commune_population':
      return <span>{`${kind}: ${commune.data?.fullName ?? `#${target.communeId}`}`}</span>;
    case 'venue_visitors':
    case 'factory_workers':
      return (
        // A span: the description cell is a flex box, which would drop the spaces around the link.
        <span>
          {kind}:{' '}
          {can('venues.manage') ? <Link to={`/checkins/venues/${target.venueId}`}>{venue.data ? `${venue.data.name} (${venue.data.code})` : `#${target.venueId}`}</Link> : `#${target.venueId}`}
          {' · '}
          {`${formatDateTime(target.from ?? null)} – ${formatDateTime(target.to ?? null)}`}
        </span>
      );
    case 'cluster_contacts': {
      const name = clusters.data?.rows.find((x) => x.id === target.clusterId)?.name ?? `#${target.clusterId}`;
      return <span>{`${kind}: ${name} · ${(target.levels ?? [1]).map((l) => `F${l}`).join(', ')}`}</span>;
    }
    case 'explicit':
      return <span>{`${kind}: ${t('testingUi.campaign.people', { count: target.people ?? 0, n: formatNumber(target.people ?? 0) })}`}</span>;
  }
}
