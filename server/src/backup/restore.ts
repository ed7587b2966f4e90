import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, type Database, type DbOrTx } from '../db/client';
import { blobPath } from '../platform/blob-store';
import { verifyAuditChain, type VerifyResult } from '../modules/audit';
import { appliedMigrations, countRows, queryRows, readCatalog, type Catalog } from './catalog';
import { BackupError } from './errors';
import { migrationMismatch, parseHeader, parseLine, type BackupHeader, type ColumnRef, type MigrationRef, type Row } from './format';
import { FrameReader } from './frame-reader';
import type { ProgressFn } from './progress';
import { insertFromJson, JSON_PARAM, qualified, quoteIdent, TEXT_FORM_SETTINGS } from './sql-text';
import { sql } from 'drizzle-orm';

export interface RestoreOptions {
  /** Root of the content-addressed file store to restore the files into (`<GUIFAN_DATA_DIR>/evidence`). */
  blobDir: string;
  /** Replace whatever the target holds. Without it, a target with data is refused. */
  force?: boolean;
  /** Rows per INSERT statement. */
  batchRows?: number;
  onProgress?: ProgressFn;
  /** Problems that do not stop the restore (an old, database-only backup). */
  onWarning?: (message: string) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: number;
  rows: number;
  /** Files restored into the store, and their bytes. */
  blobs: number;
  blobBytes: number;
  /** The target had no schema and was migrated first. */
  migrated: boolean;
  warnings: string[];
  audit: VerifyResult;
}

/** This release's migrations, as drizzle records them once applied. */
function releaseMigrations(): MigrationRef[] {
  return readMigrationFiles({ migrationsFolder }).map((m) => ({ hash: m.hash, createdAt: String(m.folderMillis) }));
}

/**
 * Rows a freshly migrated database already holds, which do not count as "data": migrations that
 * seed a bookkeeping row list it here (table → SQL condition true for the pristine row).
 */
export const PRISTINE_ROWS: Readonly<Record<string, string>> = {
  audit_chain_head: `seq = 0 AND hash = 'GENESIS'`,
};

/** Rows the target holds beyond a fresh migration, per table (only tables with some). */
export async function dataInTarget(tx: DbOrTx, catalog: Catalog): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const name of [...catalog.tables.keys()].sort()) {
    const pristine = PRISTINE_ROWS[name];
    const n = await countRows(tx, name, pristine ? `NOT (${pristine})` : undefined);
    if (n > 0) out.push({ table: name, rows: n });
  }
  return out;
}

/**
 * Restores a backup (database and files) into a database of either kind and a file store.
 *
 * A fresh target (new data dir, empty PostgreSQL database) is first given this release's schema,
 * once the header shows the backup was made with exactly that schema. The rows go in in ONE
 * transaction; the files are written to a staging folder inside the store while it is open, each
 * checked against its SHA-256, and moved into place only after it committed. So a damaged or
 * cut-short file, a tampered stored file or a row the schema refuses leaves the database exactly
 * as it was (a fresh target: migrated and empty) and no file in the store.
 */
export async function restoreBackup(database: Database, inFile: string, opts: RestoreOptions): Promise<RestoreSummary> {
  if (!fs.existsSync(inFile) || !fs.statSync(inFile).isFile()) throw new BackupError(`no such backup file: ${inFile}`);
  const frames = openFrames(inFile);
  const reader = frames.reader;
  let staging: string | null = null;
  try {
    const first = await reader.line();
    if (first === null) throw new BackupError('the backup file is empty');
    const header = parseHeader(first);
    const withFiles = header.formatVersion >= 2;
    const warnings: string[] = [];
    const warn = (m: string) => {
      warnings.push(m);
      opts.onWarning?.(m);
    };
    if (!withFiles) {
      warn(
        `this backup has format version ${header.formatVersion}: it holds the database only, no evidence or photo files. ` +
          `Copy the folder evidence/ of the old data directory into ${opts.blobDir} by hand, or downloads of those files will fail (evidence.missing)`,
      );
    }

    const { db } = database;
    let targetMigrations = await appliedMigrations(db);
    let migrated = false;
    if (targetMigrations.length === 0) {
      const present = await readCatalog(db);
      if (present.tables.size) {
        throw new BackupError(`the target database has tables (${[...present.tables.keys()].slice(0, 5).join(', ')} …) but no guifan schema history: restore into a new data directory or an empty database`);
      }
      // Checked before the target is touched: a backup of another schema version must not leave a migrated target behind.
      const release = releaseMigrations();
      if (migrationMismatch(header.migrations, release)) {
        throw new BackupError(
          `backup was made by a different schema version (${header.migrations.length} migrations) than this release's (${release.length}): ` +
            `restore it with the guifan release that made it (${header.appVersion}), then upgrade`,
        );
      }
      await database.migrate();
      migrated = true;
      targetMigrations = await appliedMigrations(db);
    }
    const mismatch = migrationMismatch(header.migrations, targetMigrations);
    if (mismatch) throw new BackupError(mismatch);

    const catalog = await readCatalog(db);
    const missing = header.tables.map((t) => t.name).filter((t) => !catalog.tables.has(t));
    if (missing.length) throw new BackupError(`the target database has no table(s) ${missing.join(', ')} although its migrations match`);
    const existing = await dataInTarget(db, catalog);
    if (existing.length && !opts.force) {
      const list = existing.map((e) => `${e.table} ${e.rows}`).join(', ');
      throw new BackupError(`the target database already holds data (${list}); restore into a freshly migrated database, or pass --force to replace everything in it`);
    }

    const expectedRows = new Map(header.tables.map((t) => [t.name, t.rows]));
    const batchRows = opts.batchRows ?? 2000;
    const result = await db.transaction(async (tx) => {
      for (const s of TEXT_FORM_SETTINGS) await queryRows(tx, s);
      // Inserting restored rows must not set off the app's own triggers (they already did their work
      // when the rows were first written); re-enabled before commit.
      for (const t of catalog.userTriggers) await queryRows(tx, `ALTER TABLE ${qualified(t.table)} DISABLE TRIGGER ${quoteIdent(t.name)}`);
      const all = [...catalog.tables.keys()];
      if (all.length) await queryRows(tx, `TRUNCATE ${all.map((t) => qualified(t)).join(', ')} RESTART IDENTITY CASCADE`);

      let lineNo = 1;
      let current: { table: string; columns: ColumnRef[]; insert: [string, string]; rows: number } | null = null;
      let batch: Row[] = [];
      let batchBytes = 0;
      let tableIndex = 0;
      let total = 0;
      let ended = false;
      const seen = new Set<string>();
      const staged = new Set<string>();
      let stagedBytes = 0;

      const flush = async () => {
        if (!current || batch.length === 0) return;
        const [before, after] = current.insert;
        await tx.execute(sql`${sql.raw(before)}${JSON.stringify(batch)}${sql.raw(after)}`);
        current.rows += batch.length;
        total += batch.length;
        batch = [];
        batchBytes = 0;
        opts.onProgress?.({ table: current.table, tableIndex, tableCount: header.tables.length, rows: current.rows, tableRows: expectedRows.get(current.table) ?? 0, done: false });
      };
      const closeTable = async () => {
        if (!current) return;
        await flush();
        const expected = expectedRows.get(current.table);
        if (expected !== current.rows) {
          throw new BackupError(`backup file is inconsistent: table ${current.table} has ${current.rows} rows, its header says ${String(expected)}`);
        }
        opts.onProgress?.({ table: current.table, tableIndex, tableCount: header.tables.length, rows: current.rows, tableRows: current.rows, done: true });
        current = null;
      };

      for (;;) {
        const text = await reader.line();
        if (text === null) break;
        lineNo++;
        if (ended) throw new BackupError(`backup file is corrupt at line ${lineNo}: data after the end marker`);
        const line = parseLine(text, lineNo);
        switch (line.kind) {
          case 'table': {
            await closeTable();
            const { table, columns } = line.value;
            const info = catalog.tables.get(table);
            if (!info || !expectedRows.has(table)) throw new BackupError(`backup file is corrupt at line ${lineNo}: unexpected table ${table}`);
            if (seen.has(table)) throw new BackupError(`backup file is corrupt at line ${lineNo}: table ${table} appears twice`);
            seen.add(table);
            const targetTypes = new Map(info.columns.map((c) => [c.name, c.type]));
            const names = columns.map((c) => c.name);
            const unknown = names.filter((n) => !targetTypes.has(n));
            const absent = [...targetTypes.keys()].filter((n) => !names.includes(n));
            if (unknown.length || absent.length) {
              throw new BackupError(`table ${table} has different columns in the backup and the target (${[...unknown.map((n) => `+${n}`), ...absent.map((n) => `-${n}`)].join(', ')})`);
            }
            // Cast with the TARGET's types: the catalog of the database we write into is the authority.
            const text = insertFromJson(table, columns.map((c) => ({ name: c.name, type: targetTypes.get(c.name)! })));
            const at = text.indexOf(JSON_PARAM);
            current = { table, columns, insert: [text.slice(0, at), text.slice(at + '$1'.length)], rows: 0 };
            tableIndex++;
            break;
          }
          case 'row': {
            if (!current) throw new BackupError(`backup file is corrupt at line ${lineNo}: a row before any table`);
            if (line.value.length !== current.columns.length) {
              throw new BackupError(`backup file is corrupt at line ${lineNo}: ${current.table} row has ${line.value.length} values for ${current.columns.length} columns`);
            }
            batch.push(line.value);
            batchBytes += text.length;
            if (batch.length >= batchRows || batchBytes >= 8 * 1024 * 1024) await flush();
            break;
          }
          case 'sequences': {
            await closeTable();
            for (const s of line.value) {
              if (!catalog.sequences.some((c) => c.name === s.name)) continue;
              await queryRows(tx, sql`SELECT setval(${qualified(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`);
            }
            break;
          }
          case 'blob': {
            await closeTable();
            const { blob: sha, bytes } = line.value;
            if (!withFiles) throw new BackupError(`backup file is corrupt at line ${lineNo}: a stored file in a version ${header.formatVersion} backup`);
            if (staged.has(sha)) throw new BackupError(`backup file is corrupt at line ${lineNo}: stored file ${sha} appears twice`);
            if (staging === null) {
              staging = path.join(opts.blobDir, 'tmp', `restore-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
              fs.mkdirSync(staging, { recursive: true });
            }
            const out = fs.createWriteStream(path.join(staging, sha));
            const hash = crypto.createHash('sha256');
            let got: number;
            try {
              got = await reader.bytes(bytes, async (piece) => {
                hash.update(piece);
                if (!out.write(piece)) await once(out, 'drain');
              });
            } finally {
              out.end();
              await finished(out);
            }
            if (got < bytes) throw new BackupError(`backup file is truncated: it ends inside stored file ${sha} (${got} of ${bytes} bytes)`);
            const actual = hash.digest('hex');
            if (actual !== sha) {
              throw new BackupError(`backup file is corrupt: stored file ${sha} (line ${lineNo}) does not match its SHA-256, its content hashes to ${actual}`);
            }
            lineNo++;
            if ((await reader.line()) !== '') throw new BackupError(`backup file is corrupt at line ${lineNo}: stored file ${sha} is not followed by a line end`);
            staged.add(sha);
            stagedBytes += bytes;
            break;
          }
          case 'end': {
            await closeTable();
            if (line.value.tables !== seen.size || line.value.rows !== total || seen.size !== header.tables.length) {
              throw new BackupError(`backup file is inconsistent: end marker counts ${line.value.tables} tables / ${line.value.rows} rows, read ${seen.size} / ${total}`);
            }
            if (withFiles && (line.value.blobs !== staged.size || line.value.blobBytes !== stagedBytes)) {
              throw new BackupError(`backup file is inconsistent: end marker counts ${String(line.value.blobs)} stored files / ${String(line.value.blobBytes)} bytes, read ${staged.size} / ${stagedBytes}`);
            }
            ended = true;
            break;
          }
        }
      }
      if (!ended) throw new BackupError('backup file is truncated: it ends before its end marker');
      // Whatever the saved sequence states, the next generated key must be free.
      for (const s of catalog.sequences) {
        if (!s.ownedBy) continue;
        const col = quoteIdent(s.ownedBy.column);
        await queryRows(
          tx,
          `SELECT setval('${qualified(s.name).replace(/'/g, "''")}'::regclass, m + 1, false) FROM (SELECT max(${col}) AS m FROM ${qualified(s.ownedBy.table)}) x
           WHERE m IS NOT NULL AND m + 1 > (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${qualified(s.name)})`,
        );
      }
      for (const t of catalog.userTriggers) await queryRows(tx, `ALTER TABLE ${qualified(t.table)} ENABLE TRIGGER ${quoteIdent(t.name)}`);
      return { tables: seen.size, rows: total, staged: [...staged], blobBytes: stagedBytes };
    });
    // Committed: now the files. Renames within one file system, so each file appears whole.
    if (staging !== null) {
      const from = staging;
      try {
        for (const sha of result.staged) {
          const dest = blobPath(opts.blobDir, sha);
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.renameSync(path.join(from, sha), dest);
        }
      } catch (e) {
        staging = null; // keep what is left for the operator
        throw new BackupError(
          `the database was restored, but moving the files into ${opts.blobDir} failed (${(e as Error).message}); ` +
            `the files not yet moved are in ${from}. Fix the cause and run the restore again with --force`,
        );
      }
    }
    const audit = await verifyAuditChain(database);
    return { header, tables: result.tables, rows: result.rows, blobs: result.staged.length, blobBytes: result.blobBytes, migrated, warnings, audit };
  } finally {
    frames.close();
    if (staging !== null) fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The decompressed bytes of a backup file as lines and runs of bytes; damage and truncation surface as BackupError. */
function openFrames(file: string): { reader: FrameReader; close: () => void } {
  const src = fs.createReadStream(file);
  const gunzip = zlib.createGunzip({ chunkSize: 64 * 1024 });
  src.on('error', (e) => gunzip.destroy(e));
  src.pipe(gunzip);
  const chunks = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const source: AsyncIterator<Buffer> = {
    async next() {
      try {
        return await chunks.next();
      } catch (err) {
        throw gzipError(err);
      }
    },
  };
  return {
    reader: new FrameReader(source),
    close: () => {
      src.destroy();
      gunzip.destroy();
    },
  };
}

function gzipError(err: unknown): Error {
  const code = (err as { code?: unknown }).code;
  if (code === 'Z_DATA_ERROR') return new BackupError(`not a guifan backup file, or it is damaged (${(err as Error).message})`);
  if (code === 'Z_BUF_ERROR' || (err instanceof Error && /unexpected end of file/.test(err.message))) {
    return new BackupError('backup file is truncated: it ends in the middle of its compressed data');
  }
  return err instanceof Error ? err : new Error(String(err));
}
