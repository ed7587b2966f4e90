/**
 * Grid coverage (责任网格 patrolled?) and checkpoint visits (Traccar #6023: "mark visited when a vehicle passes
 * within radius, daily status per checkpoint"). Pure: no I/O, no clock. Conventions: see track.ts.
 *
 * gridCoverage — parameters and defaults (why)
 * - dwellMs = 60 s: a grid counts as covered when the device spent at least this long inside it. One minute on
 *   foot is ≈ 80 m of street: enough to have looked at it; cutting a corner of a cell for 10 s is not.
 * - Dwell is computed per segment: each segment's duration goes to every grid containing its START point
 *   (grids of one layer do not overlap; overlapping layers each get the time). Gap segments (> maxGapMs,
 *   default 10 min) give nothing. With `window`, segments are clipped to it.
 * - firstEnter = time of the first point inside (clipped to the window); lastLeave = end of the last segment
 *   attributed to the grid (the next fix's time), or the last inside point's time when no segment follows.
 * - ratio = covered grids / grids (0 when there are no grids).
 * - Speed: every grid's bounding box is computed once and tested before ray casting, so 8,640 points × 100
 *   grids cost ≈ 1 M box comparisons plus a few ray casts per point (see bench/tracking-analytics.ts).
 *
 * checkpointVisits — parameters and defaults (why)
 * - radiusM, minDwellMs come per checkpoint (a shop front needs 30 m and 2 min, a bridge 100 m and 0).
 * - A visit is a run of consecutive points within radiusM (haversine); enter / leave are the first / last
 *   fix inside, so dwellMs is a lower bound of the true dwell (by up to two report intervals).
 * - A segment whose two ends are outside but which passes within radiusM (a car driving by between two
 *   fixes) is a visit with dwellMs 0 at the interpolated closest-approach time, so minDwellMs = 0 checkpoints
 *   are "passed" even at 40 km/h with 10 s reports.
 * - mergeGapMs = 60 s: visits separated by less are merged (GPS jitter at the circle's edge splits one visit
 *   into several). A data gap longer than maxGapMs (10 min) always separates visits.
 * - Visits shorter than minDwellMs are dropped; visited = at least one visit remains.
 */
import { distanceToSegmentM, EARTH_RADIUS_M, haversineM, prepareArea, type AreaGeometry } from '../geo';
import { DEFAULT_MAX_GAP_MS, usablePoints, type TimeWindow, type TrackPoint, type UsableOptions } from './track';

export interface Grid {
  id: string;
  geometry: AreaGeometry;
}

export interface GridCoverage {
  id: string;
  covered: boolean;
  dwellMs: number;
  firstEnter: Date | null;
  lastLeave: Date | null;
}

export interface GridCoverageResult {
  grids: GridCoverage[];
  coveredCount: number;
  /** coveredCount / grids.length, 0 when there are no grids. */
  ratio: number;
}

export interface GridCoverageOptions extends UsableOptions {
  dwellMs?: number;
  maxGapMs?: number;
  window?: TimeWindow;
}

export const COVERAGE_DEFAULTS = { dwellMs: 60_000, maxGapMs: DEFAULT_MAX_GAP_MS } as const;

export function gridCoverage(points: readonly TrackPoint[], grids: readonly Grid[], opts: GridCoverageOptions = {}): GridCoverageResult {
  const minDwell = opts.dwellMs ?? COVERAGE_DEFAULTS.dwellMs;
  const maxGap = opts.maxGapMs ?? COVERAGE_DEFAULTS.maxGapMs;
  const ws = opts.window ? opts.window.start.getTime() : -Infinity;
  const we = opts.window ? opts.window.end.getTime() : Infinity;
  const pts = usablePoints(points, opts);
  const n = grids.length;
  const prepared = grids.map((g) => prepareArea(g.geometry));
  const box = new Float64Array(n * 4);
  prepared.forEach((p, i) => box.set(p.bbox, i * 4));
  const dwell = new Float64Array(n);
  const first = new Float64Array(n).fill(NaN);
  const last = new Float64Array(n).fill(NaN);

  for (let k = 0; k < pts.length; k++) {
    const p = pts[k] as TrackPoint;
    const t = p.time.getTime();
    const next = pts[k + 1];
    let segStart = Math.max(t, ws);
    let segEnd: number;
    if (next === undefined || next.time.getTime() - t > maxGap) {
      // No attributable segment: the point itself still marks presence (dwell 0) when inside the window.
      if (t < ws || t > we) continue;
      segStart = t;
      segEnd = t;
    } else {
      segEnd = Math.min(next.time.getTime(), we);
      if (segEnd < segStart) continue;
    }
    const { lon, lat } = p;
    for (let g = 0; g < n; g++) {
      const b = g * 4;
      if (lon < (box[b] as number) || lat < (box[b + 1] as number) || lon > (box[b + 2] as number) || lat > (box[b + 3] as number)) continue;
      if (!(prepared[g] as { contains(lon: number, lat: number): boolean }).contains(lon, lat)) continue;
      dwell[g] = (dwell[g] as number) + (segEnd - segStart);
      if (Number.isNaN(first[g])) first[g] = segStart;
      last[g] = segEnd;
    }
  }

  let coveredCount = 0;
  const out = grids.map((grid, g): GridCoverage => {
    const d = dwell[g] as number;
    const covered = d >= minDwell && !Number.isNaN(first[g]);
    if (covered) coveredCount++;
    const f = first[g] as number;
    const l = last[g] as number;
    return {
      id: grid.id,
      covered,
      dwellMs: d,
      firstEnter: Number.isNaN(f) ? null : new Date(f),
      lastLeave: Number.isNaN(l) ? null : new Date(l),
    };
  });
  return { grids: out, coveredCount, ratio: n === 0 ? 0 : coveredCount / n };
}

export interface Checkpoint {
  id: string;
  lat: number;
  lon: number;
  radiusM: number;
  minDwellMs: number;
}

export interface Visit {
  enter: Date;
  leave: Date;
  dwellMs: number;
}

export interface CheckpointResult {
  id: string;
  visited: boolean;
  visits: Visit[];
  totalDwellMs: number;
}

export interface CheckpointOptions extends UsableOptions {
  mergeGapMs?: number;
  maxGapMs?: number;
}

export const CHECKPOINT_DEFAULTS = { mergeGapMs: 60_000, maxGapMs: DEFAULT_MAX_GAP_MS } as const;

const M_PER_DEG_LAT = (Math.PI / 180) * EARTH_RADIUS_M;

export function checkpointVisits(
  points: readonly TrackPoint[],
  checkpoints: readonly Checkpoint[],
  opts: CheckpointOptions = {},
): CheckpointResult[] {
  const mergeGap = opts.mergeGapMs ?? CHECKPOINT_DEFAULTS.mergeGapMs;
  const maxGap = opts.maxGapMs ?? CHECKPOINT_DEFAULTS.maxGapMs;
  const pts = usablePoints(points, opts);
  return checkpoints.map((cp) => {
    // Degree margins of the radius, for a cheap box reject before haversine.
    const dLat = cp.radiusM / M_PER_DEG_LAT;
    const dLon = cp.radiusM / (M_PER_DEG_LAT * Math.max(0.01, Math.cos((cp.lat * Math.PI) / 180)));
    const near = (p: TrackPoint): boolean =>
      Math.abs(p.lat - cp.lat) <= dLat && Math.abs(p.lon - cp.lon) <= dLon && haversineM(cp.lat, cp.lon, p.lat, p.lon) <= cp.radiusM;

    const raw: { enter: number; leave: number }[] = [];
    let open: { enter: number; leave: number } | null = null;
    let prevInside = false;
    for (let k = 0; k < pts.length; k++) {
      const p = pts[k] as TrackPoint;
      const t = p.time.getTime();
      const prev = pts[k - 1];
      const gap = prev !== undefined && t - prev.time.getTime() > maxGap;
      const inside = near(p);
      if (open && (!inside || gap)) {
        raw.push(open);
        open = null;
      }
      if (inside) {
        if (open) open.leave = t;
        else open = { enter: t, leave: t };
      } else if (prev !== undefined && !prevInside && !gap) {
        // Both ends outside: did the segment pass within the radius?
        const minLat = Math.min(prev.lat, p.lat) - dLat;
        const maxLat = Math.max(prev.lat, p.lat) + dLat;
        const minLon = Math.min(prev.lon, p.lon) - dLon;
        const maxLon = Math.max(prev.lon, p.lon) + dLon;
        if (cp.lat >= minLat && cp.lat <= maxLat && cp.lon >= minLon && cp.lon <= maxLon) {
          const s = distanceToSegmentM(cp.lat, cp.lon, prev.lat, prev.lon, p.lat, p.lon);
          if (s.distanceM <= cp.radiusM) {
            const tc = Math.round(prev.time.getTime() + s.t * (t - prev.time.getTime()));
            raw.push({ enter: tc, leave: tc });
          }
        }
      }
      prevInside = inside;
    }
    if (open) raw.push(open);

    const merged: { enter: number; leave: number }[] = [];
    for (const v of raw) {
      const m = merged[merged.length - 1];
      if (m && v.enter - m.leave <= mergeGap) m.leave = Math.max(m.leave, v.leave);
      else merged.push({ ...v });
    }
    const visits = merged
      .filter((v) => v.leave - v.enter >= cp.minDwellMs)
      .map((v): Visit => ({ enter: new Date(v.enter), leave: new Date(v.leave), dwellMs: v.leave - v.enter }));
    return {
      id: cp.id,
      visited: visits.length > 0,
      visits,
      totalDwellMs: visits.reduce((s, v) => s + v.dwellMs, 0),
    };
  });
}
