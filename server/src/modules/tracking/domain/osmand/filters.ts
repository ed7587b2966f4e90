/**
 * Position filters, Traccar-like (`filter.invalid`, `zero`, `duplicate`, `future`, `past`, `maxSpeed`,
 * `accuracy`), except that we FLAG and never drop: raw fixes are evidence (domain.md §5.4) and a wrong filter
 * must be correctable afterwards. Analytics ignore flagged fixes by default. Pure: `now` is passed in.
 *
 * Flags
 * - not_located   fix.valid is false (the phone said it had no GNSS fix).
 * - zero_coords   lat = 0 and lon = 0 exactly (an unset position; the Gulf of Guinea is not in our city).
 * - duplicate     same fix time as `previous` (re-sent fix, e.g. a retried offline buffer).
 * - future        fix time later than now + futureToleranceMs.
 * - too_old       fix time earlier than now − maxAgeMs.
 * - jump          implied speed from `previous` above maxSpeedKmh. Not evaluated for duplicates (Δt = 0).
 * - low_accuracy  accuracyM reported and above maxAccuracyM.
 *
 * Options and defaults (why)
 * - futureToleranceMs = 5 min: phone clocks drift and network time lags; beyond 5 min the clock is wrong.
 * - maxSpeedKmh = 200 km/h: an officer on foot, e-bike or patrol car never exceeds it inside the city; a GPS
 *   jump of 600 m in 10 s (216 km/h) does.
 * - maxAccuracyM = 100 m: grid cells are a few hundred metres; a fix worse than 100 m (network / cell-tower
 *   location indoors) cannot say which grid the officer was in. `null` disables.
 * - maxAgeMs = 7 days: Traccar Client buffers offline fixes and uploads later, so hours or a day old is
 *   normal; a fix a week old points to a wrong clock. `null` disables.
 *
 * `previous` must be the previous fix of the same device that the caller kept as reference — normally the
 * last unflagged one — so that one jump does not make the next good fix a "jump" back.
 */
import { haversineM } from '../geo';
import type { PositionFix } from './osmand';

export type FixFlag = 'not_located' | 'duplicate' | 'future' | 'too_old' | 'jump' | 'zero_coords' | 'low_accuracy';

export interface FilterOptions {
  futureToleranceMs?: number;
  maxSpeedKmh?: number;
  maxAccuracyM?: number | null;
  maxAgeMs?: number | null;
}

export const FILTER_DEFAULTS = {
  futureToleranceMs: 5 * 60_000,
  maxSpeedKmh: 200,
  maxAccuracyM: 100,
  maxAgeMs: 7 * 24 * 3_600_000,
} as const;

type FixLike = Pick<PositionFix, 'time' | 'lat' | 'lon' | 'valid' | 'accuracyM'>;

export function classifyFix(fix: FixLike, previous: FixLike | null, now: Date, opts: FilterOptions = {}): { flags: FixFlag[] } {
  const futureToleranceMs = opts.futureToleranceMs ?? FILTER_DEFAULTS.futureToleranceMs;
  const maxSpeedKmh = opts.maxSpeedKmh ?? FILTER_DEFAULTS.maxSpeedKmh;
  const maxAccuracyM = opts.maxAccuracyM === undefined ? FILTER_DEFAULTS.maxAccuracyM : opts.maxAccuracyM;
  const maxAgeMs = opts.maxAgeMs === undefined ? FILTER_DEFAULTS.maxAgeMs : opts.maxAgeMs;

  const flags: FixFlag[] = [];
  const t = fix.time.getTime();
  const zero = fix.lat === 0 && fix.lon === 0;
  if (!fix.valid) flags.push('not_located');
  if (zero) flags.push('zero_coords');
  if (previous && previous.time.getTime() === t) flags.push('duplicate');
  if (t > now.getTime() + futureToleranceMs) flags.push('future');
  if (maxAgeMs !== null && t < now.getTime() - maxAgeMs) flags.push('too_old');
  if (previous && !zero && !(previous.lat === 0 && previous.lon === 0)) {
    const dtMs = Math.abs(t - previous.time.getTime());
    if (dtMs > 0) {
      const kmh = (haversineM(previous.lat, previous.lon, fix.lat, fix.lon) / dtMs) * 3_600;
      if (kmh > maxSpeedKmh) flags.push('jump');
    }
  }
  if (maxAccuracyM !== null && fix.accuracyM !== null && fix.accuracyM > maxAccuracyM) flags.push('low_accuracy');
  return { flags };
}
