import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError } from '../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type DocumentTypeList = Ok<'/api/documents/types', 'get'>;
export type DocumentTypeInfo = ItemOf<DocumentTypeList['items']>;
export type TemplateVersionList = Ok<'/api/documents/templates/versions', 'get'>;
export type TemplateVersionSummary = ItemOf<TemplateVersionList['items']>;
export type TemplateVersion = Ok<'/api/documents/templates/versions/{id}', 'get'>;
export type TemplateSetContent = TemplateVersion['content'];
export type DocumentTemplate = ItemOf<TemplateSetContent['templates']>;
export type TemplateBlock = ItemOf<DocumentTemplate['body']>;
export type TemplateIssue = ItemOf<TemplateVersion['issues']>;
export type SaveTemplateSettingsBody = Body<'/api/documents/templates/versions/{id}/settings', 'put'>;
export type SaveDocumentTemplateBody = Body<'/api/documents/templates/versions/{id}/templates/{docType}', 'put'>;

export type CaseList = Ok<'/api/cases/', 'get'>;

export const TEMPLATES_KEY = ['documents', 'templates'] as const;

/** The problems of a refused template edit or publication (details.issues of document.template_invalid). */
export function templateIssuesOf(error: unknown): TemplateIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'document.template_invalid') return [];
  const d = error.details as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as TemplateIssue[]) : [];
}

export function useDocumentTypes() {
  return useQuery({ queryKey: ['documents', 'types'], queryFn: ({ signal }) => api.get<DocumentTypeList>('/api/documents/types', undefined, signal), staleTime: 300_000 });
}

export function useTemplateVersions() {
  return useQuery({ queryKey: [...TEMPLATES_KEY, 'versions'], queryFn: ({ signal }) => api.get<TemplateVersionList>('/api/documents/templates/versions', undefined, signal) });
}

export function useTemplateVersion(id: string | undefined) {
  return useQuery({
    queryKey: [...TEMPLATES_KEY, 'version', id],
    queryFn: ({ signal }) => api.get<TemplateVersion>(`/api/documents/templates/versions/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

/** Template-set writes; every success refreshes the template queries. */
export function useTemplateAdmin() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: TEMPLATES_KEY });
  const base = '/api/documents/templates/versions';
  return {
    createDraft: useMutation({ mutationFn: (body: { label: string; note?: string }) => api.post<TemplateVersion>(base, body), onSuccess: done }),
    saveSettings: useMutation({
      mutationFn: (v: { id: string; body: SaveTemplateSettingsBody }) => apiFetch<TemplateVersion>(`${base}/${v.id}/settings`, { method: 'PUT', body: v.body }),
      onSuccess: done,
    }),
    saveTemplate: useMutation({
      mutationFn: (v: { id: string; docType: string; body: SaveDocumentTemplateBody }) => apiFetch<TemplateVersion>(`${base}/${v.id}/templates/${encodeURIComponent(v.docType)}`, { method: 'PUT', body: v.body }),
      onSuccess: done,
    }),
    publish: useMutation({ mutationFn: (v: { id: string; expectedVersion: number }) => api.post<TemplateVersion>(`${base}/${v.id}/publish`, { expectedVersion: v.expectedVersion }), onSuccess: done }),
    discard: useMutation({ mutationFn: (id: string) => apiFetch<void>(`${base}/${id}`, { method: 'DELETE' }), onSuccess: done }),
  };
}

/** The 文号 an example team would get under a prefix and pattern (the server's formatter, for the editor's preview). */
export function exampleNumber(prefix: string, pattern: string, word: string, unitShortName: string, year: number, seq = 1): string {
  const filledPrefix = prefix.replace(/\{\{\s*unit\.shortName\s*\}\}/g, unitShortName).replace(/\{\{\s*unit\.name\s*\}\}/g, `${unitShortName}街道综合执法队`);
  const values: Record<string, string> = { prefix: filledPrefix, word, year: String(year), seq: String(seq).padStart(4, '0') };
  return pattern.replace(/\{([a-z]+)\}/g, (m, k: string) => values[k] ?? m);
}

/** Cases found by a text (case number, party, place), for choosing the case a template is previewed with. */
export function useCaseSearch(q: string) {
  return useQuery({ queryKey: ['documents', 'preview-cases', q], queryFn: ({ signal }) => api.get<CaseList>('/api/cases/', { q: q || undefined, limit: 20 }, signal), staleTime: 30_000 });
}

/** The filled document of a case under the published templates (GET /api/documents/render). */
export const renderUrl = (caseId: string, docType: string, format: 'pdf' | 'docx') => `/api/documents/render?caseId=${encodeURIComponent(caseId)}&docType=${encodeURIComponent(docType)}&format=${format}`;

// ---- 文书 records of a case (the case page's 文书 tab): signatures, 送达, the required-document check ----
export type CaseDocuments = Ok<'/api/documents/cases/{caseId}', 'get'>;
export type CaseDocument = ItemOf<CaseDocuments['items']>;
export type MissingDocument = ItemOf<CaseDocuments['check']['close']>;
export type SignBody = Body<'/api/documents/signatures', 'post'>;
export type ServeBody = Body<'/api/documents/services', 'post'>;
export type CaseDetailOfTab = Ok<'/api/cases/{id}', 'get'>;

const RECORDS_KEY = ['documents', 'case'] as const;

/** The case's documents; `version` (the case's) in the key: a step recorded on the case page refreshes the tab. */
export function useCaseDocuments(caseId: string, version: number) {
  return useQuery({ queryKey: [...RECORDS_KEY, caseId, version], queryFn: ({ signal }) => api.get<CaseDocuments>(`/api/documents/cases/${encodeURIComponent(caseId)}`, undefined, signal) });
}

/** 编号, 作废, 签名, 送达; each success refreshes the tab and the case (a served decision moves the case on). */
export function useDocumentRecordActions() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: RECORDS_KEY }), qc.invalidateQueries({ queryKey: ['case'] })]);
  return {
    allocate: useMutation({ mutationFn: (body: { caseId: string; docType: string; ref?: string }) => api.post<unknown>('/api/documents/numbers', body), onSuccess: done }),
    voidNumber: useMutation({ mutationFn: (v: { id: string; reason: string }) => api.post<unknown>(`/api/documents/numbers/${encodeURIComponent(v.id)}/void`, { reason: v.reason }), onSuccess: done }),
    sign: useMutation({ mutationFn: (body: SignBody) => api.post<unknown>('/api/documents/signatures', body), onSuccess: done }),
    serve: useMutation({ mutationFn: (body: ServeBody) => api.post<unknown>('/api/documents/services', body), onSuccess: done }),
  };
}
