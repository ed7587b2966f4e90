import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 全过程记录: one row per mutation, written in the mutation's own transaction and hash-chained
 * to the previous row. A database trigger (migration 0001) refuses UPDATE and DELETE.
 */
export const auditRecord = pgTable(
  'audit_record',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    orgUnitId: uuid('org_unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_record_entity_idx').on(t.entityType, t.entityId),
    index('audit_record_org_idx').on(t.orgUnitId, t.seq),
    index('audit_record_at_idx').on(t.at),
  ],
);

/** Single row (id = 1) that serialises appends: it is locked FOR UPDATE while a record is chained. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
