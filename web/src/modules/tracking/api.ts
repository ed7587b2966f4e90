import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';

export const DEVICE_PROTOCOLS = ['osmand', 'jt808'] as const;
export const DEVICE_KINDS = ['phone', 'vehicle_terminal', 'body_camera'] as const;
export const DEVICE_STATUSES = ['active', 'unassigned', 'disabled'] as const;
export const ALERT_KINDS = ['offline', 'no_movement', 'out_of_area'] as const;
export type DeviceProtocol = (typeof DEVICE_PROTOCOLS)[number];
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export type AlertKind = (typeof ALERT_KINDS)[number];

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type Device = ItemOf<Ok<'/api/tracking/devices', 'get'>['items']>;
export type DeviceDetail = Ok<'/api/tracking/devices/{id}', 'get'>;
export type LastPosition = NonNullable<Device['lastPosition']>;
export type Binding = ItemOf<DeviceDetail['bindings']>;
export type Replay = Ok<'/api/tracking/replay', 'get'>;
export type ReplayTrack = ItemOf<Replay['tracks']>;
export type Position = ItemOf<ReplayTrack['points']>;
export type Summary = ReplayTrack['summary'];
export type Stop = ItemOf<Summary['stops']>;
export type Trip = ItemOf<Summary['trips']>;
export type TeamStats = Ok<'/api/tracking/stats', 'get'>;
export type StatsRow = ItemOf<TeamStats['rows']>;
export type Shift = ItemOf<Ok<'/api/tracking/shifts', 'get'>['items']>;
export type Compliance = NonNullable<Shift['compliance']>;
export type DeviceStats = Ok<'/api/tracking/stats/device', 'get'>;
export type Checkpoint = ItemOf<Ok<'/api/tracking/checkpoints', 'get'>['items']>;
export type Alert = ItemOf<Ok<'/api/tracking/alerts', 'get'>['items']>;

export interface Listed<T> {
  items: T[];
  actions: string[];
}

/** Live events (GET /api/tracking/live, Server-Sent Events). */
export interface LivePosition {
  deviceId: string;
  time: string;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  flags: string[];
  /** Whether this fix became the device's last position (decided by the server: a usable fix not older than the last). */
  isLast: boolean;
}
export interface LiveStatus {
  deviceId: string;
  online: boolean;
  lastSeenAt: string | null;
}

export const TRACKING_KEY = ['tracking'] as const;
const enc = encodeURIComponent;

// ---- devices ----

export type DeviceFilter = QueryOf<'/api/tracking/devices', 'get'>;

export function useDevices(filter: DeviceFilter, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'devices', filter],
    queryFn: ({ signal }) => api.get<Listed<Device>>('/api/tracking/devices', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval,
  });
}

export function useDevice(id: string | null | undefined) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'devices', 'one', id],
    queryFn: ({ signal }) => api.get<DeviceDetail>(`/api/tracking/devices/${enc(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export type CreateDeviceBody = Body<'/api/tracking/devices', 'post'>;

export type UpdateDeviceBody = Body<'/api/tracking/devices/{id}', 'patch'>;

export function useCreateDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDeviceBody) => api.post<DeviceDetail>('/api/tracking/devices', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'devices'] }),
  });
}

export function useUpdateDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateDeviceBody }) => api.patch<DeviceDetail>(`/api/tracking/devices/${enc(id)}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'devices'] }),
  });
}

/** JT/T 808: forget the terminal's authentication code (a factory-reset terminal registers again); audited. */
export function useResetAuthCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<DeviceDetail>(`/api/tracking/devices/${enc(id)}/reset-auth-code`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'devices'] }),
  });
}

export function useBindDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { personId?: string; assetId?: string; validFrom?: string } }) =>
      api.post<Binding>(`/api/tracking/devices/${enc(id)}/bindings`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'devices'] }),
  });
}

export function useUnbindDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, at }: { id: string; at?: string }) => api.post<DeviceDetail>(`/api/tracking/devices/${enc(id)}/unbind`, at ? { at } : {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'devices'] }),
  });
}

// ---- positions, replay, stats ----

export type ReplayParams = QueryOf<'/api/tracking/replay', 'get'>;

export function useReplay(params: ReplayParams | null) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'replay', params],
    queryFn: ({ signal }) => api.get<Replay>('/api/tracking/replay', { ...params! }, signal),
    enabled: !!params && (!!params.deviceId || !!params.orgUnitId),
    staleTime: 60_000,
  });
}

export function useTeamStats(orgUnitId: string | undefined, date: string) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'stats', orgUnitId, date],
    queryFn: ({ signal }) => api.get<TeamStats>('/api/tracking/stats', { orgUnitId, date }, signal),
    enabled: !!orgUnitId,
    placeholderData: keepPreviousData,
  });
}

export function useDeviceStats(deviceId: string | null | undefined, date: string) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'stats', 'device', deviceId, date],
    queryFn: ({ signal }) => api.get<DeviceStats>('/api/tracking/stats/device', { deviceId: deviceId!, date }, signal),
    enabled: !!deviceId,
  });
}

// ---- shifts and checkpoints ----

export function useShifts(orgUnitId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'shifts', orgUnitId, from, to],
    queryFn: ({ signal }) => api.get<Listed<Shift>>('/api/tracking/shifts', { orgUnitId, from, to }, signal),
    enabled: !!orgUnitId,
    placeholderData: keepPreviousData,
  });
}

/** A shift as the form edits it (the team comes from the page; the version from the row being changed). */
export type ShiftBody = Omit<Body<'/api/tracking/shifts', 'post'>, 'orgUnitId'>;

export function useSaveShift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, orgUnitId, body }: { id?: string; version?: number; orgUnitId: string; body: ShiftBody }) =>
      id ? api.patch<Shift>(`/api/tracking/shifts/${enc(id)}`, { ...body, version }) : api.post<Shift>('/api/tracking/shifts', { ...body, orgUnitId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'shifts'] }),
  });
}

export function useDeleteShift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      apiFetch<void>(`/api/tracking/shifts/${enc(id)}`, { method: 'DELETE', query: { version } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'shifts'] }),
  });
}

export function useCheckpoints(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'checkpoints', orgUnitId],
    queryFn: ({ signal }) => api.get<Listed<Checkpoint>>('/api/tracking/checkpoints', { orgUnitId }, signal),
    enabled: !!orgUnitId,
  });
}

export function useCreateCheckpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { orgUnitId: string; name: string; lat: number; lon: number; radiusM: number }) => api.post<Checkpoint>('/api/tracking/checkpoints', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'checkpoints'] }),
  });
}

export function useDeleteCheckpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/tracking/checkpoints/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'checkpoints'] }),
  });
}

// ---- alerts ----

export type AlertStatus = 'open' | 'acknowledged' | 'all';

/** The alert list's query; the page always says which alerts (open, acknowledged, all). */
export type AlertFilter = QueryOf<'/api/tracking/alerts', 'get'> & { status: AlertStatus };

export function useAlerts(filter: AlertFilter, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...TRACKING_KEY, 'alerts', filter],
    queryFn: ({ signal }) => api.get<Listed<Alert>>('/api/tracking/alerts', { ...filter }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}

export function useAcknowledgeAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => api.post<Alert>(`/api/tracking/alerts/${enc(id)}/acknowledge`, { note }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'alerts'] }),
  });
}

export const liveUrl = (orgUnitId?: string) => (orgUnitId ? `/api/tracking/live?orgUnitId=${enc(orgUnitId)}` : '/api/tracking/live');

export type LiveState = 'connecting' | 'open' | 'error';

export interface LiveHandlers {
  position?: (p: LivePosition) => void;
  status?: (s: LiveStatus) => void;
  alert?: (a: Alert) => void;
  /** The stream (re)connected: events may have been missed, reload the state. */
  open?: () => void;
}

/**
 * The live stream (Server-Sent Events, same-origin cookie). EventSource reconnects by itself after an error;
 * `open` fires on every (re)connection so the page can resynchronise from GET /api/tracking/devices.
 */
export function useLiveStream(orgUnitId: string | undefined, handlers: LiveHandlers, enabled = true): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const [attempt, setAttempt] = useState(0);
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    setState('connecting');
    const es = new EventSource(liveUrl(orgUnitId), { withCredentials: true });
    const parse = <T>(e: Event): T | null => {
      try {
        return JSON.parse((e as MessageEvent<string>).data) as T;
      } catch {
        return null;
      }
    };
    const onPosition = (e: Event) => {
      const p = parse<LivePosition>(e);
      if (p) ref.current.position?.(p);
    };
    const onStatus = (e: Event) => {
      const s = parse<LiveStatus>(e);
      if (s) ref.current.status?.(s);
    };
    const onAlert = (e: Event) => {
      const a = parse<Alert>(e);
      if (a) ref.current.alert?.(a);
    };
    es.addEventListener('position', onPosition);
    es.addEventListener('status', onStatus);
    es.addEventListener('alert', onAlert);
    es.onopen = () => {
      setState('open');
      ref.current.open?.();
    };
    let retry: number | undefined;
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) {
        setState('connecting');
        return;
      }
      // Refused (e.g. the server restarted without the stream): EventSource gives up; try again a bit later.
      setState('error');
      retry = window.setTimeout(() => setAttempt((n) => n + 1), 5_000);
    };
    return () => {
      window.clearTimeout(retry);
      es.removeEventListener('position', onPosition);
      es.removeEventListener('status', onStatus);
      es.removeEventListener('alert', onAlert);
      es.close();
    };
  }, [orgUnitId, enabled, attempt]);
  return state;
}
