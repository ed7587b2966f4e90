import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Database, DbOrTx } from '../db/client';
import { appliedMigrations, countRows, queryRows, readCatalog, serverVersion } from './catalog';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type Row, type SequenceState, type TableStart, type Trailer } from './format';
import type { ProgressFn } from './progress';
import { qualified, selectAsText, TEXT_FORM_SETTINGS } from './sql-text';
import { orderTables } from './table-order';

export interface BackupOptions {
  appVersion: string;
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
}

/**
 * Writes the whole database to one gzip'd JSON-lines file (format.ts). Everything is read in one
 * REPEATABLE READ transaction, so the file is a consistent snapshot even while the app keeps
 * writing (the audit chain in it verifies). Rows are streamed through a cursor a page at a time.
 * The file appears under its final name only once complete.
 */
export async function createBackup(database: Database, outFile: string, opts: BackupOptions): Promise<BackupSummary> {
  const pageSize = opts.pageSize ?? 5000;
  const target = path.resolve(outFile);
  const partial = `${target}.partial-${process.pid}`;
  const file = fs.createWriteStream(partial);
  const gzip = zlib.createGzip({ level: 6 });
  gzip.pipe(file);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
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
        const trailer: Trailer = { end: true, tables: order.length, rows: total };
        await write(trailer);
        return { tables: counts, rows: total, migrations: header.migrations.length };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await finished(file);
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, ...summary };
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
