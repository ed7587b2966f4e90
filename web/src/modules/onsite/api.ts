import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type CaseOnsite = Ok<'/api/onsite/cases/{caseId}', 'get'>;
export type OnsiteStep = ItemOf<CaseOnsite['steps']>;
export type OnsiteOfficer = ItemOf<OnsiteStep['officers']>;
export type OnsiteStatus = OnsiteStep['status'];
export type OnsiteReason = NonNullable<OnsiteStep['reason']>;
export type OnsiteSettings = Ok<'/api/onsite/settings', 'get'>;
export type SettingsBody = Body<'/api/onsite/settings', 'put'>;

const KEY = ['onsite'] as const;

export function useCaseOnsite(caseId: string) {
  return useQuery({ queryKey: [...KEY, 'case', caseId], queryFn: ({ signal }) => api.get<CaseOnsite>(`/api/onsite/cases/${caseId}`, undefined, signal) });
}

export function useOnsiteSettings() {
  return useQuery({ queryKey: [...KEY, 'settings'], queryFn: ({ signal }) => api.get<OnsiteSettings>('/api/onsite/settings', undefined, signal) });
}

export function useOnsiteActions(caseId: string) {
  const qc = useQueryClient();
  return {
    recheck: useMutation({
      mutationFn: () => api.post<CaseOnsite>(`/api/onsite/cases/${caseId}/recheck`),
      onSuccess: (data) => qc.setQueryData([...KEY, 'case', caseId], data),
    }),
    saveSettings: useMutation({
      mutationFn: (body: SettingsBody) => apiFetch<OnsiteSettings>('/api/onsite/settings', { method: 'PUT', body }),
      onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
    }),
  };
}
