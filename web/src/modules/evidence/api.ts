import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type EvidenceList = Ok<'/api/evidence/cases/{caseId}', 'get'>;
export type Evidence = ItemOf<EvidenceList['items']>;
export type EvidenceKind = Evidence['kind'];
export type UploadQuery = QueryOf<'/api/evidence/cases/{caseId}', 'post'>;
export type EvidenceDetail = Ok<'/api/evidence/{id}', 'get'>;
export type CustodyEntry = ItemOf<EvidenceDetail['custody']>;
export type CustodyAction = CustodyEntry['action'];
export type CaseSteps = Ok<'/api/evidence/cases/{caseId}/steps', 'get'>;
export type CaseStep = ItemOf<CaseSteps['items']>;
export type ClipLink = ItemOf<CaseStep['clips']>;
export type ClipBody = Body<'/api/evidence/clips', 'post'>;
export type Clip = Ok<'/api/evidence/clips', 'post'>;
type Devices = Ok<'/api/tracking/devices', 'get'>;
export type Device = ItemOf<Devices['items']>;
type Officers = Ok<'/api/cases/officers', 'get'>;
/** The case as the case page has it (the contract's type: the evidence module does not import the case module). */
export type CaseDetail = Ok<'/api/cases/{id}', 'get'>;

/** 行政处罚法 第四十六条 in its order (item 八 holds two records). */
export const EVIDENCE_KINDS = ['documentary', 'physical', 'audio_visual', 'electronic', 'witness', 'party_statement', 'expert_opinion', 'inspection_record', 'scene_record'] as const satisfies readonly EvidenceKind[];
export const CUSTODY_ACTIONS = ['uploaded', 'viewed', 'downloaded', 'exported', 'hash_mismatch', 'superseded', 'deleted'] as const satisfies readonly CustodyAction[];
/** What the server accepts (platform/blob-store EVIDENCE_TYPES), for the file picker. */
export const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.mp4,.txt';

const KEY = ['case-evidence'] as const;

export function useEvidence(caseId: string) {
  return useQuery({ queryKey: [...KEY, 'list', caseId], queryFn: ({ signal }) => api.get<EvidenceList>(`/api/evidence/cases/${caseId}`, undefined, signal) });
}

/** One item with its custody log (reading it is itself logged as `viewed`). */
export function useEvidenceDetail(id: string | null) {
  return useQuery({ queryKey: [...KEY, 'detail', id], queryFn: ({ signal }) => api.get<EvidenceDetail>(`/api/evidence/${id}`, undefined, signal), enabled: !!id, staleTime: 0 });
}

/** The officers' steps with their clips; `version` (the case's) refetches them after every step taken on the page. */
export function useCaseSteps(caseId: string, version: number) {
  return useQuery({ queryKey: [...KEY, 'steps', caseId, version], queryFn: ({ signal }) => api.get<CaseSteps>(`/api/evidence/cases/${caseId}/steps`, undefined, signal) });
}

/** The team's body cameras (tracking registry). */
export function useBodyCameras(orgUnitId: string) {
  return useQuery({
    queryKey: [...KEY, 'cameras', orgUnitId],
    queryFn: async ({ signal }) => (await api.get<Devices>('/api/tracking/devices', { orgUnitId }, signal)).items.filter((d) => d.kind === 'body_camera'),
    staleTime: 60_000,
  });
}

/** The team's persons who may wear a camera (officers; 协管员 left out as on every step). */
export function useTeamOfficers(orgUnitId: string) {
  return useQuery({
    queryKey: [...KEY, 'officers', orgUnitId],
    queryFn: async ({ signal }) => (await api.get<Officers>('/api/cases/officers', { unitId: orgUnitId }, signal)).items.filter((o) => o.kind === 'officer'),
    staleTime: 60_000,
  });
}

export function useEvidenceActions(caseId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    upload: useMutation({ mutationFn: (v: { query: UploadQuery; file: File }) => postFile<Evidence>(`/api/evidence/cases/${caseId}`, v.file, v.query), onSuccess: refresh }),
    supersede: useMutation({ mutationFn: (v: { id: string; reason: string; file: File }) => postFile<Evidence>(`/api/evidence/${v.id}/supersede`, v.file, { reason: v.reason }), onSuccess: refresh }),
    withdraw: useMutation({ mutationFn: (id: string) => apiDelete(`/api/evidence/${id}`), onSuccess: refresh }),
    registerClip: useMutation({ mutationFn: (body: ClipBody) => api.post<Clip>('/api/evidence/clips', body), onSuccess: refresh }),
    uploadClipFile: useMutation({ mutationFn: (v: { id: string; file: File }) => postFile<Clip>(`/api/evidence/clips/${v.id}/file`, v.file), onSuccess: refresh }),
    refresh,
  };
}

async function apiDelete(path: string): Promise<void> {
  const res = await fetch(path, { method: 'DELETE', credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw await errorOf(res);
}

async function errorOf(res: Response): Promise<ApiError> {
  const data = (await res.json().catch(() => undefined)) as { code?: string; message?: string; details?: unknown } | undefined;
  return new ApiError(res.status, data?.code ?? `http.${res.status}`, data?.message ?? res.statusText, data?.details);
}

/**
 * Downloads the file through the server, which verifies its SHA-256 first: a changed or lost file comes back as an
 * error (code translated by the caller) instead of a file, and the attempt is in the custody log either way.
 */
export async function downloadEvidence(e: Pick<Evidence, 'id' | 'fileName'>): Promise<void> {
  const res = await fetch(`/api/evidence/${e.id}/file?purpose=download`, { credentials: 'same-origin' });
  if (!res.ok) throw await errorOf(res);
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = e.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoked after the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** SHA-256 of a file in the browser (Web Crypto), for registering a clip whose file stays on the camera's workstation. */
export async function sha256Of(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
