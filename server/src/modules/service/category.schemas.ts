import { Type } from 'typebox';
import { DateTime, Str, Uuid } from '../../platform/schema';
import { MAX_LIMIT_HOURS } from './domain/categories';

/** Categories (数字城管 事件 classes) and their time limits in working hours; the bureau's working hours. */

const Hours = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_LIMIT_HOURS, description });
const Limits = {
  acceptHours: Hours('受理 limit, working hours from the submission'),
  handleHours: Hours('处置 limit, working hours from the submission (≥ acceptHours)'),
  replyHours: Hours('回复 limit, working hours from the submission (≥ handleHours)'),
};

export const ServiceCategoryOut = Type.Object({
  id: Uuid,
  code: Type.String({ description: '大类-小类, e.g. 02-03' }),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  bigClass: Type.String({ description: '大类 (市容环境, 街面秩序 …)' }),
  ...Limits,
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  isDemo: Type.Boolean(),
  /** A shipped category whose limits the bureau has not saved yet: its limits are 本地默认值，待本局确认. */
  localDefault: Type.Boolean(),
  /** Reports filed under it: a category in use is deactivated, never deleted. */
  requestCount: Type.Integer(),
  version: Type.Integer({ description: 'optimistic lock: send it back as expectedVersion' }),
  updatedAt: DateTime,
});

export const ServiceCategoryList = Type.Object({
  items: Type.Array(ServiceCategoryOut),
  /** What the caller may do: create, edit. */
  actions: Type.Array(Type.String()),
});

export const ServiceCategoryParams = Type.Object({ id: Uuid });

const Editable = {
  name: Str(40),
  nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
  bigClass: Str(20),
  ...Limits,
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
};

export const CreateServiceCategoryBody = Type.Object({ code: Str(20), ...Editable }, { additionalProperties: false });
export const UpdateServiceCategoryBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 1, description: 'the version read; a category changed meanwhile answers 409 conflict.stale_version' }), ...Editable, active: Type.Boolean() },
  { additionalProperties: false },
);

const Period = Type.Object({ start: Type.String({ maxLength: 5, description: 'HH:MM, Beijing time' }), end: Type.String({ maxLength: 5, description: 'HH:MM (24:00 allowed)' }) }, { additionalProperties: false });

export const WorkingHoursOut = Type.Object({
  periods: Type.Array(Period),
  /** True while the bureau has not set its own: the shipped periods, 本地默认值，待本局确认. */
  isDefault: Type.Boolean(),
  /** 0 while the default applies; send it back as expectedVersion. */
  version: Type.Integer(),
  updatedAt: Type.Union([DateTime, Type.Null()]),
  actions: Type.Array(Type.String({ description: 'edit' })),
});

export const SaveWorkingHoursBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 0, description: 'the version read (0 = the default); changed meanwhile → 409 conflict.stale_version' }), periods: Type.Array(Period, { minItems: 1, maxItems: 6 }) },
  { additionalProperties: false },
);
