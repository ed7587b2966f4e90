import { bigint, boolean, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { appUser } from '../identity/identity.tables';
import { ledgerPerson } from '../ledger/ledger.tables';
import { caseEvent, enforcementCase } from '../case/case.tables';

/**
 * 现场核验 (domain/onsite.ts): the result of checking one officer of one on-site case step against the positions
 * of the devices bound to that officer. Derived data: written when the step is recorded and rewritten whenever a
 * recomputation gives something else (late positions, changed settings), so it can be counted for evaluation
 * without reading tracks. `settings_*` are the distance and margin the result was computed with;
 * `last_received_at` the latest reception time of the positions it used (a later one means new positions).
 */
export const onsiteCheck = pgTable(
  'onsite_check',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => caseEvent.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => ledgerPerson.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => enforcementCase.id),
    /** The case's team, for counts per team. */
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    action: text('action').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    /** verified | not_on_site | no_track | unverifiable */
    status: text('status').notNull(),
    /** no_location | no_times | no_officers | no_device | no_positions */
    reason: text('reason'),
    minDistanceM: doublePrecision('min_distance_m'),
    nearestAt: timestamp('nearest_at', { withTimezone: true, mode: 'date' }),
    points: integer('points').notNull(),
    settingsRadiusM: integer('settings_radius_m').notNull(),
    settingsMarginMin: integer('settings_margin_min').notNull(),
    lastReceivedAt: timestamp('last_received_at', { withTimezone: true, mode: 'date' }),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] }), index('onsite_check_case_idx').on(t.caseId), index('onsite_check_unit_day_idx').on(t.orgUnitId, t.onDate)],
);

/** The distance and the margin of the check (one row, id 'default'; absent = the defaults of domain/onsite.ts). */
export const onsiteSetting = pgTable('onsite_setting', {
  id: text('id').primaryKey(),
  radiusM: integer('radius_m').notNull(),
  marginMin: integer('margin_min').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
