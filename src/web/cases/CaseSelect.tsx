import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseView } from '../../shared/api/cases.js';
import { api } from '../api/client';
import { caseLabel } from './tags';

/** Picks a case by its number or its person's name. */
export default function CaseSelect({ value, onChange }: { value?: number; onChange: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['cases', 'list', { q, pick: true }],
    queryFn: () => api.get<{ rows: CaseView[] }>('/cases', { q, limit: 20 }),
    enabled: q.length > 0,
  });
  // The chosen case's label when the page opens with it (from a case page's "show the chain").
  const current = useQuery({ queryKey: ['cases', 'detail', String(value)], queryFn: () => api.get<CaseDetail>(`/cases/${value}`), enabled: !!value });
  const label = (c: CaseView) => `${caseLabel(t, c)} · ${c.person.fullName}`;
  const options = (hits.data?.rows ?? []).map((c) => ({ value: c.id, label: label(c) }));
  if (current.data && !options.some((o) => o.value === current.data.id)) options.unshift({ value: current.data.id, label: label(current.data) });

  return (
    <Select<number>
      aria-label={t('casesUi.filters.case')}
      placeholder={t('casesUi.filters.case')}
      allowClear
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={hits.isFetching}
      notFoundContent={q ? t('ui.common.noMatch') : t('casesUi.filters.caseHint')}
      value={value}
      options={options}
      onChange={(v) => onChange(v ?? undefined)}
      style={{ width: 260 }}
    />
  );
}
