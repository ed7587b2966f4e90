import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Actor } from '../../platform/permissions';
import { chainStart, hashRecord, normalizeForStorage, verifyPage, type ChainBreak } from './domain/chain';
import { auditRepository, type AuditRow } from './audit.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  orgUnitId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it: a signed-in actor, or the system itself (migrations, seed, CLI). */
export type AuditActor = Pick<Actor, 'userId' | 'displayName'> | { userId: null; displayName: string };

/**
 * Appends one record to the chain. Must be called inside the transaction of the mutation it
 * describes, so that the change and its record commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, clock: Clock, actor: AuditActor, entry: AuditEntry): Promise<AuditRow> {
  const head = await auditRepository.lockHead(tx);
  const base = {
    seq: head.seq + 1,
    at: clock.now(),
    actorId: actor.userId,
    actorName: actor.displayName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    orgUnitId: entry.orgUnitId,
    before: normalizeForStorage(entry.before),
    after: normalizeForStorage(entry.after),
    prevHash: head.hash,
  };
  const row: AuditRow = { ...base, hash: hashRecord(base) };
  await auditRepository.append(tx, row);
  return row;
}

/**
 * Several audit records in one go, chained in the given order, under one lock of the chain head: what a group
 * commit (many reports of residents in one transaction) writes instead of N × (lock, insert, head update).
 */
export async function recordAuditMany(tx: DbOrTx, clock: Clock, items: readonly { actor: AuditActor; entry: AuditEntry }[]): Promise<AuditRow[]> {
  if (items.length === 0) return [];
  let prev = await auditRepository.lockHead(tx);
  const rows: AuditRow[] = [];
  for (const { actor, entry } of items) {
    const base = {
      seq: prev.seq + 1,
      at: clock.now(),
      actorId: actor.userId,
      actorName: actor.displayName,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      orgUnitId: entry.orgUnitId,
      before: normalizeForStorage(entry.before),
      after: normalizeForStorage(entry.after),
      prevHash: prev.hash,
    };
    const row: AuditRow = { ...base, hash: hashRecord(base) };
    rows.push(row);
    prev = { seq: row.seq, hash: row.hash };
  }
  await auditRepository.appendMany(tx, rows);
  return rows;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
}

/** Streams the whole chain in pages and names the first broken record, if any. */
export async function verifyAuditChain(database: Database, pageSize = 2000): Promise<VerifyResult> {
  const { db } = database;
  let cursor = chainStart;
  let checked = 0;
  for (;;) {
    const page = await auditRepository.pageAfter(db, cursor.nextSeq - 1, pageSize);
    if (page.length === 0) break;
    const r = verifyPage(page, cursor);
    if (!r.ok) return { ok: false, checked: checked + page.findIndex((p) => p.seq === r.broken.seq), firstBroken: r.broken };
    checked += page.length;
    cursor = r.cursor;
  }
  // The head must point at the last record: a truncated tail is tampering too.
  const head = await auditRepository.head(db);
  if (head.seq !== cursor.nextSeq - 1) {
    return { ok: false, checked, firstBroken: { seq: cursor.nextSeq, reason: 'sequence_gap', expectedSeq: cursor.nextSeq } };
  }
  if (head.hash !== cursor.prevHash) {
    return { ok: false, checked, firstBroken: { seq: head.seq, reason: 'hash_mismatch' } };
  }
  return { ok: true, checked, firstBroken: null };
}

export const auditService = {
  async list(database: Database, actor: Actor, q: { beforeSeq?: number | undefined; limit?: number | undefined; entityType?: string | undefined }) {
    const limit = Math.min(q.limit ?? 50, 200);
    // City-level roles see the whole trail; everybody else the records of their own subtree.
    const cityWide = actor.role === 'city_admin' || actor.role === 'bureau_staff';
    const items = await auditRepository.listNewestFirst(database.db, {
      beforeSeq: q.beforeSeq,
      limit,
      entityType: q.entityType,
      scopePath: cityWide ? null : actor.scopePath,
    });
    const last = items[items.length - 1];
    return { items, nextBeforeSeq: items.length === limit && last ? last.seq : null };
  },
};
