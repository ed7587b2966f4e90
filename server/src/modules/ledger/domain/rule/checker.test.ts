import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, DEFAULT_RULE_SCHEMA, parseRule, referencedEntities, ruleProblem, type RuleSchema } from './index';

const VALID = [
  "count(person where kind = 'officer' and status = 'active') >= 6",
  "'officer' = 'officer'",
  "count(person where 'officer' = kind) > 0",
  'sum(office.area) / count(person) >= 12',
  'avg(person.training_hours where has_certificate = true) >= 40',
  'min(office.floor) <= 2 and max(room.area) > 10',
  "exists(room where type = '任何文本也可以')",
  "exists(signage where type = '队名标牌' and conforms)",
  'metric(certificate_rate) >= 0.9 or not metric(satisfaction_rate) < 0.8',
  'true',
  "count(person where kind != 'auxiliary' and training_hours >= avg(person.training_hours)) > 0",
  '-count(room) < 0 or count(room) = 0',
];

test('valid rules type-check to boolean', () => {
  for (const src of VALID) {
    const r = checkRule(src);
    assert.ok(r.ok, `${src}: ${r.ok ? '' : r.errors.map((e) => e.message).join(' | ')}`);
    assert.equal(r.type, 'boolean');
    assert.equal(ruleProblem(src), null);
  }
});

/** [source, column, reason] — the first (or only) error. */
const TYPE_ERRORS: [string, number, string][] = [
  ['count(persn) > 1', 7, "unknown entity 'persn' (did you mean 'person'?); expected one of person, room, office, asset, signage"],
  ['count(vehicle) > 1', 7, "unknown entity 'vehicle'; expected one of person, room, office, asset, signage"],
  ["count(person where knd = 'officer') > 1", 20, "person has no field 'knd' (did you mean 'kind'?); expected one of kind, status, training_hours, has_certificate, certificate_valid, party_member, uniform_issued"],
  ['sum(office.size) > 1', 12, "office has no field 'size'; expected one of area, independent, floor"],
  ['metric(case_ontime_rate) > 0.9', 8, "unknown metric 'case_ontime_rate' (did you mean 'case_on_time_rate'?); expected one of case_on_time_rate, legal_review_rate_major, body_camera_coverage, complaint_response_rate, satisfaction_rate, patrol_coverage_rate, certificate_rate, duty_compliance_rate, device_online_rate"],
  ["count(asset where type = 'computr') > 1", 26, "asset.type has no value 'computr' (did you mean 'computer'?); expected one of 'vehicle', 'ebike', 'computer', 'body_camera', 'radio'"],
  ["count(person where 'cadre' = kind) > 1", 20, "person.kind has no value 'cadre'; expected one of 'officer', 'auxiliary'"],
  ["count(person where status != 'retired') > 1", 30, "person.status has no value 'retired'; expected one of 'active', 'left'"],
  ['count(person)', 1, "a rule must be a condition (boolean) but this expression is a number; compare it, e.g. '… >= 1'"],
  ["'yes'", 1, "a rule must be a condition (boolean) but this expression is a string; compare it, e.g. '… >= 1'"],
  ["count(person) = 'many'", 15, "cannot compare a number with a string using '='"],
  ['metric(satisfaction_rate) >= true', 27, "cannot compare a number with a boolean using '>='"],
  ["count(room where type < '备勤室') > 0", 23, "'<' compares numbers but both sides are strings; use '=' or '!='"],
  ['true > false', 6, "'>' compares numbers but both sides are booleans; use '=' or '!='"],
  ['count(person) + true > 1', 15, "'+' needs numbers on both sides but the right side is a boolean"],
  ["'a' * 2 > 1", 5, "'*' needs numbers on both sides but the left side is a string"],
  ['count(room) and true', 13, "'and' needs conditions (boolean) on both sides but the left side is a number"],
  ['true or 1', 6, "'or' needs conditions (boolean) on both sides but the right side is a number"],
  ['not count(room)', 5, "'not' needs a condition (boolean) but found a number"],
  ['-true', 1, "'-' needs a number but found a boolean"],
  ['count(room where area) > 0', 18, "the 'where' condition must be a condition (boolean) but is a number"],
  ['exists(room where type)', 19, "the 'where' condition must be a condition (boolean) but is a string"],
  ['sum(person.kind) > 0', 12, 'sum needs a number field but person.kind is a string'],
  ['avg(office.independent) > 0', 12, 'avg needs a number field but office.independent is a boolean'],
  ['max(signage.type) > 0', 13, 'max needs a number field but signage.type is a string'],
];

test('type errors: message and exact position', () => {
  for (const [src, column, reason] of TYPE_ERRORS) {
    assert.ok(parseRule(src).ok, `parses: ${src}`);
    const r = checkRule(src);
    assert.ok(!r.ok, `should fail: ${src}`);
    const e = r.errors[0]!;
    assert.equal(e.reason, reason, src);
    assert.equal(e.column, column, `column of ${src}`);
    assert.equal(e.line, 1);
    assert.equal(e.message, `line 1, column ${column}: ${reason}`);
    assert.equal(ruleProblem(src)?.message.startsWith(`column ${column}: ${reason}`), true, src);
    // Checker problems are never syntax errors; the code names the kind (unknown name, or a type mismatch).
    const kind = /^unknown entity/.test(reason) ? 'rule_unknown_entity' : /^unknown metric/.test(reason) ? 'rule_unknown_metric' : / has no field /.test(reason) ? 'rule_unknown_field' : / has no value /.test(reason) ? 'rule_unknown_value' : 'rule_type_mismatch';
    assert.equal(e.code, kind, src);
    assert.deepEqual({ line: e.params.line, column: e.params.column }, { line: 1, column }, src);
  }
});

test('several errors are all reported, sorted, without cascades', () => {
  const r = checkRule("count(persn where x = 1) + sum(room.type) > metric(nope) and count(asset where type = 'tank') >= 1");
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => e.column),
    [7, 37, 52, 87],
  );
  assert.match(ruleProblem("count(persn) > 1 and metric(nope) > 1")!.message, /^column 7: unknown entity 'persn'.* \(and 1 more problem\)$/);
  // What the web translates: each problem's kind and the names it shows, with its position.
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.params]),
    [
      ['rule_unknown_entity', { line: 1, column: 7, name: 'persn' }],
      ['rule_type_mismatch', { line: 1, column: 37 }],
      ['rule_unknown_metric', { line: 1, column: 52, name: 'nope' }],
      ['rule_unknown_value', { line: 1, column: 87, field: 'asset.type', value: 'tank' }],
    ],
  );
  // an unknown entity does not also complain about the fields of its where
  const one = checkRule('count(ghost where a = 1 and b) > 1');
  assert.ok(!one.ok);
  assert.equal(one.errors.length, 1);
});

test('checkRule accepts a parsed tree; parse errors come back as a single error', () => {
  const p = parseRule('count(room) > 0');
  assert.ok(p.ok);
  assert.ok(checkRule(p.ast).ok);
  const bad = checkRule('count(room where) > 0');
  assert.ok(!bad.ok);
  assert.equal(bad.errors.length, 1);
  assert.equal(bad.errors[0]!.column, 17);
  assert.deepEqual(ruleProblem('count(room where) > 0'), {
    code: 'rule_syntax',
    message: `column 17: expected a value (number, 'text', true, false, '(', count, sum, avg, min, max, exists or metric) but found ')'`,
    params: { line: 1, column: 17, reason: 'expected_value' },
  });
  assert.deepEqual(ruleProblem('count(room) > 0\n and count(rooms) > 0'), {
    code: 'rule_unknown_entity',
    message: "line 2, column 12: unknown entity 'rooms' (did you mean 'room'?); expected one of person, room, office, asset, signage",
    params: { line: 2, column: 12, name: 'rooms' },
  });
  assert.equal(ruleProblem('   ')?.code, 'rule_empty');
  assert.deepEqual(ruleProblem('x'.repeat(2001))?.params, { line: 1, column: 2001, limit: 2000 });
  assert.equal(ruleProblem('x'.repeat(2001))?.code, 'rule_too_long');
  assert.equal(ruleProblem(`${'('.repeat(40)}1${')'.repeat(40)} > 0`)?.code, 'rule_too_complex');
});

test('schema is pluggable: the ledger module may extend it', () => {
  const schema: RuleSchema = {
    entities: { ...DEFAULT_RULE_SCHEMA.entities, vehicle_log: { km: { type: 'number' }, kind: { type: 'string', values: ['patrol', 'transport'] } } },
    metrics: [...DEFAULT_RULE_SCHEMA.metrics, 'night_patrol_rate'],
  };
  const src = "sum(vehicle_log.km where kind = 'patrol') >= 100 and metric(night_patrol_rate) > 0.5";
  assert.ok(checkRule(src, schema).ok);
  assert.ok(!checkRule(src).ok);
  assert.equal(ruleProblem(src, schema), null);
  assert.match(ruleProblem("sum(vehicle_log.km where kind = 'walk') > 1", schema)!.message, /vehicle_log.kind has no value 'walk'/);
});

test('prototype names are not entities, fields or metrics', () => {
  assert.ok(!checkRule('count(constructor) > 0').ok);
  assert.ok(!checkRule('count(person where constructor = 1) > 0').ok);
  assert.ok(!checkRule('sum(person.__proto__) > 0').ok);
  assert.ok(!checkRule('metric(to_string) > 0').ok);
});

test('referencedEntities lists entities and metrics, nested ones included', () => {
  const p = parseRule(
    "count(asset where type = 'computer') >= count(person where training_hours > avg(person.training_hours)) and exists(room where area > metric(certificate_rate)) or metric(satisfaction_rate) > 0.8",
  );
  assert.ok(p.ok);
  assert.deepEqual(referencedEntities(p.ast), { entities: ['asset', 'person', 'room'], metrics: ['certificate_rate', 'satisfaction_rate'] });
  const q = parseRule('1 = 1');
  assert.ok(q.ok);
  assert.deepEqual(referencedEntities(q.ast), { entities: [], metrics: [] });
});
