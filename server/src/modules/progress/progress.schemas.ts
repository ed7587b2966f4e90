import { Type } from 'typebox';
import { Nullable } from '../../platform/schema';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Grade = Nullable(Type.String({ description: 'official grade pass | basic_pass | fail (accepted only), else null' }));

export const TargetOut = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  title: Type.String(),
  dueDate: Type.String(),
  requiredCount: Type.Integer(),
  ofCount: Type.Integer({ description: 'campaign teams under the scope unit' }),
  aspectCode: Nullable(Type.String()),
  aspectMinPct: Nullable(Type.Number()),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  actions: Type.Array(Type.String()),
});

export const TargetList = Type.Object({ items: Type.Array(TargetOut), actions: Type.Array(Type.String()) });

export const CampaignQuery = Type.Object({ campaignId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const CreateTargetBody = Type.Object(
  {
    campaignId: Type.String({ format: 'uuid' }),
    orgUnitId: Type.String({ format: 'uuid' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    dueDate: Day,
    requiredCount: Type.Integer({ minimum: 1, maximum: 100000 }),
    aspectCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40 }))),
    aspectMinPct: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  },
  { additionalProperties: false },
);

export const UpdateTargetBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    dueDate: Type.Optional(Day),
    requiredCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    aspectCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40 }))),
    aspectMinPct: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  },
  { additionalProperties: false },
);

export const SnapshotBody = Type.Object({ campaignId: Type.String({ format: 'uuid' }), day: Type.Optional(Day) }, { additionalProperties: false });
export const SnapshotOut = Type.Object({ campaignId: Type.String(), day: Type.String(), teams: Type.Integer(), pass: Type.Integer(), basicPass: Type.Integer(), fail: Type.Integer(), notAccepted: Type.Integer() });

export const DashboardQuery = Type.Object({ campaignId: Type.String({ format: 'uuid' }), scopeId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });

const ItemRef = Type.Object({ code: Type.String(), title: Type.String(), points: Type.Number(), isVeto: Type.Boolean() });

export const ForecastOut = Type.Object({
  status: Type.String({ description: 'met | on_track | at_risk | off_track | missed' }),
  current: Type.Number(),
  required: Type.Number(),
  projected: Type.Number(),
  slopePerMonth: Type.Number(),
  method: Type.String(),
});

export const DashboardOut = Type.Object({
  campaign: Type.Object({ id: Type.String(), name: Type.String(), versionLabel: Type.String(), passPct: Type.Number(), basicPct: Type.Number() }),
  scope: Type.Object({ id: Type.String(), name: Type.String() }),
  today: Type.String(),
  now: Type.Object({ pass: Type.Integer(), basicPass: Type.Integer(), fail: Type.Integer(), notAccepted: Type.Integer(), total: Type.Integer() }),
  targets: Type.Array(
    Type.Object({
      ...TargetOut.properties,
      relation: Type.String({ description: "this (set for the scope viewed) | above (set above it, e.g. the city's, counted over its own teams) | within (set for a unit inside the scope)" }),
      current: Type.Integer({ description: "teams meeting it now, counted over the target unit's teams" }),
      forecast: ForecastOut,
    }),
  ),
  burnUp: Type.Array(Type.Object({ day: Type.String(), pass: Type.Integer(), basicPass: Type.Integer(), accepted: Type.Integer(), avgPct: Type.Number() })),
  burnUpBucket: Type.String({ description: 'day | week' }),
  byDistrict: Type.Array(
    Type.Object({ orgUnitId: Nullable(Type.String()), name: Type.String(), pass: Type.Integer(), basicPass: Type.Integer(), fail: Type.Integer(), total: Type.Integer(), avgPct: Type.Number() }),
  ),
  byAspect: Type.Array(Type.Object({ aspectCode: Type.String(), title: Type.String(), avgPct: Type.Number(), teamsBelow: Type.Array(Type.String()) })),
  gaps: Type.Array(
    Type.Object({
      orgUnitId: Type.String(),
      name: Type.String(),
      districtName: Type.String(),
      status: Type.String(),
      pct: Type.Number(),
      grade: Grade,
      vetoFailed: Type.Array(Type.Object({ code: Type.String(), title: Type.String() })),
      failing: Type.Array(ItemRef),
      openRectifications: Type.Integer(),
    }),
  ),
  ranking: Type.Array(Type.Object({ rank: Type.Integer(), orgUnitId: Type.String(), name: Type.String(), pct: Type.Number(), grade: Grade, status: Type.String() })),
  actions: Type.Array(Type.String()),
});

export const ReportBody = Type.Object({ campaignId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const ReportOut = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  status: Type.String({ description: 'queued | running | done | failed' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  message: Nullable(Type.String()),
  files: Type.Object({ xlsx: Nullable(Type.String()), pdf: Nullable(Type.String()) }),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});
