/**
 * API throughput: authenticated list endpoints of guifan against their fair limits, in one run on one machine, both
 * servers running, loaded one at a time in alternating rounds (2 cores: one for the server, one for autocannon). The limit of an endpoint is a bare fastify
 * route that runs the same SQL on the same database and answers the same JSON (bench/bare-server.ts). Goal:
 * guifan ≥ 0.9× its limit. A bare hello-world is measured too, as a diagnostic (no database).
 *
 *   node --import tsx bench/api.ts
 *   BENCH_DATABASE_URL=postgres://…/guifan_bench node --import tsx bench/api.ts   # also on PostgreSQL
 *
 * Knobs: BENCH_CONNECTIONS (10), BENCH_ROUNDS (5), BENCH_DURATION (4 s per round and side), BENCH_WARMUP (2 s), BENCH_DIAG_DURATION (5 s, the
 * diagnostic endpoints), BENCH_CPU_PROF=<dir> (run the guifan server with --cpu-prof into <dir>).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  BENCH_ADMIN_PASSWORD,
  GUIFAN_MAIN,
  autocannon,
  cpuMs,
  LOOPBACK,
  emitSection,
  fmt,
  freePort,
  guifanEnv,
  isMain,
  mdTable,
  measure,
  passFail,
  rssKib,
  spawnNode,
  stopChild,
  tempDataDir,
  waitForOk,
  type LoadResult,
} from './lib';

const GOAL_RATIO = 0.9;

function intEnv(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? '');
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

interface Row {
  label: string;
  database: string;
  result: LoadResult;
  /** Compared with the bare baseline against the goal; diagnostic rows are shown without a verdict. */
  goal: boolean;
  /** Items in the response body (list endpoints). */
  items?: number;
  bytes?: number;
  /** Set on a bare route: the guifan path whose fair limit it is. */
  baseline?: string;
  /** Goal rows: guifan ÷ its limit in each alternating round; the verdict is their median. */
  rounds?: number[];
  /** Server CPU ms per request over the rounds (database included on PGlite: same process). */
  cpuMsPerReq?: number;
  /** Goal rows: the limit's CPU per request ÷ guifan's (1 = as cheap as the limit). */
  cpuRatio?: number;
}

export interface ApiResult {
  rows: Row[];
  bare: LoadResult;
  markdown: string;
  pass: boolean;
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${body}`);
  for (const c of res.headers.getSetCookie()) {
    const m = /^guifan_session=([^;]+)/.exec(c);
    if (m?.[1]) return `guifan_session=${m[1]}`;
  }
  throw new Error('login answered 200 without a guifan_session cookie');
}

/** One authenticated GET, to check the endpoint works and to size its response. */
async function probe(url: string, cookie: string): Promise<{ items: number; bytes: number }> {
  const res = await fetch(url, { headers: { cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
  const body: unknown = JSON.parse(text);
  let items = 0;
  if (Array.isArray(body)) items = body.length;
  else if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items)) items = (body as { items: unknown[] }).items.length;
  return { items, bytes: Buffer.byteLength(text) };
}

/** One authenticated (or bare) GET, parsed: to compare the bare route's JSON with guifan's. */
async function getJson(url: string, cookie?: string): Promise<unknown> {
  const res = await fetch(url, cookie ? { headers: { cookie } } : {});
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A bare fastify server (bench/bare-server.ts); with a database it serves the fair limits of the list endpoints. */
async function withBare<T>(env: Record<string, string>, fn: (base: string, pid: number) => Promise<T>): Promise<T> {
  const port = await freePort();
  const child = spawnNode('bench/bare-server.ts', [], { ...process.env, ...env, PORT: String(port) });
  try {
    const base = `http://${LOOPBACK}:${port}`;
    await waitForOk(`${base}/`, child, Date.now(), 120_000);
    return await fn(base, child.pid);
  } finally {
    await stopChild(child);
  }
}

/** The list endpoints with a goal, each against the bare route that runs its SQL and answers its JSON. */
const LISTS: Array<{ path: string; bare: string }> = [
  { path: '/api/identity/users', bare: '/users' },
  { path: '/api/org/units', bare: '/units' },
];

export const medianOf = (xs: readonly number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? (v[(v.length - 1) / 2] as number) : ((v[v.length / 2 - 1] as number) + (v[v.length / 2] as number)) / 2;
};

/** Several measurements of one side as one: requests over all of them, the median of their latency percentiles. */
function pooled(rs: LoadResult[]): LoadResult {
  const first = rs[0] as LoadResult;
  const med = medianOf;
  const total = rs.reduce((n, r) => n + r.total, 0);
  const secs = rs.reduce((n, r) => n + r.durationS, 0);
  return {
    ...first,
    durationS: secs,
    total,
    reqPerSec: total / secs,
    p50Ms: med(rs.map((r) => r.p50Ms)),
    p99Ms: med(rs.map((r) => r.p99Ms)),
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    timeouts: rs.reduce((n, r) => n + r.timeouts, 0),
  };
}


async function startGuifan(dataDir: string, databaseUrl: string | undefined): Promise<{ base: string; child: ReturnType<typeof spawnNode> }> {
  const port = await freePort();
  const prof = process.env.BENCH_CPU_PROF;
  const nodeArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  // No device ports: this benchmark loads the API only, and a guifan running next to it (another checkout, a
  // demo) may hold the default ones (5055, 5015).
  const env = { ...guifanEnv({ port, dataDir, databaseUrl }), GUIFAN_OSMAND_PORT: 'off', GUIFAN_JT808_PORT: 'off' };
  const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], env, nodeArgs);
  const base = `http://${LOOPBACK}:${port}`;
  try {
    await waitForOk(`${base}/api/health`, child, Date.now(), 180_000);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { base, child };
}

/**
 * guifan and the bare limits side by side: both servers run at once (each idle while the other is loaded), on the
 * same data (PGlite: guifan seeds its data dir, stops, the dir is copied for the bare server, guifan starts again
 * on its own; PostgreSQL: the same database). Each list endpoint and its limit are warmed up, then measured in
 * `rounds` alternating runs, the order flipped every round, so that a neighbour's burst on the shared machine
 * hits both sides alike; the verdict is the median of the per-round ratios.
 */
async function runGuifan(
  database: 'PGlite (embedded)' | 'PostgreSQL',
  databaseUrl: string | undefined,
  load: { connections: number; durationS: number; warmupS: number; diagS: number; rounds: number },
): Promise<{ rows: Row[]; rssAfterKib: number | null }> {
  const dataDir = tempDataDir('api');
  const limitDir = tempDataDir('api-limit');
  const rows: Row[] = [];
  let rssAfterKib: number | null = null;
  try {
    if (!databaseUrl) {
      // Seed once, then give the bare server a copy of the same data dir (PGlite opens a dir in one process only).
      const seeding = await startGuifan(dataDir, undefined);
      await stopChild(seeding.child);
      fs.cpSync(path.join(dataDir, 'pglite'), path.join(limitDir, 'pglite'), { recursive: true });
    }
    const g = await startGuifan(dataDir, databaseUrl);
    try {
      const base = g.base;
      const cookie = await login(base);
      const headers = { cookie };
      const diag = { connections: load.connections, durationS: load.diagS, warmupS: Math.min(load.warmupS, 1) };
      const bodies = new Map<string, unknown>();
      for (const { path: p } of LISTS) bodies.set(p, await getJson(`${base}${p}`, cookie));
      const users = bodies.get('/api/identity/users') as { assignableRoles?: string[] } | undefined;
      const env: Record<string, string> = {
        ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: path.join(limitDir, 'pglite') }),
        BARE_ASSIGNABLE_ROLES: (users?.assignableRoles ?? []).join(','),
      };

      // Diagnostics first: what the framework setup costs (no DB), one trivial query, the session alone.
      rows.push({ label: 'GET /api/platform/config (public, no DB)', database, goal: false, result: await measure(`${base}/api/platform/config`, diag) });
      rows.push({ label: 'GET /api/health (public, `select 1`)', database, goal: false, result: await measure(`${base}/api/health`, diag) });
      rows.push({ label: 'GET /api/identity/me (cached session, one query: the user and its unit)', database, goal: false, result: await measure(`${base}/api/identity/me`, { ...diag, headers }) });

      await withBare(env, async (bare, barePid) => {
        const limitRows: Row[] = [];
        for (const { path: p, bare: b } of LISTS) {
          const same = isDeepStrictEqual(await getJson(`${bare}${b}`), bodies.get(p));
          if (!same) throw new Error(`bare ${b} does not answer the same JSON as guifan's ${p}: the limit would not be fair`);
          const size = await probe(`${base}${p}`, cookie);
          const bareSize = await probe(`${bare}${b}`, '');
          const opts = { connections: load.connections, durationS: load.durationS };
          await autocannon(`${base}${p}`, { ...opts, durationS: load.warmupS, headers });
          await autocannon(`${bare}${b}`, { ...opts, durationS: load.warmupS });
          const gs: LoadResult[] = [];
          const ls: LoadResult[] = [];
          // Server CPU time (its database included: PGlite runs in the server's process) spent in each side's runs.
          const cpu = { g: 0, l: 0, ok: true };
          const timed = async (pid: number, side: 'g' | 'l', run: () => Promise<LoadResult>) => {
            const before = cpuMs(pid);
            const r = await run();
            const after = cpuMs(pid);
            if (before === null || after === null) cpu.ok = false;
            else cpu[side] += after - before;
            return r;
          };
          for (let i = 0; i < load.rounds; i++) {
            const runG = async () => gs.push(await timed(g.child.pid, 'g', () => autocannon(`${base}${p}`, { ...opts, headers })));
            const runL = async () => ls.push(await timed(barePid, 'l', () => autocannon(`${bare}${b}`, opts)));
            if (i % 2 === 0) {
              await runG();
              await runL();
            } else {
              await runL();
              await runG();
            }
            console.error(`[api]   ${p} round ${i + 1}: guifan ${fmt((gs[i] as LoadResult).reqPerSec)} req/s, limit ${fmt((ls[i] as LoadResult).reqPerSec)} req/s, ${fmt((gs[i] as LoadResult).reqPerSec / (ls[i] as LoadResult).reqPerSec, 2)}×`);
          }
          const rounds = gs.map((x, i) => x.reqPerSec / (ls[i] as LoadResult).reqPerSec);
          const pg = pooled(gs);
          const pl = pooled(ls);
          const cpuPerReq = cpu.ok ? { g: cpu.g / pg.total, l: cpu.l / pl.total } : null;
          rows.push({ label: `GET ${p} (authenticated)`, database, goal: true, ...size, rounds, result: pg, ...(cpuPerReq ? { cpuMsPerReq: cpuPerReq.g, cpuRatio: cpuPerReq.l / cpuPerReq.g } : {}) });
          limitRows.push({ label: `bare fastify \`GET ${b}\`: ${p}'s SQL and JSON (the limit)`, database, goal: false, baseline: p, ...bareSize, result: pl, ...(cpuPerReq ? { cpuMsPerReq: cpuPerReq.l } : {}) });
        }
        rows.push(...limitRows);
        const unitsRows = isDeepStrictEqual(await getJson(`${bare}/units-rows`), bodies.get('/api/org/units'));
        rows.push({
          label: `bare fastify \`GET /units-rows\`: the units as a plain row select (guifan's query before the json_agg)${unitsRows ? '' : ' ⚠ JSON differs'}`,
          database,
          goal: false,
          result: await measure(`${bare}/units-rows`, { connections: load.connections, durationS: load.diagS, warmupS: 1 }),
        });
      });
      rssAfterKib = rssKib(g.child.pid);
    } finally {
      await stopChild(g.child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(limitDir, { recursive: true, force: true });
  }
  return { rows, rssAfterKib };
}

export async function runApiBench(): Promise<ApiResult> {
  const load = {
    connections: intEnv('BENCH_CONNECTIONS', 10),
    durationS: intEnv('BENCH_DURATION', 4),
    warmupS: intEnv('BENCH_WARMUP', 2),
    rounds: intEnv('BENCH_ROUNDS', 5),
  };
  const diagS = intEnv('BENCH_DIAG_DURATION', 5);
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;

  console.error(`[api] bare fastify hello-world (${load.connections} connections, ${load.warmupS} s warm-up + ${load.durationS} s)…`);
  const hello = await withBare({}, (base) => measure(`${base}/`, { ...load, durationS: diagS }));
  console.error(`[api] hello-world: ${fmt(hello.reqPerSec)} req/s`);

  const rows: Row[] = [];
  const rss: string[] = [];
  const targets: Array<['PGlite (embedded)' | 'PostgreSQL', string | undefined]> = [['PGlite (embedded)', undefined]];
  if (pgUrl) targets.push(['PostgreSQL', pgUrl]);
  for (const [name, url] of targets) {
    console.error(`[api] guifan on ${name}, then its bare limits…`);
    const r = await runGuifan(name, url, { ...load, diagS });
    rows.push(...r.rows);
    if (r.rssAfterKib !== null) rss.push(`${name}: ${fmt(r.rssAfterKib / 1024)} MiB`);
  }

  const limitOf = (r: Row) => rows.find((x) => x.baseline !== undefined && x.baseline === r.label.split(' ')[1] && x.database === r.database);
  const ratioOf = (r: Row) => {
    if (r.rounds?.length) return medianOf(r.rounds);
    const limit = limitOf(r);
    return limit ? r.result.reqPerSec / limit.result.reqPerSec : NaN;
  };
  const goalRows = rows.filter((r) => r.goal);
  const pass = goalRows.length > 0 && goalRows.every((r) => ratioOf(r) >= GOAL_RATIO);
  const cell = (r: LoadResult) => [fmt(r.reqPerSec), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1)];
  const errs = (r: LoadResult) => (r.non2xx || r.errors || r.timeouts ? ` ⚠ non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : '');
  const table = mdTable(
    ['endpoint', 'database', 'req/s', 'p50 ms', 'p99 ms', '× hello-world', '× its limit: median of the rounds (each round)', 'server CPU ms / request (limit ÷ guifan)', `goal ≥ ${GOAL_RATIO}× limit`],
    [
      ['bare fastify hello-world `GET /` (no database; diagnostic)', '—', ...cell(hello), '1.00', '—', '—', '—'],
      ...rows.map((r) => {
        const size = r.items !== undefined ? ` — ${r.items} items, ${fmt((r.bytes ?? 0) / 1024, 1)} KiB` : '';
        const ratio = ratioOf(r);
        return [
          `${r.label}${size}${errs(r.result)}`,
          r.database,
          ...cell(r.result),
          fmt(r.result.reqPerSec / hello.reqPerSec, 2),
          r.goal ? `**${fmt(ratio, 2)}** (${(r.rounds ?? []).map((x) => fmt(x, 2)).join(', ')})` : '—',
          r.cpuMsPerReq === undefined ? '—' : `${fmt(r.cpuMsPerReq, 2)}${r.cpuRatio === undefined ? '' : ` (${fmt(r.cpuRatio, 2)})`}`,
          r.goal ? passFail(ratio >= GOAL_RATIO) : r.baseline ? '(limit)' : '(diagnostic)',
        ];
      }),
    ],
  );
  const markdown = [
    '### API throughput against fair limits (`bench/api.ts`)',
    '',
    `autocannon ${load.connections} connections (its own process). guifan (\`--seed-demo\`, \`GUIFAN_LOG_LEVEL=warn\`, logged in as ` +
      '`admin`, city scope) and the limits run side by side, each a separate process on 127.0.0.1 with the same fastify, each idle while the other ' +
      `is loaded. The limit of a list endpoint is a bare fastify route (\`bench/bare-server.ts\`: no hooks, no schemas, no session) ` +
      'that runs the same SQL on the same data with the same connection kind (PGlite in its own process on a copy of the data dir guifan ' +
      'seeded; PostgreSQL: the same database through a `pg.Pool` of 10) and answers the same JSON (checked equal to guifan\'s before measuring). ' +
      `Each list endpoint and its limit: ${load.warmupS} s warm-up each, then ${load.rounds} rounds of ${load.durationS} s each, guifan and the limit ` +
      'alternating (the order flipped every round); req/s over all rounds, latencies the median of the rounds\'; the verdict is the median of the ' +
      `per-round ratios (a shared machine: a neighbour's burst hits both sides of a round). Server CPU per request: the server process's user + system ` +
      'time (/proc) over its rounds ÷ the requests answered, its database included on PGlite (same process); neighbours inflate it far less than ' +
      `they cut throughput, so its ratio is the steadier comparison. Diagnostic rows: ${diagS} s after a 1 s warm-up. ` +
      `Load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.availableParallelism()} CPUs).` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    'Latency percentiles have autocannon\'s 1 ms resolution. The hello-world row is the framework\'s ceiling without a database, kept as a diagnostic.',
    '',
    `Goal (each list endpoint ≥ ${GOAL_RATIO}× its limit): ${passFail(pass)}. Server RSS after the load: ${rss.join(', ') || 'n/a'}.`,
  ].join('\n');
  return { rows, bare: hello, markdown, pass };
}

if (isMain(import.meta.url)) {
  runApiBench()
    .then((r) => emitSection('api', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
