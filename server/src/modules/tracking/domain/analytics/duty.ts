/**
 * Duty schedules (排班): compliance of one officer's device with one shift, and the live duty alerts.
 * Pure: no I/O, no clock (`now` is passed in). Conventions (flagged points, segments, gaps): see track.ts.
 *
 * dutyCompliance(points, shift, grids, opts)
 * - Window = [shift.start, shift.end], cut at opts.now when given (a shift in progress: the future is not
 *   "offline"). shiftMs = window length = onDutyMs + offlineMs.
 * - onDutyMs = time with a usable position = inAreaMs + outOfAreaMs. Each segment (≤ maxGapMs, default 10 min)
 *   is attributed to its start point: inside shift.areaGeometry (the team's area, GeoJSON lon/lat) or not.
 * - offlineMs = the rest: gaps > maxGapMs, and the time before the first / after the last usable point.
 *   Flagged fixes (e.g. low accuracy) give no position, so their time is offline here.
 * - coverage = gridCoverage over the window, restricted to shift.gridIds when given (else all grids passed).
 *
 * dutyAlerts(points, shift, now, opts) — only inside [shift.start, min(shift.end, now)]; nothing before the
 * shift starts. `until: null` means ongoing at `now` (only possible while the shift runs).
 * - offline (offlineAfterMs = 10 min): no report for longer than this. Any report proves the phone is alive,
 *   so flagged fixes count here, except `future` ones (their time is wrong). A report before the shift counts as
 *   last seen. since = last report (clipped to the shift start), until = the next report; ongoing when the last
 *   report is older than offlineAfterMs at `now`. Ten minutes = 20+ missed reports at the usual 10–30 s.
 * - no_movement (noMovementAfterMs = 30 min, within stopRadiusM = 50 m): a stop (analytics/patrol.ts rules,
 *   with a gap > offlineAfterMs ending it) of at least this length. Half an hour in one spot on a street patrol
 *   is worth a look (a fixed post is configured with a larger value). since = first fix of the stop,
 *   until = last fix of the stop, or null while the device is still there and online.
 * - out_of_area (outOfAreaAfterMs = 5 min): consecutive usable fixes outside the area for at least this long.
 *   Five minutes tolerates crossing a boundary street or GPS drift at the edge. since = first fix outside,
 *   until = first fix back inside, or null while still outside and online.
 * - detail: durationMs (until or now − since) and the relevant position (last known / stop centre / first fix
 *   outside), null when unknown.
 */
import { prepareArea, type AreaGeometry } from '../geo';
import { gridCoverage, type Grid, type GridCoverageResult } from './coverage';
import { detectStops } from './patrol';
import { DEFAULT_MAX_GAP_MS, overlapMs, usablePoints, type TrackPoint, type UsableOptions } from './track';

export interface Shift {
  start: Date;
  end: Date;
  areaGeometry: AreaGeometry;
  gridIds?: readonly string[];
}

export interface DutyComplianceOptions extends UsableOptions {
  maxGapMs?: number;
  dwellMs?: number;
  /** Cut the window here for a shift in progress. */
  now?: Date;
}

export interface DutyCompliance {
  shiftMs: number;
  onDutyMs: number;
  inAreaMs: number;
  outOfAreaMs: number;
  offlineMs: number;
  coverage: GridCoverageResult;
}

export function dutyCompliance(
  points: readonly TrackPoint[],
  shift: Shift,
  grids: readonly Grid[],
  opts: DutyComplianceOptions = {},
): DutyCompliance {
  const maxGap = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const ws = shift.start.getTime();
  const we = Math.max(ws, Math.min(shift.end.getTime(), opts.now ? opts.now.getTime() : Infinity));
  const pts = usablePoints(points, opts);
  const area = prepareArea(shift.areaGeometry);
  let inAreaMs = 0;
  let outOfAreaMs = 0;
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k] as TrackPoint;
    const b = pts[k + 1] as TrackPoint;
    const ta = a.time.getTime();
    const tb = b.time.getTime();
    if (tb - ta > maxGap || tb <= ws || ta >= we) continue;
    const d = overlapMs(ta, tb, ws, we);
    if (area.contains(a.lon, a.lat)) inAreaMs += d;
    else outOfAreaMs += d;
  }
  const shiftMs = we - ws;
  const wanted = shift.gridIds ? new Set(shift.gridIds) : null;
  const selected = wanted ? grids.filter((g) => wanted.has(g.id)) : grids;
  const coverage = gridCoverage(pts, selected, {
    includeFlagged: true, // already filtered
    maxGapMs: maxGap,
    dwellMs: opts.dwellMs,
    window: { start: new Date(ws), end: new Date(we) },
  });
  return {
    shiftMs,
    onDutyMs: inAreaMs + outOfAreaMs,
    inAreaMs,
    outOfAreaMs,
    offlineMs: shiftMs - inAreaMs - outOfAreaMs,
    coverage,
  };
}

export type DutyAlertKind = 'offline' | 'no_movement' | 'out_of_area';

export interface DutyAlert {
  kind: DutyAlertKind;
  since: Date;
  /** null = ongoing at `now`. */
  until: Date | null;
  detail: { durationMs: number; lat: number | null; lon: number | null };
}

export interface DutyAlertOptions extends UsableOptions {
  offlineAfterMs?: number;
  noMovementAfterMs?: number;
  outOfAreaAfterMs?: number;
  stopRadiusM?: number;
}

export const ALERT_DEFAULTS = {
  offlineAfterMs: 10 * 60_000,
  noMovementAfterMs: 30 * 60_000,
  outOfAreaAfterMs: 5 * 60_000,
  stopRadiusM: 50,
} as const;

export function dutyAlerts(
  points: readonly TrackPoint[],
  shift: Pick<Shift, 'start' | 'end' | 'areaGeometry'>,
  now: Date,
  opts: DutyAlertOptions = {},
): DutyAlert[] {
  const offlineAfter = opts.offlineAfterMs ?? ALERT_DEFAULTS.offlineAfterMs;
  const noMoveAfter = opts.noMovementAfterMs ?? ALERT_DEFAULTS.noMovementAfterMs;
  const outAfter = opts.outOfAreaAfterMs ?? ALERT_DEFAULTS.outOfAreaAfterMs;
  const radius = opts.stopRadiusM ?? ALERT_DEFAULTS.stopRadiusM;
  const ws = shift.start.getTime();
  const nowMs = now.getTime();
  if (nowMs < ws) return [];
  const we = Math.min(shift.end.getTime(), nowMs);
  const running = nowMs < shift.end.getTime();
  const alerts: DutyAlert[] = [];

  // --- offline: every report that is not from the future counts as a sign of life.
  const live = usablePoints(points, { includeFlagged: true }).filter((p) => !p.flags.includes('future') && p.time.getTime() <= we);
  let lastSeen = ws;
  let lastPos: TrackPoint | null = null;
  for (const p of live) {
    const t = p.time.getTime();
    if (t <= ws) {
      lastSeen = t;
      lastPos = p;
      continue;
    }
    if (t - lastSeen > offlineAfter) {
      const since = Math.max(lastSeen, ws);
      alerts.push({ kind: 'offline', since: new Date(since), until: p.time, detail: { durationMs: t - since, lat: lastPos?.lat ?? null, lon: lastPos?.lon ?? null } });
    }
    lastSeen = t;
    lastPos = p;
  }
  if (we - lastSeen > offlineAfter) {
    const since = Math.max(lastSeen, ws);
    alerts.push({
      kind: 'offline',
      since: new Date(since),
      until: running ? null : shift.end,
      detail: { durationMs: we - since, lat: lastPos?.lat ?? null, lon: lastPos?.lon ?? null },
    });
  }

  // Positions inside the shift window for the location-based alerts.
  const pts = usablePoints(points, opts).filter((p) => p.time.getTime() >= ws && p.time.getTime() <= we);
  const lastPt = pts[pts.length - 1];
  const stillOnline = (t: number): boolean => running && lastPt !== undefined && t === lastPt.time.getTime() && nowMs - t <= offlineAfter;

  // --- no movement
  const stops = detectStops(pts, { includeFlagged: true, minStopDurationMs: noMoveAfter, stopRadiusM: radius, maxGapMs: offlineAfter });
  for (const s of stops) {
    const ongoing = stillOnline(s.end.getTime());
    alerts.push({
      kind: 'no_movement',
      since: s.start,
      until: ongoing ? null : s.end,
      detail: { durationMs: (ongoing ? nowMs : s.end.getTime()) - s.start.getTime(), lat: s.lat, lon: s.lon },
    });
  }

  // --- out of area
  const area = prepareArea(shift.areaGeometry);
  let k = 0;
  while (k < pts.length) {
    const first = pts[k] as TrackPoint;
    if (area.contains(first.lon, first.lat)) {
      k++;
      continue;
    }
    let j = k;
    let lastOut = first;
    let until: number | null = null;
    let backInside = false;
    while (j + 1 < pts.length) {
      const next = pts[j + 1] as TrackPoint;
      if (next.time.getTime() - lastOut.time.getTime() > offlineAfter) break;
      if (area.contains(next.lon, next.lat)) {
        backInside = true;
        until = next.time.getTime();
        break;
      }
      lastOut = next;
      j++;
    }
    const since = first.time.getTime();
    let ongoing = false;
    if (!backInside) {
      ongoing = stillOnline(lastOut.time.getTime());
      until = ongoing ? null : lastOut.time.getTime();
    }
    const durationMs = (until ?? nowMs) - since;
    if (durationMs >= outAfter) {
      alerts.push({
        kind: 'out_of_area',
        since: first.time,
        until: until === null ? null : new Date(until),
        detail: { durationMs, lat: first.lat, lon: first.lon },
      });
    }
    k = j + 1;
  }

  return alerts.sort((a, b) => a.since.getTime() - b.since.getTime() || a.kind.localeCompare(b.kind));
}
