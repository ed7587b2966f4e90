import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts), never written by hand here.
export type VersionList = Ok<'/api/violation/versions', 'get'>;
export type Version = ItemOf<VersionList['items']>;
export type ItemList = Ok<'/api/violation/items', 'get'>;
export type Item = ItemOf<ItemList['items']>;
export type ImportResult = Ok<'/api/violation/import', 'post'>;
export type CreateDraftBody = Body<'/api/violation/versions', 'post'>;

export const VIOLATION_KEY = ['violation'] as const;

/** One problem of an item or a workbook row (details.issues of violation.invalid_item / violation.import_invalid). */
export interface RowIssue {
  row?: number;
  column?: string;
  itemCode?: string;
  field: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
}

export function rowIssues(error: unknown): RowIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as RowIssue[]) : [];
}

export function useVersions() {
  return useQuery({ queryKey: [...VIOLATION_KEY, 'versions'], queryFn: ({ signal }) => api.get<VersionList>('/api/violation/versions', undefined, signal) });
}

export function useItems(versionId: string | undefined, q: string) {
  return useQuery({
    queryKey: [...VIOLATION_KEY, 'items', versionId, q],
    queryFn: ({ signal }) => api.get<ItemList>('/api/violation/items', { versionId, q: q || undefined }, signal),
  });
}

export function useCreateDraft() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: CreateDraftBody) => api.post<Version>('/api/violation/versions', body), onSuccess: () => qc.invalidateQueries({ queryKey: VIOLATION_KEY }) });
}

export function usePublish() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => apiFetch<Version>(`/api/violation/versions/${encodeURIComponent(id)}/publish`, { method: 'POST', body: {} }), onSuccess: () => qc.invalidateQueries({ queryKey: VIOLATION_KEY }) });
}

export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; label: string; effectiveFrom: string }) => postFile<ImportResult>('/api/violation/import', v.file, { label: v.label, effectiveFrom: v.effectiveFrom }),
    onSuccess: () => qc.invalidateQueries({ queryKey: VIOLATION_KEY }),
  });
}
