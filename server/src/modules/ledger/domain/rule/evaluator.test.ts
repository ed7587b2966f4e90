import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRule, type RuleData } from './index';

const people = [
  { id: 'p1', kind: 'officer', status: 'active', training_hours: 40, certificate_valid: true, party_member: true },
  { id: 'p2', kind: 'officer', status: 'active', training_hours: 50, certificate_valid: true, party_member: false },
  { id: 'p3', kind: 'officer', status: 'left', training_hours: 10, certificate_valid: false, party_member: true },
  { id: 'p4', kind: 'auxiliary', status: 'active', training_hours: null, certificate_valid: false, party_member: false },
];
const DATA: RuleData = {
  rows: {
    person: people,
    room: [
      { id: 'r1', type: '业务受理室', area: 20 },
      { id: 'r2', type: "O'Neil's 室", area: 12.5 },
    ],
    office: [
      { id: 'o1', area: 30, independent: false, floor: 3 },
      { id: 'o2', area: 15, independent: true, floor: 1 },
    ],
    asset: [
      { id: 'a1', type: 'computer', status: 'in_use' },
      { id: 'a2', type: 'computer', status: 'in_use' },
      { id: 'a3', type: 'computer', status: 'retired' },
      { id: 'a4', type: 'vehicle', status: 'in_use' },
    ],
    signage: [],
  },
  metrics: { case_on_time_rate: 0.96, satisfaction_rate: null },
};

/** [rule, expected value] */
const VALUES: [string, boolean | null][] = [
  ["count(person where kind = 'officer') = 3", true],
  ["count(person where kind = 'officer' and status = 'active') = 2", true],
  ['count(person) = 4', true],
  ['count(signage) = 0', true],
  ['sum(office.area) = 45', true],
  ['sum(office.area where floor > 5) = 0', true],
  ['avg(person.training_hours) = 100 / 3', true], // null training hours are skipped
  ["avg(person.training_hours where status = 'active') = 45", true],
  ['min(person.training_hours) = 10 and max(person.training_hours) = 50', true],
  ['min(office.floor where independent = true) = 1', true],
  ["exists(room where type = '业务受理室')", true],
  ["exists(room where type = 'O''Neil''s 室')", true],
  ["exists(room where type = '暂扣物品库')", false],
  ['exists(office where independent = true) or exists(office where floor <= 2)', true],
  ["count(asset where type = 'computer' and status = 'in_use') >= count(person where kind = 'officer' and status = 'active')", true],
  ['metric(case_on_time_rate) >= 0.95', true],
  ['metric(case_on_time_rate) >= 0.97', false],
  ['1 + 2 * 3 = 7', true],
  ['0.1 + 0.2 = 0.3', true], // equality with a relative tolerance of 1e-9
  ['0.1 + 0.2 <= 0.3 and not 0.1 + 0.2 < 0.3', true],
  ['10 / 4 = 2.5', true],
  ['-count(room) = -2', true],
  ['sum(office.area) / count(person where status = \'active\') >= 15', true],
  // three-valued logic
  ['metric(satisfaction_rate) >= 0.8', null],
  ['metric(satisfaction_rate) >= 0.8 and false', false],
  ['false and metric(satisfaction_rate) >= 0.8', false],
  ['metric(satisfaction_rate) >= 0.8 and true', null],
  ['metric(satisfaction_rate) >= 0.8 or true', true],
  ['true or metric(satisfaction_rate) >= 0.8', true],
  ['metric(satisfaction_rate) >= 0.8 or false', null],
  ['not metric(satisfaction_rate) >= 0.8', null],
  ['metric(certificate_rate) = metric(certificate_rate)', null],
  ['metric(satisfaction_rate) * 0 = 0', null],
  // division by zero and empty aggregates
  ['sum(office.area) / count(signage) >= 1', null],
  ['count(room) / 0 > 1 or count(room) = 2', true],
  ['avg(room.area where area > 100) > 1', null],
  ['max(room.area where area > 100) > 1 or true', true],
  ['sum(room.area where area > 100) = 0', true],
  // rows whose where is unknown (null field) are not matched
  ['count(person where training_hours > 0) = 3', true],
  ['count(person where not training_hours > 0) = 0', true],
];

test('evaluation: values on a small fixture', () => {
  for (const [src, want] of VALUES) {
    const r = evaluateRule(src, DATA);
    assert.equal(r.error, undefined, `${src}: ${r.error}`);
    assert.equal(r.value, want, `${src} → ${r.explanation}`);
  }
});

test('terms: text, value, matched and rowIds', () => {
  const r = evaluateRule("count(asset where type = 'computer' and status = 'in_use') >= count(person where kind = 'officer' and status = 'active')", DATA);
  assert.equal(r.value, true);
  assert.deepEqual(
    r.terms.map((t) => ({ text: t.text, value: t.value, matched: t.matched, rowIds: t.rowIds })),
    [
      { text: "count(asset where type = 'computer' and status = 'in_use')", value: 2, matched: 2, rowIds: ['a1', 'a2'] },
      { text: "count(person where kind = 'officer' and status = 'active')", value: 2, matched: 2, rowIds: ['p1', 'p2'] },
    ],
  );
  assert.equal(
    r.explanation,
    "count(asset where type = 'computer' and status = 'in_use') = 2 ≥ count(person where kind = 'officer' and status = 'active') = 2 → 符合",
  );
  assert.deepEqual(r.missing, []);

  const m = evaluateRule('metric(case_on_time_rate) >= 0.95 and  avg(person.training_hours\n  where party_member = true) > 20', DATA);
  assert.deepEqual(
    m.terms.map((t) => [t.text, t.value, t.matched, t.rowIds]),
    [
      ['metric(case_on_time_rate)', 0.96, undefined, undefined],
      ['avg(person.training_hours where party_member = true)', 25, 2, ['p1', 'p3']],
    ],
  );
});

test('rowIds are capped at 50; rows without id are counted but not listed', () => {
  const rows = Array.from({ length: 120 }, (_, i) => ({ id: i < 100 ? `s${i}` : undefined, type: '门牌', conforms: true }));
  const r = evaluateRule('count(signage where conforms = true) = 120', { rows: { signage: rows }, metrics: {} });
  assert.equal(r.value, true);
  assert.equal(r.terms[0]!.matched, 120);
  assert.equal(r.terms[0]!.rowIds!.length, 50);
  assert.equal(r.terms[0]!.rowIds![49], 's49');
  const n = evaluateRule('count(room) = 1', { rows: { room: [{ id: 7 }] }, metrics: {} });
  assert.deepEqual(n.terms[0]!.rowIds, ['7']);
});

test('every term is reported, even in a branch that and/or skipped', () => {
  const r = evaluateRule('false and count(room) > 0 and metric(satisfaction_rate) > 0', DATA);
  assert.equal(r.value, false);
  assert.deepEqual(
    r.terms.map((t) => [t.text, t.value]),
    [
      ['count(room)', 2],
      ['metric(satisfaction_rate)', null],
    ],
  );
  assert.deepEqual(r.missing, ['satisfaction_rate']);
});

/** [rule, explanation] */
const EXPLANATIONS: [string, string][] = [
  ['sum(office.area) / count(signage) >= 1', '(sum(office.area) = 45 ÷ count(signage) = 0) = 无法计算 ≥ 1 → 无法计算: 分母为0'],
  ['sum(office.area) / count(room) >= 12', '(sum(office.area) = 45 ÷ count(room) = 2) = 22.5 ≥ 12 → 符合'],
  [
    "count(asset where type = 'vehicle') * 2 >= count(person where status = 'active')",
    "(count(asset where type = 'vehicle') = 1 × 2) = 2 ≥ count(person where status = 'active') = 3 → 不符合",
  ],
  ['count(signage) >= 1 and count(signage where conforms = false) = 0', 'count(signage) = 0 ≥ 1 ✗ and count(signage where conforms = false) = 0 = 0 ✓ → 不符合'],
  [
    "exists(room where type = '业务受理室') or exists(room where type = '来访接待室')",
    "exists(room where type = '业务受理室') = true or exists(room where type = '来访接待室') = false → 符合",
  ],
  ['metric(satisfaction_rate) >= 0.85', 'metric(satisfaction_rate) = 无数据 ≥ 0.85 → 无法计算: 缺少指标数据: satisfaction_rate'],
  ['metric(certificate_rate) != 1', 'metric(certificate_rate) = 无数据 ≠ 1 → 无法计算: 缺少指标数据: certificate_rate'],
  ['avg(room.area where area > 100) > 1', '平均值无数据: avg(room.area where area > 100)'],
  ['metric(case_on_time_rate) >= 0.95 and (1 + 2 * 3 = 7 or false)', 'metric(case_on_time_rate) = 0.96 ≥ 0.95 ✓ and ((1 + 2 × 3) = 7 = 7 ✓ or false) ✓ → 符合'],
  ['not count(room) = 2', 'not count(room) = 2 = 2 ✓ → 不符合'],
  ['avg(person.training_hours) >= 40', 'avg(person.training_hours) = 33.3333 ≥ 40 → 不符合'],
];

test('explanations', () => {
  for (const [src, want] of EXPLANATIONS) {
    const r = evaluateRule(src, DATA);
    if (want.includes('→')) assert.equal(r.explanation, want, src);
    else assert.ok(r.explanation.endsWith(want), `${src}: ${r.explanation}`);
  }
});

test('an entity missing from the data makes its terms unknown', () => {
  const r = evaluateRule('count(room) >= 0', { rows: {}, metrics: {} });
  assert.equal(r.value, null);
  assert.equal(r.explanation, 'count(room) = 无数据 ≥ 0 → 无法计算: 缺少台账数据: room');
  assert.equal(r.terms[0]!.value, null);
});

test('odd row values are unknown, never a crash', () => {
  const data: RuleData = {
    rows: { person: [{ id: 'x', kind: 1, status: 'active', training_hours: 'many' }, { id: 'y', kind: 'officer', training_hours: Number.NaN }], room: [] },
    metrics: { case_on_time_rate: Number.POSITIVE_INFINITY },
  };
  assert.equal(evaluateRule("count(person where kind = 'officer') = 1", data).value, true);
  assert.equal(evaluateRule('sum(person.training_hours) = 0', data).value, true);
  assert.equal(evaluateRule('avg(person.training_hours) > 0', data).value, null);
  const m = evaluateRule('metric(case_on_time_rate) > 0', data);
  assert.equal(m.value, null);
  assert.deepEqual(m.missing, ['case_on_time_rate']);
});

test('invalid rules evaluate to null with the problem', () => {
  const r = evaluateRule("count(asset where type = 'computr') > 1", DATA);
  assert.equal(r.value, null);
  assert.match(r.error!, /^column 26: asset.type has no value 'computr'/);
  assert.equal(r.explanation, `规则无效: ${r.error}`);
  assert.equal(evaluateRule('count(', DATA).error, "column 7: expected an entity name (person, room, office, asset, signage …) but found end of rule");
});

test('accepts a parsed tree, and a parsed tree is reusable', async () => {
  const { parseRule } = await import('./index');
  const p = parseRule('count(room) = 2');
  assert.ok(p.ok);
  assert.equal(evaluateRule(p.ast, DATA).value, true);
  assert.equal(evaluateRule(p.ast, { rows: { room: [] }, metrics: {} }).value, false);
});
