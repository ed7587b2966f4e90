import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { documentTemplateSet } from './template.tables';

export type TemplateSetRow = typeof documentTemplateSet.$inferSelect;

export const templateRepository = {
  listVersions: (tx: DbOrTx) => tx.select().from(documentTemplateSet).orderBy(desc(documentTemplateSet.createdAt)),
  async findVersion(tx: DbOrTx, id: string) {
    return (await tx.select().from(documentTemplateSet).where(eq(documentTemplateSet.id, id)))[0];
  },
  async findVersionByLabel(tx: DbOrTx, label: string) {
    return (await tx.select().from(documentTemplateSet).where(eq(documentTemplateSet.label, label)))[0];
  },
  async publishedVersion(tx: DbOrTx) {
    return (await tx.select().from(documentTemplateSet).where(eq(documentTemplateSet.status, 'published')))[0];
  },
  async draftVersion(tx: DbOrTx) {
    return (await tx.select().from(documentTemplateSet).where(eq(documentTemplateSet.status, 'draft')))[0];
  },
  /** Serialises writers of the template sets (bootstrap, drafts, edits, publishing) across connections and instances. */
  async lock(tx: DbOrTx) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('document_template_set'))`);
  },
  async insertVersion(tx: DbOrTx, row: TemplateSetRow) {
    await tx.insert(documentTemplateSet).values(row);
  },
  async updateVersion(tx: DbOrTx, id: string, patch: Partial<TemplateSetRow>) {
    return (await tx.update(documentTemplateSet).set(patch).where(eq(documentTemplateSet.id, id)).returning())[0]!;
  },
  async deleteVersion(tx: DbOrTx, id: string) {
    await tx.delete(documentTemplateSet).where(eq(documentTemplateSet.id, id));
  },
};
