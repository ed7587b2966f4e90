import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables come through the schema barrel (the shared schema), never past their index.ts.
import { appUser, ledgerPerson, orgUnit } from '../../db/schema';
import { trackingAlert, trackingCheckpoint, trackingShift } from './tracking.tables';

/** Duty schedules, checkpoints and alerts: the queries of tracking.duty.ts and tracking.analytics.ts (drizzle). */

export interface ShiftRow {
  id: string;
  orgUnitId: string;
  personId: string;
  personName: string;
  areaUnitId: string;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
  version: number;
  isDemo: boolean;
}
export type ShiftRecord = typeof trackingShift.$inferSelect;
export type AlertRecord = typeof trackingAlert.$inferSelect;
export type CheckpointRecord = typeof trackingCheckpoint.$inferSelect;

const shiftColumns = {
  id: trackingShift.id,
  orgUnitId: trackingShift.orgUnitId,
  personId: trackingShift.personId,
  personName: ledgerPerson.name,
  areaUnitId: trackingShift.areaUnitId,
  startsAt: trackingShift.startsAt,
  endsAt: trackingShift.endsAt,
  note: trackingShift.note,
  version: trackingShift.version,
  isDemo: trackingShift.isDemo,
};

/** Shifts overlapping [from, to): `startsAt < to AND endsAt > from`. */
const overlapping = (from: Date, to: Date) => and(lt(trackingShift.startsAt, to), sql`${trackingShift.endsAt} > ${from}`) as SQL;
const under = (path: string) => sql`${orgUnit.path} LIKE ${path + '%'}`;

async function namesById(rows: Promise<{ id: string; name: string }[]>): Promise<Map<string, string>> {
  return new Map((await rows).map((r) => [r.id, r.name]));
}

export const trackingDutyRepository = {
  // ------------------------------------------------------------ shifts
  async shift(tx: DbOrTx, id: string): Promise<ShiftRow | null> {
    const [s] = await tx.select(shiftColumns).from(trackingShift).innerJoin(ledgerPerson, eq(ledgerPerson.id, trackingShift.personId)).where(eq(trackingShift.id, id));
    return s ?? null;
  },
  async shiftRecord(tx: DbOrTx, id: string): Promise<ShiftRecord | null> {
    const [s] = await tx.select().from(trackingShift).where(eq(trackingShift.id, id));
    return s ?? null;
  },
  /** Shifts of the teams under a path overlapping a period, oldest first. */
  async shiftsUnder(tx: DbOrTx, path: string, from: Date, to: Date): Promise<ShiftRow[]> {
    return tx
      .select(shiftColumns)
      .from(trackingShift)
      .innerJoin(ledgerPerson, eq(ledgerPerson.id, trackingShift.personId))
      .innerJoin(orgUnit, eq(orgUnit.id, trackingShift.orgUnitId))
      .where(and(under(path), overlapping(from, to)))
      .orderBy(trackingShift.startsAt);
  },
  async shiftsOfPerson(tx: DbOrTx, personId: string, from: Date, to: Date): Promise<ShiftRow[]> {
    return tx
      .select(shiftColumns)
      .from(trackingShift)
      .innerJoin(ledgerPerson, eq(ledgerPerson.id, trackingShift.personId))
      .where(and(eq(trackingShift.personId, personId), overlapping(from, to)))
      .orderBy(trackingShift.startsAt);
  },
  /** A person's shifts overlapping a period (to refuse a second duty at the same time). */
  async shiftClashes(tx: DbOrTx, personId: string, from: Date, to: Date): Promise<{ id: string; startsAt: Date; endsAt: Date }[]> {
    return tx
      .select({ id: trackingShift.id, startsAt: trackingShift.startsAt, endsAt: trackingShift.endsAt })
      .from(trackingShift)
      .where(and(eq(trackingShift.personId, personId), overlapping(from, to)));
  },
  async insertShift(tx: DbOrTx, v: typeof trackingShift.$inferInsert): Promise<void> {
    await tx.insert(trackingShift).values(v);
  },
  async updateShift(tx: DbOrTx, id: string, set: Partial<typeof trackingShift.$inferInsert>): Promise<void> {
    await tx.update(trackingShift).set(set).where(eq(trackingShift.id, id));
  },
  async deleteShift(tx: DbOrTx, id: string): Promise<void> {
    await tx.delete(trackingShift).where(eq(trackingShift.id, id));
  },
  async shiftHasAlerts(tx: DbOrTx, shiftId: string): Promise<boolean> {
    const [a] = await tx.select({ id: trackingAlert.id }).from(trackingAlert).where(eq(trackingAlert.shiftId, shiftId)).limit(1);
    return a !== undefined;
  },
  /** Shifts started before `now` that end at or after `endedSince`, with their area's geometry and path. */
  async shiftsToEvaluate(tx: DbOrTx, now: Date, endedSince: Date) {
    return tx
      .select({ s: trackingShift, area: orgUnit.geometry, path: orgUnit.path })
      .from(trackingShift)
      .innerJoin(orgUnit, eq(orgUnit.id, trackingShift.areaUnitId))
      .where(and(lt(trackingShift.startsAt, now), gte(trackingShift.endsAt, endedSince)));
  },

  // ------------------------------------------------------------ names for the responses
  unitNames: (tx: DbOrTx, ids: string[]) => (ids.length ? namesById(tx.select({ id: orgUnit.id, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.id, ids))) : Promise.resolve(new Map<string, string>())),
  personNames: (tx: DbOrTx, ids: string[]) => (ids.length ? namesById(tx.select({ id: ledgerPerson.id, name: ledgerPerson.name }).from(ledgerPerson).where(inArray(ledgerPerson.id, ids))) : Promise.resolve(new Map<string, string>())),
  userNames: (tx: DbOrTx, ids: string[]) => (ids.length ? namesById(tx.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(inArray(appUser.id, ids))) : Promise.resolve(new Map<string, string>())),

  // ------------------------------------------------------------ checkpoints
  async activeCheckpointsOfTeam(tx: DbOrTx, teamId: string): Promise<CheckpointRecord[]> {
    return tx.select().from(trackingCheckpoint).where(and(eq(trackingCheckpoint.orgUnitId, teamId), eq(trackingCheckpoint.active, true)));
  },
  async activeCheckpointsUnder(tx: DbOrTx, path: string) {
    return tx
      .select({ id: trackingCheckpoint.id, orgUnitId: trackingCheckpoint.orgUnitId, name: trackingCheckpoint.name, lat: trackingCheckpoint.lat, lon: trackingCheckpoint.lon, radiusM: trackingCheckpoint.radiusM, active: trackingCheckpoint.active })
      .from(trackingCheckpoint)
      .innerJoin(orgUnit, eq(orgUnit.id, trackingCheckpoint.orgUnitId))
      .where(and(under(path), eq(trackingCheckpoint.active, true)))
      .orderBy(trackingCheckpoint.name);
  },
  async checkpoint(tx: DbOrTx, id: string): Promise<CheckpointRecord | null> {
    const [c] = await tx.select().from(trackingCheckpoint).where(eq(trackingCheckpoint.id, id));
    return c ?? null;
  },
  async insertCheckpoint(tx: DbOrTx, v: typeof trackingCheckpoint.$inferInsert): Promise<void> {
    await tx.insert(trackingCheckpoint).values(v);
  },
  async retireCheckpoint(tx: DbOrTx, id: string, at: Date, version: number): Promise<void> {
    await tx.update(trackingCheckpoint).set({ active: false, updatedAt: at, version }).where(eq(trackingCheckpoint.id, id));
  },

  // ------------------------------------------------------------ alerts
  async alertsUnder(tx: DbOrTx, f: { path: string; status?: 'open' | 'acknowledged' | 'all'; from?: Date; to?: Date; limit: number }): Promise<AlertRecord[]> {
    const conds: SQL[] = [under(f.path)];
    if (f.status === 'open' || f.status === undefined) conds.push(isNull(trackingAlert.acknowledgedAt));
    if (f.status === 'acknowledged') conds.push(sql`${trackingAlert.acknowledgedAt} IS NOT NULL`);
    if (f.from) conds.push(or(isNull(trackingAlert.until), gte(trackingAlert.until, f.from)) as SQL);
    if (f.to) conds.push(lt(trackingAlert.since, f.to));
    const list = await tx.select({ a: trackingAlert }).from(trackingAlert).innerJoin(orgUnit, eq(orgUnit.id, trackingAlert.orgUnitId)).where(and(...conds)).orderBy(desc(trackingAlert.since)).limit(f.limit);
    return list.map((r) => r.a);
  },
  async alert(tx: DbOrTx, id: string): Promise<AlertRecord | null> {
    const [a] = await tx.select().from(trackingAlert).where(eq(trackingAlert.id, id));
    return a ?? null;
  },
  async acknowledgeAlert(tx: DbOrTx, id: string, by: string, note: string, at: Date): Promise<void> {
    await tx.update(trackingAlert).set({ acknowledgedAt: at, acknowledgedBy: by, ackNote: note, updatedAt: at }).where(eq(trackingAlert.id, id));
  },
  async alertsOfShift(tx: DbOrTx, shiftId: string): Promise<AlertRecord[]> {
    return tx.select().from(trackingAlert).where(eq(trackingAlert.shiftId, shiftId));
  },
  async updateAlertEnd(tx: DbOrTx, id: string, until: Date | null, durationMs: number, at: Date): Promise<void> {
    await tx.update(trackingAlert).set({ until, durationMs, updatedAt: at }).where(eq(trackingAlert.id, id));
  },
  /** Inserts an alert unless another instance raised the same one first (then null). */
  async insertAlert(tx: DbOrTx, v: typeof trackingAlert.$inferInsert): Promise<AlertRecord | null> {
    const [row] = await tx.insert(trackingAlert).values(v).onConflictDoNothing().returning();
    return row ?? null;
  },
};
