import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import type { ItemOf, Ok } from './api/contract';

/**
 * The standards and their versions, as a lookup: the catalog module edits them, other modules (a campaign picks a
 * published version) only list them. The catalog module re-exports these.
 */
export type StandardList = Ok<'/api/catalog/standards', 'get'>;
export type Standard = ItemOf<StandardList['items']>;
export type VersionSummary = ItemOf<Standard['versions']>;

/** Every catalog query lives under this key, so the catalog's mutations refresh this list too. */
export const CATALOG_KEY = ['catalog'] as const;

export function useStandards() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'standards'],
    queryFn: ({ signal }) => api.get<StandardList>('/api/catalog/standards', undefined, signal),
    staleTime: 60_000,
  });
}
