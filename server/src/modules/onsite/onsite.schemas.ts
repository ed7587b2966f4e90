import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Uuid } from '../../platform/schema';
import { ONSITE_ACTIONS, ONSITE_LIMITS, ONSITE_REASONS, ONSITE_STATUSES } from './domain/onsite';

export const CaseParams = Type.Object({ caseId: Uuid });

export const SettingsS = Type.Object({
  /** A step is verified when a position lies within this many metres of the case location. */
  radiusM: Type.Integer(),
  /** Minutes added before the start and after the end of the step. */
  marginMin: Type.Integer(),
  /** 0 while the defaults were never changed. */
  version: Type.Integer(),
  updatedAt: Nullable(DateTime),
  /** Whether the caller may change them. */
  mayChange: Type.Boolean(),
});

export const SettingsBody = Type.Object({
  radiusM: Type.Integer({ minimum: ONSITE_LIMITS.radiusM.min, maximum: ONSITE_LIMITS.radiusM.max }),
  marginMin: Type.Integer({ minimum: ONSITE_LIMITS.marginMin.min, maximum: ONSITE_LIMITS.marginMin.max }),
  version: Type.Integer({ minimum: 0 }),
});

const Status = Enum(ONSITE_STATUSES);
const Reason = Nullable(Enum(ONSITE_REASONS));

export const TrackPoint = Type.Object({ t: DateTime, lat: Type.Number(), lon: Type.Number() });

export const OfficerCheckS = Type.Object({
  personId: Uuid,
  name: Type.String(),
  status: Status,
  reason: Reason,
  minDistanceM: Nullable(Type.Number()),
  nearestAt: Nullable(DateTime),
  /** Usable positions in the window (the track below is thinned to at most 500 of them). */
  points: Type.Integer(),
  devices: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  track: Type.Array(TrackPoint),
});

export const StepCheckS = Type.Object({
  eventId: Type.Integer(),
  action: Enum(ONSITE_ACTIONS),
  onDate: Type.String(),
  startedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  /** The window in which positions count: [startedAt − margin, endedAt + margin]. */
  windowFrom: Nullable(DateTime),
  windowTo: Nullable(DateTime),
  status: Status,
  reason: Reason,
  officers: Type.Array(OfficerCheckS),
  computedAt: DateTime,
});

export const Counts = Type.Object({
  verified: Type.Integer(),
  notOnSite: Type.Integer(),
  noTrack: Type.Integer(),
  unverifiable: Type.Integer(),
  flagged: Type.Integer(),
  total: Type.Integer(),
});

export const CaseOnsite = Type.Object({
  caseId: Uuid,
  /** WGS-84 as stored; null when the case has no location. */
  location: Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
  settings: Type.Object({ radiusM: Type.Integer(), marginMin: Type.Integer() }),
  steps: Type.Array(StepCheckS),
  counts: Counts,
});
