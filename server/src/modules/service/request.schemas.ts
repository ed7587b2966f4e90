import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Str, Uuid } from '../../platform/schema';
import { ROUTED_BY, SATISFACTIONS, SERVICE_ACTIONS, SERVICE_SOURCES, SERVICE_STATES, STAFF_ACTIONS, type RoutedBy, type Satisfaction, type ServiceAction, type ServiceSource, type ServiceState } from './domain/workflow';

export const ServiceStateS = Enum<ServiceState>(SERVICE_STATES);
export const ServiceSourceS = Enum<ServiceSource>(SERVICE_SOURCES);
export const ServiceActionS = Enum<ServiceAction>(SERVICE_ACTIONS);
export const SatisfactionS = Enum<Satisfaction>(SATISFACTIONS);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });

/** What a report carries in: the public page, the hotline import, Open311 and staff all submit this. */
export const SubmitServiceRequestBody = Type.Object(
  {
    categoryId: Uuid,
    description: Str(2000),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'WGS-84' })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'WGS-84' })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    contactName: Type.Optional(Type.String({ maxLength: 100 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9+\\- ]*$' })),
  },
  { additionalProperties: false },
);

/** A report recorded by staff: also when the resident made it (a call taken earlier), from which its limits count. */
export const StaffSubmitBody = Type.Object(
  {
    ...SubmitServiceRequestBody.properties,
    receivedAt: Type.Optional({ ...DateTime, description: 'when the resident reported it (at most 30 days ago, not in the future); default now' }),
  },
  { additionalProperties: false },
);

export const ServiceRequestOut = Type.Object({
  id: Uuid,
  trackingCode: Type.String(),
  source: ServiceSourceS,
  externalRef: Nullable(Type.String()),
  categoryId: Uuid,
  categoryCode: Type.String(),
  categoryName: Type.String(),
  description: Type.String(),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  address: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  /** Masked (138****1234) except for the owning team and the city desk. */
  contactPhone: Nullable(Type.String()),
  orgUnitId: Nullable(Uuid),
  orgUnitName: Nullable(Type.String()),
  gridId: Nullable(Uuid),
  routedBy: Enum<RoutedBy>(ROUTED_BY),
  state: ServiceStateS,
  submittedAt: DateTime,
  acceptDueAt: Nullable(DateTime),
  handleDueAt: Nullable(DateTime),
  replyDueAt: Nullable(DateTime),
  pausedMinutes: Type.Integer(),
  suspendedAt: Nullable(DateTime),
  suspendedFromState: Nullable(ServiceStateS),
  acceptedAt: Nullable(DateTime),
  handledAt: Nullable(DateTime),
  repliedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  handlingNote: Nullable(Type.String()),
  replyText: Nullable(Type.String()),
  duplicateOfId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  satisfaction: Nullable(SatisfactionS),
  satisfactionComment: Nullable(Type.String()),
  ratedAt: Nullable(DateTime),
  reopenCount: Type.Integer(),
  /** The running clock's standing now: overdue, due within 4 hours, or nothing (no clock, or no due time). */
  dueFlag: Nullable(Enum(['overdue', 'due_soon'] as const)),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const ServiceEventOut = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  actorKind: Type.String(),
  actorName: Nullable(Type.String()),
  orgUnitId: Nullable(Uuid),
  orgUnitName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  /** What the step recorded (each field only where the step has it). */
  payload: Type.Object({
    source: Type.Optional(Type.String()),
    routedBy: Type.Optional(Type.String()),
    gridId: Type.Optional(Nullable(Type.String())),
    externalRef: Type.Optional(Nullable(Type.String())),
    teamId: Type.Optional(Nullable(Type.String())),
    teamName: Type.Optional(Type.String()),
    fromTeamId: Type.Optional(Nullable(Type.String())),
    duplicateOfId: Type.Optional(Type.String()),
    duplicateOfCode: Type.Optional(Type.String()),
    note: Type.Optional(Type.String()),
    text: Type.Optional(Type.String()),
    pausedMinutes: Type.Optional(Type.Integer()),
    satisfaction: Type.Optional(Type.String()),
    caseId: Type.Optional(Type.String()),
    caseNumber: Type.Optional(Nullable(Type.String())),
  }),
  at: DateTime,
});

export const ServicePhotoOut = Type.Object({
  id: Uuid,
  stage: Enum(['report', 'before', 'after'] as const),
  mime: Type.String(),
  bytes: Type.Integer(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  public: Type.Boolean(),
  uploadedAt: DateTime,
});

export const ServiceRequestDetail = Type.Object({
  ...ServiceRequestOut.properties,
  categoryBigClass: Type.String(),
  timeline: Type.Array(ServiceEventOut),
  photos: Type.Array(ServicePhotoOut),
  /** The enforcement case opened from this report: its number (立案号, or 线索号 while a lead) and state. */
  linkedCase: Nullable(Type.Object({ id: Uuid, number: Nullable(Type.String()), state: Type.String() })),
  /** Steps the caller may take now (required fields are asked by each form). */
  actions: Type.Array(ServiceActionS),
  mayOpenCase: Type.Boolean(),
  mayUploadPhotos: Type.Boolean(),
});

export const ServiceRequestList = Type.Object({ items: Type.Array(ServiceRequestOut), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const ServiceListQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated states' })),
    unitId: Type.Optional(Type.String({ description: 'a team, or a unit above (its teams); "desk" = the city desk (no team)', maxLength: 40 })),
    categoryId: Type.Optional(Uuid),
    source: Type.Optional(ServiceSourceS),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'tracking code, 工单号, description or address' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const ServiceIdParams = Type.Object({ id: Uuid });
export const ServiceActionParams = Type.Object({ id: Uuid, action: Enum<ServiceAction>(STAFF_ACTIONS) });
export const ServicePhotoParams = Type.Object({ id: Uuid, photoId: Uuid });
export const PhotoStageQuery = Type.Object({ stage: Enum(['before', 'after'] as const) }, { additionalProperties: false });

export const ServiceActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    teamId: Type.Optional(Uuid),
    duplicateOfId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const OpenCaseBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** What the lead says; default: the report's category and description. */
    summary: Type.Optional(Str(4000)),
    /** The day of the act; default: the day the report was submitted (Beijing). */
    actDate: Type.Optional(Day),
  },
  { additionalProperties: false },
);
