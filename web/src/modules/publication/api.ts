import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type PublicList = Ok<'/api/public/decisions/', 'get'>;
export type PublicQuery = QueryOf<'/api/public/decisions/', 'get'>;
export type PublicDecision = ItemOf<PublicList['items']>;
export type AdminList = Ok<'/api/publications/', 'get'>;
export type AdminQuery = QueryOf<'/api/publications/', 'get'>;
export type Publication = ItemOf<AdminList['items']>;
export type PublishBody = Body<'/api/publications/{id}/publish', 'post'>;
export type WithdrawBody = Body<'/api/publications/{id}/withdraw', 'post'>;
export type ChangeKind = WithdrawBody['changeKind'];
export type Criteria = Ok<'/api/publications/criteria', 'get'>;
export type PenaltyKind = ItemOf<Criteria['criteria']['kinds']>;
export type CriteriaBody = Body<'/api/publications/criteria', 'put'>;

export const PENALTY_KINDS = ['fine', 'confiscation', 'suspension', 'closure', 'warning'] as const satisfies readonly PenaltyKind[];

export const CHANGE_KINDS = ['revoked', 'changed', 'illegal', 'void'] as const satisfies readonly ChangeKind[];

const KEY = ['publication'] as const;

/** The public page (no login). */
export function usePublicDecisions(query: PublicQuery) {
  return useQuery({
    queryKey: [...KEY, 'public', query],
    queryFn: ({ signal }) => api.get<PublicList>('/api/public/decisions/', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicDecision(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'public', 'one', id],
    queryFn: ({ signal }) => api.get<PublicDecision>(`/api/public/decisions/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePublications(query: AdminQuery) {
  return useQuery({
    queryKey: [...KEY, 'admin', query],
    queryFn: ({ signal }) => api.get<AdminList>('/api/publications/', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCriteria() {
  return useQuery({ queryKey: [...KEY, 'criteria'], queryFn: ({ signal }) => api.get<Criteria>('/api/publications/criteria', undefined, signal) });
}

export function useSaveCriteria() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CriteriaBody) => apiFetch<Criteria>('/api/publications/criteria', { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function usePublish() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PublishBody }) => api.post<Publication>(`/api/publications/${id}/publish`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useWithdraw() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WithdrawBody }) => api.post<Publication>(`/api/publications/${id}/withdraw`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** 1234567 fen → "12,345.67" (integer arithmetic). */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fen % 100 === 0 ? whole : `${whole}.${String(fen % 100).padStart(2, '0')}`;
}
