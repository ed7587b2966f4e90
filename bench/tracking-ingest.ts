/**
 * JT/T 808 ingest: positions acknowledged per second by the gateway (0x8001 only after the batch committed) with
 * many simulated terminals over TCP, against a raw COPY of the same rows into the same table, in one run.
 * Goal: ingest ≥ 0.5× COPY.
 *
 * 1. A guifan server (auto-registration on) on a fresh database; bench/jt808-flood.ts (own process) connects
 *    T terminals that each keep W reports in flight; acked positions/s over the measured window.
 * 2. The server is stopped; the rows it stored are read back (COPY … TO) and written again into
 *    tracking_position with one COPY … FROM (the baseline), and — as a diagnostic — with one COPY per
 *    transaction of 1,000 rows (the writer's batch size, without its last-position update).
 *
 *   node --import tsx bench/tracking-ingest.ts                      # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://…/guifan_bench node --import tsx bench/tracking-ingest.ts   # + PostgreSQL
 *
 * Knobs: BENCH_808_TERMINALS (500), BENCH_808_WINDOW (8), BENCH_808_WARMUP (5 s), BENCH_808_DURATION (15 s).
 * On PostgreSQL a scratch database next to BENCH_DATABASE_URL's is created and dropped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createDatabase, sql, type Database } from '../server/src/db/client';
import { emitSection, fmt, isMain, mdTable, passFail } from './lib';
import { intEnv, runJsonChild, startTrackingServer, withScratchPg } from './tracking-lib';

const GOAL = 0.5;
const COLUMNS = 'device_id, fix_time, received_at, lat, lon, altitude, speed_kmh, course, accuracy_m, battery, valid, flags, source, alarm, status, attributes';

interface FloodResult {
  terminals: number;
  window: number;
  connected: number;
  acked: number;
  refused: number;
  failed: number;
  measuredS: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: Array<[string, number]>;
}

interface Row {
  database: string;
  flood: FloodResult;
  stored: number;
  copyRows: number;
  copyPerSecond: number;
  batchedPerSecond: number;
}

async function exportRows(db: Database): Promise<string> {
  const copy = `COPY (SELECT ${COLUMNS} FROM tracking_position WHERE source = 2) TO STDOUT`;
  if (db.pglite) {
    const r = await db.pglite.query(copy.replace('STDOUT', "'/dev/blob'"));
    if (!r.blob) throw new Error('PGlite COPY TO returned no blob');
    return await r.blob.text();
  }
  const client = await db.pool!.connect();
  try {
    const chunks: Buffer[] = [];
    const stream = client.query(copyTo(copy));
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    client.release();
  }
}

/** COPY `text` into tracking_position, in transactions of `rowsPerTx` rows (Infinity = one). Returns ms. */
async function copyIn(db: Database, lines: string[], rowsPerTx: number): Promise<number> {
  const chunks: string[] = [];
  const step = Math.max(1, Math.min(rowsPerTx, lines.length));
  for (let i = 0; i < lines.length; i += step) chunks.push(lines.slice(i, i + step).join('\n') + '\n');
  const t0 = performance.now();
  if (db.pglite) {
    const pgl = db.pglite;
    for (const text of chunks) await pgl.transaction(async (tx) => void (await tx.query(`COPY tracking_position (${COLUMNS}) FROM '/dev/blob'`, [], { blob: new Blob([text]) })));
  } else {
    const client = await db.pool!.connect();
    try {
      for (const text of chunks) {
        await client.query('BEGIN');
        await pipeline(Readable.from([text]), client.query(copyFrom(`COPY tracking_position (${COLUMNS}) FROM STDIN`)));
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
  }
  return performance.now() - t0;
}

async function countStored(db: Database): Promise<number> {
  const [r] = await db.rows<{ n: number | string }>(sql`SELECT count(*)::int AS n FROM tracking_position WHERE source = 2`);
  return Number(r?.n ?? 0);
}

async function runOne(database: string, databaseUrl: string | undefined, load: { terminals: number; window: number; warmupS: number; durationS: number }): Promise<Row> {
  console.error(`[tracking-ingest] ${database}: server…`);
  const server = await startTrackingServer({ databaseUrl, tag: 'ingest' });
  let flood: FloodResult;
  try {
    console.error(`[tracking-ingest] ${database}: ${load.terminals} terminals × ${load.window} in flight, ${load.warmupS} s warm-up + ${load.durationS} s…`);
    flood = await runJsonChild<FloodResult>('bench/jt808-flood.ts', [server.jt808Port, load.terminals, load.window, load.warmupS, load.durationS].map(String), (load.warmupS + load.durationS + 120) * 1000);
    console.error(`[tracking-ingest] ${database}: ${fmt(flood.perSecond)} acked/s (${flood.connected} terminals connected)`);
  } finally {
    await server.stop({ keepData: true });
  }
  const db = await createDatabase(databaseUrl ? { databaseUrl } : { pgliteDir: path.join(server.dataDir, 'pglite') });
  try {
    const stored = await countStored(db);
    const text = await exportRows(db);
    const lines = text.split('\n').filter((l) => l.length > 0);
    console.error(`[tracking-ingest] ${database}: COPY of the ${fmt(lines.length)} stored rows…`);
    const oneMs = await copyIn(db, lines, Infinity);
    const batchedMs = await copyIn(db, lines, 1000);
    return { database, flood, stored, copyRows: lines.length, copyPerSecond: lines.length / (oneMs / 1000), batchedPerSecond: lines.length / (batchedMs / 1000) };
  } finally {
    await db.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export async function runTrackingIngestBench(): Promise<{ markdown: string; pass: boolean }> {
  const load = { terminals: intEnv('BENCH_808_TERMINALS', 500), window: intEnv('BENCH_808_WINDOW', 8), warmupS: intEnv('BENCH_808_WARMUP', 5), durationS: intEnv('BENCH_808_DURATION', 15) };
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const rows: Row[] = [];
  if (pgUrl) rows.push(await withScratchPg(pgUrl, 'ingest', (u) => runOne('PostgreSQL', u, load)));
  rows.push(await runOne('PGlite (embedded)', undefined, load));
  const goalRows = rows.filter((r) => r.database === 'PostgreSQL');
  const pass = goalRows.length > 0 && goalRows.every((r) => r.flood.perSecond / r.copyPerSecond >= GOAL);
  const table = mdTable(
    ['database', 'terminals × in flight', 'acked positions/s (ack after commit)', 'ack p50 / p99 ms', 'stored rows', 'COPY rows/s (one COPY)', `× COPY`, `goal ≥ ${GOAL}×`, 'COPY rows/s, 1,000-row transactions (diagnostic)'],
    rows.map((r) => {
      const ratio = r.flood.perSecond / r.copyPerSecond;
      const problems = r.flood.refused || r.flood.failed || r.flood.connected < r.flood.terminals ? ` ⚠ connected ${r.flood.connected}, refused ${r.flood.refused}, failed ${r.flood.failed}` : '';
      return [
        r.database,
        `${r.flood.terminals} × ${r.flood.window}${problems}`,
        fmt(r.flood.perSecond),
        `${fmt(r.flood.p50Ms, 0)} / ${fmt(r.flood.p99Ms, 0)}`,
        fmt(r.stored),
        fmt(r.copyPerSecond),
        fmt(ratio, 2),
        r.database === 'PostgreSQL' ? passFail(ratio >= GOAL) : '(embedded: diagnostic)',
        fmt(r.batchedPerSecond),
      ];
    }),
  );
  const errs = rows.flatMap((r) => r.flood.errors.map(([m, n]) => `${r.database}: ${m} ×${n}`));
  const markdown = [
    '### JT/T 808 ingest vs COPY (`bench/tracking-ingest.ts`)',
    '',
    `One guifan server per database (fresh database, \`GUIFAN_DEVICE_AUTOREGISTER=true\`, default batching: ≤ 100 ms or 1,000 rows per commit); ` +
      `\`bench/jt808-flood.ts\` in its own process connects the terminals over TCP (a quarter with 2019 headers), registers and authenticates them, ` +
      `and keeps the given number of 0x0200 reports in flight per terminal (a new one on each 0x8001, which the gateway sends after the commit); ` +
      `${load.warmupS} s warm-up, then acked positions counted for ${load.durationS} s. Then the server is stopped, the rows it stored are read back ` +
      `and COPYed into the same \`tracking_position\` (same partitions and covering index) in one transaction: the baseline. ` +
      `Client and server share the ${os.availableParallelism()} CPUs.` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`): the goal row is missing.'),
    '',
    table,
    '',
    `Goal (808 ingest on PostgreSQL ≥ ${GOAL}× COPY of the same rows): ${goalRows.length ? passFail(pass) : 'not measured (PostgreSQL: set `BENCH_DATABASE_URL`)'}.` + (errs.length ? ` Client-side errors: ${errs.join('; ')}.` : ''),
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runTrackingIngestBench()
    .then((r) => emitSection('tracking-ingest', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
