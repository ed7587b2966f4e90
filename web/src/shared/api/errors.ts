import type { TFunction } from 'i18next';
import { ApiError } from './client';

/**
 * Localised text for an error: the server's stable `code` is looked up under `errors.<code>`;
 * unknown codes fall back to the server's message (already human-readable, but not localised).
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const details = (error.details ?? {}) as Record<string, unknown>;
    const retryAfterSeconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 0;
    const key = `errors.${error.code}`;
    const translated = t(key, {
      minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
      defaultValue: '',
    });
    if (translated) return translated;
    return error.message || t('errors.generic');
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.generic');
}

/** Map `details.issues` to antd Form `setFields` entries, field by field. */
export function fieldErrors<F extends string>(
  error: unknown,
  knownFields: readonly F[],
): { name: F; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<F, string[]>();
  for (const issue of error.issues) {
    // The server may report `body.username`, `/username` or `username`; keep the last segment.
    const field = issue.field.replace(/^\/?(body[./])?/, '').split(/[./]/).pop() ?? issue.field;
    const known = knownFields.find((f) => f === field);
    if (!known) continue;
    byField.set(known, [...(byField.get(known) ?? []), issue.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
