import { and, asc, eq, gt, inArray, lt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Devices and persons are read through the modules' public tables (tracking's index, the schema barrel).
import { trackingDevice } from '../tracking';
import { caseEvent, ledgerPerson, orgUnit } from '../../db/schema';
import { bodyCamClip, caseStepClip } from './evidence.tables';

export type ClipRow = typeof bodyCamClip.$inferSelect;
export type LinkRow = typeof caseStepClip.$inferSelect;

export const clipsRepository = {
  async findDevice(tx: DbOrTx, id: string) {
    return (await tx.select({ id: trackingDevice.id, kind: trackingDevice.kind, orgUnitId: trackingDevice.orgUnitId, unitPath: orgUnit.path }).from(trackingDevice).leftJoin(orgUnit, eq(orgUnit.id, trackingDevice.orgUnitId)).where(eq(trackingDevice.id, id)))[0];
  },
  async findPerson(tx: DbOrTx, id: string) {
    return (await tx.select({ id: ledgerPerson.id, name: ledgerPerson.name, unitPath: orgUnit.path }).from(ledgerPerson).innerJoin(orgUnit, eq(orgUnit.id, ledgerPerson.orgUnitId)).where(eq(ledgerPerson.id, id)))[0];
  },
  async find(tx: DbOrTx, id: string) {
    return (await tx.select({ c: bodyCamClip, unitPath: orgUnit.path }).from(bodyCamClip).innerJoin(orgUnit, eq(orgUnit.id, bodyCamClip.orgUnitId)).where(eq(bodyCamClip.id, id)))[0];
  },
  async insert(tx: DbOrTx, row: ClipRow) {
    await tx.insert(bodyCamClip).values(row);
  },
  async setFile(tx: DbOrTx, id: string, f: { fileName: string; mimeType: string; sizeBytes: number }) {
    await tx.update(bodyCamClip).set(f).where(eq(bodyCamClip.id, id));
  },
  /** Clips of these officers overlapping [from, to] (an instant: running at it). */
  async ofOfficers(tx: DbOrTx, officerIds: readonly string[], from: Date, to: Date): Promise<ClipRow[]> {
    if (officerIds.length === 0) return [];
    const within = from.getTime() === to.getTime() ? and(lte(bodyCamClip.startAt, from), gt(bodyCamClip.endAt, from)) : and(lt(bodyCamClip.startAt, to), gt(bodyCamClip.endAt, from));
    return tx.select().from(bodyCamClip).where(and(inArray(bodyCamClip.officerId, [...officerIds]), within)).orderBy(asc(bodyCamClip.startAt), asc(bodyCamClip.id));
  },
  /** Clips linked by hand to steps of the case overlapping [from, to]. */
  async linkedToCase(tx: DbOrTx, caseId: string, from: Date, to: Date): Promise<ClipRow[]> {
    const within = from.getTime() === to.getTime() ? and(lte(bodyCamClip.startAt, from), gt(bodyCamClip.endAt, from)) : and(lt(bodyCamClip.startAt, to), gt(bodyCamClip.endAt, from));
    return (await tx.selectDistinct({ c: bodyCamClip }).from(caseStepClip).innerJoin(bodyCamClip, eq(bodyCamClip.id, caseStepClip.clipId)).where(and(eq(caseStepClip.caseId, caseId), eq(caseStepClip.how, 'manual'), within))).map((r) => r.c);
  },
  async step(tx: DbOrTx, caseId: string, eventId: number) {
    return (await tx.select({ id: caseEvent.id, action: caseEvent.action, at: caseEvent.at, officers: caseEvent.officers, payload: caseEvent.payload }).from(caseEvent).where(and(eq(caseEvent.caseId, caseId), eq(caseEvent.id, eventId))))[0];
  },
  /** The steps of a case taken by officers (the ones clips can belong to), in order. */
  stepsOf: (tx: DbOrTx, caseId: string) =>
    tx.select({ id: caseEvent.id, action: caseEvent.action, onDate: caseEvent.onDate, at: caseEvent.at, officers: caseEvent.officers, payload: caseEvent.payload }).from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id)),
  async link(tx: DbOrTx, rows: LinkRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    return (await tx.insert(caseStepClip).values(rows).onConflictDoNothing().returning({ clipId: caseStepClip.clipId })).length;
  },
  linksOfCase: (tx: DbOrTx, caseId: string) =>
    tx.select({ l: caseStepClip, c: bodyCamClip }).from(caseStepClip).innerJoin(bodyCamClip, eq(bodyCamClip.id, caseStepClip.clipId)).where(eq(caseStepClip.caseId, caseId)).orderBy(asc(caseStepClip.stepEventId), asc(bodyCamClip.startAt)),
};
