import { boolean, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';

/** A standard (provincial, or a local profile derived from one), e.g. 江苏省城市管理执法规范化建设标准. */
export const standard = pgTable(
  'standard',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    kind: text('kind').notNull(), // 'provincial' | 'local_profile'
    /** Owner unit (the bureau that maintains it); org-scoped like every business table. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('standard_code_uq').on(t.code)],
);

/**
 * One version of a standard: draft (editable) → published (immutable) → superseded. A local profile's
 * version records the provincial version it derives from (`baseVersionId`).
 */
export const standardVersion = pgTable(
  'standard_version',
  {
    id: uuid('id').primaryKey(),
    standardId: uuid('standard_id').notNull().references(() => standard.id),
    label: text('label').notNull(),
    status: text('status').notNull(),
    baseVersionId: uuid('base_version_id'),
    note: text('note'),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    isDemo: boolean('is_demo').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('standard_version_label_uq').on(t.standardId, t.label)],
);

/**
 * A node of a version's tree (aspect → sub-item → item; depth is not fixed). Leaves are assessable.
 * Nodes reference their parent by code, which keeps import, export and version comparison simple.
 * A trigger (migration) refuses changes to nodes of a version that is not a draft.
 */
export const catalogNode = pgTable(
  'catalog_node',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id').notNull().references(() => standardVersion.id),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    depth: integer('depth').notNull(),
    ordinal: integer('ordinal').notNull(),
    title: text('title').notNull(),
    text: text('text'),
    points: doublePrecision('points'),
    method: text('method'), // 'pass_fail' | 'graded' | 'computed' (leaves only)
    rule: text('rule'),
    evidence: text('evidence'),
    isVeto: boolean('is_veto').notNull().default(false),
    appliesTo: text('applies_to').notNull().default('team'),
    guidance: text('guidance'),
    /** For profiles: 'base' (as inherited), 'tightened', 'added'; 'own' for a standard's own nodes. */
    origin: text('origin').notNull().default('own'),
    changeReason: text('change_reason'),
  },
  (t) => [uniqueIndex('catalog_node_version_code_uq').on(t.versionId, t.code), index('catalog_node_version_idx').on(t.versionId, t.ordinal)],
);
