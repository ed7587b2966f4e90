import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type RequestList = Ok<'/api/service/requests/', 'get'>;
export type RequestItem = ItemOf<RequestList['items']>;
export type ListQuery = QueryOf<'/api/service/requests/', 'get'>;
export type RequestDetail = Ok<'/api/service/requests/{id}', 'get'>;
export type ActionBody = Body<'/api/service/requests/{id}/actions/{action}', 'post'>;
export type StaffAction = RequestDetail['actions'][number];
export type DuplicateList = Ok<'/api/service/requests/{id}/duplicates', 'get'>;
export type DuplicateItem = ItemOf<DuplicateList['items']>;
export type DuplicateSettings = Ok<'/api/service/duplicates/settings', 'get'>;
export type DuplicateSettingsBody = Body<'/api/service/duplicates/settings', 'put'>;

/** Every query of the service module's staff screens starts with this key, so one step refreshes them all. */
const KEY = ['service'] as const;

export function useRequestList(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'requests', query],
    queryFn: ({ signal }) => api.get<RequestList>('/api/service/requests/', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRequestDetail(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'request', id],
    queryFn: ({ signal }) => api.get<RequestDetail>(`/api/service/requests/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useDuplicates(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'duplicates', id],
    queryFn: ({ signal }) => api.get<DuplicateList>(`/api/service/requests/${id}/duplicates`, undefined, signal),
    enabled: !!id,
  });
}

export function useDuplicateSettings() {
  return useQuery({ queryKey: [...KEY, 'duplicate-settings'], queryFn: ({ signal }) => api.get<DuplicateSettings>('/api/service/duplicates/settings', undefined, signal) });
}

export function useServiceSteps() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    step: useMutation({
      mutationFn: ({ id, action, body }: { id: string; action: StaffAction; body: ActionBody }) => api.post<RequestDetail>(`/api/service/requests/${id}/actions/${action}`, body),
      onSuccess: refresh,
    }),
    saveSettings: useMutation({
      mutationFn: (body: DuplicateSettingsBody) => apiFetch<DuplicateSettings>('/api/service/duplicates/settings', { method: 'PUT', body }),
      onSuccess: refresh,
    }),
  };
}
