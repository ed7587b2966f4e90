import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel, never past their index.ts.
import { ledgerPerson, orgUnit } from '../../db/schema';
import { caseCounter, caseDeadline, caseDeadlineRevision, caseEvent, caseParty, caseSeizure, enforcementCase } from './case.tables';

/** Queries of the case module (drizzle). */

export type CaseRow = typeof enforcementCase.$inferSelect;
export type CaseInsert = typeof enforcementCase.$inferInsert;
export type EventRow = typeof caseEvent.$inferSelect;
export type PartyRow = typeof caseParty.$inferSelect;
export type DeadlineRow = typeof caseDeadline.$inferSelect;
export type SeizureRow = typeof caseSeizure.$inferSelect;
export interface CaseWithUnit {
  c: CaseRow;
  unitPath: string;
  unitName: string;
  unitShortName: string | null;
}
export interface PersonRow {
  personId: string;
  name: string;
  kind: string;
  status: string;
  certificateNo: string | null;
  certificateIssuedOn: string | null;
  certificateExpiresOn: string | null;
  userId: string | null;
  unitPath: string;
}

const under = (path: string) => sql`${orgUnit.path} LIKE ${path + '%'}`;
const personColumns = {
  personId: ledgerPerson.id,
  name: ledgerPerson.name,
  kind: ledgerPerson.kind,
  status: ledgerPerson.status,
  certificateNo: ledgerPerson.certificateNo,
  certificateIssuedOn: ledgerPerson.certificateIssuedOn,
  certificateExpiresOn: ledgerPerson.certificateExpiresOn,
  userId: ledgerPerson.userId,
  unitPath: orgUnit.path,
};

export interface CaseListFilter {
  scopePath: string;
  unitPath?: string | undefined;
  states?: readonly string[] | undefined;
  source?: string | undefined;
  procedure?: string | undefined;
  officerPersonIds?: readonly string[] | undefined;
  /** A second officer condition (the officer filter; `officerPersonIds` is "my cases"): both apply when both given. */
  alsoOfficerPersonIds?: readonly string[] | undefined;
  overdueOn?: string | undefined;
  q?: string | undefined;
}

function listWhere(f: CaseListFilter): SQL {
  const conds: SQL[] = [under(f.scopePath)];
  if (f.unitPath) conds.push(under(f.unitPath));
  if (f.states?.length) conds.push(inArray(enforcementCase.state, [...f.states]));
  if (f.source) conds.push(eq(enforcementCase.source, f.source));
  if (f.procedure) conds.push(eq(enforcementCase.procedure, f.procedure));
  // Responsible, or one of the two officers of the latest step.
  const officerOf = (ids: readonly string[]): SQL => (ids.length ? (or(inArray(enforcementCase.responsiblePersonId, [...ids]), ...ids.map((id) => sql`${enforcementCase.officerIds} @> ${JSON.stringify([id])}::jsonb`)) as SQL) : sql`false`);
  if (f.officerPersonIds) conds.push(officerOf(f.officerPersonIds));
  if (f.alsoOfficerPersonIds) conds.push(officerOf(f.alsoOfficerPersonIds));
  if (f.overdueOn) {
    conds.push(sql`exists (select 1 from ${caseDeadline} d where d.case_id = ${enforcementCase.id} and d.running and d.duty and d.due_on < ${f.overdueOn})`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`(${enforcementCase.caseNo} ILIKE ${like} OR ${enforcementCase.leadNo} ILIKE ${like} OR ${enforcementCase.actPlace} ILIKE ${like} OR ${enforcementCase.violation}->>'name' ILIKE ${like} OR exists (select 1 from ${caseParty} p where p.case_id = ${enforcementCase.id} and p.name ILIKE ${like}))`);
  }
  return and(...conds) as SQL;
}

/** Rows of the board: running duty deadlines under a path, due by `dueBy` or unknown; a rule missing is no deadline. */
function boardWhere(path: string, dueBy: string): SQL {
  return and(eq(caseDeadline.running, true), eq(caseDeadline.duty, true), under(path), sql`${caseDeadline.problem} is distinct from 'rule_missing'`, or(lte(caseDeadline.dueOn, dueBy), isNull(caseDeadline.dueOn))) as SQL;
}

export const caseRepository = {
  async findUnit(tx: DbOrTx, id: string): Promise<{ id: string; path: string; name: string; shortName: string | null; kind: string } | null> {
    const [u] = await tx.select({ id: orgUnit.id, path: orgUnit.path, name: orgUnit.name, shortName: orgUnit.shortName, kind: orgUnit.kind }).from(orgUnit).where(eq(orgUnit.id, id));
    return u ?? null;
  },

  /** The next number of a series for a team and year, bumped atomically inside the caller's transaction. */
  async nextNumber(tx: DbOrTx, orgUnitId: string, year: number, series: string): Promise<number> {
    const [r] = await tx
      .insert(caseCounter)
      .values({ orgUnitId, year, series, last: 1 })
      .onConflictDoUpdate({ target: [caseCounter.orgUnitId, caseCounter.year, caseCounter.series], set: { last: sql`${caseCounter.last} + 1` } })
      .returning({ last: caseCounter.last });
    return r!.last;
  },

  async insertCase(tx: DbOrTx, row: CaseInsert): Promise<void> {
    await tx.insert(enforcementCase).values(row);
  },
  async insertParty(tx: DbOrTx, row: typeof caseParty.$inferInsert): Promise<void> {
    await tx.insert(caseParty).values(row);
  },
  async insertEvent(tx: DbOrTx, row: typeof caseEvent.$inferInsert): Promise<number> {
    const [r] = await tx.insert(caseEvent).values(row).returning({ id: caseEvent.id });
    return r!.id;
  },

  async findCase(tx: DbOrTx, id: string): Promise<CaseWithUnit | null> {
    const [r] = await tx
      .select({ c: enforcementCase, unitPath: orgUnit.path, unitName: orgUnit.name, unitShortName: orgUnit.shortName })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(eq(enforcementCase.id, id));
    return r ?? null;
  },

  /** Writes the case if nobody changed it since `version` was read; false = a concurrent edit won. */
  async updateCase(tx: DbOrTx, id: string, version: number, patch: Partial<CaseInsert>): Promise<boolean> {
    const r = await tx
      .update(enforcementCase)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(enforcementCase.id, id), eq(enforcementCase.version, version)))
      .returning({ id: enforcementCase.id });
    return r.length === 1;
  },

  /** A duty deadline was missed: the case counts as not on time (case_on_time_rate); the version is not bumped. */
  async markHadOverdue(tx: DbOrTx, id: string): Promise<void> {
    await tx.update(enforcementCase).set({ hadOverdue: true }).where(eq(enforcementCase.id, id));
  },
  async partiesOf(tx: DbOrTx, caseIds: readonly string[]): Promise<PartyRow[]> {
    if (caseIds.length === 0) return [];
    return tx.select().from(caseParty).where(inArray(caseParty.caseId, [...caseIds])).orderBy(asc(caseParty.createdAt));
  },
  async eventsOf(tx: DbOrTx, caseId: string): Promise<EventRow[]> {
    return tx.select().from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id));
  },
  async seizuresOf(tx: DbOrTx, caseId: string): Promise<SeizureRow[]> {
    return tx.select().from(caseSeizure).where(eq(caseSeizure.caseId, caseId)).orderBy(asc(caseSeizure.createdAt));
  },
  async insertSeizure(tx: DbOrTx, row: typeof caseSeizure.$inferInsert): Promise<void> {
    await tx.insert(caseSeizure).values(row);
  },
  async updateSeizure(tx: DbOrTx, id: string, patch: Partial<typeof caseSeizure.$inferInsert>): Promise<void> {
    await tx.update(caseSeizure).set(patch).where(eq(caseSeizure.id, id));
  },

  async replaceDeadlines(tx: DbOrTx, caseId: string, rows: (typeof caseDeadline.$inferInsert)[]): Promise<void> {
    await tx.delete(caseDeadline).where(eq(caseDeadline.caseId, caseId));
    if (rows.length) await tx.insert(caseDeadline).values(rows);
  },
  /**
   * Cases with a running (not stopped) deadline, in id order after `afterId` (keyset pages over the primary key; the
   * running rows are found through the (case, key) index).
   */
  async casesWithRunningDeadlines(tx: DbOrTx, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await tx
      .select({ id: enforcementCase.id })
      .from(enforcementCase)
      .where(and(sql`exists (select 1 from ${caseDeadline} d where d.case_id = ${enforcementCase.id} and d.running)`, ...(afterId ? [gt(enforcementCase.id, afterId)] : [])))
      .orderBy(asc(enforcementCase.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
  async deadlinesOf(tx: DbOrTx, caseId: string): Promise<DeadlineRow[]> {
    return tx.select().from(caseDeadline).where(eq(caseDeadline.caseId, caseId));
  },
  /** The legal revision the stored deadlines were computed with (null: never recorded on this database). */
  async deadlineRevision(tx: DbOrTx): Promise<string | null> {
    const [r] = await tx.select({ revision: caseDeadlineRevision.revision }).from(caseDeadlineRevision).where(eq(caseDeadlineRevision.id, 'deadlines'));
    return r?.revision ?? null;
  },
  async saveDeadlineRevision(tx: DbOrTx, row: { revision: string; casesRecomputed: number; casesChanged: number; updatedAt: Date }): Promise<void> {
    await tx.insert(caseDeadlineRevision).values({ id: 'deadlines', ...row }).onConflictDoUpdate({ target: caseDeadlineRevision.id, set: row });
  },
  /** The case row, locked until the end of the transaction (a recomputation waits for a step being written). */
  async lockCase(tx: DbOrTx, id: string): Promise<CaseRow | null> {
    const [r] = await tx.select().from(enforcementCase).where(eq(enforcementCase.id, id)).for('update');
    return r ?? null;
  },
  async hasEvents(tx: DbOrTx, caseId: string): Promise<boolean> {
    const [r] = await tx.select({ id: caseEvent.id }).from(caseEvent).where(eq(caseEvent.caseId, caseId)).limit(1);
    return r !== undefined;
  },

  /** Ledger persons by id, with their unit's path (scope) and certificate. */
  async persons(tx: DbOrTx, ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return tx.select(personColumns).from(ledgerPerson).innerJoin(orgUnit, eq(orgUnit.id, ledgerPerson.orgUnitId)).where(inArray(ledgerPerson.id, [...ids]));
  },
  async personsOfUser(tx: DbOrTx, userId: string): Promise<PersonRow[]> {
    return tx.select(personColumns).from(ledgerPerson).innerJoin(orgUnit, eq(orgUnit.id, ledgerPerson.orgUnitId)).where(eq(ledgerPerson.userId, userId));
  },
  /** Active persons of the units under a path (officers and auxiliaries), for choosing who acts. */
  async personsUnder(tx: DbOrTx, path: string): Promise<PersonRow[]> {
    return tx
      .select(personColumns)
      .from(ledgerPerson)
      .innerJoin(orgUnit, eq(orgUnit.id, ledgerPerson.orgUnitId))
      .where(and(under(path), eq(ledgerPerson.status, 'active')))
      .orderBy(asc(ledgerPerson.kind), asc(ledgerPerson.name));
  },

  async countCases(tx: DbOrTx, f: CaseListFilter): Promise<number> {
    const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(enforcementCase).innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId)).where(listWhere(f));
    return r?.n ?? 0;
  },
  async listCases(tx: DbOrTx, f: CaseListFilter, page: { limit: number; offset: number }): Promise<CaseWithUnit[]> {
    return tx
      .select({ c: enforcementCase, unitPath: orgUnit.path, unitName: orgUnit.name, unitShortName: orgUnit.shortName })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(listWhere(f))
      .orderBy(desc(enforcementCase.updatedAt), desc(enforcementCase.id))
      .limit(page.limit)
      .offset(page.offset);
  },
  /** Running deadlines of these cases (the list shows the nearest). */
  async runningDeadlinesOf(tx: DbOrTx, caseIds: readonly string[]): Promise<DeadlineRow[]> {
    if (caseIds.length === 0) return [];
    return tx.select().from(caseDeadline).where(and(inArray(caseDeadline.caseId, [...caseIds]), eq(caseDeadline.running, true)));
  },

  /**
   * The 期限预警 board's exact totals (the page of rows below may be a part): overdue (due before `today`), due soon
   * (from `today` to `dueBy`) and unknown (calendar missing), over every row of `board`.
   */
  async boardCounts(tx: DbOrTx, path: string, dueBy: string, today: string): Promise<{ overdue: number; dueSoon: number; unknown: number }> {
    const [r] = await tx
      .select({
        overdue: sql<number>`count(*) filter (where ${caseDeadline.dueOn} < ${today})::int`,
        dueSoon: sql<number>`count(*) filter (where ${caseDeadline.dueOn} >= ${today})::int`,
        unknown: sql<number>`count(*) filter (where ${caseDeadline.dueOn} is null)::int`,
      })
      .from(caseDeadline)
      .innerJoin(orgUnit, eq(orgUnit.id, caseDeadline.orgUnitId))
      .where(boardWhere(path, dueBy));
    return r ?? { overdue: 0, dueSoon: 0, unknown: 0 };
  },

  /**
   * The 期限预警 board: running duty deadlines of the cases under a path that are due on or before `dueBy`
   * (overdue included), plus those whose due day is unknown (calendar missing) first, then nearest first; one page.
   */
  async board(tx: DbOrTx, path: string, dueBy: string, page: { limit: number; offset: number }) {
    return tx
      .select({
        caseId: caseDeadline.caseId,
        key: caseDeadline.key,
        kind: caseDeadline.kind,
        ruleId: caseDeadline.ruleId,
        startOn: caseDeadline.startOn,
        dueOn: caseDeadline.dueOn,
        problem: caseDeadline.problem,
        responsiblePersonId: caseDeadline.responsiblePersonId,
        responsibleName: ledgerPerson.name,
        orgUnitId: caseDeadline.orgUnitId,
        unitName: orgUnit.name,
        unitPath: orgUnit.path,
        caseNo: enforcementCase.caseNo,
        leadNo: enforcementCase.leadNo,
        state: enforcementCase.state,
        isDemo: enforcementCase.isDemo,
      })
      .from(caseDeadline)
      .innerJoin(orgUnit, eq(orgUnit.id, caseDeadline.orgUnitId))
      .innerJoin(enforcementCase, eq(enforcementCase.id, caseDeadline.caseId))
      .leftJoin(ledgerPerson, eq(ledgerPerson.id, caseDeadline.responsiblePersonId))
      .where(boardWhere(path, dueBy))
      .orderBy(sql`${caseDeadline.dueOn} asc nulls first`, asc(caseDeadline.caseId), asc(caseDeadline.key))
      .limit(page.limit)
      .offset(page.offset);
  },

  /**
   * For `case_on_time_rate`: cases of the units under a path decided in [from, to], and how many of them met
   * every duty deadline (none stopped late, none overdue at the time).
   */
  async onTimeCounts(tx: DbOrTx, path: string, from: string, to: string): Promise<{ decided: number; onTime: number; major: number; majorReviewed: number }> {
    const [r] = await tx
      .select({
        decided: sql<number>`count(*)::int`,
        onTime: sql<number>`count(*) filter (where not ${enforcementCase.hadOverdue})::int`,
        major: sql<number>`count(*) filter (where (${enforcementCase.facts}->>'major')::boolean or jsonb_array_length(${enforcementCase.facts}->'review'->'triggers') > 0)::int`,
        majorReviewed: sql<number>`count(*) filter (where ((${enforcementCase.facts}->>'major')::boolean or jsonb_array_length(${enforcementCase.facts}->'review'->'triggers') > 0) and ${enforcementCase.facts}->'review'->>'result' = 'approved')::int`,
      })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(and(under(path), sql`${enforcementCase.decidedOn} between ${from} and ${to}`));
    return r ?? { decided: 0, onTime: 0, major: 0, majorReviewed: 0 };
  },
  async overdueDutyCount(tx: DbOrTx, caseId: string, today: string): Promise<number> {
    const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(caseDeadline).where(and(eq(caseDeadline.caseId, caseId), eq(caseDeadline.running, true), eq(caseDeadline.duty, true), lt(caseDeadline.dueOn, today)));
    return r?.n ?? 0;
  },
};
