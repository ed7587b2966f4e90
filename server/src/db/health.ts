import { sql } from 'drizzle-orm';
import type { Database } from './client';

const SELECT_1 = sql`select 1`;

/** One round trip to the database (the health check): throws when it cannot answer. */
export async function pingDatabase(database: Database): Promise<void> {
  await database.rows(SELECT_1);
}
