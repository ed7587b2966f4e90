import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../identity/identity.tables';

/**
 * Settings of the service module the bureau changes: one row per key, the value's shape owned by the slice that
 * reads it; no row = that slice's defaults. `working_hours`: { periods: [{ start, end }] } (category.service.ts,
 * the bureau's daily working periods the time limits count in). Optimistic `version` like every edited row.
 */
export const serviceSetting = pgTable('service_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => appUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
