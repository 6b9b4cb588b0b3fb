import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProfileViewDto } from '../../shared/api/profiles.js';
import type { UnitDetail } from '../../shared/api/geo.js';
import { api } from '../api/client';

type Localized = { vi: string; en: string };

export interface ProfileNames {
  profile?: ProfileViewDto;
  symptom: (code: string) => string;
  exposure: (code: string) => string;
  product: (code: string) => string;
}

/**
 * Names of a profile's symptoms, exposure questions and vaccines: a declaration stores only their
 * codes. Without an id, the profile in force today names the worklist's codes; `enabled` waits
 * for the id while the declaration loads.
 */
export function useProfileNames(profileId?: number, enabled = true): ProfileNames {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { data } = useQuery({
    queryKey: ['profiles', profileId ?? 'in-force'],
    queryFn: () => api.get<ProfileViewDto>(profileId ? `/profiles/${profileId}` : '/profiles/in-force'),
    staleTime: 10 * 60_000,
    enabled,
  });
  const lookup = (items: { code: string; name: Localized }[] | undefined) => (code: string) => items?.find((i) => i.code === code)?.name[lang] ?? code;
  return {
    profile: data,
    symptom: lookup(data?.rules.declaration.symptoms),
    exposure: lookup(data?.rules.declaration.exposureQuestions),
    product: (code) => data?.rules.vaccination.products.find((p) => p.id === code)?.name ?? code,
  };
}

/** "Phường Hồng Gai, Thành phố Hạ Long, Tỉnh Quảng Ninh" for the unit ids a declaration names. */
export function useUnitNames(ids: number[]): (id: number) => string {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['units', 'detail', id],
      queryFn: () => api.get<UnitDetail>(`/units/${id}`),
      staleTime: 10 * 60_000,
    })),
  });
  const names = new Map<number, string>();
  unique.forEach((id, i) => {
    const u = results[i].data;
    if (u) names.set(id, [u.fullName, ...u.chain.filter((c) => c.id !== u.id).reverse().map((c) => c.fullName)].join(', '));
  });
  return (id) => names.get(id) ?? `#${id}`;
}

/** A country's name in the page language, from its ISO code. */
export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
