import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type Dashboard = Ok<'/api/progress/dashboard', 'get'>;
export type DashboardTarget = ItemOf<Dashboard['targets']>;
export type ForecastStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'missed';
export type ReportJob = Ok<'/api/progress/reports/{id}', 'get'>;
export type TargetList = Ok<'/api/progress/targets', 'get'>;
export type TargetRow = ItemOf<TargetList['items']>;

export function useDashboard(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['progress', 'dashboard', campaignId],
    queryFn: ({ signal }) => api.get<Dashboard>('/api/progress/dashboard', { campaignId }, signal),
    enabled: !!campaignId,
    staleTime: 30_000,
  });
}

export function useStartReport() {
  return useMutation({ mutationFn: (campaignId: string) => api.post<Ok<'/api/progress/reports', 'post'>>('/api/progress/reports', { campaignId } satisfies Body<'/api/progress/reports', 'post'>) });
}

/** Polls a report job every second until it is done or failed. */
export function useReportJob(id: string | null) {
  return useQuery({
    queryKey: ['progress', 'report', id],
    queryFn: ({ signal }) => api.get<ReportJob>(`/api/progress/reports/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export const reportFileUrl = (id: string, kind: 'xlsx' | 'pdf') => `/api/progress/reports/${encodeURIComponent(id)}/report.${kind}`;

/** The 期限预警 totals of the caller's scope (the board's exact counts; one row asked for, only the counts are used). */
export type CaseDeadlineTotals = Ok<'/api/cases/deadlines', 'get'>;
export function useCaseDeadlineTotals(enabled: boolean) {
  return useQuery({
    queryKey: ['progress', 'case-deadlines'],
    queryFn: ({ signal }) => api.get<CaseDeadlineTotals>('/api/cases/deadlines', { limit: 1 } satisfies QueryOf<'/api/cases/deadlines', 'get'>, signal),
    enabled,
    staleTime: 60_000,
  });
}
