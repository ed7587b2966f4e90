import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../identity/identity.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Open311 API keys (开放接口密钥): who may POST service requests through GeoReport v2. The key itself is shown once
 * when created and never stored: only its SHA-256 (a random 256-bit secret needs no slow hash — there is nothing to
 * guess) and its first characters, so an administrator can tell keys apart. A revoked key stays listed.
 */
export const serviceApiKey = pgTable(
  'service_api_key',
  {
    id: uuid('id').primaryKey(),
    /** Who holds it (e.g. 12345 平台, 某某 App). */
    name: text('name').notNull(),
    /** hex SHA-256 of the whole key. */
    keyHash: text('key_hash').notNull(),
    /** The key's first characters (`o311_AbCd`), for telling keys apart in the list. */
    keyPrefix: text('key_prefix').notNull(),
    /** Abuse limit: requests this key may submit in any rolling hour. */
    hourlyLimit: integer('hourly_limit').notNull(),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => appUser.id),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('service_api_key_hash_uq').on(t.keyHash), index('service_api_key_created_idx').on(t.createdAt)],
);
