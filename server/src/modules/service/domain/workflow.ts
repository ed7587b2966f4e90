/**
 * 便民服务 flow (数字城管 seven steps, domain.md §3.4, kept to what a bureau's desk and teams do): a pure transition
 * table. The city desk (市级受理台, `service.dispatch`) accepts, rejects, dispatches, re-dispatches (改派) and
 * merges; the owning team (`service.handle`, the request's team in the actor's scope) starts, records what it did,
 * replies and suspends (挂起, which stops the clock). A team may also hand a report back (退回) to the desk. The
 * reporter rates the reply; 不满意 may reopen the report once. Who the actor is towards a report (desk, team,
 * public) is decided by the service from permissions and scope and passed in as `levels`.
 */

export const SERVICE_STATES = [
  'submitted', // 待受理 (at the city desk)
  'dispatched', // 已派遣 (to the owning team)
  'handling', // 处置中
  'handled', // 已处置
  'replied', // 已回复
  'closed', // 已办结 (rated, or closed without a rating by the desk)
  'rejected', // 不予受理
  'merged', // 已合并 (a duplicate of another report)
  'suspended', // 挂起
] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/** States in which the report is open: its clock runs (unless suspended) and it shows on the board. */
export const OPEN_STATES: readonly ServiceState[] = ['submitted', 'dispatched', 'handling', 'handled'];
export const FINAL_STATES: readonly ServiceState[] = ['closed', 'rejected', 'merged'];
export const isOpen = (s: ServiceState): boolean => OPEN_STATES.includes(s) || s === 'suspended';

export const SERVICE_SOURCES = ['public', 'hotline', 'open311', 'staff'] as const;
export type ServiceSource = (typeof SERVICE_SOURCES)[number];
export const ROUTED_BY = ['area', 'grid', 'city_desk', 'manual'] as const;
export type RoutedBy = (typeof ROUTED_BY)[number];
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const ACTOR_KINDS = ['staff', 'public', 'system', 'hotline', 'open311'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const SERVICE_ACTIONS = [
  'accept', // 受理 + 派遣 to the routed team (or the team the desk names)
  'reject', // 不予受理
  'merge', // 合并 into an earlier report
  'redispatch', // 改派
  'return', // 退回 to the city desk
  'start', // 开始处置
  'handle', // 处置完成
  'reply', // 回复 the reporter
  'suspend', // 挂起
  'resume', // 恢复
  'rate', // 评价 by the reporter (closes)
  'reopen', // 不满意 → back to the team, once
] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

/** The standing of an actor towards one report. */
export type Level = 'desk' | 'team' | 'public';

/** A field an action needs in its body. */
export type Required = 'reason' | 'note' | 'text' | 'team' | 'duplicateOf' | 'satisfaction';

export interface ActionSpec {
  from: readonly ServiceState[];
  /** Next state; 'resume' returns to the state the report was suspended from. */
  to: ServiceState | 'resume';
  by: readonly Level[];
  needs: readonly Required[];
}

const SUSPENDABLE: readonly ServiceState[] = ['submitted', 'dispatched', 'handling', 'handled'];

export const ACTIONS: Record<ServiceAction, ActionSpec> = {
  accept: { from: ['submitted'], to: 'dispatched', by: ['desk'], needs: [] },
  reject: { from: ['submitted'], to: 'rejected', by: ['desk'], needs: ['reason'] },
  merge: { from: ['submitted'], to: 'merged', by: ['desk'], needs: ['reason', 'duplicateOf'] },
  redispatch: { from: ['dispatched', 'handling'], to: 'dispatched', by: ['desk'], needs: ['reason', 'team'] },
  return: { from: ['dispatched', 'handling'], to: 'submitted', by: ['desk', 'team'], needs: ['reason'] },
  start: { from: ['dispatched'], to: 'handling', by: ['team'], needs: [] },
  handle: { from: ['handling'], to: 'handled', by: ['team'], needs: ['note'] },
  reply: { from: ['handled'], to: 'replied', by: ['team'], needs: ['text'] },
  suspend: { from: SUSPENDABLE, to: 'suspended', by: ['desk', 'team'], needs: ['reason'] },
  resume: { from: ['suspended'], to: 'resume', by: ['desk', 'team'], needs: [] },
  rate: { from: ['replied'], to: 'closed', by: ['public'], needs: ['satisfaction'] },
  reopen: { from: ['replied'], to: 'dispatched', by: ['public'], needs: ['satisfaction'] },
};

/** Actions staff run through `POST /api/service/requests/:id/actions/:action` (rate/reopen come from the status page). */
export const STAFF_ACTIONS: readonly ServiceAction[] = SERVICE_ACTIONS.filter((a) => !ACTIONS[a].by.every((l) => l === 'public'));

/** How many times a 不满意 rating may send a report back. */
export const MAX_REOPENS = 1;

export type RefusalCode =
  | 'service.wrong_state'
  | 'service.not_permitted'
  | 'service.reason_required'
  | 'service.note_required'
  | 'service.reply_required'
  | 'service.team_required'
  | 'service.duplicate_required'
  | 'service.satisfaction_required'
  | 'service.reopen_used';

const MISSING: Record<Required, RefusalCode> = {
  reason: 'service.reason_required',
  note: 'service.note_required',
  text: 'service.reply_required',
  team: 'service.team_required',
  duplicateOf: 'service.duplicate_required',
  satisfaction: 'service.satisfaction_required',
};

export interface TransitionInput {
  state: ServiceState;
  /** The owning team; null = at the city desk. */
  orgUnitId: string | null;
  suspendedFromState: ServiceState | null;
  reopenCount: number;
}

export interface TransitionContext {
  levels: readonly Level[];
  reason?: string | null | undefined;
  note?: string | null | undefined;
  text?: string | null | undefined;
  teamId?: string | null | undefined;
  duplicateOfId?: string | null | undefined;
  satisfaction?: Satisfaction | null | undefined;
}

export type TransitionResult = { ok: true; to: ServiceState } | { ok: false; code: RefusalCode; message: string };

const filled = (v: string | null | undefined): boolean => typeof v === 'string' && v.trim().length > 0;

export function transition(r: TransitionInput, action: ServiceAction, ctx: TransitionContext): TransitionResult {
  const t = ACTIONS[action];
  if (!t.from.includes(r.state)) return { ok: false, code: 'service.wrong_state', message: `Cannot ${action} a report that is ${r.state}` };
  if (!t.by.some((l) => ctx.levels.includes(l))) return { ok: false, code: 'service.not_permitted', message: `Only ${t.by.join(' or ')} may ${action} this report` };
  const have: Record<Required, boolean> = {
    reason: filled(ctx.reason),
    note: filled(ctx.note),
    text: filled(ctx.text),
    team: filled(ctx.teamId),
    duplicateOf: filled(ctx.duplicateOfId),
    satisfaction: ctx.satisfaction != null,
  };
  for (const need of t.needs) if (!have[need]) return { ok: false, code: MISSING[need], message: `${action} needs ${need}` };
  // A report at the city desk (outside every area) is accepted only with the team it goes to.
  if (action === 'accept' && r.orgUnitId == null && !have.team) return { ok: false, code: 'service.team_required', message: 'This report is at the city desk: name the team to dispatch it to' };
  if (action === 'reopen') {
    if (ctx.satisfaction !== 'dissatisfied') return { ok: false, code: 'service.satisfaction_required', message: 'Only a 不满意 rating reopens a report' };
    if (r.reopenCount >= MAX_REOPENS) return { ok: false, code: 'service.reopen_used', message: 'This report was reopened once already' };
  }
  if (t.to === 'resume') {
    const back = r.suspendedFromState;
    if (back == null || !SUSPENDABLE.includes(back)) return { ok: false, code: 'service.wrong_state', message: 'The state before the suspension is unknown' };
    return { ok: true, to: back };
  }
  return { ok: true, to: t.to };
}

/** Actions available to an actor with these levels (for the UI; required fields are the form's job). */
export function availableActions(r: TransitionInput, levels: readonly Level[]): ServiceAction[] {
  return SERVICE_ACTIONS.filter((a) => {
    const t = ACTIONS[a];
    if (!t.from.includes(r.state) || !t.by.some((l) => levels.includes(l))) return false;
    if (a === 'reopen') return r.reopenCount < MAX_REOPENS;
    return true;
  });
}

/**
 * Which clock runs in a state: the accept limit until the desk accepts, the handle limit until it is handled,
 * the reply limit until the reply. None once replied or final; a suspended report's clock is stopped.
 */
export type Clock = 'accept' | 'handle' | 'reply';
export function runningClock(state: ServiceState): Clock | null {
  switch (state) {
    case 'submitted':
      return 'accept';
    case 'dispatched':
    case 'handling':
      return 'handle';
    case 'handled':
      return 'reply';
    default:
      return null;
  }
}

/**
 * Overdue / due soon of the running clock at `now` (dues already include the suspended minutes). While suspended
 * the clock stands at the moment of the suspension: a report does not go overdue while suspended, but one that was
 * already late when suspended stays late; it is never "due soon" while nothing runs.
 */
export type DueFlag = 'overdue' | 'due_soon' | null;
export function dueFlag(
  r: { state: ServiceState; suspendedFromState: ServiceState | null; suspendedAt?: Date | null; acceptDueAt: Date | null; handleDueAt: Date | null; replyDueAt: Date | null },
  now: Date,
  soonMs = 4 * 3600_000,
): DueFlag {
  const suspended = r.state === 'suspended';
  const state = suspended ? r.suspendedFromState : r.state;
  const clock = state ? runningClock(state) : null;
  if (!clock) return null;
  const due = clock === 'accept' ? r.acceptDueAt : clock === 'handle' ? r.handleDueAt : r.replyDueAt;
  if (!due) return null;
  const at = suspended ? (r.suspendedAt ?? now) : now;
  if (due.getTime() < at.getTime()) return 'overdue';
  if (!suspended && due.getTime() - now.getTime() <= soonMs) return 'due_soon';
  return null;
}

/** `138****1234`: the first three and last four digits of a phone number; shorter numbers keep their last two. */
export function maskPhone(phone: string | null): string | null {
  if (phone == null) return null;
  const p = phone.trim();
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  if (p.length > 4) return `${'*'.repeat(p.length - 2)}${p.slice(-2)}`;
  return '****';
}

/** China's bounding box (WGS-84), generous at the edges; 0,0 is never a real report. */
export function locationProblem(lat: number, lon: number): string | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return 'not a number';
  if (lat === 0 && lon === 0) return '0,0 is not a location';
  if (lat < 3.5 || lat > 53.6 || lon < 73.4 || lon > 135.1) return 'outside China';
  return null;
}

/** Tracking codes: 12 characters from an alphabet without 0/O, 1/I/L (read aloud on the phone, typed on a phone). */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function trackingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 12) throw new RangeError('need 12 random bytes');
  let out = '';
  // 256 is not a multiple of 31: reject the top of the range so each character is uniform.
  const limit = 256 - (256 % TRACKING_ALPHABET.length);
  for (const b of bytes) {
    if (b >= limit) continue;
    out += TRACKING_ALPHABET[b % TRACKING_ALPHABET.length];
    if (out.length === 12) break;
  }
  return out;
}
