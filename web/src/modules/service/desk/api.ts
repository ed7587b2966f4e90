import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
// The report list and detail are the core's (../api.ts); this file adds what the desk and the inbox need beside them.
export {
  useServiceRequests as useRequestList,
  useServiceRequest as useRequestDetail,
  type ServiceRequestList as RequestList,
  type ServiceRequestItem as RequestItem,
  type ServiceListQuery as ListQuery,
  type ServiceRequestDetail as RequestDetail,
  type ServiceActionBody as ActionBody,
  type ServiceStaffAction as StaffAction,
} from '../api';
import type { ServiceActionBody as ActionBody, ServiceRequestDetail as RequestDetail, ServiceStaffAction as StaffAction } from '../api';
export type DuplicateList = Ok<'/api/service/requests/{id}/duplicates', 'get'>;
export type DuplicateItem = ItemOf<DuplicateList['items']>;
export type DuplicateSettings = Ok<'/api/service/duplicates/settings', 'get'>;
export type DuplicateSettingsBody = Body<'/api/service/duplicates/settings', 'put'>;

/** Every query of the service module's staff screens starts with this key, so one step refreshes them all. */
const KEY = ['service'] as const;

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
