// Reads of the monitoring screens, under the quarantine key so a transfer, a check or a discharge
// made on any quarantine screen refreshes them.
import { useQuery } from '@tanstack/react-query';
import type { HealthChecksResponse } from '../../../shared/api/quarantine-monitoring.js';
import type { ProfileViewDto } from '../../../shared/api/profiles.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { symptomChoicesOf, type SymptomChoice } from './model';
import { QUARANTINE_KEY } from '../queries';

export const healthChecksKey = (stayId: number) => [...QUARANTINE_KEY, 'health-checks', stayId] as const;

export function useHealthChecks(stayId: number | undefined) {
  return useQuery({
    queryKey: healthChecksKey(stayId ?? 0),
    queryFn: () => api.get<HealthChecksResponse>(`/quarantine/stays/${stayId}/health-checks`),
    enabled: !!stayId,
  });
}

/** Symptom names of the profile in force, for lists (proposals, home stays) that carry only codes. */
export function useSymptomNames(): SymptomChoice[] {
  const can = useCan();
  const q = useQuery({
    queryKey: ['profiles', 'in-force'],
    queryFn: () => api.get<ProfileViewDto>('/profiles/in-force'),
    enabled: can('profiles.read'),
    staleTime: 10 * 60_000,
    retry: false,
  });
  return q.data ? symptomChoicesOf(q.data.rules) : [];
}
