import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_METRICS, evaluateRule, type RuleData } from './rule';
import { METRIC_NAMES, requirementWords } from './rule-words';
import zhCN from '../../../../../web/src/shared/i18n/zh-CN';

const OFFICERS = `count(person where kind = 'officer' and status = 'active')`;
const person = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `p${i}`,
  kind: 'officer',
  status: 'active',
  training_hours: 30 + i,
  has_certificate: true,
  certificate_valid: i !== 0,
  party_member: i < 2,
  uniform_issued: true,
  ...extra,
});
/** 5 officers (one without a valid certificate), one vehicle, one body camera, one 来访接待室, one non-conforming 队名标牌. */
const DATA: RuleData = {
  rows: {
    person: [0, 1, 2, 3, 4].map((i) => person(i)),
    room: [{ id: 'r1', type: '来访接待室', area: 20 }],
    office: [{ id: 'o1', area: 50, independent: false, floor: 3 }],
    asset: [
      { id: 'a1', type: 'vehicle', status: 'in_use' },
      { id: 'a2', type: 'body_camera', status: 'in_use' },
    ],
    signage: [{ id: 's1', type: '队名标牌', conforms: false }],
  },
  metrics: { certificate_rate: 0.8, satisfaction_rate: 0.9 },
};

const cases: { rule: string; requirement: string; actual: string }[] = [
  { rule: `${OFFICERS} >= 6`, requirement: '在岗执法人员人数不少于 6 人', actual: '5 人，未达标，差 1 人' },
  { rule: `${OFFICERS} >= 3`, requirement: '在岗执法人员人数不少于 3 人', actual: '5 人，达标，超出 2 人' },
  { rule: `count(asset where type = 'vehicle' and status = 'in_use') >= 2`, requirement: '在用执法车辆数量不少于 2 辆', actual: '1 辆，未达标，差 1 辆' },
  {
    rule: `count(person where kind = 'officer' and status = 'active' and certificate_valid = true) = ${OFFICERS}`,
    requirement: '持有效执法证的在岗执法人员人数等于在岗执法人员人数',
    actual: '4 人（在岗执法人员人数 5 人），未达标，相差 1 人',
  },
  { rule: `avg(person.training_hours where kind = 'officer' and status = 'active') >= 40`, requirement: '在岗执法人员平均培训学时不少于 40 学时', actual: '32 学时，未达标，差 8 学时' },
  { rule: `count(person where kind = 'auxiliary' and status = 'active') <= ${OFFICERS}`, requirement: '在岗协管员人数不超过在岗执法人员人数', actual: '0 人（在岗执法人员人数 5 人），达标' },
  // Rates read as percentages, the gap in percentage points; a metric without data by its Chinese name.
  { rule: `metric(certificate_rate) >= 0.9`, requirement: '执法人员持证率不少于 90%', actual: '80%，未达标，差 10 个百分点' },
  { rule: `metric(satisfaction_rate) >= 0.85`, requirement: '群众满意率不少于 85%', actual: '90%，达标，超出 5 个百分点' },
  { rule: `metric(patrol_coverage_rate) >= 0.9`, requirement: '巡查覆盖率不少于 90%', actual: '巡查覆盖率无数据，无法计算' },
  // Combinations list how each part stands.
  { rule: `exists(room where type = '业务受理室') or exists(room where type = '来访接待室')`, requirement: '设有业务受理室，或设有来访接待室', actual: '没有业务受理室；有来访接待室' },
  { rule: `exists(office where independent = true) or exists(office where floor <= 2)`, requirement: '设有独立的办公用房，或设有楼层不超过 2 层的办公用房', actual: '没有独立的办公用房；没有楼层不超过 2 层的办公用房' },
  {
    rule: `count(signage) >= 1 and count(signage where conforms = false) = 0`,
    requirement: '标识标牌数量不少于 1 块，且不合规的标识标牌数量等于 0 块',
    actual: '标识标牌数量 1 块，达标；不合规的标识标牌数量 1 块，未达标，相差 1 块',
  },
  { rule: `exists(signage where type = '队名标牌' and conforms = true)`, requirement: '设有合规的队名标牌', actual: '没有合规的队名标牌' },
  { rule: `not exists(room where type = '暂扣物品库')`, requirement: '没有暂扣物品库', actual: '没有暂扣物品库' },
  // Arithmetic keeps its operators; the value is the computed one.
  { rule: `count(asset where type = 'body_camera' and status = 'in_use') * 2 >= ${OFFICERS}`, requirement: '在用执法记录仪数量 × 2 不少于在岗执法人员人数', actual: '2（在岗执法人员人数 5），未达标，差 3' },
  { rule: `sum(office.area) / count(person where status = 'active') >= 12`, requirement: '办公用房面积合计 ÷ 在岗人员人数不少于 12', actual: '10，未达标，差 2' },
  { rule: `count(asset where status = 'in_repair') <= 0`, requirement: '维修装备数量不超过 0 件', actual: '0 件，达标' },
  { rule: `count(asset where type = 'vehicle') < 1`, requirement: '执法车辆数量少于 1 辆', actual: '1 辆，未达标，超出 1 辆' },
  { rule: `count(asset where type = 'vehicle') > 1`, requirement: '执法车辆数量多于 1 辆', actual: '1 辆，未达标，差 1 辆' },
];

for (const c of cases) {
  test(`words of ${c.rule}`, () => {
    const words = requirementWords(c.rule, evaluateRule(c.rule, DATA));
    assert.deepEqual(words, { requirement: c.requirement, actual: c.actual });
  });
}

test('a rule that does not type-check has no words (the evaluator says why)', () => {
  const rule = 'count(person where colour = 1) >= 1';
  assert.equal(requirementWords(rule, evaluateRule(rule, DATA)), null);
});

test('every metric of the rule language has a Chinese name', () => {
  for (const m of DEFAULT_METRICS) assert.match(METRIC_NAMES[m] ?? '', /[\u4e00-\u9fff]/, m);
});

test('no internal name reaches the words of any demo-style rule', () => {
  for (const c of cases) {
    const w = requirementWords(c.rule, evaluateRule(c.rule, DATA))!;
    assert.doesNotMatch(`${w.requirement} ${w.actual}`, /[a-z]{3,}|_/, c.rule);
  }
});

test('the overview page names the metrics as the words do (a missing metric is listed by name there)', () => {
  assert.deepEqual(zhCN.uiFixes.metrics, METRIC_NAMES);
});
