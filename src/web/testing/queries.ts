// The lists the testing screens share, cached under one key each so a change refreshes them all.
import { useQuery } from '@tanstack/react-query';
import type { CampaignView, LabView, SiteView } from '../../shared/api/testing.js';
import type { ProfileViewDto } from '../../shared/api/profiles.js';
import { api } from '../api/client';

export const TESTING_KEY = ['testing'] as const;

export function useSites(enabled = true) {
  return useQuery({ queryKey: [...TESTING_KEY, 'sites'], queryFn: () => api.get<{ rows: SiteView[] }>('/testing/sites'), enabled });
}

export function useLabs(enabled = true) {
  return useQuery({ queryKey: [...TESTING_KEY, 'labs'], queryFn: () => api.get<{ rows: LabView[] }>('/testing/labs'), enabled });
}

export function useCampaigns() {
  return useQuery({ queryKey: [...TESTING_KEY, 'campaigns'], queryFn: () => api.get<{ rows: CampaignView[] }>('/testing/campaigns') });
}

/** The disease profile in force on a day: the pool sizes and groupings a campaign may use. */
export function useProfileOn(day: string | undefined) {
  return useQuery({
    queryKey: ['profiles', 'in-force', 'covid-19', day],
    queryFn: () => api.get<ProfileViewDto>('/profiles/in-force', { disease: 'covid-19', on: day }),
    enabled: !!day,
  });
}
