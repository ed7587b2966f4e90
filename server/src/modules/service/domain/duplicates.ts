/**
 * 重复诉求 (issue 13 item 3): reports of the same category, close in place and time, suggested to the dispatcher as
 * duplicates of one another; merging one into another keeps its reporter informed through the target. Pure: no I/O,
 * no clock.
 *
 * The search is two-stage so that it uses an index: the repository selects the rows of the category inside a
 * latitude/longitude box and a time window (`searchBox`, `timeWindow`: both contain every point the exact test
 * accepts), then `suggestDuplicates` keeps those within the haversine distance and orders them.
 *
 * Distances are compared on the stored WGS-84 coordinates with the tracking module's haversine (mean earth radius;
 * error < 0.5 %, far below the 5–50 m of a phone's position, which is why 50 m is the default and 5 m the floor).
 * The time window is symmetric: a later report can be the duplicate of an earlier one and the dispatcher may be
 * looking at either. The defaults (50 m, 72 h) are the issue's; the bureau changes them (`service.manage`).
 */
import { haversineM } from '../../tracking';

export const DUPLICATE_DEFAULTS = { distanceM: 50, windowHours: 72 } as const;
/** Below GPS noise nothing would ever match; beyond a street block or a month the list is no longer "the same problem". */
export const DUPLICATE_LIMITS = { distanceM: { min: 5, max: 1_000 }, windowHours: { min: 1, max: 720 } } as const;

export interface DuplicateSettings {
  distanceM: number;
  windowHours: number;
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Problems of settings an administrator sends (integers inside the limits), one per field. */
export function settingsIssues(s: DuplicateSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of ['distanceM', 'windowHours'] as const) {
    const v = s[field];
    const { min, max } = DUPLICATE_LIMITS[field];
    if (!Number.isInteger(v) || v < min || v > max) issues.push({ field, message: `${min}–${max}` });
  }
  return issues;
}

/**
 * States a request may be merged INTO and be suggested as: not a rejected one (nothing will be done), not one
 * already merged (its own target is the one to choose; merging into it would make a chain).
 */
export const NOT_A_TARGET: readonly string[] = ['rejected', 'merged'];
/** States from which a request may BE merged: only what the city desk holds before dispatching (CORE's workflow). */
export const MERGEABLE_FROM: readonly string[] = ['submitted'];
/**
 * What becomes of the requests merged into a target when the target reaches `targetState`: once its reporter has
 * the answer (replied, or closed after it), the merged reporters have it too — closed, with the target's reply; a
 * rejected target (不予受理) rejects them with its reason. Otherwise they wait with the target (null). Each merged
 * request gets its own timeline event. Also used when a request is merged into a target already answered.
 */
export function followerOutcome(targetState: string): 'closed' | 'rejected' | null {
  if (targetState === 'replied' || targetState === 'closed') return 'closed';
  if (targetState === 'rejected') return 'rejected';
  return null;
}

export interface BBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

const RAD = Math.PI / 180;
/** Metres per degree of latitude on the haversine's own sphere (the box and the distance must agree). */
const M_PER_DEG_LAT = haversineM(0, 0, 1, 0);

/**
 * The smallest latitude/longitude box that contains the circle of `distanceM` around the point (with the same
 * earth radius as the distance, so nothing the exact test accepts falls outside). The longitude span is taken at
 * the box's latitude farthest from the equator, where a degree of longitude is shortest.
 */
export function searchBox(lat: number, lon: number, distanceM: number): BBox {
  const dLat = distanceM / M_PER_DEG_LAT;
  const farLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLon = dLat / Math.cos(farLat * RAD);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/** [at − hours, at + hours], both ends included. */
export function timeWindow(at: Date, windowHours: number): { from: Date; to: Date } {
  const ms = windowHours * 3_600_000;
  return { from: new Date(at.getTime() - ms), to: new Date(at.getTime() + ms) };
}

export interface DuplicateSubject {
  id: string;
  categoryId: string;
  lat: number | null;
  lon: number | null;
  submittedAt: Date;
}

export interface DuplicateCandidate extends DuplicateSubject {
  state: string;
  duplicateOfId: string | null;
}

export interface DuplicateSuggestion<C extends DuplicateCandidate = DuplicateCandidate> {
  candidate: C;
  /** Haversine metres, rounded to 0.1 m. */
  distanceM: number;
  /** Candidate's submission minus the subject's, in whole minutes (negative: reported earlier). */
  minutesApart: number;
}

/**
 * The candidates that are duplicates of the subject by the settings, nearest first (then closest in time, then
 * earliest, then by id so that the order is stable). A subject without a location has none: the distance is
 * what makes two reports "the same problem". Candidates of another category, without a location, or in a state
 * that cannot be a target are left out, and the subject itself.
 */
export function suggestDuplicates<C extends DuplicateCandidate>(subject: DuplicateSubject, candidates: readonly C[], settings: DuplicateSettings): DuplicateSuggestion<C>[] {
  if (subject.lat === null || subject.lon === null) return [];
  const windowMs = settings.windowHours * 3_600_000;
  const out: DuplicateSuggestion<C>[] = [];
  for (const c of candidates) {
    if (c.id === subject.id || c.categoryId !== subject.categoryId) continue;
    if (c.lat === null || c.lon === null || NOT_A_TARGET.includes(c.state)) continue;
    const dt = c.submittedAt.getTime() - subject.submittedAt.getTime();
    if (Math.abs(dt) > windowMs) continue;
    const d = haversineM(subject.lat, subject.lon, c.lat, c.lon);
    if (d > settings.distanceM) continue;
    out.push({ candidate: c, distanceM: Math.round(d * 10) / 10, minutesApart: Math.trunc(dt / 60_000) });
  }
  return out.sort(
    (a, b) =>
      a.distanceM - b.distanceM ||
      Math.abs(a.minutesApart) - Math.abs(b.minutesApart) ||
      a.candidate.submittedAt.getTime() - b.candidate.submittedAt.getTime() ||
      (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
  );
}

export type MergeProblem = 'service.merge_self' | 'service.merge_state' | 'service.merge_target';

/**
 * Why `subject` may not be merged into `target`, or null. The dispatcher decides what is the same problem (a
 * report filed under the wrong category is still a duplicate), so distance, time and category are suggestions,
 * not rules; what is refused is what would break the chain of information: merging into itself, merging a
 * request the desk no longer holds, or into a rejected or merged request.
 */
export function mergeProblem(subject: { id: string; state: string }, target: { id: string; state: string; duplicateOfId: string | null }): MergeProblem | null {
  if (subject.id === target.id) return 'service.merge_self';
  if (!MERGEABLE_FROM.includes(subject.state)) return 'service.merge_state';
  if (NOT_A_TARGET.includes(target.state) || target.duplicateOfId !== null) return 'service.merge_target';
  return null;
}

/** What the reporter of a merged request sees: the target's progress, and the request's own closing once it came. */
export interface FollowedProgress {
  state: string;
  handledAt: Date | null;
  repliedAt: Date | null;
  replyText: string | null;
  closedAt: Date | null;
}

export function followedProgress(
  own: { state: string; closedAt: Date | null },
  target: { state: string; handledAt: Date | null; repliedAt: Date | null; replyText: string | null; closedAt: Date | null },
): FollowedProgress {
  return {
    // Closed with the target: the reporter sees 已办结 even if the target was reopened later (its own matter ended).
    state: own.state === 'closed' ? 'closed' : target.state,
    handledAt: target.handledAt,
    repliedAt: target.repliedAt,
    replyText: target.replyText,
    // A merge stamps the merged request's closedAt (it left the desk); the reporter's matter ends with the target.
    closedAt: own.state === 'closed' ? own.closedAt : target.closedAt,
  };
}
