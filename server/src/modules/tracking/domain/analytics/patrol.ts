/**
 * Patrol statistics over one device-day: distance, stops, trips, moving / stopped / no-data time, and the day
 * summary that the replay page shows (traccar-web #1140: "total distance, moving and parking time, stops with
 * durations"). Pure: no I/O, no clock. Conventions (flagged points, segments, gaps): see track.ts.
 *
 * Parameters and defaults (why)
 * - detectStops
 *   · minStopDurationMs = 5 min: Traccar's default minimal parking duration; shorter pauses (a red light, a
 *     word with a shopkeeper) are part of walking the beat, not a stop.
 *   · stopRadiusM = 50 m: phone GPS wanders 10–30 m in a street canyon while standing still; 50 m absorbs that
 *     without merging two shops a block apart. A point belongs to the stop while it is within this radius of the
 *     stop's FIRST point (an anchor, not a drifting centroid, so slow walking never becomes a stop).
 *   · maxGapMs = 10 min (track.ts): a silence longer than this ends the stop (that time is no data, not stopped).
 * - detectTrips
 *   · minTripDistanceM = 100 m: twice the stop radius, so jitter between two stops is no trip, while a foot patrol
 *     to the next street (≈ 100–200 m) still is. Traccar's 500 m default is made for vehicles.
 *   · minTripDurationMs = 60 s: one minute of walking ≈ 80 m; below that it is a move inside a site.
 *   · maxGapMs = 10 min: a data gap longer than this splits trips.
 *   A trip runs from the last point of a stop (or the first point after a gap / of the day) to the first point
 *   of the next stop (or the last point before a gap / of the day). Pauses shorter than a stop stay inside.
 *   maxSpeedKmh: per segment, the reported speed of its end point, or the speed computed from the segment when
 *   the phone reported none. avgSpeedKmh = distanceM / durationMs.
 * - distanceMeters: sum of haversine distances between consecutive usable points. A gap counts as a straight
 *   line (the least the device can have travelled). Jitter while standing adds a little: use tripDistanceM of
 *   the summary for "distance patrolled".
 * - movingStoppedTime: per segment (attributed to its start point): inside a stop → stopped; a gap → no data;
 *   anything else → moving (including short movements that do not qualify as a trip). With `window`, segments
 *   are clipped to it and the time before the first / after the last point is no data;
 *   movingMs + stoppedMs + noDataMs = window length (or last − first point without window).
 */
import { haversineM } from '../geo';
import { DEFAULT_MAX_GAP_MS, overlapMs, usablePoints, type TimeWindow, type TrackPoint, type UsableOptions } from './track';

export interface Stop {
  start: Date;
  end: Date;
  durationMs: number;
  lat: number;
  lon: number;
  pointCount: number;
}

export interface Trip {
  start: Date;
  end: Date;
  distanceM: number;
  durationMs: number;
  maxSpeedKmh: number;
  avgSpeedKmh: number;
  startLat: number;
  startLon: number;
  endLat: number;
  endLon: number;
}

export interface StopOptions extends UsableOptions {
  minStopDurationMs?: number;
  stopRadiusM?: number;
  maxGapMs?: number;
}

export interface TripOptions extends UsableOptions {
  minTripDistanceM?: number;
  minTripDurationMs?: number;
  maxGapMs?: number;
}

export const STOP_DEFAULTS = { minStopDurationMs: 5 * 60_000, stopRadiusM: 50, maxGapMs: DEFAULT_MAX_GAP_MS } as const;
export const TRIP_DEFAULTS = { minTripDistanceM: 100, minTripDurationMs: 60_000, maxGapMs: DEFAULT_MAX_GAP_MS } as const;

const ms = (p: TrackPoint): number => p.time.getTime();
const dist = (a: TrackPoint, b: TrackPoint): number => haversineM(a.lat, a.lon, b.lat, b.lon);

export function distanceMeters(points: readonly TrackPoint[], opts: UsableOptions = {}): number {
  const pts = usablePoints(points, opts);
  let d = 0;
  for (let i = 1; i < pts.length; i++) d += dist(pts[i - 1] as TrackPoint, pts[i] as TrackPoint);
  return d;
}

export function detectStops(points: readonly TrackPoint[], opts: StopOptions = {}): Stop[] {
  const minStop = opts.minStopDurationMs ?? STOP_DEFAULTS.minStopDurationMs;
  const radius = opts.stopRadiusM ?? STOP_DEFAULTS.stopRadiusM;
  const maxGap = opts.maxGapMs ?? STOP_DEFAULTS.maxGapMs;
  const pts = usablePoints(points, opts);
  const stops: Stop[] = [];
  let i = 0;
  while (i < pts.length) {
    const anchor = pts[i] as TrackPoint;
    let j = i + 1;
    while (j < pts.length) {
      const p = pts[j] as TrackPoint;
      if (ms(p) - ms(pts[j - 1] as TrackPoint) > maxGap || dist(anchor, p) > radius) break;
      j++;
    }
    const last = pts[j - 1] as TrackPoint;
    if (ms(last) - ms(anchor) >= minStop) {
      let lat = 0;
      let lon = 0;
      for (let k = i; k < j; k++) {
        lat += (pts[k] as TrackPoint).lat;
        lon += (pts[k] as TrackPoint).lon;
      }
      stops.push({
        start: anchor.time,
        end: last.time,
        durationMs: ms(last) - ms(anchor),
        lat: lat / (j - i),
        lon: lon / (j - i),
        pointCount: j - i,
      });
      i = j;
    } else {
      i++;
    }
  }
  return stops;
}

/** For each point, the index of the stop whose [start, end] contains its time, or −1. Both inputs sorted. */
function stopIndexOf(pts: readonly TrackPoint[], stops: readonly Stop[]): Int32Array {
  const idx = new Int32Array(pts.length).fill(-1);
  const sorted = stops.slice().sort((a, b) => a.start.getTime() - b.start.getTime());
  let s = 0;
  for (let k = 0; k < pts.length; k++) {
    const t = ms(pts[k] as TrackPoint);
    while (s < sorted.length && (sorted[s] as Stop).end.getTime() < t) s++;
    const st = sorted[s];
    if (st && st.start.getTime() <= t) idx[k] = s;
  }
  return idx;
}

type SegmentKind = 'moving' | 'stopped' | 'gap';

function segmentKinds(pts: readonly TrackPoint[], stops: readonly Stop[], maxGap: number): SegmentKind[] {
  const idx = stopIndexOf(pts, stops);
  const kinds: SegmentKind[] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    if (ms(pts[k + 1] as TrackPoint) - ms(pts[k] as TrackPoint) > maxGap) kinds.push('gap');
    else if (idx[k] !== -1 && idx[k] === idx[k + 1]) kinds.push('stopped');
    else kinds.push('moving');
  }
  return kinds;
}

export function detectTrips(points: readonly TrackPoint[], stops: readonly Stop[], opts: TripOptions = {}): Trip[] {
  const minDist = opts.minTripDistanceM ?? TRIP_DEFAULTS.minTripDistanceM;
  const minDur = opts.minTripDurationMs ?? TRIP_DEFAULTS.minTripDurationMs;
  const maxGap = opts.maxGapMs ?? TRIP_DEFAULTS.maxGapMs;
  const pts = usablePoints(points, opts);
  const kinds = segmentKinds(pts, stops, maxGap);
  const trips: Trip[] = [];
  let startIdx = -1;
  let distanceM = 0;
  let maxSpeed = 0;
  const close = (endIdx: number): void => {
    const a = pts[startIdx] as TrackPoint;
    const b = pts[endIdx] as TrackPoint;
    const durationMs = ms(b) - ms(a);
    if (distanceM >= minDist && durationMs >= minDur) {
      trips.push({
        start: a.time,
        end: b.time,
        distanceM,
        durationMs,
        maxSpeedKmh: maxSpeed,
        avgSpeedKmh: durationMs > 0 ? (distanceM / durationMs) * 3_600 : 0,
        startLat: a.lat,
        startLon: a.lon,
        endLat: b.lat,
        endLon: b.lon,
      });
    }
    startIdx = -1;
  };
  for (let k = 0; k < kinds.length; k++) {
    if (kinds[k] !== 'moving') {
      if (startIdx !== -1) close(k);
      continue;
    }
    if (startIdx === -1) {
      startIdx = k;
      distanceM = 0;
      maxSpeed = 0;
    }
    const a = pts[k] as TrackPoint;
    const b = pts[k + 1] as TrackPoint;
    const d = dist(a, b);
    distanceM += d;
    const dt = ms(b) - ms(a);
    const v = b.speedKmh ?? (dt > 0 ? (d / dt) * 3_600 : 0);
    if (v > maxSpeed) maxSpeed = v;
  }
  if (startIdx !== -1) close(pts.length - 1);
  return trips;
}

export interface TimeSplit {
  movingMs: number;
  stoppedMs: number;
  noDataMs: number;
}

export interface TimeSplitOptions extends UsableOptions {
  maxGapMs?: number;
  window?: TimeWindow;
}

export function movingStoppedTime(points: readonly TrackPoint[], stops: readonly Stop[], opts: TimeSplitOptions = {}): TimeSplit {
  const maxGap = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const pts = usablePoints(points, opts);
  const out: TimeSplit = { movingMs: 0, stoppedMs: 0, noDataMs: 0 };
  const ws = opts.window ? opts.window.start.getTime() : -Infinity;
  const we = opts.window ? opts.window.end.getTime() : Infinity;
  if (pts.length === 0) {
    if (opts.window) out.noDataMs = Math.max(0, we - ws);
    return out;
  }
  const kinds = segmentKinds(pts, stops, maxGap);
  for (let k = 0; k < kinds.length; k++) {
    const d = overlapMs(ms(pts[k] as TrackPoint), ms(pts[k + 1] as TrackPoint), ws, we);
    const kind = kinds[k];
    if (kind === 'moving') out.movingMs += d;
    else if (kind === 'stopped') out.stoppedMs += d;
    else out.noDataMs += d;
  }
  if (opts.window) {
    out.noDataMs += overlapMs(ws, ms(pts[0] as TrackPoint), ws, we);
    out.noDataMs += overlapMs(ms(pts[pts.length - 1] as TrackPoint), we, ws, we);
  }
  return out;
}

export interface DaySummaryOptions extends UsableOptions {
  /** The day (or shift) to summarise; points outside are ignored, uncovered time is no data. */
  window?: TimeWindow;
  stops?: Omit<StopOptions, keyof UsableOptions>;
  trips?: Omit<TripOptions, keyof UsableOptions>;
}

export interface DaySummary extends TimeSplit {
  pointCount: number;
  usablePointCount: number;
  firstFix: Date | null;
  lastFix: Date | null;
  /** All consecutive usable points. */
  distanceM: number;
  /** Sum over trips: distance patrolled without stop jitter. */
  tripDistanceM: number;
  maxSpeedKmh: number;
  stops: Stop[];
  trips: Trip[];
}

export function summarizeDay(points: readonly TrackPoint[], opts: DaySummaryOptions = {}): DaySummary {
  const w = opts.window;
  const inWindow = w
    ? points.filter((p) => ms(p) >= w.start.getTime() && ms(p) <= w.end.getTime())
    : points.slice();
  const pts = usablePoints(inWindow, opts);
  // The points are already filtered: pass includeFlagged so the functions below do not filter again.
  const pass = { includeFlagged: true };
  const maxGap = opts.trips?.maxGapMs ?? opts.stops?.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const stops = detectStops(pts, { maxGapMs: maxGap, ...opts.stops, ...pass });
  const trips = detectTrips(pts, stops, { maxGapMs: maxGap, ...opts.trips, ...pass });
  const split = movingStoppedTime(pts, stops, { maxGapMs: maxGap, window: w, ...pass });
  return {
    pointCount: inWindow.length,
    usablePointCount: pts.length,
    firstFix: pts[0]?.time ?? null,
    lastFix: pts[pts.length - 1]?.time ?? null,
    distanceM: distanceMeters(pts, pass),
    tripDistanceM: trips.reduce((s, t) => s + t.distanceM, 0),
    maxSpeedKmh: trips.reduce((m, t) => Math.max(m, t.maxSpeedKmh), 0),
    stops,
    trips,
    ...split,
  };
}
