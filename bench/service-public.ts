/**
 * 我要反映 throughput: the public report POST (`POST /api/public/service/reports`, multipart, no photo) against its
 * fair limit, a bare fastify route that does the same single INSERT of a `service_request` row on the same database
 * kind. Goal: guifan ≥ 0.5× the limit (issue 13).
 *
 * Everything the public page does is done here, nothing bypassed: every guifan report answers a question fetched
 * from `POST /api/public/service/challenge` (solved from its SVG, as a script could; fetched before a round, not
 * timed), and each report comes from its own client address (`X-Forwarded-For` through loopback, trusted with
 * `GUIFAN_TRUST_PROXY=true` as behind the deployment's reverse proxy), so the per-address limits let it through
 * as they would let 300 residents through. guifan's report also routes the point (org areas), counts its due times
 * on the working-hour calendar, writes the timeline event and the audit record in its transaction; the limit
 * writes the request row only.
 *
 * Method as bench/api.ts: both servers run at once, each idle while the other is loaded, on the same data (PGlite:
 * guifan seeds its data dir, stops, the dir is copied for the bare server; PostgreSQL: the same scratch database);
 * a warm-up round each, then BENCH_ROUNDS interleaved rounds of BENCH_PUBLIC_N requests at BENCH_CONNECTIONS
 * concurrent requests, the order flipped every round; the verdict is the median of the per-round ratios.
 *
 *   node --import tsx bench/service-public.ts          (BENCH_DATABASE_URL=postgres://… adds PostgreSQL)
 *
 * Knobs: BENCH_PUBLIC_N (300), BENCH_CONNECTIONS (8), BENCH_ROUNDS (5).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
import { GUIFAN_MAIN, LOOPBACK, cpuMs, emitSection, fmt, freePort, guifanEnv, isMain, mdTable, passFail, spawnNode, stopChild, tempDataDir, waitForOk } from './lib';
import { withScratchPg } from './tracking-lib';
import { multipartBody, solveChallengeSvg } from '../server/test/service-public-kit';

const GOAL_RATIO = 0.5;

function intEnv(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? '');
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
const medianOf = (xs: readonly number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? (v[(v.length - 1) / 2] as number) : ((v[v.length / 2 - 1] as number) + (v[v.length / 2] as number)) / 2;
};

// ---------------------------------------------------------------------------------------------------------------
// The limit: bare fastify, no hooks, no plugins, one INSERT of the row guifan's submit writes.

const INSERT_SQL = `insert into service_request (id, tracking_code, source, category_id, description, lat, lon, reporter_key, routed_by, state, submitted_at, accept_due_at, handle_due_at, reply_due_at, created_at, updated_at)
  values ($1, $2, 'public', $3, $4, $5, $6, $7, 'city_desk', 'submitted', $8, $9, $10, $11, $8, $8)`;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

async function runBare(): Promise<void> {
  const dir = process.env.BARE_PGLITE_DIR;
  const url = process.env.BARE_DATABASE_URL;
  let query: (text: string, params: unknown[]) => Promise<unknown>;
  if (dir) {
    const client = await PGlite.create(dir);
    query = (t, p) => client.query(t, p);
  } else if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    query = (t, p) => pool.query(t, p);
  } else throw new Error('BARE_PGLITE_DIR or BARE_DATABASE_URL');
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  app.post('/reports', async (req, reply) => {
    const b = req.body as { categoryId: string; description: string; lat: number; lon: number };
    const now = new Date();
    const code = Array.from(crypto.randomBytes(12), (x) => ALPHABET[x % ALPHABET.length]).join('');
    const hour = 3_600_000;
    await query(INSERT_SQL, [crypto.randomUUID(), code, b.categoryId, b.description, b.lat, b.lon, req.ip, now, new Date(+now + 2 * hour), new Date(+now + 24 * hour), new Date(+now + 40 * hour)]);
    return reply.code(201).send({ trackingCode: code, state: 'submitted', submittedAt: now.toISOString(), photos: 0 });
  });
  await app.listen({ host: LOOPBACK, port: Number(process.env.PORT) });
}

// ---------------------------------------------------------------------------------------------------------------
// The client: `connections` loops over a prepared list of requests; the round's rate is requests ÷ elapsed time.

interface Prepared {
  body: Buffer | string;
  headers: Record<string, string>;
}

async function fire(url: string, list: Prepared[], connections: number): Promise<{ rps: number; ms: number; failed: number; firstFailure: string | null }> {
  let next = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        const p = list[i];
        if (!p) return;
        const res = await fetch(url, { method: 'POST', headers: p.headers, body: typeof p.body === 'string' ? p.body : new Uint8Array(p.body) });
        const text = await res.text();
        if (res.status !== 201) {
          failed++;
          firstFailure ??= `${res.status} ${text.slice(0, 200)}`;
        }
      }
    }),
  );
  const ms = performance.now() - t0;
  return { rps: list.length / (ms / 1000), ms, failed, firstFailure };
}

let addressSeq = 0;
/** A client address of its own per report: 10.a.b.c, never repeated within the run. */
const nextAddress = () => {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

const HERE = { lat: 32.0085, lon: 120.8901 };

/** n guifan reports, each with its own question answered and its own address (questions fetched now, untimed). */
async function prepareGuifan(base: string, category: string, n: number): Promise<Prepared[]> {
  const out: Prepared[] = [];
  let at = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (at < n) {
        at++;
        const ip = nextAddress();
        const res = await fetch(`${base}/api/public/service/challenge`, { method: 'POST', headers: { 'x-forwarded-for': ip } });
        if (res.status !== 200) throw new Error(`challenge: ${res.status} ${await res.text()}`);
        const c = (await res.json()) as { token: string; svg: string };
        const { payload, headers } = multipartBody({ category, description: `基准测试：人行道占道经营 ${ip}`, lat: String(HERE.lat), lon: String(HERE.lon), challengeToken: c.token, challengeAnswer: String(solveChallengeSvg(c.svg)) });
        out.push({ body: payload, headers: { ...headers, 'x-forwarded-for': ip } });
      }
    }),
  );
  return out;
}

function prepareBare(categoryId: string, n: number): Prepared[] {
  return Array.from({ length: n }, () => {
    const ip = nextAddress();
    return { body: JSON.stringify({ categoryId, description: `基准测试：人行道占道经营 ${ip}`, lat: HERE.lat, lon: HERE.lon }), headers: { 'content-type': 'application/json', 'x-forwarded-for': ip } };
  });
}

interface Side {
  rps: number[];
  cpuMsPerReq: number[];
  failed: number;
}

interface DbResult {
  database: string;
  guifan: Side;
  bare: Side;
  ratios: number[];
  category: string;
}

async function categoryOf(base: string, url: string | undefined): Promise<{ code: string; id: string }> {
  const res = await fetch(`${base}/api/public/service/categories`);
  const items = ((await res.json()) as { items: { code: string }[] }).items;
  if (!items[0]) throw new Error('no active service category in the demo data');
  const code = items[0].code;
  // The bare route takes the id (guifan looks the code up); read it from the same database.
  let id: string | undefined;
  if (url) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    id = (await c.query<{ id: string }>('select id from service_category where code = $1', [code])).rows[0]?.id;
    await c.end();
  }
  return { code, id: id ?? '' };
}

async function runOn(database: 'PGlite (embedded)' | 'PostgreSQL', databaseUrl: string | undefined, load: { n: number; connections: number; rounds: number }): Promise<DbResult> {
  const dataDir = tempDataDir('svc-public');
  const limitDir = tempDataDir('svc-public-limit');
  const start = async () => {
    const port = await freePort();
    const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], { ...guifanEnv({ port, dataDir, databaseUrl }), GUIFAN_TRUST_PROXY: 'true' });
    const base = `http://${LOOPBACK}:${port}`;
    await waitForOk(`${base}/api/health`, child, Date.now(), 180_000);
    return { base, child };
  };
  try {
    let categoryId = '';
    if (!databaseUrl) {
      const seeding = await start();
      const cat = await fetch(`${seeding.base}/api/public/service/categories`);
      const code = ((await cat.json()) as { items: { code: string }[] }).items[0]?.code;
      await stopChild(seeding.child);
      fs.cpSync(path.join(dataDir, 'pglite'), path.join(limitDir, 'pglite'), { recursive: true });
      // The id from the copy (PGlite opens a data dir in one process only: guifan is stopped here).
      const copy = await PGlite.create(path.join(limitDir, 'pglite'));
      categoryId = (await copy.query<{ id: string }>('select id from service_category where code = $1', [code])).rows[0]?.id ?? '';
      await copy.close();
    }
    const g = await start();
    try {
      const cat = await categoryOf(g.base, databaseUrl);
      if (databaseUrl) categoryId = cat.id;
      if (!categoryId) throw new Error(`category ${cat.code} not found for the bare route`);
      const barePort = await freePort();
      const bare = spawnNode('bench/service-public.ts', ['--bare'], { ...process.env, PORT: String(barePort), ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: path.join(limitDir, 'pglite') }) });
      const bareBase = `http://${LOOPBACK}:${barePort}`;
      try {
        await waitForOk(`${bareBase}/`, bare, Date.now(), 120_000);
        const gUrl = `${g.base}/api/public/service/reports`;
        const bUrl = `${bareBase}/reports`;
        const sides = { g: { rps: [], cpuMsPerReq: [], failed: 0 } as Side, b: { rps: [], cpuMsPerReq: [], failed: 0 } as Side };
        const round = async (side: 'g' | 'b', n: number, record: boolean) => {
          const list = side === 'g' ? await prepareGuifan(g.base, cat.code, n) : prepareBare(categoryId, n);
          const pid = side === 'g' ? g.child.pid : bare.pid;
          const before = cpuMs(pid);
          const r = await fire(side === 'g' ? gUrl : bUrl, list, load.connections);
          const after = cpuMs(pid);
          if (r.failed) throw new Error(`${side === 'g' ? 'guifan' : 'bare'}: ${r.failed} of ${n} failed, first: ${r.firstFailure}`);
          if (record) {
            sides[side].rps.push(r.rps);
            if (before !== null && after !== null) sides[side].cpuMsPerReq.push((after - before) / n);
          }
          return r.rps;
        };
        await round('g', Math.min(100, load.n), false);
        await round('b', Math.min(100, load.n), false);
        const ratios: number[] = [];
        for (let i = 0; i < load.rounds; i++) {
          let gr: number;
          let br: number;
          if (i % 2 === 0) {
            gr = await round('g', load.n, true);
            br = await round('b', load.n, true);
          } else {
            br = await round('b', load.n, true);
            gr = await round('g', load.n, true);
          }
          ratios.push(gr / br);
          console.error(`[service-public] ${database} round ${i + 1}: guifan ${fmt(gr)} req/s, limit ${fmt(br)} req/s, ${fmt(gr / br, 2)}×`);
        }
        return { database, guifan: sides.g, bare: sides.b, ratios, category: cat.code };
      } finally {
        await stopChild(bare);
      }
    } finally {
      await stopChild(g.child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(limitDir, { recursive: true, force: true });
  }
}

export async function runServicePublicBench(): Promise<{ markdown: string; pass: boolean }> {
  const load = { n: intEnv('BENCH_PUBLIC_N', 300), connections: intEnv('BENCH_CONNECTIONS', 8), rounds: intEnv('BENCH_ROUNDS', 5) };
  const results: DbResult[] = [];
  console.error('[service-public] PGlite…');
  results.push(await runOn('PGlite (embedded)', undefined, load));
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (pgUrl) {
    console.error('[service-public] PostgreSQL…');
    results.push(await withScratchPg(pgUrl, 'svcpub', (url) => runOn('PostgreSQL', url, load)));
  }
  const pass = results.every((r) => medianOf(r.ratios) >= GOAL_RATIO);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const table = mdTable(
    ['database', 'guifan req/s (median of rounds)', 'limit req/s (median)', '× limit: median of the rounds (each round)', 'server CPU ms / report: guifan / limit', `goal ≥ ${GOAL_RATIO}×`],
    results.map((r) => [
      r.database,
      fmt(medianOf(r.guifan.rps)),
      fmt(medianOf(r.bare.rps)),
      `**${fmt(medianOf(r.ratios), 2)}** (${r.ratios.map((x) => fmt(x, 2)).join(', ')})`,
      `${fmt(avg(r.guifan.cpuMsPerReq), 2)} / ${fmt(avg(r.bare.cpuMsPerReq), 2)}`,
      passFail(medianOf(r.ratios) >= GOAL_RATIO),
    ]),
  );
  const markdown = [
    '### 我要反映: the public report POST against a bare INSERT (`bench/service-public.ts`)',
    '',
    `\`POST /api/public/service/reports\` (multipart, category \`${results[0]?.category ?? '?'}\`, a description, a point in 竹行, no photo; ` +
      'each report answers its own human-check question, solved from the SVG before the round, and comes from its own client address through ' +
      'the trusted loopback proxy, so the per-address limits hold as for real residents) against a bare fastify route (no hooks, no ' +
      'plugins, JSON body) that does the same single `INSERT` into `service_request` on the same database kind. guifan also routes the point, ' +
      'counts the due times in working hours, writes the timeline event and the audit record in its transaction. ' +
      `${load.rounds} interleaved rounds of ${load.n} reports at ${load.connections} concurrent requests after a warm-up round each; ` +
      'the verdict is the median of the per-round ratios.',
    '',
    table,
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  if (process.argv.includes('--bare')) {
    await runBare();
  } else {
    const r = await runServicePublicBench();
    emitSection('service-public', r.markdown);
    if (!r.pass) process.exitCode = 1;
  }
}
