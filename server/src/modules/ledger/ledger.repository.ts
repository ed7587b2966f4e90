import { and, asc, count, desc, eq, ilike, inArray, isNotNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../../db/schema'; // another module's table: through the schema barrel
import { BUILTIN_ROOM_TYPES, type Ledger } from './domain/ledger-kinds';
import { ledgerAsset, ledgerAssetTransfer, ledgerImport, ledgerOffice, ledgerPerson, ledgerPhoto, ledgerRoom, ledgerSignage, roomType } from './ledger.tables';

export const LEDGER_TABLES = { persons: ledgerPerson, offices: ledgerOffice, rooms: ledgerRoom, signage: ledgerSignage, assets: ledgerAsset } as const;
type Tables = typeof LEDGER_TABLES;
export type RowOf<L extends Ledger> = Tables[L]['$inferSelect'];
export type NewRowOf<L extends Ledger> = Tables[L]['$inferInsert'];
export type PersonRow = RowOf<'persons'>;
export type AssetRow = RowOf<'assets'>;
export type ImportRow = typeof ledgerImport.$inferSelect;
export type PhotoRow = typeof ledgerPhoto.$inferSelect;
export type TransferRow = typeof ledgerAssetTransfer.$inferSelect;

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  path: string;
  kind: string;
}
export interface WithUnit<R> {
  row: R;
  unitName: string;
  unitCode: string;
  unitPath: string;
}

export interface ListFilter {
  /** Subtree to list (a unit's path); the caller has already intersected it with the actor's scope. */
  pathPrefix: string;
  status?: string | undefined;
  type?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

// The five ledger tables share id / org_unit_id / version / updated_at; queries over "any ledger" are built
// on one of them and typed back to the ledger's own row type.
const anyTable = (ledger: Ledger) => LEDGER_TABLES[ledger] as unknown as typeof ledgerAsset;

function filters(ledger: Ledger, f: Pick<ListFilter, 'status' | 'type' | 'q'>): SQL[] {
  const out: SQL[] = [];
  const q = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  switch (ledger) {
    case 'persons':
      if (f.status) out.push(eq(ledgerPerson.status, f.status));
      if (f.type) out.push(eq(ledgerPerson.kind, f.type));
      if (q) out.push(or(ilike(ledgerPerson.name, q), ilike(ledgerPerson.certificateNo, q), ilike(ledgerPerson.position, q))!);
      break;
    case 'offices':
      if (q) out.push(or(ilike(ledgerOffice.name, q), ilike(ledgerOffice.address, q))!);
      break;
    case 'rooms':
      if (f.type) out.push(eq(ledgerRoom.type, f.type));
      if (q) out.push(or(ilike(ledgerRoom.name, q), ilike(ledgerRoom.type, q))!);
      break;
    case 'signage':
      if (f.type) out.push(eq(ledgerSignage.type, f.type));
      if (f.status) out.push(eq(ledgerSignage.conforms, f.status === 'conforming'));
      if (q) out.push(or(ilike(ledgerSignage.type, q), ilike(ledgerSignage.location, q))!);
      break;
    case 'assets':
      if (f.status) out.push(eq(ledgerAsset.status, f.status));
      if (f.type) out.push(eq(ledgerAsset.type, f.type));
      if (q) out.push(or(ilike(ledgerAsset.serial, q), ilike(ledgerAsset.model, q), ilike(ledgerAsset.plate, q), ilike(ledgerAsset.deviceId, q))!);
      break;
  }
  return out;
}

const unitCols = { unitName: orgUnit.name, unitCode: orgUnit.code, unitPath: orgUnit.path };

export const ledgerRepository = {
  async findUnit(tx: DbOrTx, id: string): Promise<UnitRef | undefined> {
    return (await tx.select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, path: orgUnit.path, kind: orgUnit.kind }).from(orgUnit).where(eq(orgUnit.id, id)))[0];
  },
  /** Street teams under a path (the actor's scope), current ones only. */
  teamsUnder(tx: DbOrTx, pathPrefix: string): Promise<UnitRef[]> {
    return tx
      .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, path: orgUnit.path, kind: orgUnit.kind })
      .from(orgUnit)
      .where(and(eq(orgUnit.kind, 'team'), like(orgUnit.path, `${pathPrefix}%`)))
      .orderBy(asc(orgUnit.code));
  },

  async list<L extends Ledger>(tx: DbOrTx, ledger: L, f: ListFilter): Promise<{ items: WithUnit<RowOf<L>>[]; total: number }> {
    const t = anyTable(ledger);
    const where = and(like(orgUnit.path, `${f.pathPrefix}%`), ...filters(ledger, f));
    const [rows, totals] = await Promise.all([
      tx.select({ row: t, ...unitCols }).from(t).innerJoin(orgUnit, eq(orgUnit.id, t.orgUnitId)).where(where).orderBy(asc(orgUnit.code), asc(t.createdAt), asc(t.id)).limit(f.limit).offset(f.offset),
      tx.select({ n: count() }).from(t).innerJoin(orgUnit, eq(orgUnit.id, t.orgUnitId)).where(where),
    ]);
    return { items: rows as unknown as WithUnit<RowOf<L>>[], total: Number(totals[0]?.n ?? 0) };
  },
  async find<L extends Ledger>(tx: DbOrTx, ledger: L, id: string): Promise<WithUnit<RowOf<L>> | undefined> {
    const t = anyTable(ledger);
    const rows = await tx.select({ row: t, ...unitCols }).from(t).innerJoin(orgUnit, eq(orgUnit.id, t.orgUnitId)).where(eq(t.id, id));
    return rows[0] as unknown as WithUnit<RowOf<L>> | undefined;
  },
  async insert<L extends Ledger>(tx: DbOrTx, ledger: L, rows: NewRowOf<L>[]) {
    const t = anyTable(ledger);
    for (let i = 0; i < rows.length; i += 500) await tx.insert(t).values(rows.slice(i, i + 500) as unknown as (typeof ledgerAsset.$inferInsert)[]);
  },
  /** Optimistic update: only when the stored version is `version`; returns the new row or undefined (stale). */
  async updateVersioned<L extends Ledger>(tx: DbOrTx, ledger: L, id: string, version: number, patch: Partial<NewRowOf<L>>): Promise<RowOf<L> | undefined> {
    const t = anyTable(ledger);
    const rows = await tx
      .update(t)
      .set({ ...(patch as Partial<typeof ledgerAsset.$inferInsert>), version: version + 1 })
      .where(and(eq(t.id, id), eq(t.version, version)))
      .returning();
    return rows[0] as unknown as RowOf<L> | undefined;
  },

  async personsByIds(tx: DbOrTx, ids: string[]) {
    return ids.length ? tx.select({ id: ledgerPerson.id, name: ledgerPerson.name, orgUnitId: ledgerPerson.orgUnitId, certificateNo: ledgerPerson.certificateNo }).from(ledgerPerson).where(inArray(ledgerPerson.id, ids)) : [];
  },
  async officesByIds(tx: DbOrTx, ids: string[]) {
    return ids.length ? tx.select({ id: ledgerOffice.id, name: ledgerOffice.name, orgUnitId: ledgerOffice.orgUnitId }).from(ledgerOffice).where(inArray(ledgerOffice.id, ids)) : [];
  },
  personsOfUnits: (tx: DbOrTx, unitIds: string[]) =>
    unitIds.length ? tx.select({ id: ledgerPerson.id, name: ledgerPerson.name, orgUnitId: ledgerPerson.orgUnitId, certificateNo: ledgerPerson.certificateNo, status: ledgerPerson.status }).from(ledgerPerson).where(inArray(ledgerPerson.orgUnitId, unitIds)) : Promise.resolve([]),
  officesOfUnits: (tx: DbOrTx, unitIds: string[]) =>
    unitIds.length ? tx.select({ id: ledgerOffice.id, name: ledgerOffice.name, orgUnitId: ledgerOffice.orgUnitId }).from(ledgerOffice).where(inArray(ledgerOffice.orgUnitId, unitIds)) : Promise.resolve([]),

  /** Natural-key lookups for duplicate checks. */
  async findPersonByIdNumber(tx: DbOrTx, idNumber: string) {
    return (await tx.select({ id: ledgerPerson.id }).from(ledgerPerson).where(eq(ledgerPerson.idNumber, idNumber)))[0];
  },
  async findPersonByCertificate(tx: DbOrTx, certificateNo: string) {
    return (await tx.select({ id: ledgerPerson.id }).from(ledgerPerson).where(eq(ledgerPerson.certificateNo, certificateNo)))[0];
  },
  async findAssetBySerial(tx: DbOrTx, serial: string) {
    return (await tx.select({ id: ledgerAsset.id }).from(ledgerAsset).where(eq(ledgerAsset.serial, serial)))[0];
  },
  allIdNumbers: (tx: DbOrTx) => tx.select({ v: ledgerPerson.idNumber }).from(ledgerPerson),
  allCertificateNos: (tx: DbOrTx) => tx.select({ v: ledgerPerson.certificateNo }).from(ledgerPerson).where(isNotNull(ledgerPerson.certificateNo)),
  allSerials: (tx: DbOrTx) => tx.select({ v: ledgerAsset.serial }).from(ledgerAsset),
  officeNamesOf: (tx: DbOrTx, unitIds: string[]) => (unitIds.length ? tx.select({ u: ledgerOffice.orgUnitId, v: ledgerOffice.name }).from(ledgerOffice).where(inArray(ledgerOffice.orgUnitId, unitIds)) : Promise.resolve([])),
  roomNamesOf: (tx: DbOrTx, unitIds: string[]) => (unitIds.length ? tx.select({ u: ledgerRoom.orgUnitId, v: ledgerRoom.name }).from(ledgerRoom).where(inArray(ledgerRoom.orgUnitId, unitIds)) : Promise.resolve([])),
  signageKeysOf: (tx: DbOrTx, unitIds: string[]) =>
    unitIds.length ? tx.select({ u: ledgerSignage.orgUnitId, type: ledgerSignage.type, location: ledgerSignage.location }).from(ledgerSignage).where(inArray(ledgerSignage.orgUnitId, unitIds)) : Promise.resolve([]),

  /** Persons whose certificate expires on or before `until` (expired ones included), active only. */
  certificatesExpiringBy(tx: DbOrTx, pathPrefix: string, until: string) {
    return tx
      .select({ row: ledgerPerson, ...unitCols })
      .from(ledgerPerson)
      .innerJoin(orgUnit, eq(orgUnit.id, ledgerPerson.orgUnitId))
      .where(and(like(orgUnit.path, `${pathPrefix}%`), eq(ledgerPerson.status, 'active'), isNotNull(ledgerPerson.certificateNo), lte(ledgerPerson.certificateExpiresOn, until)))
      .orderBy(asc(ledgerPerson.certificateExpiresOn), asc(ledgerPerson.name));
  },

  /** Built-in types first, then those the city administrator added. */
  async listRoomTypes(tx: DbOrTx): Promise<{ id: string; name: string; ordinal: number; builtin: boolean }[]> {
    const added = await tx.select().from(roomType).orderBy(asc(roomType.ordinal), asc(roomType.name));
    return [...BUILTIN_ROOM_TYPES.map((name, i) => ({ id: `builtin-${i + 1}`, name, ordinal: i + 1, builtin: true })), ...added.map((t) => ({ id: t.id, name: t.name, ordinal: t.ordinal, builtin: false }))];
  },
  async findRoomType(tx: DbOrTx, name: string) {
    return (await ledgerRepository.listRoomTypes(tx)).find((t) => t.name === name);
  },
  async insertRoomType(tx: DbOrTx, row: typeof roomType.$inferInsert) {
    await tx.insert(roomType).values(row);
  },

  async insertPhoto(tx: DbOrTx, row: PhotoRow) {
    await tx.insert(ledgerPhoto).values(row);
  },
  photosOf: (tx: DbOrTx, entityIds: string[]) => (entityIds.length ? tx.select().from(ledgerPhoto).where(inArray(ledgerPhoto.entityId, entityIds)).orderBy(asc(ledgerPhoto.uploadedAt)) : Promise.resolve([] as PhotoRow[])),
  async findPhoto(tx: DbOrTx, id: string) {
    return (await tx.select({ p: ledgerPhoto, unitPath: orgUnit.path }).from(ledgerPhoto).innerJoin(orgUnit, eq(orgUnit.id, ledgerPhoto.orgUnitId)).where(eq(ledgerPhoto.id, id)))[0];
  },

  async insertTransfer(tx: DbOrTx, row: TransferRow) {
    await tx.insert(ledgerAssetTransfer).values(row);
  },
  transfersOf: (tx: DbOrTx, assetId: string) => tx.select().from(ledgerAssetTransfer).where(eq(ledgerAssetTransfer.assetId, assetId)).orderBy(desc(ledgerAssetTransfer.at)),

  async insertImport(tx: DbOrTx, row: typeof ledgerImport.$inferInsert) {
    await tx.insert(ledgerImport).values(row);
  },
  async updateImport(tx: DbOrTx, id: string, patch: Partial<typeof ledgerImport.$inferInsert>) {
    await tx.update(ledgerImport).set(patch).where(eq(ledgerImport.id, id));
  },
  async findImport(tx: DbOrTx, id: string) {
    return (await tx.select({ i: ledgerImport, unitPath: orgUnit.path }).from(ledgerImport).innerJoin(orgUnit, eq(orgUnit.id, ledgerImport.orgUnitId)).where(eq(ledgerImport.id, id)))[0];
  },

  /** Every ledger row of a subtree, for rule facts and the overview. */
  async factsUnder(tx: DbOrTx, pathPrefix: string) {
    const units = tx.select({ id: orgUnit.id }).from(orgUnit).where(like(orgUnit.path, `${pathPrefix}%`));
    const inUnits = <T extends { orgUnitId: typeof ledgerAsset.orgUnitId }>(t: T) => inArray(t.orgUnitId, units);
    const [persons, rooms, offices, assets, signage] = await Promise.all([
      tx
        .select({ id: ledgerPerson.id, kind: ledgerPerson.kind, status: ledgerPerson.status, trainingHours: ledgerPerson.trainingHours, certificateNo: ledgerPerson.certificateNo, certificateExpiresOn: ledgerPerson.certificateExpiresOn, partyMember: ledgerPerson.partyMember, uniformIssuedOn: ledgerPerson.uniformIssuedOn })
        .from(ledgerPerson)
        .where(inUnits(ledgerPerson as unknown as typeof ledgerAsset))
        .orderBy(asc(ledgerPerson.createdAt), asc(ledgerPerson.id)),
      tx.select({ id: ledgerRoom.id, type: ledgerRoom.type, area: ledgerRoom.area }).from(ledgerRoom).where(inUnits(ledgerRoom as unknown as typeof ledgerAsset)).orderBy(asc(ledgerRoom.createdAt), asc(ledgerRoom.id)),
      tx.select({ id: ledgerOffice.id, area: ledgerOffice.area, independent: ledgerOffice.independent, floor: ledgerOffice.floor }).from(ledgerOffice).where(inUnits(ledgerOffice as unknown as typeof ledgerAsset)).orderBy(asc(ledgerOffice.createdAt), asc(ledgerOffice.id)),
      tx.select({ id: ledgerAsset.id, type: ledgerAsset.type, status: ledgerAsset.status }).from(ledgerAsset).where(inUnits(ledgerAsset)).orderBy(asc(ledgerAsset.createdAt), asc(ledgerAsset.id)),
      tx.select({ id: ledgerSignage.id, type: ledgerSignage.type, conforms: ledgerSignage.conforms }).from(ledgerSignage).where(inUnits(ledgerSignage as unknown as typeof ledgerAsset)).orderBy(asc(ledgerSignage.createdAt), asc(ledgerSignage.id)),
    ]);
    return { persons, rooms, offices, assets, signage };
  },
};

export { sql };
