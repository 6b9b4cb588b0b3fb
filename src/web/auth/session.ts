import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/api/auth.js';
import type { Permission } from '../../shared/roles.js';
import { api, ApiError } from '../api/client';

export const ME_KEY = ['me'] as const;

/** The signed-in staff member, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe().data;
  return (permission) => !!me?.permissions.includes(permission);
}

export function useSignOut(): () => Promise<void> {
  const qc = useQueryClient();
  return async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      // Nothing read under the old session may outlive it in memory.
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  };
}
