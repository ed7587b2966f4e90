import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Database, DbOrTx } from '../db/client';
import { blobPath, hashFile, listFsBlobs } from '../platform/blob-store';
import { appliedMigrations, countRows, queryRows, readCatalog, serverVersion } from './catalog';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type Row, type SequenceState, type TableStart, type Trailer } from './format';
import type { ProgressFn } from './progress';
import { qualified, quoteIdent, selectAsText, TEXT_FORM_SETTINGS } from './sql-text';
import { BackupError } from './errors';
import { orderTables } from './table-order';

export interface BackupOptions {
  appVersion: string;
  /** Root of the content-addressed file store (`<GUIFAN_DATA_DIR>/evidence`): every file in it is included. */
  blobDir: string;
  /** Rows fetched per round trip; bounds memory for large tables. */
  pageSize?: number;
  now?: Date;
  onProgress?: ProgressFn;
  /** Called with problems that do not stop the backup but may stop its restore (FK cycles). */
  onWarning?: (message: string) => void;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: { name: string; rows: number }[];
  rows: number;
  migrations: number;
  /** Files included, and their bytes. */
  blobs: number;
  blobBytes: number;
  /** Files of the store left out because their bytes no longer match their name (already damaged). */
  corruptBlobs: string[];
  /** Files the database refers to that the store does not have (a restore cannot bring them back). */
  missingBlobs: string[];
}

/**
 * Columns that hold the name of a stored file: by convention a text column called `sha256`
 * (evidence_file, ledger_photo). Used only to warn about files the store has lost.
 */
const BLOB_REF_COLUMN = 'sha256';
/**
 * Tables whose `sha256` names a file only on some rows: a body-cam clip is registered by its hash, and its file is
 * uploaded only when the bureau keeps video here (issue 12: many keep it on the camera's workstation).
 */
const BLOB_REF_WHERE: Record<string, string> = { body_cam_clip: 'file_name IS NOT NULL' };

/**
 * Writes the whole database and every stored file to one gzip'd JSON-lines file (format.ts).
 * The database is read in one REPEATABLE READ transaction, so the file is a consistent snapshot
 * even while the app keeps writing (the audit chain in it verifies). Rows are streamed through a
 * cursor a page at a time; files one at a time, in pieces.
 *
 * Files are copied after the snapshot's transaction has ended (a long copy must not hold a
 * PostgreSQL snapshot open). That still covers every file the snapshot refers to: the store only
 * ever adds files, and a file is in the store before the row naming it is committed.
 * The backup appears under its final name only once complete.
 */
export async function createBackup(database: Database, outFile: string, opts: BackupOptions): Promise<BackupSummary> {
  const pageSize = opts.pageSize ?? 5000;
  const target = path.resolve(outFile);
  const partial = `${target}.partial-${process.pid}`;
  const file = fs.createWriteStream(partial);
  const gzip = zlib.createGzip({ level: 6 });
  gzip.pipe(file);
  const writeRaw = async (chunk: string | Buffer) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  const write = (value: unknown) => writeRaw(`${JSON.stringify(value)}\n`);
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        for (const s of TEXT_FORM_SETTINGS) await queryRows(tx, s);
        const catalog = await readCatalog(tx);
        const { order, cyclic } = orderTables([...catalog.tables.keys()], catalog.edges);
        if (cyclic.length) opts.onWarning?.(`foreign keys form a cycle between tables ${cyclic.join(', ')}: a restore may fail`);
        if (catalog.multiSelfReferencing.length) {
          opts.onWarning?.(`tables with several self-references (${catalog.multiSelfReferencing.join(', ')}): rows are parent-first for one of them only`);
        }
        const counts: { name: string; rows: number }[] = [];
        for (const name of order) counts.push({ name, rows: await countRows(tx, name) });
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          appVersion: opts.appVersion,
          createdAt: (opts.now ?? new Date()).toISOString(),
          source: { kind: database.kind, serverVersion: await serverVersion(tx) },
          migrations: await appliedMigrations(tx),
          tables: counts,
        };
        await write(header);
        let total = 0;
        for (const [i, name] of order.entries()) {
          const info = catalog.tables.get(name)!;
          const expected = counts[i]!.rows;
          const start: TableStart = { table: name, columns: info.columns };
          await write(start);
          const n = await streamTable(tx, selectAsText({ table: name, columns: info.columns.map((c) => c.name), primaryKey: info.primaryKey, selfReference: info.selfReference }), info.columns.length, pageSize, async (rows, soFar) => {
            for (const r of rows) await write(r);
            opts.onProgress?.({ table: name, tableIndex: i + 1, tableCount: order.length, rows: soFar, tableRows: expected, done: false });
          });
          total += n;
          opts.onProgress?.({ table: name, tableIndex: i + 1, tableCount: order.length, rows: n, tableRows: expected, done: true });
        }
        const sequences: SequenceState[] = [];
        for (const s of catalog.sequences) {
          const r = await queryRows<{ last_value: string; is_called: boolean }>(tx, `SELECT last_value::text AS last_value, is_called FROM ${qualified(s.name)}`);
          if (r[0]) sequences.push({ name: s.name, lastValue: r[0].last_value, isCalled: r[0].is_called });
        }
        await write({ sequences });
        return { tables: counts, rows: total, migrations: header.migrations.length, referenced: await referencedBlobs(tx, catalog.tables.values()) };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const { referenced, ...db } = summary;
    const missingBlobs = [...referenced].filter((sha) => !fs.existsSync(blobPath(opts.blobDir, sha))).sort();
    if (missingBlobs.length) {
      opts.onWarning?.(`${missingBlobs.length} file(s) the database refers to are missing from ${opts.blobDir} (first: ${missingBlobs[0]}); the backup cannot contain them`);
    }
    const files = await writeBlobs(opts.blobDir, writeRaw, write, opts.onWarning);
    const trailer: Trailer = { end: true, tables: db.tables.length, rows: db.rows, blobs: files.blobs, blobBytes: files.blobBytes };
    await write(trailer);
    gzip.end();
    await finished(file);
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, ...db, ...files, missingBlobs };
  } catch (err) {
    gzip.destroy();
    file.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Streams one SELECT through a cursor, `pageSize` rows per FETCH; returns the number of rows. */
async function streamTable(
  tx: DbOrTx,
  select: string,
  width: number,
  pageSize: number,
  onPage: (rows: Row[], soFar: number) => Promise<void>,
): Promise<number> {
  // No try/finally around the cursor: after an error the transaction rolls back, which closes it.
  await queryRows(tx, `DECLARE guifan_backup NO SCROLL CURSOR FOR ${select}`);
  let n = 0;
  for (;;) {
    const page = await queryRows<Record<string, string | null>>(tx, `FETCH ${pageSize} FROM guifan_backup`);
    if (page.length === 0) break;
    const rows = page.map((r) => {
      const out: Row = new Array<string | null>(width);
      for (let c = 0; c < width; c++) out[c] = r[`c${c}`] ?? null;
      return out;
    });
    n += rows.length;
    await onPage(rows, n);
    if (page.length < pageSize) break;
  }
  await queryRows(tx, 'CLOSE guifan_backup');
  return n;
}

/** Names of stored files the snapshot's rows refer to (text columns named `sha256`). */
async function referencedBlobs(tx: DbOrTx, tables: Iterable<{ name: string; columns: { name: string; type: string }[] }>): Promise<Set<string>> {
  const out = new Set<string>();
  for (const t of tables) {
    if (!t.columns.some((c) => c.name === BLOB_REF_COLUMN && c.type === 'text')) continue;
    const rows = await queryRows<{ sha: string }>(tx, `SELECT DISTINCT ${quoteIdent(BLOB_REF_COLUMN)} AS sha FROM ${qualified(t.name)} WHERE ${quoteIdent(BLOB_REF_COLUMN)} IS NOT NULL${BLOB_REF_WHERE[t.name] ? ` AND ${BLOB_REF_WHERE[t.name]}` : ''}`);
    for (const r of rows) out.add(r.sha);
  }
  return out;
}

/**
 * The file section: every blob of the store as its header line, its raw bytes and a newline. Each
 * file is hashed before it is copied: one whose bytes no longer match its name is already damaged
 * and is left out with a warning (copying it would make the whole backup refuse to restore).
 */
async function writeBlobs(
  root: string,
  writeRaw: (chunk: string | Buffer) => Promise<void>,
  write: (value: unknown) => Promise<void>,
  onWarning: ((message: string) => void) | undefined,
): Promise<{ blobs: number; blobBytes: number; corruptBlobs: string[] }> {
  let blobs = 0;
  let blobBytes = 0;
  const corruptBlobs: string[] = [];
  for await (const b of listFsBlobs(root)) {
    const actual = await hashFile(b.path);
    if (actual !== b.sha256) {
      corruptBlobs.push(b.sha256);
      onWarning?.(`stored file ${b.path} is damaged (its content hashes to ${actual}): left out of the backup`);
      continue;
    }
    await write({ blob: b.sha256, bytes: b.sizeBytes });
    let n = 0;
    for await (const chunk of fs.createReadStream(b.path)) {
      n += (chunk as Buffer).length;
      await writeRaw(chunk as Buffer);
    }
    // Stored files never change (content-addressed, moved into place whole): a size change means
    // something outside guifan is writing into the store, and the frame would be wrong.
    if (n !== b.sizeBytes) throw new BackupError(`stored file ${b.path} changed while it was being copied (${b.sizeBytes} bytes, then ${n})`);
    await writeRaw('\n');
    blobs++;
    blobBytes += n;
  }
  return { blobs, blobBytes, corruptBlobs };
}
