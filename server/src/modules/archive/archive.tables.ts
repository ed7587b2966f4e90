import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { enforcementCase } from '../case/case.tables';

/**
 * 归档记录: one row per archived case, written in the transaction of the case's 归档 step. The 卷宗 PDF and the
 * evidence manifest as they were at that moment are kept in the content-addressed blob store under the SHA-256
 * recorded here, so the archived copy never changes; the row itself is never updated or deleted (trigger).
 */
export const caseArchive = pgTable('case_archive', {
  caseId: uuid('case_id').primaryKey().references(() => enforcementCase.id),
  orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
  /** The 归档 step (case_event.id). */
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  archivedOn: date('archived_on', { mode: 'string' }).notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }).notNull(),
  archivedBy: uuid('archived_by'),
  archivedByName: text('archived_by_name').notNull(),
  /** 保管期限 in years; null = 永久. */
  retentionYears: integer('retention_years'),
  retentionLabel: text('retention_label').notNull(),
  /** 'policy' (the bureau's) or 'local_default' (本地默认值，待本局确认). */
  retentionSource: text('retention_source').notNull(),
  retentionNote: text('retention_note').notNull(),
  keepUntil: date('keep_until', { mode: 'string' }),
  pdfSha256: text('pdf_sha256').notNull(),
  pdfBytes: integer('pdf_bytes').notNull(),
  pdfPages: integer('pdf_pages').notNull(),
  manifestSha256: text('manifest_sha256').notNull(),
  manifestBytes: integer('manifest_bytes').notNull(),
  evidenceCount: integer('evidence_count').notNull(),
  evidenceBytes: bigint('evidence_bytes', { mode: 'number' }).notNull(),
  /** The 卷内目录 as printed: title, 文号, first and last page. */
  pdfIndex: jsonb('pdf_index').$type<{ title: string; number: string | null; fromPage: number; toPage: number }[]>().notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
});

/**
 * The bureau's 保管期限 for 行政处罚 case files, per org unit (the nearest unit up the tree applies; none: the local
 * default, marked 本地默认值，待本局确认). Changing it applies to cases archived afterwards, never to archived ones.
 */
export const archiveRetentionPolicy = pgTable('archive_retention_policy', {
  orgUnitId: uuid('org_unit_id').primaryKey().references(() => orgUnit.id),
  /** Years; null = 永久. */
  years: integer('years'),
  note: text('note').notNull(),
  updatedBy: uuid('updated_by'),
  updatedByName: text('updated_by_name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
