import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, evaluateRule, parseRule, ruleProblem } from './index';

/** mulberry32: small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOUP = [
  'count', 'sum', 'avg', 'min', 'max', 'exists', 'metric', 'where', 'and', 'or', 'not', 'true', 'false',
  '(', ')', '(', ')', '.', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/',
  'person', 'room', 'office', 'asset', 'signage', 'kind', 'status', 'type', 'area', 'floor', 'conforms', 'training_hours',
  'case_on_time_rate', 'satisfaction_rate', "'officer'", "'computer'", "'业务受理室'", "'it''s'", "'", '0', '1', '2.5', '0.95', '1.',
  'Count', '（', '≥', '#', '\n', '"', '😀', '  ',
];

const DATA = {
  rows: {
    person: [{ id: 'p', kind: 'officer', status: 'active', training_hours: 3 }],
    room: [{ id: 'r', type: '业务受理室', area: 0 }],
    office: [],
    asset: [{ id: 'a', type: 'computer', status: 'in_use' }],
    signage: [],
  },
  metrics: { case_on_time_rate: 0.5, satisfaction_rate: null },
};

test('fuzz: random token soup never throws and always yields ok or a positioned error', () => {
  const rand = prng(20180601);
  let parsed = 0;
  let checked = 0;
  for (let n = 0; n < 3000; n++) {
    const len = 1 + Math.floor(rand() * 25);
    const parts: string[] = [];
    for (let i = 0; i < len; i++) parts.push(SOUP[Math.floor(rand() * SOUP.length)]!);
    const src = parts.join(rand() < 0.5 ? ' ' : '');
    const p = parseRule(src);
    if (p.ok) parsed++;
    else {
      const e = p.error;
      assert.ok(e.offset >= 0 && e.offset <= src.length && e.line >= 1 && e.column >= 1, src);
      assert.match(e.message, /^line \d+, column \d+: ./, src);
    }
    const c = checkRule(src);
    if (c.ok) checked++;
    else for (const e of c.errors) assert.ok(e.offset >= 0 && e.offset <= src.length && e.line >= 1 && e.column >= 1, src);
    const problem = ruleProblem(src);
    assert.equal(problem === null, c.ok, src);
    if (problem !== null) {
      assert.match(problem.message, /^(line \d+, )?column \d+: ./, src);
      assert.ok(problem.code.startsWith('rule_') && typeof problem.params?.line === 'number' && typeof problem.params.column === 'number', src);
    }
    const r = evaluateRule(src, DATA);
    assert.ok(r.value === null || typeof r.value === 'boolean', src);
    assert.equal(r.error === undefined, c.ok, src);
  }
  assert.ok(parsed > 0, 'some soup parses');
  assert.ok(checked >= 0);
});

test('fuzz: well-formed random rules always check and evaluate to a boolean or null', () => {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const num = (d: number): string => {
    if (d <= 0 || rand() < 0.3) return pick(['0', '1', '2', '0.5', "count(person where kind = 'officer')", 'sum(office.area)', 'avg(room.area)', 'metric(case_on_time_rate)', 'metric(satisfaction_rate)']);
    return rand() < 0.2 ? `-${num(d - 1)}` : `(${num(d - 1)} ${pick(['+', '-', '*', '/'])} ${num(d - 1)})`;
  };
  const bool = (d: number): string => {
    if (d <= 0 || rand() < 0.3) return rand() < 0.5 ? `${num(d - 1)} ${pick(['=', '!=', '<', '<=', '>', '>='])} ${num(d - 1)}` : pick(['true', 'false', "exists(room where type = '业务受理室')"]);
    return rand() < 0.2 ? `not ${bool(d - 1)}` : `(${bool(d - 1)} ${pick(['and', 'or'])} ${bool(d - 1)})`;
  };
  let nulls = 0;
  for (let n = 0; n < 500; n++) {
    const src = bool(4);
    if (src.length > 2000) continue;
    const c = checkRule(src);
    if (!c.ok && /too many tokens|too deep/.test(c.errors[0]!.reason)) continue;
    assert.ok(c.ok, `${src}: ${c.ok ? '' : c.errors[0]!.message}`);
    const r = evaluateRule(src, DATA);
    assert.ok(r.value === null || typeof r.value === 'boolean', src);
    if (r.value === null) nulls++;
    assert.ok(/→ (符合|不符合|无法计算)/.test(r.explanation), r.explanation);
  }
  assert.ok(nulls > 0, 'some random rules hit unknown data');
});
