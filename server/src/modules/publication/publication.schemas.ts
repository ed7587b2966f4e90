import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'fen (分)' });
const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'closure'] as const;
const PenaltyKindS = Enum(PENALTY_KINDS);
export const CHANGE_KINDS = ['changed', 'revoked', 'illegal', 'void'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const IdParams = Type.Object({ id: Uuid });

// ---- public (no login) ----

export const PublicQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: '决定书文号 or words of the published text' })),
    team: Type.Optional(Uuid),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

const PublicParty = Type.Object({
  kind: Enum(['individual', 'business', 'organization'] as const),
  /** 张某 for an individual; an organisation's name. */
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
});

export const PublicDecision = Type.Object({
  id: Uuid,
  status: Enum(['published', 'withdrawn'] as const),
  decisionNo: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  decidedOn: Day,
  publishedOn: Day,
  /** The decision as published; null once withdrawn (第四十八条第二款: the information is withdrawn). */
  decision: Nullable(
    Type.Object({
      party: Nullable(PublicParty),
      violation: Nullable(Type.String()),
      facts: Type.String(),
      basis: Nullable(Type.String()),
      penalty: Type.Object({ kinds: Type.Array(PenaltyKindS), fineFen: Fen }),
    }),
  ),
  withdrawal: Nullable(Type.Object({ on: Day, reason: Type.String(), changeKind: Nullable(Enum(CHANGE_KINDS)) })),
  isDemo: Type.Boolean(),
});

export const PublicList = Type.Object({
  items: Type.Array(PublicDecision),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  teams: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});

// ---- administration ----

export const ReasonS = Type.Object({
  kind: Enum(['fine_threshold', 'penalty_kind', 'marked'] as const),
  thresholdFen: Type.Optional(Fen),
  penaltyKind: Type.Optional(PenaltyKindS),
});

export const PublishedContentS = Type.Object({
  decisionNo: Type.String(),
  party: Nullable(PublicParty),
  violation: Nullable(Type.String()),
  facts: Type.String(),
  basis: Nullable(Type.String()),
  penalty: Type.Object({ kinds: Type.Array(PenaltyKindS), fineFen: Fen }),
  decidedOn: Day,
  unitName: Type.String(),
});

export const PublicationOut = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNo: Nullable(Type.String()),
  orgUnitId: Uuid,
  unitName: Type.String(),
  status: Enum(['pending', 'published', 'withdrawn'] as const),
  reasons: Type.Array(ReasonS),
  decisionNo: Type.String(),
  decidedOn: Day,
  /** Last day to publish (local default period, working days); null with `dueProblem` when it cannot be counted. */
  dueOn: Nullable(Day),
  dueProblem: Nullable(Enum(['calendar_missing'] as const)),
  /** Pending and past its due day today. */
  overdue: Type.Boolean(),
  content: Nullable(PublishedContentS),
  publishedOn: Nullable(Day),
  publishedLate: Type.Boolean(),
  changedOn: Nullable(Day),
  changeKind: Nullable(Enum(CHANGE_KINDS)),
  withdrawDueOn: Nullable(Day),
  withdrawnOn: Nullable(Day),
  withdrawnAt: Nullable(DateTime),
  withdrawReason: Nullable(Type.String()),
  withdrawnLate: Type.Boolean(),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  actions: Type.Array(Enum(['publish', 'withdraw'] as const)),
});

export const AdminQuery = Type.Object(
  {
    status: Type.Optional(Enum(['pending', 'published', 'withdrawn'] as const)),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const AdminList = Type.Object({ items: Type.Array(PublicationOut), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const MarkBody = Type.Object({ caseId: Uuid }, { additionalProperties: false });

export const PublishBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** The day it went on the public page (default today); between the decision and today. */
    onDate: Type.Optional(Day),
  },
  { additionalProperties: false },
);

export const WithdrawBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Str(1000),
    /** How the decision was changed (第四十八条第二款): 变更, 撤销, 确认违法, 确认无效. */
    changeKind: Enum(CHANGE_KINDS),
    /** The day the decision was changed; the three working days count from it (default: today). */
    changedOn: Type.Optional(Day),
    /** The day the information is withdrawn (default today). */
    onDate: Type.Optional(Day),
  },
  { additionalProperties: false },
);

const CriteriaFields = {
  fineAtLeastFen: Type.Object({ individual: Fen, organization: Fen }, { additionalProperties: false }),
  kinds: Type.Array(PenaltyKindS, { maxItems: 5, uniqueItems: true }),
  publishWithinWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
};
export const CriteriaBody = Type.Object(CriteriaFields, { additionalProperties: false });

const Cite = Type.Object({ law: Type.String(), version: Type.String(), article: Type.String(), paragraph: Nullable(Type.String()), quote: Type.String() });

export const CriteriaOut = Type.Object({
  criteria: Type.Object(CriteriaFields),
  /** true while the shipped defaults apply (本地默认值，待本局确认). */
  isDefault: Type.Boolean(),
  localDefaultLabel: Type.String(),
  updatedAt: Nullable(DateTime),
  publication: Cite,
  withdrawal: Type.Object({ ...Cite.properties, ruleId: Type.String(), countingArticle: Type.String(), countingQuote: Type.String() }),
  actions: Type.Array(Enum(['edit'] as const)),
});
