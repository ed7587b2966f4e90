/**
 * API throughput: authenticated list endpoints of guifan against a bare fastify hello-world, in one run on one
 * machine, one server at a time (2 cores: one for the server, one for autocannon). Goal: guifan ≥ 0.5× bare.
 *
 *   node --import tsx bench/api.ts
 *   BENCH_DATABASE_URL=postgres://…/guifan_bench node --import tsx bench/api.ts   # also on PostgreSQL
 *
 * Knobs: BENCH_CONNECTIONS (10), BENCH_DURATION (10 s), BENCH_WARMUP (2 s), BENCH_DIAG_DURATION (5 s, the
 * diagnostic endpoints), BENCH_CPU_PROF=<dir> (run the guifan server with --cpu-prof into <dir>).
 */
import fs from 'node:fs';
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

const GOAL_RATIO = 0.5;

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

async function runBare(load: { connections: number; durationS: number; warmupS: number }): Promise<LoadResult> {
  const port = await freePort();
  const child = spawnNode('bench/bare-server.ts', [], { ...process.env, PORT: String(port) });
  try {
    const base = `http://${LOOPBACK}:${port}`;
    await waitForOk(`${base}/`, child, Date.now(), 30_000);
    return await measure(`${base}/`, load);
  } finally {
    await stopChild(child);
  }
}

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

    for (const p of ['/api/identity/users', '/api/org/units']) {
      const size = await probe(`${base}${p}`, cookie);
      rows.push({ label: `GET ${p} (authenticated)`, database, goal: true, ...size, result: await measure(`${base}${p}`, { ...load, headers }) });
    }
    return { rows, rssAfterKib: rssKib(child.pid) };
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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
  const bareBefore = await runBare(load);
  console.error(`[api] bare: ${fmt(bareBefore.reqPerSec)} req/s`);

  const rows: Row[] = [];
  const rss: string[] = [];
  const targets: Array<['PGlite (embedded)' | 'PostgreSQL', string | undefined]> = [['PGlite (embedded)', undefined]];
  if (pgUrl) targets.push(['PostgreSQL', pgUrl]);
  for (const [name, url] of targets) {
    console.error(`[api] guifan on ${name}…`);
    const r = await runGuifan(name, url, { ...load, diagS });
    rows.push(...r.rows);
    if (r.rssAfterKib !== null) rss.push(`${name}: ${fmt(r.rssAfterKib / 1024)} MiB`);
  }

  // The machine may be shared: measure the baseline again after guifan and compare with the better of the two
  // (the conservative choice for the goal).
  console.error('[api] bare fastify hello-world again…');
  const bareAfter = await runBare(load);
  const bare = bareAfter.reqPerSec > bareBefore.reqPerSec ? bareAfter : bareBefore;
  const pass = rows.filter((r) => r.goal).every((r) => r.result.reqPerSec / bare.reqPerSec >= GOAL_RATIO);
  const cell = (r: LoadResult) => [fmt(r.reqPerSec), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1)];
  const errs = (r: LoadResult) => (r.non2xx || r.errors || r.timeouts ? ` ⚠ non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : '');
  const table = mdTable(
    ['endpoint', 'database', 'req/s', 'p50 ms', 'p99 ms', '× bare', `goal ≥ ${GOAL_RATIO}×`],
    [
      ['bare fastify hello-world `GET /` (before guifan)', '—', ...cell(bareBefore), fmt(bareBefore.reqPerSec / bare.reqPerSec, 2), '—'],
      ['bare fastify hello-world `GET /` (after guifan)', '—', ...cell(bareAfter), fmt(bareAfter.reqPerSec / bare.reqPerSec, 2), '—'],
      ...rows.map((r) => {
        const ratio = r.result.reqPerSec / bare.reqPerSec;
        const size = r.items !== undefined ? ` — ${r.items} items, ${fmt((r.bytes ?? 0) / 1024, 1)} KiB` : '';
        return [`${r.label}${size}${errs(r.result)}`, r.database, ...cell(r.result), fmt(ratio, 2), r.goal ? passFail(ratio >= GOAL_RATIO) : '(diagnostic)'];
      }),
    ],
  );
  const markdown = [
    '### API throughput (`bench/api.ts`)',
    '',
    `autocannon ${load.connections} connections, ${load.warmupS} s warm-up then ${load.durationS} s per goal endpoint ` +
      `(diagnostic rows: ${diagS} s); servers run one after the other, each a separate process on 127.0.0.1 with the ` +
      `same fastify; guifan with \`--seed-demo\`, \`GUIFAN_LOG_LEVEL=warn\`, logged in as \`admin\` (city scope).` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    'Ratios are against the better of the two bare runs. Latency percentiles have autocannon\'s 1 ms resolution.',
    '',
    `Goal (authenticated list ≥ ${GOAL_RATIO}× bare): ${passFail(pass)}. Server RSS after the load: ${rss.join(', ') || 'n/a'}.`,
  ].join('\n');
  return { rows, bare, markdown, pass };
}

if (isMain(import.meta.url)) {
  runApiBench()
    .then((r) => emitSection('api', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
