/**
 * OsmAnd HTTP ingest: reports per second answered 200 (which the server sends only after the commit) with many
 * concurrent keep-alive clients, against its fair limit, a minimal correct ingest on bare fastify with the same
 * batching on the same database kind (bench/osmand-bare.ts), on the same machine, one run, same load generator
 * (bench/osmand-load.ts: autocannon, own process). Goal: ≥ 0.9× the limit. A bare hello-world is measured as a
 * diagnostic. Embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL is set (scratch databases).
 *
 *   node --import tsx bench/tracking-osmand.ts
 *
 * guifan and its limit run side by side and are measured in alternating rounds (a shared 2-core machine: a
 * neighbour's burst then hits both); the verdict is the median of the per-round ratios.
 *
 * Knobs: BENCH_OSMAND_CONNECTIONS (1000: a thousand phones), BENCH_OSMAND_DEVICES (1000), BENCH_OSMAND_DURATION
 * (5 s per round and side), BENCH_OSMAND_ROUNDS (5), BENCH_OSMAND_WARMUP (5 s; also auto-registers the devices).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOOPBACK, cpuMs, emitSection, fmt, freePort, isMain, mdTable, passFail, rssKib, spawnNode, stopChild, tempDataDir, waitForOk } from './lib';
import { intEnv, median, runJsonChild, startTrackingServer, withScratchPg } from './tracking-lib';

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
  rounds: number;
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
async function startMinimalIngest(databaseUrl: string | undefined): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = tempDataDir('osmand-bare');
  const env = { ...process.env, PORT: String(port), ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: path.join(dataDir, 'pglite') }) };
  const child = spawnNode('bench/osmand-bare.ts', [], env);
  const url = `http://${LOOPBACK}:${port}/`;
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForOk(`${url}?id=probe&lat=32&lon=120.9`, child, Date.now(), 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid, stop };
}

interface Round {
  guifan: Load;
  limit: Load;
  ratio: number;
  /** Server CPU ms (database included on PGlite: same process) spent during each side's run; null off Linux. */
  guifanCpuMs: number | null;
  limitCpuMs: number | null;
}

/**
 * guifan and its limit both running (each idle while the other is loaded), each warmed up once (the warm-up also
 * auto-registers guifan's devices), then `rounds` alternating measurements, the order flipped every round, so
 * that a neighbour's burst on the shared machine hits both sides alike. The verdict is the median of the rounds'
 * ratios.
 */
async function sideBySide(databaseUrl: string | undefined, limitDatabaseUrl: string | undefined, o: Opts): Promise<{ rounds: Round[]; rssKib: number | null }> {
  const server = await startTrackingServer({ databaseUrl, tag: 'osmand' });
  try {
    const limit = await startMinimalIngest(limitDatabaseUrl);
    try {
      const url = `http://${LOOPBACK}:${server.osmandPort}/`;
      await load(url, o, o.warmupS);
      await load(limit.url, o, o.warmupS);
      const rounds: Round[] = [];
      const timed = async (pid: number, u: string): Promise<[Load, number | null]> => {
        const before = cpuMs(pid);
        const r = await load(u, o, o.durationS);
        const after = cpuMs(pid);
        return [r, before === null || after === null ? null : after - before];
      };
      for (let i = 0; i < o.rounds; i++) {
        let g: [Load, number | null];
        let l: [Load, number | null];
        if (i % 2 === 0) {
          g = await timed(server.child.pid, url);
          l = await timed(limit.pid, limit.url);
        } else {
          l = await timed(limit.pid, limit.url);
          g = await timed(server.child.pid, url);
        }
        rounds.push({ guifan: g[0], limit: l[0], ratio: g[0].okPerSecond / l[0].okPerSecond, guifanCpuMs: g[1], limitCpuMs: l[1] });
        console.error(`[tracking-osmand]   round ${i + 1}: guifan ${fmt(g[0].okPerSecond)}/s, limit ${fmt(l[0].okPerSecond)}/s, ${fmt(g[0].okPerSecond / l[0].okPerSecond, 2)}×`);
      }
      return { rounds, rssKib: rssKib(server.child.pid) };
    } finally {
      await limit.stop();
    }
  } finally {
    await server.stop();
  }
}

/** Sums of the rounds: 200 responses per second over all rounds, and the median of the rounds' latency percentiles. */
function pooled(ls: Load[]): { okPerSecond: number; p50Ms: number; p99Ms: number; warn: string } {
  const ok = ls.reduce((s, l) => s + l.ok, 0);
  const secs = ls.reduce((s, l) => s + l.durationS, 0);
  const non2xx = ls.reduce((s, l) => s + l.non2xx, 0);
  const errors = ls.reduce((s, l) => s + l.errors, 0);
  const timeouts = ls.reduce((s, l) => s + l.timeouts, 0);
  return {
    okPerSecond: ok / secs,
    p50Ms: median(ls.map((l) => l.p50Ms)),
    p99Ms: median(ls.map((l) => l.p99Ms)),
    warn: non2xx || errors || timeouts ? ` ⚠ non-2xx ${non2xx}, errors ${errors}, timeouts ${timeouts}` : '',
  };
}

export async function runTrackingOsmandBench(): Promise<{ markdown: string; pass: boolean }> {
  const o: Opts = {
    connections: intEnv('BENCH_OSMAND_CONNECTIONS', 1000),
    devices: intEnv('BENCH_OSMAND_DEVICES', 1000),
    durationS: intEnv('BENCH_OSMAND_DURATION', 5),
    warmupS: intEnv('BENCH_OSMAND_WARMUP', 5),
    rounds: intEnv('BENCH_OSMAND_ROUNDS', 5),
  };
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  console.error(`[tracking-osmand] bare fastify hello-world (${o.connections} connections)…`);
  const b = await bare(o);
  console.error(`[tracking-osmand] bare: ${fmt(b.okPerSecond)} req/s`);
  const rows: Array<{ database: string; rounds: Round[]; rssKib: number | null }> = [];
  console.error(`[tracking-osmand] guifan and the minimal ingest on PGlite, ${o.rounds} alternating rounds of ${o.durationS} s…`);
  rows.push({ database: 'PGlite (embedded)', ...(await sideBySide(undefined, undefined, o)) });
  if (pgUrl) {
    console.error('[tracking-osmand] the same on PostgreSQL…');
    const r = await withScratchPg(pgUrl, 'osmand', (u) => withScratchPg(pgUrl, 'osmandbare', (lu) => sideBySide(u, lu, o)));
    rows.push({ database: 'PostgreSQL', ...r });
  }
  const verdict = (rounds: Round[]) => median(rounds.map((r) => r.ratio));
  const pass = rows.every((x) => verdict(x.rounds) >= GOAL);
  const warn = (l: Load) => (l.non2xx || l.errors || l.timeouts ? ` ⚠ non-2xx ${l.non2xx} (${JSON.stringify(l.statusCodes)}), errors ${l.errors}, timeouts ${l.timeouts}` : '');
  const table = mdTable(
    ['server', 'database', '200 responses/s', 'p50 ms', 'p99 ms', '× hello-world', '× its limit: median of the rounds (each round)', 'server CPU µs / report (limit ÷ guifan)', `goal ≥ ${GOAL}× limit`],
    [
      [`bare fastify hello-world (no database; diagnostic)${warn(b)}`, '—', fmt(b.okPerSecond), fmt(b.p50Ms, 0), fmt(b.p99Ms, 0), '1.00', '—', '—', '—'],
      ...rows.flatMap(({ database, rounds }) => {
        const l = pooled(rounds.map((r) => r.limit));
        const g = pooled(rounds.map((r) => r.guifan));
        const ratio = verdict(rounds);
        const cpuPer = (side: 'guifan' | 'limit') => {
          const ms = rounds.map((r) => (side === 'guifan' ? r.guifanCpuMs : r.limitCpuMs));
          if (ms.some((x) => x === null)) return null;
          const ok = rounds.reduce((n, r) => n + r[side].ok, 0);
          return ((ms as number[]).reduce((a, x) => a + x, 0) * 1000) / ok;
        };
        const gc = cpuPer('guifan');
        const lc = cpuPer('limit');
        return [
          [`minimal correct ingest, bare fastify (\`bench/osmand-bare.ts\`; the limit)${l.warn}`, database, fmt(l.okPerSecond), fmt(l.p50Ms, 0), fmt(l.p99Ms, 0), fmt(l.okPerSecond / b.okPerSecond, 2), '—', lc === null ? '—' : fmt(lc, 0), '(limit)'],
          [
            `guifan OsmAnd port (200 after commit)${g.warn}`,
            database,
            fmt(g.okPerSecond),
            fmt(g.p50Ms, 0),
            fmt(g.p99Ms, 0),
            fmt(g.okPerSecond / b.okPerSecond, 2),
            `**${fmt(ratio, 2)}** (${rounds.map((r) => fmt(r.ratio, 2)).join(', ')})`,
            gc === null || lc === null ? '—' : `${fmt(gc, 0)} (${fmt(lc / gc, 2)})`,
            passFail(ratio >= GOAL),
          ],
        ];
      }),
    ],
  );
  const rss = rows.map(({ database, rssKib: k }) => `${database} ${k === null ? 'n/a' : `${fmt(k / 1024)} MiB`}`).join(', ');
  const markdown = [
    '### OsmAnd HTTP ingest vs a minimal correct ingest (`bench/tracking-osmand.ts`)',
    '',
    `\`bench/osmand-load.ts\` (autocannon in its own process): ${o.connections} keep-alive connections, GET with Traccar Client's query form, ` +
      `ids rotating over ${o.devices} devices (auto-registered during the warm-up), fix times one second apart per device. ` +
      'The fair limit is a minimal correct ingest on bare fastify ' +
      `(\`bench/osmand-bare.ts\`: parse, refuse a report without id or coordinates, the same batching, one \`insert … select from unnest\` ` +
      `per batch into a table with a (device, fix time) index, 200 after the commit; same database kind, fresh). guifan: fresh database, default batching (a commit at most 100 ms after the first ` +
      `waiting position, or at 1,000 rows), answering 200 only after the commit. Both servers run side by side (each idle while the other is loaded), ` +
      `each warmed up for ${o.warmupS} s, then ${o.rounds} rounds of ${o.durationS} s each, guifan and the limit alternating (the order flipped every round); ` +
      'only 200 responses counted; the rates are over all rounds, the latencies the median of the rounds\', and the verdict is the median of the per-round ratios. ' +
      'Server CPU per report: the server process\'s user + system time (/proc) over its rounds ÷ the 200 responses, its database included on PGlite ' +
      '(same process); neighbours inflate it far less than they cut throughput. ' +
      `A bare fastify hello-world (\`bench/bare-server.ts\`, any query on \`/\`) is measured before, as a diagnostic. ${os.availableParallelism()} CPUs shared by client and server; ` +
      `load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    `Goal (OsmAnd ingest ≥ ${GOAL}× the minimal ingest on the same database, median of the rounds): ${passFail(pass)}. Server RSS after the load: ${rss}.`,
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
