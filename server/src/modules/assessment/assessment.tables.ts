import { bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { standardVersion } from '../catalog/catalog.tables';

/** A campaign applies one published version to many teams, with dates and its grading rule. */
export const campaign = pgTable('campaign', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  versionId: uuid('version_id').notNull().references(() => standardVersion.id),
  /** The unit that runs it (the bureau); teams assessed lie under it. */
  orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  passPct: doublePrecision('pass_pct').notNull(),
  basicPct: doublePrecision('basic_pct').notNull(),
  status: text('status').notNull(), // 'active' | 'closed'
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
});

/** One team's assessment in a campaign. Score and grade are stored when accepted (and kept current while open). */
export const assessment = pgTable(
  'assessment',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull().references(() => campaign.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    status: text('status').notNull(),
    score: doublePrecision('score').notNull().default(0),
    maxScore: doublePrecision('max_score').notNull().default(0),
    pct: doublePrecision('pct').notNull().default(0),
    /** Official grade: set when the city accepts, cleared on reopen. */
    grade: text('grade'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('assessment_campaign_unit_uq').on(t.campaignId, t.orgUnitId), index('assessment_unit_idx').on(t.orgUnitId)],
);

export const assessmentItem = pgTable(
  'assessment_item',
  {
    id: uuid('id').primaryKey(),
    assessmentId: uuid('assessment_id').notNull().references(() => assessment.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    nodeCode: text('node_code').notNull(),
    result: text('result'),
    score: doublePrecision('score'),
    comment: text('comment'),
    /** For computed items: value, threshold and the records behind it, as evaluated. */
    computed: jsonb('computed'),
    overrideReason: text('override_reason'),
    districtComment: text('district_comment'),
    cityComment: text('city_comment'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('assessment_item_uq').on(t.assessmentId, t.nodeCode)],
);

/** The review history: every transition with its comment (the audit trail has it too, this is for the page). */
export const assessmentEvent = pgTable(
  'assessment_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    assessmentId: uuid('assessment_id').notNull().references(() => assessment.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    action: text('action').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    comment: text('comment'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('assessment_event_assessment_idx').on(t.assessmentId, t.id)],
);

/** Evidence files, stored content-addressed by SHA-256 (the bytes live in the blob store). */
export const evidenceFile = pgTable(
  'evidence_file',
  {
    id: uuid('id').primaryKey(),
    assessmentItemId: uuid('assessment_item_id').notNull().references(() => assessmentItem.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('evidence_file_item_idx').on(t.assessmentItemId)],
);

export const rectificationTask = pgTable(
  'rectification_task',
  {
    id: uuid('id').primaryKey(),
    assessmentId: uuid('assessment_id').notNull().references(() => assessment.id),
    assessmentItemId: uuid('assessment_item_id').notNull().references(() => assessmentItem.id),
    nodeCode: text('node_code').notNull(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    title: text('title').notNull(),
    description: text('description'),
    ownerUserId: uuid('owner_user_id'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    resolutionNote: text('resolution_note'),
    verifyNote: text('verify_note'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('rectification_unit_idx').on(t.orgUnitId, t.status), index('rectification_assessment_idx').on(t.assessmentId)],
);
