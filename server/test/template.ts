import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from '../src/db/client';
import { systemClock } from '../src/platform/clock';
import { seedDemo } from '../src/seed/demo';

/**
 * Test databases are clones of one migrated and demo-seeded template, made once per run:
 * PGlite: a data-dir dump loaded per test file (~0.4 s); PostgreSQL: CREATE DATABASE … TEMPLATE.
 */
export const TEST_ADMIN_PASSWORD = 'admin-test-pass';
export const PGLITE_TEMPLATE = path.resolve(import.meta.dirname, '../../.tmp/test-template-pglite.tgz');
// Overridable so that two runs on one PostgreSQL server (e.g. two developers' checks) do not drop each other's template.
export const PG_TEMPLATE_DB = process.env.GUIFAN_TEST_PG_TEMPLATE ?? 'guifan_test_template';

export function testDbKind(): 'pglite' | 'pg' {
  return process.env.GUIFAN_TEST_DB === 'pg' ? 'pg' : 'pglite';
}

/** Server-level URL (database `postgres`) used to create and drop test databases. */
export function pgAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://guifan:guifan@127.0.0.1:5432/postgres';
}

export function pgUrlFor(dbName: string): string {
  const u = new URL(pgAdminUrl());
  u.pathname = `/${dbName}`;
  return u.toString();
}

export async function buildPgliteTemplate(): Promise<void> {
  const database = await createDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  await seedDemo(database, systemClock, { adminPassword: TEST_ADMIN_PASSWORD });
  const dump = await database.pglite!.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  const tmp = `${PGLITE_TEMPLATE}.${process.pid}`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, PGLITE_TEMPLATE);
  await database.close();
}

export async function buildPgTemplate(): Promise<void> {
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = await createDatabase({ databaseUrl: pgUrlFor(PG_TEMPLATE_DB), poolSize: 2 });
  await database.migrate();
  await seedDemo(database, systemClock, { adminPassword: TEST_ADMIN_PASSWORD });
  await database.close();
}

// `node --import tsx server/test/template.ts` builds the template of the selected kind.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const started = Date.now();
  await (testDbKind() === 'pg' ? buildPgTemplate() : buildPgliteTemplate());
  console.log(`test template (${testDbKind()}) ready in ${Date.now() - started} ms`);
}
