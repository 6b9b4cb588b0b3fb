import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VenueType } from '../../shared/api/checkins.js';
import { api } from '../api/client';

interface VenueHit {
  id: number;
  code: string;
  name: string;
  type: VenueType;
  communeName: string;
}

/** Picks a venue of the jurisdiction by name or poster code; `types` keeps only venues of those kinds (factories for workers). */
export default function VenueSelect({ value, onChange, types, id, ...rest }: { value?: number | null; onChange?: (v: number | null) => void; types?: VenueType[]; id?: string; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // The venue list has no filter by kind: a kind-limited picker searches by name, over a larger page.
  const query = { q: q || undefined, status: 'active', limit: types ? 100 : 30 };
  const hits = useQuery({
    queryKey: ['checkins', 'venues', 'picker', query],
    queryFn: () => api.get<{ total: number; rows: VenueHit[] }>('/checkins/venues', { ...query }),
    placeholderData: keepPreviousData,
    enabled: !types || q.length > 0,
  });
  const rows = (hits.data?.rows ?? []).filter((v) => !types || types.includes(v.type));
  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={hits.isFetching}
      placeholder={t('testingUi.venue.placeholder')}
      notFoundContent={hits.isFetching ? t('ui.common.loading') : types && !q ? t('testingUi.venue.typeToSearch') : t('ui.common.noMatch')}
      options={(types && !q ? [] : rows).map((v) => ({ value: v.id, label: `${v.name} (${v.code}) · ${t(`citizen.venue.types.${v.type}`)} · ${v.communeName}` }))}
      style={{ width: '100%' }}
    />
  );
}
