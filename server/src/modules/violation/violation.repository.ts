import { and, asc, count, desc, eq, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { violationItem, violationVersion } from './violation.tables';

export type ViolationVersionRow = typeof violationVersion.$inferSelect;
export type ViolationItemRow = typeof violationItem.$inferSelect;
export type NewViolationItemRow = typeof violationItem.$inferInsert;

export const violationRepository = {
  listVersions: (tx: DbOrTx) => tx.select().from(violationVersion).orderBy(desc(violationVersion.createdAt)),
  async itemCounts(tx: DbOrTx): Promise<Map<string, number>> {
    const rows = await tx.select({ versionId: violationItem.versionId, n: count() }).from(violationItem).groupBy(violationItem.versionId);
    return new Map(rows.map((r) => [r.versionId, Number(r.n)]));
  },
  async findVersion(tx: DbOrTx, id: string) {
    return (await tx.select().from(violationVersion).where(eq(violationVersion.id, id)))[0];
  },
  /** The version row locked until the transaction ends: writes to one draft (item edits, publishing) run one after the other. */
  async lockVersion(tx: DbOrTx, id: string) {
    return (await tx.select().from(violationVersion).where(eq(violationVersion.id, id)).for('update'))[0];
  },
  /** Every (law, version) cited by an item of any version. */
  async citedLaws(tx: DbOrTx): Promise<{ law: string; version: string }[]> {
    const of = (col: typeof violationItem.violated | typeof violationItem.penaltyBasis) => tx.selectDistinct({ law: sql<string>`${col}->>'law'`, version: sql<string>`${col}->>'version'` }).from(violationItem);
    const [a, b] = await Promise.all([of(violationItem.violated), of(violationItem.penaltyBasis)]);
    return [...a, ...b];
  },
  async findVersionByLabel(tx: DbOrTx, label: string) {
    return (await tx.select().from(violationVersion).where(eq(violationVersion.label, label)))[0];
  },
  /** The published version (at most one: publishing supersedes the previous one). */
  async currentPublished(tx: DbOrTx) {
    return (await tx.select().from(violationVersion).where(eq(violationVersion.status, 'published')).orderBy(desc(violationVersion.publishedAt)).limit(1))[0];
  },
  /**
   * The version that applies to an act on `day`: among published and superseded versions, the one with the latest
   * `effectiveFrom` on or before that day (the later published of two with the same day: a correction).
   */
  async inForceOn(tx: DbOrTx, day: string) {
    return (
      await tx
        .select()
        .from(violationVersion)
        .where(and(inArray(violationVersion.status, ['published', 'superseded']), lte(violationVersion.effectiveFrom, day)))
        .orderBy(desc(violationVersion.effectiveFrom), desc(violationVersion.publishedAt))
        .limit(1)
    )[0];
  },
  async insertVersion(tx: DbOrTx, row: ViolationVersionRow) {
    await tx.insert(violationVersion).values(row);
  },
  async setVersionStatus(tx: DbOrTx, id: string, status: string, patch: Partial<ViolationVersionRow>) {
    return (await tx.update(violationVersion).set({ ...patch, status }).where(eq(violationVersion.id, id)).returning())[0];
  },
  itemsOf: (tx: DbOrTx, versionId: string) => tx.select().from(violationItem).where(eq(violationItem.versionId, versionId)).orderBy(asc(violationItem.ordinal), asc(violationItem.code)),
  searchItems(tx: DbOrTx, versionId: string, q: string | undefined, limit: number) {
    const conds: SQL[] = [eq(violationItem.versionId, versionId)];
    for (const word of (q ?? '').split(/\s+/).filter(Boolean)) conds.push(ilike(violationItem.searchText, `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    return tx
      .select()
      .from(violationItem)
      .where(and(...conds))
      .orderBy(asc(violationItem.ordinal), asc(violationItem.code))
      .limit(limit);
  },
  async findItem(tx: DbOrTx, id: string) {
    return (await tx.select().from(violationItem).where(eq(violationItem.id, id)))[0];
  },
  async findItemByCode(tx: DbOrTx, versionId: string, code: string) {
    return (await tx.select().from(violationItem).where(and(eq(violationItem.versionId, versionId), eq(violationItem.code, code))))[0];
  },
  async insertItems(tx: DbOrTx, rows: NewViolationItemRow[]) {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(violationItem).values(rows.slice(i, i + 200));
  },
  async updateItem(tx: DbOrTx, id: string, patch: Partial<NewViolationItemRow>) {
    await tx.update(violationItem).set(patch).where(eq(violationItem.id, id));
  },
  async deleteItem(tx: DbOrTx, id: string) {
    await tx.delete(violationItem).where(eq(violationItem.id, id));
  },
};
