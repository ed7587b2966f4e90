import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel, never past their index.ts.
import { orgUnit } from '../../db/schema';
import { serviceCategory, serviceRequest } from './request.tables';
import type { BoardFlag } from './domain/board';

/**
 * The 期限预警 board's queries: open reports in scope with their stage, due time and flag computed in SQL, so that
 * totals are exact over every row whatever part of them a page holds (domain/board.ts defines the flags).
 */

/** Open states: the board's rows (a suspended report is open, its clock stopped). */
const OPEN = ['submitted', 'dispatched', 'handling', 'handled', 'suspended'];

/** The state whose clock a report runs: a suspended one by the state it was suspended from. */
const clockState = sql`(case when ${serviceRequest.state} = 'suspended' then ${serviceRequest.suspendedFromState} else ${serviceRequest.state} end)`;
const stageExpr = sql<string | null>`(case when ${clockState} = 'submitted' then 'accept' when ${clockState} in ('dispatched', 'handling') then 'handle' when ${clockState} = 'handled' then 'reply' end)`;
const dueExpr = sql`(case when ${clockState} = 'submitted' then ${serviceRequest.acceptDueAt} when ${clockState} in ('dispatched', 'handling') then ${serviceRequest.handleDueAt} when ${clockState} = 'handled' then ${serviceRequest.replyDueAt} end)`;
const limitExpr = sql<number>`(case when ${clockState} = 'submitted' then ${serviceCategory.acceptHours} when ${clockState} in ('dispatched', 'handling') then ${serviceCategory.handleHours} when ${clockState} = 'handled' then ${serviceCategory.replyHours} end)`;

export interface BoardScope {
  /** Teams under this path are in scope. */
  scopePath: string;
  /** The city desk's unrouted reports too (dispatchers). */
  desk: boolean;
}

export interface BoardFilter {
  /** A team (its subtree), or 'desk' for the unrouted reports. */
  teamPath?: string | 'desk' | undefined;
  categoryId?: string | undefined;
  flag?: BoardFlag | undefined;
}

/**
 * The flag of every row at `now`: `soonAt` gives, per limit in hours, the instant from which a report with that limit
 * is due soon (addWorkingMinutes(now, a quarter of the limit); 'infinity' when that count runs past the loaded calendar).
 */
function flagExpr(now: Date, soonAt: Map<number, Date | 'infinity'>): SQL<BoardFlag> {
  const cases = [...soonAt].map(([h, at]) => (at === 'infinity' ? sql`when ${h} then 'infinity'::timestamptz` : sql`when ${h} then ${at.toISOString()}::timestamptz`));
  const soon = cases.length ? sql`(case ${limitExpr} ${sql.join(cases, sql` `)} else 'infinity'::timestamptz end)` : sql`'infinity'::timestamptz`;
  return sql<BoardFlag>`(case
    when ${serviceRequest.state} = 'suspended' then 'suspended'
    when ${dueExpr} is null then 'unknown'
    when ${dueExpr} < ${now.toISOString()}::timestamptz then 'overdue'
    when ${dueExpr} <= ${soon} then 'due_soon'
    else 'on_time' end)`;
}

function scopeWhere(s: BoardScope): SQL {
  const inScope = sql`${orgUnit.path} like ${`${s.scopePath}%`}`;
  return (s.desk ? or(inScope, isNull(serviceRequest.orgUnitId)) : inScope) as SQL;
}

function filterWhere(f: BoardFilter, flag: SQL<BoardFlag>, parts: { team: boolean; flag: boolean }): SQL[] {
  const conds: SQL[] = [];
  if (parts.team && f.teamPath === 'desk') conds.push(isNull(serviceRequest.orgUnitId));
  else if (parts.team && f.teamPath) conds.push(sql`${orgUnit.path} like ${`${f.teamPath}%`}`);
  if (f.categoryId) conds.push(eq(serviceRequest.categoryId, f.categoryId));
  if (parts.flag && f.flag) conds.push(sql`${flag} = ${f.flag}`);
  return conds;
}

export const boardRepository = {
  /**
   * Counts per flag (team and category filters applied) and per team and flag (category filter only, so every team
   * in scope shows beside the one picked). Exact: SQL over every open report in scope.
   */
  async counts(tx: DbOrTx, now: Date, soonAt: Map<number, Date | 'infinity'>, scope: BoardScope, f: BoardFilter) {
    const flag = flagExpr(now, soonAt);
    const base = and(inArray(serviceRequest.state, OPEN), scopeWhere(scope));
    const perFlag = await tx
      .select({ flag: sql<BoardFlag>`${flag}`.as('flag'), n: count() })
      .from(serviceRequest)
      .innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId))
      .leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId))
      .where(and(base, ...filterWhere(f, flag, { team: true, flag: false })))
      .groupBy(sql`1`);
    const perTeam = await tx
      .select({ teamId: serviceRequest.orgUnitId, teamName: orgUnit.name, flag: sql<BoardFlag>`${flag}`.as('flag'), n: count() })
      .from(serviceRequest)
      .innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId))
      .leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId))
      .where(and(base, ...filterWhere(f, flag, { team: false, flag: false })))
      .groupBy(serviceRequest.orgUnitId, orgUnit.name, sql`3`);
    return { perFlag: perFlag.map((r) => ({ flag: r.flag, n: Number(r.n) })), perTeam: perTeam.map((r) => ({ teamId: r.teamId, teamName: r.teamName, flag: r.flag, n: Number(r.n) })) };
  },

  /** One page of the rows (all filters), most urgent first: overdue, due soon, unknown, on time, suspended; then by due time. */
  async rows(tx: DbOrTx, now: Date, soonAt: Map<number, Date | 'infinity'>, scope: BoardScope, f: BoardFilter, page: { limit: number; offset: number }) {
    const flag = flagExpr(now, soonAt);
    // No subquery: its columns would clash (two "name"); the order repeats the expressions instead.
    const rank = sql`(case ${flag} when 'overdue' then 0 when 'due_soon' then 1 when 'unknown' then 2 when 'on_time' then 3 else 4 end)`;
    return tx
      .select({
        id: serviceRequest.id,
        trackingCode: serviceRequest.trackingCode,
        source: serviceRequest.source,
        state: serviceRequest.state,
        suspendedFromState: serviceRequest.suspendedFromState,
        suspendedAt: serviceRequest.suspendedAt,
        submittedAt: serviceRequest.submittedAt,
        address: serviceRequest.address,
        description: serviceRequest.description,
        isDemo: serviceRequest.isDemo,
        orgUnitId: serviceRequest.orgUnitId,
        unitName: orgUnit.name,
        categoryId: serviceRequest.categoryId,
        categoryCode: serviceCategory.code,
        categoryName: serviceCategory.name,
        stage: stageExpr,
        dueAt: sql<Date | null>`${dueExpr}`.mapWith(serviceRequest.acceptDueAt),
        limitHours: limitExpr,
        flag,
      })
      .from(serviceRequest)
      .innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId))
      .leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId))
      .where(and(inArray(serviceRequest.state, OPEN), scopeWhere(scope), ...filterWhere(f, flag, { team: true, flag: true })))
      .orderBy(rank, sql`${dueExpr} asc nulls first`, asc(serviceRequest.id))
      .limit(page.limit)
      .offset(page.offset);
  },

  async unit(tx: DbOrTx, id: string): Promise<{ id: string; path: string } | null> {
    const [u] = await tx.select({ id: orgUnit.id, path: orgUnit.path }).from(orgUnit).where(eq(orgUnit.id, id));
    return u ?? null;
  },

  /** Every distinct limit (hours) of the categories: the board's due-soon instants are computed for each. */
  async limits(tx: DbOrTx): Promise<number[]> {
    const rows = await tx.select({ a: serviceCategory.acceptHours, h: serviceCategory.handleHours, r: serviceCategory.replyHours }).from(serviceCategory);
    return [...new Set(rows.flatMap((r) => [r.a, r.h, r.r]))].sort((a, b) => a - b);
  },
};
