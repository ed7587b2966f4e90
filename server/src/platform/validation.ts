import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

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
