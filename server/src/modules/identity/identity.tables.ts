import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    locale: text('locale').notNull().default('zh-CN'),
    version: integer('version').notNull().default(1),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('app_user_username_uq').on(sql`lower(${t.username})`), index('app_user_org_idx').on(t.orgUnitId)],
);

/** Server-side sessions keep the app stateless across instances; the cookie holds a random token, we keep its hash. */
export const userSession = pgTable(
  'user_session',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('user_session_user_idx').on(t.userId)],
);

/**
 * Failed and successful logins by the username as typed (existing or not, so that lockout
 * behaves the same for unknown names and cannot be used to enumerate users) and by client IP.
 */
export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    usernameKey: text('username_key').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    success: boolean('success').notNull(),
  },
  (t) => [index('login_attempt_user_idx').on(t.usernameKey, t.at), index('login_attempt_ip_idx').on(t.ip, t.at)],
);
