import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../../shared/api/client';

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  orgUnitId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
  prevHash: string | null;
}

export interface AuditPage {
  items: AuditRecord[];
  nextBeforeSeq: number | null;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

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
