/** Pure helpers of the replay page: one timeline over several tracks, positions between fixes. */
import type { ReplayTrack } from './api';

/**
 * Fixes drawn on the replay line: flagged ones (jumps, not located …) are left out and counted; a duplicate is the
 * same place again, harmless. Only the drawing: which fix is a device's last position is decided by the server.
 */
function drawn(p: Pick<ReplayTrack['points'][number], 'flags'>): boolean {
  return p.flags.every((f) => f === 'duplicate');
}
/** Fixes further apart than this are a gap (no data): not interpolated across, drawn dashed. */
export const MAX_GAP_MS = 10 * 60_000;

export interface TPoint {
  t: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
}

export interface PreparedTrack {
  track: ReplayTrack;
  points: TPoint[];
  /** Runs of points without gaps (each drawn as one solid line). */
  segments: TPoint[][];
  flagged: number;
}

export function prepareTrack(track: ReplayTrack): PreparedTrack {
  const points = track.points
    .filter(drawn)
    .map((p) => ({ t: Date.parse(p.time), lat: p.lat, lon: p.lon, speedKmh: p.speedKmh }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
  const segments: TPoint[][] = [];
  let cur: TPoint[] = [];
  for (const p of points) {
    const prev = cur[cur.length - 1];
    if (prev && p.t - prev.t > MAX_GAP_MS) {
      segments.push(cur);
      cur = [];
    }
    cur.push(p);
  }
  if (cur.length) segments.push(cur);
  return { track, points, segments, flagged: track.points.length - points.length };
}

/** The span every track is played on: first to last usable fix of all tracks, else the requested period. */
export function timeline(tracks: readonly PreparedTrack[], from: string, to: string): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const tr of tracks) {
    const first = tr.points[0];
    const last = tr.points[tr.points.length - 1];
    if (first && first.t < lo) lo = first.t;
    if (last && last.t > hi) hi = last.t;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [Date.parse(from), Date.parse(to)];
  return [lo, hi];
}

export interface At {
  lat: number;
  lon: number;
  speedKmh: number | null;
  /** Outside the track's data (before its first fix, after its last, or inside a gap): drawn faded. */
  stale: boolean;
}

/** Where the device was at time `t` (linear between two fixes less than MAX_GAP_MS apart). */
export function positionAt(points: readonly TPoint[], t: number): At | null {
  const n = points.length;
  if (n === 0) return null;
  const first = points[0]!;
  const last = points[n - 1]!;
  if (t <= first.t) return { lat: first.lat, lon: first.lon, speedKmh: t < first.t ? null : first.speedKmh, stale: t < first.t };
  if (t >= last.t) return { lat: last.lat, lon: last.lon, speedKmh: t > last.t ? null : last.speedKmh, stale: t > last.t };
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t <= t) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  if (b.t - a.t > MAX_GAP_MS) return { lat: a.lat, lon: a.lon, speedKmh: null, stale: true };
  const f = b.t === a.t ? 0 : (t - a.t) / (b.t - a.t);
  return { lat: a.lat + f * (b.lat - a.lat), lon: a.lon + f * (b.lon - a.lon), speedKmh: a.speedKmh, stale: false };
}

/** Speed samples for a chart: a null between fixes further apart than MAX_GAP_MS so the line breaks there. */
export function speedSeries(points: readonly TPoint[]): [number, number | null][] {
  const out: [number, number | null][] = [];
  let prev: TPoint | null = null;
  for (const p of points) {
    if (prev && p.t - prev.t > MAX_GAP_MS) out.push([prev.t + 1, null]);
    out.push([p.t, p.speedKmh]);
    prev = p;
  }
  return out;
}

export const SPEEDS = [1, 4, 16, 60] as const;
export type Speed = (typeof SPEEDS)[number];
