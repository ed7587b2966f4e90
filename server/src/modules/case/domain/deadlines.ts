/**
 * The running deadlines of a case, folded from its timeline (pure). Which action starts or stops which deadline
 * is the transition table's (workflow.ts); the due day is the legal engine's (injected as `CaseLegal`), counted
 * by the rule in force on the start day. A period that needs a year without a working-day calendar is reported
 * as `calendar_missing` with the years, never counted on weekends alone.
 */
import type { DeadlineResult, ExplanationStep, IsoDate, LegalRule, PeriodRule } from '../../legal';
import { ACTIONS, CREATION, DEADLINE_KINDS, type CaseAction, type CreationAction, type DeadlineKind } from './workflow';

/** What the case lifecycle needs of the legal core, over one snapshot of the rule set and the calendar. */
export interface CaseLegal {
  /** The rule with this id in force on `onDate`, or null. */
  rule(id: string, onDate: IsoDate): LegalRule | null;
  /** Due day of a period counted from `start` (the start day not counted); `extended`: with the rule's extension. */
  deadline(rule: PeriodRule, start: IsoDate, extended?: boolean): DeadlineResult;
  /** Working days from `today` (exclusive) to `due` (inclusive); negative when past; null when a calendar is missing. */
  workingDaysLeft(today: IsoDate, due: IsoDate): number | null;
}

/**
 * The rule each deadline counts by (ids of the legal rule set). `after`: the period starts when another period
 * ends (申请法院强制执行: 三个月 from the end of the 诉讼 window, 行政强制法 第五十三条).
 */
export const DEADLINE_RULES: Record<DeadlineKind, { ruleIds: readonly string[]; after?: string }> = {
  lead_check: { ruleIds: ['local.case_check', 'zjb55.lead_check'] },
  // 住建部令第55号 (90 days + 30 with approval) where in force, else 行政处罚法 第六十条.
  decision: { ruleIds: ['zjb55.decision_period', 'xzcf.decision_period'] },
  hearing_request: { ruleIds: ['xzcf.hearing_request'] },
  service: { ruleIds: ['xzcf.service_absent'] },
  payment: { ruleIds: ['xzcf.payment'] },
  urge_reply: { ruleIds: ['xzqz.urge'] },
  court_application: { ruleIds: ['xzqz.court_application'], after: 'xzss.lawsuit' },
  seizure: { ruleIds: ['xzqz.seizure'] },
  // A shipped local default (待本局确认), replaced by the bureau's own period in a draft.
  simple_filing: { ruleIds: ['local.simple_filing'] },
  cash_handover: { ruleIds: ['xzcf.cash_handover'] },
  evidence_preservation: { ruleIds: ['xzcf.evidence_preservation'] },
  notice_service: { ruleIds: ['msss.public_notice_service'] },
};

/** The hearing notice period (第六十四条第二项), checked when a hearing is scheduled. */
export const HEARING_NOTICE_RULE = 'xzcf.hearing_notice';

/** One event of the timeline as the deadline fold reads it. */
export interface TimelineEvent {
  action: CaseAction | CreationAction;
  onDate: IsoDate;
  /** seize / extend_seizure / release_seizure: which seizure; simple_decide: whether the fine was paid on the spot. */
  seizureId?: string | null;
  /** register_evidence / decide_evidence: which 先行登记保存. */
  evidenceId?: string | null;
  paidOnSpot?: boolean;
  /** decide: no payment follows a decision without a fine. */
  fineFen?: number;
  /** notify: 听证 rights (the request window runs only then). */
  hearingRights?: boolean;
}

export type DeadlineState = 'running' | 'met' | 'overdue' | 'lapsed';

export interface CaseDeadline {
  /** kind, or kind:id for a seizure (kind:seizureId) and a 先行登记保存 (kind:evidenceId): a case may hold several. */
  key: string;
  kind: DeadlineKind;
  ruleId: string;
  /** Authority duty (can go overdue) or a window of the party (lapses). */
  duty: boolean;
  startOn: IsoDate;
  dueOn: IsoDate | null;
  /** Years whose calendar is missing (the due day is then unknown, shown as such). */
  calendarMissing: number[] | null;
  /** The rule is not in the rule set in force (shown; never guessed). */
  ruleMissing: boolean;
  stoppedOn: IsoDate | null;
  extensions: number;
  state: DeadlineState;
  /** Stopped after its due day. */
  late: boolean;
  workingDaysLeft: number | null;
  explanation: ExplanationStep[];
}

function compute(legal: CaseLegal, kind: DeadlineKind, startOn: IsoDate, extensions: number): Pick<CaseDeadline, 'ruleId' | 'dueOn' | 'calendarMissing' | 'ruleMissing' | 'explanation'> {
  const spec = DEADLINE_RULES[kind];
  const missingRule = (id: string) => ({ ruleId: id, dueOn: null, calendarMissing: null, ruleMissing: true, explanation: [] });
  let start = startOn;
  const explanation: ExplanationStep[] = [];
  if (spec.after) {
    const first = legal.rule(spec.after, startOn);
    if (!first || first.kind !== 'period') return missingRule(spec.after);
    const r = legal.deadline(first, startOn);
    explanation.push(...r.explanation);
    if (!r.ok) return { ruleId: spec.ruleIds[0]!, dueOn: null, calendarMissing: r.years, ruleMissing: false, explanation };
    start = r.due;
  }
  const rule = spec.ruleIds.map((id) => legal.rule(id, start)).find((r) => r !== null) ?? null;
  if (!rule || rule.kind !== 'period') return missingRule(spec.ruleIds[0]!);
  // One extension at most (行政强制法 第二十五条: 延长期限不得超过三十日; 住建部令第55号: 30 days); the action refuses a second.
  const r = legal.deadline(rule, start, extensions > 0 && rule.params.extension !== undefined);
  explanation.push(...r.explanation);
  if (!r.ok) return { ruleId: rule.id, dueOn: null, calendarMissing: r.code === 'legal.calendar_missing' ? r.years : null, ruleMissing: r.code !== 'legal.calendar_missing', explanation };
  return { ruleId: rule.id, dueOn: r.due, calendarMissing: null, ruleMissing: false, explanation };
}

/**
 * Folds the timeline (in order) into deadlines: an action's `starts` open one, its `stops` close the running
 * one, an extension adds the rule's extension period. `today` decides running / overdue / lapsed.
 */
export function caseDeadlines(events: readonly TimelineEvent[], legal: CaseLegal, today: IsoDate): CaseDeadline[] {
  interface Open {
    key: string;
    kind: DeadlineKind;
    startOn: IsoDate;
    extensions: number;
    stoppedOn: IsoDate | null;
  }
  const all: Open[] = [];
  const running = new Map<string, Open>();
  // Seizures and 先行登记保存 run one deadline each; the others one per case.
  const idOf = (kind: DeadlineKind, e: TimelineEvent): string | null | undefined => (kind === 'seizure' ? e.seizureId : kind === 'evidence_preservation' ? e.evidenceId : undefined);
  const keyOf = (kind: DeadlineKind, e: TimelineEvent) => (kind === 'seizure' || kind === 'evidence_preservation' ? `${kind}:${idOf(kind, e) ?? ''}` : kind);
  const start = (kind: DeadlineKind, e: TimelineEvent) => {
    const key = keyOf(kind, e);
    if (running.has(key)) return;
    const d: Open = { key, kind, startOn: e.onDate, extensions: 0, stoppedOn: null };
    all.push(d);
    running.set(key, d);
  };
  const stop = (kind: DeadlineKind, e: TimelineEvent) => {
    // An event naming no seizure / registration (撤案) stops every one of that kind.
    const keyed = kind === 'seizure' || kind === 'evidence_preservation';
    const keys = !keyed ? [kind] : idOf(kind, e) ? [keyOf(kind, e)] : [...running.keys()].filter((k) => k.startsWith(`${kind}:`));
    for (const key of keys) {
      const d = running.get(key);
      if (d) {
        d.stoppedOn = e.onDate;
        running.delete(key);
      }
    }
  };
  for (const e of events) {
    if (e.action === 'create_lead' || e.action === 'simple_decide') {
      for (const kind of CREATION[e.action].starts) {
        if (kind === 'payment' && (e.paidOnSpot || !e.fineFen)) continue;
        start(kind, e);
      }
      if (e.action === 'simple_decide' && e.paidOnSpot) start('cash_handover', e);
      continue;
    }
    const spec = ACTIONS[e.action];
    for (const kind of spec.stops) stop(kind, e);
    if (e.action === 'extend_decision') {
      const d = running.get('decision');
      if (d) d.extensions++;
    }
    if (e.action === 'extend_seizure') {
      const d = running.get(keyOf('seizure', e));
      if (d) d.extensions++;
    }
    for (const kind of spec.starts) {
      if (kind === 'hearing_request' && !e.hearingRights) continue;
      // No fine, nothing to pay or to enforce through the court.
      if ((kind === 'payment' || kind === 'court_application') && !e.fineFen) continue;
      start(kind, e);
    }
  }
  return all.map((d) => {
    const c = compute(legal, d.kind, d.startOn, d.extensions);
    const duty = DEADLINE_KINDS[d.kind].duty;
    const late = d.stoppedOn !== null && c.dueOn !== null && d.stoppedOn > c.dueOn;
    let state: DeadlineState = 'running';
    if (d.stoppedOn !== null) state = 'met';
    else if (c.dueOn !== null && today > c.dueOn) state = duty ? 'overdue' : 'lapsed';
    const workingDaysLeft = state === 'running' && c.dueOn !== null ? legal.workingDaysLeft(today, c.dueOn) : null;
    return { key: d.key, kind: d.kind, duty, startOn: d.startOn, stoppedOn: d.stoppedOn, extensions: d.extensions, state, late, workingDaysLeft, ...c };
  });
}
