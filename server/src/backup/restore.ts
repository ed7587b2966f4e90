import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Database, DbOrTx } from '../db/client';
import { verifyAuditChain, type VerifyResult } from '../modules/audit';
import { appliedMigrations, countRows, queryRows, readCatalog, type Catalog } from './catalog';
import { BackupError } from './errors';
import { LineSplitter, migrationMismatch, parseHeader, parseLine, type BackupHeader, type ColumnRef, type Row } from './format';
import type { ProgressFn } from './progress';
import { insertFromJson, JSON_PARAM, qualified, quoteIdent, TEXT_FORM_SETTINGS } from './sql-text';
import { sql } from 'drizzle-orm';

export interface RestoreOptions {
  /** Replace whatever the target holds. Without it, a target with data is refused. */
  force?: boolean;
  /** Rows per INSERT statement. */
  batchRows?: number;
  onProgress?: ProgressFn;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: number;
  rows: number;
  audit: VerifyResult;
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
 * Restores a backup into a migrated database of either kind, in ONE transaction: a damaged or
 * cut-short file, or a row the schema refuses, leaves the target exactly as it was.
 */
export async function restoreBackup(database: Database, inFile: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  if (!fs.existsSync(inFile) || !fs.statSync(inFile).isFile()) throw new BackupError(`no such backup file: ${inFile}`);
  const lines = readLines(inFile)[Symbol.asyncIterator]();
  try {
    const first = await lines.next();
    if (first.done) throw new BackupError('the backup file is empty');
    const header = parseHeader(first.value);

    const { db } = database;
    const targetMigrations = await appliedMigrations(db);
    if (targetMigrations.length === 0) throw new BackupError('the target database has no schema yet: run `guifan migrate` on it first');
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
        const next = await lines.next();
        if (next.done) break;
        lineNo++;
        if (ended) throw new BackupError(`backup file is corrupt at line ${lineNo}: data after the end marker`);
        const line = parseLine(next.value, lineNo);
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
            batchBytes += next.value.length;
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
          case 'end': {
            await closeTable();
            if (line.value.tables !== seen.size || line.value.rows !== total || seen.size !== header.tables.length) {
              throw new BackupError(`backup file is inconsistent: end marker counts ${line.value.tables} tables / ${line.value.rows} rows, read ${seen.size} / ${total}`);
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
      return { tables: seen.size, rows: total };
    });
    const audit = await verifyAuditChain(database);
    return { header, ...result, audit };
  } finally {
    await lines.return?.(undefined);
  }
}

/** Lines of a gzip'd file; damage and truncation surface as BackupError. */
async function* readLines(file: string): AsyncGenerator<string> {
  const src = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  src.on('error', (e) => gunzip.destroy(e));
  src.pipe(gunzip);
  gunzip.setEncoding('utf8');
  const splitter = new LineSplitter();
  try {
    for await (const chunk of gunzip) for (const l of splitter.push(chunk as string)) yield l;
  } catch (err) {
    throw gzipError(err);
  } finally {
    src.destroy();
    gunzip.destroy();
  }
  const last = splitter.flush();
  if (last !== null) yield last;
}

function gzipError(err: unknown): Error {
  const code = (err as { code?: unknown }).code;
  if (code === 'Z_DATA_ERROR') return new BackupError(`not a guifan backup file, or it is damaged (${(err as Error).message})`);
  if (code === 'Z_BUF_ERROR' || (err instanceof Error && /unexpected end of file/.test(err.message))) {
    return new BackupError('backup file is truncated: it ends in the middle of its compressed data');
  }
  return err instanceof Error ? err : new Error(String(err));
}
