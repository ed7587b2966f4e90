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

  // Ledger records, checked alike for the API and every import (ledger.service.ts, domain/*).
  'id_number_shape', // not 17 digits and a check character
  'id_number_birth_date', // {birth}: the 8 birth-date digits are no date
  'id_number_check_digit', // {actual, expected}
  'certificate_expiry_required', // 有效期至 missing while 执法证号 is given
  'certificate_no_required', // certificate dates without 执法证号
  'expiry_before_issue',
  'auxiliary_no_certificate', // a 协管员 holds no 执法证
  'user_not_in_team',
  'person_not_in_team',
  'office_not_in_team',
  'not_street_team',
  'room_type_unknown', // {type}
  'date_too_early', // {value, earliest}
  'date_too_far_ahead', // {value, latest}: a date of something done, more than a year ahead
  'date_too_late', // {value, latest}: an expiry beyond the last allowed day
  'photo_type', // {types}: a photo of 功能用房 / 标识标牌 is not one of the allowed image types
  'photo_too_large', // {limit} in MB
  'photo_empty',
  'photo_content_mismatch', // {type}: the bytes are not the declared image type

  // Workbook imports (ledger and catalog): the file, its header and its cells. {header} is the column's title.
  'sheet_missing', // {sheet, sheets}
  'sheet_empty',
  'column_unknown', // {header, column}
  'column_twice', // {header}
  'column_missing', // {header}
  'cell_required', // {header}
  'cell_too_long', // {header, limit}
  'cell_not_number', // {header, value}
  'cell_not_integer', // {header, value}
  'cell_below_min', // {header, limit, value}
  'cell_above_max', // {header, limit, value}
  'cell_not_yes_no', // {header, value}
  'cell_not_date', // {header, value}
  'cell_not_option', // {header, value, options}
  'team_unknown', // {value}
  'team_ambiguous', // {value}
  'office_unknown', // {value}
  'person_unknown', // {value}
  'person_ambiguous', // {value}
  'duplicate_in_file', // {label, value, row}: same key as an earlier row of the file
  'registered_elsewhere', // {label, value}: held by a unit the importer does not manage (never named)
  'already_exists', // {label, value}

  // Catalog tree checks (catalog/domain/tree.ts, workbook-rows.ts): imports, node edits, publishing.
  'code_empty',
  'code_duplicate',
  'code_duplicate_row', // {row}: the row of the first use
  'parent_self',
  'parent_unknown', // {parent}
  'parent_cycle', // {via}
  'title_empty',
  'no_top_level',
  'points_required', // an item needs points > 0
  'points_invalid', // {value}
  'method_required',
  'rule_required',
  'rule_not_computed',
  'method_on_group',
  'veto_on_group',
  'level_invalid', // {value}
  'level_mismatch', // {level, expected}

  // Computed-item rules (ledger/domain/rule): every one carries {line, column} of the problem in the rule text.
  'rule_syntax', // {line, column}
  'rule_too_long', // {line, column, limit}
  'rule_too_complex', // {line, column, limit}: too many tokens or nested too deep
  'rule_empty', // {line, column}
  'rule_unknown_entity', // {line, column, name}
  'rule_unknown_field', // {line, column, entity, name}
  'rule_unknown_value', // {line, column, field, value}
  'rule_unknown_metric', // {line, column, name}
  'rule_type_mismatch', // {line, column}: a condition where a number is needed, or the other way round
  // rule_syntax also carries {reason} (one of RULE_SYNTAX_REASONS in ledger/domain/rule/position.ts, translated as
  // fieldErrors.rule_syntax_reason.<reason>) and the values that reason's text shows ({expected}, {found}, …).

  // Accounts (identity.service.ts).
  'role_unknown', // {role}
  'username_format', // {min, max}: letters, digits, dot, dash, underscore
  'username_taken',
  'org_unit_unknown',
  'wrong_password', // the current password, when changing one's own

  // Org units (org.service.ts, org/domain/geometry.ts).
  'valid_to_not_after_from', // {validFrom}
  'kind_not_allowed', // {kind, parentKind}
  'code_taken', // {code}
  'ring_not_array',
  'ring_too_few_positions', // {min}
  'ring_not_closed',
  'position_invalid', // {number}, counted from 1: not [lon, lat]
  'position_out_of_range', // {number}, counted from 1

  // Campaigns, item answers and rectification (assessment.service.ts, assessment/domain/scoring.ts).
  'pass_pct_range', // passPct in (0, 100]
  'basic_pct_range', // {passPct}: basicPct in [0, passPct)
  'due_before_start',
  'version_not_published',
  'unit_not_team_in_scope', // {id}
  'score_out_of_range', // {points}
  'partial_not_allowed',
  'partial_score_required', // {points}
  'score_contradicts_result', // {expected, score}
  'score_not_expected', // an unanswered or 不适用 item has no score
  'override_reason_required', // {computed}: a result other than the computed one
  'owner_not_in_team',
  'due_date_past',
  'note_required',

  // Progress targets and snapshots (progress.service.ts).
  'required_exceeds_teams', // {max, required}
  'aspect_target_incomplete',
  'aspect_unknown', // {aspect, version}
  'snapshot_future_day', // {day, today}

  // Tracking (tracking.service.ts fieldError).
  'not_date_time',
  'not_after_start', // an end (to, endsAt, at) not after its start
  'period_too_long', // {days}
  'shift_too_long', // {hours}
  'date_format', // YYYY-MM-DD
  'identifier_jt808', // {limit}: a JT/T 808 terminal number is digits only
  'person_inactive', // {name}
  'area_not_in_team',
  'area_without_geometry', // {name}
  'device_needs_team',
  'binding_target', // exactly one of person and vehicle/equipment
  'person_not_in_scope',
  'asset_not_in_scope',
  'replay_target', // a device or a team
  'latitude_range',
  'longitude_range',

  // Violation catalogue items and their discretion bands (violation/domain/item.ts): API edits and imports.
  'violation_code_format',
  'violation_multiple_of_required',
  'violation_unstated_with_bounds',
  'violation_fine_kind_missing',
  'violation_range_inverted', // {min, max}
  'violation_bands_incomplete', // {got}
  'violation_band_conditions_required', // {band}
  'violation_band_fine_without_kind', // {band}
  'violation_band_inverted', // {band, min, max}
  'violation_band_below_statutory', // {band, value, limit}
  'violation_band_above_statutory', // {band, value, limit}
  'violation_band_overlap', // {band, value, lower, limit}
  'violation_party_unknown', // {value, options}
  'violation_money_format', // {header, value}: 元 with at most two decimals (or % with one for a multiple)
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/**
 * What a module's own check found, before it is placed on a field or a cell: the English `message` for API
 * readers, the `code` the web translates and the `params` the translation shows.
 */
export interface IssueProblem {
  code: FieldIssueCode;
  message: string;
  params?: Record<string, string | number>;
}

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
