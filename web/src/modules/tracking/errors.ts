import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { errorText, fieldErrors } from '../../shared/api/errors';

/** Someone else changed the record first (every API answers 409 conflict.stale_version). */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'conflict.stale_version';
}

/**
 * Form field errors of a failed tracking request. Schema validation issues (`request.validation`) carry their own
 * messages; the service's own checks (e.g. tracking.person_not_in_team on personId) name the field in the same
 * `details.issues` and are shown with the translated text of their code.
 */
export function formErrors<F extends string>(t: TFunction, e: unknown, fields: readonly F[]): { name: F; errors: string[] }[] {
  if (!(e instanceof ApiError)) return [];
  if (e.code === 'request.validation') return fieldErrors(e, fields);
  const text = errorText(t, e);
  return fieldErrors(e, fields).map(({ name }) => ({ name, errors: [text] }));
}
