/**
 * 期限预警 (the deadline board) of 便民服务, pure: which clock an open report runs (its stage), and its flag.
 *
 * A report's stage: 受理 (accept) while at the desk (submitted), 处置 (handle) while dispatched or being handled, 回复
 * (reply) once handled; a suspended report (挂起) keeps the stage it was suspended in, with its clock stopped.
 *
 * Flags, in working time (the legal module's calendar and the bureau's working periods):
 *  - `overdue`: the due time has passed;
 *  - `due_soon`: at most DUE_SOON_SHARE (a quarter) of the stage's limit is left. We chose the share of the limit
 *    over a fixed "2 working hours left": the limits run from 1 working hour (受理) to weeks (拆除 of 私搭乱建), and a
 *    fixed margin would flag a 1-hour limit from its start and a 40-hour one only on its last afternoon;
 *  - `on_time`: otherwise;
 *  - `suspended`: 挂起, the clock stopped (its frozen remaining time is shown, not counted down);
 *  - `unknown`: no due time (it could not be counted: a year without a holiday calendar).
 *
 * `due_soon` ⇔ remaining ≤ m working minutes ⇔ due ≤ addWorkingMinutes(now, m) — due times are instants counted by
 * addWorkingMinutes, so they lie inside working periods where both sides agree. The board's totals use that
 * instant per limit in SQL (board.repository.ts), exactly.
 */
export const BOARD_STAGES = ['accept', 'handle', 'reply'] as const;
export type BoardStage = (typeof BOARD_STAGES)[number];
export const BOARD_FLAGS = ['overdue', 'due_soon', 'on_time', 'suspended', 'unknown'] as const;
export type BoardFlag = (typeof BOARD_FLAGS)[number];

/** The share of a stage's limit left at which a report is due soon. */
export const DUE_SOON_SHARE = 0.25;

/** The states whose clock runs, by stage (a suspended report: by the state it was suspended from). */
export const STAGE_STATES: Record<BoardStage, readonly string[]> = {
  accept: ['submitted'],
  handle: ['dispatched', 'handling'],
  reply: ['handled'],
};

export function stageOf(state: string, suspendedFromState: string | null): BoardStage | null {
  const s = state === 'suspended' ? suspendedFromState : state;
  for (const stage of BOARD_STAGES) if (s !== null && STAGE_STATES[stage].includes(s)) return stage;
  return null;
}

/** Working minutes left at which a stage with this limit (working hours) is due soon: a quarter of it, rounded up. */
export function dueSoonMinutes(limitHours: number): number {
  return Math.ceil(limitHours * 60 * DUE_SOON_SHARE);
}

/**
 * The flag of one report. `remainingMinutes`: working minutes from now to the due time (negative when past), or
 * from the suspension to the due time for a suspended report; null when it could not be counted.
 */
export function flagOf(r: { suspended: boolean; dueAt: Date | null; limitHours: number; remainingMinutes: number | null }, now: Date): BoardFlag {
  if (r.suspended) return 'suspended';
  if (r.dueAt === null) return 'unknown';
  if (r.dueAt.getTime() < now.getTime()) return 'overdue';
  if (r.remainingMinutes === null) return 'due_soon'; // the count ran past the loaded calendar: less than any limit is left before its end
  return r.remainingMinutes <= dueSoonMinutes(r.limitHours) ? 'due_soon' : 'on_time';
}
