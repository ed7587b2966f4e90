import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import type { DeviceKind } from './api';

/** "12.35 km" or "850 m". */
export function formatDistance(t: TFunction, meters: number | null | undefined): string {
  if (meters === null || meters === undefined || !Number.isFinite(meters)) return '—';
  if (meters < 1000) return t('tracking.fmt.m', { value: Math.round(meters) });
  return t('tracking.fmt.km', { value: (meters / 1000).toFixed(2) });
}

/** "2 小时 05 分" / "2 h 05 min", "12 分" / "12 min", "40 秒" / "40 s". */
export function formatDuration(t: TFunction, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return t('tracking.fmt.hm', { h, m: String(m).padStart(2, '0') });
  if (m > 0) return t('tracking.fmt.min', { m });
  return t('tracking.fmt.sec', { s });
}

export function formatTime(iso: string | null | undefined, withDate = true): string {
  if (!iso) return '—';
  return dayjs(iso).format(withDate ? 'YYYY-MM-DD HH:mm:ss' : 'HH:mm:ss');
}

export function formatPct(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${Math.round(ratio * 1000) / 10}%`;
}

export function formatSpeed(t: TFunction, kmh: number | null | undefined): string {
  if (kmh === null || kmh === undefined || !Number.isFinite(kmh)) return '—';
  return t('tracking.fmt.kmh', { value: kmh.toFixed(1) });
}

export function formatLatLon(lat: number | null | undefined, lon: number | null | undefined): string {
  if (lat === null || lat === undefined || lon === null || lon === undefined) return '—';
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

export const KIND_COLORS: Record<DeviceKind, string> = { phone: '#1f5fbf', vehicle_terminal: '#d4380d', body_camera: '#7c3aed' };
export const OFFLINE_COLOR = '#8c8c8c';

/** Distinct colours for the tracks of a replay. */
export const TRACK_COLORS = ['#1f5fbf', '#d4380d', '#389e0d', '#7c3aed', '#d48806', '#08979c', '#c41d7f', '#531dab', '#0958d9', '#ad4e00'];
export const trackColor = (i: number): string => TRACK_COLORS[i % TRACK_COLORS.length]!;

/** A local calendar day as YYYY-MM-DD. */
export const dayString = (d: dayjs.Dayjs): string => d.format('YYYY-MM-DD');
