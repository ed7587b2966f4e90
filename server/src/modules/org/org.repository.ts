import { and, asc, eq, inArray, isNotNull, like, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from './org.tables';

export type OrgUnitRow = typeof orgUnit.$inferSelect;
export type NewOrgUnitRow = typeof orgUnit.$inferInsert;

/** Columns for lists: everything but the geometry (which can be large). */
const listColumns = {
  id: orgUnit.id,
  parentId: orgUnit.parentId,
  path: orgUnit.path,
  depth: orgUnit.depth,
  code: orgUnit.code,
  name: orgUnit.name,
  shortName: orgUnit.shortName,
  kind: orgUnit.kind,
  validFrom: orgUnit.validFrom,
  validTo: orgUnit.validTo,
  centerLon: orgUnit.centerLon,
  centerLat: orgUnit.centerLat,
  isDemo: orgUnit.isDemo,
  note: orgUnit.note,
  version: orgUnit.version,
};
export type OrgUnitListRow = Omit<OrgUnitRow, 'geometry' | 'createdAt' | 'updatedAt'>;

export const orgRepository = {
  async findById(tx: DbOrTx, id: string): Promise<OrgUnitRow | undefined> {
    const rows = await tx.select().from(orgUnit).where(eq(orgUnit.id, id));
    return rows[0];
  },

  async findByCode(tx: DbOrTx, code: string): Promise<OrgUnitRow | undefined> {
    const rows = await tx.select().from(orgUnit).where(eq(orgUnit.code, code));
    return rows[0];
  },

  /** The subtree under `path` plus the given ancestor ids, ordered for tree building. */
  async findSubtreeWithAncestors(tx: DbOrTx, path: string, ancestorIds: string[]): Promise<OrgUnitListRow[]> {
    const cond = ancestorIds.length ? or(like(orgUnit.path, `${path}%`), inArray(orgUnit.id, ancestorIds)) : like(orgUnit.path, `${path}%`);
    return tx.select(listColumns).from(orgUnit).where(cond).orderBy(asc(orgUnit.depth), asc(orgUnit.code));
  },

  async findGeometriesUnder(tx: DbOrTx, path: string): Promise<Pick<OrgUnitRow, 'id' | 'parentId' | 'name' | 'kind' | 'isDemo' | 'geometry'>[]> {
    return tx
      .select({ id: orgUnit.id, parentId: orgUnit.parentId, name: orgUnit.name, kind: orgUnit.kind, isDemo: orgUnit.isDemo, geometry: orgUnit.geometry })
      .from(orgUnit)
      .where(and(like(orgUnit.path, `${path}%`), isNotNull(orgUnit.geometry)))
      .orderBy(asc(orgUnit.depth), asc(orgUnit.code));
  },

  async insert(tx: DbOrTx, row: NewOrgUnitRow): Promise<void> {
    await tx.insert(orgUnit).values(row);
  },

  /** Optimistic update: returns the new row, or undefined when `version` no longer matches. */
  async updateVersioned(tx: DbOrTx, id: string, version: number, patch: Partial<NewOrgUnitRow>): Promise<OrgUnitRow | undefined> {
    const rows = await tx
      .update(orgUnit)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(orgUnit.id, id), eq(orgUnit.version, version)))
      .returning();
    return rows[0];
  },

  async countAll(tx: DbOrTx): Promise<number> {
    const rows = await tx.select({ id: orgUnit.id }).from(orgUnit).limit(1);
    return rows.length;
  },
};
