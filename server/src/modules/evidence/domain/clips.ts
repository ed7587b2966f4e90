/**
 * 执法记录仪 clips and case steps (pure). A clip belongs to one officer (the person wearing the camera) and covers
 * [startAt, endAt). A step is linked to the clips of its officers whose time overlaps the step's time.
 *
 * 全程音像记录: domain.md §2.6 (国办发〔2018〕118号, 执法全过程记录; knowledge, not a quoted text) requires full audio-video recording of 查封、扣押
 * and 强制拆除; such a step is complete only when its officers' clips, taken together, cover its whole time.
 */
export interface ClipSpan {
  id: string;
  /** Ledger person who wore the camera. */
  officerId: string;
  startAt: Date;
  endAt: Date;
}

export interface StepSpan {
  /** The case action of the step (`seize`, …). */
  action: string;
  /** Ledger persons of the step. */
  officerIds: readonly string[];
  from: Date;
  to: Date;
}

/**
 * Case actions that need 全程音像记录. `demolish` (强制拆除) is named before the case module has the step so that
 * the rule is in place when it arrives.
 */
export const RECORDED_ACTIONS: readonly string[] = ['seize', 'demolish'];

export const requiresRecording = (action: string): boolean => RECORDED_ACTIONS.includes(action);

/**
 * Half-open intervals overlap when each starts before the other ends (touching ends do not overlap). A step of no
 * length (an instant) overlaps a clip running at that instant.
 */
export function overlaps(a: { startAt: Date; endAt: Date }, from: Date, to: Date): boolean {
  const f = from.getTime();
  if (f === to.getTime()) return a.startAt.getTime() <= f && f < a.endAt.getTime();
  return a.startAt.getTime() < to.getTime() && f < a.endAt.getTime();
}

/**
 * The time of a recorded step: the `startedAt`/`endedAt` its payload gives (both valid, in order), otherwise the
 * instant it was recorded.
 */
export function stepSpanOf(event: { at: Date; payload: Record<string, unknown> }): { from: Date; to: Date } {
  const s = typeof event.payload.startedAt === 'string' ? new Date(event.payload.startedAt) : null;
  const e = typeof event.payload.endedAt === 'string' ? new Date(event.payload.endedAt) : null;
  if (s && e && !Number.isNaN(s.getTime()) && !Number.isNaN(e.getTime()) && s <= e) return { from: s, to: e };
  return { from: event.at, to: event.at };
}

/** Clips linked automatically to a step: worn by one of its officers and overlapping its time; by start time. */
export function clipsForStep<C extends ClipSpan>(step: Pick<StepSpan, 'officerIds' | 'from' | 'to'>, clips: readonly C[]): C[] {
  return clips
    .filter((c) => step.officerIds.includes(c.officerId) && overlaps(c, step.from, step.to))
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.id.localeCompare(b.id));
}

export interface Problem {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Why a clip cannot be linked to a step by hand (null: it can). The officer need not match: a colleague may film. */
export function linkProblem(step: Pick<StepSpan, 'from' | 'to'>, clip: ClipSpan): Problem | null {
  if (overlaps(clip, step.from, step.to)) return null;
  return {
    code: 'case_evidence.clip_not_overlapping',
    message: `The clip (${clip.startAt.toISOString()} – ${clip.endAt.toISOString()}) does not overlap the step (${step.from.toISOString()} – ${step.to.toISOString()})`,
    details: { clipStart: clip.startAt.toISOString(), clipEnd: clip.endAt.toISOString(), stepFrom: step.from.toISOString(), stepTo: step.to.toISOString() },
  };
}

/** The parts of [from, to) that no clip covers, in order. */
export function uncovered(from: Date, to: Date, clips: readonly { startAt: Date; endAt: Date }[]): { from: Date; to: Date }[] {
  const gaps: { from: Date; to: Date }[] = [];
  let cursor = from.getTime();
  const end = to.getTime();
  for (const c of [...clips].sort((a, b) => a.startAt.getTime() - b.startAt.getTime())) {
    if (cursor >= end) break;
    const s = c.startAt.getTime();
    const e = c.endAt.getTime();
    if (e <= cursor) continue;
    if (s > cursor) gaps.push({ from: new Date(cursor), to: new Date(Math.min(s, end)) });
    cursor = Math.max(cursor, e);
  }
  if (cursor < end) gaps.push({ from: new Date(cursor), to: new Date(end) });
  return gaps;
}

/**
 * Null when the step may be completed; otherwise why not: it needs 全程音像记录 and the clips of its officers do not
 * cover all of its time. `clips` may hold any clips (others' or elsewhere in time are ignored).
 */
export function coveringClipProblem(step: StepSpan, clips: readonly ClipSpan[]): Problem | null {
  if (!requiresRecording(step.action)) return null;
  if (step.to.getTime() < step.from.getTime()) return { code: 'case_evidence.step_time_invalid', message: 'The step ends before it starts' };
  const own = clipsForStep(step, clips);
  // An instantaneous step still needs a clip running at that instant.
  // An instant step still needs a clip running at that instant (clipsForStep found those).
  const gaps = step.to.getTime() === step.from.getTime() ? (own.length ? [] : [{ from: step.from, to: step.to }]) : uncovered(step.from, step.to, own);
  if (gaps.length === 0) return null;
  return {
    code: 'case_evidence.recording_required',
    message: `${step.action} needs full audio-video recording (全程音像记录); no body-camera clip of the step's officers covers ${gaps.map((g) => `${g.from.toISOString()} – ${g.to.toISOString()}`).join(', ')}`,
    details: { action: step.action, gaps: gaps.map((g) => ({ from: g.from.toISOString(), to: g.to.toISOString() })) },
  };
}
