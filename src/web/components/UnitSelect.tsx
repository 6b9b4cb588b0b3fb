import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UnitLevelName, UnitSearchHit } from '../../shared/api/geo.js';
import { api } from '../api/client';

export interface UnitOption {
  value: number;
  label: string;
}

/** The many "Xã Tân Lập" can only be told apart by their district and province. */
export function unitLabel(u: Pick<UnitSearchHit, 'fullName' | 'districtName' | 'provinceName'>): string {
  return [u.fullName, u.districtName, u.provinceName].filter(Boolean).join(', ');
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
  level?: UnitLevelName;
  /** The label of the current value, which a search has not loaded yet. */
  initial?: UnitOption;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
}

/** A searchable unit picker over /units/search, limited by the server to the user's jurisdiction. */
export default function UnitSelect({ id, value, onChange, level, initial, placeholder, allowClear, ...rest }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [picked, setPicked] = useState<UnitOption | undefined>(initial);
  const hits = useQuery({
    queryKey: ['units', 'search', q, level],
    queryFn: () => api.get<UnitSearchHit[]>('/units/search', { q, level, limit: 20 }),
    enabled: q.length > 0,
  });
  const options: UnitOption[] = (hits.data ?? []).map((u) => ({ value: u.id, label: unitLabel(u) }));
  if (picked && value === picked.value && !options.some((o) => o.value === picked.value)) options.unshift(picked);

  return (
    <Select<number, UnitOption>
      id={id}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      placeholder={placeholder ?? t('ui.units.pickPlaceholder')}
      allowClear={allowClear}
      options={options}
      loading={hits.isFetching}
      notFoundContent={q ? (hits.isFetching ? t('ui.common.loading') : t('ui.common.noMatch')) : t('ui.units.typeToSearch')}
      onChange={(v, opt) => {
        setPicked(Array.isArray(opt) ? undefined : opt);
        onChange?.(v ?? null);
      }}
      style={{ width: '100%' }}
    />
  );
}
