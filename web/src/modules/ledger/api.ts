import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postFile, withQuery } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';
import { LEDGER_KEY, LEDGERS, type AnyRecord, type Ledger, type Person, type Room } from '../../shared/ledger';

// The ledger lists are shared (tracking picks persons and vehicles); re-exported for this module's pages.
export {
  LEDGER_KEY,
  LEDGERS,
  useLedgerList,
  type AnyRecord,
  type Asset,
  type Ledger,
  type LedgerList,
  type ListFilter,
  type Office,
  type Person,
  type Room,
  type Signage,
} from '../../shared/ledger';

export const isLedger = (s: string | undefined): s is Ledger => !!s && (LEDGERS as readonly string[]).includes(s);

export const PERSON_KINDS = ['officer', 'auxiliary'] as const;
export const PERSON_STATUSES = ['active', 'left'] as const;
export const ASSET_TYPES = ['vehicle', 'ebike', 'computer', 'body_camera', 'radio', 'other'] as const;
export const ASSET_STATUSES = ['in_use', 'in_repair', 'retired'] as const;
export const SIGNAGE_TYPES = ['队名标牌', '门头标识', '公示栏', '科室门牌', '导向标识', '服务承诺牌'] as const;

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type Photo = ItemOf<Room['photos']>;

type ReminderList = Ok<'/api/ledger/persons/certificate-reminders', 'get'>;
export type Reminder = ItemOf<ReminderList['items']>;
export type Transfer = ItemOf<Ok<'/api/ledger/assets/{id}/transfers', 'get'>['items']>;
type RoomTypeList = Ok<'/api/ledger/room-types', 'get'>;
export type RoomType = ItemOf<RoomTypeList['items']>;
export type ImportJob = Ok<'/api/ledger/imports/{id}', 'get'>;
export type ImportIssue = ItemOf<ImportJob['issues']>;
export type ImportMode = NonNullable<QueryOf<'/api/ledger/persons/import', 'post'>['mode']>;
export type Overview = Ok<'/api/ledger/overview', 'get'>;
export type Requirements = Ok<'/api/ledger/requirements', 'get'>;
export type Requirement = ItemOf<Requirements['items']>;
export type RequirementTerm = ItemOf<Requirement['terms']>;

const base = (ledger: Ledger) => `/api/ledger/${ledger}`;

export const templateUrl = (ledger: Ledger) => `${base(ledger)}/template.xlsx`;
export const exportUrl = (ledger: Ledger, orgUnitId?: string) => withQuery(`${base(ledger)}/export.xlsx`, { orgUnitId });

export function useReminders(orgUnitId: string | undefined, withinDays = 60, enabled = true) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'persons', 'reminders', orgUnitId, withinDays],
    queryFn: ({ signal }) =>
      api.get<ReminderList>('/api/ledger/persons/certificate-reminders', { orgUnitId, withinDays }, signal),
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
    queryFn: ({ signal }) => api.get<RoomTypeList>('/api/ledger/room-types', undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useAddRoomType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<RoomType>('/api/ledger/room-types', { name } satisfies Body<'/api/ledger/room-types', 'post'>),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...LEDGER_KEY, 'room-types'] }),
  });
}

export function useTransfers(assetId: string | undefined) {
  return useQuery({
    queryKey: [...LEDGER_KEY, 'assets', 'transfers', assetId],
    queryFn: ({ signal }) => api.get<Ok<'/api/ledger/assets/{id}/transfers', 'get'>>(`/api/ledger/assets/${encodeURIComponent(assetId!)}/transfers`, undefined, signal),
    enabled: !!assetId,
  });
}

export function useTransfer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, toUnitId, reason }: { id: string; toUnitId: string; reason: string }) =>
      api.post<Ok<'/api/ledger/assets/{id}/transfer', 'post'>>(`/api/ledger/assets/${encodeURIComponent(id)}/transfer`, { toUnitId, reason } satisfies Body<'/api/ledger/assets/{id}/transfer', 'post'>),
    onSuccess: () => void qc.invalidateQueries({ queryKey: LEDGER_KEY }),
  });
}

export function useUploadPhoto(ledger: 'rooms' | 'signage') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => postFile<Ok<'/api/ledger/{ledger}/photos', 'post'>>(`/api/ledger/${ledger}/photos`, file, { id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...LEDGER_KEY, ledger] }),
  });
}

export function startImport(ledger: Ledger, file: File, mode: ImportMode) {
  return postFile<Ok<'/api/ledger/persons/import', 'post'>>(`${base(ledger)}/import`, file, { mode });
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
