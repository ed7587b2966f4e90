import path from 'node:path';
import type { Config } from '../config';
import { createDatabase, type Database } from './client';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data dir. */
export function openDatabase(config: Config): Promise<Database> {
  return createDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') });
}
