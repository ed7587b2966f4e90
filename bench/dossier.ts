/**
 * The 卷宗 through its endpoint (issue 12 "Measured": a 40-page 卷宗 with 30 evidence photos ≤ 3 s): GET
 * /api/archive/cases/:id/dossier.pdf on a demo case walked through the general procedure, with a 文号 issued for every
 * numbered 文书 its steps allow and 30 real photos uploaded as evidence. What the clerk waits for: the case, its
 * documents and photos read, every photo's SHA-256 verified, each 文书 filled, the PDF composed and sent. The
 * composer alone is measured by bench/dossier-pdf.ts; the evidence ZIP of the same case is timed here too.
 *
 *   node --import tsx bench/dossier.ts
 *
 * Knobs: BENCH_DOSSIER_RUNS (3 warm runs), BENCH_DOSSIER_PHOTOS (30).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createDatabase, type Database } from '../server/src/db/client';
import { systemClock } from '../server/src/platform/clock';
import { seedDemo } from '../server/src/seed/demo';
import { encodeJpeg, streetPhoto } from '../server/src/modules/document/render/jpeg-fixture';
import { NUMBERED_TYPE_CODES } from '../server/src/modules/document';
import { BENCH_ADMIN_PASSWORD, emitSection, fmt, isMain, mdTable, passFail, tempDataDir } from './lib';
import { intEnv, median } from './tracking-lib';

const GOAL_MS = 3000;
const PHOTO_W = 1280;
const PHOTO_H = 960;

/** Real JPEGs of a phone photo's size, encoded once and kept in the temp directory (shared with bench/dossier-pdf.ts). */
function photos(count: number): Buffer[] {
  const dir = path.join(os.tmpdir(), 'guifan-bench-dossier-photos-v1');
  fs.mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const f = path.join(dir, `photo-${i}.jpg`);
    if (fs.existsSync(f)) return fs.readFileSync(f);
    const jpeg = encodeJpeg(streetPhoto(PHOTO_W, PHOTO_H, 1000 + i), PHOTO_W, PHOTO_H, 85);
    fs.writeFileSync(f, jpeg);
    return jpeg;
  });
}

async function query<T>(database: Database, text: string): Promise<T[]> {
  if (database.pglite) return (await database.pglite.query<T>(text)).rows;
  return (await database.pool!.query(text)).rows as T[];
}

function multipart(name: string, data: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----guifanbench${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Pages of a PDF written by pdfkit (page objects are plain dictionaries there). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

export async function runDossierEndpointBench(): Promise<{ markdown: string; pass: boolean }> {
  const runs = intEnv('BENCH_DOSSIER_RUNS', 3);
  const count = intEnv('BENCH_DOSSIER_PHOTOS', 30);
  const dir = tempDataDir('dossier');
  const database = await createDatabase({ pgliteDir: path.join(dir, 'pglite') });
  try {
    await database.migrate();
    console.error('[dossier] demo seed…');
    await seedDemo(database, systemClock, { adminPassword: BENCH_ADMIN_PASSWORD });
    // The general-procedure case with the longest timeline that is still open (an archived one serves its kept copy).
    const [c] = await query<{ id: string; steps: number }>(
      database,
      `SELECT c.id, count(e.id)::int AS steps FROM enforcement_case c JOIN case_event e ON e.case_id = c.id
        WHERE c.procedure = 'general' AND c.state NOT IN ('archived', 'withdrawn', 'not_filed') GROUP BY c.id ORDER BY steps DESC, c.id LIMIT 1`,
    );
    if (!c) throw new Error('the demo seed has no general-procedure case');
    const config = { ...loadConfig({}), logLevel: 'silent', dataDir: dir };
    const app = await buildApp({ config, database, clock: systemClock, logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD } });
      const cookie = login.cookies.find((x) => x.name === 'guifan_session');
      if (!cookie) throw new Error(`login failed: ${login.body}`);
      const headers = { cookie: `guifan_session=${cookie.value}` };
      // Every numbered 文书 the case's steps allow (the others are refused: step not reached).
      let numbered = 0;
      for (const docType of NUMBERED_TYPE_CODES) {
        const r = await app.inject({ method: 'POST', url: '/api/documents/numbers', headers, payload: { caseId: c.id, docType } });
        if (r.statusCode === 201) numbered++;
      }
      // Three more 责令改正通知书 (a case often has several: each order its own 文号), for a file of 40-odd pages.
      for (const ref of ['2', '3', '4']) {
        const r = await app.inject({ method: 'POST', url: '/api/documents/numbers', headers, payload: { caseId: c.id, docType: 'rectification_order', ref } });
        if (r.statusCode === 201) numbered++;
      }
      console.error(`[dossier] case with ${c.steps} steps, ${numbered} 文号 issued; uploading ${count} photos…`);
      const jpegs = photos(count);
      for (const [i, data] of jpegs.entries()) {
        const f = multipart(`photo-${i}.jpg`, data);
        const r = await app.inject({ method: 'POST', url: `/api/evidence/cases/${c.id}?kind=scene_record&title=${encodeURIComponent(`现场照片${i + 1}`)}`, headers: { ...headers, ...f.headers }, payload: f.payload });
        if (r.statusCode !== 201) throw new Error(`upload ${i}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      }
      const photoBytes = jpegs.reduce((s, b) => s + b.length, 0);
      const timed = async (url: string) => {
        const t0 = performance.now();
        const r = await app.inject({ method: 'GET', url, headers });
        const ms = performance.now() - t0;
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        return { ms, body: r.rawPayload };
      };
      const pdfUrl = `/api/archive/cases/${c.id}/dossier.pdf`;
      console.error('[dossier] first request (cold: pdfmake and fonts loaded)…');
      const cold = await timed(pdfUrl);
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push((await timed(pdfUrl)).ms);
      const zip = await timed(`/api/archive/cases/${c.id}/evidence.zip`);
      const pages = pageCount(cold.body);
      const warmMs = median(warm);
      const pass = warmMs <= GOAL_MS && pages >= 40;
      const table = mdTable(
        ['pages', 'photos (total size)', 'PDF size', 'first request ms', `median of ${runs} warm requests ms`, `warm ≤ ${GOAL_MS / 1000} s`, 'evidence ZIP ms (size)'],
        [
          [
            fmt(pages),
            `${fmt(count)} (${fmt(photoBytes / 1024 / 1024, 1)} MB)`,
            `${fmt(cold.body.length / 1024 / 1024, 1)} MB`,
            fmt(cold.ms),
            fmt(warmMs),
            passFail(warmMs <= GOAL_MS),
            `${fmt(zip.ms)} (${fmt(zip.body.length / 1024 / 1024, 1)} MB)`,
          ],
        ],
      );
      const markdown = [
        '### 卷宗 through the endpoint (`bench/dossier.ts`)',
        '',
        `\`GET /api/archive/cases/:id/dossier.pdf\` on PGlite (in-process \`inject\`): a demo general-procedure case of ${c.steps} steps with ` +
          `${numbered} 文号 issued and ${count} JPEG photos ${PHOTO_W}×${PHOTO_H} as evidence — case, documents and evidence read, each photo's ` +
          `SHA-256 verified, every 文书 filled, the PDF composed and sent. The evidence ZIP of the same case (streamed, each file verified ` +
          `before and while sending, each export logged) is timed once. ${os.availableParallelism()} CPUs.`,
        '',
        table,
        '',
        `${pages} pages (≥ 40) in ≤ ${GOAL_MS / 1000} s: ${passFail(pass)}. Load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}.`,
      ].join('\n');
      return { markdown, pass };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  runDossierEndpointBench()
    .then((r) => {
      emitSection('dossier', r.markdown);
      if (!r.pass) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
