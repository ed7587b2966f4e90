import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableActions, isOverdue, rectificationActions, rectificationTransition, transition, type AssessmentAction, type AssessmentState, type ReviewLevel } from './workflow';
import { gradeAssessment, gradingRuleProblems, itemScore, type ScoredItem } from './scoring';

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
    [it('a', '1', 10, 'compliant', { method: 'graded', score: 8 }), 8],
    [it('a', '1', 10, 'compliant', { method: 'graded', score: 12 }), 10],
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
