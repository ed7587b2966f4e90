import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig, type Config, type TrackingConfig } from '../src/config';
import { createDatabase, type Database } from '../src/db/client';
import { ManualClock } from '../src/platform/clock';
import { DEMO_PASSWORD } from '../src/seed/demo';
import { buildPgliteTemplate, PG_TEMPLATE_DB, PGLITE_TEMPLATE, pgAdminUrl, pgUrlFor, TEST_ADMIN_PASSWORD, testDbKind } from './template';

export { DEMO_PASSWORD, TEST_ADMIN_PASSWORD };

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  /** Signs in and returns the Cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>;
  /** Id of the org unit with this code (demo codes, e.g. 320671003 = 竹行). */
  unitId(code: string): Promise<string>;
  close(): Promise<void>;
}

/** A new PostgreSQL database (empty, or a copy of `template`) on the test server, and how to drop it. */
export async function createPgDatabase(prefix: string, opts: { template?: string; poolSize?: number } = {}): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${opts.template}` : ''}`);
  await admin.end();
  const database = await createDatabase({ databaseUrl: pgUrlFor(name), poolSize: opts.poolSize ?? 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: pgAdminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh database cloned from the migrated, demo-seeded template, and an app on top of it. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (testDbKind() === 'pg') return createPgDatabase('guifan_t', { template: PG_TEMPLATE_DB, poolSize: 4 });
  if (!fs.existsSync(PGLITE_TEMPLATE)) await buildPgliteTemplate();
  const blob = new Blob([fs.readFileSync(PGLITE_TEMPLATE)]);
  const database = await createDatabase({ pgliteDir: 'memory://', loadDataDir: blob });
  return { database, drop: () => database.close() };
}

export async function createTestContext(
  opts: { now?: Date; tracking?: Partial<TrackingConfig>; config?: Partial<Omit<Config, 'tracking'>>; logStream?: { write(line: string): void } } = {},
): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const clock = new ManualClock(opts.now ?? new Date());
  // Files the app writes (evidence, reports) go to a throw-away data dir, never the working tree.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-test-'));
  const base = loadConfig({});
  const config = { ...base, logLevel: 'silent', dataDir, ...opts.config, tracking: { ...base.tracking, flushMs: 5, ...opts.tracking } };
  const app = await buildApp({ config, database, clock, logger: opts.logStream ? { level: 'info' } : false, logStream: opts.logStream });
  await app.ready();
  let ipSeq = 0;
  return {
    app,
    database,
    clock,
    async login(username, password) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/identity/login',
        payload: { username, password: password ?? (username === 'admin' ? TEST_ADMIN_PASSWORD : DEMO_PASSWORD) },
        // Distinct client addresses so per-address throttling does not couple unrelated tests.
        remoteAddress: `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`,
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'guifan_session');
      if (!cookie) throw new Error('no session cookie');
      return `guifan_session=${cookie.value}`;
    },
    async unitId(code) {
      const rows = await database.rows<{ id: string }>(sqlUnitByCode(code));
      if (!rows[0]) throw new Error(`no unit ${code}`);
      return rows[0].id;
    },
    async close() {
      await app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { sql } from 'drizzle-orm';
const sqlUnitByCode = (code: string) => sql`select id from org_unit where code = ${code}`;

/** Demo unit codes used across tests. */
export const UNITS = {
  root: 'NTCGJ',
  chongchuan: '320602',
  kaifa: '320671',
  chengdong: '320602001',
  zhuhang: '320671003',
  zhuhangCommunity: '320671003001',
  zhuhangGrid: '32067100300101',
  chengdongGrid: '32060200100101',
} as const;

/** A multipart/form-data body with one file, for app.inject(). */
export function multipartFile(field: string, fileName: string, data: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----guifan${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
