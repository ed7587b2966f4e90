import { and, desc, eq, gt, lt, asc, like, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditChainHead, auditRecord } from './audit.tables';
// Other modules' tables through the schema barrel: joins read the one schema, never another module's files.
import { appUser, orgUnit } from '../../db/schema';

export type AuditRow = typeof auditRecord.$inferSelect;

export const auditRepository = {
  /** Locks the chain head for the rest of the transaction: appends are serialised. */
  async lockHead(tx: DbOrTx): Promise<{ seq: number; hash: string }> {
    const rows = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
    const head = rows[0];
    if (!head) throw new Error('audit_chain_head row missing: migrations not applied');
    return { seq: Number(head.seq), hash: head.hash };
  },

  /** Several chained records at once (group commit): one insert, the head moved to the last. */
  async appendMany(tx: DbOrTx, rows: readonly AuditRow[]): Promise<void> {
    const last = rows[rows.length - 1];
    if (!last) return;
    await tx.insert(auditRecord).values([...rows]);
    await tx.update(auditChainHead).set({ seq: last.seq, hash: last.hash }).where(eq(auditChainHead.id, 1));
  },

  async append(tx: DbOrTx, row: AuditRow): Promise<void> {
    await tx.insert(auditRecord).values(row);
    await tx.update(auditChainHead).set({ seq: row.seq, hash: row.hash }).where(eq(auditChainHead.id, 1));
  },

  async head(tx: DbOrTx): Promise<{ seq: number; hash: string }> {
    const rows = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
    return { seq: Number(rows[0]?.seq ?? 0), hash: rows[0]?.hash ?? 'GENESIS' };
  },

  async pageAfter(tx: DbOrTx, afterSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await tx.select().from(auditRecord).where(gt(auditRecord.seq, afterSeq)).orderBy(asc(auditRecord.seq)).limit(limit);
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  },

  /**
   * Newest first; restricted to records of units under `scopePath` unless null (whole city). Each row carries the
   * actor's username (the record keeps the display name as it was; the username tells two 张伟 apart), null for the
   * system actor.
   */
  async listNewestFirst(
    tx: DbOrTx,
    opts: { beforeSeq?: number | undefined; limit: number; entityType?: string | undefined; scopePath: string | null },
  ): Promise<(AuditRow & { actorUsername: string | null })[]> {
    const conds: SQL[] = [];
    if (opts.beforeSeq !== undefined) conds.push(lt(auditRecord.seq, opts.beforeSeq));
    if (opts.entityType) conds.push(eq(auditRecord.entityType, opts.entityType));
    if (opts.scopePath !== null) {
      const inScope = tx.select({ id: orgUnit.id }).from(orgUnit).where(like(orgUnit.path, `${opts.scopePath}%`));
      conds.push(inArray(auditRecord.orgUnitId, inScope));
    }
    const rows = await tx
      .select({ r: auditRecord, actorUsername: appUser.username })
      .from(auditRecord)
      .leftJoin(appUser, eq(appUser.id, auditRecord.actorId))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(auditRecord.seq))
      .limit(opts.limit);
    return rows.map(({ r, actorUsername }) => ({ ...r, seq: Number(r.seq), actorUsername }));
  },
};
