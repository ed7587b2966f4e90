import { Type, type Static } from 'typebox';
import { ExplanationStepS } from '../legal';
import { DateTime } from '../../platform/schema';
import { CASE_ACTIONS, CASE_SOURCES, CASE_STATES, DEADLINE_KIND_NAMES, PROCEDURES, type CaseAction, type CaseSource, type CaseState, type DeadlineKind, type Procedure } from './domain/workflow';
import { PARTY_KINDS, PENALTY_KINDS, type PartyKind, type PenaltyKind } from './domain/guards';
import { DECISION_OUTCOMES, EVIDENCE_OUTCOMES, SERVICE_METHODS, type DecisionOutcome, type EvidenceOutcome, type ServiceMethod } from './domain/facts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Enum = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'fen (分)' });

export const StateS = Enum<CaseState>(CASE_STATES);
export const ActionS = Enum<CaseAction>(CASE_ACTIONS);
export const SourceS = Enum<CaseSource>(CASE_SOURCES, 'patrol 巡查发现 | complaint 投诉 | referral 移送/交办 | report 举报 | digital_cityops 数字城管');
export const PenaltyS = Type.Object({ kinds: Type.Array(Enum<PenaltyKind>(PENALTY_KINDS), { minItems: 1, maxItems: 5, uniqueItems: true }), fineFen: Fen }, { additionalProperties: false });

export const IdParams = Type.Object({ id: Uuid });
export const ActionParams = Type.Object({ id: Uuid, action: ActionS });

const PartyInput = Type.Object(
  {
    kind: Enum<PartyKind>(PARTY_KINDS, 'individual 个人 | business 个体工商户 | organization 单位'),
    name: Text(200),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '身份证号 or 统一社会信用代码; returned masked' })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
const ViolationInput = Type.Object(
  {
    code: Text(32),
    name: Type.Optional(Text(200)),
    band: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const Place = {
  actDate: Day,
  actPlace: Text(300),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
};

export const CreateLeadBody = Type.Object(
  {
    orgUnitId: Type.Optional(Uuid),
    source: SourceS,
    sourceRef: Type.Optional(Type.String({ maxLength: 100 })),
    ...Place,
    summary: Text(4000),
    party: Type.Optional(PartyInput),
    violation: Type.Optional(ViolationInput),
    onDate: Type.Optional(Day),
  },
  { additionalProperties: false },
);

export const SimpleProcedureBody = Type.Object(
  {
    orgUnitId: Type.Optional(Uuid),
    source: Type.Optional(SourceS),
    ...Place,
    summary: Text(4000),
    party: PartyInput,
    violation: ViolationInput,
    penalty: PenaltyS,
    officerIds: Type.Array(Uuid, { minItems: 2, maxItems: 2 }),
    onDate: Type.Optional(Day),
    /** 第六十八条: a fine of up to 100 yuan (or hard to collect later) collected on the spot. */
    paidOnSpot: Type.Optional(Type.Boolean()),
    outsideBandReason: Type.Optional(Text(2000)),
    /** When the officers were on the spot (body-cam clips and trajectories are matched to it). */
    startedAt: Type.Optional(DateTime),
    endedAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);

/**
 * One body for every step; what each action requires is checked by the service and named by field
 * (`details.issues`). Common: `version` (optimistic), `onDate` (the step's date, default today), `officerIds`.
 */
export const ActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    onDate: Type.Optional(Day),
    officerIds: Type.Optional(Type.Array(Uuid, { minItems: 2, maxItems: 2 })),
    reason: Type.Optional(Text(4000)),
    /** On-site steps: when the officers were on the spot (body-cam clips and trajectories are matched to it). */
    startedAt: Type.Optional(DateTime),
    endedAt: Type.Optional(DateTime),
    // check
    proposal: Type.Optional(Enum(['file', 'not_file'] as const)),
    findings: Type.Optional(Text(4000)),
    // close_investigation / notify / decide
    report: Type.Optional(Text(8000)),
    violation: Type.Optional(ViolationInput),
    penalty: Type.Optional(PenaltyS),
    outsideBandReason: Type.Optional(Text(2000)),
    publicInterest: Type.Optional(Type.Boolean()),
    complex: Type.Optional(Type.Boolean()),
    statutoryReview: Type.Optional(Type.Boolean()),
    major: Type.Optional(Type.Boolean()),
    // record_statement
    statement: Type.Optional(Text(8000)),
    waived: Type.Optional(Type.Boolean()),
    // schedule_hearing / hold_hearing
    hearingOn: Type.Optional(Day),
    chairPersonId: Type.Optional(Uuid),
    minutes: Type.Optional(Text(8000)),
    // legal_review
    approved: Type.Optional(Type.Boolean()),
    opinion: Type.Optional(Text(8000)),
    // collective_discussion
    conclusion: Type.Optional(Text(8000)),
    participants: Type.Optional(Type.Array(Text(100), { minItems: 3, maxItems: 30 })),
    // decide
    outcome: Type.Optional(Enum<DecisionOutcome>(DECISION_OUTCOMES)),
    // serve
    method: Type.Optional(Enum<ServiceMethod>(SERVICE_METHODS)),
    consent: Type.Optional(Type.Boolean()),
    // record_payment
    amountFen: Type.Optional(Fen),
    // record_court_result
    result: Type.Optional(Text(4000)),
    // seize / extend_seizure / release_seizure
    seizureId: Type.Optional(Uuid),
    seizureKind: Type.Optional(Enum(['seal', 'detain'] as const, 'seal 查封 | detain 扣押')),
    items: Type.Optional(Text(4000)),
    place: Type.Optional(Type.String({ maxLength: 300 })),
    seizureOutcome: Type.Optional(Enum(['released', 'confiscated', 'destroyed'] as const)),
    // register_evidence (items, place) / decide_evidence
    evidenceId: Type.Optional(Uuid),
    evidenceOutcome: Type.Optional(Enum<EvidenceOutcome>(EVIDENCE_OUTCOMES, 'released 解除并退还 | seized 依法查封、扣押 | tested 送交检验、检测、鉴定 | transferred 移送有关机关')),
  },
  { additionalProperties: false },
);
export type ActionInput = Static<typeof ActionBody>;

export const ListQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 400, description: 'comma-separated states' })),
    unitId: Type.Optional(Uuid),
    source: Type.Optional(SourceS),
    procedure: Type.Optional(Enum<Procedure>(PROCEDURES)),
    mine: Type.Optional(Type.Boolean()),
    officerId: Type.Optional(Type.String({ format: 'uuid', description: "a ledger person, or a user (their ledger persons): the case's responsible officer or one of the two officers of its latest step" })),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const BoardQuery = Type.Object(
  {
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'team, district or city unit; default: your own unit' })),
    dueWithin: Type.Optional(Type.Integer({ minimum: 0, maximum: 60, default: 3, description: 'working days ahead (default 3)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'rows of this page (unknown first, then nearest due)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const OfficersQuery = Type.Object({ unitId: Uuid, onDate: Type.Optional(Day) }, { additionalProperties: false });

const Citation = Type.Object({ law: Type.String(), version: Type.String(), article: Type.String(), quote: Type.String() });
// The legal engine's explanation steps (legal/domain/types.ts ExplanationStep), with their exact schema from the legal
// module, so the web renders a case deadline's explanation with the calculator's own renderer.
const Explanation = Type.Array(ExplanationStepS, { description: 'legal engine explanation steps (ExplanationStep)' });
const PayloadValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Type.Array(Type.String()), PenaltyS]);
const Opt = Type.Optional;
export const FactsS = Type.Object({
  leadSummary: Type.String(),
  check: Opt(Type.Object({ on: Day, proposal: Enum(['file', 'not_file'] as const), findings: Type.String() })),
  investigation: Opt(Type.Object({ closedOn: Day, report: Type.String() })),
  proposedPenalty: Opt(PenaltyS),
  notice: Opt(Type.Object({ on: Day, penalty: PenaltyS, hearingRights: Type.Boolean() })),
  statements: Type.Array(Type.Object({ on: Day, waived: Type.Boolean(), text: Nullable(Type.String()) })),
  hearing: Opt(Type.Object({ requestedOn: Opt(Day), waivedOn: Opt(Day), noticeOn: Opt(Day), hearingOn: Opt(Day), chairPersonId: Opt(Uuid), heldOn: Opt(Day), minutes: Opt(Type.String()) })),
  review: Type.Object({ triggers: Type.Array(Type.String()), result: Opt(Enum(['approved', 'returned'] as const)), on: Opt(Day), reviewerName: Opt(Type.String()), opinion: Opt(Type.String()) }),
  major: Type.Boolean(),
  discussion: Opt(Type.Object({ on: Day, conclusion: Type.String(), participants: Type.Array(Type.String()) })),
  decisionExtensions: Type.Array(Type.Object({ on: Day, reason: Type.String() })),
  decision: Opt(Type.Object({ on: Day, outcome: Enum<DecisionOutcome>(DECISION_OUTCOMES), penalty: Nullable(PenaltyS), reason: Nullable(Type.String()), number: Nullable(Type.String()) })),
  service: Opt(Type.Object({ on: Day, method: Enum<ServiceMethod>(SERVICE_METHODS), consent: Type.Boolean() })),
  serviceNotice: Opt(Type.Object({ on: Day, reason: Type.String(), deemedOn: Nullable(Day) })),
  evidence: Opt(Type.Array(Type.Object({ id: Uuid, on: Day, items: Type.String(), place: Nullable(Type.String()), decidedOn: Opt(Day), outcome: Opt(Enum<EvidenceOutcome>(EVIDENCE_OUTCOMES)) }))),
  urges: Type.Array(Type.Object({ on: Day })),
  payment: Opt(Type.Object({ on: Day, amountFen: Type.Integer(), lateFeeFen: Type.Integer(), onSpot: Type.Boolean() })),
  court: Opt(Type.Object({ appliedOn: Day, result: Opt(Type.String()), resultOn: Opt(Day) })),
  filing: Opt(Type.Object({ on: Day })),
  closedOn: Opt(Day),
  archivedOn: Opt(Day),
  endReason: Opt(Type.String()),
});

export const DeadlineView = Type.Object({
  key: Type.String(),
  kind: Enum<DeadlineKind>(DEADLINE_KIND_NAMES),
  ruleId: Type.String(),
  rule: Nullable(Citation),
  duty: Type.Boolean(),
  startOn: Day,
  dueOn: Nullable(Day),
  calendarMissing: Nullable(Type.Array(Type.Integer())),
  ruleMissing: Type.Boolean(),
  stoppedOn: Nullable(Day),
  extensions: Type.Integer(),
  state: Enum(['running', 'met', 'overdue', 'lapsed'] as const),
  late: Type.Boolean(),
  workingDaysLeft: Nullable(Type.Integer()),
  explanation: Explanation,
});

const PartyView = Type.Object({ id: Uuid, kind: Enum<PartyKind>(PARTY_KINDS), name: Type.String(), idNumberMasked: Nullable(Type.String()), phone: Nullable(Type.String()), address: Nullable(Type.String()) });
const OfficerRef = Type.Object({ personId: Uuid, name: Type.String(), certificateNo: Nullable(Type.String()) });
const ViolationView = Type.Object({ code: Type.String(), name: Type.String(), basis: Nullable(Type.String()), band: Nullable(Type.String()), standing: Enum(['within_band', 'outside_band', 'unchecked'] as const), outsideBandReason: Nullable(Type.String()) });

export const CaseSummary = Type.Object({
  id: Uuid,
  caseNo: Nullable(Type.String()),
  leadNo: Nullable(Type.String()),
  procedure: Enum<Procedure>(PROCEDURES),
  state: StateS,
  source: SourceS,
  orgUnitId: Uuid,
  unitName: Type.String(),
  actDate: Day,
  actPlace: Type.String(),
  violationName: Nullable(Type.String()),
  partyName: Nullable(Type.String()),
  fineFen: Type.Integer(),
  responsible: Nullable(OfficerRef),
  nextDue: Nullable(Type.Object({ kind: Enum<DeadlineKind>(DEADLINE_KIND_NAMES), dueOn: Nullable(Day), overdue: Type.Boolean() })),
  isDemo: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
});

export const CaseList = Type.Object({ items: Type.Array(CaseSummary), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), actions: Type.Array(Enum(['createLead', 'simpleProcedure'] as const)) });

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  summary: Type.String(),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  sourceRef: Nullable(Type.String()),
  parties: Type.Array(PartyView),
  violation: Nullable(ViolationView),
  proposedPenalty: Nullable(PenaltyS),
  decidedPenalty: Nullable(PenaltyS),
  officers: Type.Array(OfficerRef),
  facts: FactsS,
  hearingRights: Type.Boolean(),
  reviewRequired: Type.Boolean(),
  reviewTriggers: Type.Array(Type.String()),
  timeline: Type.Array(
    Type.Object({
      action: Type.String(),
      fromState: Nullable(Type.String()),
      toState: Type.String(),
      onDate: Day,
      at: Type.String({ format: 'date-time' }),
      actorName: Type.String(),
      officers: Type.Array(OfficerRef),
      payload: Type.Record(Type.String(), PayloadValue),
    }),
  ),
  deadlines: Type.Array(DeadlineView),
  seizures: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Enum(['seal', 'detain'] as const),
      items: Type.String(),
      place: Nullable(Type.String()),
      startOn: Day,
      extendedOn: Nullable(Day),
      extensionReason: Nullable(Type.String()),
      endedOn: Nullable(Day),
      outcome: Nullable(Type.String()),
    }),
  ),
  /** Steps the caller may take now (guards may still refuse with a reason). */
  actions: Type.Array(ActionS),
});

export const BoardView = Type.Object({
  today: Day,
  dueBy: Day,
  dueWithin: Type.Integer(),
  unitId: Uuid,
  unitName: Type.String(),
  calendarMissing: Nullable(Type.Array(Type.Integer())),
  items: Type.Array(
    Type.Object({
      caseId: Uuid,
      caseNo: Nullable(Type.String()),
      leadNo: Nullable(Type.String()),
      state: StateS,
      orgUnitId: Uuid,
      unitName: Type.String(),
      kind: Enum<DeadlineKind>(DEADLINE_KIND_NAMES),
      ruleId: Type.String(),
      startOn: Day,
      dueOn: Nullable(Day),
      status: Enum(['overdue', 'due_soon', 'unknown'] as const),
      problem: Nullable(Type.String()),
      workingDaysLeft: Nullable(Type.Integer()),
      responsible: Nullable(Type.Object({ personId: Uuid, name: Type.String() })),
      isDemo: Type.Boolean(),
    }),
  ),
  counts: Type.Object({ overdue: Type.Integer(), dueSoon: Type.Integer(), unknown: Type.Integer() }, { description: 'exact totals over every row, not only this page' }),
  total: Type.Integer({ description: 'rows on the board (= overdue + dueSoon + unknown)' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  truncated: Type.Boolean({ description: 'true when rows follow this page (offset + items < total)' }),
});

export const OfficerList = Type.Object({
  onDate: Day,
  items: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), kind: Type.String(), userId: Nullable(Uuid), certificateNo: Nullable(Type.String()), certificateExpiresOn: Nullable(Day), certificateValid: Type.Boolean() })),
});
