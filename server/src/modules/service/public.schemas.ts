import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Uuid } from '../../platform/schema';
import { SATISFACTIONS } from './domain/workflow';

/** What a resident uses (no login): categories, the human check, the report, its status page, the rating. */

/** The tracking code as printed: 12 characters of the unambiguous alphabet (case-insensitive on input). */
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9A-Za-z]{6,20}$' }) });
export const PhotoParams = Type.Object({ id: Uuid });

export const PublicCategory = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  bigClass: Type.String(),
});
export const PublicCategories = Type.Object({ items: Type.Array(PublicCategory) });

export const Challenge = Type.Object({
  /** Goes back with the answer, once. */
  token: Type.String(),
  /** The question as an SVG picture (show it as an image). */
  svg: Type.String(),
  expiresAt: DateTime,
});

export const Submitted = Type.Object({
  trackingCode: Type.String(),
  state: Type.String(),
  submittedAt: DateTime,
  photos: Type.Integer(),
});


const PublicEvent = Type.Object({
  at: DateTime,
  action: Type.String(),
  toState: Type.String(),
  /** Only where the reporter is owed the words (不予受理's reason); staff notes stay inside. */
  reason: Nullable(Type.String()),
});

export const PublicStatus = Type.Object({
  trackingCode: Type.String(),
  category: PublicCategory,
  state: Type.String(),
  description: Type.String(),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  submittedAt: DateTime,
  /** When the reporter is due an answer (working hours on the bureau's calendar), when known. */
  replyDueAt: Nullable(DateTime),
  handledAt: Nullable(DateTime),
  reply: Nullable(Type.Object({ text: Type.String(), at: Nullable(DateTime) })),
  timeline: Type.Array(PublicEvent),
  photos: Type.Array(Type.Object({ id: Uuid, stage: Type.String(), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()) })),
  rating: Nullable(Type.Object({ satisfaction: Enum(SATISFACTIONS), comment: Nullable(Type.String()), at: Nullable(DateTime) })),
  /** The reply came and no rating yet. */
  canRate: Type.Boolean(),
  /** 不满意 may ask to reopen, once. */
  canReopen: Type.Boolean(),
  /** Merged into another report (its progress is this one's). The other report's code is never shown: it is its reporter's key. */
  mergedWithAnother: Type.Boolean(),
  isDemo: Type.Boolean(),
});

export const RatingBody = Type.Object(
  {
    satisfaction: Enum(SATISFACTIONS),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    /** With 不满意 only: ask for the matter to be handled again (once). */
    reopen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Limits of the report form (also what the page enforces before sending). */
export const PUBLIC_FORM = {
  descriptionMin: 5,
  descriptionMax: 1000,
  addressMax: 200,
  nameMax: 50,
  maxPhotos: 6,
  /** A phone photo is 2–6 MB; 10 MB leaves room and bounds what one report can make the server hold. */
  maxPhotoBytes: 10 * 1024 * 1024,
} as const;

export const FormLimits = Type.Object({
  descriptionMin: Type.Integer(),
  descriptionMax: Type.Integer(),
  maxPhotos: Type.Integer(),
  maxPhotoBytes: Type.Integer(),
});
