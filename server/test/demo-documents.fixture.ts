import { sql } from 'drizzle-orm';
import type { TestContext } from './helpers';

/**
 * For tests that number a team's documents from empty series (第0001号): takes the demo's 文书 of that team
 * (server/src/seed/demo-documents.ts) out of this test's own database clone — numbers, signatures, service records
 * and counters. The append-only triggers are lifted for the delete only, on this clone only.
 */
export async function withoutDemoDocuments(t: TestContext, orgUnitId: string): Promise<void> {
  for (const table of ['document_signature', 'document_service', 'document_number']) {
    await t.database.rows(sql`alter table ${sql.raw(table)} disable trigger user`);
    await t.database.rows(sql`delete from ${sql.raw(table)} where org_unit_id = ${orgUnitId} and is_demo`);
    await t.database.rows(sql`alter table ${sql.raw(table)} enable trigger user`);
  }
  await t.database.rows(sql`delete from document_counter where org_unit_id = ${orgUnitId}`);
}
