import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';

/**
 * One version of the legal rule set: draft (editable) → published (immutable) → superseded. At most one
 * version is published at a time; it is the set the deadline engine and the cases use. A trigger
 * (migration) refuses changes to the rules of a version that is not a draft.
 */
export const legalRuleSetVersion = pgTable(
  'legal_rule_set_version',
  {
    id: uuid('id').primaryKey(),
    label: text('label').notNull(),
    status: text('status').notNull(), // 'draft' | 'published' | 'superseded'
    /** The published version a draft was copied from (null for the first, shipped, version). */
    baseVersionId: uuid('base_version_id'),
    note: text('note'),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('legal_rule_set_version_label_uq').on(t.label),
    // One published version at a time (publishing supersedes the previous one in the same transaction).
    uniqueIndex('legal_rule_set_version_one_published_uq').on(t.status).where(sql`status = 'published'`),
  ],
);

/**
 * A rule of a version: its citation as columns (law, version date, article, the sentence quoted), what it
 * is (kind, origin, validity) and its parameters (days, amounts, party types …) as jsonb, read by the
 * deadline engine. `ruleId` is stable across versions (the same rule in the next version keeps it).
 */
export const legalRule = pgTable(
  'legal_rule',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id').notNull().references(() => legalRuleSetVersion.id),
    ruleId: text('rule_id').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    kind: text('kind').notNull(), // 'period' | 'amount_threshold' | 'rate_cap' | 'limitation' (= params.type)
    /** 'national' (quoted from a verified statute text), 'unverified_ministerial' (住建部令, editable), 'local'. */
    origin: text('origin').notNull(),
    lawName: text('law_name').notNull(),
    lawVersionDate: date('law_version_date', { mode: 'string' }).notNull(),
    article: text('article').notNull(),
    paragraph: text('paragraph'),
    quote: text('quote').notNull(),
    /** false when the quote could not be checked against an official text (ministerial orders, local rules). */
    verified: boolean('verified').notNull(),
    note: text('note'),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    params: jsonb('params').notNull(),
    ordinal: integer('ordinal').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // A rule that changed over time keeps its id and differs by its effective dates (e.g. the simple-procedure limits
  // before and after 2021-07-15): (id, effective from) is unique within a version.
  (t) => [uniqueIndex('legal_rule_version_rule_from_uq').on(t.versionId, t.ruleId, t.effectiveFrom), index('legal_rule_version_idx').on(t.versionId, t.ordinal)],
);

/**
 * One year of the working-day calendar: the State Council notice it comes from. The year's holidays and
 * makeup working days are its `legal_calendar_day` rows; a day belongs to one year only (primary key).
 */
export const legalCalendarYear = pgTable('legal_calendar_year', {
  year: integer('year').primaryKey(),
  title: text('title').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  source: text('source').notNull(),
  /** 'shipped' (loaded from the notices the software ships) or 'entered' (by an administrator). */
  origin: text('origin').notNull(),
  orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
});

/** A statutory holiday (with its festival's name) or a makeup working day (调休上班) of a calendar year. */
export const legalCalendarDay = pgTable(
  'legal_calendar_day',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => legalCalendarYear.year),
    kind: text('kind').notNull(), // 'holiday' | 'makeup_workday'
    name: text('name'),
  },
  (t) => [index('legal_calendar_day_year_idx').on(t.year)],
);
