import { Type } from 'typebox';
import { ASSESSMENT_ACTIONS, RECTIFICATION_ACTIONS, RECTIFICATION_STATES, type AssessmentAction, type RectificationAction } from './domain/workflow';
import { ITEM_RESULTS, type ItemResult } from './domain/scoring';

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
