import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JIANGSU_2018_DEMO, NANTONG_PROFILE_DEMO, type CatalogSeedNode } from '../../../catalog';
import { checkRule, evaluateRule, parseRule, referencedEntities, ROOM_TYPE_EXAMPLES, ruleProblem, type RuleData } from './index';

function collect(nodes: readonly CatalogSeedNode[], out: { code: string; rule: string }[] = []): { code: string; rule: string }[] {
  for (const n of nodes) {
    if (n.rule !== undefined) out.push({ code: n.code, rule: n.rule });
    if (n.children) collect(n.children, out);
  }
  return out;
}

const DEMO_RULES = [
  ...collect(JIANGSU_2018_DEMO.nodes).map((r) => ({ ...r, source: 'JS-2018' })),
  ...NANTONG_PROFILE_DEMO.tighten.filter((t) => t.changes.rule !== undefined).map((t) => ({ code: t.code, rule: t.changes.rule!, source: 'NT tighten' })),
  ...collect(NANTONG_PROFILE_DEMO.add.map((a) => a.node)).map((r) => ({ ...r, source: 'NT add' })),
];

/** A plausible street team: 20 active officers, 10 auxiliaries, one computer and body camera per officer … */
function fixtureTeam(): RuleData {
  const person = [
    ...Array.from({ length: 20 }, (_, i) => ({
      id: `o${i}`,
      kind: 'officer',
      status: 'active',
      training_hours: 48,
      has_certificate: true,
      certificate_valid: true,
      party_member: i < 6,
      uniform_issued: true,
    })),
    ...Array.from({ length: 10 }, (_, i) => ({
      id: `x${i}`,
      kind: 'auxiliary',
      status: 'active',
      training_hours: 24,
      has_certificate: false,
      certificate_valid: false,
      party_member: false,
      uniform_issued: true,
    })),
    { id: 'gone', kind: 'officer', status: 'left', training_hours: 0, has_certificate: true, certificate_valid: false, party_member: false, uniform_issued: false },
  ];
  const assets = (type: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${type}${i}`, type, status: 'in_use' }));
  return {
    rows: {
      person,
      room: ROOM_TYPE_EXAMPLES.map((type, i) => ({ id: `r${i}`, type, area: 20 })),
      office: [
        { id: 'of1', area: 300, independent: true, floor: 1 },
        { id: 'of2', area: 200, independent: true, floor: 2 },
      ],
      asset: [
        ...assets('computer', 20),
        ...assets('body_camera', 20),
        ...assets('radio', 10),
        ...assets('ebike', 10),
        ...assets('vehicle', 2),
        { id: 'old-pc', type: 'computer', status: 'retired' },
      ],
      signage: [
        { id: 's1', type: '队名标牌', conforms: true },
        { id: 's2', type: '门牌', conforms: true },
      ],
    },
    metrics: {
      case_on_time_rate: 0.98,
      legal_review_rate_major: 1,
      body_camera_coverage: 0.97,
      complaint_response_rate: 0.99,
      satisfaction_rate: 0.9,
      patrol_coverage_rate: 0.95,
      certificate_rate: 1,
    },
  };
}

test('demo catalog: there are computed rules to check', () => {
  assert.ok(DEMO_RULES.filter((r) => r.source === 'JS-2018').length >= 12);
  assert.ok(DEMO_RULES.filter((r) => r.source !== 'JS-2018').length >= 10);
});

test('every demo rule parses, type-checks and evaluates to a boolean (符合 on a well-equipped team)', () => {
  const data = fixtureTeam();
  for (const { code, rule, source } of DEMO_RULES) {
    const where = `${source} ${code}: ${rule}`;
    const p = parseRule(rule);
    assert.ok(p.ok, `${where}: ${p.ok ? '' : p.error.message}`);
    const c = checkRule(p.ast);
    assert.ok(c.ok, `${where}: ${c.ok ? '' : c.errors.map((e) => e.message).join(' | ')}`);
    assert.equal(ruleProblem(rule), null, where);
    const r = evaluateRule(p.ast, data);
    assert.equal(typeof r.value, 'boolean', `${where} → ${r.explanation}`);
    assert.equal(r.value, true, `${where} → ${r.explanation}`);
    assert.ok(r.explanation.endsWith('→ 符合'), r.explanation);
    assert.ok(r.terms.length >= 1, where);
    assert.deepEqual(r.missing, []);
    const refs = referencedEntities(p.ast);
    assert.ok(refs.entities.length + refs.metrics.length >= 1, where);
  }
});

test('demo rules fail on an under-equipped team, and are unknown without metrics', () => {
  const data = fixtureTeam();
  const poor: RuleData = {
    rows: { ...data.rows, asset: (data.rows.asset ?? []).filter((a) => a.type !== 'computer'), room: [] },
    metrics: {},
  };
  const byCode = new Map(DEMO_RULES.map((r) => [`${r.source} ${r.code}`, r.rule]));
  const computers = [...byCode.entries()].find(([, rule]) => rule.includes("'computer'"));
  assert.ok(computers);
  const r = evaluateRule(computers[1], poor);
  assert.equal(r.value, false);
  assert.match(r.explanation, /= 0 ≥ count\(person where kind = 'officer' and status = 'active'\) = 20 → 不符合$/);
  for (const { rule } of DEMO_RULES.filter((x) => x.rule.startsWith('metric('))) {
    const m = evaluateRule(rule, poor);
    assert.equal(m.value, null, rule);
    assert.equal(m.missing.length, 1, rule);
  }
  const area = evaluateRule("sum(office.area) / count(person where status = 'active') >= 12", { rows: { office: [], person: [] }, metrics: {} });
  assert.equal(area.value, null);
  assert.match(area.explanation, /→ 无法计算: 分母为0$/);
});
