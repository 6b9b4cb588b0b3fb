// The reads the quarantine screens share, all under one key so a change refreshes every one.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FacilityDetail, FacilityInput, FacilitySummary, StayDetail } from '../../shared/api/quarantine.js';
import { api, request } from '../api/client';

export const QUARANTINE_KEY = ['quarantine'] as const;

export function useFacilities() {
  return useQuery({ queryKey: [...QUARANTINE_KEY, 'facilities'], queryFn: () => api.get<{ rows: FacilitySummary[] }>('/quarantine/facilities') });
}

export function useFacility(id: number | undefined) {
  return useQuery({ queryKey: [...QUARANTINE_KEY, 'facility', id], queryFn: () => api.get<FacilityDetail>(`/quarantine/facilities/${id}`), enabled: !!id });
}

export function useStay(id: number) {
  return useQuery({ queryKey: [...QUARANTINE_KEY, 'stay', id], queryFn: () => api.get<StayDetail>(`/quarantine/stays/${id}`) });
}

/** The client has no PUT helper: the facility rewrite is its only use here. */
export async function saveFacility(id: number | null, input: FacilityInput): Promise<FacilityDetail> {
  if (id === null) return api.post<FacilityDetail>('/quarantine/facilities', input);
  const res = await request('PUT', `/quarantine/facilities/${id}`, input);
  return (await res.json()) as FacilityDetail;
}

/** After a change: the stay (or facility) answered by the server goes in at once, the lists refetch. */
export function useRefresh() {
  const qc = useQueryClient();
  return async (stay?: StayDetail) => {
    if (stay) qc.setQueryData([...QUARANTINE_KEY, 'stay', stay.id], stay);
    await qc.invalidateQueries({ queryKey: QUARANTINE_KEY });
  };
}

export const certificateHref = (stayId: number) => `/api/quarantine/stays/${stayId}/certificate.pdf`;
