import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError, withQuery, type Query } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type StandardList = Ok<'/api/catalog/standards', 'get'>;
export type Standard = ItemOf<StandardList['items']>;
export type VersionSummary = ItemOf<Standard['versions']>;
export type VersionDetail = Ok<'/api/catalog/versions/{id}', 'get'>;
export type CatalogNode = ItemOf<VersionDetail['nodes']>;
export type ScoringMethod = NonNullable<CatalogNode['method']>;
export type AppliesTo = CatalogNode['appliesTo'];
export type NodeOrigin = 'own' | 'base' | 'tightened' | 'added';
export type SaveNodeBody = Body<'/api/catalog/versions/{id}/nodes/{code}', 'put'>;
export type Comparison = Ok<'/api/catalog/compare', 'get'>;
export type CompareNode = ItemOf<Comparison['added']>;
export type ImportResult = Ok<'/api/catalog/standards/{id}/import', 'post'>;
export type CreateDraftBody = Body<'/api/catalog/versions', 'post'>;

/** One problem of a tree or workbook (details.issues of catalog.invalid_tree / catalog.import_invalid). */
export interface TreeIssue {
  row?: number;
  column?: string;
  code: string;
  field: string;
  message: string;
}

/** Tree / workbook problems reported by publish and import (details.issues). */
export function treeIssues(error: unknown): TreeIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as TreeIssue[]) : [];
}

/** POST a file as multipart/form-data (field "file"); errors become ApiError like every other call. */
export async function postFile<T>(path: string, file: File | Blob, query?: Query, fileName?: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, fileName ?? (file instanceof File ? file.name : 'upload'));
  const res = await fetch(withQuery(path, query), { method: 'POST', body: form, credentials: 'same-origin' });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = data as { code?: string; message?: string; details?: unknown } | undefined;
    throw new ApiError(res.status, err?.code ?? `http.${res.status}`, err?.message ?? res.statusText, err?.details);
  }
  return data as T;
}

export const CATALOG_KEY = ['catalog'] as const;

export function useStandards() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'standards'],
    queryFn: ({ signal }) => api.get<StandardList>('/api/catalog/standards', undefined, signal),
    staleTime: 60_000,
  });
}

export function useVersion(id: string | undefined) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'version', id],
    queryFn: ({ signal }) => api.get<VersionDetail>(`/api/catalog/versions/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useCompare(from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'compare', from, to],
    queryFn: ({ signal }) => api.get<Comparison>('/api/catalog/compare', { from, to }, signal),
    enabled: !!from && !!to && from !== to,
    staleTime: 5 * 60_000,
  });
}

export function useCreateDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDraftBody) => api.post<Ok<'/api/catalog/versions', 'post'>>('/api/catalog/versions', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function useSaveNode(versionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: SaveNodeBody }) =>
      apiFetch<Ok<'/api/catalog/versions/{id}/nodes/{code}', 'put'>>(
        `/api/catalog/versions/${encodeURIComponent(versionId)}/nodes/${encodeURIComponent(code)}`,
        { method: 'PUT', body },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function useDeleteNode(versionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiFetch<void>(`/api/catalog/versions/${encodeURIComponent(versionId)}/nodes/${encodeURIComponent(code)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function usePublish(versionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Ok<'/api/catalog/versions/{id}/publish', 'post'>>(`/api/catalog/versions/${encodeURIComponent(versionId)}/publish`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function useImportWorkbook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ standardId, label, file, dryRun }: { standardId: string; label: string; file: File; dryRun: boolean }) =>
      postFile<ImportResult>(`/api/catalog/standards/${encodeURIComponent(standardId)}/import`, file, { label, dryRun }),
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: CATALOG_KEY });
    },
  });
}

export const exportUrl = (versionId: string) => `/api/catalog/versions/${encodeURIComponent(versionId)}/export.xlsx`;

/** Workbook column headers of the documented template (catalog.workbook.ts), by field. */
export const WORKBOOK_COLUMNS: Record<string, { letter: string; header: string }> = {
  code: { letter: 'A', header: '编码' },
  parentCode: { letter: 'B', header: '上级编码' },
  level: { letter: 'C', header: '层级' },
  title: { letter: 'D', header: '标题' },
  text: { letter: 'E', header: '要求' },
  points: { letter: 'F', header: '分值' },
  method: { letter: 'G', header: '评分方式' },
  isVeto: { letter: 'H', header: '一票否决' },
  evidence: { letter: 'I', header: '佐证材料' },
  appliesTo: { letter: 'J', header: '适用层级' },
  guidance: { letter: 'K', header: '指导说明' },
  rule: { letter: 'L', header: '计算规则' },
};
