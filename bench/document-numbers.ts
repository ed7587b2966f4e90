/**
 * 文号 allocation under concurrency: POST /api/documents/numbers, 50 requests at once (distinct documents of one
 * type in one team, so all of them queue on the same counter row: the worst case), repeated in rounds. Reports the
 * allocation rate and the per-request latency, then checks the series: no duplicate, no gap.
 *
 * Data: the demo seed (teams, users, a year of cases); numbers are issued on one open case of a team by `admin`.
 * Measured in-process (`app.inject`).
 *
 *   node --import tsx bench/document-numbers.ts      (BENCH_DATABASE_URL=postgres://… adds PostgreSQL)
 *
 * Knobs: BENCH_DOC_CONCURRENCY (50), BENCH_DOC_ROUNDS (10), BENCH_DOC_SKIP_PGLITE=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createDatabase, type Database } from '../server/src/db/client';
import { systemClock } from '../server/src/platform/clock';
import { seedDemo } from '../server/src/seed/demo';
import { sequenceGaps } from '../server/src/modules/document';
import { BENCH_ADMIN_PASSWORD, emitSection, fmt, isMain, mdTable, passFail, tempDataDir } from './lib';
import { intEnv, median, quantile, withScratchPg } from './tracking-lib';

interface Result {
  database: string;
  issued: number;
  refused: number;
  wallS: number;
  ms: number[];
  duplicates: number;
  gaps: number;
}

async function query<T>(database: Database, text: string): Promise<T[]> {
  if (database.pglite) return (await database.pglite.query<T>(text)).rows;
  return (await database.pool!.query(text)).rows as T[];
}

async function run(name: string, opts: { databaseUrl?: string; concurrency: number; rounds: number }): Promise<Result> {
  const dir = tempDataDir('document-numbers');
  const database = await createDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(dir, 'pglite') });
  // The scratch database is dropped WITH (FORCE) afterwards; connections the seed's background work still holds are
  // then ended by the server, which the pool reports as an error event: expected here, not a failure of the run.
  database.pool?.on('error', (e) => console.error(`[document-numbers] pool: ${e.message}`));
  try {
    await database.migrate();
    console.error(`[document-numbers] ${name}: demo seed…`);
    await seedDemo(database, systemClock, { adminPassword: BENCH_ADMIN_PASSWORD });
    const [open] = await query<{ id: string }>(database, `SELECT id FROM enforcement_case WHERE state NOT IN ('not_filed', 'withdrawn', 'archived') ORDER BY id LIMIT 1`);
    if (!open) throw new Error('the demo seed has no open case');
    const config = { ...loadConfig({}), logLevel: 'silent', dataDir: dir };
    const app = await buildApp({ config, database, clock: systemClock, logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD } });
      const cookie = login.cookies.find((c) => c.name === 'guifan_session');
      if (!cookie) throw new Error(`login failed: ${login.body}`);
      const headers = { cookie: `guifan_session=${cookie.value}` };
      const one = async (ref: string): Promise<{ ms: number; seq: number | null; status: number }> => {
        const t = performance.now();
        const res = await app.inject({ method: 'POST', url: '/api/documents/numbers', headers, payload: { caseId: open.id, docType: 'rectification_order', ref } });
        const ms = performance.now() - t;
        if (res.statusCode !== 201) console.error(`[document-numbers] ${res.statusCode} ${res.body.slice(0, 200)}`);
        return { ms, seq: res.statusCode === 201 ? (res.json() as { seq: number }).seq : null, status: res.statusCode };
      };
      // Warm-up on another type (its own counter), so the measured series starts at 1.
      await Promise.all(Array.from({ length: 5 }, (_, i) => app.inject({ method: 'POST', url: '/api/documents/numbers', headers, payload: { caseId: open.id, docType: 'payment_demand', ref: `w${i}` } })));
      const ms: number[] = [];
      const seqs: number[] = [];
      let refused = 0;
      const t0 = performance.now();
      for (let r = 0; r < opts.rounds; r++) {
        const out = await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => one(`b${r}-${i}`)));
        for (const o of out) {
          ms.push(o.ms);
          if (o.seq === null) refused++;
          else seqs.push(o.seq);
        }
      }
      const wallS = (performance.now() - t0) / 1000;
      const duplicates = seqs.length - new Set(seqs).size;
      const gaps = sequenceGaps(seqs, Math.max(0, ...seqs)).length;
      return { database: name, issued: seqs.length, refused, wallS, ms, duplicates, gaps };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runDocumentNumbersBench(): Promise<{ markdown: string; pass: boolean }> {
  const opts = { concurrency: intEnv('BENCH_DOC_CONCURRENCY', 50), rounds: intEnv('BENCH_DOC_ROUNDS', 10) };
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const results: Result[] = [];
  if (pgUrl) results.push(await withScratchPg(pgUrl, 'docnumbers', (u) =>
        run('PostgreSQL', { ...opts, databaseUrl: u }).catch((e: unknown) => {
          // Said before the scratch database is dropped (dropping ends the pool's idle connections loudly).
          console.error('[document-numbers] PostgreSQL run failed:', e);
          throw e;
        }),
      ),
    );
  if (process.env.BENCH_DOC_SKIP_PGLITE !== '1') results.push(await run('PGlite (embedded)', opts));
  // The requirement is correctness under concurrency (no duplicate, no gap, nothing refused); the rate is reported.
  const pass = results.every((r) => r.duplicates === 0 && r.gaps === 0 && r.refused === 0 && r.issued === opts.concurrency * opts.rounds);
  const table = mdTable(
    ['database', 'numbers issued (refused)', 'rate', 'latency median / p95 ms', 'duplicates', 'gaps', 'no duplicate, no gap'],
    results.map((r) => [
      r.database,
      `${fmt(r.issued)} (${fmt(r.refused)})`,
      `${fmt(r.issued / r.wallS)} /s`,
      `${fmt(median(r.ms), 1)} / ${fmt(quantile(r.ms, 0.95), 1)}`,
      fmt(r.duplicates),
      fmt(r.gaps),
      passFail(r.duplicates === 0 && r.gaps === 0 && r.refused === 0),
    ]),
  );
  const markdown = [
    '### 文号 allocation under concurrency (`bench/document-numbers.ts`)',
    '',
    `In-process (\`app.inject\`, session cookie of \`admin\`). ${opts.rounds} rounds of ${opts.concurrency} simultaneous requests for distinct ` +
      `documents of one type in one team (all on one counter row: each allocation locks it, stores the number and its audit record in one ` +
      `transaction). Data: the demo seed. ${os.availableParallelism()} CPUs.` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    `No duplicate, no gap, nothing refused: ${passFail(pass)}.`,
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runDocumentNumbersBench()
    .then((r) => {
      emitSection('document-numbers', r.markdown);
      if (!r.pass) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
