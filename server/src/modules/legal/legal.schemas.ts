import { Type, type Static } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';

/** A civil date in Asia/Shanghai. */
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Unit = Enum(['day', 'month', 'year'] as const);
const PartyTypeS = Enum(['individual', 'organization'] as const);
const Fen = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'integer fen (分)' });

export const PERIOD_EVENTS = [
  'lead_received',
  'case_opened',
  'decision_served',
  'decision_made',
  'notice_served',
  'hearing_requested',
  'hearing_notice',
  'evidence_registered',
  'seizure_made',
  'urge_served',
  'payment_due_expired',
  'decision_known',
  'decision_changed',
  'simple_decision_made',
  'act',
  'service_notice_published',
] as const;
const Event = Enum(PERIOD_EVENTS);
export const RULE_KINDS = ['period', 'amount_threshold', 'rate_cap', 'limitation', 'counting'] as const;
export const RULE_ORIGINS = ['national', 'unverified_ministerial', 'local'] as const;
export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup_workday', 'missing'] as const;

export const LawRefS = Type.Object({ name: Str(200), version: Day });
export const CitationS = Type.Object({ law: LawRefS, article: Str(40), paragraph: Type.Optional(Str(40)) });

const RestDay = Type.Union([
  Type.Object({ kind: Type.Literal('none'), why: Str(500) }),
  Type.Object({ kind: Type.Literal('next_working_day'), citation: CitationS }),
]);

export const PeriodParamsS = Type.Object({
  type: Type.Literal('period'),
  count: Type.Integer({ minimum: 1, maximum: 3650 }),
  unit: Unit,
  counting: Enum(['calendar', 'working'] as const),
  countingCitation: CitationS,
  startCitation: CitationS,
  result: Type.Optional(Enum(['last_day', 'earliest_day'] as const)),
  restDay: RestDay,
  from: Event,
  extension: Type.Optional(Type.Object({ count: Type.Integer({ minimum: 1, maximum: 3650 }), unit: Unit, needsApproval: Type.Boolean() })),
  holder: Enum(['party', 'authority', 'court'] as const),
  configurable: Type.Optional(Type.Boolean()),
});
export const ThresholdParamsS = Type.Object({
  type: Type.Literal('amount_threshold'),
  maxFen: Type.Object({ individual: Fen, organization: Fen }),
  otherKinds: Type.Array(Str(40), { maxItems: 20 }),
  purpose: Enum(['simple_procedure', 'hearing', 'legal_review'] as const),
});
export const RateCapParamsS = Type.Object({
  type: Type.Literal('rate_cap'),
  dailyRateBp: Type.Integer({ minimum: 1, maximum: 10000 }),
  capBp: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export const LimitationParamsS = Type.Object({
  type: Type.Literal('limitation'),
  years: Type.Integer({ minimum: 1, maximum: 100 }),
  aggravatedYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  from: Type.Literal('act_or_end_of_continuing_act'),
});
export const CountingParamsS = Type.Object({
  type: Type.Literal('counting'),
  scope: Enum(['working_days', 'start_not_counted', 'month_end', 'rest_day_roll_forward'] as const),
  days: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 3650 }), { maxItems: 20 })),
  upToDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});
export const RuleParamsS = Type.Union([PeriodParamsS, ThresholdParamsS, RateCapParamsS, LimitationParamsS, CountingParamsS]);

export const RuleOut = Type.Object({
  id: Type.String({ description: 'stable rule id (the same rule keeps it across versions)' }),
  kind: Enum(RULE_KINDS),
  origin: Enum(RULE_ORIGINS),
  law: LawRefS,
  article: Type.String(),
  paragraph: Nullable(Type.String()),
  quote: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  verified: Type.Boolean(),
  note: Nullable(Type.String()),
  effectiveFrom: Day,
  effectiveTo: Nullable(Day),
  params: RuleParamsS,
  /** What the caller may do with this rule in its version (edit / delete in a draft). */
  actions: Type.Array(Type.String()),
});
export type RuleOutT = Static<typeof RuleOut>;

export const RulesQuery = Type.Object({
  onDate: Type.Optional(Day),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'matches title, law, article, quote or id' })),
});
export const RulesInForce = Type.Object({
  onDate: Day,
  version: Nullable(Type.Object({ id: Uuid, label: Type.String() })),
  items: Type.Array(RuleOut),
});

const VersionFields = {
  id: Uuid,
  label: Type.String(),
  status: Enum(['draft', 'published', 'superseded'] as const),
  baseVersionId: Nullable(Uuid),
  note: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  createdAt: DateTime,
  version: Type.Integer(),
  ruleCount: Type.Integer(),
  localCount: Type.Integer(),
  actions: Type.Array(Type.String()),
};
export const VersionSummary = Type.Object(VersionFields);
export const VersionList = Type.Object({ actions: Type.Array(Type.String()), items: Type.Array(VersionSummary) });
export const VersionOut = Type.Object({ ...VersionFields, rules: Type.Array(RuleOut) });
export type VersionOutT = Static<typeof VersionOut>;

export const VersionParams = Type.Object({ id: Uuid });
export const RuleParams = Type.Object({ id: Uuid, ruleId: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{1,79}$', description: 'lower-case letters, digits, _ . -' }) });
/** Which of the rule's validity periods (a rule that changed over time has several under one id). */
export const RuleRowQuery = Type.Object({ effectiveFrom: Type.Optional(Day) });
/** Removing a rule has no body, so the optimistic version of the draft travels in the query. */
export const DeleteRuleQuery = Type.Object({
  effectiveFrom: Type.Optional(Day),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const CreateDraftBody = Type.Object({ label: Str(60), note: Type.Optional(Str(500)) });

/** A rule added or changed in a draft. Local rules carry their own full citation (law, version date, article, quote). */
export const SaveRuleBody = Type.Object({
  titleZh: Str(200),
  titleEn: Str(200),
  law: LawRefS,
  article: Str(40),
  paragraph: Type.Optional(Nullable(Str(40))),
  quote: Str(4000),
  note: Type.Optional(Nullable(Str(1000))),
  effectiveFrom: Day,
  effectiveTo: Type.Optional(Nullable(Day)),
  params: RuleParamsS,
  /** The optimistic version of the draft the client edited. */
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type SaveRuleBodyT = Static<typeof SaveRuleBody>;

// ---- calendar ----

export const NoticeBody = Type.Object({
  title: Str(200),
  issuedOn: Day,
  source: Type.String({ maxLength: 500 }),
  holidays: Type.Array(Type.Object({ date: Day, name: Str(40) }), { maxItems: 120 }),
  makeupWorkdays: Type.Array(Day, { maxItems: 60 }),
});
export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2200 }) });
export const ReplaceQuery = Type.Object({
  replace: Type.Optional(Type.Boolean({ description: 'confirm replacing a year that already has a calendar' })),
});
export const ImportQuery = Type.Object({
  replace: Type.Optional(Type.Boolean({ description: 'confirm replacing a year that already has a calendar' })),
  dryRun: Type.Optional(Type.Boolean({ description: 'check only, write nothing' })),
});

export const CalendarYearSummary = Type.Object({
  year: Type.Integer(),
  title: Type.String(),
  issuedOn: Day,
  source: Type.String(),
  origin: Enum(['shipped', 'entered'] as const),
  holidayCount: Type.Integer(),
  makeupCount: Type.Integer(),
  updatedAt: DateTime,
});
export const CalendarList = Type.Object({ actions: Type.Array(Type.String()), items: Type.Array(CalendarYearSummary) });
export const CalendarYearOut = Type.Object({
  ...CalendarYearSummary.properties,
  holidays: Type.Array(Type.Object({ date: Day, name: Type.String() })),
  makeupWorkdays: Type.Array(Day),
  /** Every day of the year with its kind: the month grid reads this. */
  days: Type.Array(Type.Object({ date: Day, kind: Enum(DAY_KINDS), name: Nullable(Type.String()) })),
  actions: Type.Array(Type.String()),
});
export type CalendarYearOutT = Static<typeof CalendarYearOut>;
export const CalendarImportResult = Type.Object({ dryRun: Type.Boolean(), replaced: Type.Boolean(), calendar: CalendarYearOut });

// ---- calculator ----

export const CalculateBody = Type.Object({
  ruleId: Type.Optional(Str(80)),
  /** A procedure step instead of a rule: the rule in force on the start date for that step. */
  step: Type.Optional(Str(80)),
  start: Day,
  amountFen: Type.Optional(Fen),
  partyType: Type.Optional(PartyTypeS),
  penaltyKind: Type.Optional(Str(40)),
  fineFen: Type.Optional(Fen),
  /** The day the caller looks from (working days left); today when absent. */
  onDate: Type.Optional(Day),
  /** Limitation: the act continued until this day (连续或者继续状态的，从行为终了之日起计算). */
  endDate: Type.Optional(Day),
  aggravated: Type.Optional(Type.Boolean()),
  /** Period: with the extension the law allows (e.g. 查封扣押 +30 days, approved). */
  extended: Type.Optional(Type.Boolean()),
  /** Late fee: the day payment was made (or today). */
  paidOn: Type.Optional(Day),
});
export type CalculateBodyT = Static<typeof CalculateBody>;

export const ExplanationStepS = Type.Union([
  Type.Object({ kind: Type.Literal('rule'), ruleId: Type.String(), citation: CitationS }),
  Type.Object({ kind: Type.Literal('start'), date: Day, event: Nullable(Event) }),
  Type.Object({ kind: Type.Literal('start_not_counted'), date: Day, citation: CitationS }),
  Type.Object({ kind: Type.Literal('counting'), count: Type.Integer(), unit: Unit, counting: Enum(['calendar', 'working'] as const), citation: CitationS }),
  Type.Object({ kind: Type.Literal('skip'), date: Day, dayKind: Enum(DAY_KINDS), holidayName: Nullable(Type.String()) }),
  Type.Object({ kind: Type.Literal('month_end_clamped'), from: Day, day: Type.Integer(), to: Day, citation: CitationS }),
  Type.Object({ kind: Type.Literal('roll_forward'), from: Day, to: Day, reason: Enum(['weekend', 'holiday'] as const), holidayName: Nullable(Type.String()), citation: CitationS }),
  Type.Object({ kind: Type.Literal('no_roll_forward'), date: Day, dayKind: Enum(DAY_KINDS), why: Type.String() }),
  Type.Object({ kind: Type.Literal('calendar_missing'), years: Type.Array(Type.Integer()) }),
  Type.Object({ kind: Type.Literal('extension'), from: Day, count: Type.Integer(), unit: Unit, needsApproval: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('due'), date: Day, meaning: Enum(['last_day', 'earliest_day'] as const) }),
  Type.Object({ kind: Type.Literal('late_fee_days'), from: Day, to: Day, days: Type.Integer() }),
  Type.Object({ kind: Type.Literal('late_fee_amount'), principalFen: Type.Integer(), dailyRateBp: Type.Integer(), days: Type.Integer(), feeFen: Type.Integer(), citation: CitationS }),
  Type.Object({ kind: Type.Literal('late_fee_capped'), uncappedFen: Type.Integer(), capFen: Type.Integer(), citation: CitationS }),
  Type.Object({ kind: Type.Literal('limitation_period'), years: Type.Integer(), aggravated: Type.Boolean(), from: Day, lastDay: Day, citation: CitationS }),
  Type.Object({ kind: Type.Literal('limitation_continuing'), actDate: Day, endDate: Day }),
]);

/**
 * One answer shape for every kind of rule: `outcome` says which fields are filled. `calendar_missing` is an
 * answer, not an error: the period needs a year without a loaded calendar (`missingYears`).
 */
export const CalculateResult = Type.Object({
  rule: RuleOut,
  outcome: Enum(['due', 'calendar_missing', 'allowed', 'refused', 'late_fee', 'barred', 'not_barred'] as const),
  due: Nullable(Day),
  /** Working days from `onDate` (exclusive) to the due date (inclusive); negative when overdue; null without a calendar. */
  workingDaysLeft: Nullable(Type.Integer()),
  onDate: Day,
  feeFen: Nullable(Type.Integer()),
  lastDay: Nullable(Day),
  missingYears: Type.Array(Type.Integer()),
  refusal: Nullable(Type.Object({ code: Type.String(), reason: Type.String() })),
  explanation: Type.Array(ExplanationStepS),
});
export type CalculateResultT = Static<typeof CalculateResult>;

export const StepList = Type.Object({ items: Type.Array(Type.Object({ step: Type.String(), ruleId: Type.String(), titleZh: Type.String(), titleEn: Type.String() })) });
