import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createPgDatabase } from './helpers';
import { pgAdminUrl, testDbKind } from './template';

/** Waits for a condition (a busy machine may take a while), never for a guessed duration. */
async function until(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test(
  'PostgreSQL: idle pooled connections ended by the server (restart, terminated backends) neither crash the process nor break the next query',
  { skip: testDbKind() !== 'pg' ? 'PostgreSQL only (the embedded database has no connection pool)' : false },
  async () => {
    const { database, drop } = await createPgDatabase('guifan_t', { poolSize: 3 });
    try {
      const pool = database.pool!;
      // Three idle connections in the pool.
      await Promise.all([1, 2, 3].map(() => database.rows(sql`select pg_sleep(0.05)`)));
      await until('three idle connections', () => pool.idleCount === 3);
      const name = (await database.rows<{ db: string }>(sql`select current_database() as db`))[0]!.db;
      const admin = new pg.Client({ connectionString: pgAdminUrl() });
      await admin.connect();
      try {
        const r = await admin.query('select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        assert.ok(r.rowCount! >= 1, 'backends terminated');
      } finally {
        await admin.end();
      }
      // Without an 'error' listener on the pool, the first of these events is an uncaught exception: the test
      // process (like the server) would exit here.
      await until('the pool to drop the dead connections', () => pool.totalCount === 0);
      const after = await database.rows<{ n: number }>(sql`select 1 as n`);
      assert.equal(after[0]!.n, 1);
    } finally {
      await drop();
    }
  },
);
