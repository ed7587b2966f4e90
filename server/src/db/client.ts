import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The typed handle every repository receives; the same type for PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Raw rows of a query on a handle or inside a transaction, the same shape on PGlite and node-postgres. */
export async function rowsOf<T>(tx: DbOrTx, query: SQL): Promise<T[]> {
  const r = await tx.execute(query);
  return (r as unknown as { rows: T[] }).rows;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw rows of a query, the same shape on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the underlying instance (for dumps in tests). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for a throw-away database. */
  pgliteDir?: string;
  /** A PGlite data-dir dump (tar.gz) to start from, used by tests to clone a migrated template. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function createDatabase(opts: DbOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle pooled connection that the server ends (a PostgreSQL restart, an administrator terminating backends,
    // a network cut) is reported as an 'error' event on the pool; without a listener Node.js treats it as uncaught
    // and the whole process exits. The pool drops that connection by itself and opens a new one when needed, so
    // the event is only worth a line (message only: node-postgres errors may carry query parameters).
    pool.on('error', (err) => process.stderr.write(`database: an idle connection was closed by the server (${err.message})\n`));
    // Fail fast with a clear message rather than on the first request.
    const client = await pool.connect();
    client.release();
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      rows: <T>(query: SQL) => rowsOf<T>(db, query),
      async migrate() {
        await migratePg(drizzlePg(pool), { migrationsFolder });
      },
      async close() {
        await pool.end();
      },
    };
  }
  const dir = opts.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    rows: <T>(query: SQL) => rowsOf<T>(db, query),
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

export { sql };
