import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { enforcementCase } from '../case/case.tables';
import { ledgerPerson } from '../ledger/ledger.tables';
import { trackingDevice } from '../tracking/tracking.tables';

/**
 * 案件证据 (行政处罚法 第四十六条): files attached to a case and optionally to one step of its timeline (a
 * `case_event` id). The bytes live in the content-addressed blob store under `sha256`, computed at upload and checked
 * again on every download. A row is never changed except to mark it superseded (by a newer row, with a reason) or
 * withdrawn before the case is decided; what happened to it is in `case_evidence_custody`.
 */
export const caseEvidence = pgTable(
  'case_evidence',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    /** The step (case_event.id) the evidence was taken for; null: the case as a whole. */
    stepEventId: bigint('step_event_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** From the photo's EXIF (null when absent or unreadable). */
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }),
    takenAtText: text('taken_at_text'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The row that replaces this one, and why (the only way to take evidence of a decided case out of use). */
    supersededBy: uuid('superseded_by'),
    supersededReason: text('superseded_reason'),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    /** Withdrawn before the decision: kept (with its custody log), no longer listed as the case's evidence. */
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    deletedBy: uuid('deleted_by'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId, t.uploadedAt)],
);

/**
 * 证据保管记录: who uploaded, viewed, downloaded, exported, superseded or withdrew a piece of evidence, and every
 * download refused because the stored bytes no longer match the hash. Append-only (a trigger refuses UPDATE and
 * DELETE); every entry is also recorded in the audit chain.
 */
export const caseEvidenceCustody = pgTable(
  'case_evidence_custody',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evidenceId: uuid('evidence_id').notNull().references(() => caseEvidence.id),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('case_evidence_custody_evidence_idx').on(t.evidenceId, t.id)],
);

/**
 * 执法记录仪 clips: one recording of a body camera (a tracking device of kind `body_camera`) worn by one officer
 * (a ledger person) over [start_at, end_at). The file's SHA-256 is registered with the clip (the video usually stays
 * on the camera's workstation); the file itself may be uploaded later and must then have that hash.
 */
export const bodyCamClip = pgTable(
  'body_cam_clip',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id').notNull().references(() => trackingDevice.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    officerId: uuid('officer_id').notNull().references(() => ledgerPerson.id),
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date' }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Set once the file is in the blob store. */
    fileName: text('file_name'),
    mimeType: text('mime_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    registeredBy: uuid('registered_by'),
    registeredByName: text('registered_by_name').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('body_cam_clip_officer_idx').on(t.officerId, t.startAt), check('body_cam_clip_span_ck', sql`${t.endAt} > ${t.startAt}`)],
);

/** Clips linked to a step of a case (`auto`: by officer and time overlap; `manual`: chosen by hand, overlap checked). */
export const caseStepClip = pgTable(
  'case_step_clip',
  {
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    stepEventId: bigint('step_event_id', { mode: 'number' }).notNull(),
    clipId: uuid('clip_id').notNull().references(() => bodyCamClip.id),
    how: text('how').notNull(),
    linkedBy: uuid('linked_by'),
    linkedByName: text('linked_by_name').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.stepEventId, t.clipId] }), index('case_step_clip_case_idx').on(t.caseId)],
);
