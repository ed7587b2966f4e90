import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TObject, TSchema } from 'typebox';
import { validationIssues } from '../../platform/error-handler';
import type { IssueProblem } from '../../platform/validation';
import { dateProblem } from './domain/date-bounds';
import type { Ledger } from './domain/ledger-kinds';
import { CreateAssetBody, CreateOfficeBody, CreatePersonBody, CreateRoomBody, CreateSignageBody } from './ledger.schemas';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * One check per ledger field for the API and the imports: the request body's own TypeBox schema
 * (compiled as the request validator compiles bodies: no coercion, same formats) and the date bounds.
 * An import row is checked field by field with exactly this, after the cell was turned into the value
 * that would be stored, so an import can never store what `POST /api/ledger/…` refuses.
 */
const BODIES: Record<Ledger, TObject> = { persons: CreatePersonBody, offices: CreateOfficeBody, rooms: CreateRoomBody, signage: CreateSignageBody, assets: CreateAssetBody };
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }));
const compiled = new Map<string, ValidateFunction | null>();

function validatorOf(ledger: Ledger, field: string): ValidateFunction | null {
  const key = `${ledger}.${field}`;
  if (!compiled.has(key)) {
    const schema = (BODIES[ledger].properties as Record<string, TSchema>)[field];
    compiled.set(key, schema ? ajv.compile(schema as object) : null);
  }
  return compiled.get(key)!;
}

/**
 * Why the API would refuse this value of a body field, or null. Fields the API does not take (team, office, assignee)
 * pass. A schema refusal carries the same code and params as the API's own 400 (error-handler.ts validationIssues).
 */
export function fieldProblem(ledger: Ledger, field: string, value: unknown, today: string): IssueProblem | null {
  const validate = validatorOf(ledger, field);
  if (validate && !validate(value)) {
    const e = validate.errors?.find((x) => x.keyword !== 'anyOf' && x.keyword !== 'type') ?? validate.errors?.[0];
    const described = (e?.parentSchema as { description?: string } | undefined)?.description;
    const issue = e ? validationIssues([e], undefined)[0] : undefined;
    return { code: issue?.code ?? 'invalid', message: `${e?.message ?? 'is not valid'}${described ? ` (${described})` : ''}`, ...(issue?.params ? { params: issue.params } : {}) };
  }
  return dateProblem(field, value, today);
}
