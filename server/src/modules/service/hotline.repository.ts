import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../org';
import { serviceCategory, serviceEvent, serviceRequest as r } from './request.tables';
import { serviceSetting } from './setting.tables';
import type { ServiceMeasureCounts } from './service.measures';

/** A stage is late when done after its due time, or not done, overdue at `now` and the request not suspended. */
function stageLate(done: SQL | typeof r.acceptedAt, due: typeof r.acceptDueAt, now: Date): SQL {
  return sql`(${due} is not null and ((${done} is not null and ${done} > ${due}) or (${done} is null and ${r.suspendedAt} is null and ${due} < ${now})))`;
}

/** The service_setting key of the hotline's category mapping: { items: [{ word, categoryId }] }. */
export const MAPPING_KEY = 'hotline_category_mapping';

export type RequestInsert = typeof r.$inferInsert;
export type EventInsert = typeof serviceEvent.$inferInsert;

/** The queries of the hotline slice (12345 import / export, demo) and of the service measures. */
export const hotlineRepository = {
  async categories(db: DbOrTx): Promise<{ id: string; code: string; name: string; bigClass: string; active: boolean }[]> {
    return db
      .select({ id: serviceCategory.id, code: serviceCategory.code, name: serviceCategory.name, bigClass: serviceCategory.bigClass, active: serviceCategory.active })
      .from(serviceCategory)
      .orderBy(asc(serviceCategory.sortOrder), asc(serviceCategory.code));
  },

  async hasDemoRequests(db: DbOrTx): Promise<boolean> {
    return (await db.select({ id: r.id }).from(r).where(eq(r.isDemo, true)).limit(1)).length > 0;
  },

  async categoryLimits(db: DbOrTx) {
    return db
      .select({ id: serviceCategory.id, code: serviceCategory.code, name: serviceCategory.name, bigClass: serviceCategory.bigClass, active: serviceCategory.active, acceptHours: serviceCategory.acceptHours, handleHours: serviceCategory.handleHours, replyHours: serviceCategory.replyHours })
      .from(serviceCategory)
      .orderBy(asc(serviceCategory.sortOrder), asc(serviceCategory.code));
  },

  /** The demo's year of requests and their timelines, in batches (one statement per 500 rows). */
  async insertDemo(tx: DbOrTx, requests: readonly RequestInsert[], events: readonly EventInsert[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 500) await tx.insert(r).values(requests.slice(i, i + 500));
    for (let i = 0; i < events.length; i += 1000) await tx.insert(serviceEvent).values(events.slice(i, i + 1000));
  },

  /** The hotline requests already holding these 工单编号 (the import's idempotency key). */
  async existingOrders(db: DbOrTx, refs: readonly string[]): Promise<Map<string, { id: string; trackingCode: string }>> {
    const out = new Map<string, { id: string; trackingCode: string }>();
    for (let i = 0; i < refs.length; i += 1000) {
      const rows = await db
        .select({ ref: r.externalRef, id: r.id, trackingCode: r.trackingCode })
        .from(r)
        .where(and(eq(r.source, 'hotline'), inArray(r.externalRef, refs.slice(i, i + 1000))));
      for (const x of rows) if (x.ref) out.set(x.ref, { id: x.id, trackingCode: x.trackingCode });
    }
    return out;
  },

  /** The 12345 center's own 办理时限 binds when it is earlier than the category's limit. */
  async tightenHandleDue(db: DbOrTx, id: string, due: Date): Promise<void> {
    await db
      .update(r)
      .set({ handleDueAt: due })
      .where(and(eq(r.id, id), sql`(${r.handleDueAt} is null or ${r.handleDueAt} > ${due})`));
  },

  /** Hotline requests called in [from, to), oldest first, with what the export writes back. */
  async exportRows(db: DbOrTx, from: Date, to: Date) {
    return db
      .select({
        externalRef: r.externalRef,
        submittedAt: r.submittedAt,
        categoryName: serviceCategory.name,
        description: r.description,
        address: r.address,
        lat: r.lat,
        lon: r.lon,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        handleDueAt: r.handleDueAt,
        state: r.state,
        handlingNote: r.handlingNote,
        replyText: r.replyText,
        repliedAt: r.repliedAt,
        unitName: orgUnit.name,
        satisfaction: r.satisfaction,
      })
      .from(r)
      .innerJoin(serviceCategory, eq(serviceCategory.id, r.categoryId))
      .leftJoin(orgUnit, eq(orgUnit.id, r.orgUnitId))
      .where(and(eq(r.source, 'hotline'), gte(r.submittedAt, from), lt(r.submittedAt, to)))
      .orderBy(asc(r.submittedAt), asc(r.externalRef));
  },

  async mapping(db: DbOrTx): Promise<{ version: number; items: { word: string; categoryId: string }[]; updatedAt: Date | null }> {
    const [row] = await db.select().from(serviceSetting).where(eq(serviceSetting.key, MAPPING_KEY));
    if (!row) return { version: 0, items: [], updatedAt: null };
    const items = Array.isArray(row.value.items) ? (row.value.items as { word: string; categoryId: string }[]) : [];
    return { version: row.version, items, updatedAt: row.updatedAt };
  },

  /** Saves the mapping if `version` is still the stored one (0 = none yet); false when someone saved in between. */
  async saveMapping(db: DbOrTx, version: number, items: readonly { word: string; categoryId: string }[], userId: string, at: Date): Promise<boolean> {
    const value = { items: items.map((i) => ({ word: i.word, categoryId: i.categoryId })) };
    if (version === 0) {
      const done = await db.insert(serviceSetting).values({ key: MAPPING_KEY, value, version: 1, updatedBy: userId, updatedAt: at }).onConflictDoNothing().returning({ key: serviceSetting.key });
      return done.length === 1;
    }
    const done = await db
      .update(serviceSetting)
      .set({ value, version: version + 1, updatedBy: userId, updatedAt: at })
      .where(and(eq(serviceSetting.key, MAPPING_KEY), eq(serviceSetting.version, version)))
      .returning({ key: serviceSetting.key });
    return done.length === 1;
  },

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
