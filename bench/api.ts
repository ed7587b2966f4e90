/**
 * API throughput: authenticated list endpoints of guifan against their fair limits, in one run on one machine, one
 * server at a time (2 cores: one for the server, one for autocannon). The limit of an endpoint is a bare fastify
 * route that runs the same SQL on the same database and answers the same JSON (bench/bare-server.ts). Goal:
 * guifan ≥ 0.9× its limit. A bare hello-world is measured too, as a diagnostic (no database).
 *
 *   node --import tsx bench/api.ts
 *   BENCH_DATABASE_URL=postgres://…/guifan_bench node --import tsx bench/api.ts   # also on PostgreSQL
 *
 * Knobs: BENCH_CONNECTIONS (10), BENCH_DURATION (10 s), BENCH_WARMUP (2 s), BENCH_DIAG_DURATION (5 s, the
 * diagnostic endpoints), BENCH_CPU_PROF=<dir> (run the guifan server with --cpu-prof into <dir>).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  BENCH_ADMIN_PASSWORD,
  GUIFAN_MAIN,
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
async function withBare<T>(env: Record<string, string>, fn: (base: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const child = spawnNode('bench/bare-server.ts', [], { ...process.env, ...env, PORT: String(port) });
  try {
    const base = `http://${LOOPBACK}:${port}`;
    await waitForOk(`${base}/`, child, Date.now(), 120_000);
    return await fn(base);
  } finally {
    await stopChild(child);
  }
}

/** The list endpoints with a goal, each against the bare route that runs its SQL and answers its JSON. */
const LISTS: Array<{ path: string; bare: string }> = [
  { path: '/api/identity/users', bare: '/users' },
  { path: '/api/org/units', bare: '/units' },
];

async function runGuifan(
  database: 'PGlite (embedded)' | 'PostgreSQL',
  databaseUrl: string | undefined,
  load: { connections: number; durationS: number; warmupS: number; diagS: number },
): Promise<{ rows: Row[]; rssAfterKib: number | null }> {
  const port = await freePort();
  const dataDir = tempDataDir('api');
  const prof = process.env.BENCH_CPU_PROF;
  const nodeArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], guifanEnv({ port, dataDir, databaseUrl }), nodeArgs);
  const rows: Row[] = [];
  const bodies = new Map<string, unknown>();
  let rssAfterKib: number | null = null;
  try {
    const base = `http://${LOOPBACK}:${port}`;
    await waitForOk(`${base}/api/health`, child, Date.now(), 120_000);
    const cookie = await login(base);
    const headers = { cookie };
    const diag = { connections: load.connections, durationS: load.diagS, warmupS: Math.min(load.warmupS, 1) };

    // Diagnostics first: what the framework setup costs (no DB), and one trivial query.
    rows.push({ label: 'GET /api/platform/config (public, no DB)', database, goal: false, result: await measure(`${base}/api/platform/config`, diag) });
    rows.push({ label: 'GET /api/health (public, `select 1`)', database, goal: false, result: await measure(`${base}/api/health`, diag) });
    rows.push({ label: 'GET /api/identity/me (session only)', database, goal: false, result: await measure(`${base}/api/identity/me`, { ...diag, headers }) });

    for (const { path: p } of LISTS) {
      const size = await probe(`${base}${p}`, cookie);
      bodies.set(p, await getJson(`${base}${p}`, cookie));
      rows.push({ label: `GET ${p} (authenticated)`, database, goal: true, ...size, result: await measure(`${base}${p}`, { ...load, headers }) });
    }
    rssAfterKib = rssKib(child.pid);
  } finally {
    await stopChild(child);
  }
  try {
    // The fair limits, on the same database right after guifan stopped (PGlite: the same data dir, opened by
    // the bare server in its own process, as guifan opens it; PostgreSQL: the same database, a pool of 10).
    const users = bodies.get('/api/identity/users') as { assignableRoles?: string[] } | undefined;
    const env: Record<string, string> = {
      ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: path.join(dataDir, 'pglite') }),
      BARE_ASSIGNABLE_ROLES: (users?.assignableRoles ?? []).join(','),
    };
    await withBare(env, async (bare) => {
      for (const { path: p, bare: b } of LISTS) {
        const same = isDeepStrictEqual(await getJson(`${bare}${b}`), bodies.get(p));
        if (!same) throw new Error(`bare ${b} does not answer the same JSON as guifan's ${p}: the limit would not be fair`);
        const size = await probe(`${bare}${b}`, '');
        rows.push({ label: `bare fastify \`GET ${b}\`: ${p}'s SQL and JSON (the limit)`, database, goal: false, baseline: p, ...size, result: await measure(`${bare}${b}`, load) });
      }
      const unitsRows = isDeepStrictEqual(await getJson(`${bare}/units-rows`), bodies.get('/api/org/units'));
      rows.push({
        label: `bare fastify \`GET /units-rows\`: the units as a plain row select (guifan's query before the json_agg)${unitsRows ? '' : ' ⚠ JSON differs'}`,
        database,
        goal: false,
        result: await measure(`${bare}/units-rows`, { ...load, durationS: load.diagS }),
      });
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, rssAfterKib };
}

export async function runApiBench(): Promise<ApiResult> {
  const load = {
    connections: intEnv('BENCH_CONNECTIONS', 10),
    durationS: intEnv('BENCH_DURATION', 10),
    warmupS: intEnv('BENCH_WARMUP', 2),
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
    const limit = limitOf(r);
    return limit ? r.result.reqPerSec / limit.result.reqPerSec : NaN;
  };
  const goalRows = rows.filter((r) => r.goal);
  const pass = goalRows.length > 0 && goalRows.every((r) => ratioOf(r) >= GOAL_RATIO);
  const cell = (r: LoadResult) => [fmt(r.reqPerSec), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1)];
  const errs = (r: LoadResult) => (r.non2xx || r.errors || r.timeouts ? ` ⚠ non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : '');
  const table = mdTable(
    ['endpoint', 'database', 'req/s', 'p50 ms', 'p99 ms', '× hello-world', '× its limit', `goal ≥ ${GOAL_RATIO}× limit`],
    [
      ['bare fastify hello-world `GET /` (no database; diagnostic)', '—', ...cell(hello), '1.00', '—', '—'],
      ...rows.map((r) => {
        const size = r.items !== undefined ? ` — ${r.items} items, ${fmt((r.bytes ?? 0) / 1024, 1)} KiB` : '';
        const ratio = ratioOf(r);
        return [
          `${r.label}${size}${errs(r.result)}`,
          r.database,
          ...cell(r.result),
          fmt(r.result.reqPerSec / hello.reqPerSec, 2),
          r.goal ? fmt(ratio, 2) : '—',
          r.goal ? passFail(ratio >= GOAL_RATIO) : r.baseline ? '(limit)' : '(diagnostic)',
        ];
      }),
    ],
  );
  const markdown = [
    '### API throughput against fair limits (`bench/api.ts`)',
    '',
    `autocannon ${load.connections} connections, ${load.warmupS} s warm-up then ${load.durationS} s per list endpoint and per limit ` +
      `(diagnostic rows: ${diagS} s); servers run one after the other, each a separate process on 127.0.0.1 with the ` +
      `same fastify; guifan with \`--seed-demo\`, \`GUIFAN_LOG_LEVEL=warn\`, logged in as \`admin\` (city scope). ` +
      'The limit of a list endpoint is a bare fastify route (`bench/bare-server.ts`: no hooks, no schemas, no session) ' +
      'that runs the same SQL on the same database with the same connection kind (PGlite in its own process on the ' +
      'data dir guifan just seeded and released; PostgreSQL through a `pg.Pool` of 10) and answers the same JSON ' +
      '(checked equal to guifan\'s before measuring).' +
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
