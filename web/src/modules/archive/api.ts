import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError } from '../../shared/api/client';
import type { Body, Ok } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type ArchiveView = Ok<'/api/archive/cases/{id}', 'get'>;
export type ArchiveRecord = NonNullable<ArchiveView['record']>;
export type Retention = ArchiveView['retention'];
/** The case as the case page has it (the contract's type: the archive module does not import the case module). */
export type CaseDetail = Ok<'/api/cases/{id}', 'get'>;

/** The 卷宗 of a case; `version` (the case's) refetches it after every step taken on the page (归档 included). */
export function useArchive(caseId: string, version: number) {
  return useQuery({ queryKey: ['case-archive', caseId, version], queryFn: ({ signal }) => api.get<ArchiveView>(`/api/archive/cases/${caseId}`, undefined, signal) });
}

export const dossierUrl = (caseId: string) => `/api/archive/cases/${caseId}/dossier.pdf`;
export const evidenceZipUrl = (caseId: string) => `/api/archive/cases/${caseId}/evidence.zip`;

/** The file name the server gives (RFC 5987 `filename*`), or the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
}

/**
 * Downloads a 卷宗 file through fetch, so that a refusal (a changed evidence file, `evidence.hash_mismatch`) comes
 * back as an error in the user's words instead of a saved JSON file.
 */
export async function downloadArchiveFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const data = (await res.json().catch(() => undefined)) as { code?: string; message?: string; details?: unknown } | undefined;
    throw new ApiError(res.status, data?.code ?? `http.${res.status}`, data?.message ?? res.statusText, data?.details);
  }
  const href = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = fileNameOf(res, fallbackName);
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoked after the click has been handled.
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}

export type PolicyView = Ok<'/api/archive/retention/{orgUnitId}', 'get'>;
export type PolicyBody = Body<'/api/archive/retention/{orgUnitId}', 'put'>;

/** The 保管期限 in force for a unit (its own policy, a unit's above it, or the local default). */
export function useRetentionPolicy(orgUnitId: string | null) {
  return useQuery({ queryKey: ['case-archive', 'retention', orgUnitId], queryFn: ({ signal }) => api.get<PolicyView>(`/api/archive/retention/${orgUnitId}`, undefined, signal), enabled: !!orgUnitId });
}

export function useSetRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgUnitId, body }: { orgUnitId: string; body: PolicyBody }) => apiFetch<PolicyView>(`/api/archive/retention/${orgUnitId}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['case-archive'] }),
  });
}
