import { Type, type TSchema } from 'typebox';
import { ASSESSMENT_ACTIONS, ASSESSMENT_STATES, RECTIFICATION_ACTIONS, RECTIFICATION_STATES, type AssessmentAction, type AssessmentState, type RectificationAction, type RectificationState } from './domain/workflow';
import { GRADES, ITEM_RESULTS, type Grade, type ItemResult } from './domain/scoring';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Result = Type.Unsafe<ItemResult>(Type.String({ enum: [...ITEM_RESULTS] }));

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ItemParams = Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ pattern: '^[0-9A-Za-z_.-]{1,40}$' }) });

export const CreateCampaignBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    versionId: Type.String({ format: 'uuid' }),
    unitIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 5000 }),
    startDate: Day,
    dueDate: Day,
    passPct: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    basicPct: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const SaveItemBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    result: Type.Optional(Type.Union([Result, Type.Null()])),
    score: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    overrideReason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ReviewCommentBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });

export const TransitionBody = Type.Object(
  { action: Type.Unsafe<AssessmentAction>(Type.String({ enum: [...ASSESSMENT_ACTIONS] })), comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

export const RectificationQuery = Type.Object(
  { campaignId: Type.Optional(Type.String({ format: 'uuid' })), status: Type.Optional(Type.String({ enum: [...RECTIFICATION_STATES] })) },
  { additionalProperties: false },
);

export const OpenRectificationBody = Type.Object(
  {
    assessmentId: Type.String({ format: 'uuid' }),
    nodeCode: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    ownerUserId: Type.Optional(Type.String({ format: 'uuid' })),
    dueDate: Day,
  },
  { additionalProperties: false },
);

export const RectificationTransitionBody = Type.Object(
  {
    action: Type.Unsafe<RectificationAction>(Type.String({ enum: [...RECTIFICATION_ACTIONS] })),
    version: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

// ---- Responses: what the service answers, field by field (fastify serializes with these, so a field left out
// here never reaches the client; the service's return types are these, so TypeScript keeps both in step).

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const State = Type.Unsafe<AssessmentState>(Type.String({ enum: [...ASSESSMENT_STATES] }));
const GradeS = Type.Unsafe<Grade>(Type.String({ enum: [...GRADES] }));
const RectificationStateS = Type.Unsafe<RectificationState>(Type.String({ enum: [...RECTIFICATION_STATES] }));
const Actions = Type.Array(Type.String(), { description: 'What the caller may do here' });
const AssessmentActions = Type.Array(Type.Unsafe<AssessmentAction>(Type.String({ enum: [...ASSESSMENT_ACTIONS] })), { description: 'Transitions the caller may make now' });
const RectificationActions = Type.Array(Type.Unsafe<RectificationAction>(Type.String({ enum: [...RECTIFICATION_ACTIONS] })), { description: 'Transitions the caller may make now' });

const CampaignFields = {
  id: Type.String(),
  name: Type.String(),
  versionId: Type.String(),
  versionLabel: Type.String(),
  standardName: Type.String(),
  startDate: Day,
  dueDate: Day,
  passPct: Type.Number(),
  basicPct: Type.Number(),
  status: Type.String({ description: 'active | closed' }),
  isDemo: Type.Boolean(),
};

export const CampaignSummary = Type.Object({
  ...CampaignFields,
  counts: Type.Object({ total: Type.Integer(), draft: Type.Integer(), submitted: Type.Integer(), districtReviewed: Type.Integer(), accepted: Type.Integer() }),
  passCount: Type.Integer(),
});
export const CampaignList = Type.Object({ actions: Actions, items: Type.Array(CampaignSummary) });

export const CampaignCreated = Type.Object({ id: Type.String(), assessments: Type.Integer(), itemsPerTeam: Type.Integer() });

export const CampaignAssessmentRow = Type.Object({
  id: Type.String(),
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  districtName: Nullable(Type.String()),
  status: State,
  pct: Type.Number(),
  score: Type.Number(),
  maxScore: Type.Number(),
  grade: Nullable(GradeS),
  answered: Type.Integer(),
  total: Type.Integer(),
  failing: Type.Integer(),
  isDemo: Type.Boolean(),
  actions: AssessmentActions,
});
export const CampaignDetail = Type.Object({ ...CampaignFields, assessments: Type.Array(CampaignAssessmentRow) });

/** One aggregate or metric of a computed item's rule, as evaluated (ledger domain/rule RuleTerm). */
export const RuleTermS = Type.Object({
  text: Type.String(),
  value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()]),
  matched: Type.Optional(Type.Integer()),
  rowIds: Type.Optional(Type.Array(Type.String())),
  start: Type.Integer(),
  end: Type.Integer(),
});

/** The stored evaluation of a computed item (ComputedRecord). */
export const ComputedRecordS = Type.Object({
  value: Nullable(Type.Boolean()),
  result: Nullable(Result),
  explanation: Type.String({ description: 'e.g. "count(asset where …) = 20 ≥ count(person where …) = 20 → 符合"' }),
  terms: Type.Array(RuleTermS),
  missing: Type.Array(Type.String(), { description: 'Metrics the rule reads that have no data' }),
  evaluatedAt: Timestamp,
});

export const EvidenceS = Type.Object({
  id: Type.String(),
  sha256: Type.String(),
  fileName: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: Timestamp,
  uploadedByName: Type.String(),
  isDemo: Type.Boolean(),
});
export const UploadedEvidence = Type.Object({ ...EvidenceS.properties, assessmentItemId: Type.String(), orgUnitId: Type.String(), uploadedBy: Type.String() });

export const AssessmentItemS = Type.Object({
  id: Type.String(),
  code: Type.String(),
  aspectCode: Type.String(),
  title: Type.String(),
  text: Nullable(Type.String()),
  points: Type.Number(),
  method: Nullable(Type.String({ description: 'pass_fail | graded | computed' })),
  rule: Nullable(Type.String()),
  isVeto: Type.Boolean(),
  evidenceExpected: Nullable(Type.String()),
  guidance: Nullable(Type.String()),
  result: Nullable(Result),
  score: Nullable(Type.Number()),
  comment: Nullable(Type.String()),
  computed: Nullable(ComputedRecordS),
  overrideReason: Nullable(Type.String()),
  districtComment: Nullable(Type.String()),
  cityComment: Nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: Timestamp,
  evidence: Type.Array(EvidenceS),
  rectifications: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: RectificationStateS, dueDate: Day, overdue: Type.Boolean() })),
  actions: Actions,
});

export const GradingS = Type.Object({
  score: Type.Number(),
  max: Type.Number(),
  pct: Type.Number(),
  grade: GradeS,
  aspects: Type.Array(Type.Object({ aspectCode: Type.String(), score: Type.Number(), max: Type.Number(), pct: Type.Number(), failing: Type.Array(Type.String()) })),
  vetoFailed: Type.Array(Type.String()),
  failing: Type.Array(Type.String()),
  unanswered: Type.Array(Type.String()),
  notApplicable: Type.Array(Type.String()),
  reasons: Type.Array(Type.String(), { description: 'Plain-language reasons, in order of weight' }),
});

export const AssessmentDetail = Type.Object({
  assessment: Type.Object({
    id: Type.String(),
    campaignId: Type.String(),
    campaignName: Type.String(),
    standardName: Type.String(),
    versionLabel: Type.String(),
    orgUnitId: Type.String(),
    orgUnitName: Type.String(),
    districtName: Nullable(Type.String()),
    status: State,
    grade: Nullable(GradeS),
    score: Type.Number(),
    maxScore: Type.Number(),
    pct: Type.Number(),
    passPct: Type.Number(),
    basicPct: Type.Number(),
    version: Type.Integer(),
    isDemo: Type.Boolean(),
    actions: AssessmentActions,
  }),
  grading: GradingS,
  nodes: Type.Array(Type.Object({ code: Type.String(), parentCode: Nullable(Type.String()), depth: Type.Integer(), title: Type.String(), isItem: Type.Boolean() })),
  items: Type.Array(AssessmentItemS),
  events: Type.Array(Type.Object({ action: Type.String(), fromState: Type.String(), toState: Type.String(), comment: Nullable(Type.String()), actorName: Type.String(), at: Timestamp })),
});

export const SavedItem = Type.Object({
  code: Type.String(),
  result: Nullable(Result),
  score: Nullable(Type.Number()),
  comment: Nullable(Type.String()),
  overrideReason: Nullable(Type.String()),
  version: Type.Integer(),
  assessmentPct: Type.Number(),
});

export const ReviewCommentSaved = Type.Object({ code: Type.String(), districtComment: Type.Optional(Type.String()), cityComment: Type.Optional(Type.String()) });

export const Recomputed = Type.Object({ changed: Type.Array(Type.String(), { description: 'Codes of the computed items whose result changed' }) });

export const RectificationS = Type.Object({
  id: Type.String(),
  assessmentId: Type.String(),
  campaignId: Type.String(),
  nodeCode: Type.String(),
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  ownerUserId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  dueDate: Day,
  status: RectificationStateS,
  overdue: Type.Boolean(),
  resolutionNote: Nullable(Type.String()),
  verifyNote: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  actions: RectificationActions,
});
export const RectificationList = Type.Object({ today: Day, items: Type.Array(RectificationS) });
export const RectificationOpened = Type.Object({ id: Type.String() });
export const RectificationMoved = Type.Object({ id: Type.String(), status: RectificationStateS });
