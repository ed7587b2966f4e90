import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type KeyList = Ok<'/api/service/open311-keys/', 'get'>;
export type ApiKey = ItemOf<KeyList['items']>;
export type CreateKeyBody = Body<'/api/service/open311-keys/', 'post'>;
export type CreatedKey = Ok<'/api/service/open311-keys/', 'post'>;

const KEY = ['service', 'open311-keys'] as const;

export function useOpen311Keys() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<KeyList>('/api/service/open311-keys/', undefined, signal) });
}

export function useCreateOpen311Key() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateKeyBody) => apiFetch<CreatedKey>('/api/service/open311-keys/', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeOpen311Key() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ApiKey>(`/api/service/open311-keys/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
