import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import type { Band, LawRef, PartyType, StatutoryRange } from './domain/item';

/**
 * One version of the 违法行为 catalogue with its 裁量基准: draft (editable) → published (immutable) → superseded.
 * `effectiveFrom` is the first day of acts it applies to: a case takes the version in force on the date of the act.
 */
export const violationVersion = pgTable(
  'violation_version',
  {
    id: uuid('id').primaryKey(),
    label: text('label').notNull(),
    status: text('status').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    baseVersionId: uuid('base_version_id'),
    note: text('note'),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    isDemo: boolean('is_demo').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('violation_version_label_uq').on(t.label), index('violation_version_status_idx').on(t.status, t.effectiveFrom)],
);

/**
 * A 违法行为 of a version. Citations, the statutory range and the bands are whole values (jsonb) checked by
 * domain/item.ts before every write; `searchText` (code, name, laws, articles) serves the search.
 * A trigger (migration) refuses changes to items of a version that is not a draft.
 */
export const violationItem = pgTable(
  'violation_item',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id').notNull().references(() => violationVersion.id),
    code: text('code').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    partyTypes: jsonb('party_types').$type<PartyType[]>().notNull(),
    violated: jsonb('violated').$type<LawRef>().notNull(),
    penaltyBasis: jsonb('penalty_basis').$type<LawRef>().notNull(),
    statutory: jsonb('statutory').$type<StatutoryRange>().notNull(),
    bands: jsonb('bands').$type<Band[]>().notNull(),
    firstOffenceExemption: text('first_offence_exemption'),
    searchText: text('search_text').notNull(),
  },
  (t) => [uniqueIndex('violation_item_version_code_uq').on(t.versionId, t.code), index('violation_item_version_idx').on(t.versionId, t.ordinal)],
);
