import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClusterView } from '../../shared/api/cases.js';
import { api } from '../api/client';

export function useClusters() {
  return useQuery({ queryKey: ['cases', 'clusters'], queryFn: () => api.get<{ rows: ClusterView[] }>('/tracing/clusters') });
}

/** Picks one of the clusters the reader can see (there are few: a list, not a search). */
export default function ClusterSelect({ value, onChange, style }: { value?: number; onChange: (v: number | undefined) => void; style?: CSSProperties }) {
  const { t } = useTranslation();
  const clusters = useClusters();
  return (
    <Select<number>
      aria-label={t('casesUi.filters.cluster')}
      placeholder={t('casesUi.filters.cluster')}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={clusters.isPending}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={(clusters.data?.rows ?? []).map((c) => ({ value: c.id, label: c.status === 'closed' ? `${c.name} (${t('casesUi.clusters.closed')})` : c.name }))}
      style={{ width: 240, ...style }}
    />
  );
}
