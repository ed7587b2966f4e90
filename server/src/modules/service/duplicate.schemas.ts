import { Type } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../platform/schema';
import { DUPLICATE_LIMITS } from './domain/duplicates';

export const DuplicateParams = Type.Object({ id: Uuid });

const Distance = Type.Integer({ minimum: DUPLICATE_LIMITS.distanceM.min, maximum: DUPLICATE_LIMITS.distanceM.max, description: 'metres (haversine on WGS-84)' });
const Window = Type.Integer({ minimum: DUPLICATE_LIMITS.windowHours.min, maximum: DUPLICATE_LIMITS.windowHours.max, description: 'hours before or after the report' });

/** The dispatcher may look wider or narrower than the bureau's settings for one request. */
export const DuplicateQuery = Type.Object({ distanceM: Type.Optional(Distance), windowHours: Type.Optional(Window) });

export const DuplicateSettingsS = Type.Object({
  distanceM: Type.Integer(),
  windowHours: Type.Integer(),
  /** 0 while the defaults (50 m, 72 h) were never changed. */
  version: Type.Integer(),
  updatedAt: Nullable(DateTime),
  /** Whether the caller may change them (service.manage). */
  mayChange: Type.Boolean(),
});

export const DuplicateSettingsBody = Type.Object({ distanceM: Distance, windowHours: Window, version: Type.Integer({ minimum: 0 }) });

export const DuplicateItem = Type.Object({
  id: Uuid,
  trackingCode: Type.String(),
  state: Type.String(),
  source: Type.String(),
  categoryId: Uuid,
  categoryName: Type.String(),
  description: Type.String(),
  address: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  submittedAt: DateTime,
  /** The owning team; null = the city desk. */
  orgUnitId: Nullable(Uuid),
  orgUnitName: Nullable(Type.String()),
  /** Metres from the request (0.1 m). */
  distanceM: Type.Number(),
  /** The candidate's report time minus the request's, in minutes (negative: reported earlier). */
  minutesApart: Type.Integer(),
  /** Requests already merged into this one. */
  followers: Type.Integer(),
});

export const DuplicateList = Type.Object({
  requestId: Uuid,
  /** The distance and window used (the bureau's, or the query's). */
  distanceM: Type.Integer(),
  windowHours: Type.Integer(),
  /** The request has no location: nothing can be near it. */
  noLocation: Type.Boolean(),
  items: Type.Array(DuplicateItem),
  /** More candidates than were examined (a cluster of reports): the nearest of the first ones are shown. */
  truncated: Type.Boolean(),
});
