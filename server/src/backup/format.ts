import { BackupError } from './errors';

/**
 * A guifan backup is ONE gzip'd stream of JSON lines; since version 2 it also carries the files:
 *
 *   line 1      header  {"format":"guifan-backup","formatVersion":2, appVersion, createdAt, source,
 *                        migrations:[{hash,createdAt}], tables:[{name,rows}]}
 *   per table   {"table":"org_unit","columns":[{"name":"id","type":"uuid"},…]}
 *               followed by one JSON array per row: each value is the column's PostgreSQL text form
 *               (`col::text`) or null. The text form is the one format every type can read back
 *               exactly (timestamptz to the microsecond, shortest-exact doubles, jsonb, bigint, bytea
 *               as \x hex, arrays, numerics), independent of the driver that reads it.
 *   then        {"sequences":[{"name","lastValue","isCalled"}]}
 *   per file    {"blob":"<sha256>","bytes":N}, then exactly N raw bytes of the file, then "\n":
 *               every file of the content-addressed store (evidence, photos). The name is the
 *               SHA-256 of the bytes, so each file is verified on restore. Raw bytes, not base64:
 *               photos do not compress, and base64 would make the file a third larger.
 *   last line   {"end":true,"tables":N,"rows":M,"blobs":K,"blobBytes":B}  (a file without it was cut short)
 *
 * Version 1 (before files were included) is the same without the file section and without
 * `blobs`/`blobBytes` in the last line; it is still read, as a database-only backup.
 *
 * Text forms are produced and read under fixed session settings (UTC, ISO dates, hex bytea).
 */
export const BACKUP_FORMAT = 'guifan-backup';
export const BACKUP_FORMAT_VERSION = 2;
/** Versions this release reads: 1 holds the database only. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];

/** A blob's name in the file: lowercase hex SHA-256 (never a path). */
const SHA256 = /^[0-9a-f]{64}$/;

export interface MigrationRef {
  hash: string;
  /** drizzle's `created_at`: the journal's `when` (epoch ms), as a string to stay exact. */
  createdAt: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  source: { kind: 'pglite' | 'postgres'; serverVersion: string };
  migrations: MigrationRef[];
  tables: { name: string; rows: number }[];
}

export interface ColumnRef {
  name: string;
  type: string;
}

export interface TableStart {
  table: string;
  columns: ColumnRef[];
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BlobStart {
  blob: string;
  bytes: number;
}

export interface Trailer {
  end: true;
  tables: number;
  rows: number;
  /** Files in the file section (version 2 and later). */
  blobs?: number;
  blobBytes?: number;
}

export type Row = (string | null)[];

export type BackupLine =
  | { kind: 'table'; value: TableStart }
  | { kind: 'row'; value: Row }
  | { kind: 'sequences'; value: SequenceState[] }
  | { kind: 'blob'; value: BlobStart }
  | { kind: 'end'; value: Trailer };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function corrupt(lineNo: number, why: string): BackupError {
  return new BackupError(`backup file is corrupt at line ${lineNo}: ${why}`);
}

function parseJson(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw corrupt(lineNo, 'not valid JSON');
  }
}

/** Validates the first line. */
export function parseHeader(text: string): BackupHeader {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BackupError('not a guifan backup file (the first line is not a backup header)');
  }
  if (!isObject(v) || v.format !== BACKUP_FORMAT) throw new BackupError('not a guifan backup file (the first line is not a backup header)');
  if (typeof v.formatVersion !== 'number' || !READABLE_FORMAT_VERSIONS.includes(v.formatVersion)) {
    throw new BackupError(`backup format version ${String(v.formatVersion)} is not supported (this guifan reads versions ${READABLE_FORMAT_VERSIONS.join(' and ')})`);
  }
  const migrations = v.migrations;
  const tables = v.tables;
  const source = v.source;
  if (
    !Array.isArray(migrations) ||
    !migrations.every((m) => isObject(m) && typeof m.hash === 'string' && typeof m.createdAt === 'string') ||
    !Array.isArray(tables) ||
    !tables.every((t) => isObject(t) && typeof t.name === 'string' && typeof t.rows === 'number') ||
    !isObject(source) ||
    (source.kind !== 'pglite' && source.kind !== 'postgres') ||
    typeof v.appVersion !== 'string' ||
    typeof v.createdAt !== 'string'
  ) {
    throw new BackupError('backup header is incomplete or malformed');
  }
  return v as unknown as BackupHeader;
}

/** Classifies and validates one line after the header. */
export function parseLine(text: string, lineNo: number): BackupLine {
  const v = parseJson(text, lineNo);
  if (Array.isArray(v)) {
    if (!v.every((x) => x === null || typeof x === 'string')) throw corrupt(lineNo, 'a row holds a value that is neither text nor null');
    return { kind: 'row', value: v as Row };
  }
  if (!isObject(v)) throw corrupt(lineNo, 'unexpected value');
  if (typeof v.table === 'string') {
    const cols = v.columns;
    if (!Array.isArray(cols) || !cols.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.type === 'string')) {
      throw corrupt(lineNo, `table ${v.table} has no valid column list`);
    }
    return { kind: 'table', value: { table: v.table, columns: cols as unknown as ColumnRef[] } };
  }
  if (Array.isArray(v.sequences)) {
    const seqs = v.sequences;
    if (!seqs.every((s) => isObject(s) && typeof s.name === 'string' && typeof s.lastValue === 'string' && typeof s.isCalled === 'boolean')) {
      throw corrupt(lineNo, 'malformed sequence list');
    }
    return { kind: 'sequences', value: seqs as unknown as SequenceState[] };
  }
  if (typeof v.blob === 'string') {
    if (!SHA256.test(v.blob)) throw corrupt(lineNo, `a file is named ${JSON.stringify(v.blob.slice(0, 80))}, not by a SHA-256`);
    if (typeof v.bytes !== 'number' || !Number.isSafeInteger(v.bytes) || v.bytes < 0) throw corrupt(lineNo, `file ${v.blob} has no valid size`);
    return { kind: 'blob', value: { blob: v.blob, bytes: v.bytes } };
  }
  if (v.end === true && typeof v.tables === 'number' && typeof v.rows === 'number') {
    const trailer: Trailer = { end: true, tables: v.tables, rows: v.rows };
    if (typeof v.blobs === 'number') trailer.blobs = v.blobs;
    if (typeof v.blobBytes === 'number') trailer.blobBytes = v.blobBytes;
    return { kind: 'end', value: trailer };
  }
  throw corrupt(lineNo, 'unknown line');
}

/**
 * Null when the backup's migration history is the target's; otherwise why not. Data can only be
 * restored into exactly the schema it was taken from.
 */
export function migrationMismatch(backup: readonly MigrationRef[], target: readonly MigrationRef[]): string | null {
  const key = (m: MigrationRef) => `${m.createdAt}:${m.hash}`;
  const b = backup.map(key);
  const t = target.map(key);
  if (b.length === t.length && b.every((k, i) => k === t[i])) return null;
  const common = b.findIndex((k, i) => k !== t[i]);
  const at = common === -1 ? Math.min(b.length, t.length) : common;
  return (
    `backup was made by a different schema version: the backup has ${b.length} migrations applied, the target ${t.length}` +
    (at < Math.min(b.length, t.length) ? `; they differ from migration #${at + 1}` : '') +
    (b.length > t.length && at === t.length ? ' (run `guifan migrate` with the newer release on the target first)' : '') +
    (b.length < t.length && at === b.length ? ' (restore with the release that made the backup, then migrate)' : '')
  );
}
