import { Type } from 'typebox';
import { APPLIES_TO, SCORING_METHODS, type AppliesTo, type ScoringMethod } from './domain/tree';
import { NODE_FIELDS, type NodeField } from './domain/diff';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Method = Type.Unsafe<ScoringMethod>(Type.String({ enum: [...SCORING_METHODS] }));
const Applies = Type.Unsafe<AppliesTo>(Type.String({ enum: [...APPLIES_TO] }));

export const NodeOut = Type.Object({
  code: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  title: Type.String(),
  text: Type.Union([Type.String(), Type.Null()]),
  points: Type.Union([Type.Number(), Type.Null()]),
  method: Type.Union([Method, Type.Null()]),
  rule: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
  isVeto: Type.Boolean(),
  appliesTo: Applies,
  guidance: Type.Union([Type.String(), Type.Null()]),
  origin: Type.String({ description: "own | base | tightened | added (profiles)" }),
  changeReason: Type.Union([Type.String(), Type.Null()]),
  isItem: Type.Boolean({ description: 'leaf: an assessable item' }),
});

const Summary = {
  aspectCount: Type.Integer(),
  itemCount: Type.Integer(),
  totalPoints: Type.Number(),
  vetoCount: Type.Integer(),
};

export const VersionSummary = Type.Object({
  id: Type.String(),
  label: Type.String(),
  status: Type.String({ description: 'draft | published | superseded' }),
  baseVersionId: Type.Union([Type.String(), Type.Null()]),
  isDemo: Type.Boolean(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  ...Summary,
  actions: Type.Array(Type.String()),
});

export const StandardList = Type.Object({
  actions: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), issuer: Type.String(), kind: Type.String(), isDemo: Type.Boolean(), versions: Type.Array(VersionSummary) }),
  ),
});

export const VersionOut = Type.Object({
  id: Type.String(),
  standardId: Type.String(),
  standardCode: Type.String(),
  standardName: Type.String(),
  standardKind: Type.String(),
  label: Type.String(),
  status: Type.String(),
  baseVersionId: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  isDemo: Type.Boolean(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  ...Summary,
  actions: Type.Array(Type.String()),
  nodes: Type.Array(NodeOut),
});

/** A node as stored in a version, without its place in the tree: what compare lists as added or removed. */
const NodeData = Type.Object({
  code: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  text: Type.Union([Type.String(), Type.Null()]),
  points: Type.Union([Type.Number(), Type.Null()]),
  method: Type.Union([Method, Type.Null()]),
  rule: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
  isVeto: Type.Boolean(),
  appliesTo: Applies,
  guidance: Type.Union([Type.String(), Type.Null()]),
});
const FieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const VersionCompare = Type.Object({
  from: Type.Object({ id: Type.String(), label: Type.String() }),
  to: Type.Object({ id: Type.String(), label: Type.String() }),
  added: Type.Array(NodeData),
  removed: Type.Array(NodeData),
  changed: Type.Array(
    Type.Object({
      code: Type.String(),
      changes: Type.Array(Type.Object({ field: Type.Unsafe<NodeField>(Type.String({ enum: [...NODE_FIELDS] })), from: FieldValue, to: FieldValue })),
    }),
  ),
  unchanged: Type.Integer({ description: 'Nodes present in both versions with no change' }),
});

export const ImportResult = Type.Object({
  dryRun: Type.Boolean({ description: 'true: the workbook was only checked, nothing was written' }),
  nodes: Type.Integer(),
  items: Type.Integer(),
  totalPoints: Type.Number(),
  version: Type.Union([VersionOut, Type.Null()], { description: 'The new draft; null on a dry run' }),
});

export const CreateStandardBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_.-]{2,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    issuer: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Union([Type.Literal('provincial'), Type.Literal('local_profile')]),
  },
  { additionalProperties: false },
);

export const CreateDraftBody = Type.Object(
  {
    standardId: Type.String({ format: 'uuid' }),
    label: Type.String({ minLength: 1, maxLength: 60 }),
    copyFromVersionId: Type.Optional(Type.String({ format: 'uuid' })),
    baseVersionId: Type.Optional(Type.String({ format: 'uuid' })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const SaveNodeBody = Type.Object(
  {
    parentCode: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()]),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    text: Nullable(Type.String({ maxLength: 4000 })),
    points: Type.Union([Type.Number({ minimum: 0, maximum: 10000 }), Type.Null()]),
    method: Type.Union([Method, Type.Null()]),
    rule: Nullable(Type.String({ maxLength: 2000 })),
    evidence: Nullable(Type.String({ maxLength: 2000 })),
    isVeto: Type.Boolean(),
    appliesTo: Applies,
    guidance: Nullable(Type.String({ maxLength: 4000 })),
    changeReason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);

export const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const NodeParams = Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ pattern: '^[0-9A-Za-z_.-]{1,40}$' }) });
export const CompareQuery = Type.Object({ from: Type.String({ format: 'uuid' }), to: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const ImportQuery = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 60 }), note: Type.Optional(Type.String({ maxLength: 2000 })), dryRun: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
