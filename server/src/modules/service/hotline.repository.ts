import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../org';
import { serviceRequest as r } from './request.tables';
import type { ServiceMeasureCounts } from './service.measures';

/** A stage is late when done after its due time, or not done, overdue at `now` and the request not suspended. */
function stageLate(done: SQL | typeof r.acceptedAt, due: typeof r.acceptDueAt, now: Date): SQL {
  return sql`(${due} is not null and ((${done} is not null and ${done} > ${due}) or (${done} is null and ${r.suspendedAt} is null and ${due} < ${now})))`;
}

/** The queries of the hotline slice (12345 import / export) and of the service measures. */
export const hotlineRepository = {
  async unit(db: DbOrTx, id: string): Promise<{ id: string; path: string; name: string } | null> {
    const [u] = await db.select({ id: orgUnit.id, path: orgUnit.path, name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.id, id));
    return u ?? null;
  },

  /** Counts for the units whose path starts with `path` (a team, a district or the bureau), submitted / rated in [from, to). */
  async measureCounts(db: DbOrTx, path: string, from: Date, to: Date, now: Date): Promise<ServiceMeasureCounts> {
    const late = sql`(${stageLate(r.acceptedAt, r.acceptDueAt, now)} or ${stageLate(r.handledAt, r.handleDueAt, now)} or ${stageLate(r.repliedAt, r.replyDueAt, now)})`;
    const inScope = sql`${orgUnit.path} LIKE ${path + '%'}`;
    const [resp] = await db
      .select({
        late: sql<number>`count(*) filter (where ${late})::int`,
        onTime: sql<number>`count(*) filter (where not ${late} and ${r.repliedAt} is not null)::int`,
        all: sql<number>`count(*)::int`,
      })
      .from(r)
      .innerJoin(orgUnit, eq(orgUnit.id, r.orgUnitId))
      .where(and(inScope, gte(r.submittedAt, from), lt(r.submittedAt, to), sql`${r.state} not in ('rejected', 'merged')`));
    const [rate] = await db
      .select({
        rated: sql<number>`count(*)::int`,
        satisfied: sql<number>`count(*) filter (where ${r.satisfaction} = 'satisfied')::int`,
        basicallySatisfied: sql<number>`count(*) filter (where ${r.satisfaction} = 'basically_satisfied')::int`,
        dissatisfied: sql<number>`count(*) filter (where ${r.satisfaction} = 'dissatisfied')::int`,
      })
      .from(r)
      .innerJoin(orgUnit, eq(orgUnit.id, r.orgUnitId))
      .where(and(inScope, sql`${r.satisfaction} is not null`, gte(r.ratedAt, from), lt(r.ratedAt, to)));
    const l = resp?.late ?? 0;
    const o = resp?.onTime ?? 0;
    return {
      onTime: o,
      late: l,
      pending: (resp?.all ?? 0) - l - o,
      rated: rate?.rated ?? 0,
      satisfied: rate?.satisfied ?? 0,
      basicallySatisfied: rate?.basicallySatisfied ?? 0,
      dissatisfied: rate?.dissatisfied ?? 0,
    };
  },
};
