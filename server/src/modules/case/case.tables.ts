import { bigint, bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnit } from '../org/org.tables';
import { ledgerPerson } from '../ledger/ledger.tables';
import type { CaseFacts, ViolationSnapshot } from './domain/facts';
import type { Penalty } from './domain/guards';

/**
 * 执法办案 (issue 11): a case from its lead to the archive. Every row carries the team's org unit (scope and
 * future distribution by unit). Money is integer fen. Dates of steps are civil dates in Asia/Shanghai.
 */

const audited = {
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
};

/**
 * Case numbers: `<队简称>城管<罚|简|线>〔YYYY〕NNNN号`, a counter per team, year and series (罚 = 立案 of the general
 * procedure, 简 = 当场处罚决定书, 线 = 线索). The counter row is bumped in the case's transaction.
 */
export const caseCounter = pgTable(
  'case_counter',
  {
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    year: integer('year').notNull(),
    series: text('series').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.year, t.series] })],
);

export const enforcementCase = pgTable(
  'enforcement_case',
  {
    id: uuid('id').primaryKey(),
    /** The team that handles it. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    procedure: text('procedure').notNull(), // 'general' | 'simple'
    state: text('state').notNull(),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    leadNo: text('lead_no'),
    /** 立案 (or 当场处罚决定书) number; null while a lead. Unique per team (the number holds team and year). */
    caseNo: text('case_no'),
    year: integer('year').notNull(),
    actDate: date('act_date', { mode: 'string' }).notNull(),
    actPlace: text('act_place').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    violation: jsonb('violation').$type<ViolationSnapshot | null>(),
    proposedPenalty: jsonb('proposed_penalty').$type<Penalty | null>(),
    decidedPenalty: jsonb('decided_penalty').$type<Penalty | null>(),
    /** The decided fine (fen), for sums and filters; 0 without a fine. */
    fineFen: bigint('fine_fen', { mode: 'number' }).notNull().default(0),
    /** The two officers of the latest step (ledger persons); the first is the responsible officer. */
    officerIds: jsonb('officer_ids').$type<string[]>().notNull(),
    responsiblePersonId: uuid('responsible_person_id').references(() => ledgerPerson.id),
    facts: jsonb('facts').$type<CaseFacts>().notNull(),
    filedOn: date('filed_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    /** Some step of the case was late (a duty deadline met after its due day, or overdue now at the last write). */
    hadOverdue: boolean('had_overdue').notNull().default(false),
    createdBy: uuid('created_by'),
    ...audited,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('enforcement_case_no_uq').on(t.orgUnitId, t.caseNo).where(sql`${t.caseNo} is not null`),
    index('enforcement_case_unit_state_idx').on(t.orgUnitId, t.state),
    index('enforcement_case_responsible_idx').on(t.responsiblePersonId),
  ],
);

/** 当事人: a person (ID number stored in full, only ever returned masked) or an organisation (统一社会信用代码). */
export const caseParty = pgTable(
  'case_party',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    kind: text('kind').notNull(), // 'individual' | 'business' | 'organization'
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    address: text('address'),
    ...audited,
  },
  (t) => [index('case_party_case_idx').on(t.caseId)],
);

/** The timeline: every step with its date, actor, officers and what it recorded. */
export const caseEvent = pgTable(
  'case_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    /** [{personId, name, certificateNo}] as they were on that date. */
    officers: jsonb('officers').$type<{ personId: string; name: string; certificateNo: string | null }[]>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('case_event_case_idx').on(t.caseId, t.id)],
);

/**
 * Deadlines materialised for the board (rewritten from the timeline after every step). `due_on` null: the due
 * day could not be computed (calendar or rule missing, see `problem`).
 */
export const caseDeadline = pgTable(
  'case_deadline',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    ruleId: text('rule_id').notNull(),
    duty: boolean('duty').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    stoppedOn: date('stopped_on', { mode: 'string' }),
    /** 'calendar_missing' | 'rule_missing' | null */
    problem: text('problem'),
    /** true while not stopped. */
    running: boolean('running').notNull(),
    responsiblePersonId: uuid('responsible_person_id').references(() => ledgerPerson.id),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('case_deadline_case_key_uq').on(t.caseId, t.key),
    // The board: running duties of units in scope, by due day.
    index('case_deadline_board_idx').on(t.dueOn).where(sql`${t.running} and ${t.duty}`),
    index('case_deadline_unit_idx').on(t.orgUnitId).where(sql`${t.running}`),
  ],
);

/** 查封 / 扣押 (行政强制法 第二十二条至第二十八条): items, period, one extension, release or disposal. */
export const caseSeizure = pgTable(
  'case_seizure',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => enforcementCase.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnit.id),
    kind: text('kind').notNull(), // 'seal' (查封) | 'detain' (扣押)
    items: text('items').notNull(),
    place: text('place'),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    extendedOn: date('extended_on', { mode: 'string' }),
    extensionReason: text('extension_reason'),
    endedOn: date('ended_on', { mode: 'string' }),
    outcome: text('outcome'), // null while held | 'released' | 'confiscated' | 'destroyed'
    ...audited,
  },
  (t) => [index('case_seizure_case_idx').on(t.caseId)],
);

/**
 * The legal revision (digest of the published rule set and the working-day calendar, see the legal service) that the
 * stored `case_deadline` rows were computed with: one row per database (id 'deadlines'). When the legal service
 * serves another revision (a calendar year corrected, a version published), the deadlines of every case with a
 * running deadline are recomputed and the new revision recorded; persisted so that a restart does not redo it.
 */
export const caseDeadlineRevision = pgTable('case_deadline_revision', {
  id: text('id').primaryKey(),
  revision: text('revision').notNull(),
  /** Cases recomputed by the run that recorded it, and those of them whose stored deadlines changed. */
  casesRecomputed: integer('cases_recomputed').notNull(),
  casesChanged: integer('cases_changed').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
