import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';
import { DOCUMENT_TYPE_CODES, NUMBERED_TYPE_CODES } from './domain/numbering';

export const IdParams = Type.Object({ id: Uuid });
export const CaseNumbersQuery = Type.Object({ caseId: Uuid });

export const AllocateBody = Type.Object(
  {
    caseId: Uuid,
    docType: Enum(NUMBERED_TYPE_CODES),
    /** Tells apart several documents of one type in a case (a second 责令改正通知书); empty for the only one. */
    ref: Type.Optional(Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9_.-]*$' })),
  },
  { additionalProperties: false },
);

export const VoidBody = Type.Object({ reason: Str(500) }, { additionalProperties: false });

export const NumberOut = Type.Object({
  id: Uuid,
  caseId: Uuid,
  orgUnitId: Uuid,
  docType: Enum(DOCUMENT_TYPE_CODES),
  docTypeName: Type.String(),
  ref: Type.String(),
  year: Type.Integer(),
  seq: Type.Integer(),
  number: Type.String(),
  status: Enum(['issued', 'void'] as const),
  issuedAt: DateTime,
  voidReason: Nullable(Type.String()),
  voidedAt: Nullable(DateTime),
});

export const NumberList = Type.Object({ items: Type.Array(NumberOut) });

export const DocumentTypeList = Type.Object({
  items: Type.Array(Type.Object({ code: Enum(DOCUMENT_TYPE_CODES), name: Type.String(), word: Nullable(Type.String()), steps: Nullable(Type.Array(Type.String(), { description: 'case steps of which one must be recorded first; null: any time' })) })),
});
