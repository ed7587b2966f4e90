import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Uuid } from '../../platform/schema';
import { SERVICE_METHODS, type ServiceMethod } from '../case';
import { DOCUMENT_TYPE_CODES } from './domain/numbering';
import { NumberOut } from './document.schemas';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Ref = Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9_.-]*$', description: 'tells apart several documents of one type in a case; empty for the only one' });
export const SIGNATURE_ROLES = ['officer', 'party', 'witness', 'reviewer', 'leader'] as const;
const Role = Enum(SIGNATURE_ROLES);
const Text = (max: number) => Type.String({ maxLength: max });

export const CaseParams = Type.Object({ caseId: Uuid });

export const SignBody = Type.Object(
  {
    caseId: Uuid,
    docType: Enum(DOCUMENT_TYPE_CODES),
    ref: Type.Optional(Ref),
    role: Role,
    /** officer: a ledger person named on the case's steps (required); reviewer/leader: optional. */
    personId: Type.Optional(Uuid),
    /** party / witness: the name (the party's defaults to the case's party); reviewer/leader: defaults to you. */
    name: Type.Optional(Text(100)),
    /** A witness's 身份证号 (stored, shown masked). */
    idNumber: Type.Optional(Text(30)),
    /** The party refused to sign: the note says how, and a witness saw it (留置送达 practice). */
    refused: Type.Optional(Type.Boolean()),
    note: Type.Optional(Text(1000)),
    witnessName: Type.Optional(Text(100)),
    witnessIdNumber: Type.Optional(Text(30)),
    signedOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);

export const ServeBody = Type.Object(
  {
    caseId: Uuid,
    docType: Enum(DOCUMENT_TYPE_CODES),
    ref: Type.Optional(Ref),
    /** direct 直接 | left_at_premises 留置 | entrusted 委托 | post 邮寄 | electronic 电子 | public_notice 公告 */
    method: Enum<ServiceMethod>(SERVICE_METHODS),
    onDate: Type.Optional(Day),
    recipient: Type.Optional(Text(100)),
    note: Type.Optional(Text(1000)),
    /** 留置送达: the witness present (民事诉讼法 第八十九条). */
    witnessName: Type.Optional(Text(100)),
    witnessIdNumber: Type.Optional(Text(30)),
    /** 电子送达: the party's written consent (行政处罚法 第六十一条第二款). */
    consent: Type.Optional(Type.Boolean()),
    /** The 行政处罚决定书 only: the case's version and the two officers of its serve step (default: the decision's signers). */
    version: Type.Optional(Type.Integer()),
    officerIds: Type.Optional(Type.Array(Uuid, { minItems: 2, maxItems: 2 })),
  },
  { additionalProperties: false },
);

export const SignatureOut = Type.Object({
  id: Uuid,
  docType: Enum(DOCUMENT_TYPE_CODES),
  ref: Type.String(),
  role: Role,
  personId: Nullable(Uuid),
  name: Type.String(),
  idNumberMasked: Nullable(Type.String()),
  refused: Type.Boolean(),
  note: Nullable(Type.String()),
  witnessName: Nullable(Type.String()),
  witnessIdNumberMasked: Nullable(Type.String()),
  signedOn: Day,
  recordedAt: DateTime,
  /** false: signed on a 文号 voided since (no longer counts). */
  current: Type.Boolean(),
});

export const ServiceOut = Type.Object({
  id: Uuid,
  docType: Enum(DOCUMENT_TYPE_CODES),
  ref: Type.String(),
  method: Enum<ServiceMethod>(SERVICE_METHODS),
  servedOn: Day,
  recipient: Type.String(),
  note: Nullable(Type.String()),
  witnessName: Nullable(Type.String()),
  witnessIdNumberMasked: Nullable(Type.String()),
  consent: Type.Boolean(),
  /** The case's serve step this service recorded (the decision). */
  caseEventId: Nullable(Type.Integer()),
  recordedAt: DateTime,
  current: Type.Boolean(),
});

export const CitationOut = Type.Object({
  source: Enum(['law', 'local_practice', 'unverified_ministerial'] as const),
  law: Nullable(Type.String()),
  version: Nullable(Type.String()),
  article: Nullable(Type.String()),
  quote: Nullable(Type.String()),
});

const Problem = Enum(['missing', 'not_numbered', 'unsigned', 'not_served'] as const);
const SignerNeed = Type.Object({ role: Role, count: Type.Integer() });

export const MissingOut = Type.Object({ docType: Enum(DOCUMENT_TYPE_CODES), name: Type.String(), problem: Problem, citation: CitationOut, signers: Type.Array(SignerNeed) });

export const DOCUMENT_STATUSES = ['none', 'missing', 'to_number', 'to_sign', 'to_serve', 'served', 'complete'] as const;

export const CaseDocuments = Type.Object({
  caseId: Uuid,
  caseState: Type.String(),
  procedure: Type.String(),
  version: Type.Integer(),
  partyName: Nullable(Type.String()),
  /** The persons the case's steps named (who may sign as officers). */
  officers: Type.Array(Type.Object({ personId: Uuid, name: Type.String() })),
  /** What 结案 and 归档 would refuse now (the required-document check). */
  check: Type.Object({ close: Type.Array(MissingOut), archive: Type.Array(MissingOut) }),
  items: Type.Array(
    Type.Object({
      docType: Enum(DOCUMENT_TYPE_CODES),
      name: Type.String(),
      ref: Type.String(),
      /** The type carries a 文号. */
      numbered: Type.Boolean(),
      /** Required before 结案 or 归档 on this case's path, with the article; null: possible, not required. */
      requiredFor: Nullable(Enum(['close', 'archive'] as const)),
      citation: Nullable(CitationOut),
      served: Type.Boolean({ description: 'the type is served on the party' }),
      number: Nullable(NumberOut),
      voidNumbers: Type.Array(NumberOut),
      signers: Type.Array(SignerNeed),
      missingSigners: Type.Array(SignerNeed),
      signatures: Type.Array(SignatureOut),
      services: Type.Array(ServiceOut),
      status: Enum(DOCUMENT_STATUSES),
      /** Its step is on the timeline: GET /api/documents/render can fill it. */
      renderable: Type.Boolean(),
    }),
  ),
});
