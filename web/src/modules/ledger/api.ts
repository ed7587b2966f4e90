import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../shared/api/client';
import { postFile } from '../catalog/api';

export const LEDGERS = ['persons', 'offices', 'rooms', 'signage', 'assets'] as const;
export type Ledger = (typeof LEDGERS)[number];
export const isLedger = (s: string | undefined): s is Ledger => !!s && (LEDGERS as readonly string[]).includes(s);

export const PERSON_KINDS = ['officer', 'auxiliary'] as const;
export const PERSON_STATUSES = ['active', 'left'] as const;
export const ASSET_TYPES = ['vehicle', 'ebike', 'computer', 'body_camera', 'radio', 'other'] as const;
export const ASSET_STATUSES = ['in_use', 'in_repair', 'retired'] as const;
export const SIGNAGE_TYPES = ['队名标牌', '门头标识', '公示栏', '科室门牌', '导向标识', '服务承诺牌'] as const;

export interface Photo {
  id: string;
  fileName: string;
  mimeType: string;
  sha256: string;
  sizeBytes: number;
  uploadedAt: string;
  url: string;
}

interface Common {
  id: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitCode: string;
  isDemo: boolean;
  version: number;
  updatedAt: string;
  actions: string[];
  note: string | null;
}

export interface Person extends Common {
  name: string;
  idNumber: string;
  idNumberMasked: boolean;
  kind: string;
  position: string | null;
  certificateNo: string | null;
  certificateIssuedOn: string | null;
  certificateExpiresOn: string | null;
  certificateState: 'valid' | 'expiring' | 'expired' | 'none' | string;
  trainingHours: number;
  partyMember: boolean;
  uniformIssuedOn: string | null;
  status: string;
  userId: string | null;
}
export interface Office extends Common {
  name: string;
  address: string;
  lon: number | null;
  lat: number | null;
  area: number;
  floor: number;
  independent: boolean;
}
export interface Room extends Common {
  name: string;
  type: string;
  area: number;
  officeId: string | null;
  officeName: string | null;
  photos: Photo[];
}
export interface Signage extends Common {
  type: string;
  location: string;
  conforms: boolean;
  photos: Photo[];
}
export interface Asset extends Common {
  type: string;
  serial: string;
  model: string | null;
  plate: string | null;
  terminalNo: string | null;
  deviceId: string | null;
  assignedPersonId: string | null;
  assignedPersonName: string | null;
  status: string;
  acquiredOn: string | null;
}
export type AnyRecord = Person | Office | Room | Signage | Asset;

export interface LedgerList<T = AnyRecord> {
  items: T[];
  total: number;
  actions: string[];
}

export interface ListFilter {
  orgUnitId?: string;
  status?: string;
  type?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface Reminder extends Person {
  daysLeft: number;
  expired: boolean;
}

export interface Transfer {
  id: string;
  assetId: string;
  fromUnitId: string;
  fromUnitName: string;
  toUnitId: string;
  toUnitName: string;
  reason: string;
  actorName: string;
  at: string;
}

export interface RoomType {
  id: string;
  name: string;
  ordinal: number;
  builtin: boolean;
}

export interface ImportIssue {
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface ImportJob {
  id: string;
  ledger: string;
  mode: string;
  fileName: string;
  status: 'queued' | 'running' | 'done' | 'failed' | string;
  progress: number;
  processedRows: number;
  totalRows: number;
  issues: ImportIssue[];
  created: number;
  skipped: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export type ImportMode = 'all_or_nothing' | 'valid_only';

export interface Overview {
  orgUnitId: string;
  orgUnitName: string;
  today: string;
  persons: {
    officersActive: number;
    auxiliariesActive: number;
    left: number;
    certificates: { valid: number; expiring: number; expired: number; none: number };
    certificateRate: number | null;
    partyMembers: number;
    uniformIssued: number;
    avgTrainingHours: number | null;
  };
  assets: { type: string; label: string; total: number; in_use: number; in_repair: number; retired: number }[];
  perOfficer: { computers: number | null; bodyCameras: number | null; radios: number | null; ebikes: number | null };
  offices: { count: number; totalArea: number; areaPerPerson: number | null; independent: boolean };
  rooms: { type: string; count: number; area: number }[];
  missingRequiredRooms: string[];
  signage: { total: number; conforming: number; nonConforming: number };
}

export interface RequirementTerm {
  text: string;
  value: unknown;
  matched?: number;
  rowIds?: string[];
}

export interface Requirement {
  code: string;
  title: string;
  rule: string;
  points: number | null;
  isVeto: boolean;
  value: boolean | null;
  result: 'compliant' | 'non_compliant' | null;
  explanation: string;
  terms: RequirementTerm[];
  missing: string[];
}

export interface Requirements {
  orgUnitId?: string;
  orgUnitName?: string;
  versionId: string;
  versionLabel: string;
  standardName: string;
  items: Requirement[];
}

export const LEDGER_KEY = ['ledger'] as const;
const base = (ledger: Ledger) => `/api/ledger/${ledger}`;

export const templateUrl = (ledger: Ledger) => `${base(ledger)}/template.xlsx`;
export const exportUrl = (ledger: Ledger, orgUnitId?: string) => withQuery(`${base(ledger)}/export.xlsx`, { orgUnitId });

export function useLedgerList<T extends AnyRecord>(ledger: Ledger, filter: ListFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...LEDGER_KEY, ledger, 'list', filter],
    queryFn: ({ signal }) => api.get<LedgerList<T>>(base(ledger), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReminders(orgUnitId: string | undefined, withinDays = 60, enabled = true) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'persons', 'reminders', orgUnitId, withinDays],
    queryFn: ({ signal }) =>
      api.get<{ today: string; withinDays: number; items: Reminder[] }>('/api/ledger/persons/certificate-reminders', { orgUnitId, withinDays }, signal),
    enabled,
  });
}

export function revealPerson(id: string) {
  return api.get<Person>(`/api/ledger/persons/${encodeURIComponent(id)}`, { reveal: 'idNumber' });
}

export function useSaveRecord(ledger: Ledger) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id ? api.patch<AnyRecord>(`${base(ledger)}/${encodeURIComponent(id)}`, body) : api.post<AnyRecord>(base(ledger), body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: LEDGER_KEY }),
  });
}

export function useRoomTypes(enabled = true) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'room-types'],
    queryFn: ({ signal }) => api.get<{ items: RoomType[]; actions: string[] }>('/api/ledger/room-types', undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useAddRoomType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<RoomType>('/api/ledger/room-types', { name }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...LEDGER_KEY, 'room-types'] }),
  });
}

export function useTransfers(assetId: string | undefined) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'assets', 'transfers', assetId],
    queryFn: ({ signal }) => api.get<{ items: Transfer[] }>(`/api/ledger/assets/${encodeURIComponent(assetId!)}/transfers`, undefined, signal),
    enabled: !!assetId,
  });
}

export function useTransfer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, toUnitId, reason }: { id: string; toUnitId: string; reason: string }) =>
      api.post<Asset>(`/api/ledger/assets/${encodeURIComponent(id)}/transfer`, { toUnitId, reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: LEDGER_KEY }),
  });
}

export function useUploadPhoto(ledger: 'rooms' | 'signage') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => postFile<Photo>(`/api/ledger/${ledger}/photos`, file, { id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...LEDGER_KEY, ledger] }),
  });
}

export function startImport(ledger: Ledger, file: File, mode: ImportMode) {
  return postFile<{ importId: string }>(`${base(ledger)}/import`, file, { mode });
}

export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'imports', id],
    queryFn: ({ signal }) => api.get<ImportJob>(`/api/ledger/imports/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 400),
  });
}

export function useOverview(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'overview', orgUnitId],
    queryFn: ({ signal }) => api.get<Overview>('/api/ledger/overview', { orgUnitId }, signal),
    enabled: !!orgUnitId,
  });
}

export function useRequirements(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'requirements', orgUnitId],
    queryFn: ({ signal }) => api.get<Requirements>('/api/ledger/requirements', { orgUnitId }, signal),
    enabled: !!orgUnitId,
  });
}
