import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { enforcementCase } from '../case/case.tables';

/**
 * 便民服务 (issue 13): residents' reports (public page, 12345 hotline, Open311, staff), routed by location to the
 * owning team, with working-hour deadlines, a reply and the reporter's rating. The four core tables every slice of
 * the module uses (request, category, event timeline, photos).
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Report categories (数字城管 事件 classes, domain.md §3.3) as editable data. Time limits are WORKING hours on the
 * legal module's calendar, so a report late on the Friday before a holiday is not overdue on Saturday.
 */
export const serviceCategory = pgTable(
  'service_category',
  {
    id: uuid('id').primaryKey(),
    /** e.g. 数字城管 事件 class code `02-03`. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** 大类 (e.g. 市容环境, 街面秩序). */
    bigClass: text('big_class').notNull(),
    acceptHours: integer('accept_hours').notNull(),
    handleHours: integer('handle_hours').notNull(),
    replyHours: integer('reply_hours').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('service_category_code_uq').on(t.code)],
);

export const serviceRequest = pgTable(
  'service_request',
  {
    id: uuid('id').primaryKey(),
    /** What the reporter keeps: 12 characters of an unambiguous alphabet, unguessable. */
    trackingCode: text('tracking_code').notNull(),
    /** 'public' | 'hotline' | 'open311' | 'staff' */
    source: text('source').notNull(),
    /** 12345 工单号 / Open311 token: unique per source when present (a re-import is recognised). */
    externalRef: text('external_ref'),
    categoryId: uuid('category_id').notNull().references(() => serviceCategory.id),
    description: text('description').notNull(),
    /** WGS-84; both present for public and Open311 reports. */
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    address: text('address'),
    contactName: text('contact_name'),
    /** Stored whole, returned masked except to the owning team and the city desk. */
    contactPhone: text('contact_phone'),
    /** Salted hash of the reporter's IP, for abuse limits. */
    reporterKey: text('reporter_key'),
    /** The owning team; null = the city desk (市级受理台). */
    orgUnitId: uuid('org_unit_id').references(() => orgUnit.id),
    gridId: uuid('grid_id').references(() => orgUnit.id),
    /** 'area' | 'grid' | 'city_desk' | 'manual' */
    routedBy: text('routed_by').notNull(),
    state: text('state').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    acceptDueAt: ts('accept_due_at'),
    handleDueAt: ts('handle_due_at'),
    replyDueAt: ts('reply_due_at'),
    /** Working minutes spent suspended (挂起) so far: added to every limit so the clock stops while suspended. */
    pausedMinutes: integer('paused_minutes').notNull().default(0),
    suspendedAt: ts('suspended_at'),
    suspendedFromState: text('suspended_from_state'),
    acceptedAt: ts('accepted_at'),
    handledAt: ts('handled_at'),
    repliedAt: ts('replied_at'),
    closedAt: ts('closed_at'),
    handlingNote: text('handling_note'),
    replyText: text('reply_text'),
    duplicateOfId: uuid('duplicate_of_id'),
    caseId: uuid('case_id').references(() => enforcementCase.id),
    /** 'satisfied' | 'basically_satisfied' | 'dissatisfied' */
    satisfaction: text('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    ratedAt: ts('rated_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('service_request_tracking_uq').on(t.trackingCode),
    uniqueIndex('service_request_external_uq').on(t.source, t.externalRef).where(sql`${t.externalRef} is not null`),
    // Inbox / desk / board: a team's (or the desk's) requests by state.
    index('service_request_state_unit_idx').on(t.state, t.orgUnitId),
    index('service_request_unit_submitted_idx').on(t.orgUnitId, t.submittedAt),
    index('service_request_submitted_idx').on(t.submittedAt),
    // Duplicate search: same category within a time window.
    index('service_request_category_submitted_idx').on(t.categoryId, t.submittedAt),
    index('service_request_reporter_idx').on(t.reporterKey, t.submittedAt),
    index('service_request_phone_idx').on(t.contactPhone, t.submittedAt).where(sql`${t.contactPhone} is not null`),
    index('service_request_case_idx').on(t.caseId).where(sql`${t.caseId} is not null`),
    index('service_request_duplicate_idx').on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
  ],
);

/** The timeline, append-only: every action with its actor (null for the public), the team at the time and a reason. */
export const serviceEvent = pgTable(
  'service_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull().references(() => serviceRequest.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** 'staff' | 'public' | 'system' | 'hotline' | 'open311' */
    actorKind: text('actor_kind').notNull(),
    orgUnitId: uuid('org_unit_id'),
    reason: text('reason'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    at: ts('at').notNull(),
  },
  (t) => [index('service_event_request_idx').on(t.requestId, t.id)],
);

/** Photos of a report (from the reporter) and of the handling (before / after, from the team). Files live in the blob store. */
export const servicePhoto = pgTable(
  'service_photo',
  {
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull().references(() => serviceRequest.id),
    /** 'report' | 'before' | 'after' */
    stage: text('stage').notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** The EXIF-stripped copy is what the public sees; false = staff only. */
    public: boolean('public').notNull().default(false),
    /** The EXIF-stripped copy's blob (null when the stored file itself carries no metadata). */
    publicSha256: text('public_sha256'),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('service_photo_request_idx').on(t.requestId, t.stage)],
);
