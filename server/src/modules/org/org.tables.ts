import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** GeoJSON geometry in raw WGS-84 (lon, lat). Spatial math is done in TypeScript, not PostGIS. */
export type GeoJsonGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'Point'; coordinates: number[] };

/**
 * Org units form one tree: bureau → detachment → district bureau → street team → community → unit grid.
 * `path` is the materialised chain of ids ("/root/…/self/") so that a scope check and a subtree
 * read are a prefix match. Units are never deleted: a reorganisation closes `validTo`.
 */
export const orgUnit = pgTable(
  'org_unit',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnit.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    geometry: jsonb('geometry').$type<GeoJsonGeometry>(),
    centerLon: doublePrecision('center_lon'),
    centerLat: doublePrecision('center_lat'),
    isDemo: boolean('is_demo').notNull().default(false),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('org_unit_code_uq').on(t.code),
    index('org_unit_parent_idx').on(t.parentId),
    index('org_unit_path_idx').on(sql`${t.path} text_pattern_ops`),
  ],
);
