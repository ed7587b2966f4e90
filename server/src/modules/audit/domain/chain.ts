import crypto from 'node:crypto';

/** The fields of an audit record that its hash covers (everything but the hash itself). */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  orgUnitId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

export const GENESIS_HASH = 'GENESIS';

/**
 * JSON with object keys sorted at every level. jsonb does not keep key order, so the hash must be
 * computed over a form that survives a round trip through the database.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/**
 * Values as they will read back from jsonb: Dates become ISO strings, undefined keys vanish.
 * Applied before storing, so the stored value and the hashed value are the same thing.
 */
export function normalizeForStorage(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(canonicalJson(value));
}

export function hashRecord(r: ChainedFields): string {
  const payload = canonicalJson({
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    orgUnitId: r.orgUnitId,
    before: r.before ?? null,
    after: r.after ?? null,
    prevHash: r.prevHash,
  });
  return crypto.createHash('sha256').update(payload).digest('hex');
}

export type ChainBreak =
  | { seq: number; reason: 'hash_mismatch' }
  | { seq: number; reason: 'prev_hash_mismatch'; expected: string; found: string }
  | { seq: number; reason: 'sequence_gap'; expectedSeq: number };

export interface ChainCursor {
  /** The seq the next record must have. */
  nextSeq: number;
  /** The hash the next record must point back to. */
  prevHash: string;
}

export const chainStart: ChainCursor = { nextSeq: 1, prevHash: GENESIS_HASH };

/**
 * Checks one page of records in seq order, continuing from `cursor`. Pure, so verification can
 * stream the table page by page and stop at the first broken record.
 */
export function verifyPage(
  records: readonly (ChainedFields & { hash: string })[],
  cursor: ChainCursor,
): { ok: true; cursor: ChainCursor } | { ok: false; broken: ChainBreak } {
  let c = cursor;
  for (const r of records) {
    if (r.seq !== c.nextSeq) return { ok: false, broken: { seq: r.seq, reason: 'sequence_gap', expectedSeq: c.nextSeq } };
    if (r.prevHash !== c.prevHash) {
      return { ok: false, broken: { seq: r.seq, reason: 'prev_hash_mismatch', expected: c.prevHash, found: r.prevHash } };
    }
    if (hashRecord(r) !== r.hash) return { ok: false, broken: { seq: r.seq, reason: 'hash_mismatch' } };
    c = { nextSeq: r.seq + 1, prevHash: r.hash };
  }
  return { ok: true, cursor: c };
}
