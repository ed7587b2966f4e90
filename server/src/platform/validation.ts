import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { AppError, type FieldIssue } from './errors';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

/**
 * Two validators: bodies are JSON and must carry the right types (a number where a string is
 * expected is an error, never silently converted); query strings, params and headers arrive as
 * text and are coerced to the declared type.
 */
export function registerValidation(app: FastifyInstance): void {
  const strictAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const coercingAjv = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  app.setValidatorCompiler<FastifySchema>(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
    return ajv.compile(schema as object);
  });
}

/** An integer field without its own bounds must fit a PostgreSQL `integer` (a larger one would reach the database and fail there). */
export const DEFAULT_INTEGER_BOUND = 2_147_483_647;
/** A number field without its own bounds is finite and of a sane size (JSON's 1e400 parses as Infinity). */
export const DEFAULT_NUMBER_BOUND = 1e12;

type JsonSchema = Record<string, unknown>;

/**
 * A copy of a request schema in which every integer and number without an explicit bound gets the default
 * bounds above. Fields that legitimately go beyond (e.g. the audit sequence) declare their own maximum.
 */
export function withDefaultBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withDefaultBounds);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema as JsonSchema)) out[k] = k === 'const' || k === 'enum' || k === 'default' || k === 'examples' ? v : withDefaultBounds(v);
  const types = Array.isArray(out.type) ? (out.type as unknown[]) : [out.type];
  const bound = types.includes('integer') ? DEFAULT_INTEGER_BOUND : types.includes('number') ? DEFAULT_NUMBER_BOUND : null;
  if (bound !== null) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = bound;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -bound;
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Codes of field issues (`details.issues[].code`) that the web translates as `fieldErrors.<code>`: those of schema
 * validation (error-handler.ts), of this file, and the shared ones modules use for their own checks.
 */
export const FIELD_ISSUE_CODES = [
  'required',
  'unknown',
  'type',
  'too_short',
  'too_long',
  'pattern',
  'format',
  'enum',
  'minimum',
  'maximum',
  'min_items',
  'max_items',
  'nul',
  'surrogate',
  'invalid',
  'password_too_short',
  'password_same_as_username',
  'password_too_simple',
  'password_too_long',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/** Text PostgreSQL cannot store (NUL) or that is not valid Unicode (a lone UTF-16 surrogate). */
export function textProblem(s: string): { code: FieldIssueCode; message: string } | null {
  if (s.includes('\u0000')) return { code: 'nul', message: 'contains a NUL character' };
  if (LONE_SURROGATE.test(s)) return { code: 'surrogate', message: 'contains an unpaired UTF-16 surrogate' };
  return null;
}

/** Every string (values and keys) in a parsed request part that `textProblem` refuses, by field path. */
export function textProblems(value: unknown, field = '', out: FieldIssue[] = []): FieldIssue[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    const p = textProblem(value);
    if (p) out.push({ field, ...p });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textProblems(v, field ? `${field}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = field ? `${field}.${k}` : k;
      const kp = textProblem(k);
      if (kp) out.push({ field: path, ...kp });
      else textProblems(v, path, out);
    }
  }
  return out;
}

/**
 * Hardening of every route's input beyond its own schema: default numeric bounds (added to the route's request
 * schemas when it is registered) and text the database cannot hold, refused as a 400 naming the field.
 * Must be registered before the routes.
 */
export function registerInputHardening(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const s = route.schema as Record<string, unknown> | undefined;
    if (!s) return;
    const bounded: Record<string, unknown> = { ...s };
    for (const part of ['body', 'querystring', 'params', 'headers']) if (s[part] !== undefined) bounded[part] = withDefaultBounds(s[part]);
    route.schema = bounded as typeof route.schema;
  });
  app.addHook('preValidation', async (req) => {
    const issues = [
      ...textProblems(req.params, ''),
      ...textProblems(req.query, ''),
      ...(req.isMultipart() ? [] : textProblems(req.body, '')),
    ];
    if (issues.length) {
      throw new AppError(400, 'request.validation', `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
    }
  });
}
