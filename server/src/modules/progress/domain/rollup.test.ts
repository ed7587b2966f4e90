import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemResult } from '../../assessment';
import {
  bucketBurnUp,
  byAspect,
  byDistrict,
  countNow,
  gapList,
  indexCatalog,
  meetsTarget,
  ranking,
  shanghaiDay,
  teamState,
  type BurnUpPoint,
  type CatalogNodeRef,
  type ItemAnswer,
  type TeamState,
} from './rollup';

const n = (code: string, parentCode: string | null, title: string, points: number | null = null, isVeto = false): CatalogNodeRef => ({
  code,
  parentCode,
  title,
  points,
  isVeto,
  method: points === null ? null : 'pass_fail',
});
// Two aspects: A (A.1 veto 10, A.2 10) and B (B.1.1 20 under sub-item B.1).
const nodes = [n('A', null, '执法机构'), n('A.1', 'A', '持证上岗', 10, true), n('A.2', 'A', '统一着装', 10), n('B', null, '执法保障'), n('B.1', 'B', '装备'), n('B.1.1', 'B.1', '执法记录仪', 20)];
const catalog = indexCatalog(nodes);
const rule = { passPct: 80, basicPct: 60 };
const answers = (r: Record<string, ItemResult>): Map<string, ItemAnswer> => new Map(Object.entries(r).map(([k, v]) => [k, { result: v, score: null }]));

const team = (id: string, name: string, district: string) => ({ id, name, districtId: district, districtName: `${district}区` });
function state(id: string, name: string, district: string, status: string, grade: string | null, r: Record<string, ItemResult>, pct?: number): TeamState {
  const s = teamState(catalog, rule, team(id, name, district), { status, pct: 0, grade }, answers(r));
  // The stored pct is the assessment service's; here: the computed one unless given.
  return { ...s, pct: pct ?? computedPct(r) };
}
const computedPct = (r: Record<string, ItemResult>) => {
  const pts: Record<string, number> = { 'A.1': 10, 'A.2': 10, 'B.1.1': 20 };
  let got = 0;
  let max = 0;
  for (const [k, p] of Object.entries(pts)) {
    if (r[k] === 'not_applicable') continue;
    max += p;
    got += r[k] === 'compliant' ? p : r[k] === 'partially_compliant' ? p / 2 : 0;
  }
  return Math.round((got / max) * 10000) / 100;
};

test('catalog index: leaves are items, aspect is the top-level ancestor', () => {
  assert.deepEqual(catalog.items.map((i) => `${i.code}@${i.aspectCode}`), ['A.1@A', 'A.2@A', 'B.1.1@B']);
  assert.deepEqual(catalog.aspects, [{ code: 'A', title: '执法机构' }, { code: 'B', title: '执法保障' }]);
});

test('team state: aspect percentages, failing items, veto, official grade only when accepted', () => {
  const s = teamState(catalog, rule, team('t1', '甲队', 'd1'), { status: 'submitted', pct: 75, grade: 'pass' }, answers({ 'A.1': 'non_compliant', 'A.2': 'compliant', 'B.1.1': 'compliant' }));
  assert.deepEqual(s.aspectPcts, { A: 50, B: 100 });
  assert.deepEqual(s.failing.map((f) => f.code), ['A.1']);
  assert.deepEqual(s.vetoFailed, [{ code: 'A.1', title: '持证上岗' }]);
  assert.equal(s.grade, null, 'not accepted: no official grade even if the row has one');
  assert.equal(s.liveGrade, 'fail', 'veto forces 未达标');
  assert.equal(s.pct, 75, 'the stored percentage is kept');
  // An item without an answer counts as unanswered (0 points), not missing from the denominator.
  const partial = teamState(catalog, rule, team('t2', '乙队', 'd1'), { status: 'draft', pct: 0, grade: null }, answers({ 'A.1': 'compliant' }));
  assert.deepEqual(partial.aspectPcts, { A: 50, B: 0 });
});

const all: ItemResult[] = ['compliant', 'compliant', 'compliant'];
const res = (a: ItemResult, b: ItemResult, c: ItemResult) => ({ 'A.1': a, 'A.2': b, 'B.1.1': c });
const fleet = [
  state('1', '城东', 'd1', 'accepted', 'pass', res(...(all as [ItemResult, ItemResult, ItemResult]))), // 100
  state('2', '和平桥', 'd1', 'accepted', 'basic_pass', res('compliant', 'non_compliant', 'compliant')), // 75
  state('3', '竹行', 'd2', 'accepted', 'fail', res('non_compliant', 'compliant', 'compliant')), // 75, veto
  state('4', '中兴', 'd2', 'submitted', null, res('compliant', 'compliant', 'non_compliant')), // 50
  state('5', '新开', 'd2', 'draft', null, res('compliant', 'compliant', 'not_applicable')), // 100 (B n/a)
];

test('counts now and per district use official grades', () => {
  assert.deepEqual(countNow(fleet), { pass: 1, basicPass: 1, fail: 1, notAccepted: 2, total: 5 });
  const d = byDistrict(fleet);
  assert.deepEqual(
    d.map((r) => [r.orgUnitId, r.pass, r.basicPass, r.fail, r.total, r.avgPct]),
    [
      ['d1', 1, 1, 0, 2, 87.5],
      ['d2', 0, 0, 1, 3, 75],
    ],
  );
});

test('per aspect: average and the teams below the line; an aspect wholly 不适用 is not averaged as 0', () => {
  const a = byAspect(fleet, catalog.aspects, 80);
  assert.deepEqual(a[0], { aspectCode: 'A', title: '执法机构', avgPct: 80, teamsBelow: ['和平桥', '竹行'] });
  // 新开 has B not applicable → 100 (gradeAssessment's rule for an empty aspect).
  assert.equal(a[1]!.avgPct, 80);
  assert.deepEqual(a[1]!.teamsBelow, ['中兴']);
});

test('ranking: pct desc, ties by name in pinyin order', () => {
  assert.deepEqual(
    ranking(fleet).map((r) => `${r.rank}.${r.name}`),
    ['1.城东', '2.新开', '3.和平桥', '4.竹行', '5.中兴'],
  );
});

test('gap list: every team not officially 达标, veto items first, then by points', () => {
  const g = gapList(fleet);
  assert.deepEqual(g.map((r) => r.name), ['新开', '和平桥', '竹行', '中兴']);
  const zhuhang = g.find((r) => r.name === '竹行')!;
  assert.deepEqual(zhuhang.vetoFailed.map((v) => v.code), ['A.1']);
  const t = teamState(catalog, rule, team('x', 'x', 'd'), { status: 'draft', pct: 0, grade: null }, answers({ 'A.1': 'non_compliant', 'A.2': 'non_compliant', 'B.1.1': 'non_compliant' }));
  assert.deepEqual(gapList([t])[0]!.failing.map((f) => f.code), ['A.1', 'B.1.1', 'A.2']);
});

test('targets count accepted teams only; aspect targets by the aspect line', () => {
  const cases: [string, string | null, Record<string, number>, string | null, number | null, boolean][] = [
    ['accepted', 'pass', {}, null, null, true],
    ['accepted', 'basic_pass', {}, null, null, false],
    ['submitted', null, {}, null, null, false],
    ['accepted', 'basic_pass', { A: 90 }, 'A', 85, true],
    ['accepted', 'basic_pass', { A: 80 }, 'A', 85, false],
    ['draft', null, { A: 100 }, 'A', 85, false],
    ['accepted', 'pass', {}, 'Z', 10, false],
  ];
  for (const [status, grade, aspectPcts, aspectCode, aspectMinPct, expected] of cases) {
    assert.equal(meetsTarget({ status, grade, aspectPcts }, { aspectCode, aspectMinPct }), expected, JSON.stringify({ status, grade, aspectPcts, aspectCode }));
  }
});

test('burn-up: daily up to 400 days, weekly (last snapshot of each ISO week) beyond', () => {
  const p = (day: string, pass: number): BurnUpPoint => ({ day, pass, basicPass: 0, accepted: pass, avgPct: 50 });
  const short = [p('2019-01-02', 1), p('2019-01-01', 0), p('2019-01-03', 2)];
  assert.deepEqual(bucketBurnUp(short).map((x) => x.day), ['2019-01-01', '2019-01-02', '2019-01-03']);
  const long: BurnUpPoint[] = [];
  for (let i = 0; i < 500; i++) long.push(p(new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), i));
  const weekly = bucketBurnUp(long);
  // 2019-01-01 is a Tuesday: first week Tue–Sun (6 days, ends 2019-01-06), then full weeks.
  assert.equal(weekly[0]!.day, '2019-01-06');
  assert.equal(weekly[0]!.pass, 5);
  assert.equal(weekly[1]!.day, '2019-01-13');
  assert.equal(weekly.length, Math.ceil((500 - 6) / 7) + 1);
  assert.equal(weekly[weekly.length - 1]!.day, long[long.length - 1]!.day);
});

test('today in Asia/Shanghai', () => {
  assert.equal(shanghaiDay(new Date('2019-12-31T15:59:59Z')), '2019-12-31');
  assert.equal(shanghaiDay(new Date('2019-12-31T16:00:00Z')), '2020-01-01');
});

test('department-level items: not graded for teams, and an aspect of only such items is not listed', () => {
  // Aspect D (执法部门) holds department items only; aspect B mixes in a department item.
  const dn = (code: string, parentCode: string | null, title: string, points: number | null, appliesTo: string): CatalogNodeRef => ({ ...n(code, parentCode, title, points), appliesTo });
  const cat = indexCatalog([
    dn('D', null, '执法部门', null, 'team'),
    dn('D.1', 'D', '机构设置', 10, 'department'),
    dn('A', null, '执法机构', null, 'team'),
    dn('A.1', 'A', '持证上岗', 10, 'team'),
    dn('B', null, '执法保障', null, 'team'),
    dn('B.1', 'B', '执法记录仪', 10, 'team'),
    dn('B.2', 'B', '经费保障', 10, 'department'),
  ]);
  const teams = ['甲', '乙'].map((name, k) => teamState(cat, rule, team(`t${k}`, name, 'd1'), { status: 'accepted', pct: 100, grade: 'pass' }, answers({ 'A.1': 'compliant', 'B.1': 'compliant' })));
  assert.deepEqual(teams[0]!.aspectPcts, { A: 100, B: 100 });
  assert.equal(teams[0]!.liveGrade, 'pass');
  assert.deepEqual(byAspect(teams, cat.aspects, rule.passPct).map((a) => [a.aspectCode, a.avgPct, a.teamsBelow.length]), [
    ['A', 100, 0],
    ['B', 100, 0],
  ]);
});
