import { and, asc, between, eq, inArray, isNotNull, ne, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../../db/schema';
import { serviceCategory, serviceEvent, serviceRequest } from './request.tables';
import { serviceSetting } from './setting.tables';
import { NOT_A_TARGET, type BBox, type DuplicateSettings } from './domain/duplicates';

/** A request as the duplicate search and the merge see it, with its team's path for the scope check. */
export interface DuplicateRow {
  id: string;
  trackingCode: string;
  state: string;
  source: string;
  categoryId: string;
  categoryName: string;
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  submittedAt: Date;
  orgUnitId: string | null;
  orgUnitName: string | null;
  /** Null for the city desk. */
  unitPath: string | null;
  duplicateOfId: string | null;
  handledAt: Date | null;
  repliedAt: Date | null;
  replyText: string | null;
  closedAt: Date | null;
  version: number;
}

const unit = alias(orgUnit, 'dup_unit');
const columns = {
  id: serviceRequest.id,
  trackingCode: serviceRequest.trackingCode,
  state: serviceRequest.state,
  source: serviceRequest.source,
  categoryId: serviceRequest.categoryId,
  categoryName: serviceCategory.name,
  description: serviceRequest.description,
  address: serviceRequest.address,
  lat: serviceRequest.lat,
  lon: serviceRequest.lon,
  submittedAt: serviceRequest.submittedAt,
  orgUnitId: serviceRequest.orgUnitId,
  orgUnitName: unit.name,
  unitPath: unit.path,
  duplicateOfId: serviceRequest.duplicateOfId,
  handledAt: serviceRequest.handledAt,
  repliedAt: serviceRequest.repliedAt,
  replyText: serviceRequest.replyText,
  closedAt: serviceRequest.closedAt,
  version: serviceRequest.version,
};

function base(tx: DbOrTx) {
  return tx.select(columns).from(serviceRequest).innerJoin(serviceCategory, eq(serviceCategory.id, serviceRequest.categoryId)).leftJoin(unit, eq(unit.id, serviceRequest.orgUnitId));
}

/** Stored in `service_setting` under this key. */
const SETTINGS_KEY = 'duplicates';

export const duplicateRepository = {
  async find(tx: DbOrTx, id: string): Promise<DuplicateRow | null> {
    const [r] = await base(tx).where(eq(serviceRequest.id, id)).limit(1);
    return r ?? null;
  },

  /**
   * The rows of the category inside the box and the time window, not the subject, not rejected or merged. The
   * (category_id, submitted_at) index narrows to the category's reports of those days; the box then keeps a few
   * streets' worth, and the caller applies the exact distance. `limit` bounds a pathological cluster (the same
   * pothole reported a thousand times), nearest-in-time first.
   */
  async candidates(tx: DbOrTx, q: { excludeId: string; categoryId: string; box: BBox; from: Date; to: Date; limit: number }): Promise<DuplicateRow[]> {
    return base(tx)
      .where(
        and(
          eq(serviceRequest.categoryId, q.categoryId),
          between(serviceRequest.submittedAt, q.from, q.to),
          between(serviceRequest.lat, q.box.minLat, q.box.maxLat),
          between(serviceRequest.lon, q.box.minLon, q.box.maxLon),
          ne(serviceRequest.id, q.excludeId),
          notInArray(serviceRequest.state, [...NOT_A_TARGET]),
        ),
      )
      .orderBy(asc(serviceRequest.submittedAt), asc(serviceRequest.id))
      .limit(q.limit);
  },

  /** How many requests are merged into each of `ids`. */
  async followerCounts(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await tx
      .select({ id: serviceRequest.duplicateOfId, n: sql<number>`count(*)::int` })
      .from(serviceRequest)
      .where(and(isNotNull(serviceRequest.duplicateOfId), inArray(serviceRequest.duplicateOfId, [...ids])))
      .groupBy(serviceRequest.duplicateOfId);
    return new Map(rows.map((r) => [r.id!, Number(r.n)]));
  },

  /** The requests merged into `targetId`, locked for the caller's transaction (they are about to change with it). */
  async followers(tx: DbOrTx, targetId: string): Promise<DuplicateRow[]> {
    return base(tx).where(eq(serviceRequest.duplicateOfId, targetId)).orderBy(asc(serviceRequest.submittedAt)).for('update', { of: serviceRequest });
  },

  async settings(tx: DbOrTx): Promise<(DuplicateSettings & { version: number; updatedAt: Date }) | null> {
    const [r] = await tx.select().from(serviceSetting).where(eq(serviceSetting.key, SETTINGS_KEY)).limit(1);
    if (!r) return null;
    return { distanceM: Number(r.value.distanceM), windowHours: Number(r.value.windowHours), version: r.version, updatedAt: r.updatedAt };
  },

  /**
   * Writes the settings if they are still at `version` (0: never written); false when someone else changed them
   * first. A concurrent first write loses on the primary key (ON CONFLICT DO NOTHING → false).
   */
  async saveSettings(tx: DbOrTx, version: number, s: DuplicateSettings, by: string, at: Date): Promise<boolean> {
    const value = { distanceM: s.distanceM, windowHours: s.windowHours };
    if (version === 0) {
      const r = await tx.insert(serviceSetting).values({ key: SETTINGS_KEY, value, version: 1, updatedBy: by, updatedAt: at }).onConflictDoNothing().returning({ key: serviceSetting.key });
      return r.length === 1;
    }
    const r = await tx
      .update(serviceSetting)
      .set({ value, version: sql`${serviceSetting.version} + 1`, updatedBy: by, updatedAt: at })
      .where(and(eq(serviceSetting.key, SETTINGS_KEY), eq(serviceSetting.version, version)))
      .returning({ key: serviceSetting.key });
    return r.length === 1;
  },

  /**
   * A merged request settles with its target (closed with the target's reply, or rejected with its reason): state,
   * answer, version and its own timeline event. Only while it is still `merged` (false otherwise).
   */
  async settleFollower(
    tx: DbOrTx,
    f: { id: string; state: 'closed' | 'rejected'; at: Date; replyText: string | null; repliedAt: Date | null; handledAt: Date | null; action: string; reason: string | null; payload: Record<string, unknown>; actorUserId: string | null; actorKind: string; orgUnitId: string | null },
  ): Promise<boolean> {
    const r = await tx
      .update(serviceRequest)
      .set({ state: f.state, closedAt: f.at, replyText: f.replyText, repliedAt: f.repliedAt, handledAt: f.handledAt, updatedAt: f.at, version: sql`${serviceRequest.version} + 1` })
      .where(and(eq(serviceRequest.id, f.id), eq(serviceRequest.state, 'merged')))
      .returning({ id: serviceRequest.id });
    if (r.length === 0) return false;
    await tx.insert(serviceEvent).values({ requestId: f.id, action: f.action, fromState: 'merged', toState: f.state, actorUserId: f.actorUserId, actorKind: f.actorKind, orgUnitId: f.orgUnitId, reason: f.reason, payload: f.payload, at: f.at });
    return true;
  },
};
