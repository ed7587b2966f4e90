import { createHash } from 'node:crypto';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound, type FieldIssue } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { buildCalendar, validateNotice, yearDays, type CompiledCalendar } from './domain/calendar';
import { SHIPPED_NOTICES } from './domain/notices';
import { SHIPPED_RULES, ruleInForce } from './domain/rules';
import { computeDeadline } from './domain/engine';
import type { DeadlineResult, HolidayNotice, IsoDate, LegalRule, NoticeIssue, RuleOrigin } from './domain';
import { canManageLegal, ruleDeletable, ruleEditable } from './legal.policy';
import { legalRepository, type CalendarDayRow, type CalendarYearRow, type NewRuleRow, type RuleRow, type RuleSetVersionRow } from './legal.repository';
import type { CalendarYearOutT, RuleOutT, SaveRuleBodyT, VersionOutT } from './legal.schemas';
import { readNoticeWorkbook, writeNoticeWorkbook, type ReadNotice } from './legal.workbook';

interface Deps {
  database: Database;
  clock: Clock;
}

// ---- rows ↔ rules ----

export function rowToRule(r: RuleRow): LegalRule {
  return {
    id: r.ruleId,
    kind: r.kind,
    origin: r.origin as RuleOrigin,
    law: { name: r.lawName, version: r.lawVersionDate },
    article: r.article,
    ...(r.paragraph === null ? {} : { paragraph: r.paragraph }),
    quote: r.quote,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    verified: r.verified,
    ...(r.note === null ? {} : { note: r.note }),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    params: r.params,
  } as LegalRule;
}

function ruleToRow(rule: LegalRule, versionId: string, ordinal: number, now: Date): NewRuleRow {
  return {
    id: newId(),
    versionId,
    ruleId: rule.id,
    titleZh: rule.titleZh,
    titleEn: rule.titleEn,
    kind: rule.kind,
    origin: rule.origin,
    lawName: rule.law.name,
    lawVersionDate: rule.law.version,
    article: rule.article,
    paragraph: rule.paragraph ?? null,
    quote: rule.quote,
    verified: rule.verified,
    note: rule.note ?? null,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    params: rule.params,
    ordinal,
    updatedAt: now,
  };
}

export function ruleOut(rule: LegalRule, actions: string[] = []): RuleOutT {
  return {
    id: rule.id,
    kind: rule.kind,
    origin: rule.origin,
    law: rule.law,
    article: rule.article,
    paragraph: rule.paragraph ?? null,
    quote: rule.quote,
    titleZh: rule.titleZh,
    titleEn: rule.titleEn,
    verified: rule.verified,
    note: rule.note ?? null,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    params: rule.params as RuleOutT['params'],
    actions,
  };
}

/** In force on a day: effective from ≤ day ≤ effective to (inclusive; open-ended when null). */
export const inForceOn = (rule: LegalRule, day: IsoDate): boolean => rule.effectiveFrom <= day && (rule.effectiveTo === null || day <= rule.effectiveTo);

function noticeOf(y: CalendarYearRow, days: readonly CalendarDayRow[]): HolidayNotice {
  return {
    year: y.year,
    title: y.title,
    issuedOn: y.issuedOn,
    source: y.source,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.day, name: d.name ?? '' })),
    makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.day),
  };
}

/** The Shanghai civil date of an instant. */
export function shanghaiDay(at: Date): IsoDate {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ---- first start ----

export const BASELINE_LABEL = '全国规则（内置）';

/**
 * First start: the shipped rules (national, ministerial, and the local defaults the bureau must confirm) become the
 * first published version, and the shipped holiday notices (2025, 2026) the first calendar years. Idempotent: a rule
 * set that has any version is left alone — a published version is immutable, and a rule a bureau removed on purpose
 * must not come back at the next start; a database bootstrapped before a rule was shipped gets it when an
 * administrator adds it in a draft (docs/legal-rules.md, "Existing databases"). A year already in the calendar
 * (shipped or entered by an administrator) is never overwritten.
 */
export async function ensureLegalBaseline(database: Database, clock: Clock, orgUnitId: string): Promise<{ versionCreated: boolean; yearsAdded: number[] }> {
  return database.db.transaction(async (tx) => {
    await legalRepository.lockRuleSet(tx);
    await legalRepository.lockCalendar(tx);
    const now = clock.now();
    let versionCreated = false;
    if ((await legalRepository.listVersions(tx)).length === 0) {
      const id = newId();
      // Inserted as a draft, filled, then published: the trigger lets rules into drafts only.
      await legalRepository.insertVersion(tx, { id, label: BASELINE_LABEL, status: 'draft', baseVersionId: null, note: '随软件发布的国家法律规则', orgUnitId, publishedAt: null, createdAt: now, updatedAt: now, version: 1 });
      await legalRepository.insertRules(tx, SHIPPED_RULES.map((r, i) => ruleToRow(r, id, i, now)));
      await legalRepository.updateVersion(tx, id, { status: 'published', publishedAt: now, updatedAt: now, version: 2 });
      await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'legal.version.bootstrap', entityType: 'legal_rule_set_version', entityId: id, orgUnitId, after: { label: BASELINE_LABEL, rules: SHIPPED_RULES.length, localDefaults: SHIPPED_RULES.filter((r) => r.origin === 'local').map((r) => r.id) } });
      versionCreated = true;
    }
    const have = new Set((await legalRepository.listYears(tx)).map((y) => y.year));
    const yearsAdded: number[] = [];
    for (const n of SHIPPED_NOTICES) {
      if (have.has(n.year)) continue;
      await legalRepository.insertYear(tx, { year: n.year, title: n.title, issuedOn: n.issuedOn, source: n.source, origin: 'shipped', orgUnitId, createdAt: now, updatedAt: now, version: 1 });
      await legalRepository.replaceDays(tx, n.year, dayRows(n));
      await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'legal.calendar.bootstrap', entityType: 'legal_calendar_year', entityId: String(n.year), orgUnitId, after: noticeSummary(n) });
      yearsAdded.push(n.year);
    }
    return { versionCreated, yearsAdded };
  });
}

function dayRows(n: HolidayNotice): CalendarDayRow[] {
  return [...n.holidays.map((h) => ({ day: h.date, year: n.year, kind: 'holiday', name: h.name })), ...n.makeupWorkdays.map((d) => ({ day: d, year: n.year, kind: 'makeup_workday', name: null }))];
}

const noticeSummary = (n: HolidayNotice) => ({ year: n.year, title: n.title, issuedOn: n.issuedOn, source: n.source, holidays: n.holidays, makeupWorkdays: n.makeupWorkdays });

// ---- the cache the engine reads ----

interface Snapshot {
  stamp: string;
  checkedAt: number;
  /**
   * What a computed due day depends on: a digest of the published version's id and of the calendar's days (its years,
   * each holiday and makeup working day). Equal revisions count every period alike; a year replaced by the same days
   * (a corrected title or source) keeps it. The case module stores deadlines against it (docs/legal-rules.md).
   */
  revision: string;
  version: { id: string; label: string } | null;
  rules: readonly LegalRule[];
  notices: readonly HolidayNotice[];
  calendar: CompiledCalendar;
}

/**
 * The published rules and the compiled calendar, shared by every legal service on one database (the routes' and
 * the case module's), so that a publish or a calendar change through either is seen by both at once. Another
 * instance's change is seen within REVALIDATE_MS (one cheap stamp query, like the session cache's 10 s).
 */
const snapshots = new WeakMap<Database, Snapshot>();
const REVALIDATE_MS = 10_000;

async function loadSnapshot(tx: DbOrTx): Promise<Omit<Snapshot, 'checkedAt'>> {
  const stamp = await legalRepository.stamp(tx);
  const v = await legalRepository.publishedVersion(tx);
  const rules = v ? (await legalRepository.rulesOf(tx, v.id)).map(rowToRule) : [];
  const years = await legalRepository.listYears(tx);
  const days = await legalRepository.allDays(tx);
  const notices = years.map((y) => noticeOf(y, days.filter((d) => d.year === y.year)));
  return { stamp, revision: revisionOf(v?.id ?? null, notices), version: v ? { id: v.id, label: v.label } : null, rules, notices, calendar: buildCalendar(notices) };
}

/** The revision of a rule set version and calendar (see Snapshot.revision); names of holidays do not count a period. */
export function revisionOf(versionId: string | null, notices: readonly HolidayNotice[]): string {
  const hash = createHash('sha256').update(`rules:${versionId ?? '-'}\n`);
  for (const n of [...notices].sort((a, b) => a.year - b.year)) {
    hash.update(`${n.year}|h:${n.holidays.map((h) => h.date).sort().join(',')}|m:${[...n.makeupWorkdays].sort().join(',')}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Called after a change of the revision was committed (a calendar year entered or replaced, a version published). */
export type LegalChangeListener = (change: { revision: string; what: 'calendar' | 'rules' }) => Promise<void>;

const STATUS_ORDER = { draft: 0, published: 1, superseded: 2 } as const;

export function createLegalService({ database, clock }: Deps) {
  const { db } = database;

  /** The cached snapshot; `fresh` checks the database's stamp now instead of within REVALIDATE_MS. */
  async function snapshot(opts: { fresh?: boolean } = {}): Promise<Snapshot> {
    const cached = snapshots.get(database);
    const nowMs = Date.now();
    if (cached && !opts.fresh && nowMs - cached.checkedAt < REVALIDATE_MS) return cached;
    if (cached && (await legalRepository.stamp(db)) === cached.stamp) {
      cached.checkedAt = nowMs;
      return cached;
    }
    const fresh = { ...(await loadSnapshot(db)), checkedAt: nowMs };
    snapshots.set(database, fresh);
    return fresh;
  }
  const invalidate = () => snapshots.delete(database);

  const listeners: LegalChangeListener[] = [];
  /**
   * After a committed change: the cache is dropped and the listeners (registered in app.ts, e.g. the cases that store
   * due days) are awaited in turn, so that the request that changed the calendar returns once they are done. A
   * listener's failure does not undo the committed change: it is retried by the listener's own fallback (the cases
   * compare the revision on their next board or list).
   */
  async function changed(what: 'calendar' | 'rules') {
    invalidate();
    const revision = (await snapshot()).revision;
    for (const l of listeners) await l({ revision, what }).catch(() => undefined);
  }

  function requireManage(actor: Actor) {
    if (!canManageLegal(actor)) throw forbidden('auth.forbidden', 'Only legal administrators maintain the rule set and the calendar');
  }

  // ---- rule set versions ----

  function versionActions(actor: Actor, v: RuleSetVersionRow, draftExists: boolean): string[] {
    if (!canManageLegal(actor)) return [];
    if (v.status === 'draft') return ['addRule', 'publish', 'discard'];
    if (v.status === 'published' && !draftExists) return ['newDraft'];
    return [];
  }

  function ruleActions(actor: Actor, v: RuleSetVersionRow, rule: LegalRule): string[] {
    if (!canManageLegal(actor) || v.status !== 'draft') return [];
    return [...(ruleEditable(rule.origin) ? ['edit'] : []), ...(ruleDeletable(rule.origin) ? ['delete'] : [])];
  }

  async function versionView(actor: Actor, v: RuleSetVersionRow, tx: DbOrTx = db): Promise<VersionOutT> {
    const rules = (await legalRepository.rulesOf(tx, v.id)).map(rowToRule);
    const draftExists = v.status === 'draft' || !!(await legalRepository.draftVersion(tx));
    return {
      ...versionFields(v, rules.length, rules.filter((r) => r.origin === 'local').length),
      actions: versionActions(actor, v, draftExists),
      rules: rules.map((r) => ruleOut(r, ruleActions(actor, v, r))),
    };
  }

  function versionFields(v: RuleSetVersionRow, ruleCount: number, localCount: number) {
    return {
      id: v.id,
      label: v.label,
      status: v.status as 'draft' | 'published' | 'superseded',
      baseVersionId: v.baseVersionId,
      note: v.note,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
      version: v.version,
      ruleCount,
      localCount,
    };
  }

  async function loadVersion(tx: DbOrTx, id: string) {
    const v = await legalRepository.findVersion(tx, id);
    if (!v) throw notFound('legal.version_not_found', 'Rule set version not found');
    return v;
  }

  async function loadDraft(tx: DbOrTx, actor: Actor, id: string, expectedVersion?: number) {
    requireManage(actor);
    await legalRepository.lockRuleSet(tx);
    const v = await loadVersion(tx, id);
    if (v.status !== 'draft') throw conflict('legal.version_immutable', `Version ${v.label} is ${v.status} and cannot be changed; create a new draft`);
    if (expectedVersion !== undefined && expectedVersion !== v.version) throw conflict('conflict.stale_version', 'The draft was changed meanwhile; reload it', { current: v.version });
    return v;
  }

  /** A rule as the draft will hold it, or every problem with the request (field-level). */
  function checkRule(ruleId: string, body: SaveRuleBodyT, origin: RuleOrigin): LegalRule {
    const issues: FieldIssue[] = [];
    if (body.effectiveTo && body.effectiveTo < body.effectiveFrom) issues.push({ field: 'effectiveTo', message: 'effective-to is before effective-from', code: 'invalid' });
    const p = body.params;
    if (p.type === 'period' && p.counting === 'working' && p.unit !== 'day') issues.push({ field: 'params.unit', message: 'working days are counted in days', code: 'invalid' });
    if (p.type === 'limitation' && p.aggravatedYears !== undefined && p.aggravatedYears <= p.years) issues.push({ field: 'params.aggravatedYears', message: 'the aggravated period is longer than the ordinary one', code: 'invalid' });
    if (issues.length) throw new AppError(400, 'legal.rule_invalid', `${issues.length} problem(s) with the rule: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
    return {
      id: ruleId,
      kind: p.type,
      origin,
      law: body.law,
      article: body.article,
      ...(body.paragraph ? { paragraph: body.paragraph } : {}),
      quote: body.quote,
      titleZh: body.titleZh,
      titleEn: body.titleEn,
      // A rule entered by hand is not checked against an official text.
      verified: false,
      ...(body.note ? { note: body.note } : {}),
      effectiveFrom: body.effectiveFrom,
      effectiveTo: body.effectiveTo ?? null,
      params: p,
    } as LegalRule;
  }

  // ---- calendar ----

  function invalidNotice(issues: readonly NoticeIssue[], read?: ReadNotice): AppError {
    const placed = issues.map((i) => {
      const row = read ? (i.date ? read.rowOfDate.get(i.date) : (read.rowOfInfo as Record<string, number | undefined>)[i.field]) : undefined;
      const column = read ? (i.date ? 'A' : 'B') : undefined;
      return { field: i.field, message: i.message, reason: i.code, ...(i.date ? { params: { date: i.date } } : {}), ...(row ? { row, column } : {}) };
    });
    return new AppError(400, 'legal.calendar_invalid', `${issues.length} problem(s) in the notice: ${issues.slice(0, 3).map((i) => i.message).join('; ')}`, { issues: placed });
  }

  async function calendarView(actor: Actor, y: CalendarYearRow, days: readonly CalendarDayRow[]): Promise<CalendarYearOutT> {
    const notice = noticeOf(y, days);
    const cal = buildCalendar([notice]);
    return {
      ...yearSummary(y, days),
      holidays: notice.holidays,
      makeupWorkdays: notice.makeupWorkdays,
      days: yearDays(cal, y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.holidayName })),
      actions: canManageLegal(actor) ? ['replace', 'export'] : ['export'],
    };
  }

  function yearSummary(y: CalendarYearRow, days: readonly CalendarDayRow[]) {
    return {
      year: y.year,
      title: y.title,
      issuedOn: y.issuedOn,
      source: y.source,
      origin: y.origin as 'shipped' | 'entered',
      holidayCount: days.filter((d) => d.kind === 'holiday').length,
      makeupCount: days.filter((d) => d.kind === 'makeup_workday').length,
      updatedAt: y.updatedAt.toISOString(),
    };
  }

  /** Validates and stores a year's notice (all or nothing); replacing an existing year needs `replace`. */
  async function storeNotice(actor: Actor, notice: HolidayNotice, opts: { replace: boolean; dryRun?: boolean; read?: ReadNotice }) {
    requireManage(actor);
    const issues = validateNotice(notice);
    if (issues.length) throw invalidNotice(issues, opts.read);
    const result = await db.transaction(async (tx) => {
      await legalRepository.lockCalendar(tx);
      const existing = await legalRepository.findYear(tx, notice.year);
      if (existing && !opts.replace) {
        throw conflict('legal.calendar_exists', `The calendar of ${notice.year} exists; confirm replacing it`, { year: notice.year, title: existing.title, issuedOn: existing.issuedOn });
      }
      const now = clock.now();
      const before = existing ? noticeSummary(noticeOf(existing, await legalRepository.daysOf(tx, notice.year))) : null;
      const row: CalendarYearRow = {
        year: notice.year,
        title: notice.title.trim(),
        issuedOn: notice.issuedOn,
        source: notice.source.trim(),
        origin: 'entered',
        orgUnitId: actor.orgUnitId,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        version: (existing?.version ?? 0) + 1,
      };
      const days = dayRows(notice);
      if (opts.dryRun) return { row, days, replaced: !!existing };
      if (existing) await legalRepository.updateYear(tx, notice.year, row);
      else await legalRepository.insertYear(tx, row);
      await legalRepository.replaceDays(tx, notice.year, days);
      await recordAudit(tx, clock, actor, {
        action: existing ? 'legal.calendar.replace' : 'legal.calendar.create',
        entityType: 'legal_calendar_year',
        entityId: String(notice.year),
        orgUnitId: actor.orgUnitId,
        before,
        after: noticeSummary(notice),
      });
      return { row, days, replaced: !!existing };
    });
    if (!opts.dryRun) await changed('calendar');
    return { dryRun: !!opts.dryRun, replaced: result.replaced, calendar: await calendarView(actor, result.row, result.days) };
  }

  return {
    // ---- for other modules (the cases) ----

    /** The published rules in force on a day (the version in force now; each rule by its own validity dates). */
    async rulesInForce(onDate: IsoDate): Promise<LegalRule[]> {
      return (await snapshot()).rules.filter((r) => inForceOn(r, onDate));
    },
    /** Every rule of the published version, whatever its validity (the engine picks by date). */
    async publishedRules(): Promise<readonly LegalRule[]> {
      return (await snapshot()).rules;
    },
    /** The working-day calendar of every loaded year ('missing' outside them). */
    async calendar(): Promise<CompiledCalendar> {
      return (await snapshot()).calendar;
    },
    /** The loaded notices, for a caller that builds its own calendar (e.g. a what-if). */
    async notices(): Promise<readonly HolidayNotice[]> {
      return (await snapshot()).notices;
    },
    /**
     * The due date of a published rule counted from `start` (the rule version in force on `start`), with its
     * explanation; `calendar_missing` when a needed year has no calendar. Null when no such rule is in force then.
     */
    async deadline(ruleId: string, start: IsoDate, opts: { extended?: boolean; explain?: boolean } = {}): Promise<{ rule: LegalRule; result: DeadlineResult } | null> {
      const snap = await snapshot();
      const rule = ruleInForce(snap.rules, ruleId, start);
      if (!rule) return null;
      return { rule, result: computeDeadline({ rule, start, calendar: snap.calendar, ...opts }) };
    },
    /** The revision of the rules and calendar served now (see Snapshot.revision). */
    async revision(): Promise<string> {
      return (await snapshot()).revision;
    },
    /** Registers a listener called after every committed change of the revision (wired in app.ts). */
    onChange(listener: LegalChangeListener): void {
      listeners.push(listener);
    },
    /** The published version's id and label (to record which rules a computed deadline used). */
    async publishedVersion(): Promise<{ id: string; label: string } | null> {
      return (await snapshot()).version;
    },

    // ---- rule set administration ----

    async listVersions(actor: Actor) {
      const [versions, counts] = await Promise.all([legalRepository.listVersions(db), legalRepository.ruleCounts(db)]);
      const byVersion = new Map(counts.map((c) => [c.versionId, c]));
      const draftExists = versions.some((v) => v.status === 'draft');
      versions.sort((a, b) => STATUS_ORDER[a.status as keyof typeof STATUS_ORDER] - STATUS_ORDER[b.status as keyof typeof STATUS_ORDER] || b.createdAt.getTime() - a.createdAt.getTime());
      return {
        actions: canManageLegal(actor) && !draftExists ? ['newDraft'] : [],
        items: versions.map((v) => ({ ...versionFields(v, byVersion.get(v.id)?.n ?? 0, byVersion.get(v.id)?.local ?? 0), actions: versionActions(actor, v, draftExists) })),
      };
    },

    getVersion: async (actor: Actor, id: string) => versionView(actor, await loadVersion(db, id)),

    /** A new draft, a copy of the published version's rules. One draft at a time. */
    async createDraft(actor: Actor, body: { label: string; note?: string | undefined }) {
      requireManage(actor);
      const row = await db.transaction(async (tx) => {
        await legalRepository.lockRuleSet(tx);
        const draft = await legalRepository.draftVersion(tx);
        if (draft) throw conflict('legal.draft_exists', `Draft ${draft.label} exists; publish or discard it first`, { id: draft.id, label: draft.label });
        if (await legalRepository.findVersionByLabel(tx, body.label.trim())) throw conflict('legal.label_taken', `Version ${body.label} exists`, { issues: [{ field: 'label', message: 'a version with this label exists' }] });
        const published = await legalRepository.publishedVersion(tx);
        const now = clock.now();
        const row: RuleSetVersionRow = { id: newId(), label: body.label.trim(), status: 'draft', baseVersionId: published?.id ?? null, note: body.note ?? null, orgUnitId: actor.orgUnitId, publishedAt: null, createdAt: now, updatedAt: now, version: 1 };
        await legalRepository.insertVersion(tx, row);
        const rules = published ? (await legalRepository.rulesOf(tx, published.id)).map(rowToRule) : [];
        await legalRepository.insertRules(tx, rules.map((r, i) => ruleToRow(r, row.id, i, now)));
        await recordAudit(tx, clock, actor, { action: 'legal.version.create', entityType: 'legal_rule_set_version', entityId: row.id, orgUnitId: actor.orgUnitId, after: { label: row.label, baseVersionId: row.baseVersionId, rules: rules.length } });
        return row;
      });
      return versionView(actor, row);
    },

    /**
     * Adds a local rule to a draft, or changes a local or ministerial (unverified) one. A rule is found by its id and
     * the start of the validity period being edited (`from`, default: the body's effectiveFrom); a rule that changed
     * over time has several periods under one id, which must not overlap.
     */
    async saveRule(actor: Actor, versionId: string, ruleId: string, body: SaveRuleBodyT, from?: IsoDate) {
      const row = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId, body.expectedVersion);
        const all = await legalRepository.rulesOf(tx, v.id);
        const sameId = all.filter((r) => r.ruleId === ruleId);
        const existing = sameId.find((r) => r.effectiveFrom === (from ?? body.effectiveFrom));
        if (from && !existing) throw notFound('legal.rule_not_found', `No rule ${ruleId} from ${from} in this version`);
        const before = existing ? rowToRule(existing) : null;
        if (before && !ruleEditable(before.origin)) throw conflict('legal.rule_not_editable', `Rule ${ruleId} is quoted from the verified statute text and stays as shipped`);
        // A new id is a local rule; a new period of an existing id takes that id's origin (a shipped id stays shipped).
        const origin = before?.origin ?? (sameId[0] ? (rowToRule(sameId[0]).origin) : 'local');
        if (!before && !ruleEditable(origin)) throw conflict('legal.rule_not_editable', `Rule ${ruleId} is quoted from the verified statute text and stays as shipped`);
        const rule = checkRule(ruleId, body, origin);
        const others = sameId.filter((r) => r !== existing).map(rowToRule);
        const clash = others.find((o) => o.effectiveFrom <= (rule.effectiveTo ?? '9999-12-31') && rule.effectiveFrom <= (o.effectiveTo ?? '9999-12-31'));
        if (clash) {
          const issue = { field: 'effectiveFrom', message: `overlaps the period of ${ruleId} from ${clash.effectiveFrom}`, code: 'invalid' as const };
          throw new AppError(400, 'legal.rule_overlap', `Rule ${ruleId} is already in force from ${clash.effectiveFrom}${clash.effectiveTo ? ` to ${clash.effectiveTo}` : ''}`, { issues: [issue], effectiveFrom: clash.effectiveFrom, effectiveTo: clash.effectiveTo });
        }
        const now = clock.now();
        if (existing) {
          const { id: _id, versionId: _v, ordinal: _o, ...patch } = ruleToRow(rule, v.id, existing.ordinal, now);
          await legalRepository.updateRule(tx, existing.id, patch);
        } else {
          await legalRepository.insertRules(tx, [ruleToRow(rule, v.id, all.length, now)]);
        }
        const updated = await legalRepository.updateVersion(tx, v.id, { updatedAt: now, version: v.version + 1 });
        await recordAudit(tx, clock, actor, {
          action: existing ? 'legal.rule.update' : 'legal.rule.create',
          entityType: 'legal_rule',
          entityId: `${v.id}:${ruleId}:${rule.effectiveFrom}`,
          orgUnitId: v.orgUnitId,
          before,
          after: rule,
        });
        return updated!;
      });
      return versionView(actor, row);
    },

    async deleteRule(actor: Actor, versionId: string, ruleId: string, opts: { effectiveFrom?: IsoDate | undefined; expectedVersion?: number | undefined } = {}) {
      const row = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId, opts.expectedVersion);
        const sameId = (await legalRepository.rulesOf(tx, v.id)).filter((r) => r.ruleId === ruleId && (!opts.effectiveFrom || r.effectiveFrom === opts.effectiveFrom));
        if (sameId.length === 0) throw notFound('legal.rule_not_found', `No rule ${ruleId} in this version`);
        if (sameId.length > 1) throw badRequest('legal.rule_period_required', `Rule ${ruleId} has several validity periods: say which (effectiveFrom)`, { issues: [{ field: 'effectiveFrom', message: 'say which validity period', code: 'required' }] });
        const existing = sameId[0]!;
        const rule = rowToRule(existing);
        if (!ruleDeletable(rule.origin)) throw conflict('legal.rule_not_deletable', `Rule ${ruleId} is shipped; it can be corrected, not removed`);
        await legalRepository.deleteRule(tx, existing.id);
        const updated = await legalRepository.updateVersion(tx, v.id, { updatedAt: clock.now(), version: v.version + 1 });
        await recordAudit(tx, clock, actor, { action: 'legal.rule.delete', entityType: 'legal_rule', entityId: `${v.id}:${ruleId}:${rule.effectiveFrom}`, orgUnitId: v.orgUnitId, before: rule });
        return updated!;
      });
      return versionView(actor, row);
    },

    /** Publishing freezes the draft and supersedes the version published so far; the engine uses it at once. */
    async publish(actor: Actor, versionId: string, expectedVersion?: number) {
      const row = await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId, expectedVersion);
        const rules = await legalRepository.rulesOf(tx, v.id);
        if (rules.length === 0) throw badRequest('legal.version_empty', 'An empty rule set cannot be published');
        const now = clock.now();
        const old = await legalRepository.publishedVersion(tx);
        if (old) await legalRepository.updateVersion(tx, old.id, { status: 'superseded' });
        const published = await legalRepository.updateVersion(tx, v.id, { status: 'published', publishedAt: now, updatedAt: now, version: v.version + 1 });
        await recordAudit(tx, clock, actor, {
          action: 'legal.version.publish',
          entityType: 'legal_rule_set_version',
          entityId: v.id,
          orgUnitId: v.orgUnitId,
          before: old ? { published: old.label } : null,
          after: { label: v.label, rules: rules.length, local: rules.filter((r) => r.origin === 'local').length },
        });
        return published!;
      });
      await changed('rules');
      return versionView(actor, row);
    },

    /** Drops a draft (and its rules); published and superseded versions stay forever. */
    async discardDraft(actor: Actor, versionId: string) {
      await db.transaction(async (tx) => {
        const v = await loadDraft(tx, actor, versionId);
        const rules = await legalRepository.rulesOf(tx, v.id);
        await legalRepository.deleteRulesOf(tx, v.id);
        await legalRepository.deleteVersion(tx, v.id);
        await recordAudit(tx, clock, actor, { action: 'legal.version.discard', entityType: 'legal_rule_set_version', entityId: v.id, orgUnitId: v.orgUnitId, before: { label: v.label, rules: rules.length } });
      });
    },

    /** Rules of the published version in force on a day, found by a text (title, law, article, quote or id). */
    async listRulesInForce(onDate: IsoDate | undefined, q: string | undefined) {
      const snap = await snapshot();
      const day = onDate ?? shanghaiDay(clock.now());
      const needle = q?.trim().toLowerCase();
      const items = snap.rules
        .filter((r) => inForceOn(r, day))
        .filter((r) => !needle || [r.id, r.titleZh, r.titleEn, r.law.name, r.article, r.quote, `${r.law.name}${r.article}`].some((s) => s.toLowerCase().includes(needle)))
        .map((r) => ruleOut(r));
      return { onDate: day, version: snap.version, items };
    },

    // ---- calendar administration ----

    async listCalendars(actor: Actor) {
      const [years, days] = await Promise.all([legalRepository.listYears(db), legalRepository.allDays(db)]);
      return {
        actions: canManageLegal(actor) ? ['create', 'import', 'template'] : ['template'],
        items: years.map((y) => yearSummary(y, days.filter((d) => d.year === y.year))),
      };
    },

    async getCalendar(actor: Actor, year: number) {
      const y = await legalRepository.findYear(db, year);
      if (!y) throw notFound('legal.calendar_not_found', `No calendar for ${year}`);
      return calendarView(actor, y, await legalRepository.daysOf(db, year));
    },

    saveCalendar: (actor: Actor, year: number, body: Omit<HolidayNotice, 'year'>, replace: boolean) => storeNotice(actor, { ...body, year }, { replace }),

    /** Imports a notice from the workbook: every cell checked, then the notice; nothing is written on any problem. */
    async importCalendar(actor: Actor, file: Buffer, opts: { replace: boolean; dryRun: boolean }) {
      requireManage(actor);
      const read = await readNoticeWorkbook(file);
      if (!read.notice) throw new AppError(400, 'legal.calendar_import_invalid', `${read.issues.length} problem(s) in the workbook: ${read.issues.slice(0, 3).map((i) => `${i.row ? `row ${i.row} ` : ''}${i.message}`).join('; ')}`, { issues: read.issues });
      return storeNotice(actor, read.notice, { ...opts, read });
    },

    /** The workbook of a year (its notice), or the empty template for a year without one. */
    async calendarWorkbook(year: number): Promise<{ fileName: string; data: Buffer }> {
      const y = await legalRepository.findYear(db, year);
      const notice = y ? noticeOf(y, await legalRepository.daysOf(db, year)) : null;
      return { fileName: `节假日安排-${year}.xlsx`, data: await writeNoticeWorkbook(notice, year) };
    },

    snapshot,
  };
}
export type LegalService = ReturnType<typeof createLegalService>;
