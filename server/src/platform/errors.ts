import type { FieldIssueCode } from './validation';

/**
 * Expected outcomes are values with stable dotted codes. The error handler turns them into
 * `{code, message, details}`; the web maps the code to a localised message.
 */
export interface FieldIssue {
  field: string;
  /** For people reading the API (English); the web shows `code` translated instead. */
  message: string;
  /** What is wrong, translated by the web as `fieldErrors.<code>` with `params` (see FIELD_ISSUE_CODES). */
  code?: FieldIssueCode;
  params?: Record<string, string | number>;
  row?: number;
  column?: string;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const forbidden = (code: string, message: string, details?: unknown) => new AppError(403, code, message, details);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const tooMany = (code: string, message: string, details?: unknown) => new AppError(429, code, message, details);
export const validationFailed = (message: string, issues: FieldIssue[]) =>
  new AppError(400, 'request.validation', message, { issues });
