import { useQuery } from '@tanstack/react-query';
import { apiFetch, ApiError } from './api/client';
import type { Ok, Schema } from './api/contract';

/**
 * The signed-in user and their permissions. Every module reads them (to show or hide actions), so they live here
 * rather than in the identity module, which owns signing in and out and re-exports these.
 */
export type Me = Schema<'Me'>;
type MeAnswer = Ok<'/api/identity/me', 'get'>;

export const ME_KEY = ['identity', 'me'] as const;

export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}

/** The current user, or null when not signed in (a 401 here is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async (): Promise<Me | null> => {
      try {
        const r = await apiFetch<MeAnswer>('/api/identity/me', { quiet401: true });
        return r.user;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
}
