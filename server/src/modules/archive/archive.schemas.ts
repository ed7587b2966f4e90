import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';

export const CaseParams = Type.Object({ id: Uuid });
export const UnitParams = Type.Object({ orgUnitId: Uuid });

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Years = Nullable(Type.Integer({ description: 'years kept; null = 永久' }));

export const RetentionS = Type.Object({
  years: Years,
  label: Type.String({ description: '永久 / 30年 / 10年' }),
  source: Enum(['policy', 'local_default'] as const),
  note: Type.String({ description: 'the policy\'s note, or 本地默认值，待本局确认' }),
  keepUntil: Nullable(IsoDate),
});

export const IndexEntryS = Type.Object({ title: Type.String(), number: Nullable(Type.String()), fromPage: Type.Integer(), toPage: Type.Integer() });

export const ArchiveRecordS = Type.Object({
  caseId: Uuid,
  eventId: Type.Integer(),
  archivedOn: IsoDate,
  archivedAt: DateTime,
  archivedByName: Type.String(),
  retention: RetentionS,
  pdfSha256: Sha256,
  pdfBytes: Type.Integer(),
  pdfPages: Type.Integer(),
  manifestSha256: Sha256,
  manifestBytes: Type.Integer(),
  evidenceCount: Type.Integer(),
  evidenceBytes: Type.Integer(),
  index: Type.Array(IndexEntryS),
});

export const ArchiveView = Type.Object({
  caseId: Uuid,
  caseNo: Nullable(Type.String()),
  state: Type.String(),
  archived: Type.Boolean(),
  /** The record written by the 归档 step; null before (or for a case archived before this module existed). */
  record: Nullable(ArchiveRecordS),
  /** The period that applies if the case were archived today (the record's own once archived). */
  retention: RetentionS,
  evidence: Type.Object({ current: Type.Integer(), superseded: Type.Integer(), totalBytes: Type.Integer() }),
  /** The legal order of the 卷宗 (stages and their 文书), with its source. */
  order: Type.Object({
    source: Type.Object({ law: Type.String(), version: Type.String(), article: Type.String(), quote: Type.String() }),
    stages: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  }),
});

export const PolicyView = Type.Object({
  orgUnitId: Uuid,
  /** The period in force for the unit (its own policy, a unit's above it, or the local default). */
  inForce: RetentionS,
  /** The unit's own policy, if it has one. */
  own: Nullable(Type.Object({ years: Years, note: Type.String(), updatedByName: Type.String(), updatedAt: DateTime })),
});

export const PolicyBody = Type.Object({ years: Years, note: Str(500) }, { additionalProperties: false });
