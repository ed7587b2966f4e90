/**
 * 现场核验 (track linkage, issue 12 item 7): was each officer of an on-site case step near the case location while
 * the step took place, by the positions of the devices bound to them? Pure: no I/O, no clock.
 *
 * Coordinates: positions are stored raw WGS-84 as the devices sent them, and the case location is stored WGS-84 too
 * (domain.md §5.4: store raw WGS-84/CGCS2000, convert to GCJ-02/BD-09 only at the display layer; the case page's
 * map converts on display). Both are compared as stored, with the haversine distance of the tracking module
 * (mean earth radius; error < 0.5 %, far below phone GPS noise of 5–50 m).
 *
 * Outcome per officer of a step:
 * - unverifiable (无法核验): the step has no on-site times (`startedAt`/`endedAt`), or the case has no location;
 *   `reason` says which (the location is named first: it is missing for every step of the case).
 * - no_track (无轨迹数据): no usable position of any device bound to the officer in the window; `reason` says
 *   whether no device was bound at all (`no_device`) or the bound devices sent nothing usable (`no_positions`).
 * - verified (已核验在场): some usable position in the window lies within `radiusM` of the case location.
 * - not_on_site (未在现场核验): positions exist, none within `radiusM`. A flag, never a refusal: devices fail.
 * The window is [startedAt − margin, endedAt + margin], both ends included: a phone reports every few seconds to a
 * minute, and officers arrive before and leave after the times written in the 笔录.
 *
 * A step needs two officers on the spot (行政处罚法（2021-01-22）第四十二条 执法人员不得少于两人; 行政强制法（2011-06-30）
 * 第十八条第二项 由两名以上行政执法人员实施), so a step is verified only when each of its officers is; otherwise it takes
 * the worst outcome of its officers: unverifiable > not_on_site > no_track > verified.
 */
import { haversineM, type FixFlag } from '../../tracking';

/** Defaults and the bounds an administrator may set (a circle smaller than GPS noise, or a whole district, is no check). */
export const ONSITE_DEFAULTS = { radiusM: 200, marginMin: 10 } as const;
export const ONSITE_LIMITS = { radiusM: { min: 20, max: 5_000 }, marginMin: { min: 0, max: 240 } } as const;
/** Points of one officer's track sent to the map (the check itself uses every usable fix). */
export const MAX_TRACK_POINTS = 500;

export interface OnsiteSettings {
  radiusM: number;
  marginMin: number;
}

/**
 * The on-site steps (现场): steps whose record is made where the violation is, with the party or a witness present.
 * `serve` only when the decision is handed over in person or left at the premises; a service by post, electronic
 * means or public notice happens at no place of the case.
 */
export const ONSITE_STEPS = {
  // 核查 of a lead: 现场检查(勘验)笔录 (行政处罚法 第五十五条: 调查或者进行检查时 … 询问或者检查应当制作笔录).
  check: { label: '现场检查（核查）', basis: '行政处罚法（2021-01-22）第五十五条' },
  // 先行登记保存: the evidence is listed and kept where it is found (第五十六条).
  register_evidence: { label: '先行登记保存', basis: '行政处罚法（2021-01-22）第五十六条' },
  // 查封/扣押: 通知当事人到场, 当场告知, 制作现场笔录 (第十八条), 当场交付决定书和清单 (第二十四条).
  seize: { label: '查封、扣押', basis: '行政强制法（2011-06-30）第十八条、第二十四条' },
  // 当场处罚: 当场作出 … 并当场交付当事人 (第五十二条).
  simple_decide: { label: '当场处罚', basis: '行政处罚法（2021-01-22）第五十二条' },
  // 直接送达 / 留置送达 (行政处罚法 第六十一条 → 民事诉讼法 第八十八条、第八十九条).
  serve: { label: '直接或留置送达', basis: '行政处罚法（2021-01-22）第六十一条；民事诉讼法（2023-09-01）第八十八条、第八十九条' },
} as const;
export type OnsiteAction = keyof typeof ONSITE_STEPS;
export const ONSITE_ACTIONS = Object.keys(ONSITE_STEPS) as OnsiteAction[];
/** Service methods done at the party's place. */
export const ONSITE_SERVICE_METHODS: readonly string[] = ['direct', 'left_at_premises'];

/** Whether a recorded step is an on-site one; `method` is the service method of a `serve` step. */
export function isOnsiteStep(action: string, method?: unknown): action is OnsiteAction {
  if (!(ONSITE_ACTIONS as readonly string[]).includes(action)) return false;
  if (action === 'serve') return typeof method === 'string' && ONSITE_SERVICE_METHODS.includes(method);
  return true;
}

/**
 * Fixes that say where the officer was: flagged ones are kept as evidence but do not count — no GNSS fix, zero
 * coordinates, a jump, a clock ahead or a week behind, accuracy worse than 100 m. A duplicate (re-sent fix) counts.
 */
export const UNUSABLE_FLAGS: readonly FixFlag[] = ['not_located', 'zero_coords', 'jump', 'future', 'too_old', 'low_accuracy'];
export const usableFix = (flags: readonly FixFlag[]): boolean => !flags.some((f) => UNUSABLE_FLAGS.includes(f));

export type OnsiteStatus = 'verified' | 'not_on_site' | 'no_track' | 'unverifiable';
export type OnsiteReason = 'no_location' | 'no_times' | 'no_officers' | 'no_device' | 'no_positions';
export const ONSITE_STATUSES: readonly OnsiteStatus[] = ['verified', 'not_on_site', 'no_track', 'unverifiable'];
export const ONSITE_REASONS: readonly OnsiteReason[] = ['no_location', 'no_times', 'no_officers', 'no_device', 'no_positions'];

export interface Fix {
  time: Date;
  lat: number;
  lon: number;
  flags: readonly FixFlag[];
}

export interface OfficerCheck {
  status: OnsiteStatus;
  reason: OnsiteReason | null;
  /** Smallest distance of a usable fix to the case location (metres, rounded to 0.1), and when. */
  minDistanceM: number | null;
  nearestAt: Date | null;
  /** Usable fixes in the window. */
  points: number;
}

/** The window in which an officer's fixes count; null without both times. */
export function checkWindow(startedAt: Date | null, endedAt: Date | null, marginMin: number): { from: Date; to: Date } | null {
  if (!startedAt || !endedAt) return null;
  const m = marginMin * 60_000;
  return { from: new Date(startedAt.getTime() - m), to: new Date(endedAt.getTime() + m) };
}

/** Why a step cannot be checked at all, before looking at any track; null when it can. */
export function unverifiableReason(step: { location: { lat: number; lon: number } | null; startedAt: Date | null; endedAt: Date | null; officerCount: number }): OnsiteReason | null {
  if (!step.location) return 'no_location';
  if (!step.startedAt || !step.endedAt) return 'no_times';
  if (step.officerCount === 0) return 'no_officers';
  return null;
}

/** One officer of a step. `fixes` may include fixes outside the window and flagged ones: both are ignored. */
export function checkOfficer(input: {
  location: { lat: number; lon: number } | null;
  startedAt: Date | null;
  endedAt: Date | null;
  settings: OnsiteSettings;
  /** Devices bound to the officer at some time in the window. */
  deviceCount: number;
  fixes: readonly Fix[];
}): OfficerCheck {
  const blocked = unverifiableReason({ ...input, officerCount: 1 });
  const w = checkWindow(input.startedAt, input.endedAt, input.settings.marginMin);
  if (blocked || !w || !input.location) return { status: 'unverifiable', reason: blocked ?? 'no_times', minDistanceM: null, nearestAt: null, points: 0 };
  const from = w.from.getTime();
  const to = w.to.getTime();
  let best = Infinity;
  let bestAt: Date | null = null;
  let points = 0;
  for (const f of input.fixes) {
    const t = f.time.getTime();
    if (t < from || t > to || !usableFix(f.flags)) continue;
    points++;
    const d = haversineM(input.location.lat, input.location.lon, f.lat, f.lon);
    if (d < best) {
      best = d;
      bestAt = f.time;
    }
  }
  if (points === 0) return { status: 'no_track', reason: input.deviceCount === 0 ? 'no_device' : 'no_positions', minDistanceM: null, nearestAt: null, points: 0 };
  // Compared at the 0.1 m shown, so that a fix shown at "200.0 m" is inside a 200 m circle.
  const minDistanceM = Math.round(best * 10) / 10;
  return { status: minDistanceM <= input.settings.radiusM ? 'verified' : 'not_on_site', reason: null, minDistanceM, nearestAt: bestAt, points };
}

const SEVERITY: Record<OnsiteStatus, number> = { verified: 0, no_track: 1, not_on_site: 2, unverifiable: 3 };

/** The step's outcome from its officers' (see the header): verified only when every officer is. */
export function stepStatus(officers: readonly Pick<OfficerCheck, 'status'>[]): OnsiteStatus {
  if (!officers.length) return 'unverifiable';
  return officers.reduce<OnsiteStatus>((worst, o) => (SEVERITY[o.status] > SEVERITY[worst] ? o.status : worst), 'verified');
}

/**
 * At most `max` points for the map, evenly spread over the track, first and last kept, and the nearest point to the
 * case location kept too (the map shows where the minimum distance was measured).
 */
export function thinTrack<P>(points: readonly P[], max = MAX_TRACK_POINTS, keepIndex: number | null = null): P[] {
  if (points.length <= max) return [...points];
  if (max < 2) return points.slice(0, max);
  const idx = new Set<number>();
  for (let i = 0; i < max; i++) idx.add(Math.round((i * (points.length - 1)) / (max - 1)));
  if (keepIndex !== null && keepIndex >= 0 && keepIndex < points.length && !idx.has(keepIndex)) {
    // Replace the sampled index closest to it (never the first or the last) so the count stays ≤ max.
    let closest = -1;
    for (const i of idx) if (i !== 0 && i !== points.length - 1 && (closest < 0 || Math.abs(i - keepIndex) < Math.abs(closest - keepIndex))) closest = i;
    if (closest >= 0) idx.delete(closest);
    idx.add(keepIndex);
  }
  return [...idx].sort((a, b) => a - b).map((i) => points[i]!);
}

export interface StepCounts {
  verified: number;
  notOnSite: number;
  noTrack: number;
  unverifiable: number;
}

/** Counts of steps by outcome (for evaluation: 未在现场核验 and 无轨迹数据 are the flagged ones). */
export function countSteps(steps: readonly OnsiteStatus[]): StepCounts & { flagged: number; total: number } {
  const c = { verified: 0, notOnSite: 0, noTrack: 0, unverifiable: 0 };
  for (const s of steps) {
    if (s === 'verified') c.verified++;
    else if (s === 'not_on_site') c.notOnSite++;
    else if (s === 'no_track') c.noTrack++;
    else c.unverifiable++;
  }
  return { ...c, flagged: c.notOnSite + c.noTrack, total: steps.length };
}

/** A settings change must stay inside the limits (whole metres and minutes). */
export function settingsProblem(s: OnsiteSettings): { field: keyof OnsiteSettings; message: string } | null {
  for (const field of ['radiusM', 'marginMin'] as const) {
    const { min, max } = ONSITE_LIMITS[field];
    const v = s[field];
    if (!Number.isInteger(v) || v < min || v > max) return { field, message: `a whole number from ${min} to ${max}` };
  }
  return null;
}
