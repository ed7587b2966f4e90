import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnit } from '../org/org.tables';
import { enforcementCase } from '../case/case.tables';

/**
 * 文号 counters: one row per issuing unit, document type and year. The row is bumped (insert … on conflict do
 * update, which locks it) inside the transaction that stores the number, so concurrent allocations queue on the row
 * and a rolled-back allocation gives its number back: the series stays gapless.
 */
export const documentCounter = pgTable(
  'document_counter',
  {
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    docType: text('doc_type').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.docType, t.year] })],
);

/**
 * Every 文号 ever issued. A voided number stays (status 'void' with its reason) and is never issued again; the
 * document it belonged to may then get a new number. `ref` tells apart several documents of one type in a case
 * (two 责令改正通知书); one issued number per (case, type, ref).
 */
export const documentNumber = pgTable(
  'document_number',
  {
    id: uuid('id').primaryKey(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    docType: text('doc_type').notNull(),
    ref: text('ref').notNull().default(''),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    status: text('status').notNull(), // 'issued' | 'void'
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    issuedBy: uuid('issued_by'),
    voidReason: text('void_reason'),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
    voidedBy: uuid('voided_by'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('document_number_seq_uq').on(t.orgUnitId, t.docType, t.year, t.seq),
    uniqueIndex('document_number_doc_uq').on(t.caseId, t.docType, t.ref).where(sql`${t.status} = 'issued'`),
    index('document_number_case_idx').on(t.caseId),
  ],
);
