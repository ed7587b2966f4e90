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
export type SaveItemBody = Body<'/api/violation/versions/{id}/items/{code}', 'put'>;
export type LawList = Ok<'/api/violation/laws', 'get'>;

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

export function useLaws(enabled: boolean) {
  return useQuery({ queryKey: [...VIOLATION_KEY, 'laws'], enabled, queryFn: ({ signal }) => api.get<LawList>('/api/violation/laws', undefined, signal) });
}

const itemUrl = (versionId: string, code: string) => `/api/violation/versions/${encodeURIComponent(versionId)}/items/${encodeURIComponent(code)}`;

/** Adds (revision null) or changes (the revision loaded) an item of a draft. */
export function useSaveItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { versionId: string; code: string; body: SaveItemBody }) => apiFetch<Item>(itemUrl(v.versionId, v.code), { method: 'PUT', body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: VIOLATION_KEY }),
  });
}

export function useDeleteItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { versionId: string; code: string }) => apiFetch<null>(itemUrl(v.versionId, v.code), { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: VIOLATION_KEY }),
  });
}
