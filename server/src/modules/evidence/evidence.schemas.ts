import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';
import { CUSTODY_ACTIONS, EVIDENCE_KINDS } from './domain/kinds';

export const CaseParams = Type.Object({ caseId: Uuid });
export const IdParams = Type.Object({ id: Uuid });

export const UploadQuery = Type.Object({
  kind: Enum(EVIDENCE_KINDS),
  title: Str(200),
  /** The step (case timeline event id) the evidence belongs to. */
  stepEventId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const SupersedeQuery = Type.Object({
  reason: Str(500),
  title: Type.Optional(Str(200)),
});
export const DownloadQuery = Type.Object({
  /** `export`: the file leaves the system as part of an export (recorded as such in the custody log). */
  purpose: Type.Optional(Enum(['download', 'export'] as const)),
});

export const EvidenceS = Type.Object({
  id: Uuid,
  caseId: Uuid,
  orgUnitId: Uuid,
  stepEventId: Nullable(Type.Integer()),
  kind: Enum(EVIDENCE_KINDS),
  /** The item of 行政处罚法 第四十六条 the kind belongs to (1–8). */
  lawItem: Type.Integer({ minimum: 1, maximum: 8 }),
  title: Type.String(),
  sha256: Type.String(),
  fileName: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  /** From the photo's EXIF, with the camera's offset (Asia/Shanghai when the camera gave none). */
  takenAt: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  uploadedAt: DateTime,
  uploadedByName: Type.String(),
  supersededBy: Nullable(Uuid),
  supersededReason: Nullable(Type.String()),
  supersededAt: Nullable(DateTime),
  deletedAt: Nullable(DateTime),
  isDemo: Type.Boolean(),
});

export const CustodyEntryS = Type.Object({
  id: Type.Integer(),
  action: Enum(CUSTODY_ACTIONS),
  actorName: Type.String(),
  at: DateTime,
  /** What the entry recorded (which fields depend on the action). */
  detail: Type.Object({
    sha256: Type.String(),
    kind: Type.Optional(Type.String()),
    fileName: Type.Optional(Type.String()),
    sizeBytes: Type.Optional(Type.Integer()),
    stepEventId: Type.Optional(Nullable(Type.Integer())),
    takenAt: Type.Optional(Nullable(Type.String())),
    lat: Type.Optional(Nullable(Type.Number())),
    lon: Type.Optional(Nullable(Type.Number())),
    purpose: Type.Optional(Type.String()),
    /** hash_mismatch: `changed` (bytes differ from the hash) or `missing`. */
    problem: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    supersededBy: Type.Optional(Uuid),
    supersedes: Type.Optional(Uuid),
    newSha256: Type.Optional(Type.String()),
  }),
});

export const EvidenceList = Type.Object({
  caseId: Uuid,
  /** Evidence of a decided case can only be superseded, not withdrawn. */
  decided: Type.Boolean(),
  law: Type.Object({ law: Type.String(), version: Type.String(), article: Type.String() }),
  items: Type.Array(EvidenceS),
});
export const EvidenceDetail = Type.Object({ evidence: EvidenceS, custody: Type.Array(CustodyEntryS) });
export const Withdrawn = Type.Object({ id: Uuid, deletedAt: DateTime });

export const ClipBody = Type.Object({
  /** A tracking device of kind body_camera. */
  deviceId: Uuid,
  /** The ledger person who wore the camera. */
  officerId: Uuid,
  startAt: DateTime,
  endAt: DateTime,
  /** SHA-256 of the video file (lowercase hex). */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
export const ClipS = Type.Object({
  id: Uuid,
  deviceId: Uuid,
  orgUnitId: Uuid,
  officerId: Uuid,
  startAt: DateTime,
  endAt: DateTime,
  sha256: Type.String(),
  /** The file is in the store (uploaded with the registered hash). */
  fileStored: Type.Boolean(),
  registeredByName: Type.String(),
  registeredAt: DateTime,
});
export const ClipQuery = Type.Object({ officerId: Uuid, from: DateTime, to: DateTime });
export const ClipList = Type.Object({ items: Type.Array(ClipS) });
export const StepParams = Type.Object({ caseId: Uuid, eventId: Type.Integer({ minimum: 1 }) });
export const LinkBody = Type.Object({ clipId: Uuid });
export const ClipLinkS = Type.Object({ stepEventId: Type.Integer(), how: Enum(['auto', 'manual'] as const), linkedByName: Type.String(), linkedAt: DateTime, clip: ClipS });
export const ClipLinks = Type.Object({ caseId: Uuid, items: Type.Array(ClipLinkS) });
export const AutoLinked = Type.Object({ linked: Type.Integer(), items: Type.Array(ClipLinkS) });

/** A step of a case as the clips see it: its time on the spot, its linked clips and, when it needs 全程音像记录, whether they cover it. */
export const CaseStepClipsS = Type.Object({
  eventId: Type.Integer(),
  action: Type.String(),
  onDate: Type.String({ format: 'date' }),
  at: DateTime,
  startedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  officers: Type.Array(Type.Object({ personId: Uuid, name: Type.String() })),
  needsRecording: Type.Boolean(),
  /** Only for a step that needs recording: `no_time` (recorded without its time on the spot) or `gaps` (not covered). */
  recording: Nullable(
    Type.Object({
      covered: Type.Boolean(),
      problem: Nullable(Enum(['no_time', 'gaps'] as const)),
      gaps: Type.Array(Type.Object({ from: DateTime, to: DateTime })),
    }),
  ),
  clips: Type.Array(ClipLinkS),
});
export const CaseStepClips = Type.Object({ caseId: Uuid, items: Type.Array(CaseStepClipsS) });
