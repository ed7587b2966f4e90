import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type RulesInForce = Ok<'/api/legal/rules', 'get'>;
export type Rule = ItemOf<RulesInForce['items']>;
export type VersionList = Ok<'/api/legal/versions', 'get'>;
export type VersionSummary = ItemOf<VersionList['items']>;
export type VersionDetail = Ok<'/api/legal/versions/{id}', 'get'>;
export type SaveRuleBody = Body<'/api/legal/versions/{id}/rules/{ruleId}', 'put'>;
export type CalendarList = Ok<'/api/legal/calendars', 'get'>;
export type CalendarYear = Ok<'/api/legal/calendars/{year}', 'get'>;
export type NoticeBody = Body<'/api/legal/calendars/{year}', 'put'>;
export type CalendarSaved = Ok<'/api/legal/calendars/{year}', 'put'>;
export type CalculateBody = Body<'/api/legal/calculate', 'post'>;
export type CalculateResult = Ok<'/api/legal/calculate', 'post'>;
export type ExplanationStep = ItemOf<CalculateResult['explanation']>;
export type StepList = Ok<'/api/legal/steps', 'get'>;

export const LEGAL_KEY = ['legal'] as const;

/**
 * One problem of a holiday notice (details.issues of legal.calendar_invalid / legal.calendar_import_invalid):
 * `reason` is the notice check's code (translated as legal.noticeIssues.<reason>), `code` a workbook cell problem
 * (fieldErrors.<code>); error details are not part of the generated contract.
 */
export interface NoticeIssue {
  field: string;
  message: string;
  reason?: string;
  code?: string;
  params?: Record<string, string | number>;
  row?: number;
  column?: string;
}

export function noticeIssues(error: unknown): NoticeIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as NoticeIssue[]) : [];
}

export function useRulesInForce(onDate: string | undefined, q: string) {
  return useQuery({
    queryKey: [...LEGAL_KEY, 'rules', onDate, q],
    queryFn: ({ signal }) => api.get<RulesInForce>('/api/legal/rules', { onDate, q }, signal),
    staleTime: 60_000,
  });
}

export function useSteps() {
  return useQuery({ queryKey: [...LEGAL_KEY, 'steps'], queryFn: ({ signal }) => api.get<StepList>('/api/legal/steps', undefined, signal), staleTime: 300_000 });
}

export function useVersions() {
  return useQuery({ queryKey: [...LEGAL_KEY, 'versions'], queryFn: ({ signal }) => api.get<VersionList>('/api/legal/versions', undefined, signal) });
}

export function useVersion(id: string | undefined) {
  return useQuery({
    queryKey: [...LEGAL_KEY, 'version', id],
    queryFn: ({ signal }) => api.get<VersionDetail>(`/api/legal/versions/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCalendars() {
  return useQuery({ queryKey: [...LEGAL_KEY, 'calendars'], queryFn: ({ signal }) => api.get<CalendarList>('/api/legal/calendars', undefined, signal) });
}

export function useCalendar(year: number | undefined) {
  return useQuery({
    queryKey: [...LEGAL_KEY, 'calendar', year],
    queryFn: ({ signal }) => api.get<CalendarYear>(`/api/legal/calendars/${year}`, undefined, signal),
    enabled: year !== undefined,
  });
}

export function useCalculate() {
  return useMutation({ mutationFn: (body: CalculateBody) => api.post<CalculateResult>('/api/legal/calculate', body) });
}

/** Rule-set writes; every success refreshes the legal queries (the calculator's rules too). */
export function useLegalAdmin() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: LEGAL_KEY });
  return {
    createDraft: useMutation({ mutationFn: (body: { label: string; note?: string }) => api.post<VersionDetail>('/api/legal/versions', body), onSuccess: done }),
    saveRule: useMutation({
      mutationFn: (v: { versionId: string; ruleId: string; effectiveFrom?: string; body: SaveRuleBody }) =>
        apiFetch<VersionDetail>(`/api/legal/versions/${v.versionId}/rules/${encodeURIComponent(v.ruleId)}`, { method: 'PUT', body: v.body, query: { effectiveFrom: v.effectiveFrom } }),
      onSuccess: done,
    }),
    deleteRule: useMutation({
      mutationFn: (v: { versionId: string; ruleId: string; effectiveFrom: string }) =>
        apiFetch<VersionDetail>(`/api/legal/versions/${v.versionId}/rules/${encodeURIComponent(v.ruleId)}`, { method: 'DELETE', query: { effectiveFrom: v.effectiveFrom } }),
      onSuccess: done,
    }),
    publish: useMutation({ mutationFn: (id: string) => api.post<VersionDetail>(`/api/legal/versions/${id}/publish`, {}), onSuccess: done }),
    discard: useMutation({ mutationFn: (id: string) => apiFetch<void>(`/api/legal/versions/${id}`, { method: 'DELETE' }), onSuccess: done }),
    saveCalendar: useMutation({
      mutationFn: (v: { year: number; replace: boolean; body: NoticeBody }) => apiFetch<CalendarSaved>(`/api/legal/calendars/${v.year}`, { method: 'PUT', body: v.body, query: { replace: v.replace || undefined } }),
      onSuccess: done,
    }),
    importCalendar: useMutation({
      mutationFn: (v: { file: File; replace: boolean; dryRun: boolean }) => postFile<CalendarSaved>('/api/legal/calendars/import', v.file, { replace: v.replace || undefined, dryRun: v.dryRun || undefined }),
      onSuccess: (r) => (r.dryRun ? undefined : done()),
    }),
  };
}

export const templateUrl = (year: number) => `/api/legal/calendars/template.xlsx?year=${year}`;
export const exportUrl = (year: number) => `/api/legal/calendars/${year}/export.xlsx`;
