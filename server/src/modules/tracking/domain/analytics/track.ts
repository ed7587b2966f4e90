/**
 * Track points and the shared conventions of the patrol analytics. Pure: no I/O, no clock.
 *
 * Conventions used by every analytics function
 * - Input is one device's positions. They should be sorted by time; if they are not, a sorted copy is used.
 * - Flagged points (see osmand/filters.ts) are ignored unless `includeFlagged: true`.
 * - A "segment" is the interval between two consecutive usable points. Its duration is attributed to the state
 *   of its START point (where the device was, whether it was in a stop …). A segment longer than `maxGapMs`
 *   is a data gap: its whole duration is "no data" and nothing is attributed to the start point.
 * - Time before the first point / after the last point of a requested window is "no data" too.
 *
 * Defaults (why)
 * - maxGapMs = 10 min: officers' phones report every 10–30 s; ten minutes of silence is 20+ missed reports, the
 *   same threshold as the "offline" duty alert, so statistics and alerts agree on what a gap is.
 */
export interface TrackPoint {
  time: Date;
  lat: number;
  lon: number;
  speedKmh: number | null;
  flags: readonly string[];
}

export interface UsableOptions {
  /** Use flagged points too. Default false. */
  includeFlagged?: boolean;
}

export const DEFAULT_MAX_GAP_MS = 10 * 60_000;

/** The points analytics work on: unflagged (unless includeFlagged), sorted by time. */
export function usablePoints<P extends TrackPoint>(points: readonly P[], opts: UsableOptions = {}): P[] {
  const out = opts.includeFlagged ? points.slice() : points.filter((p) => p.flags.length === 0);
  for (let i = 1; i < out.length; i++) {
    if ((out[i] as P).time.getTime() < (out[i - 1] as P).time.getTime()) {
      out.sort((a, b) => a.time.getTime() - b.time.getTime());
      break;
    }
  }
  return out;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Length of [a, b) ∩ [ws, we) in ms. */
export function overlapMs(a: number, b: number, ws: number, we: number): number {
  return Math.max(0, Math.min(b, we) - Math.max(a, ws));
}
