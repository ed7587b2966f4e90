import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { campaign } from '../assessment/assessment.tables';

/**
 * A dated target, e.g. "≥ 11 of 21 teams 达标 by 2019-12-31". With `aspectCode`, it counts teams whose
 * score in that aspect reaches `aspectMinPct` instead of teams graded 达标.
 */
export const target = pgTable('target', {
  id: uuid('id').primaryKey(),
  campaignId: uuid('campaign_id').notNull().references(() => campaign.id),
  /** Scope: the units counted are the campaign's teams under this unit (city or a district). */
  orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
  title: text('title').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  requiredCount: integer('required_count').notNull(),
  aspectCode: text('aspect_code'),
  aspectMinPct: doublePrecision('aspect_min_pct'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
});

/** Every team's score and grade per day (taken daily by the scheduler, or on demand). */
export const teamSnapshot = pgTable(
  'team_snapshot',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaign.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    day: date('day', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    pct: doublePrecision('pct').notNull(),
    /** Official grade (accepted assessments only), else null. */
    grade: text('grade'),
    aspectPcts: jsonb('aspect_pcts').$type<Record<string, number>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.orgUnitId, t.day] }), index('team_snapshot_day_idx').on(t.campaignId, t.day)],
);

/** Meeting-report generation runs in the background; the page polls progress. */
export const reportJob = pgTable('report_job', {
  id: uuid('id').primaryKey(),
  campaignId: uuid('campaign_id').notNull().references(() => campaign.id),
  orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
  status: text('status').notNull(), // queued | running | done | failed
  progress: integer('progress').notNull().default(0),
  message: text('message'),
  files: jsonb('files').$type<{ xlsx?: string; pdf?: string }>(),
  requestedBy: uuid('requested_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
});
