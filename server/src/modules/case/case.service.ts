import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { maskIdNumber } from '../ledger';
import { citationOf, type IsoDate } from '../legal';
import { ACTIONS, availableActions, isOpenState, transition, type CaseAction, type CaseState, type Procedure } from './domain/workflow';
import { caseDeadlines, HEARING_NOTICE_RULE, type CaseDeadline, type TimelineEvent } from './domain/deadlines';
import { certificateValid, decideProblem, hearingNoticeProblem, hearingRights, officersProblem, reviewTriggers, stepDateProblem, thresholdPartyType, type OfficerFacts, type PartyKind, type Penalty } from './domain/guards';
import { emptyFacts, type CaseFacts, type ViolationSnapshot } from './domain/facts';
import type { CaseLegalView, LegalSource, ViolationSource } from './case.sources';
import type { CaseStep, CaseStepHook } from './case.hooks';
import { caseRepository, type CaseWithUnit, type DeadlineRow, type EventRow, type PersonRow } from './case.repository';
import type { ActionInput, BoardQuery, BoardView, CaseDetail, CaseList, CreateLeadBody, ListQuery, OfficerList, OfficersQuery, SimpleProcedureBody } from './case.schemas';

interface Deps {
  database: Database;
  clock: Clock;
  legal: LegalSource;
  /** The 违法行为 catalogue; without it the violation is recorded as named and the penalty is not checked against bands. */
  violations?: ViolationSource | undefined;
}

/** Audit action per step (literal codes: the audit page names each in words). */
const AUDIT: Record<CaseAction | 'create_lead' | 'simple_decide', { action: string }> = {
  create_lead: { action: 'case.lead.create' },
  simple_decide: { action: 'case.simple.decide' },
  check: { action: 'case.check' },
  approve_filing: { action: 'case.approve_filing' },
  reject_filing: { action: 'case.reject_filing' },
  seize: { action: 'case.seize' },
  extend_seizure: { action: 'case.extend_seizure' },
  release_seizure: { action: 'case.release_seizure' },
  register_evidence: { action: 'case.register_evidence' },
  decide_evidence: { action: 'case.decide_evidence' },
  close_investigation: { action: 'case.close_investigation' },
  notify: { action: 'case.notify' },
  record_statement: { action: 'case.record_statement' },
  waive_hearing: { action: 'case.waive_hearing' },
  request_hearing: { action: 'case.request_hearing' },
  schedule_hearing: { action: 'case.schedule_hearing' },
  hold_hearing: { action: 'case.hold_hearing' },
  submit_review: { action: 'case.submit_review' },
  legal_review: { action: 'case.legal_review' },
  collective_discussion: { action: 'case.collective_discussion' },
  extend_decision: { action: 'case.extend_decision' },
  decide: { action: 'case.decide' },
  serve: { action: 'case.serve' },
  serve_by_notice: { action: 'case.serve_by_notice' },
  urge: { action: 'case.urge' },
  apply_court: { action: 'case.apply_court' },
  record_court_result: { action: 'case.record_court_result' },
  record_payment: { action: 'case.record_payment' },
  file_record: { action: 'case.file_record' },
  close: { action: 'case.close' },
  archive: { action: 'case.archive' },
  withdraw: { action: 'case.withdraw' },
};

/**
 * Per database (shared by every case service on it in this process): the legal revision the stored deadlines are
 * known to be computed with, and the recomputation in progress (concurrent callers await the same run).
 */
const deadlineSync = new WeakMap<Database, { revision: string | null; running: Promise<string> | null }>();
/** Cases recomputed per transaction (each row locked): short transactions, a step waits for at most one batch. */
const RECOMPUTE_BATCH = 100;

export function shanghaiDay(d: Date): IsoDate {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const need = <T>(value: T | undefined | null, field: string, what: string): T => {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) throw validationFailed(`${field} is required`, [{ field, message: what }]);
  return value;
};

const numberOf = (shortName: string | null, unitName: string, series: '罚' | '简' | '线', year: number, n: number) => `${shortName ?? unitName.replace(/街道综合执法队$/, '')}城管${series}〔${year}〕${String(n).padStart(4, '0')}号`;

/** The deadline fold's view of the timeline (stored events + the case's facts). */
function timelineOf(events: readonly EventRow[], c: { fineFen: number }): TimelineEvent[] {
  return events.map((e) => {
    const p = e.payload;
    return {
      action: e.action as TimelineEvent['action'],
      onDate: e.onDate,
      seizureId: typeof p.seizureId === 'string' ? p.seizureId : null,
      evidenceId: typeof p.evidenceId === 'string' ? p.evidenceId : null,
      paidOnSpot: p.paidOnSpot === true,
      fineFen: typeof p.fineFen === 'number' ? p.fineFen : c.fineFen,
      hearingRights: p.hearingRights === true,
    };
  });
}

/** The time on the spot of a step: both ends or neither, a real interval that includes the step's date (Beijing). */
function onSiteTimes(body: { startedAt?: string | undefined; endedAt?: string | undefined }, onDate: IsoDate): { startedAt: Date | null; endedAt: Date | null } {
  const startedAt = body.startedAt ? new Date(body.startedAt) : null;
  const endedAt = body.endedAt ? new Date(body.endedAt) : null;
  if ((startedAt === null) !== (endedAt === null)) throw validationFailed('startedAt and endedAt go together', [{ field: startedAt ? 'endedAt' : 'startedAt', message: 'both or neither' }]);
  if (startedAt && endedAt && endedAt <= startedAt) throw validationFailed('endedAt is after startedAt', [{ field: 'endedAt', message: 'not after startedAt' }]);
  if (startedAt && endedAt && (shanghaiDay(startedAt) > onDate || shanghaiDay(endedAt) < onDate)) throw validationFailed('The time on the spot includes the step date', [{ field: 'startedAt', message: `not on ${onDate}` }]);
  return { startedAt, endedAt };
}

export function createCaseService({ database, clock, legal, violations }: Deps) {
  const { db } = database;
  const today = () => shanghaiDay(clock.now());
  const hooks: CaseStepHook[] = [];

  async function loadCase(actor: Actor, id: string, tx: DbOrTx = db): Promise<CaseWithUnit> {
    const c = await caseRepository.findCase(tx, id);
    // Out of scope answers exactly like missing.
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }

  async function teamUnit(actor: Actor, unitId: string | undefined) {
    const unit = await caseRepository.findUnit(db, unitId ?? actor.orgUnitId);
    if (!unit || !inScope(actor, unit.path)) throw notFound('org.unit_not_found', 'Unit not found');
    if (unit.kind !== 'team') throw badRequest('case.unit_not_team', `A case belongs to a street team, not to ${unit.name}`, { issues: [{ field: 'orgUnitId', message: 'choose a team' }] });
    return unit;
  }

  /** The two officers of a step, checked against the personnel ledger on the step's date. */
  async function checkOfficers(tx: DbOrTx, ids: readonly string[] | undefined, unitPath: string, onDate: IsoDate): Promise<PersonRow[]> {
    const list = need(ids, 'officerIds', 'two enforcement officers (执法证 holders)');
    const rows = await caseRepository.persons(tx, list);
    // Persons of the case's team (or of a unit above it: district staff may join a team's case).
    const known = new Map<string, OfficerFacts>(rows.filter((p) => p.unitPath.startsWith(unitPath) || unitPath.startsWith(p.unitPath)).map((p) => [p.personId, p]));
    const problem = officersProblem(list, known, onDate);
    if (problem) {
      const { code, message, ...rest } = problem;
      throw badRequest(code, message, { ...rest, issues: [{ field: 'officerIds', message }] });
    }
    return list.map((id) => rows.find((r) => r.personId === id)!);
  }

  function stepDate(input: string | undefined, actDate: IsoDate): IsoDate {
    const on = input ?? today();
    const p = stepDateProblem(on, actDate, today());
    if (p) throw badRequest(p.code, p.message, { issues: [{ field: 'onDate', message: p.message }] });
    return on;
  }

  async function snapshotViolation(input: { code: string; name?: string | undefined; band?: string | undefined } | undefined, actDate: IsoDate, penalty: Penalty | null, reason: string | null | undefined): Promise<ViolationSnapshot | null> {
    if (!input) return null;
    if (!violations) {
      return { code: input.code, name: need(input.name, 'violation.name', 'the violation as named (no catalogue is connected)'), basis: null, band: input.band ?? null, standing: 'unchecked', outsideBandReason: null };
    }
    if (!penalty) {
      const d = await violations.describe(input.code, actDate);
      return { code: input.code, name: d.name, basis: d.basis, band: input.band ?? null, standing: 'unchecked', outsideBandReason: null };
    }
    const r = await violations.check({ code: input.code, actDate, band: input.band ?? null, penalty });
    if (r.standing === 'outside_band' && !reason?.trim()) {
      throw badRequest('case.outside_band_reason_required', `The penalty lies outside the chosen 裁量基准 band of ${r.name}: give a written reason (it then goes to 法制审核)`, { issues: [{ field: 'outsideBandReason', message: 'required outside the band' }] });
    }
    return { ...r, outsideBandReason: r.standing === 'outside_band' ? reason!.trim() : null };
  }

  type DeadlineCase = { id: string; orgUnitId: string; fineFen: number; responsiblePersonId: string | null; isDemo: boolean };

  /** The stored rows of a case's deadlines (the board reads them). */
  function deadlineRows(c: DeadlineCase, list: readonly CaseDeadline[]) {
    return list.map((d) => ({
      id: newId(),
      caseId: c.id,
      orgUnitId: c.orgUnitId,
      key: d.key,
      kind: d.kind,
      ruleId: d.ruleId,
      duty: d.duty,
      startOn: d.startOn,
      dueOn: d.dueOn,
      stoppedOn: d.stoppedOn,
      problem: d.ruleMissing ? 'rule_missing' : d.calendarMissing ? 'calendar_missing' : null,
      running: d.stoppedOn === null,
      responsiblePersonId: c.responsiblePersonId,
      isDemo: c.isDemo,
    }));
  }

  /** Recomputes the case's deadlines from its timeline and stores them for the board (inside the transaction). */
  async function storeDeadlines(tx: DbOrTx, c: DeadlineCase, view: CaseLegalView): Promise<CaseDeadline[]> {
    const events = await caseRepository.eventsOf(tx, c.id);
    const list = caseDeadlines(timelineOf(events, c), view, today());
    await caseRepository.replaceDeadlines(tx, c.id, deadlineRows(c, list));
    return list;
  }

  /**
   * The legal view to count with, once the stored deadlines agree with it: when the legal service serves a revision
   * other than the one the stored rows were computed with (a calendar year corrected or added, a rule set version
   * published — here, or on another instance, seen within the legal cache's interval), every case with a running
   * deadline is recomputed first. Known per process after the first check (no query on later boards); concurrent
   * callers share one run; a failed run is retried by the next caller. Called by the board and the list, and by the
   * legal service's change listener right after a change (app.ts).
   */
  async function currentView(): Promise<CaseLegalView> {
    let view = await legal.snapshot();
    let state = deadlineSync.get(database);
    if (!state) deadlineSync.set(database, (state = { revision: null, running: null }));
    while (state.revision !== view.revision) {
      const s = state;
      s.running ??= (async () => {
        try {
          return (s.revision = await syncDeadlines());
        } finally {
          s.running = null;
        }
      })();
      await s.running;
      view = await legal.snapshot();
    }
    return view;
  }

  /**
   * Brings the stored deadlines to the revision in the database now (never to a stale cached one: a board on an
   * instance that has not seen another's change yet must not undo its recomputation), records it, and returns it.
   * A change committed during the run is caught by the check after it, and the run repeated.
   */
  async function syncDeadlines(): Promise<string> {
    let view = await legal.snapshot({ fresh: true });
    if ((await caseRepository.deadlineRevision(db)) === view.revision) return view.revision;
    for (;;) {
      const counts = await recomputeRunning(view);
      const after = await legal.snapshot({ fresh: true });
      if (after.revision === view.revision) {
        await caseRepository.saveDeadlineRevision(db, { revision: view.revision, ...counts, updatedAt: clock.now() });
        return view.revision;
      }
      view = after;
    }
  }

  /**
   * Every case with a running deadline, its deadlines recomputed from its timeline with `view`, in batches of
   * RECOMPUTE_BATCH cases per transaction, each case row locked (a step being written on it goes first and stores
   * its own deadlines). Rows are rewritten only when a stored field differs. A case without events has nothing to
   * recompute from: its stored rows are kept (never replaced by an empty fold).
   */
  async function recomputeRunning(view: CaseLegalView): Promise<{ casesRecomputed: number; casesChanged: number }> {
    let after: string | null = null;
    let casesRecomputed = 0;
    let casesChanged = 0;
    for (;;) {
      const ids = await caseRepository.casesWithRunningDeadlines(db, after, RECOMPUTE_BATCH);
      if (ids.length === 0) return { casesRecomputed, casesChanged };
      await db.transaction(async (tx) => {
        for (const id of ids) {
          const c = await caseRepository.lockCase(tx, id);
          if (!c) continue;
          const events = await caseRepository.eventsOf(tx, id);
          if (events.length === 0) continue;
          casesRecomputed++;
          const rows = deadlineRows(c, caseDeadlines(timelineOf(events, c), view, today()));
          if (sameDeadlines(await caseRepository.deadlinesOf(tx, id), rows)) continue;
          await caseRepository.replaceDeadlines(tx, id, rows);
          casesChanged++;
        }
      });
      after = ids.at(-1)!;
    }
  }

  const wasLate = (list: readonly CaseDeadline[]) => list.some((d) => d.duty && (d.late || d.state === 'overdue'));

  async function detail(actor: Actor, id: string): Promise<Static<typeof CaseDetail>> {
    const c = await loadCase(actor, id);
    const [parties, events, seizures, view] = await Promise.all([caseRepository.partiesOf(db, [id]), caseRepository.eventsOf(db, id), caseRepository.seizuresOf(db, id), legal.snapshot()]);
    const personIds = [...new Set([...c.c.officerIds, ...(c.c.responsiblePersonId ? [c.c.responsiblePersonId] : [])])];
    const persons = new Map((await caseRepository.persons(db, personIds)).map((p) => [p.personId, p]));
    const ref = (pid: string) => ({ personId: pid, name: persons.get(pid)?.name ?? '', certificateNo: persons.get(pid)?.certificateNo ?? null });
    const deadlines = caseDeadlines(timelineOf(events, c.c), view, today());
    const f = c.c.facts;
    const next = deadlines.filter((d) => d.duty && (d.state === 'running' || d.state === 'overdue')).sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''))[0];
    const party = parties[0];
    const mayAct = isOpenState(c.c.state as CaseState) || c.c.state === 'closed';
    return {
      ...summaryOf(c, party?.name ?? null, next ? { kind: next.kind, dueOn: next.dueOn, overdue: next.state === 'overdue' } : null, c.c.responsiblePersonId ? ref(c.c.responsiblePersonId) : null),
      summary: f.leadSummary,
      lat: c.c.lat,
      lon: c.c.lon,
      sourceRef: c.c.sourceRef,
      parties: parties.map((p) => ({ id: p.id, kind: p.kind as PartyKind, name: p.name, idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null, phone: p.phone, address: p.address })),
      violation: c.c.violation,
      proposedPenalty: c.c.proposedPenalty,
      decidedPenalty: c.c.decidedPenalty,
      officers: c.c.officerIds.map(ref),
      facts: f,
      hearingRights: f.notice?.hearingRights ?? false,
      reviewRequired: f.review.triggers.length > 0,
      reviewTriggers: f.review.triggers,
      timeline: events.map((e) => ({ action: e.action, fromState: e.fromState, toState: e.toState, onDate: e.onDate, at: e.at.toISOString(), actorName: e.actorName, officers: e.officers, payload: e.payload as Record<string, Static<typeof CaseDetail>['timeline'][number]['payload'][string]> })),
      deadlines: deadlines.map((d) => {
        const rule = view.rule(d.ruleId, d.startOn);
        const cit = rule ? citationOf(rule) : null;
        return { ...d, rule: rule && cit ? { law: cit.law.name, version: cit.law.version, article: `${cit.article}${cit.paragraph ?? ''}`, quote: rule.quote } : null, explanation: d.explanation };
      }),
      seizures: seizures.map((s) => ({ id: s.id, kind: s.kind as 'seal' | 'detain', items: s.items, place: s.place, startOn: s.startOn, extendedOn: s.extendedOn, extensionReason: s.extensionReason, endedOn: s.endedOn, outcome: s.outcome })),
      actions: mayAct && actor.role !== 'auxiliary' ? availableActions({ state: c.c.state as CaseState, procedure: c.c.procedure as Procedure }, actor.permissions) : [],
    };
  }

  function summaryOf(c: CaseWithUnit, partyName: string | null, nextDue: { kind: CaseDeadline['kind']; dueOn: string | null; overdue: boolean } | null, responsible: { personId: string; name: string; certificateNo: string | null } | null) {
    return {
      id: c.c.id,
      caseNo: c.c.caseNo,
      leadNo: c.c.leadNo,
      procedure: c.c.procedure as Procedure,
      state: c.c.state as CaseState,
      source: c.c.source as Static<typeof CaseDetail>['source'],
      orgUnitId: c.c.orgUnitId,
      unitName: c.unitName,
      actDate: c.c.actDate,
      actPlace: c.c.actPlace,
      violationName: c.c.violation?.name ?? null,
      partyName,
      fineFen: c.c.fineFen,
      responsible,
      nextDue,
      isDemo: c.c.isDemo,
      updatedAt: c.c.updatedAt.toISOString(),
      version: c.c.version,
    };
  }

  async function insertParty(tx: DbOrTx, caseId: string, orgUnitId: string, p: Static<typeof CreateLeadBody>['party'], now: Date) {
    if (!p) return;
    await caseRepository.insertParty(tx, { id: newId(), caseId, orgUnitId, kind: p.kind, name: p.name.trim(), idNumber: p.idNumber?.trim() ?? null, phone: p.phone ?? null, address: p.address ?? null, createdAt: now, updatedAt: now });
  }

  const officerRefs = (rows: readonly PersonRow[]) => rows.map((p) => ({ personId: p.personId, name: p.name, certificateNo: p.certificateNo }));

  return {
    get: detail,

    /** Brings the stored deadlines to the legal revision served now (the legal service's change listener, app.ts). */
    /** Another module takes part in every step (issue 12: documents, clips, tracks); see case.hooks.ts. */
    addStepHook(hook: CaseStepHook): void {
      hooks.push(hook);
    },

    async syncDeadlines(): Promise<void> {
      await currentView();
    },

    /** 线索登记: anyone holding case.lead in scope, 协管员 included (they record, they do not act). */
    async createLead(actor: Actor, body: Static<typeof CreateLeadBody>): Promise<Static<typeof CaseDetail>> {
      const unit = await teamUnit(actor, body.orgUnitId);
      const onDate = stepDate(body.onDate, body.actDate);
      const violation = await snapshotViolation(body.violation, body.actDate, null, null);
      const view = await legal.snapshot();
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const year = Number(onDate.slice(0, 4));
        const leadNo = numberOf(unit.shortName, unit.name, '线', year, await caseRepository.nextNumber(tx, unit.id, year, '线'));
        await caseRepository.insertCase(tx, {
          id,
          orgUnitId: unit.id,
          procedure: 'general',
          state: 'lead',
          source: body.source,
          sourceRef: body.sourceRef ?? null,
          leadNo,
          caseNo: null,
          year,
          actDate: body.actDate,
          actPlace: body.actPlace.trim(),
          lat: body.lat ?? null,
          lon: body.lon ?? null,
          violation,
          officerIds: [],
          responsiblePersonId: null,
          facts: emptyFacts(body.summary.trim()),
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await insertParty(tx, id, unit.id, body.party, now);
        await caseRepository.insertEvent(tx, { caseId: id, orgUnitId: unit.id, action: 'create_lead', fromState: null, toState: 'lead', onDate, at: now, actorId: actor.userId, actorName: actor.displayName, officers: [], payload: { source: body.source, summary: body.summary } });
        await storeDeadlines(tx, { id, orgUnitId: unit.id, fineFen: 0, responsiblePersonId: null, isDemo: false }, view);
        await recordAudit(tx, clock, actor, { action: 'case.lead.create', entityType: 'enforcement_case', entityId: id, orgUnitId: unit.id, after: { leadNo, source: body.source, actDate: body.actDate, actPlace: body.actPlace } });
      });
      return detail(actor, id);
    },

    /**
     * 简易程序 (当场处罚, 行政处罚法 第五十一条、第五十二条) in one call: allowed only within the rule in force on the
     * act's date; the numbered decision is handed over on the spot; the 备案 and payment periods start.
     */
    async simpleProcedure(actor: Actor, body: Static<typeof SimpleProcedureBody>): Promise<Static<typeof CaseDetail>> {
      if (!actor.permissions.has('case.handle') || actor.role === 'auxiliary') throw forbidden('case.not_permitted', 'An on-the-spot decision is taken by enforcement officers');
      const unit = await teamUnit(actor, body.orgUnitId);
      const onDate = stepDate(body.onDate, body.actDate);
      const { startedAt, endedAt } = onSiteTimes(body, onDate);
      const view = await legal.snapshot();
      const penalty = body.penalty;
      const fine = penalty.kinds.includes('fine');
      if (fine !== penalty.fineFen > 0) throw badRequest('case.penalty_fine_mismatch', 'A fine needs its amount, and an amount needs the kind 罚款', { issues: [{ field: 'penalty.fineFen', message: 'fine kind and amount disagree' }] });
      for (const kind of penalty.kinds) {
        const r = view.simpleProcedure({ actDate: body.actDate, partyType: thresholdPartyType(body.party.kind), penaltyKind: kind, amountFen: kind === 'fine' ? penalty.fineFen : 0 });
        if (!r.allowed) {
          const rule = r.rule ? { id: r.rule.id, law: r.rule.law.name, version: r.rule.law.version, article: r.rule.article, quote: r.rule.quote } : null;
          throw badRequest('case.simple_not_allowed', r.reason, { reason: r.code, rule, issues: [{ field: kind === 'fine' ? 'penalty.fineFen' : 'penalty.kinds', message: r.reason }] });
        }
      }
      // 第六十八条第一项: 一百元以下 may be collected on the spot (or when it would be hard to collect later).
      if (body.paidOnSpot && !fine) throw badRequest('case.nothing_to_pay', 'No fine to collect', { issues: [{ field: 'paidOnSpot', message: 'no fine' }] });
      const violation = await snapshotViolation(body.violation, body.actDate, penalty, body.outsideBandReason);
      if (violation?.standing === 'outside_band') throw badRequest('case.simple_outside_band', 'A penalty outside the 裁量基准 band goes to 法制审核: use the general procedure', { issues: [{ field: 'penalty', message: 'outside the band' }] });
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const officers = await checkOfficers(tx, body.officerIds, unit.path, onDate);
        const year = Number(onDate.slice(0, 4));
        const caseNo = numberOf(unit.shortName, unit.name, '简', year, await caseRepository.nextNumber(tx, unit.id, year, '简'));
        const facts: CaseFacts = {
          ...emptyFacts(body.summary.trim()),
          decision: { on: onDate, outcome: 'penalty', penalty, reason: null, number: caseNo },
          service: { on: onDate, method: 'direct', consent: false },
          ...(body.paidOnSpot ? { payment: { on: onDate, amountFen: penalty.fineFen, lateFeeFen: 0, onSpot: true } } : {}),
        };
        const state: CaseState = fine && !body.paidOnSpot ? 'executing' : 'executed';
        await caseRepository.insertCase(tx, {
          id,
          orgUnitId: unit.id,
          procedure: 'simple',
          state,
          source: body.source ?? 'patrol',
          caseNo,
          year,
          actDate: body.actDate,
          actPlace: body.actPlace.trim(),
          lat: body.lat ?? null,
          lon: body.lon ?? null,
          violation,
          proposedPenalty: penalty,
          decidedPenalty: penalty,
          fineFen: penalty.fineFen,
          officerIds: officers.map((o) => o.personId),
          responsiblePersonId: officers[0]!.personId,
          facts,
          filedOn: onDate,
          decidedOn: onDate,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await insertParty(tx, id, unit.id, body.party, now);
        // Other modules take part as in every step (case.hooks.ts); a refusal rolls the whole decision back.
        const step: CaseStep = { caseId: id, orgUnitId: unit.id, unitPath: unit.path, procedure: 'simple', action: 'simple_decide', fromState: null, toState: state, onDate, startedAt, endedAt, officers: officers.map((o) => ({ personId: o.personId, name: o.name })), facts, lat: body.lat ?? null, lon: body.lon ?? null, isDemo: false, actor };
        for (const h of hooks) await h.before?.(tx, step);
        const eventId = await caseRepository.insertEvent(tx, { caseId: id, orgUnitId: unit.id, action: 'simple_decide', fromState: null, toState: state, onDate, at: now, actorId: actor.userId, actorName: actor.displayName, officers: officerRefs(officers), payload: { penalty, fineFen: penalty.fineFen, paidOnSpot: body.paidOnSpot === true, caseNo, ...(startedAt && endedAt ? { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString() } : {}) } });
        for (const h of hooks) await h.after?.(tx, { ...step, eventId });
        await storeDeadlines(tx, { id, orgUnitId: unit.id, fineFen: penalty.fineFen, responsiblePersonId: officers[0]!.personId, isDemo: false }, view);
        await recordAudit(tx, clock, actor, { action: 'case.simple.decide', entityType: 'enforcement_case', entityId: id, orgUnitId: unit.id, after: { caseNo, penalty, actDate: body.actDate, party: body.party.name, officers: officers.map((o) => o.name), paidOnSpot: body.paidOnSpot === true } });
      });
      return detail(actor, id);
    },

    /** One step of the case (`POST /api/cases/:id/actions/:action`): state, permission, officers, guards, in one transaction. */
    async act(actor: Actor, id: string, action: CaseAction, body: ActionInput): Promise<Static<typeof CaseDetail>> {
      const loaded = await loadCase(actor, id);
      const c0 = loaded.c;
      const spec = ACTIONS[action];
      // 协管员 never act on a case beyond recording leads (《城市管理执法办法》: 协管人员 不得从事具体行政执法工作).
      if (actor.role === 'auxiliary') throw forbidden('case.auxiliary_not_allowed', 'A 协管员 may record leads and assist, never act on a case');
      // `let`: a service by public notice is recorded on the day it is deemed served (民事诉讼法 第九十五条).
      let onDate = stepDate(body.onDate, c0.actDate);
      const { startedAt, endedAt } = onSiteTimes(body, onDate);
      const view = await legal.snapshot();
      const f: CaseFacts = structuredClone(c0.facts);
      const patch: Parameters<typeof caseRepository.updateCase>[3] = {};
      const payload: Record<string, unknown> = {};
      let outcomeState: CaseState | undefined;
      const reason = body.reason?.trim() ?? null;
      if (reason) payload.reason = reason;
      if (startedAt && endedAt) Object.assign(payload, { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString() });
      const pre = transition({ state: c0.state as CaseState, procedure: c0.procedure as Procedure }, action, { permissions: actor.permissions, reason });
      if (!pre.ok) throw new AppError(pre.code === 'case.not_permitted' ? 403 : pre.code === 'case.reason_required' ? 400 : 409, pre.code, pre.message, { state: c0.state, action });
      const current = caseDeadlines(timelineOf(await caseRepository.eventsOf(db, id), c0), view, today());
      const dueOf = (kind: CaseDeadline['kind']) => current.find((d) => d.kind === kind && d.stoppedOn === null) ?? null;
      const refuse = (code: string, message: string, details: Record<string, unknown> = {}) => new AppError(400, code, message, details);

      // ---- what each step requires and records ----
      switch (action) {
        case 'check': {
          const proposal = need(body.proposal, 'proposal', 'file (立案) or not_file (不予立案)');
          f.check = { on: onDate, proposal, findings: need(body.findings, 'findings', 'what the check found') };
          Object.assign(payload, { proposal, findings: body.findings });
          break;
        }
        case 'approve_filing': {
          if (f.check?.proposal !== 'file') throw refuse('case.check_proposes_not_filing', 'The check proposed not to open a case: reject it with the reason, or check again');
          break;
        }
        case 'reject_filing':
          f.endReason = reason!;
          break;
        case 'close_investigation': {
          const penalty = need(body.penalty, 'penalty', 'the penalty proposed');
          const violation = await snapshotViolation(need(body.violation ?? (c0.violation ? { code: c0.violation.code, name: c0.violation.name, band: c0.violation.band ?? undefined } : undefined), 'violation', 'the violation and its band'), c0.actDate, penalty, body.outsideBandReason);
          f.investigation = { closedOn: onDate, report: need(body.report, 'report', '调查终结报告') };
          f.proposedPenalty = penalty;
          f.major = body.major ?? f.major;
          f.review.triggers = reviewTriggers({ publicInterest: body.publicInterest, complex: body.complex, statutoryReview: body.statutoryReview, hearingHeld: false, outsideBand: violation?.standing === 'outside_band' });
          patch.violation = violation;
          patch.proposedPenalty = penalty;
          Object.assign(payload, { penalty, report: body.report, band: violation?.band ?? null, standing: violation?.standing ?? 'unchecked', major: f.major, reviewTriggers: f.review.triggers });
          break;
        }
        case 'notify': {
          const penalty = body.penalty ?? f.proposedPenalty;
          if (!penalty) throw validationFailed('penalty is required', [{ field: 'penalty', message: 'the penalty the party is told of' }]);
          const party = (await caseRepository.partiesOf(db, [id]))[0];
          if (!party) throw refuse('case.party_required', 'The case names no party to notify');
          const rights = hearingRights(penalty, view.hearingFineFen(thresholdPartyType(party.kind as PartyKind), onDate));
          f.notice = { on: onDate, penalty, hearingRights: rights };
          Object.assign(payload, { penalty, hearingRights: rights });
          break;
        }
        case 'record_statement': {
          const waived = body.waived === true;
          const text = waived ? null : need(body.statement, 'statement', '陈述、申辩 (or waived: true)');
          f.statements.push({ on: onDate, waived, text });
          Object.assign(payload, { waived, statement: text });
          break;
        }
        case 'waive_hearing':
        case 'request_hearing': {
          if (!f.notice?.hearingRights) throw refuse('case.no_hearing_rights', 'The penalty notified carries no right to a hearing (第六十三条)');
          if (action === 'request_hearing') {
            const w = dueOf('hearing_request');
            if (!w || w.dueOn === null || onDate > w.dueOn) throw refuse('case.hearing_window_closed', `A hearing is requested within five days of the notice (第六十四条第一项); the window ended ${w?.dueOn ?? '(unknown: calendar missing)'}`, { rule: 'xzcf.hearing_request', dueOn: w?.dueOn ?? null });
            f.hearing = { ...f.hearing, requestedOn: onDate };
          } else f.hearing = { ...f.hearing, waivedOn: onDate };
          break;
        }
        case 'schedule_hearing': {
          const hearingOn = need(body.hearingOn, 'hearingOn', 'the day of the hearing');
          const chair = need(body.chairPersonId, 'chairPersonId', 'the chair (not an investigator of this case)');
          // 第六十四条第四项: chaired by someone who did not investigate the case.
          const investigators = new Set((await caseRepository.eventsOf(db, id)).flatMap((e) => e.officers.map((o) => o.personId)));
          if (investigators.has(chair)) throw refuse('case.chair_is_investigator', 'The hearing is chaired by a person who did not investigate this case (第六十四条第四项)', { issues: [{ field: 'chairPersonId', message: 'an investigator of this case' }] });
          const rule = view.rule(HEARING_NOTICE_RULE, onDate);
          const earliest = rule && rule.kind === 'period' ? view.deadline(rule, onDate) : null;
          const p = hearingNoticeProblem(hearingOn, earliest?.ok ? earliest.due : null);
          if (p) throw refuse(p.code, p.message, { rule: HEARING_NOTICE_RULE, earliest: earliest?.ok ? earliest.due : null, calendarMissing: earliest && !earliest.ok ? earliest.years : null, issues: [{ field: 'hearingOn', message: p.message }] });
          f.hearing = { ...f.hearing, noticeOn: onDate, hearingOn, chairPersonId: chair };
          Object.assign(payload, { hearingOn, chairPersonId: chair });
          break;
        }
        case 'hold_hearing': {
          if (f.hearing?.hearingOn && onDate < f.hearing.hearingOn) throw refuse('case.hearing_not_yet', `The hearing is set for ${f.hearing.hearingOn}`);
          f.hearing = { ...f.hearing, heldOn: onDate, minutes: need(body.minutes, 'minutes', '听证笔录 summary') };
          // 第五十八条第一款第二项: 经过听证程序 → 法制审核.
          if (!f.review.triggers.includes('hearing_held')) f.review.triggers.push('hearing_held');
          payload.minutes = body.minutes;
          break;
        }
        case 'submit_review':
          break;
        case 'legal_review': {
          const approved = need(body.approved, 'approved', 'true (通过) or false (退回)');
          f.review = { ...f.review, result: approved ? 'approved' : 'returned', on: onDate, reviewerName: actor.displayName, opinion: need(body.opinion, 'opinion', '法制审核意见') };
          if (!approved) outcomeState = 'investigating';
          Object.assign(payload, { approved, opinion: body.opinion });
          break;
        }
        case 'collective_discussion': {
          f.discussion = { on: onDate, conclusion: need(body.conclusion, 'conclusion', '集体讨论 conclusion'), participants: need(body.participants, 'participants', 'who took part (at least three)') };
          Object.assign(payload, { conclusion: body.conclusion, participants: body.participants });
          break;
        }
        case 'extend_decision': {
          if (f.decisionExtensions.length >= 1) throw refuse('case.extension_exhausted', 'The decision period was extended already; a further extension is decided by collective discussion outside this step');
          const d = dueOf('decision');
          const rule = d ? view.rule(d.ruleId, d.startOn) : null;
          if (!rule || rule.kind !== 'period' || !rule.params.extension) throw refuse('case.extension_not_provided', `The decision period rule in force (${d?.ruleId ?? 'none'}) provides no extension`, { rule: d?.ruleId ?? null });
          f.decisionExtensions.push({ on: onDate, reason: reason! });
          break;
        }
        case 'decide': {
          const outcome = need(body.outcome, 'outcome', 'penalty, no_penalty or transfer');
          const penalty = outcome === 'penalty' ? need(body.penalty ?? f.notice?.penalty, 'penalty', 'the penalty decided') : null;
          const p = decideProblem(
            {
              reviewRequired: f.review.triggers.length > 0,
              reviewApproved: f.review.result === 'approved',
              major: f.major,
              discussed: !!f.discussion,
              hearingRights: f.notice?.hearingRights ?? false,
              hearingWaived: !!f.hearing?.waivedOn,
              hearingHeld: !!f.hearing?.heldOn,
              hearingWindowDue: dueOf('hearing_request')?.dueOn ?? current.find((d) => d.kind === 'hearing_request')?.dueOn ?? null,
              noticed: f.notice?.penalty ?? null,
            },
            { outcome, penalty, reason, onDate },
          );
          if (p) throw new AppError(p.code === 'case.reason_required' ? 400 : 409, p.code, p.message, { rule: p.code === 'case.legal_review_required' ? '行政处罚法 第五十八条' : p.code === 'case.collective_discussion_required' ? '行政处罚法 第五十七条第二款' : p.code === 'case.hearing_window_open' ? '行政处罚法 第六十四条第一项' : null });
          let violation = c0.violation;
          if (penalty && c0.violation) violation = await snapshotViolation({ code: c0.violation.code, name: c0.violation.name, band: c0.violation.band ?? undefined }, c0.actDate, penalty, body.outsideBandReason ?? c0.violation.outsideBandReason);
          if (violation?.standing === 'outside_band' && f.review.result !== 'approved') throw new AppError(409, 'case.legal_review_required', 'A penalty outside the 裁量基准 band needs 法制审核 first', { rule: '行政处罚法 第五十八条' });
          const year = Number(onDate.slice(0, 4));
          f.decision = { on: onDate, outcome, penalty, reason, number: c0.caseNo };
          patch.decidedPenalty = penalty;
          patch.fineFen = penalty?.fineFen ?? 0;
          patch.decidedOn = onDate;
          patch.violation = violation;
          Object.assign(payload, { outcome, penalty, fineFen: penalty?.fineFen ?? 0, year });
          break;
        }
        case 'serve': {
          const method = need(body.method, 'method', 'how the decision was served');
          // 第六十一条第二款: fax / e-mail only with the party's consent and a signed confirmation.
          if (method === 'electronic' && body.consent !== true) throw refuse('case.electronic_consent_required', 'Electronic service needs the party’s written consent (第六十一条第二款)', { issues: [{ field: 'consent', message: 'required for electronic service' }] });
          if (method === 'public_notice') {
            // 民事诉讼法 第九十五条: 自发出公告之日起，经过三十日，即视为送达 — the notice first (serve_by_notice), then the
            // service is recorded on the day it is deemed served, whenever it is recorded: the payment period counts from it.
            const w = dueOf('notice_service');
            if (!f.serviceNotice || !w) throw refuse('case.public_notice_not_published', 'Service by public notice begins with the notice (serve_by_notice); the decision is deemed served thirty days later (民事诉讼法 第九十五条)', { rule: 'msss.public_notice_service', issues: [{ field: 'method', message: 'no public notice issued' }] });
            if (w.dueOn === null || onDate < w.dueOn) {
              throw refuse('case.notice_period_running', `The decision is deemed served only when thirty days have passed since the notice of ${f.serviceNotice.on} (民事诉讼法 第九十五条): on ${w.dueOn ?? '(unknown: calendar missing)'}`, { rule: 'msss.public_notice_service', deemedOn: w.dueOn, calendarMissing: w.calendarMissing, issues: [{ field: 'onDate', message: `deemed served on ${w.dueOn ?? '?'}` }] });
            }
            onDate = w.dueOn;
            payload.deemedServed = true;
          }
          f.service = { on: onDate, method, consent: body.consent === true };
          if (!c0.fineFen) outcomeState = 'executed';
          Object.assign(payload, { method, fineFen: c0.fineFen });
          break;
        }
        case 'serve_by_notice': {
          // 第九十五条第二款: 公告送达，应当在案卷中记明原因和经过 (the reason, required by the transition table).
          const rule = view.rule('msss.public_notice_service', onDate);
          const deemed = rule && rule.kind === 'period' ? view.deadline(rule, onDate) : null;
          f.serviceNotice = { on: onDate, reason: reason!, deemedOn: deemed?.ok ? deemed.due : null };
          Object.assign(payload, { fineFen: c0.fineFen, deemedOn: f.serviceNotice.deemedOn });
          break;
        }
        case 'register_evidence': {
          // 行政处罚法 第五十六条: approved by the agency head (case.approve); a 处理决定 within seven working days.
          const evidenceId = newId();
          const items = need(body.items, 'items', 'the evidence registered (先行登记保存清单)');
          f.evidence = [...(f.evidence ?? []), { id: evidenceId, on: onDate, items, place: body.place ?? null }];
          Object.assign(payload, { evidenceId, items, place: body.place ?? null });
          break;
        }
        case 'decide_evidence': {
          const evidenceId = need(body.evidenceId, 'evidenceId', 'which 先行登记保存');
          const outcome = need(body.evidenceOutcome, 'evidenceOutcome', 'released, seized, tested or transferred');
          const e = f.evidence?.find((x) => x.id === evidenceId);
          if (!e || e.decidedOn) throw refuse('case.evidence_not_held', 'No evidence registered for preservation under this id awaits a decision in this case', { issues: [{ field: 'evidenceId', message: 'not held' }] });
          if (onDate < e.on) throw refuse('case.date_before_registration', `The decision (${onDate}) is before the registration (${e.on})`, { issues: [{ field: 'onDate', message: `before ${e.on}` }] });
          e.decidedOn = onDate;
          e.outcome = outcome;
          const d = current.find((x) => x.key === `evidence_preservation:${evidenceId}`);
          // Recorded even when late (the deadline then shows as met late and the case as having been overdue).
          Object.assign(payload, { evidenceId, evidenceOutcome: outcome, dueOn: d?.dueOn ?? null });
          break;
        }
        case 'urge':
          f.urges.push({ on: onDate });
          break;
        case 'apply_court': {
          // 行政强制法 第五十四条: 催告书送达十日后; 第五十三条: within three months after the appeal windows end.
          const urge = current.filter((d) => d.kind === 'urge_reply').at(-1);
          if (!urge || urge.dueOn === null || onDate <= urge.dueOn) throw refuse('case.urge_period_running', `A court is applied to ten days after the 催告书 is served (行政强制法 第五十四条)${urge?.dueOn ? `: after ${urge.dueOn}` : ''}`, { rule: 'xzqz.urge', dueOn: urge?.dueOn ?? null });
          const w = dueOf('court_application');
          const opensOn = w?.explanation.find((s) => s.kind === 'due')?.date;
          if (w && w.dueOn !== null && onDate > w.dueOn) throw refuse('case.court_window_closed', `The three months to apply to the court ended ${w.dueOn} (行政强制法 第五十三条)`, { rule: 'xzqz.court_application', dueOn: w.dueOn });
          if (w && opensOn && opensOn !== w.dueOn && onDate <= opensOn) throw refuse('case.court_window_not_open', `The party may still sue until ${opensOn}; the court is applied to after that (行政强制法 第五十三条)`, { rule: 'xzss.lawsuit', opensAfter: opensOn });
          f.court = { appliedOn: onDate };
          break;
        }
        case 'record_court_result':
          f.court = { ...f.court!, result: need(body.result, 'result', 'what the court decided'), resultOn: onDate };
          break;
        case 'record_payment': {
          const amount = need(body.amountFen, 'amountFen', 'the amount paid (fen)');
          const pay = current.find((d) => d.kind === 'payment');
          const fee = pay?.dueOn ? view.lateFee(c0.fineFen, pay.dueOn, onDate) : null;
          const owed = c0.fineFen + (fee?.feeFen ?? 0);
          // 第七十二条第一项: 加处罚款 3% a day, never more than the fine itself.
          if (amount !== owed) throw refuse('case.payment_amount_wrong', `Owed on ${onDate}: ${owed} fen (fine ${c0.fineFen} + 加处罚款 ${fee?.feeFen ?? 0})`, { owedFen: owed, fineFen: c0.fineFen, lateFeeFen: fee?.feeFen ?? 0, lateFeeDays: fee?.days ?? 0, capped: fee?.capped ?? false, issues: [{ field: 'amountFen', message: `owed ${owed}` }] });
          f.payment = { on: onDate, amountFen: amount, lateFeeFen: fee?.feeFen ?? 0, onSpot: false };
          Object.assign(payload, { amountFen: amount, lateFeeFen: fee?.feeFen ?? 0 });
          break;
        }
        case 'file_record':
          if (f.filing) throw refuse('case.already_filed', 'Already filed (备案)');
          f.filing = { on: onDate };
          break;
        case 'close':
          f.closedOn = onDate;
          patch.closedOn = onDate;
          break;
        case 'archive':
          f.archivedOn = onDate;
          break;
        case 'withdraw':
          f.endReason = reason!;
          break;
        case 'seize':
        case 'extend_seizure':
        case 'release_seizure':
          break;
      }

      const r = transition({ state: c0.state as CaseState, procedure: c0.procedure as Procedure }, action, { permissions: actor.permissions, reason, ...(outcomeState ? { outcomeState } : {}) });
      if (!r.ok) throw new AppError(409, r.code, r.message);
      const now = clock.now();
      // A refusal by another module's rule (a missing document, no covering clip) is kept in the audit chain.
      let hookRefusal: AppError | null = null;
      await db.transaction(async (tx) => {
        const officers = spec.officers ? await checkOfficers(tx, body.officerIds, loaded.unitPath, onDate) : [];
        // Seizures (行政强制法 第二十二条至第二十八条): their rows live beside the case.
        if (action === 'seize') {
          const sid = newId();
          await caseRepository.insertSeizure(tx, { id: sid, caseId: id, orgUnitId: c0.orgUnitId, kind: need(body.seizureKind, 'seizureKind', 'seal (查封) or detain (扣押)'), items: need(body.items, 'items', 'the items (清单)'), place: body.place ?? null, startOn: onDate, createdAt: now, updatedAt: now });
          Object.assign(payload, { seizureId: sid, seizureKind: body.seizureKind, items: body.items });
        }
        if (action === 'extend_seizure' || action === 'release_seizure') {
          const sid = need(body.seizureId, 'seizureId', 'which seizure');
          const s = (await caseRepository.seizuresOf(tx, id)).find((x) => x.id === sid);
          if (!s || s.endedOn) throw refuse('case.seizure_not_held', 'No seizure held under this id in this case', { issues: [{ field: 'seizureId', message: 'not held' }] });
          if (action === 'extend_seizure') {
            if (s.extendedOn) throw refuse('case.extension_exhausted', 'A seizure is extended once, by thirty days at most (行政强制法 第二十五条)', { rule: 'xzqz.seizure' });
            await caseRepository.updateSeizure(tx, sid, { extendedOn: onDate, extensionReason: reason, updatedAt: now });
          } else {
            const outcome = need(body.seizureOutcome, 'seizureOutcome', 'released, confiscated or destroyed');
            await caseRepository.updateSeizure(tx, sid, { endedOn: onDate, outcome, updatedAt: now });
            payload.seizureOutcome = outcome;
          }
          payload.seizureId = sid;
        }
        let caseNo = c0.caseNo;
        if (action === 'approve_filing') {
          const year = Number(onDate.slice(0, 4));
          caseNo = numberOf(loaded.unitShortName, loaded.unitName, '罚', year, await caseRepository.nextNumber(tx, c0.orgUnitId, year, '罚'));
          patch.caseNo = caseNo;
          patch.filedOn = onDate;
          patch.year = year;
          payload.caseNo = caseNo;
        }
        if (officers.length && (action === 'check' || action === 'approve_filing' || !c0.responsiblePersonId)) patch.responsiblePersonId = officers[0]!.personId;
        if (officers.length) patch.officerIds = officers.map((o) => o.personId);
        const step: CaseStep = { caseId: id, orgUnitId: c0.orgUnitId, unitPath: loaded.unitPath, procedure: c0.procedure as Procedure, action, fromState: c0.state as CaseState, toState: r.to, onDate, startedAt, endedAt, officers: officers.map((o) => ({ personId: o.personId, name: o.name })), facts: f, lat: c0.lat, lon: c0.lon, isDemo: c0.isDemo, actor };
        try {
          for (const h of hooks) await h.before?.(tx, step);
        } catch (e) {
          if (e instanceof AppError) hookRefusal = e;
          throw e;
        }
        const ok = await caseRepository.updateCase(tx, id, body.version, { ...patch, state: r.to, facts: f, updatedAt: now });
        if (!ok) throw conflict('conflict.stale_version', 'This case was changed by someone else; reload it', { currentVersion: c0.version });
        const eventId = await caseRepository.insertEvent(tx, { caseId: id, orgUnitId: c0.orgUnitId, action, fromState: c0.state, toState: r.to, onDate, at: now, actorId: actor.userId, actorName: actor.displayName, officers: officerRefs(officers), payload, isDemo: c0.isDemo });
        for (const h of hooks) await h.after?.(tx, { ...step, eventId });
        const list = await storeDeadlines(tx, { id, orgUnitId: c0.orgUnitId, fineFen: patch.fineFen ?? c0.fineFen, responsiblePersonId: patch.responsiblePersonId ?? c0.responsiblePersonId, isDemo: c0.isDemo }, view);
        if (!c0.hadOverdue && wasLate(list)) await caseRepository.markHadOverdue(tx, id);
        await recordAudit(tx, clock, actor, { action: AUDIT[action].action, entityType: 'enforcement_case', entityId: id, orgUnitId: c0.orgUnitId, before: { state: c0.state }, after: { state: r.to, caseNo, onDate, officers: officers.map((o) => o.name), ...payload } });
      }).catch(async (e: unknown) => {
        const refusal = hookRefusal;
        if (refusal && e === refusal) {
          await db.transaction((tx) => recordAudit(tx, clock, actor, { action: 'case.step.refuse', entityType: 'enforcement_case', entityId: id, orgUnitId: c0.orgUnitId, before: { state: c0.state }, after: { action, onDate, code: refusal.code, details: refusal.details ?? null } }));
        }
        throw e;
      });
      return detail(actor, id);
    },

    async list(actor: Actor, q: Static<typeof ListQuery>): Promise<Static<typeof CaseList>> {
      // The list shows each case's nearest stored due day: brought to the calendar served now first.
      await currentView();
      let unitPath: string | undefined;
      if (q.unitId) {
        const unit = await caseRepository.findUnit(db, q.unitId);
        if (!unit || !inScope(actor, unit.path)) throw notFound('org.unit_not_found', 'Unit not found');
        unitPath = unit.path;
      }
      const states = q.state ? q.state.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const mine = q.mine ? (await caseRepository.personsOfUser(db, actor.userId)).map((p) => p.personId) : undefined;
      // The officer filter names a ledger person, or a user whose ledger persons are meant (an unknown id matches none).
      let officer: string[] | undefined;
      if (q.officerId) {
        const asPerson = await caseRepository.persons(db, [q.officerId]);
        officer = (asPerson.length ? asPerson : await caseRepository.personsOfUser(db, q.officerId)).map((p) => p.personId);
      }
      const filter = { scopePath: actor.scopePath, unitPath, states, source: q.source, procedure: q.procedure, officerPersonIds: mine, alsoOfficerPersonIds: officer, overdueOn: q.overdue ? today() : undefined, q: q.q?.trim() || undefined };
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const [total, rows] = await Promise.all([caseRepository.countCases(db, filter), caseRepository.listCases(db, filter, { limit, offset })]);
      const ids = rows.map((r) => r.c.id);
      const [parties, deadlines] = await Promise.all([caseRepository.partiesOf(db, ids), caseRepository.runningDeadlinesOf(db, ids)]);
      const persons = new Map((await caseRepository.persons(db, [...new Set(rows.map((r) => r.c.responsiblePersonId).filter((x): x is string => !!x))])).map((p) => [p.personId, p]));
      const t = today();
      return {
        items: rows.map((r) => {
          const next = deadlines.filter((d) => d.caseId === r.c.id && d.duty).sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''))[0];
          const p = r.c.responsiblePersonId ? persons.get(r.c.responsiblePersonId) : undefined;
          return summaryOf(r, parties.find((x) => x.caseId === r.c.id)?.name ?? null, next ? { kind: next.kind as CaseDeadline['kind'], dueOn: next.dueOn, overdue: next.dueOn !== null && next.dueOn < t } : null, p ? { personId: p.personId, name: p.name, certificateNo: p.certificateNo } : null);
        }),
        total,
        limit,
        offset,
        actions: [...(actor.permissions.has('case.lead') ? (['createLead'] as const) : []), ...(actor.permissions.has('case.handle') && actor.role !== 'auxiliary' ? (['simpleProcedure'] as const) : [])],
      };
    },

    /**
     * 期限预警: running duty deadlines of the unit (team, district or the city) due within `dueWithin` working days,
     * the overdue ones, and those whose due day is unknown because a calendar is missing; each with the responsible
     * officer.
     */
    async board(actor: Actor, q: Static<typeof BoardQuery>): Promise<Static<typeof BoardView>> {
      const unit = await caseRepository.findUnit(db, q.unitId ?? actor.orgUnitId);
      if (!unit || !inScope(actor, unit.path)) throw notFound('org.unit_not_found', 'Unit not found');
      const view = await currentView();
      const t = today();
      const dueWithin = q.dueWithin ?? 3;
      // The day `dueWithin` working days ahead (the calendar decides; missing → only overdue and unknown shown).
      let dueBy = t;
      let missing: number[] | null = null;
      const probe = { ...syntheticWorkingPeriod(dueWithin) };
      const r = view.deadline(probe, t);
      if (r.ok) dueBy = r.due;
      else missing = r.code === 'legal.calendar_missing' ? r.years : null;
      const limit = q.limit ?? 200;
      const offset = q.offset ?? 0;
      // Totals counted in SQL over every row, whatever part of them this page holds.
      const [counts, rows] = await Promise.all([caseRepository.boardCounts(db, unit.path, dueBy, t), caseRepository.board(db, unit.path, dueBy, { limit, offset })]);
      const total = counts.overdue + counts.dueSoon + counts.unknown;
      const items = rows.map((x) => {
          const status: 'overdue' | 'due_soon' | 'unknown' = x.dueOn === null ? 'unknown' : x.dueOn < t ? 'overdue' : 'due_soon';
          return {
            caseId: x.caseId,
            caseNo: x.caseNo,
            leadNo: x.leadNo,
            state: x.state as CaseState,
            orgUnitId: x.orgUnitId,
            unitName: x.unitName,
            kind: x.kind as CaseDeadline['kind'],
            ruleId: x.ruleId,
            startOn: x.startOn,
            dueOn: x.dueOn,
            status,
            problem: x.problem,
            workingDaysLeft: x.dueOn ? view.workingDaysLeft(t, x.dueOn) : null,
            responsible: x.responsiblePersonId && x.responsibleName ? { personId: x.responsiblePersonId, name: x.responsibleName } : null,
            isDemo: x.isDemo,
          };
        });
      return {
        today: t,
        dueBy,
        dueWithin,
        unitId: unit.id,
        unitName: unit.name,
        calendarMissing: missing,
        items,
        counts,
        total,
        limit,
        offset,
        truncated: offset + items.length < total,
      };
    },

    /** Persons of a team who may be named on a step (with their 执法证 on the date), for the forms. */
    async officers(actor: Actor, q: Static<typeof OfficersQuery>): Promise<Static<typeof OfficerList>> {
      const unit = await caseRepository.findUnit(db, q.unitId);
      if (!unit || !inScope(actor, unit.path)) throw notFound('org.unit_not_found', 'Unit not found');
      const onDate = q.onDate ?? today();
      const rows = await caseRepository.personsUnder(db, unit.path);
      return {
        onDate,
        items: rows.map((p) => ({
          personId: p.personId,
          name: p.name,
          kind: p.kind,
          userId: p.userId,
          certificateNo: p.certificateNo,
          certificateExpiresOn: p.certificateExpiresOn,
          certificateValid: p.kind === 'officer' && certificateValid(p, onDate),
        })),
      };
    },
  };
}

/** Stored deadline fields equal, whatever the rows' ids and order. */
function sameDeadlines(stored: readonly DeadlineRow[], next: readonly Omit<DeadlineRow, 'id'>[]): boolean {
  if (stored.length !== next.length) return false;
  const sig = (d: Omit<DeadlineRow, 'id'>) => JSON.stringify([d.key, d.kind, d.ruleId, d.duty, d.startOn, d.dueOn, d.stoppedOn, d.problem, d.running, d.orgUnitId, d.responsiblePersonId, d.isDemo]);
  const a = stored.map(sig).sort();
  const b = next.map(sig).sort();
  return a.every((x, i) => x === b[i]);
}

/** A period of n working days (the board's "due soon" horizon), counted by the same engine as the law's periods. */
function syntheticWorkingPeriod(n: number) {
  const citation = { law: { name: '期限预警', version: '2026-01-01' }, article: '—' };
  return {
    id: 'case.board_horizon',
    law: citation.law,
    article: '—',
    quote: '',
    titleZh: '临期提醒',
    titleEn: 'Due-soon horizon',
    origin: 'local' as const,
    verified: true,
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    kind: 'period' as const,
    params: { type: 'period' as const, count: n, unit: 'day' as const, counting: 'working' as const, countingCitation: citation, startCitation: citation, restDay: { kind: 'none' as const, why: 'horizon' }, from: 'case_opened' as const, holder: 'authority' as const },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
