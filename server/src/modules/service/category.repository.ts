import { asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { serviceCategory, serviceRequest } from './request.tables';
import { serviceSetting } from './setting.tables';

/** Queries of the categories and the service settings (drizzle). */

export type CategoryRow = typeof serviceCategory.$inferSelect;
export type SettingRow = typeof serviceSetting.$inferSelect;

export const categoryRepository = {
  list: (tx: DbOrTx) => tx.select().from(serviceCategory).orderBy(asc(serviceCategory.sortOrder), asc(serviceCategory.code)),
  async find(tx: DbOrTx, id: string, lock = false): Promise<CategoryRow | null> {
    const q = tx.select().from(serviceCategory).where(eq(serviceCategory.id, id));
    const [c] = lock ? await q.for('update') : await q;
    return c ?? null;
  },
  async findByCode(tx: DbOrTx, code: string): Promise<CategoryRow | null> {
    const [c] = await tx.select().from(serviceCategory).where(eq(serviceCategory.code, code));
    return c ?? null;
  },
  async count(tx: DbOrTx): Promise<number> {
    const [r] = await tx.select({ n: count() }).from(serviceCategory);
    return Number(r?.n ?? 0);
  },
  /** Reports per category (a category with any is in use: deactivated, never deleted). */
  async requestCounts(tx: DbOrTx, categoryId?: string): Promise<Map<string, number>> {
    const q = tx.select({ id: serviceRequest.categoryId, n: count() }).from(serviceRequest);
    const rows = await (categoryId ? q.where(eq(serviceRequest.categoryId, categoryId)) : q).groupBy(serviceRequest.categoryId);
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  },
  async insert(tx: DbOrTx, rows: CategoryRow[]): Promise<void> {
    if (rows.length) await tx.insert(serviceCategory).values(rows);
  },
  /** Inserts unless the code is taken (the unique index decides, also against a concurrent insert). */
  async insertNew(tx: DbOrTx, row: CategoryRow): Promise<boolean> {
    const r = await tx.insert(serviceCategory).values(row).onConflictDoNothing({ target: serviceCategory.code }).returning({ id: serviceCategory.id });
    return r.length === 1;
  },
  /** Optimistic: writes only at `version`; bumps it. Null when the row moved on meanwhile. */
  async update(tx: DbOrTx, id: string, version: number, patch: Partial<CategoryRow>): Promise<CategoryRow | null> {
    const [r] = await tx
      .update(serviceCategory)
      .set({ ...patch, version: version + 1 })
      .where(sql`${serviceCategory.id} = ${id} and ${serviceCategory.version} = ${version}`)
      .returning();
    return r ?? null;
  },
  async delete(tx: DbOrTx, id: string): Promise<void> {
    await tx.delete(serviceCategory).where(eq(serviceCategory.id, id));
  },
  /** Serialises the baseline insert across instances starting at once. */
  async lock(tx: DbOrTx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_category'))`);
  },

  async setting(tx: DbOrTx, key: string, lock = false): Promise<SettingRow | null> {
    const q = tx.select().from(serviceSetting).where(eq(serviceSetting.key, key));
    const [r] = lock ? await q.for('update') : await q;
    return r ?? null;
  },
  async insertSetting(tx: DbOrTx, row: SettingRow): Promise<SettingRow | null> {
    const [r] = await tx.insert(serviceSetting).values(row).onConflictDoNothing().returning();
    return r ?? null;
  },
  async updateSetting(tx: DbOrTx, key: string, version: number, patch: Partial<SettingRow>): Promise<SettingRow | null> {
    const [r] = await tx
      .update(serviceSetting)
      .set({ ...patch, version: version + 1 })
      .where(sql`${serviceSetting.key} = ${key} and ${serviceSetting.version} = ${version}`)
      .returning();
    return r ?? null;
  },
};
