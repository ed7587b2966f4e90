import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type ServiceRequestList = Ok<'/api/service/requests/', 'get'>;
export type ServiceRequestItem = ItemOf<ServiceRequestList['items']>;
export type ServiceListQuery = QueryOf<'/api/service/requests/', 'get'>;
export type ServiceRequestDetail = Ok<'/api/service/requests/{id}', 'get'>;
export type ServiceActionBody = Body<'/api/service/requests/{id}/actions/{action}', 'post'>;
export type ServiceStaffAction = ServiceRequestDetail['actions'][number];
export type OpenCaseBody = Body<'/api/service/requests/{id}/case', 'post'>;
export type ServicePhoto = ItemOf<ServiceRequestDetail['photos']>;
export type ServiceTimelineEntry = ItemOf<ServiceRequestDetail['timeline']>;
export type ServiceState = ServiceRequestDetail['state'];

export const SERVICE_STATES: readonly ServiceState[] = ['submitted', 'dispatched', 'handling', 'handled', 'replied', 'closed', 'rejected', 'merged', 'suspended'];
export const SERVICE_SOURCES: readonly NonNullable<ServiceListQuery['source']>[] = ['public', 'hotline', 'open311', 'staff'];

/** Every query of the service module's staff screens starts with this key, so one step refreshes them all. */
const KEY = ['service'] as const;

export function useServiceRequests(query: ServiceListQuery) {
  return useQuery({
    queryKey: [...KEY, 'requests', query],
    queryFn: ({ signal }) => api.get<ServiceRequestList>('/api/service/requests/', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useServiceRequest(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'request', id],
    queryFn: ({ signal }) => api.get<ServiceRequestDetail>(`/api/service/requests/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export const photoUrl = (requestId: string, photoId: string) => `/api/service/requests/${requestId}/photos/${photoId}`;

/** The steps of one report: a workflow action, opening a case, a photo of the handling. */
export function useServiceRequestSteps(id: string) {
  const qc = useQueryClient();
  const refresh = (d: ServiceRequestDetail) => {
    qc.setQueryData([...KEY, 'request', id], d);
    return qc.invalidateQueries({ queryKey: KEY });
  };
  return {
    act: useMutation({
      mutationFn: ({ action, body }: { action: ServiceStaffAction; body: ServiceActionBody }) => api.post<ServiceRequestDetail>(`/api/service/requests/${id}/actions/${action}`, body),
      onSuccess: refresh,
    }),
    openCase: useMutation({
      mutationFn: (body: OpenCaseBody) => api.post<ServiceRequestDetail>(`/api/service/requests/${id}/case`, body),
      onSuccess: refresh,
    }),
    upload: useMutation({
      mutationFn: ({ stage, file }: { stage: 'before' | 'after'; file: File }) => postFile<ServicePhoto>(`/api/service/requests/${id}/photos`, file, { stage }),
      onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
    }),
  };
}
