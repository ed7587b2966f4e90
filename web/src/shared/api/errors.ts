import i18n, { type TFunction } from 'i18next';
import { ApiError, type FieldIssue } from './client';

/**
 * The text of one field issue in the user's language: the server's issue `code` translated (`fieldErrors.<code>`
 * with its params). The server's own `message` is English for API readers, so a Chinese screen never shows it:
 * an issue without a known code reads as "格式不正确".
 */
export function issueText(issue: Pick<FieldIssue, 'message' | 'code' | 'params'>): string {
  if (issue.code && i18n.exists(`fieldErrors.${issue.code}`)) return i18n.t(`fieldErrors.${issue.code}`, { ...(issue.params ?? {}) });
  return i18n.language === 'en' ? issue.message : i18n.t('fieldErrors.invalid');
}

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
      seconds: Math.max(1, retryAfterSeconds),
      defaultValue: '',
    });
    if (translated) return translated;
    return error.message || t('errors.generic');
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.generic');
}

/**
 * The text of one issue of a failed request: its code translated; an issue without a known code is, for a module's
 * own refusal (`ledger.room_type_exists` on `name`), the translated error itself, and for a schema refusal the generic
 * text of issueText.
 */
export function errorIssueText(error: ApiError, issue: Pick<FieldIssue, 'message' | 'code' | 'params'>): string {
  if ((issue.code && i18n.exists(`fieldErrors.${issue.code}`)) || error.code === 'request.validation') return issueText(issue);
  return errorText(i18n.t, error);
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
    byField.set(known, [...(byField.get(known) ?? []), errorIssueText(error, issue)]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
