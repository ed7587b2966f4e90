import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from './errors';
import type { FieldIssueCode } from './validation';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** ajv keyword → field-issue code (FIELD_ISSUE_CODES) and the parameters its message shows. */
function issueCode(e: AjvIssue): { code: FieldIssueCode; params?: Record<string, string | number> } {
  const p = e.params ?? {};
  const limit = typeof p.limit === 'number' ? { limit: p.limit } : undefined;
  switch (e.keyword) {
    case 'required':
      return { code: 'required' };
    case 'additionalProperties':
      return { code: 'unknown' };
    case 'type':
      return typeof p.type === 'string' ? { code: 'type', params: { type: p.type } } : { code: 'type' };
    case 'minLength':
      return { code: Number(p.limit) === 1 ? 'required' : 'too_short', ...(limit ? { params: limit } : {}) };
    case 'maxLength':
      return { code: 'too_long', ...(limit ? { params: limit } : {}) };
    case 'pattern':
      return { code: 'pattern' };
    case 'format':
      return typeof p.format === 'string' ? { code: 'format', params: { format: p.format } } : { code: 'format' };
    case 'enum':
    case 'const':
      return { code: 'enum' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'minimum', ...(limit ? { params: limit } : {}) };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'maximum', ...(limit ? { params: limit } : {}) };
    case 'minItems':
      return { code: 'min_items', ...(limit ? { params: limit } : {}) };
    case 'maxItems':
      return { code: 'max_items', ...(limit ? { params: limit } : {}) };
    default:
      return { code: 'invalid' };
  }
}

/** Turns ajv's errors into field-level issues a form can show next to the offending field. */
export function validationIssues(errors: readonly AjvIssue[], context: string | undefined): FieldIssue[] {
  return errors.map((e) => {
    let field = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required' && typeof e.params?.missingProperty === 'string') {
      field = field ? `${field}.${e.params.missingProperty}` : e.params.missingProperty;
    }
    if (e.keyword === 'additionalProperties' && typeof e.params?.additionalProperty === 'string') {
      const extra = e.params.additionalProperty;
      return { field: field ? `${field}.${extra}` : extra, message: 'unknown field', code: 'unknown' };
    }
    return { field: field || (context ?? 'body'), message: e.message ?? 'invalid', ...issueCode(e) };
  });
}

/**
 * One place where every failure becomes `{code, message, details}`. Internals never reach the
 * client: unexpected errors are logged with the request id and answered with a generic 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.status === 429 && typeof retry === 'number') reply.header('retry-after', String(retry));
      return reply.code(err.status).send({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) });
    }
    const fe = err as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation) {
      const issues = validationIssues(fe.validation, fe.validationContext);
      return reply.code(400).send({
        code: 'request.validation',
        message: `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        details: { issues },
      });
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send({ code: 'request.malformed_json', message: 'The request body is not valid JSON' });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({ code: 'request.body_too_large', message: 'The request body is too large' });
      case 'FST_REQ_FILE_TOO_LARGE':
        return reply.code(413).send({ code: 'request.file_too_large', message: 'The uploaded file is too large' });
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply.code(400).send({ code: 'request.multipart_expected', message: 'Send the file as multipart/form-data' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send({ code: 'request.unsupported_media_type', message: 'Unsupported content type' });
      default:
        break;
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ code: 'request.invalid', message: fe.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'internal.error', message: 'Internal error; it has been logged', details: { requestId: req.id } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'route.not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
}
