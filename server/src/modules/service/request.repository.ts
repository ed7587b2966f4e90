import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel, never past their index.ts.
import { appUser, enforcementCase, orgUnit } from '../../db/schema';
import { serviceCategory, serviceEvent, servicePhoto, serviceRequest } from './request.tables';

/** Queries of the service module's core (drizzle). */

export type RequestRow = typeof serviceRequest.$inferSelect;
export type RequestInsert = typeof serviceRequest.$inferInsert;
export type CategoryRow = typeof serviceCategory.$inferSelect;
export type PhotoRow = typeof servicePhoto.$inferSelect;

/** A request with what every view needs beside it: its category and its team (name and path, for scope). */
export interface RequestWithRefs {
  r: RequestRow;
  categoryCode: string;
  categoryName: string;
  categoryBigClass: string;
  /** The category's limits (working hours): the 即将超期 point is a share of the running stage's limit. */
  limits: { accept: number; handle: number; reply: number };
  unitName: string | null;
  unitPath: string | null;
}

export interface ListFilter {
  /** Scope: teams under this path; `desk` too: also the city desk's unrouted requests. */
  scopePath: string;
  desk: boolean;
  states?: string[] | undefined;
  /** A unit's subtree, or 'desk' for the unrouted ones. */
  unitPath?: string | 'desk' | undefined;
  categoryId?: string | undefined;
  source?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  overdueAt?: Date | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

const selection = {
  r: serviceRequest,
  categoryCode: serviceCategory.code,
  categoryName: serviceCategory.name,
  categoryBigClass: serviceCategory.bigClass,
  limits: { accept: serviceCategory.acceptHours, handle: serviceCategory.handleHours, reply: serviceCategory.replyHours },
  unitName: orgUnit.name,
  unitPath: orgUnit.path,
};

/**
 * The running clock is past its due time (workflow.dueFlag in SQL): a suspended report by the clock it was
 * suspended on, standing at the moment of the suspension.
 */
export function overdueCondition(now: Date): SQL {
  const suspended = sql`${serviceRequest.state} = 'suspended'`;
  const st = sql`case when ${suspended} then ${serviceRequest.suspendedFromState} else ${serviceRequest.state} end`;
  const at = sql`case when ${suspended} then coalesce(${serviceRequest.suspendedAt}, ${now}) else ${now} end`;
  return sql`(
    (${st} = 'submitted' and ${serviceRequest.acceptDueAt} < ${at})
    or (${st} in ('dispatched', 'handling') and ${serviceRequest.handleDueAt} < ${at})
    or (${st} = 'handled' and ${serviceRequest.replyDueAt} < ${at})
  )`;
}

export const requestRepository = {
  async findCategory(tx: DbOrTx, id: string): Promise<CategoryRow | null> {
    const [c] = await tx.select().from(serviceCategory).where(eq(serviceCategory.id, id));
    return c ?? null;
  },

  async findUnit(tx: DbOrTx, id: string): Promise<{ id: string; name: string; path: string; kind: string; validTo: string | null } | null> {
    const [u] = await tx.select({ id: orgUnit.id, name: orgUnit.name, path: orgUnit.path, kind: orgUnit.kind, validTo: orgUnit.validTo }).from(orgUnit).where(eq(orgUnit.id, id));
    return u ?? null;
  },

  async trackingCodeTaken(tx: DbOrTx, code: string): Promise<boolean> {
    const [r] = await tx.select({ id: serviceRequest.id }).from(serviceRequest).where(eq(serviceRequest.trackingCode, code));
    return !!r;
  },

  async insert(tx: DbOrTx, row: RequestInsert): Promise<void> {
    await tx.insert(serviceRequest).values(row);
  },

  /** Several new reports at once (the group commit of submit). */
  async insertMany(tx: DbOrTx, rows: readonly RequestInsert[]): Promise<void> {
    if (rows.length) await tx.insert(serviceRequest).values([...rows]);
  },

  async insertEvents(tx: DbOrTx, rows: readonly (typeof serviceEvent.$inferInsert)[]): Promise<void> {
    if (rows.length) await tx.insert(serviceEvent).values([...rows]);
  },

  /** Reports by id with their category and team, one query. */
  async findMany(tx: DbOrTx, ids: readonly string[]): Promise<RequestWithRefs[]> {
    if (!ids.length) return [];
    return tx.select(selection).from(serviceRequest).innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId)).leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId)).where(inArray(serviceRequest.id, [...ids]));
  },

  /** Optimistic: writes only when the stored version is `version`; bumps it. */
  async update(tx: DbOrTx, id: string, version: number, patch: Partial<RequestInsert>): Promise<boolean> {
    const r = await tx
      .update(serviceRequest)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(serviceRequest.id, id), eq(serviceRequest.version, version)))
      .returning({ id: serviceRequest.id });
    return r.length === 1;
  },

  async find(tx: DbOrTx, where: SQL, lock = false): Promise<RequestWithRefs | null> {
    const q = tx.select(selection).from(serviceRequest).innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId)).leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId)).where(where);
    const [r] = lock ? await q.for('update', { of: serviceRequest }) : await q;
    return r ?? null;
  },
  byId: (id: string) => eq(serviceRequest.id, id),
  byTrackingCode: (code: string) => eq(serviceRequest.trackingCode, code),

  async insertEvent(tx: DbOrTx, row: typeof serviceEvent.$inferInsert): Promise<void> {
    await tx.insert(serviceEvent).values(row);
  },

  async events(tx: DbOrTx, requestId: string) {
    return tx
      .select({ e: serviceEvent, actorName: appUser.displayName, unitName: orgUnit.name })
      .from(serviceEvent)
      .leftJoin(appUser, eq(appUser.id, serviceEvent.actorUserId))
      .leftJoin(orgUnit, eq(orgUnit.id, serviceEvent.orgUnitId))
      .where(eq(serviceEvent.requestId, requestId))
      .orderBy(asc(serviceEvent.id));
  },

  async photos(tx: DbOrTx, requestId: string): Promise<PhotoRow[]> {
    return tx.select().from(servicePhoto).where(eq(servicePhoto.requestId, requestId)).orderBy(asc(servicePhoto.uploadedAt), asc(servicePhoto.id));
  },
  async photo(tx: DbOrTx, requestId: string, photoId: string): Promise<PhotoRow | null> {
    const [p] = await tx.select().from(servicePhoto).where(and(eq(servicePhoto.requestId, requestId), eq(servicePhoto.id, photoId)));
    return p ?? null;
  },
  async insertPhoto(tx: DbOrTx, row: typeof servicePhoto.$inferInsert): Promise<void> {
    await tx.insert(servicePhoto).values(row);
  },

  /** Number and state of the linked enforcement case (read through the schema barrel: the case module's table). */
  async caseRef(tx: DbOrTx, caseId: string): Promise<{ id: string; number: string | null; state: string } | null> {
    const [c] = await tx.select({ id: enforcementCase.id, caseNo: enforcementCase.caseNo, leadNo: enforcementCase.leadNo, state: enforcementCase.state }).from(enforcementCase).where(eq(enforcementCase.id, caseId));
    return c ? { id: c.id, number: c.caseNo ?? c.leadNo, state: c.state } : null;
  },

  async list(tx: DbOrTx, f: ListFilter): Promise<{ rows: RequestWithRefs[]; total: number }> {
    const inScope = sql`${orgUnit.path} like ${`${f.scopePath}%`}`;
    const conds: SQL[] = [f.desk ? (or(inScope, isNull(serviceRequest.orgUnitId)) as SQL) : inScope];
    if (f.states?.length) conds.push(inArray(serviceRequest.state, f.states));
    if (f.unitPath === 'desk') conds.push(isNull(serviceRequest.orgUnitId));
    else if (f.unitPath) conds.push(sql`${orgUnit.path} like ${`${f.unitPath}%`}`);
    if (f.categoryId) conds.push(eq(serviceRequest.categoryId, f.categoryId));
    if (f.source) conds.push(eq(serviceRequest.source, f.source));
    if (f.from) conds.push(gte(serviceRequest.submittedAt, f.from));
    if (f.to) conds.push(lt(serviceRequest.submittedAt, f.to));
    if (f.overdueAt) conds.push(overdueCondition(f.overdueAt));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(or(eq(serviceRequest.trackingCode, f.q.toUpperCase()), eq(serviceRequest.externalRef, f.q), ilike(serviceRequest.description, like), ilike(serviceRequest.address, like)) as SQL);
    }
    const where = and(...conds);
    const base = () => tx.select(selection).from(serviceRequest).innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId)).leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId));
    const rows = await base().where(where).orderBy(desc(serviceRequest.submittedAt), desc(serviceRequest.id)).limit(f.limit).offset(f.offset);
    const [t] = await tx.select({ n: count() }).from(serviceRequest).leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId)).where(where);
    return { rows, total: Number(t?.n ?? 0) };
  },
};
