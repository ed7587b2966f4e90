import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { fieldErrors } from '../../shared/api/errors';

/** Someone else changed the record first (every API answers 409 conflict.stale_version). */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'conflict.stale_version';
}

/**
 * Form field errors of a failed tracking request: schema validation issues and the service's own checks (e.g.
 * tracking.person_inactive on personId) both name their field in `details.issues` with a code, shown translated
 * (issueText); an issue without a known code shows the translated error (fieldErrors).
 */
export function formErrors<F extends string>(_t: TFunction, e: unknown, fields: readonly F[]): { name: F; errors: string[] }[] {
  if (!(e instanceof ApiError)) return [];
  return fieldErrors(e, fields);
}
