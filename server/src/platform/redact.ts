/**
 * What may reach a log line. A failed statement carries its parameters (drizzle puts them in the message:
 * "Failed query: … params: <every value>") and PostgreSQL names the offending values in its detail ("Key
 * (id_number)=(320…) already exists", "Failing row contains (…)"): a password hash, a full 身份证号, a phone number.
 * Logs are read by operators who may not see that data, so errors are logged by their kind, code and SQL shape only.
 */

export interface RedactedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

/** Fields of an error that describe what went wrong without carrying the data it happened to (PostgreSQL and fastify). */
const SAFE_FIELDS = ['code', 'severity', 'routine', 'table', 'column', 'constraint', 'schema', 'dataType', 'statusCode', 'errno', 'syscall'] as const;

const REDACTED = '[redacted]';

/** Removes values from an error text: drizzle's parameter list, PostgreSQL's key values and failing rows. */
export function scrubErrorText(text: string): string {
  return text
    .replace(/(^|\n)params:[^\n]*/g, `$1params: ${REDACTED}`)
    .replace(/(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)/g, `$1=(${REDACTED})`)
    .replace(/(Failing row contains )\((?:[^()]|\([^()]*\))*\)/g, `$1(${REDACTED})`)
    .replace(/(invalid input syntax for type [\w ]+:) "[^"\n]*"/g, `$1 "${REDACTED}"`)
    .replace(/(value) "[^"\n]*" (is out of range)/g, `$1 "${REDACTED}" $2`);
}

export function redactError(err: unknown, depth = 0): RedactedError {
  if (!(err instanceof Error)) return { type: typeof err, message: REDACTED, stack: '' };
  const e = err as Error & Record<string, unknown>;
  const out: RedactedError = {
    type: e.constructor?.name || e.name || 'Error',
    message: scrubErrorText(e.message ?? ''),
    stack: typeof e.stack === 'string' ? scrubErrorText(e.stack) : '',
  };
  for (const k of SAFE_FIELDS) {
    const v = e[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  if (typeof e.detail === 'string') out.detail = scrubErrorText(e.detail);
  // The statement's text has placeholders ($1 …), not values; enough of it to find the query.
  if (typeof e.query === 'string') out.query = e.query.slice(0, 500);
  if (e.cause !== undefined && depth < 3) out.cause = redactError(e.cause, depth + 1);
  return out;
}

interface LoggedRequest {
  [key: string]: unknown;
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  id?: string;
}

/** Requests are logged without their query string (searches by name or ID number, device parameters). */
export function redactRequest(req: { method: string; url: string; hostname?: string; ip?: string; id?: string }): LoggedRequest {
  const q = req.url.indexOf('?');
  return { method: req.method, url: q >= 0 ? `${req.url.slice(0, q)}?${REDACTED}` : req.url, hostname: req.hostname, ip: req.ip, id: req.id };
}

/** pino serializers for every logger of the app (fastify's `logger.serializers`). */
export const logSerializers = {
  err: (e: unknown) => redactError(e),
  error: (e: unknown) => redactError(e),
  req: redactRequest,
};
