import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/org.tables';
import { enforcementCase } from '../case/case.tables';
import type { PenaltyKind, PublicationCriteria, PublicationReason } from './domain/rules';
import type { RedactedParty } from './domain/redact';

/** What the public page shows of a decision: redacted when it was published, never recomputed afterwards. */
export interface PublishedContent {
  decisionNo: string;
  party: RedactedParty | null;
  violation: string | null;
  /** 违法事实, redacted. */
  facts: string;
  /** The article the penalty is based on (处罚依据). */
  basis: string | null;
  penalty: { kinds: PenaltyKind[]; fineFen: number };
  decidedOn: string;
  unitName: string;
}

/**
 * 公示 of penalty decisions (行政处罚法 第四十八条): one row per decided case that must be published (the criteria
 * matched, or marked by hand). pending (待公示, due day counted in working days) → published (the redacted text
 * snapshot) → withdrawn (reason, the day the decision was changed, due day of 第四十八条第二款, late or not).
 */
export const casePublication = pgTable(
  'case_publication',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    /** The decision step's timeline event (null when marked by hand later). */
    eventId: bigint('event_id', { mode: 'number' }),
    status: text('status').notNull(), // 'pending' | 'published' | 'withdrawn'
    reasons: jsonb('reasons').$type<PublicationReason[]>().notNull(),
    decisionNo: text('decision_no').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** Last day to publish; null when the calendar of the year is missing (`dueProblem`). */
    dueOn: date('due_on', { mode: 'string' }),
    dueProblem: text('due_problem'),
    content: jsonb('content').$type<PublishedContent | null>(),
    publishedOn: date('published_on', { mode: 'string' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedBy: uuid('published_by'),
    publishedLate: boolean('published_late').notNull().default(false),
    /** The day the decision was changed, revoked or declared illegal / void (the withdrawal period starts). */
    changedOn: date('changed_on', { mode: 'string' }),
    /** 变更 | 撤销 | 确认违法 | 确认无效 (第四十八条第二款): 'changed' | 'revoked' | 'illegal' | 'void'. */
    changeKind: text('change_kind'),
    withdrawDueOn: date('withdraw_due_on', { mode: 'string' }),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    withdrawnBy: uuid('withdrawn_by'),
    withdrawReason: text('withdraw_reason'),
    withdrawnLate: boolean('withdrawn_late').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('case_publication_case_uq').on(t.caseId),
    index('case_publication_status_idx').on(t.status, t.dueOn),
    index('case_publication_unit_idx').on(t.orgUnitId),
    index('case_publication_public_idx').on(t.publishedOn),
  ],
);

/** The bureau's criteria (one row, id 'default'); absent: the shipped local defaults. */
export const publicationSetting = pgTable('publication_setting', {
  id: text('id').primaryKey(),
  criteria: jsonb('criteria').$type<PublicationCriteria>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedBy: uuid('updated_by'),
});
