import { bigint, boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { enforcementCase } from '../case/case.tables';

/**
 * Who signed a 文书 of a case (caseId, docType, ref — the same key as its 文号), append-only: a wrong signature is
 * never rewritten, the document is voided and made again. A party's refusal to sign is a row too (`refused`, with
 * the note and the witness who saw it: 留置送达 practice, 民事诉讼法 第八十九条). Officers are ledger persons named on
 * the case's steps (`personId`); the party, a witness, a reviewer or a leader may be a name only.
 */
export const documentSignature = pgTable(
  'document_signature',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    docType: text('doc_type').notNull(),
    ref: text('ref').notNull().default(''),
    /** The 文号 the document carried when signed (numbered types): a signature on a voided number no longer counts. */
    numberId: uuid('number_id'),
    /** 'officer' | 'party' | 'witness' | 'reviewer' | 'leader' (template-types SignatureRole). */
    role: text('role').notNull(),
    personId: uuid('person_id'),
    name: text('name').notNull(),
    /** A witness's ID number, stored whole, shown masked. */
    idNumber: text('id_number'),
    refused: boolean('refused').notNull().default(false),
    note: text('note'),
    witnessName: text('witness_name'),
    witnessIdNumber: text('witness_id_number'),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: uuid('recorded_by'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('document_signature_case_idx').on(t.caseId, t.docType, t.ref)],
);

/**
 * 送达 records of a case's 文书, append-only. `caseEventId` is the case's `serve` step when serving this document
 * recorded it (the 行政处罚决定书): both are written in one transaction or neither.
 */
export const documentService = pgTable(
  'document_service',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    docType: text('doc_type').notNull(),
    ref: text('ref').notNull().default(''),
    /** The 文号 the document carried when served (numbered types). */
    numberId: uuid('number_id'),
    /** The case module's SERVICE_METHODS codes. */
    method: text('method').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    recipient: text('recipient').notNull(),
    note: text('note'),
    witnessName: text('witness_name'),
    witnessIdNumber: text('witness_id_number'),
    consent: boolean('consent').notNull().default(false),
    caseEventId: bigint('case_event_id', { mode: 'number' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: uuid('recorded_by'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('document_service_case_idx').on(t.caseId, t.docType, t.ref)],
);
