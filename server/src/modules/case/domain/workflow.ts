/**
 * 执法办案 flow (domain.md §2.3–§2.5, §6.2; 行政处罚法 2021, 行政强制法 2011): a pure transition table. Each action
 * says from which states it may run, where it leads, the permission it needs, whether it names two officers
 * holding a valid 执法证, whether it needs a written reason, and which deadlines it starts and stops (the deadline
 * kinds are computed in deadlines.ts with the legal engine). What the facts of a case allow beyond the state
 * (hearing window open, 法制审核 still required …) is checked by `guardAction`, also pure.
 */
import type { Permission } from '../../../platform/permissions';

export const CASE_STATES = [
  'lead', // 线索 registered
  'checked', // 核查 done, 立案 proposed or not, awaiting the team leader
  'not_filed', // 不予立案 (with reason)
  'investigating', // 立案 approved: 调查取证
  'investigated', // 调查终结
  'notified', // 事先告知 sent (陈述申辩, 听证 rights when applicable)
  'hearing_requested',
  'hearing_scheduled',
  'heard',
  'in_review', // 法制审核 (第五十八条)
  'reviewed',
  'discussed', // 集体讨论 (第五十七条第二款)
  'decided',
  'executing', // served; payment period, 催告
  'court_enforcement', // applied to the court (行政强制法 第五十三条、第五十四条)
  'executed',
  'closed', // 结案
  'archived', // 归档
  'withdrawn', // 撤案 (with reason)
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: readonly CaseState[] = ['not_filed', 'archived', 'withdrawn'];
/** States in which the case is open (its deadlines run and it shows on the board). */
export const isOpenState = (s: CaseState): boolean => !TERMINAL_STATES.includes(s) && s !== 'closed';

export const CASE_SOURCES = ['patrol', 'complaint', 'referral', 'report', 'digital_cityops'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const PROCEDURES = ['general', 'simple'] as const;
export type Procedure = (typeof PROCEDURES)[number];

/**
 * Deadlines a case can have running. `duty`: the bureau must act before the due day (goes overdue, shows on the
 * board); otherwise a window of the party (听证 request, payment, 催告) that simply lapses.
 */
export const DEADLINE_KINDS = {
  lead_check: { duty: true },
  decision: { duty: true },
  hearing_request: { duty: false },
  service: { duty: true },
  payment: { duty: false },
  urge_reply: { duty: false },
  court_application: { duty: true },
  seizure: { duty: true },
  simple_filing: { duty: true },
  cash_handover: { duty: true },
  // 先行登记保存 (行政处罚法 第五十六条): the authority decides within seven (working) days.
  evidence_preservation: { duty: true },
  // 公告送达 (民事诉讼法 第九十五条): the notice period after which the decision is deemed served; nobody's duty.
  notice_service: { duty: false },
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KINDS;
export const DEADLINE_KIND_NAMES = Object.keys(DEADLINE_KINDS) as DeadlineKind[];

export const CASE_ACTIONS = [
  'check',
  'approve_filing',
  'reject_filing',
  'seize',
  'extend_seizure',
  'release_seizure',
  'register_evidence',
  'decide_evidence',
  'close_investigation',
  'notify',
  'record_statement',
  'waive_hearing',
  'request_hearing',
  'schedule_hearing',
  'hold_hearing',
  'submit_review',
  'legal_review',
  'collective_discussion',
  'extend_decision',
  'decide',
  'serve',
  'serve_by_notice',
  'urge',
  'apply_court',
  'record_court_result',
  'record_payment',
  'file_record',
  'close',
  'archive',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** Actions recorded on the timeline that are not run through `POST …/actions/:action` (own routes). */
export type CreationAction = 'create_lead' | 'simple_decide';

export interface ActionSpec {
  from: readonly CaseState[];
  /** Next state; 'same' keeps it; a function picks by the action's outcome. */
  to: CaseState | 'same';
  permission: Permission;
  /** Two officers holding a valid 执法证 on the step's date, neither of them a 协管员 (第四十二条、第五十五条). */
  officers: boolean;
  needsReason: boolean;
  procedure: Procedure | 'any';
  starts: readonly DeadlineKind[];
  stops: readonly DeadlineKind[];
}

const PRE_DECISION: readonly CaseState[] = ['investigating', 'investigated', 'notified', 'hearing_requested', 'hearing_scheduled', 'heard', 'in_review', 'reviewed', 'discussed'];
const DECIDABLE: readonly CaseState[] = ['notified', 'heard', 'reviewed', 'discussed'];

const a = (spec: Partial<ActionSpec> & Pick<ActionSpec, 'from' | 'to' | 'permission'>): ActionSpec => ({
  officers: true,
  needsReason: false,
  procedure: 'general',
  starts: [],
  stops: [],
  ...spec,
});

export const ACTIONS: Record<CaseAction, ActionSpec> = {
  check: a({ from: ['lead'], to: 'checked', permission: 'case.handle' }),
  approve_filing: a({ from: ['checked'], to: 'investigating', permission: 'case.approve', stops: ['lead_check'], starts: ['decision'] }),
  reject_filing: a({ from: ['lead', 'checked'], to: 'not_filed', permission: 'case.approve', needsReason: true, stops: ['lead_check'] }),
  // 行政强制法 第十八条: approved by the agency head before it is taken; 第二十五条: 30 days, once extended.
  seize: a({ from: [...PRE_DECISION], to: 'same', permission: 'case.approve', starts: ['seizure'] }),
  extend_seizure: a({ from: [...PRE_DECISION, 'decided'], to: 'same', permission: 'case.approve', needsReason: true }),
  release_seizure: a({ from: [...PRE_DECISION, 'decided', 'executing', 'executed'], to: 'same', permission: 'case.handle', stops: ['seizure'] }),
  // 行政处罚法 第五十六条: 先行登记保存 经行政机关负责人批准, then a 处理决定 within seven (working, 第八十五条) days.
  register_evidence: a({ from: [...PRE_DECISION], to: 'same', permission: 'case.approve', starts: ['evidence_preservation'] }),
  decide_evidence: a({ from: [...PRE_DECISION, 'decided', 'executing', 'executed'], to: 'same', permission: 'case.approve', stops: ['evidence_preservation'] }),
  close_investigation: a({ from: ['investigating'], to: 'investigated', permission: 'case.handle' }),
  notify: a({ from: ['investigated'], to: 'notified', permission: 'case.handle', starts: ['hearing_request'] }),
  record_statement: a({ from: ['notified', 'hearing_requested', 'hearing_scheduled', 'heard'], to: 'same', permission: 'case.handle' }),
  waive_hearing: a({ from: ['notified'], to: 'same', permission: 'case.handle', stops: ['hearing_request'] }),
  request_hearing: a({ from: ['notified'], to: 'hearing_requested', permission: 'case.handle', stops: ['hearing_request'] }),
  schedule_hearing: a({ from: ['hearing_requested'], to: 'hearing_scheduled', permission: 'case.handle' }),
  hold_hearing: a({ from: ['hearing_scheduled'], to: 'heard', permission: 'case.handle' }),
  submit_review: a({ from: ['notified', 'heard'], to: 'in_review', permission: 'case.handle' }),
  // The legal reviewer is not one of the case's officers (domain.md §6.3: 法制审核员 differs from the investigators).
  legal_review: a({ from: ['in_review'], to: 'reviewed', permission: 'case.legal_review', officers: false }),
  collective_discussion: a({ from: ['notified', 'heard', 'reviewed'], to: 'discussed', permission: 'case.approve' }),
  extend_decision: a({ from: [...PRE_DECISION], to: 'same', permission: 'case.approve', needsReason: true }),
  decide: a({ from: [...DECIDABLE], to: 'decided', permission: 'case.approve', stops: ['decision', 'hearing_request'], starts: ['service'] }),
  serve: a({ from: ['decided'], to: 'executing', permission: 'case.handle', stops: ['service', 'notice_service'], starts: ['payment', 'court_application'] }),
  // 公告送达 (行政处罚法 第六十一条 → 民事诉讼法 第九十五条): issuing the notice is the service act within the seven days of
  // 第六十一条; the decision is deemed served thirty days later, recorded then by `serve` with the method public_notice.
  // 第九十五条第二款: 公告送达，应当在案卷中记明原因和经过 → a written reason.
  serve_by_notice: a({ from: ['decided'], to: 'same', permission: 'case.handle', needsReason: true, stops: ['service'], starts: ['notice_service'] }),
  urge: a({ from: ['executing'], to: 'same', permission: 'case.handle', starts: ['urge_reply'] }),
  apply_court: a({ from: ['executing'], to: 'court_enforcement', permission: 'case.approve', stops: ['court_application', 'payment', 'urge_reply'] }),
  record_court_result: a({ from: ['court_enforcement'], to: 'executed', permission: 'case.handle' }),
  record_payment: a({ from: ['executing', 'court_enforcement'], to: 'executed', permission: 'case.handle', procedure: 'any', stops: ['payment', 'court_application', 'urge_reply'] }),
  file_record: a({ from: ['executing', 'executed'], to: 'same', permission: 'case.handle', procedure: 'simple', stops: ['simple_filing', 'cash_handover'] }),
  close: a({ from: ['executed'], to: 'closed', permission: 'case.approve', procedure: 'any' }),
  archive: a({ from: ['closed'], to: 'archived', permission: 'case.approve', procedure: 'any' }),
  withdraw: a({ from: ['lead', 'checked', ...PRE_DECISION], to: 'withdrawn', permission: 'case.approve', needsReason: true, stops: ['lead_check', 'decision', 'hearing_request', 'seizure', 'evidence_preservation'] }),
};

/** Creation steps (their own routes) and what they start. */
export const CREATION: Record<CreationAction, { starts: readonly DeadlineKind[] }> = {
  create_lead: { starts: ['lead_check'] },
  simple_decide: { starts: ['simple_filing', 'payment'] },
};

export type RefusalCode = 'case.wrong_state' | 'case.not_permitted' | 'case.reason_required' | 'case.wrong_procedure';
export type TransitionResult = { ok: true; to: CaseState } | { ok: false; code: RefusalCode; message: string };

/** The state check: which state the action leads to, or why it may not run (permission as held by the caller). */
export function transition(
  c: { state: CaseState; procedure: Procedure },
  action: CaseAction,
  ctx: { permissions: ReadonlySet<Permission> | readonly Permission[]; reason?: string | null | undefined; outcomeState?: CaseState },
): TransitionResult {
  const t = ACTIONS[action];
  const has = (p: Permission) => (Array.isArray(ctx.permissions) ? ctx.permissions.includes(p) : (ctx.permissions as ReadonlySet<Permission>).has(p));
  if (t.procedure !== 'any' && t.procedure !== c.procedure) return { ok: false, code: 'case.wrong_procedure', message: `${action} belongs to the ${t.procedure} procedure; this case is ${c.procedure}` };
  if (!t.from.includes(c.state)) return { ok: false, code: 'case.wrong_state', message: `Cannot ${action} a case that is ${c.state}` };
  if (!has(t.permission)) return { ok: false, code: 'case.not_permitted', message: `${action} needs the permission ${t.permission}` };
  if (t.needsReason && !ctx.reason?.trim()) return { ok: false, code: 'case.reason_required', message: `${action} needs a written reason` };
  return { ok: true, to: ctx.outcomeState ?? (t.to === 'same' ? c.state : t.to) };
}

/** Actions available in a state to a caller holding these permissions (for the UI; guards may still refuse). */
export function availableActions(c: { state: CaseState; procedure: Procedure }, permissions: ReadonlySet<Permission> | readonly Permission[]): CaseAction[] {
  return CASE_ACTIONS.filter((x) => transition(c, x, { permissions, reason: 'x' }).ok);
}
