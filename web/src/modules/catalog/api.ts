import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';
import { CATALOG_KEY } from '../../shared/catalog';

// The standards list is shared (campaigns pick a version from it); re-exported for this module's pages.
export { CATALOG_KEY, useStandards, type Standard, type StandardList, type VersionSummary } from '../../shared/catalog';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
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

/**
 * One problem of a tree or workbook (details.issues of catalog.invalid_tree / catalog.import_invalid), as the
 * server's TreeIssue (catalog/domain/tree.ts); error details are not part of the generated contract.
 */
export interface TreeIssue {
  /** 1-based spreadsheet row when the nodes came from a workbook. */
  row?: number;
  /** Sheet column letter ('' for a problem with the whole row or sheet). */
  column?: string;
  /** The node's code ('' for a problem with the whole tree or sheet). */
  nodeCode: string;
  field: string;
  /** English, for API readers. */
  message: string;
  /** What is wrong, translated as fieldErrors.<code> with `params` (issueText). */
  code: string;
  params?: Record<string, string | number>;
}

/** Tree / workbook problems reported by publish and import (details.issues). */
export function treeIssues(error: unknown): TreeIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as TreeIssue[]) : [];
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
