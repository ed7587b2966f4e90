import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableActions, isOverdue, rectificationActions, rectificationTransition, transition, type AssessmentAction, type AssessmentState, type ReviewLevel } from './workflow';
import { gradeAssessment, gradingRuleProblems, itemScore, scoreProblem, type ItemResult, type ScoredItem } from './scoring';
import { gradeTeam, teamCatalog, type GradingNode, type ItemAnswer } from './team-scoring';

test('assessment flow: table of transitions', () => {
  const cases: [AssessmentState, AssessmentAction, ReviewLevel[], string | null, number, string][] = [
    ['draft', 'submit', ['team'], null, 0, 'submitted'],
    ['draft', 'submit', ['team'], null, 3, 'assessment.incomplete'],
    ['draft', 'submit', ['district'], null, 0, 'assessment.wrong_level'],
    ['submitted', 'district_accept', ['district'], null, 0, 'district_reviewed'],
    ['submitted', 'district_return', ['district'], '', 0, 'assessment.comment_required'],
    ['submitted', 'district_return', ['district'], '证据不全', 0, 'draft'],
    ['submitted', 'city_accept', ['city'], null, 0, 'assessment.wrong_state'],
    ['district_reviewed', 'city_accept', ['city'], null, 0, 'accepted'],
    ['district_reviewed', 'city_accept', ['district'], null, 0, 'assessment.wrong_level'],
    ['district_reviewed', 'city_return', ['city'], '复核不通过', 0, 'draft'],
    ['accepted', 'reopen', ['city'], null, 0, 'assessment.comment_required'],
    ['accepted', 'reopen', ['city'], '数据更正', 0, 'draft'],
    ['accepted', 'submit', ['team'], null, 0, 'assessment.wrong_state'],
  ];
  for (const [from, action, levels, comment, unanswered, expected] of cases) {
    const r = transition(from, action, { levels, comment, unanswered });
    assert.equal(r.ok ? r.to : r.code, expected, `${from} --${action}--> by ${levels}`);
  }
});

test('available actions follow state and level', () => {
  assert.deepEqual(availableActions('draft', ['team']), ['submit']);
  assert.deepEqual(availableActions('submitted', ['district', 'city']), ['district_accept', 'district_return']);
  assert.deepEqual(availableActions('district_reviewed', ['city']), ['city_accept', 'city_return']);
  assert.deepEqual(availableActions('accepted', ['team', 'district']), []);
});

test('rectification flow and overdue flag', () => {
  assert.equal(rectificationTransition('open', 'start', 'owner'), 'in_progress');
  assert.equal(rectificationTransition('in_progress', 'submit', 'owner'), 'submitted');
  assert.equal(rectificationTransition('submitted', 'verify', 'owner'), null);
  assert.equal(rectificationTransition('submitted', 'verify', 'verifier'), 'verified');
  assert.equal(rectificationTransition('submitted', 'reopen', 'verifier'), 'reopened');
  assert.equal(rectificationTransition('reopened', 'start', 'owner'), 'in_progress');
  assert.equal(rectificationTransition('verified', 'start', 'owner'), null);
  assert.deepEqual(rectificationActions('submitted', ['owner', 'verifier']), ['verify', 'reopen']);
  assert.equal(isOverdue({ status: 'open', dueDate: '2026-11-25' }, '2026-11-26'), true);
  assert.equal(isOverdue({ status: 'open', dueDate: '2026-11-26' }, '2026-11-26'), false);
  assert.equal(isOverdue({ status: 'verified', dueDate: '2020-01-01' }, '2026-11-26'), false);
});

const it = (code: string, aspect: string, points: number, result: ScoredItem['result'], extra: Partial<ScoredItem> = {}): ScoredItem => ({
  code,
  aspectCode: aspect,
  points,
  method: 'pass_fail',
  isVeto: false,
  result,
  score: null,
  ...extra,
});

test('item scores by result and method', () => {
  const cases: [ScoredItem, number | null][] = [
    [it('a', '1', 10, 'compliant'), 10],
    [it('a', '1', 10, 'non_compliant'), 0],
    [it('a', '1', 10, 'partially_compliant'), 5],
    [it('a', '1', 10, 'partially_compliant', { score: 7 }), 7],
    // The result decides: 符合 is full points and 不符合 0, whatever score a row carries.
    [it('a', '1', 30, 'compliant', { method: 'graded', score: 24 }), 30],
    [it('a', '1', 10, 'compliant', { method: 'graded', score: 12 }), 10],
    [it('a', '1', 15, 'non_compliant', { method: 'graded', score: 3 }), 0],
    [it('a', '1', 15, 'partially_compliant', { method: 'graded', score: 9 }), 9],
    [it('a', '1', 10, 'not_applicable'), null],
    [it('a', '1', 10, null), 0],
  ];
  for (const [i, expected] of cases) assert.equal(itemScore(i), expected, JSON.stringify(i));
});

test('grading: thresholds, N/A out of the denominator, veto forces fail, reasons explain', () => {
  const rule = { passPct: 80, basicPct: 60 };
  const base = [it('1.1', '1', 40, 'compliant'), it('1.2', '1', 10, 'non_compliant'), it('2.1', '2', 30, 'compliant'), it('2.2', '2', 20, 'not_applicable')];
  const g = gradeAssessment(base, rule);
  assert.equal(g.max, 80);
  assert.equal(g.score, 70);
  assert.equal(g.pct, 87.5);
  assert.equal(g.grade, 'pass');
  assert.deepEqual(g.aspects.map((a) => [a.aspectCode, a.score, a.max, a.pct]), [['1', 40, 50, 80], ['2', 30, 30, 100]]);
  assert.deepEqual(g.notApplicable, ['2.2']);

  const veto = gradeAssessment([...base.slice(0, 1), it('1.2', '1', 10, 'non_compliant', { isVeto: true }), ...base.slice(2)], rule);
  assert.equal(veto.grade, 'fail');
  assert.deepEqual(veto.vetoFailed, ['1.2']);
  assert.match(veto.reasons[0]!, /一票否决/);

  assert.equal(gradeAssessment([it('a', '1', 10, 'compliant'), it('b', '1', 10, 'partially_compliant', { score: 4 })], rule).grade, 'basic_pass');
  assert.equal(gradeAssessment([it('a', '1', 10, 'compliant'), it('b', '1', 10, null)], rule).grade, 'fail');
  assert.deepEqual(gradingRuleProblems({ passPct: 80, basicPct: 90 }), ['basicPct must be in [0, passPct)']);
});

test('the grading rule at input: a score that contradicts the result is a problem, with the field to fix', () => {
  const cases: [ScoredItem['method'], number, ItemResult | null, number | null, string | null][] = [
    ['graded', 30, 'compliant', null, null],
    ['graded', 30, 'compliant', 30, null],
    ['graded', 30, 'compliant', 24, 'score'],
    ['graded', 15, 'non_compliant', 3, 'score'],
    ['graded', 15, 'non_compliant', 0, null],
    ['graded', 15, 'non_compliant', null, null],
    ['graded', 15, 'partially_compliant', 9, null],
    ['graded', 15, 'partially_compliant', null, 'score'],
    ['graded', 15, 'partially_compliant', 0, 'score'],
    ['graded', 15, 'partially_compliant', 15, 'score'],
    ['graded', 15, 'partially_compliant', 16, 'score'],
    ['pass_fail', 10, 'partially_compliant', 5, 'result'],
    ['computed', 10, 'partially_compliant', null, 'result'],
    ['pass_fail', 10, 'compliant', 10, null],
    ['pass_fail', 10, 'compliant', 5, 'score'],
    ['pass_fail', 10, 'not_applicable', null, null],
    ['graded', 10, 'not_applicable', 4, 'score'],
    ['graded', 10, null, 4, 'score'],
    ['graded', 10, 'compliant', -1, 'score'],
  ];
  for (const [method, points, result, score, field] of cases) {
    assert.equal(scoreProblem(method, points, result, score)?.field ?? null, field, `${method} ${result} ${score}/${points}`);
  }
});

test('a failed veto item is named once in the explanation, with its title', () => {
  const veto = it('1.2', '1', 10, 'non_compliant', { isVeto: true, title: '持证上岗' });
  const g = gradeAssessment([it('1.1', '1', 40, 'compliant'), veto, veto], { passPct: 80, basicPct: 60 });
  assert.deepEqual(g.vetoFailed, ['1.2']);
  const lines = g.reasons.filter((r) => r.includes('1.2'));
  assert.deepEqual(lines, ['一票否决项不符合: 1.2 持证上岗']);
});

const node = (code: string, parentCode: string | null, points: number | null, appliesTo: string, extra: Partial<GradingNode> = {}): GradingNode => ({
  code,
  parentCode,
  title: `t${code}`,
  points,
  isVeto: false,
  method: points === null ? null : 'pass_fail',
  appliesTo,
  ...extra,
});

test('team scoring: department-level items are not a team\'s; an aspect of only such items is not a team aspect', () => {
  // Aspect 1 (执法部门) holds department items only; aspect 5 mixes a department item with team items.
  const nodes = [
    node('1', null, null, 'team'),
    node('1.1', '1', 10, 'department', { isVeto: true }),
    node('2', null, null, 'team'),
    node('2.1', '2', 20, 'team'),
    node('5', null, null, 'team'),
    node('5.1', '5', 10, 'team'),
    node('5.2', '5', 10, 'department'),
    node('5.3', '5', 10, 'all'),
  ];
  const cat = teamCatalog(nodes);
  assert.deepEqual(cat.items.map((i) => `${i.code}@${i.aspectCode}`), ['2.1@2', '5.1@5', '5.3@5']);
  assert.deepEqual(cat.aspects.map((a) => a.code), ['2', '5']);
  const answers = new Map<string, ItemAnswer>([
    ['2.1', { result: 'compliant', score: null }],
    ['5.1', { result: 'compliant', score: null }],
    ['5.3', { result: 'non_compliant', score: null }],
    // A stray answer for a department item does not count (and its veto does not fail a team).
    ['1.1', { result: 'non_compliant', score: null }],
  ]);
  const g = gradeTeam(cat, answers, { passPct: 80, basicPct: 60 });
  assert.deepEqual([g.score, g.max, g.pct, g.grade], [30, 40, 75, 'basic_pass']);
  assert.deepEqual(g.aspects.map((a) => [a.aspectCode, a.pct]), [['2', 100], ['5', 50]]);
  assert.deepEqual(g.vetoFailed, []);
  // Missing appliesTo is the catalog column's default (team).
  assert.equal(teamCatalog([node('9', null, 5, undefined as unknown as string)]).items.length, 1);
});
