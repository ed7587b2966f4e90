/**
 * OsmAnd HTTP ingest: reports per second answered 200 (which the server sends only after the commit) with many
 * concurrent keep-alive clients, against its fair limit, a minimal correct ingest on bare fastify with the same
 * batching on the same database kind (bench/osmand-bare.ts), on the same machine, one run, same load generator
 * (bench/osmand-load.ts: autocannon, own process). Goal: ≥ 0.9× the limit. A bare hello-world is measured as a
 * diagnostic. Embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL is set (scratch databases).
 *
 *   node --import tsx bench/tracking-osmand.ts
 *
 * Knobs: BENCH_OSMAND_CONNECTIONS (1000: a thousand phones), BENCH_OSMAND_DEVICES (1000), BENCH_OSMAND_DURATION
 * (10 s), BENCH_OSMAND_WARMUP (5 s; also auto-registers the devices).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOOPBACK, emitSection, fmt, freePort, isMain, mdTable, passFail, rssKib, spawnNode, stopChild, tempDataDir, waitForOk } from './lib';
import { intEnv, runJsonChild, startTrackingServer, withScratchPg } from './tracking-lib';

const GOAL = 0.9;

interface Load {
  connections: number;
  devices: number;
  durationS: number;
  ok: number;
  okPerSecond: number;
  reqPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

interface Opts {
  connections: number;
  devices: number;
  durationS: number;
  warmupS: number;
}

function load(url: string, o: Opts, durationS: number): Promise<Load> {
  return runJsonChild<Load>('bench/osmand-load.ts', [url, String(o.connections), String(o.devices), String(durationS)], (durationS + 90) * 1000);
}

async function bare(o: Opts): Promise<Load> {
  const port = await freePort();
  const child = spawnNode('bench/bare-server.ts', [], { ...process.env, PORT: String(port) });
  try {
    const url = `http://${LOOPBACK}:${port}/`;
    await waitForOk(url, child, Date.now(), 30_000);
    await load(url, o, o.warmupS);
    return await load(url, o, o.durationS);
  } finally {
    await stopChild(child);
  }
}

/** The fair limit: bench/osmand-bare.ts, a minimal correct ingest (same batching, 200 after commit), same database kind. */
async function minimalIngest(o: Opts, databaseUrl: string | undefined): Promise<Load> {
  const port = await freePort();
  const dataDir = tempDataDir('osmand-bare');
  const env = { ...process.env, PORT: String(port), ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: path.join(dataDir, 'pglite') }) };
  const child = spawnNode('bench/osmand-bare.ts', [], env);
  try {
    const base = `http://${LOOPBACK}:${port}/`;
    await waitForOk(`${base}?id=probe&lat=32&lon=120.9`, child, Date.now(), 60_000);
    await load(base, o, o.warmupS);
    return await load(base, o, o.durationS);
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function guifan(databaseUrl: string | undefined, o: Opts): Promise<{ load: Load; rssKib: number | null; rows: number | null }> {
  const server = await startTrackingServer({ databaseUrl, tag: 'osmand' });
  try {
    const url = `http://${LOOPBACK}:${server.osmandPort}/`;
    await load(url, o, o.warmupS);
    const l = await load(url, o, o.durationS);
    return { load: l, rssKib: rssKib(server.child.pid), rows: null };
  } finally {
    await server.stop();
  }
}

export async function runTrackingOsmandBench(): Promise<{ markdown: string; pass: boolean }> {
  const o: Opts = {
    connections: intEnv('BENCH_OSMAND_CONNECTIONS', 1000),
    devices: intEnv('BENCH_OSMAND_DEVICES', 1000),
    durationS: intEnv('BENCH_OSMAND_DURATION', 10),
    warmupS: intEnv('BENCH_OSMAND_WARMUP', 5),
  };
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  console.error(`[tracking-osmand] bare fastify hello-world (${o.connections} connections)…`);
  const b = await bare(o);
  console.error(`[tracking-osmand] bare: ${fmt(b.okPerSecond)} req/s`);
  const rows: Array<{ database: string; r: Awaited<ReturnType<typeof guifan>>; limit: Load }> = [];
  console.error('[tracking-osmand] guifan on PGlite, then the minimal ingest…');
  const g = await guifan(undefined, o);
  rows.push({ database: 'PGlite (embedded)', r: g, limit: await minimalIngest(o, undefined) });
  if (pgUrl) {
    console.error('[tracking-osmand] guifan on PostgreSQL, then the minimal ingest…');
    const gp = await withScratchPg(pgUrl, 'osmand', (u) => guifan(u, o));
    rows.push({ database: 'PostgreSQL', r: gp, limit: await withScratchPg(pgUrl, 'osmandbare', (u) => minimalIngest(o, u)) });
  }
  const pass = rows.every((x) => x.r.load.okPerSecond / x.limit.okPerSecond >= GOAL);
  const warn = (l: Load) => (l.non2xx || l.errors || l.timeouts ? ` ⚠ non-2xx ${l.non2xx} (${JSON.stringify(l.statusCodes)}), errors ${l.errors}, timeouts ${l.timeouts}` : '');
  const table = mdTable(
    ['server', 'database', '200 responses/s', 'p50 ms', 'p99 ms', '× hello-world', '× its limit', `goal ≥ ${GOAL}× limit`],
    [
      [`bare fastify hello-world (no database; diagnostic)${warn(b)}`, '—', fmt(b.okPerSecond), fmt(b.p50Ms, 0), fmt(b.p99Ms, 0), '1.00', '—', '—'],
      ...rows.flatMap(({ database, r, limit }) => {
        const ratio = r.load.okPerSecond / limit.okPerSecond;
        return [
          [`minimal correct ingest, bare fastify (\`bench/osmand-bare.ts\`; the limit)${warn(limit)}`, database, fmt(limit.okPerSecond), fmt(limit.p50Ms, 0), fmt(limit.p99Ms, 0), fmt(limit.okPerSecond / b.okPerSecond, 2), '—', '(limit)'],
          [`guifan OsmAnd port (200 after commit)${warn(r.load)}`, database, fmt(r.load.okPerSecond), fmt(r.load.p50Ms, 0), fmt(r.load.p99Ms, 0), fmt(r.load.okPerSecond / b.okPerSecond, 2), fmt(ratio, 2), passFail(ratio >= GOAL)],
        ];
      }),
    ],
  );
  const rss = rows.map(({ database, r }) => `${database} ${r.rssKib === null ? 'n/a' : `${fmt(r.rssKib / 1024)} MiB`}`).join(', ');
  const markdown = [
    '### OsmAnd HTTP ingest vs a minimal correct ingest (`bench/tracking-osmand.ts`)',
    '',
    `\`bench/osmand-load.ts\` (autocannon in its own process): ${o.connections} keep-alive connections, GET with Traccar Client's query form, ` +
      `ids rotating over ${o.devices} devices (auto-registered during the warm-up), fix times one second apart per device; ` +
      `${o.warmupS} s warm-up, then ${o.durationS} s measured; only 200 responses counted. The same requests go to the fair limit, a minimal correct ingest on bare fastify ` +
      `(\`bench/osmand-bare.ts\`: parse, refuse a report without id or coordinates, the same batching, one \`insert … select from unnest\` ` +
      `per batch into a table with a (device, fix time) index, 200 after the commit; same database kind, fresh), and, as a diagnostic, ` +
      `to a bare fastify hello-world (\`bench/bare-server.ts\`, any query on \`/\`). guifan: fresh database, default batching (a commit at most 100 ms after the first ` +
      `waiting position, or at 1,000 rows), answering 200 only after the commit. ${os.availableParallelism()} CPUs shared by client and server.` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    `Goal (OsmAnd ingest ≥ ${GOAL}× the minimal ingest on the same database): ${passFail(pass)}. Server RSS after the load: ${rss}.`,
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runTrackingOsmandBench()
    .then((r) => emitSection('tracking-osmand', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
