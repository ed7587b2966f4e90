import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { catalogNode, standard, standardVersion } from './catalog.tables';

export type StandardRow = typeof standard.$inferSelect;
export type VersionRow = typeof standardVersion.$inferSelect;
export type NodeRow = typeof catalogNode.$inferSelect;
export type NewNodeRow = typeof catalogNode.$inferInsert;

export const catalogRepository = {
  listStandards: (tx: DbOrTx) => tx.select().from(standard).orderBy(asc(standard.kind), asc(standard.code)),
  listVersions: (tx: DbOrTx) => tx.select().from(standardVersion).orderBy(asc(standardVersion.standardId), desc(standardVersion.createdAt)),
  async findStandard(tx: DbOrTx, id: string) {
    return (await tx.select().from(standard).where(eq(standard.id, id)))[0];
  },
  async findStandardByCode(tx: DbOrTx, code: string) {
    return (await tx.select().from(standard).where(eq(standard.code, code)))[0];
  },
  async insertStandard(tx: DbOrTx, row: StandardRow) {
    await tx.insert(standard).values(row);
  },
  /** The version teams are held to: the newest published local profile, else the newest published standard. */
  async currentPublishedVersion(tx: DbOrTx): Promise<VersionRow | undefined> {
    const [profile] = await tx
      .select({ v: standardVersion })
      .from(standardVersion)
      .innerJoin(standard, eq(standard.id, standardVersion.standardId))
      .where(and(eq(standardVersion.status, 'published'), eq(standard.kind, 'local_profile')))
      .orderBy(desc(standardVersion.publishedAt))
      .limit(1);
    if (profile) return profile.v;
    return (await tx.select().from(standardVersion).where(eq(standardVersion.status, 'published')).orderBy(desc(standardVersion.publishedAt)).limit(1))[0];
  },
  async findVersion(tx: DbOrTx, id: string) {
    return (await tx.select().from(standardVersion).where(eq(standardVersion.id, id)))[0];
  },
  async findVersionByLabel(tx: DbOrTx, standardId: string, label: string) {
    return (await tx.select().from(standardVersion).where(and(eq(standardVersion.standardId, standardId), eq(standardVersion.label, label))))[0];
  },
  async publishedVersionsOf(tx: DbOrTx, standardId: string) {
    return tx.select().from(standardVersion).where(and(eq(standardVersion.standardId, standardId), eq(standardVersion.status, 'published')));
  },
  async insertVersion(tx: DbOrTx, row: VersionRow) {
    await tx.insert(standardVersion).values(row);
  },
  async setVersionStatus(tx: DbOrTx, id: string, status: string, patch: Partial<VersionRow>) {
    const rows = await tx.update(standardVersion).set({ ...patch, status }).where(eq(standardVersion.id, id)).returning();
    return rows[0];
  },
  async updateVersionVersioned(tx: DbOrTx, id: string, version: number, patch: Partial<VersionRow>) {
    const rows = await tx
      .update(standardVersion)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(standardVersion.id, id), eq(standardVersion.version, version)))
      .returning();
    return rows[0];
  },
  nodesOf: (tx: DbOrTx, versionId: string) => tx.select().from(catalogNode).where(eq(catalogNode.versionId, versionId)).orderBy(asc(catalogNode.ordinal)),
  nodesOfVersions: (tx: DbOrTx, versionIds: string[]) =>
    versionIds.length ? tx.select().from(catalogNode).where(inArray(catalogNode.versionId, versionIds)).orderBy(asc(catalogNode.ordinal)) : Promise.resolve([] as NodeRow[]),
  async insertNodes(tx: DbOrTx, rows: NewNodeRow[]) {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(catalogNode).values(rows.slice(i, i + 500));
  },
  async deleteNodesOf(tx: DbOrTx, versionId: string) {
    await tx.delete(catalogNode).where(eq(catalogNode.versionId, versionId));
  },
  async findNode(tx: DbOrTx, versionId: string, code: string) {
    return (await tx.select().from(catalogNode).where(and(eq(catalogNode.versionId, versionId), eq(catalogNode.code, code))))[0];
  },
  async updateNode(tx: DbOrTx, id: string, patch: Partial<NewNodeRow>) {
    const rows = await tx.update(catalogNode).set(patch).where(eq(catalogNode.id, id)).returning();
    return rows[0];
  },
  async deleteNodes(tx: DbOrTx, ids: string[]) {
    if (ids.length) await tx.delete(catalogNode).where(inArray(catalogNode.id, ids));
  },
};
