import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { ItemOf, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type AuditPage = Ok<'/api/audit/records', 'get'>;
export type AuditRecord = ItemOf<AuditPage['items']>;
export type ChainVerification = Ok<'/api/audit/verify', 'get'>;

export const PAGE_SIZE = 50;

/** Newest first; "load more" follows the `nextBeforeSeq` cursor. */
export function useAuditRecords(entityType?: string) {
  return useInfiniteQuery({
    queryKey: ['audit', 'records', entityType ?? null],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/api/audit/records', { limit: PAGE_SIZE, beforeSeq: pageParam, entityType }, signal),
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
}

export function useVerifyChain() {
  return useMutation({
    mutationFn: () => api.get<ChainVerification>('/api/audit/verify'),
  });
}
