import { Type, type TSchema } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Beijing calendar day)' });

export const PROTOCOLS = ['osmand', 'jt808'] as const;
export const DEVICE_KINDS = ['phone', 'vehicle_terminal', 'body_camera'] as const;
export const DEVICE_STATUSES = ['active', 'unassigned', 'disabled'] as const;

export const IdParams = Type.Object({ id: Uuid });

export const BindingOut = Type.Object({
  id: Uuid,
  deviceId: Uuid,
  personId: Nullable(Uuid),
  personName: Nullable(Type.String()),
  assetId: Nullable(Uuid),
  assetLabel: Nullable(Type.String()),
  validFrom: DateTime,
  validTo: Nullable(DateTime),
});

export const LastPosition = Type.Object({
  time: DateTime,
  lat: Type.Number(),
  lon: Type.Number(),
  speedKmh: Nullable(Type.Number()),
  course: Nullable(Type.Number()),
  flags: Type.Array(Type.String()),
});

export const DeviceOut = Type.Object({
  id: Uuid,
  identifier: Type.String(),
  protocol: Enum(PROTOCOLS),
  kind: Enum(DEVICE_KINDS),
  name: Type.String(),
  orgUnitId: Nullable(Uuid),
  orgUnitName: Nullable(Type.String()),
  status: Enum(DEVICE_STATUSES),
  online: Type.Boolean(),
  lastSeenAt: Nullable(DateTime),
  lastPosition: Nullable(LastPosition),
  binding: Nullable(BindingOut),
  note: Nullable(Type.String()),
  /** JT/T 808: the terminal has an authentication code (it registered); the code itself is never shown. */
  hasAuthCode: Type.Boolean(),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  createdAt: DateTime,
});
export const DeviceDetailOut = Type.Object({ ...DeviceOut.properties, bindings: Type.Array(BindingOut) });

export const DeviceListQuery = Type.Object(
  { orgUnitId: Type.Optional(Uuid), status: Type.Optional(Enum(DEVICE_STATUSES)), q: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);
export const CreateDeviceBody = Type.Object(
  {
    identifier: Str(64),
    protocol: Enum(PROTOCOLS),
    kind: Enum(DEVICE_KINDS),
    name: Str(60),
    orgUnitId: Uuid,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const PatchDeviceBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Str(60)),
    kind: Type.Optional(Enum(DEVICE_KINDS)),
    orgUnitId: Type.Optional(Uuid),
    status: Type.Optional(Enum(['active', 'disabled'] as const)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const BindBody = Type.Object({ personId: Type.Optional(Uuid), assetId: Type.Optional(Uuid), validFrom: Type.Optional(DateTime) }, { additionalProperties: false });
export const UnbindBody = Type.Object({ at: Type.Optional(DateTime) }, { additionalProperties: false });

export const PositionOut = Type.Object({
  time: DateTime,
  receivedAt: Type.Optional(DateTime),
  lat: Type.Number(),
  lon: Type.Number(),
  speedKmh: Nullable(Type.Number()),
  course: Nullable(Type.Number()),
  altitude: Nullable(Type.Number()),
  accuracyM: Nullable(Type.Number()),
  flags: Type.Array(Type.String()),
});
export const PositionsQuery = Type.Object(
  { deviceId: Uuid, from: DateTime, to: DateTime, includeFlagged: Type.Optional(Type.Boolean({ default: true })) },
  { additionalProperties: false },
);
export const PositionsOut = Type.Object({ deviceId: Uuid, truncated: Type.Boolean(), items: Type.Array(PositionOut) });

export const ReplayQuery = Type.Object({ deviceId: Type.Optional(Uuid), orgUnitId: Type.Optional(Uuid), from: DateTime, to: DateTime }, { additionalProperties: false });
const Stop = Type.Object({ start: DateTime, end: DateTime, durationMs: Type.Number(), lat: Type.Number(), lon: Type.Number(), pointCount: Type.Integer(), place: Nullable(Type.String()) });
const Trip = Type.Object({
  start: DateTime,
  end: DateTime,
  distanceM: Type.Number(),
  durationMs: Type.Number(),
  maxSpeedKmh: Type.Number(),
  avgSpeedKmh: Type.Number(),
  startLat: Type.Number(),
  startLon: Type.Number(),
  endLat: Type.Number(),
  endLon: Type.Number(),
});
export const Summary = Type.Object({
  pointCount: Type.Integer(),
  usablePointCount: Type.Integer(),
  firstFix: Nullable(DateTime),
  lastFix: Nullable(DateTime),
  distanceM: Type.Number(),
  tripDistanceM: Type.Number(),
  maxSpeedKmh: Type.Number(),
  movingMs: Type.Number(),
  stoppedMs: Type.Number(),
  noDataMs: Type.Number(),
  stops: Type.Array(Stop),
  trips: Type.Array(Trip),
});
const DeviceRef = Type.Object({ id: Uuid, name: Type.String(), kind: Enum(DEVICE_KINDS), identifier: Type.String() });
const PersonRef = Nullable(Type.Object({ id: Uuid, name: Type.String() }));
export const ReplayOut = Type.Object({
  from: DateTime,
  to: DateTime,
  tracks: Type.Array(Type.Object({ device: DeviceRef, person: PersonRef, points: Type.Array(PositionOut), summary: Summary })),
});

export const TeamStatsQuery = Type.Object({ orgUnitId: Uuid, date: Day }, { additionalProperties: false });
export const DeviceStatsQuery = Type.Object({ deviceId: Uuid, date: Day }, { additionalProperties: false });
const NullNum = Nullable(Type.Number());
export const TeamStatsOut = Type.Object({
  date: Day,
  orgUnitId: Uuid,
  orgUnitName: Type.String(),
  team: Type.Object({ distanceM: Type.Number(), gridsCovered: Type.Integer(), gridsTotal: Type.Integer(), coverageRatio: Type.Number(), devices: Type.Integer(), onDuty: Type.Integer() }),
  rows: Type.Array(
    Type.Object({
      deviceId: Uuid,
      deviceName: Type.String(),
      deviceKind: Type.String(),
      personId: Nullable(Uuid),
      personName: Nullable(Type.String()),
      distanceM: Type.Number(),
      movingMs: Type.Number(),
      stoppedMs: Type.Number(),
      stops: Type.Integer(),
      trips: Type.Integer(),
      points: Type.Integer(),
      firstFix: Nullable(DateTime),
      lastFix: Nullable(DateTime),
      gridsCovered: Type.Integer(),
      gridsTotal: Type.Integer(),
      coverageRatio: Type.Number(),
      shiftMs: NullNum,
      inAreaMs: NullNum,
      outOfAreaMs: NullNum,
      offlineMs: NullNum,
    }),
  ),
});

export const ShiftOut = Type.Object({
  id: Uuid,
  orgUnitId: Uuid,
  orgUnitName: Type.String(),
  personId: Uuid,
  personName: Type.String(),
  areaUnitId: Uuid,
  areaUnitName: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  note: Nullable(Type.String()),
  version: Type.Integer(),
  isDemo: Type.Boolean(),
});
export const Compliance = Nullable(
  Type.Object({ shiftMs: Type.Number(), onDutyMs: Type.Number(), inAreaMs: Type.Number(), outOfAreaMs: Type.Number(), offlineMs: Type.Number(), coverageRatio: NullNum }),
);
export const ShiftWithCompliance = Type.Object({ ...ShiftOut.properties, compliance: Compliance });
export const ShiftListQuery = Type.Object({ orgUnitId: Uuid, from: DateTime, to: DateTime }, { additionalProperties: false });
export const CreateShiftBody = Type.Object(
  { orgUnitId: Uuid, personId: Uuid, areaUnitId: Uuid, startsAt: DateTime, endsAt: DateTime, note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
export const PatchShiftBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    personId: Type.Optional(Uuid),
    areaUnitId: Type.Optional(Uuid),
    startsAt: Type.Optional(DateTime),
    endsAt: Type.Optional(DateTime),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const VersionQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const DeviceStatsOut = Type.Object({
  date: Day,
  device: DeviceRef,
  person: PersonRef,
  summary: Summary,
  coverage: Type.Object({
    cells: Type.Array(Type.Object({ gridId: Uuid, gridName: Type.String(), dwellMs: Type.Number(), covered: Type.Boolean() })),
    covered: Type.Integer(),
    total: Type.Integer(),
    ratio: Type.Number(),
  }),
  checkpoints: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), lat: Type.Number(), lon: Type.Number(), radiusM: Type.Number(), visits: Type.Array(Type.Object({ start: DateTime, end: DateTime, durationMs: Type.Number() })) }),
  ),
  shifts: Type.Array(Type.Object({ shift: ShiftOut, compliance: Compliance })),
});

export const CheckpointOut = Type.Object({ id: Uuid, orgUnitId: Uuid, name: Type.String(), lat: Type.Number(), lon: Type.Number(), radiusM: Type.Number(), active: Type.Boolean() });
export const UnitQuery = Type.Object({ orgUnitId: Uuid }, { additionalProperties: false });
export const CreateCheckpointBody = Type.Object(
  { orgUnitId: Uuid, name: Str(60), lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }), radiusM: Type.Number({ minimum: 5, maximum: 2000 }) },
  { additionalProperties: false },
);

export const AlertOut = Type.Object({
  id: Uuid,
  shiftId: Uuid,
  orgUnitId: Uuid,
  orgUnitName: Type.String(),
  personId: Uuid,
  personName: Type.String(),
  kind: Enum(['offline', 'no_movement', 'out_of_area'] as const),
  since: DateTime,
  until: Nullable(DateTime),
  durationMs: Type.Number(),
  lat: NullNum,
  lon: NullNum,
  acknowledgedAt: Nullable(DateTime),
  acknowledgedByName: Nullable(Type.String()),
  ackNote: Nullable(Type.String()),
});
export const AlertListQuery = Type.Object(
  { orgUnitId: Type.Optional(Uuid), status: Type.Optional(Enum(['open', 'acknowledged', 'all'] as const)), from: Type.Optional(DateTime), to: Type.Optional(DateTime) },
  { additionalProperties: false },
);
export const AckBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const LiveQuery = Type.Object({ orgUnitId: Type.Optional(Uuid) }, { additionalProperties: false });

export const listOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), actions: Type.Array(Type.String()) });
