import { and, asc, eq, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
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

  /**
   * The subtree under `path` plus the given ancestor ids, ordered for tree building. The rows come back as one
   * JSON array built by the database: PGlite decodes a result row by row and column by column in JavaScript
   * (~13 ms for the demo's 236 units × 15 columns on a busy machine, ~4 ms as one json value), and
   * node-postgres likewise parses one value instead of 3,540. Same columns, same order, same values as a
   * plain select (dates stay YYYY-MM-DD strings, doubles keep their shortest exact text).
   */
  async findSubtreeWithAncestors(tx: DbOrTx, path: string, ancestorIds: string[]): Promise<OrgUnitListRow[]> {
    const cond = ancestorIds.length ? or(like(orgUnit.path, `${path}%`), inArray(orgUnit.id, ancestorIds)) : like(orgUnit.path, `${path}%`);
    const fields = sql.join(
      Object.entries(listColumns).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`),
      sql`, `,
    );
    const rows = await rowsOf<{ list: OrgUnitListRow[] | null }>(
      tx,
      sql`select json_agg(json_build_object(${fields}) order by ${orgUnit.depth}, ${orgUnit.code}) as list from ${orgUnit} where ${cond}`,
    );
    return rows[0]?.list ?? [];
  },

  async findGeometriesUnder(tx: DbOrTx, path: string): Promise<Pick<OrgUnitRow, 'id' | 'parentId' | 'name' | 'kind' | 'isDemo' | 'geometry'>[]> {
    return tx
      .select({ id: orgUnit.id, parentId: orgUnit.parentId, name: orgUnit.name, kind: orgUnit.kind, isDemo: orgUnit.isDemo, geometry: orgUnit.geometry })
      .from(orgUnit)
      .where(and(like(orgUnit.path, `${path}%`), isNotNull(orgUnit.geometry)))
      .orderBy(asc(orgUnit.depth), asc(orgUnit.code));
  },

  /** The current units (validTo null) with what point location needs; geometry may be null (a team's grids decide). */
  async findCurrentForLocate(tx: DbOrTx): Promise<Pick<OrgUnitRow, 'id' | 'path' | 'kind' | 'code' | 'geometry'>[]> {
    return tx.select({ id: orgUnit.id, path: orgUnit.path, kind: orgUnit.kind, code: orgUnit.code, geometry: orgUnit.geometry }).from(orgUnit).where(isNull(orgUnit.validTo));
  },

  /** Every unit, current or closed, whole rows (the area import checks the city as a whole). */
  async findAll(tx: DbOrTx): Promise<OrgUnitRow[]> {
    return tx.select().from(orgUnit);
  },

  /**
   * A cheap fingerprint of the whole table: any insert changes the count, any versioned update the version sum and
   * usually the latest updatedAt. Point location compares it to notice writes made outside this process.
   */
  async fingerprint(tx: DbOrTx): Promise<string> {
    const rows = await rowsOf<{ n: string | number; v: string | number | null; u: string | null }>(
      tx,
      sql`select count(*) as n, sum(${orgUnit.version}) as v, max(${orgUnit.updatedAt})::text as u from ${orgUnit}`,
    );
    const r = rows[0];
    return `${r?.n ?? 0}/${r?.v ?? 0}/${r?.u ?? ''}`;
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
