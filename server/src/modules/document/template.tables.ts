import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import type { TemplateSetContent } from './domain/template-types';

/**
 * One version of the bureau's 文书 template set (header, 文号 prefix and pattern, words, one template per type):
 * draft (editable) → published (frozen) → superseded, like the legal rule set. The whole set is one jsonb value: it
 * is read and replaced as a unit (a few dozen KB), and a trigger (migration document_templates) freezes it once published. At most
 * one version is published and at most one is a draft.
 */
export const documentTemplateSet = pgTable(
  'document_template_set',
  {
    id: uuid('id').primaryKey(),
    label: text('label').notNull(),
    status: text('status').notNull(), // 'draft' | 'published' | 'superseded'
    /** The published version a draft was copied from (null for the first, shipped, version). */
    baseVersionId: uuid('base_version_id'),
    note: text('note'),
    content: jsonb('content').$type<TemplateSetContent>().notNull(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('document_template_set_label_uq').on(t.label),
    // Publishing supersedes the previous version in the same transaction; a second draft is refused by the service.
    uniqueIndex('document_template_set_one_published_uq').on(t.status).where(sql`status = 'published'`),
    uniqueIndex('document_template_set_one_draft_uq').on(t.status).where(sql`status = 'draft'`),
  ],
);
