import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zhCN from '../../../web/src/shared/i18n/zh-CN';
import { FIELD_ISSUE_CODES } from './validation';
import { SERVER_SRC, serverSourceFiles, untranslated } from './translation-check';

/**
 * Every error code the server can answer has a Chinese and an English message in the web app, so no internal code
 * or English server message reaches a zh-CN screen. The codes are read from the server's source: the first
 * argument of every error constructor (badRequest, notFound, …, fieldError, new AppError(status, code)) and the
 * `code:` of answers built by hand (error handler, not-found handler).
 */

const CODE = String.raw`'([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)'`;
const PATTERNS = [
  new RegExp(String.raw`\b(?:badRequest|unauthorized|forbidden|notFound|conflict|tooMany|[A-Za-z]*[eE]rror)\(\s*${CODE}`, 'g'),
  new RegExp(String.raw`new AppError\(\s*\d+\s*,\s*${CODE}`, 'g'),
  new RegExp(String.raw`\bcode:\s*${CODE}`, 'g'),
];

/** Codes built at run time (`assessment.${problem.code}`, `ledger.duplicate_${field}`), which the scan cannot see. */
const BUILT_CODES = [
  'assessment.score_out_of_range',
  'assessment.partial_not_allowed',
  'assessment.partial_score_required',
  'assessment.score_contradicts_result',
  'ledger.duplicate_id_number',
  'ledger.duplicate_certificate_no',
  'ledger.duplicate_location',
  'ledger.duplicate_name',
  'ledger.duplicate_serial',
];

function serverErrorCodes(): Map<string, string> {
  const codes = new Map<string, string>(BUILT_CODES.map((c) => [c, 'built at run time']));
  for (const file of serverSourceFiles()) {
    // Demo data, the simulator and the CLI never answer an HTTP request.
    if (/[\\/](seed|simulator|cli|demo)[\\/]/.test(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const re of PATTERNS) for (const m of text.matchAll(re)) if (!codes.has(m[1]!)) codes.set(m[1]!, path.relative(SERVER_SRC, file));
  }
  return codes;
}

test('every server error code has a zh-CN and an English message', () => {
  const codes = serverErrorCodes();
  assert.ok(codes.size > 80, `only ${codes.size} codes found: the scan is broken`);
  const missing = untranslated('errors', codes);
  assert.deepEqual(missing, []);
});

test('every field-issue code has a zh-CN and an English message', () => {
  const missing = untranslated('fieldErrors', FIELD_ISSUE_CODES);
  assert.deepEqual(missing, []);
});

test('Chinese messages are Chinese: no English sentence in a zh-CN error message', () => {
  const english: string[] = [];
  const walk = (node: unknown, key: string) => {
    if (typeof node === 'string') {
      // Interpolations ({{n}}) and Latin names (JT/T 808, Excel, ID) are fine; three English words in a row are not.
      if (/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(node.replace(/\{\{[^}]+\}\}/g, ''))) english.push(`${key}: ${node}`);
    } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, key ? `${key}.${k}` : k);
  };
  walk(zhCN.errors, 'errors');
  walk((zhCN as unknown as { fieldErrors?: unknown }).fieldErrors, 'fieldErrors');
  assert.deepEqual(english, []);
});
