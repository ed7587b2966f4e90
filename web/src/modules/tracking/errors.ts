import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { errorText, fieldErrors } from '../../shared/api/errors';

/** Someone else changed the record first (the tracking API answers 409 tracking.version_conflict). */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'tracking.version_conflict' || e.code === 'conflict.stale_version');
}

/**
 * Form field errors of a failed tracking request: schema validation issues (`details.issues`) and the service's
 * own checks, which name one field in `details.field` (e.g. tracking.shift_overlap on personId).
 */
export function formErrors<F extends string>(t: TFunction, e: unknown, fields: readonly F[]): { name: F; errors: string[] }[] {
  const out = fieldErrors(e, fields);
  if (out.length || !(e instanceof ApiError)) return out;
  const d = (e.details ?? {}) as { field?: unknown };
  const field = fields.find((f) => f === d.field);
  return field ? [{ name: field, errors: [errorText(t, e)] }] : [];
}
