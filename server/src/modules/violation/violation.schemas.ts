import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';
import { BAND_LEVELS, FINE_BASES, PARTY_TYPES, PENALTY_KINDS } from './domain/item';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'fen (分); for a fine stated as a multiple: per-mille of the base' });

export const LawRefSchema = Type.Object(
  {
    law: Str(100),
    version: Day,
    article: Str(60),
    quote: Str(2000),
  },
  { additionalProperties: false, description: 'A citation quoted from the statute text, with the version date of that text' },
);

export const StatutorySchema = Type.Object(
  {
    kinds: Type.Array(Enum(PENALTY_KINDS), { minItems: 1, maxItems: PENALTY_KINDS.length, uniqueItems: true }),
    fineBasis: Enum(FINE_BASES),
    fineMin: Nullable(Fen),
    fineMax: Nullable(Fen),
    multipleOf: Nullable(Type.String({ maxLength: 100 })),
    orders: Nullable(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const BandSchema = Type.Object(
  {
    level: Enum(BAND_LEVELS),
    fineMin: Fen,
    fineMax: Fen,
    conditions: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const ItemFields = {
  name: Str(200),
  partyTypes: Type.Array(Enum(PARTY_TYPES), { minItems: 1, maxItems: PARTY_TYPES.length, uniqueItems: true }),
  violated: LawRefSchema,
  penaltyBasis: LawRefSchema,
  statutory: StatutorySchema,
  bands: Type.Array(BandSchema, { maxItems: 4 }),
  firstOffenceExemption: Nullable(Type.String({ maxLength: 1000 })),
};

const Revision = Type.String({ maxLength: 64, description: 'A digest of the item content (changes whenever the item changes)' });

export const SaveItemBody = Type.Object(
  {
    ...ItemFields,
    revision: Type.Optional(
      Type.Union([Revision, Type.Null()], {
        description: 'Optimistic concurrency: the revision the editor loaded (409 conflict.stale_version if the item changed meanwhile); null: the item must be new (409 violation.item_exists); absent: no check',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ItemOut = Type.Object(
  {
    id: Uuid,
    versionId: Uuid,
    code: Type.String(),
    ...ItemFields,
    versionLabel: Type.String(),
    versionStatus: Type.String(),
    isDemo: Type.Boolean(),
    firstOffenceBasis: Nullable(LawRefSchema),
    revision: Revision,
    actions: Type.Array(Type.String(), { description: 'edit, delete (drafts, for legal.manage)' }),
  },
);

export const VersionOut = Type.Object(
  {
    id: Uuid,
    label: Type.String(),
    status: Type.String({ description: 'draft | published | superseded' }),
    effectiveFrom: Day,
    baseVersionId: Nullable(Uuid),
    note: Nullable(Type.String()),
    isDemo: Type.Boolean(),
    publishedAt: Nullable(DateTime),
    itemCount: Type.Integer(),
    version: Type.Integer(),
    actions: Type.Array(Type.String(), { description: 'export; newDraft; edit, publish (drafts)' }),
  },
);

export const VersionList = Type.Object({
  actions: Type.Array(Type.String(), { description: 'newDraft, import (legal.manage)' }),
  currentId: Nullable(Uuid),
  items: Type.Array(VersionOut),
});

export const LawList = Type.Object({
  items: Type.Array(Type.Object({ law: Type.String(), version: Day }), { description: 'The statutes whose text the project holds and every law an item cites, each (law, version) once' }),
});

export const ItemList = Type.Object({
  version: VersionOut,
  total: Type.Integer({ description: 'items matching (up to the limit)' }),
  items: Type.Array(ItemOut),
});

export const ItemsQuery = Type.Object(
  {
    versionId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'words matched in code, name, law and article' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Uuid });
export const ItemCodeParams = Type.Object({ id: Uuid, code: Type.String({ minLength: 1, maxLength: 32 }) });

export const CreateDraftBody = Type.Object(
  {
    label: Str(60),
    effectiveFrom: Day,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    fromVersionId: Type.Optional(Uuid),
  },
  { additionalProperties: false, description: 'A new draft, a copy of fromVersionId (default: the published version; none: empty)' },
);

export const ImportQuery = Type.Object(
  {
    label: Str(60),
    effectiveFrom: Day,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ImportResult = Type.Object({
  dryRun: Type.Boolean({ description: 'true: the workbook was only checked, nothing was written' }),
  items: Type.Integer(),
  version: Nullable(VersionOut),
});

export const CheckBody = Type.Object(
  {
    code: Str(32),
    actDate: Day,
    band: Enum(BAND_LEVELS),
    kind: Enum(PENALTY_KINDS),
    amount: Type.Optional(Nullable(Fen)),
    baseAmount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 9_000_000_000_000 }))),
  },
  { additionalProperties: false },
);

export const CheckOut = Type.Object({
  outcome: Type.String({ description: 'within_band | outside_band | outside_statutory | incomplete' }),
  withinStatutoryRange: Type.Boolean(),
  withinBand: Type.Boolean(),
  needsReason: Type.Boolean(),
  needsLegalReview: Type.Boolean(),
  statutoryRange: Type.Object({ min: Nullable(Type.Integer()), max: Nullable(Type.Integer()) }),
  bandRange: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer() })),
  message: Type.String(),
  code: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  basis: LawRefSchema,
  versionId: Uuid,
  versionLabel: Type.String(),
  itemId: Uuid,
});
