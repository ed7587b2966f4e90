import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { recordAudit, type AuditActor } from '../audit';
import type { CaseStepHook } from '../case';
import { computeDeadline, type IsoDate, type LegalRule, type DeadlineResult, type WorkingCalendar } from '../legal';
import { redactParty, redactText, type PartyData } from './domain/redact';
import {
  criteriaProblems,
  DEFAULT_CRITERIA,
  isLate,
  LOCAL_DEFAULT_LABEL,
  PUBLICATION_RULE,
  publicationPeriodRule,
  publicationReasons,
  publicationTransition,
  WITHDRAWAL_RULE,
  type PartyKind,
  type PenaltyKind,
  type PublicationCriteria,
  type PublicationStatus,
} from './domain/rules';
import { publicationRepository, type PublicationRow } from './publication.repository';
import type { PublishedContent } from './publication.tables';
import type { AdminList, AdminQuery, ChangeKind, CriteriaBody, CriteriaOut, MarkBody, PublicDecision, PublicList, PublicQuery, PublicationOut, PublishBody, WithdrawBody } from './publication.schemas';

/** What the publication service needs of the legal module (wired in app.ts): the calendar and the rule set's periods. */
export interface PublicationLegal {
  calendar(): Promise<WorkingCalendar>;
  deadline(ruleId: string, start: IsoDate, opts?: { explain?: boolean }): Promise<{ rule: LegalRule; result: DeadlineResult } | null>;
}

interface Deps {
  database: Database;
  clock: Clock;
  legal: PublicationLegal;
}

const PAGE_SIZE = 20;
const shanghaiDay = (d: Date): IsoDate => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const CASE_GONE = new Set(['not_filed', 'withdrawn']);

type Listed = { p: PublicationRow; unitPath: string; unitName: string; caseNo: string | null; caseState: string };

export function createPublicationService({ database, clock, legal }: Deps) {
  const { db } = database;
  const today = () => shanghaiDay(clock.now());

  async function criteriaOf(tx: DbOrTx): Promise<{ criteria: PublicationCriteria; isDefault: boolean; updatedAt: Date | null }> {
    const stored = await publicationRepository.criteria(tx);
    return stored ? { criteria: stored.criteria, isDefault: false, updatedAt: stored.updatedAt } : { criteria: DEFAULT_CRITERIA, isDefault: true, updatedAt: null };
  }

  /**
   * The redacted text as it goes on the public page, built from the case as decided. Only the decision's own facts
   * (违法事实: the investigation report, or the summary of an on-the-spot decision) and the first party.
   */
  async function contentOf(tx: DbOrTx, caseId: string, decisionNo: string): Promise<PublishedContent> {
    const found = (await publicationRepository.caseForDecision(tx, caseId))!;
    const c = found.c;
    const parties: PartyData[] = (await publicationRepository.partiesOf(tx, caseId)).map((p) => ({ kind: p.kind as PartyKind, name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address }));
    const penalty = c.facts.decision?.penalty ?? c.decidedPenalty ?? { kinds: [], fineFen: 0 };
    const factsText = c.facts.investigation?.report?.trim() || c.facts.leadSummary;
    return {
      decisionNo,
      party: parties[0] ? redactParty(parties[0]) : null,
      violation: c.violation?.name ?? null,
      facts: redactText(factsText, parties),
      basis: c.violation?.basis ?? null,
      penalty: { kinds: penalty.kinds as PenaltyKind[], fineFen: penalty.fineFen },
      decidedOn: c.facts.decision?.on ?? c.decidedOn ?? '',
      unitName: found.unitName,
    };
  }

  /** Creates the 待公示 record of a decided case when the criteria (or the decider's mark) say so. Due day: settled later. */
  async function createRecord(tx: DbOrTx, input: { caseId: string; eventId: number | null; marked: boolean; actor: AuditActor; isDemo: boolean }): Promise<PublicationRow | null> {
    if (await publicationRepository.byCase(tx, input.caseId)) return null;
    const found = await publicationRepository.caseForDecision(tx, input.caseId);
    const decision = found?.c.facts.decision;
    if (!found || !decision || decision.outcome !== 'penalty' || !decision.penalty) return null;
    const parties = await publicationRepository.partiesOf(tx, input.caseId);
    const { criteria } = await criteriaOf(tx);
    const reasons = publicationReasons({ kinds: decision.penalty.kinds as PenaltyKind[], fineFen: decision.penalty.fineFen, partyKind: (parties[0]?.kind as PartyKind | undefined) ?? null, marked: input.marked }, criteria);
    if (!reasons.length) return null;
    const decisionNo = (await publicationRepository.decisionDocumentNo(tx, input.caseId)) ?? decision.number ?? found.c.caseNo ?? '';
    const now = clock.now();
    const row: PublicationRow = {
      id: newId(),
      caseId: input.caseId,
      orgUnitId: found.c.orgUnitId,
      eventId: input.eventId,
      status: 'pending',
      reasons,
      decisionNo,
      decidedOn: decision.on,
      dueOn: null,
      dueProblem: null,
      content: null,
      publishedOn: null,
      publishedAt: null,
      publishedBy: null,
      publishedLate: false,
      changedOn: null,
      changeKind: null,
      withdrawDueOn: null,
      withdrawnOn: null,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
      withdrawnLate: false,
      isDemo: input.isDemo,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await publicationRepository.insert(tx, row);
    await recordAudit(tx, clock, input.actor, { action: input.marked ? 'publication.mark' : 'publication.create', entityType: 'case_publication', entityId: row.id, orgUnitId: row.orgUnitId, after: { caseId: row.caseId, decisionNo, decidedOn: row.decidedOn, reasons } });
    return row;
  }

  /**
   * Due days of 待公示 records are counted outside the decision's transaction (the legal service reads its own
   * snapshot, which must not run inside another transaction on the one-connection embedded database): here, before
   * any list or step that shows or uses them. A year without calendar stays `calendar_missing` and is retried.
   */
  async function settleDueDays(): Promise<void> {
    const open = await publicationRepository.unsettled(db);
    if (!open.length) return;
    const [calendar, { criteria }] = await Promise.all([legal.calendar(), criteriaOf(db)]);
    for (const p of open) {
      const r = computeDeadline({ rule: publicationPeriodRule(criteria), start: p.decidedOn, calendar, explain: false });
      const patch = r.ok ? { dueOn: r.due, dueProblem: null } : { dueOn: null, dueProblem: 'calendar_missing' };
      if (p.dueProblem === patch.dueProblem && patch.dueOn === null) continue;
      await publicationRepository.setDue(db, p.id, patch);
    }
  }

  const actionsOf = (actor: Actor, p: PublicationRow): ('publish' | 'withdraw')[] => {
    if (!actor.permissions.has('case.approve')) return [];
    const out: ('publish' | 'withdraw')[] = [];
    if (publicationTransition(p.status as PublicationStatus, 'publish').ok) out.push('publish');
    if (p.status !== 'withdrawn') out.push('withdraw');
    return out;
  };

  function adminOut(actor: Actor, r: Listed): Static<typeof PublicationOut> {
    const p = r.p;
    return {
      id: p.id,
      caseId: p.caseId,
      caseNo: r.caseNo,
      orgUnitId: p.orgUnitId,
      unitName: r.unitName,
      status: p.status as PublicationStatus,
      reasons: p.reasons.map((x) => ({ kind: x.kind, ...(x.kind === 'fine_threshold' ? { thresholdFen: x.thresholdFen } : {}), ...(x.kind === 'penalty_kind' ? { penaltyKind: x.penaltyKind } : {}) })),
      decisionNo: p.decisionNo,
      decidedOn: p.decidedOn,
      dueOn: p.dueOn,
      dueProblem: p.dueProblem === 'calendar_missing' ? 'calendar_missing' : null,
      overdue: p.status === 'pending' && p.dueOn !== null && p.dueOn < today(),
      content: p.content,
      publishedOn: p.publishedOn,
      publishedLate: p.publishedLate,
      changedOn: p.changedOn,
      changeKind: p.changeKind as ChangeKind | null,
      withdrawDueOn: p.withdrawDueOn,
      withdrawnOn: p.withdrawnOn,
      withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
      withdrawReason: p.withdrawReason,
      withdrawnLate: p.withdrawnLate,
      isDemo: p.isDemo,
      version: p.version,
      actions: actionsOf(actor, p),
    };
  }

  function publicOut(r: { p: PublicationRow; unitName: string }): Static<typeof PublicDecision> {
    const p = r.p;
    const withdrawn = p.status === 'withdrawn';
    const c = p.content;
    return {
      id: p.id,
      status: withdrawn ? 'withdrawn' : 'published',
      decisionNo: p.decisionNo,
      unitId: p.orgUnitId,
      unitName: r.unitName,
      decidedOn: p.decidedOn,
      publishedOn: p.publishedOn!,
      // 第四十八条第二款: once withdrawn, the decision's information is no longer shown, only that and why.
      decision: withdrawn || !c ? null : { party: c.party, violation: c.violation, facts: c.facts, basis: c.basis, penalty: c.penalty },
      withdrawal: withdrawn ? { on: p.withdrawnOn!, reason: p.withdrawReason ?? '', changeKind: p.changeKind as ChangeKind | null } : null,
      isDemo: p.isDemo,
    };
  }

  async function load(actor: Actor, id: string, tx: DbOrTx = db): Promise<Listed> {
    const r = await publicationRepository.find(tx, id);
    // Out of scope answers exactly like missing.
    if (!r || !inScope(actor, r.unitPath)) throw notFound('publication.not_found', 'Publication record not found');
    return r;
  }

  function dayInRange(field: string, day: IsoDate, from: IsoDate, to: IsoDate) {
    if (day < from || day > to) throw validationFailed(`${field} lies between ${from} and ${to}`, [{ field, message: `between ${from} and ${to}` }]);
  }

  function refuse(code: string): AppError {
    if (code === 'publication.reason_required') return badRequest(code, 'Say why the decision information is withdrawn (第四十八条第二款: 公开说明理由)', { issues: [{ field: 'reason', message: 'required' }] });
    if (code === 'publication.changed_date_invalid') return badRequest(code, 'The day the decision was changed lies between the decision and today', { issues: [{ field: 'changedOn', message: 'between the decision and today' }] });
    return conflict(code, 'Not possible in this state');
  }

  /** 公示 of a locked pending record on `onDate`: the redacted text fixed now, late when after the due day. */
  async function publishInTx(tx: DbOrTx, p: PublicationRow, onDate: IsoDate, actor: AuditActor): Promise<void> {
    // The 行政处罚决定书 is usually numbered (document module) after the decision step: its 文号 is taken now if issued.
    const decisionNo = (await publicationRepository.decisionDocumentNo(tx, p.caseId)) ?? p.decisionNo;
    const content = await contentOf(tx, p.caseId, decisionNo);
    const late = isLate(onDate, p.dueOn);
    await publicationRepository.update(tx, p.id, p.version, { status: 'published', decisionNo, content, publishedOn: onDate, publishedAt: clock.now(), publishedBy: actor.userId, publishedLate: late, updatedAt: clock.now() });
    await recordAudit(tx, clock, actor, { action: 'publication.publish', entityType: 'case_publication', entityId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status }, after: { status: 'published', publishedOn: onDate, dueOn: p.dueOn, late, decisionNo } });
  }

  /** 撤回 of a locked record; late only for published information withdrawn after its due day. */
  async function withdrawInTx(tx: DbOrTx, p: PublicationRow, w: { reason: string; changeKind: ChangeKind; changedOn: IsoDate; onDate: IsoDate; withdrawDueOn: IsoDate | null }, actor: AuditActor): Promise<void> {
    const late = p.status === 'published' && isLate(w.onDate, w.withdrawDueOn);
    const reason = w.reason.trim();
    await publicationRepository.update(tx, p.id, p.version, { status: 'withdrawn', changedOn: w.changedOn, changeKind: w.changeKind, withdrawDueOn: w.withdrawDueOn, withdrawnOn: w.onDate, withdrawnAt: clock.now(), withdrawnBy: actor.userId, withdrawReason: reason, withdrawnLate: late, updatedAt: clock.now() });
    await recordAudit(tx, clock, actor, { action: 'publication.withdraw', entityType: 'case_publication', entityId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status }, after: { status: 'withdrawn', reason, changeKind: w.changeKind, changedOn: w.changedOn, withdrawnOn: w.onDate, withdrawDueOn: w.withdrawDueOn, late } });
  }

  async function criteriaView(actor: Actor): Promise<Static<typeof CriteriaOut>> {
    const c = await criteriaOf(db);
    return {
      criteria: c.criteria,
      isDefault: c.isDefault,
      localDefaultLabel: LOCAL_DEFAULT_LABEL,
      updatedAt: c.updatedAt?.toISOString() ?? null,
      publication: { law: PUBLICATION_RULE.law.name, version: PUBLICATION_RULE.law.version, article: PUBLICATION_RULE.article, paragraph: PUBLICATION_RULE.paragraph, quote: PUBLICATION_RULE.quote },
      withdrawal: {
        law: WITHDRAWAL_RULE.law.name,
        version: WITHDRAWAL_RULE.law.version,
        article: WITHDRAWAL_RULE.article,
        paragraph: WITHDRAWAL_RULE.paragraph,
        quote: WITHDRAWAL_RULE.quote,
        ruleId: WITHDRAWAL_RULE.ruleId,
        countingArticle: WITHDRAWAL_RULE.countingArticle,
        countingQuote: WITHDRAWAL_RULE.countingQuote,
      },
      actions: actor.permissions.has('legal.manage') ? ['edit'] : [],
    };
  }

  return {
    /** The case step hook (app.ts): a decided penalty that meets the criteria gets its 待公示 record. */
    stepHook: {
      async after(tx, step) {
        if (step.action !== 'decide' && step.action !== 'simple_decide') return;
        await createRecord(tx, { caseId: step.caseId, eventId: step.eventId, marked: false, actor: step.actor, isDemo: step.isDemo });
      },
    } satisfies CaseStepHook,

    /** For the demo seed: the same steps as the hook and the routes take (inside the caller's transaction). */
    createRecord,
    publishInTx,
    withdrawInTx,
    settleDueDays,

    /** A decision of 一定社会影响 the criteria do not catch, marked for publication by the decider. */
    async mark(actor: Actor, body: Static<typeof MarkBody>): Promise<Static<typeof PublicationOut>> {
      const found = await publicationRepository.caseForDecision(db, body.caseId);
      if (!found || !inScope(actor, found.unitPath)) throw notFound('case.not_found', 'Case not found');
      const d = found.c.facts.decision;
      if (!d || d.outcome !== 'penalty' || !d.penalty || CASE_GONE.has(found.c.state)) throw conflict('publication.not_decided', 'Only a decided penalty is published', { state: found.c.state });
      const row = await db.transaction(async (tx) => {
        const existing = await publicationRepository.byCase(tx, body.caseId);
        if (existing) throw conflict('publication.exists', 'This decision has its publication record already', { id: existing.id, status: existing.status });
        return createRecord(tx, { caseId: body.caseId, eventId: null, marked: true, actor, isDemo: found.c.isDemo });
      });
      await settleDueDays();
      return adminOut(actor, await load(actor, row!.id));
    },

    async list(actor: Actor, q: Static<typeof AdminQuery>): Promise<Static<typeof AdminList>> {
      await settleDueDays();
      const filter = { scopePath: actor.scopePath, status: q.status, overdueOn: q.overdue ? today() : undefined, q: q.q?.trim() || undefined };
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const [total, rows] = await Promise.all([publicationRepository.countAdmin(db, filter), publicationRepository.listAdmin(db, filter, { limit, offset })]);
      return { items: rows.map((r) => adminOut(actor, r)), total, limit, offset };
    },

    async get(actor: Actor, id: string): Promise<Static<typeof PublicationOut>> {
      await settleDueDays();
      return adminOut(actor, await load(actor, id));
    },

    /** 公示: the redacted text is fixed now (a later change of the case does not alter what was published). */
    async publish(actor: Actor, id: string, body: Static<typeof PublishBody>): Promise<Static<typeof PublicationOut>> {
      const r0 = await load(actor, id);
      const t = today();
      const onDate = body.onDate ?? t;
      dayInRange('onDate', onDate, r0.p.decidedOn, t);
      const tr = publicationTransition(r0.p.status as PublicationStatus, 'publish');
      if (!tr.ok) throw refuse(tr.code);
      if (CASE_GONE.has(r0.caseState)) throw conflict('publication.not_decided', 'The case was withdrawn: nothing to publish', { state: r0.caseState });
      await settleDueDays();
      await db.transaction(async (tx) => {
        const r = (await publicationRepository.find(tx, id, { lock: true }))!;
        if (r.p.version !== body.version) throw conflict('conflict.stale_version', 'This record was changed by someone else; reload it', { currentVersion: r.p.version });
        if (r.p.status !== 'pending') throw refuse('publication.wrong_state');
        await publishInTx(tx, r.p, onDate, actor);
      });
      return adminOut(actor, await load(actor, id));
    },

    /**
     * 撤回 (第四十八条第二款): the decision was changed, revoked, declared illegal or void; the information is withdrawn
     * within three working days (第八十五条) of that, with the reason shown publicly. Later than that it is still
     * withdrawn, and recorded as late.
     */
    async withdraw(actor: Actor, id: string, body: Static<typeof WithdrawBody>): Promise<Static<typeof PublicationOut>> {
      const r0 = await load(actor, id);
      const t = today();
      const onDate = body.onDate ?? t;
      const changedOn = body.changedOn ?? onDate;
      const tr = publicationTransition(r0.p.status as PublicationStatus, 'withdraw', { reason: body.reason, changedOn, decidedOn: r0.p.decidedOn, today: t });
      if (!tr.ok) throw refuse(tr.code);
      dayInRange('onDate', onDate, changedOn, t);
      const wasPublished = r0.p.status === 'published';
      // Only published information has to be withdrawn within the period; a pending record simply never goes out.
      const due = wasPublished ? await legal.deadline(WITHDRAWAL_RULE.ruleId, changedOn, { explain: false }) : null;
      const withdrawDueOn = due?.result.ok ? due.result.due : null;
      await db.transaction(async (tx) => {
        const r = (await publicationRepository.find(tx, id, { lock: true }))!;
        if (r.p.version !== body.version) throw conflict('conflict.stale_version', 'This record was changed by someone else; reload it', { currentVersion: r.p.version });
        if (r.p.status !== r0.p.status) throw refuse('publication.wrong_state');
        await withdrawInTx(tx, r.p, { reason: body.reason, changeKind: body.changeKind, changedOn, onDate, withdrawDueOn }, actor);
      });
      return adminOut(actor, await load(actor, id));
    },

    criteria: criteriaView,

    /** The bureau's own criteria replace the local defaults (pending records keep the due day they were given). */
    async saveCriteria(actor: Actor, body: Static<typeof CriteriaBody>): Promise<Static<typeof CriteriaOut>> {
      if (!actor.permissions.has('legal.manage')) throw forbidden('auth.forbidden', 'Only legal administrators set the publication criteria');
      const problems = criteriaProblems(body);
      if (problems.length) throw validationFailed('The criteria are not valid', problems);
      await db.transaction(async (tx) => {
        const before = await criteriaOf(tx);
        await publicationRepository.saveCriteria(tx, body, clock.now(), actor.userId);
        await recordAudit(tx, clock, actor, { action: 'publication.criteria.update', entityType: 'publication_setting', entityId: 'default', orgUnitId: actor.orgUnitId, before: before.criteria, after: body });
      });
      return criteriaView(actor);
    },

    // ---- public (no login) ----

    async publicList(q: Static<typeof PublicQuery>): Promise<Static<typeof PublicList>> {
      const page = q.page ?? 1;
      const filter = { q: q.q?.trim() || undefined, unitId: q.team };
      const [total, rows, teams] = await Promise.all([
        publicationRepository.countPublic(db, filter),
        publicationRepository.listPublic(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
        publicationRepository.publicTeams(db),
      ]);
      return { items: rows.map(publicOut), total, page, pageSize: PAGE_SIZE, teams };
    },

    async publicGet(id: string): Promise<Static<typeof PublicDecision>> {
      const r = await publicationRepository.findPublic(db, id);
      if (!r) throw notFound('publication.not_found', 'Publication not found');
      return publicOut(r);
    },
  };
}

export type PublicationService = ReturnType<typeof createPublicationService>;
