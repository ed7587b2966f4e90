import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel (read only).
import { appUser, orgUnit } from '../../db/schema';
import { serviceCategory, serviceEvent, servicePhoto, serviceRequest } from './request.tables';
import { serviceApiKey } from './open311.tables';

export type ApiKeyRow = typeof serviceApiKey.$inferSelect;

export interface RequestFilter {
  /** service_request_id: overrides every other filter (the spec). */
  ids?: string[];
  codes?: string[];
  states?: string[];
  from?: Date;
  to?: Date;
  limit: number;
}

/** The reporter key under which a request submitted with an Open311 key is counted for that key's abuse limit. */
export const keyReporter = (keyId: string) => `open311:${keyId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request as Open311 shows it: its category, its team's name, the reason of its 不予受理, its first public photo. */
const requestColumns = {
  id: serviceRequest.id,
  state: serviceRequest.state,
  description: serviceRequest.description,
  address: serviceRequest.address,
  lat: serviceRequest.lat,
  lon: serviceRequest.lon,
  submittedAt: serviceRequest.submittedAt,
  updatedAt: serviceRequest.updatedAt,
  repliedAt: serviceRequest.repliedAt,
  closedAt: serviceRequest.closedAt,
  replyDueAt: serviceRequest.replyDueAt,
  replyText: serviceRequest.replyText,
  duplicateOfId: serviceRequest.duplicateOfId,
  categoryCode: serviceCategory.code,
  categoryName: serviceCategory.name,
  acceptHours: serviceCategory.acceptHours,
  handleHours: serviceCategory.handleHours,
  replyHours: serviceCategory.replyHours,
  teamName: orgUnit.name,
  rejectReason: sql<string | null>`(select ${serviceEvent.reason} from ${serviceEvent} where ${serviceEvent.requestId} = ${serviceRequest.id} and ${serviceEvent.action} = 'reject' order by ${serviceEvent.id} desc limit 1)`,
  photoId: sql<string | null>`(select ${servicePhoto.id} from ${servicePhoto} where ${servicePhoto.requestId} = ${serviceRequest.id} and ${servicePhoto.public} and ${servicePhoto.stage} = 'report' order by ${servicePhoto.uploadedAt}, ${servicePhoto.id} limit 1)`,
};
export interface Open311RequestRow {
  id: string;
  state: string;
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  submittedAt: Date;
  updatedAt: Date;
  repliedAt: Date | null;
  closedAt: Date | null;
  replyDueAt: Date | null;
  replyText: string | null;
  duplicateOfId: string | null;
  categoryCode: string;
  categoryName: string;
  acceptHours: number;
  handleHours: number;
  replyHours: number;
  teamName: string | null;
  rejectReason: string | null;
  photoId: string | null;
}

export const open311Repository = {
  activeCategories: (tx: DbOrTx) => tx.select().from(serviceCategory).where(eq(serviceCategory.active, true)).orderBy(asc(serviceCategory.sortOrder), asc(serviceCategory.code)),

  async categoryByCode(tx: DbOrTx, code: string) {
    const [r] = await tx.select().from(serviceCategory).where(eq(serviceCategory.code, code));
    return r;
  },

  /** Newest first (the spec's "most recent"), at most `limit`. */
  async requests(tx: DbOrTx, f: RequestFilter): Promise<Open311RequestRow[]> {
    const conds: SQL[] = [];
    if (f.ids) {
      // Not a uuid: no such request (and no cast error in the database).
      const ids = f.ids.filter((id) => UUID.test(id));
      if (ids.length === 0) return [];
      conds.push(inArray(serviceRequest.id, ids));
    } else {
      if (f.codes?.length) conds.push(inArray(serviceCategory.code, f.codes));
      if (f.states?.length) conds.push(inArray(serviceRequest.state, f.states));
      if (f.from) conds.push(gte(serviceRequest.submittedAt, f.from));
      if (f.to) conds.push(lte(serviceRequest.submittedAt, f.to));
    }
    const rows = await tx
      .select(requestColumns)
      .from(serviceRequest)
      .innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId))
      .leftJoin(orgUnit, eq(orgUnit.id, serviceRequest.orgUnitId))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(serviceRequest.submittedAt), desc(serviceRequest.id))
      .limit(f.limit);
    return rows satisfies Open311RequestRow[];
  },

  // ---- keys

  insertKey: (tx: DbOrTx, row: typeof serviceApiKey.$inferInsert) => tx.insert(serviceApiKey).values(row),

  async keyById(tx: DbOrTx, id: string): Promise<ApiKeyRow | undefined> {
    const [r] = await tx.select().from(serviceApiKey).where(eq(serviceApiKey.id, id));
    return r;
  },

  /** A key that is not revoked, by the hash of what the client sent. */
  async liveKeyByHash(tx: DbOrTx, keyHash: string): Promise<ApiKeyRow | undefined> {
    const [r] = await tx.select().from(serviceApiKey).where(and(eq(serviceApiKey.keyHash, keyHash), isNull(serviceApiKey.revokedAt)));
    return r;
  },

  /** Every key, newest first, with its creator's name and its use in the last hour. */
  listKeys: (tx: DbOrTx, since: Date) =>
    tx
      .select({
        key: serviceApiKey,
        createdByName: appUser.displayName,
        usedLastHour: sql<number>`(select count(*)::int from ${serviceRequest} where ${serviceRequest.reporterKey} = 'open311:' || ${serviceApiKey.id}::text and ${serviceRequest.submittedAt} > ${since})`,
      })
      .from(serviceApiKey)
      .leftJoin(appUser, eq(appUser.id, serviceApiKey.createdBy))
      .orderBy(desc(serviceApiKey.createdAt), desc(serviceApiKey.id)),

  revokeKey: (tx: DbOrTx, id: string, at: Date, by: string) => tx.update(serviceApiKey).set({ revokedAt: at, revokedBy: by }).where(eq(serviceApiKey.id, id)),

  touchKey: (tx: DbOrTx, id: string, at: Date) => tx.update(serviceApiKey).set({ lastUsedAt: at }).where(eq(serviceApiKey.id, id)),

  /** Requests submitted with the key since `since` (uses the reporter index). */
  async usedSince(tx: DbOrTx, keyId: string, since: Date): Promise<number> {
    const [r] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceRequest)
      .where(and(eq(serviceRequest.reporterKey, keyReporter(keyId)), gte(serviceRequest.submittedAt, since)));
    return r?.n ?? 0;
  },

  /** Serialises submissions of one key, so that two at once cannot both pass the last free place of its limit. */
  lockKey: (tx: DbOrTx, id: string) => tx.select({ id: serviceApiKey.id }).from(serviceApiKey).where(eq(serviceApiKey.id, id)).for('update'),
};
