import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError, withQuery, type Query } from '../../shared/api/client';

export type ScoringMethod = 'pass_fail' | 'graded' | 'computed';
export type AppliesTo = 'department' | 'team' | 'all';
export type NodeOrigin = 'own' | 'base' | 'tightened' | 'added';

export interface VersionSummary {
  id: string;
  label: string;
  status: 'draft' | 'published' | 'superseded' | string;
  baseVersionId: string | null;
  isDemo: boolean;
  publishedAt: string | null;
  aspectCount: number;
  itemCount: number;
  totalPoints: number;
  vetoCount: number;
  actions: string[];
}

export interface Standard {
  id: string;
  code: string;
  name: string;
  issuer: string;
  kind: 'provincial' | 'local_profile' | string;
  isDemo: boolean;
  versions: VersionSummary[];
}

export interface StandardList {
  actions: string[];
  items: Standard[];
}

export interface CatalogNode {
  code: string;
  parentCode: string | null;
  depth: number;
  title: string;
  text: string | null;
  points: number | null;
  method: ScoringMethod | null;
  rule: string | null;
  evidence: string | null;
  isVeto: boolean;
  appliesTo: AppliesTo;
  guidance: string | null;
  origin: NodeOrigin | string;
  changeReason: string | null;
  isItem: boolean;
}

export interface VersionDetail extends Omit<VersionSummary, 'actions'> {
  standardId: string;
  standardCode: string;
  standardName: string;
  standardKind: string;
  note: string | null;
  version: number;
  actions: string[];
  nodes: CatalogNode[];
}

export type SaveNodeBody = Pick<
  CatalogNode,
  'parentCode' | 'title' | 'text' | 'points' | 'method' | 'rule' | 'evidence' | 'isVeto' | 'appliesTo' | 'guidance'
> & { changeReason?: string | null };

export interface CompareNode {
  code: string;
  parentCode: string | null;
  title: string;
  points: number | null;
  isVeto: boolean;
}

export interface Comparison {
  from: unknown;
  to: unknown;
  added: CompareNode[];
  removed: CompareNode[];
  changed: { code: string; title?: string; changes: { field: string; from: unknown; to: unknown }[] }[];
  unchanged: number;
}

export interface TreeIssue {
  row?: number;
  code: string;
  field: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  nodes: number;
  items: number;
  totalPoints: number;
  version: VersionDetail | null;
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
    mutationFn: (body: { standardId: string; label: string; copyFromVersionId?: string; baseVersionId?: string }) =>
      api.post<VersionDetail>('/api/catalog/versions', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function useSaveNode(versionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: SaveNodeBody }) =>
      apiFetch<{ code: string; origin: string }>(
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
    mutationFn: () => api.post<VersionDetail>(`/api/catalog/versions/${encodeURIComponent(versionId)}/publish`),
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
