import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar, NATIONAL_RULES, SHIPPED_NOTICES, SHIPPED_RULES } from '../../legal';
import type { Permission } from '../../../platform/permissions';
import { ACTIONS, CASE_ACTIONS, CASE_STATES, availableActions, transition, type CaseAction, type CaseState } from './workflow';
import { caseDeadlines, type TimelineEvent } from './deadlines';
import { caseLegalView } from './legal-view';
import { decideProblem, type Penalty, hearingNoticeProblem, hearingRights, officersProblem, reviewTriggers, stepDateProblem, type OfficerFacts } from './guards';

const OFFICER: Permission[] = ['case.read', 'case.lead', 'case.handle'];
const LEADER: Permission[] = [...OFFICER, 'case.approve'];
const REVIEWER: Permission[] = ['case.read', 'case.legal_review'];
const AUX: Permission[] = ['case.read', 'case.lead'];

test('case flow: every transition of the table, from each of its states, by the permission it needs', () => {
  for (const action of CASE_ACTIONS) {
    const spec = ACTIONS[action];
    const procedure = spec.procedure === 'simple' ? 'simple' : 'general';
    for (const state of spec.from) {
      const r = transition({ state, procedure }, action, { permissions: [...LEADER, ...REVIEWER], reason: '理由' });
      assert.ok(r.ok, `${state} --${action}-->`);
      assert.equal(r.to, spec.to === 'same' ? state : spec.to, `${state} --${action}-->`);
      const denied = transition({ state, procedure }, action, { permissions: AUX, reason: '理由' });
      assert.equal(denied.ok ? 'ok' : denied.code, 'case.not_permitted', `an auxiliary may not ${action}`);
    }
    // Every other state refuses it.
    for (const state of CASE_STATES.filter((s) => !spec.from.includes(s))) {
      const r = transition({ state, procedure }, action, { permissions: [...LEADER, ...REVIEWER], reason: '理由' });
      assert.equal(r.ok ? 'ok' : r.code, 'case.wrong_state', `${state} --${action}--> is out of order`);
    }
  }
});

test('case flow: table of the main path and its refusals', () => {
  const cases: [CaseState, CaseAction, Permission[], string | null, string][] = [
    ['lead', 'check', OFFICER, null, 'checked'],
    ['lead', 'check', AUX, null, 'case.not_permitted'],
    ['checked', 'approve_filing', OFFICER, null, 'case.not_permitted'],
    ['checked', 'approve_filing', LEADER, null, 'investigating'],
    ['checked', 'reject_filing', LEADER, '', 'case.reason_required'],
    ['checked', 'reject_filing', LEADER, '证据不足', 'not_filed'],
    ['investigating', 'decide', LEADER, null, 'case.wrong_state'],
    ['investigating', 'close_investigation', OFFICER, null, 'investigated'],
    ['investigated', 'notify', OFFICER, null, 'notified'],
    ['notified', 'request_hearing', OFFICER, null, 'hearing_requested'],
    ['hearing_requested', 'schedule_hearing', OFFICER, null, 'hearing_scheduled'],
    ['hearing_scheduled', 'hold_hearing', OFFICER, null, 'heard'],
    ['heard', 'submit_review', OFFICER, null, 'in_review'],
    ['in_review', 'legal_review', LEADER, null, 'case.not_permitted'],
    ['in_review', 'legal_review', REVIEWER, null, 'reviewed'],
    ['reviewed', 'collective_discussion', LEADER, null, 'discussed'],
    ['discussed', 'decide', OFFICER, null, 'case.not_permitted'],
    ['discussed', 'decide', LEADER, null, 'decided'],
    ['decided', 'serve', OFFICER, null, 'executing'],
    ['executing', 'apply_court', LEADER, null, 'court_enforcement'],
    ['executing', 'record_payment', OFFICER, null, 'executed'],
    ['executed', 'close', LEADER, null, 'closed'],
    ['closed', 'archive', LEADER, null, 'archived'],
    ['archived', 'withdraw', LEADER, '撤', 'case.wrong_state'],
    ['investigating', 'withdraw', LEADER, null, 'case.reason_required'],
    ['investigating', 'withdraw', LEADER, '违法事实不能成立', 'withdrawn'],
    ['investigating', 'extend_decision', LEADER, '案情复杂', 'investigating'],
    ['investigating', 'seize', OFFICER, null, 'case.not_permitted'],
  ];
  for (const [state, action, permissions, reason, expected] of cases) {
    const r = transition({ state, procedure: 'general' }, action, { permissions, reason });
    assert.equal(r.ok ? r.to : r.code, expected, `${state} --${action}--> by ${permissions.join(',')}`);
  }
  assert.equal((transition({ state: 'executing', procedure: 'general' }, 'file_record', { permissions: OFFICER }) as { code: string }).code, 'case.wrong_procedure');
  assert.deepEqual(transition({ state: 'executing', procedure: 'simple' }, 'file_record', { permissions: OFFICER }), { ok: true, to: 'executing' });
  assert.deepEqual(availableActions({ state: 'lead', procedure: 'general' }, AUX), []);
  assert.deepEqual(availableActions({ state: 'in_review', procedure: 'general' }, REVIEWER), ['legal_review']);
});

const person = (id: string, extra: Partial<OfficerFacts> = {}): OfficerFacts => ({ personId: id, name: `N${id}`, kind: 'officer', status: 'active', certificateNo: `C${id}`, certificateIssuedOn: '2020-01-01', certificateExpiresOn: '2026-06-30', ...extra });

test('officers: two distinct, both active officers with a 执法证 valid on the date', () => {
  const known = new Map([
    ['a', person('a')],
    ['b', person('b')],
    ['x', person('x', { certificateExpiresOn: '2026-02-28' })],
    ['y', person('y', { kind: 'auxiliary', certificateNo: null })],
    ['z', person('z', { status: 'left' })],
    ['n', person('n', { certificateNo: null })],
  ]);
  const cases: [string[], string, string | null][] = [
    [['a', 'b'], '2026-03-02', null],
    [['a', 'b'], '2026-06-30', null],
    [['a', 'b'], '2026-07-01', 'case.certificate_invalid'],
    [['a', 'b'], '2019-12-31', 'case.certificate_invalid'],
    [['a'], '2026-03-02', 'case.officers_two_required'],
    [['a', 'a'], '2026-03-02', 'case.officers_two_required'],
    [['a', 'x'], '2026-03-02', 'case.certificate_invalid'],
    [['a', 'x'], '2026-02-28', null],
    [['y', 'a'], '2026-03-02', 'case.officer_auxiliary'],
    [['a', 'z'], '2026-03-02', 'case.officer_unknown'],
    [['a', 'q'], '2026-03-02', 'case.officer_unknown'],
    [['n', 'a'], '2026-03-02', 'case.certificate_invalid'],
  ];
  for (const [ids, on, expected] of cases) assert.equal(officersProblem(ids, known, on)?.code ?? null, expected, `${ids} on ${on}`);
  const p = officersProblem(['a', 'x'], known, '2026-03-02');
  assert.ok(p && 'name' in p && p.name === 'Nx', 'the refusal names the person');
});

test('guards: step dates, hearing rights, 法制审核 triggers, what a decision needs, hearing notice', () => {
  assert.equal(stepDateProblem('2026-03-01', '2026-03-02', '2026-03-05')?.code, 'case.date_before_act');
  assert.equal(stepDateProblem('2026-03-06', '2026-03-02', '2026-03-05')?.code, 'case.date_in_future');
  assert.equal(stepDateProblem('2026-03-02', '2026-03-02', '2026-03-05'), null);
  assert.equal(hearingRights({ kinds: ['fine'], fineFen: 10_000_00 }, null), false);
  assert.equal(hearingRights({ kinds: ['fine'], fineFen: 10_000_00 }, 10_000_00), true);
  assert.equal(hearingRights({ kinds: ['fine'], fineFen: 9_999_99 }, 10_000_00), false);
  assert.equal(hearingRights({ kinds: ['suspension'], fineFen: 0 }, null), true);
  assert.equal(hearingRights({ kinds: ['warning'], fineFen: 0 }, null), false);
  assert.deepEqual(reviewTriggers({ hearingHeld: true, outsideBand: true, complex: true }), ['hearing_held', 'complex', 'outside_band']);
  assert.deepEqual(reviewTriggers({ hearingHeld: false, outsideBand: false }), []);
  type F = Parameters<typeof decideProblem>[0];
  type D = Parameters<typeof decideProblem>[1];
  const base: F = { reviewRequired: false, reviewApproved: false, major: false, discussed: false, hearingRights: false, hearingWaived: false, hearingHeld: false, hearingWindowDue: null, noticed: { kinds: ['fine'], fineFen: 500_00 } as Penalty };
  const d: D = { outcome: 'penalty', penalty: { kinds: ['fine'], fineFen: 500_00 }, reason: null, onDate: '2026-03-20' };
  const cases: [Partial<F>, Partial<D>, string | null][] = [
    [{}, {}, null],
    [{ reviewRequired: true }, {}, 'case.legal_review_required'],
    [{ reviewRequired: true, reviewApproved: true }, {}, null],
    [{ major: true }, {}, 'case.collective_discussion_required'],
    [{ major: true, discussed: true }, {}, null],
    [{ hearingRights: true, hearingWindowDue: '2026-03-20' }, {}, 'case.hearing_window_open'],
    [{ hearingRights: true, hearingWindowDue: '2026-03-19' }, {}, null],
    [{ hearingRights: true, hearingWindowDue: null }, {}, 'case.hearing_window_open'],
    [{ hearingRights: true, hearingWindowDue: '2026-03-25', hearingWaived: true }, {}, null],
    [{}, { penalty: { kinds: ['fine'], fineFen: 500_01 } }, 'case.penalty_exceeds_notice'],
    [{}, { penalty: { kinds: ['fine', 'confiscation'], fineFen: 500_00 } }, 'case.penalty_exceeds_notice'],
    [{}, { outcome: 'no_penalty', penalty: null }, 'case.reason_required'],
    [{ reviewRequired: true }, { outcome: 'no_penalty', penalty: null, reason: '违法行为轻微' }, null],
  ];
  for (const [f, x, expected] of cases) assert.equal(decideProblem({ ...base, ...f }, { ...d, ...x })?.code ?? null, expected, JSON.stringify([f, x]));
  assert.equal(hearingNoticeProblem('2026-03-13', '2026-03-19')?.code, 'case.hearing_notice_too_short');
  assert.equal(hearingNoticeProblem('2026-03-19', '2026-03-19'), null);
  assert.equal(hearingNoticeProblem('2026-03-19', null)?.code, 'case.hearing_notice_too_short');
});

test('deadlines folded from a timeline with the shipped rules and the 2025–2026 calendars', () => {
  const legal = caseLegalView(NATIONAL_RULES, buildCalendar(SHIPPED_NOTICES));
  const ev = (action: TimelineEvent['action'], onDate: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({ action, onDate, ...extra });
  const timeline = [
    ev('create_lead', '2026-03-02'),
    ev('check', '2026-03-03'),
    ev('approve_filing', '2026-03-04'),
    ev('seize', '2026-03-04', { seizureId: 's1' }),
    ev('extend_seizure', '2026-03-30', { seizureId: 's1' }),
    ev('close_investigation', '2026-03-20'),
    ev('notify', '2026-03-27', { hearingRights: true }), // a Friday: five working days end Friday 04-03
  ];
  const byKind = (list: ReturnType<typeof caseDeadlines>) => Object.fromEntries(list.map((d) => [d.key, d]));
  let d = byKind(caseDeadlines(timeline, legal, '2026-03-30'));
  assert.equal(d.lead_check!.state, 'met');
  assert.equal(d.lead_check!.stoppedOn, '2026-03-04');
  assert.equal(d.decision!.dueOn, '2026-06-02', '90 days from 立案 on 03-04');
  assert.equal(d.decision!.state, 'running');
  assert.equal(d['seizure:s1']!.dueOn, '2026-05-03', '30 + 30 days (行政强制法 第二十五条)');
  assert.equal(d['seizure:s1']!.extensions, 1);
  assert.equal(d.hearing_request!.dueOn, '2026-04-03');
  assert.equal(d.hearing_request!.workingDaysLeft, 4);
  assert.equal(d.hearing_request!.duty, false);
  // Nobody asked in time: the party's window lapses, it is not overdue.
  d = byKind(caseDeadlines(timeline, legal, '2026-04-07'));
  assert.equal(d.hearing_request!.state, 'lapsed');
  // The decision period overdue, then met late.
  d = byKind(caseDeadlines(timeline, legal, '2026-06-03'));
  assert.equal(d.decision!.state, 'overdue');
  d = byKind(caseDeadlines([...timeline, ev('decide', '2026-06-03', { fineFen: 500_00 })], legal, '2026-06-03'));
  assert.equal(d.decision!.state, 'met');
  assert.equal(d.decision!.late, true);
  assert.equal(d.service!.state, 'running');
  // A decision without a fine starts neither payment nor the court window.
  d = byKind(caseDeadlines([...timeline, ev('decide', '2026-05-06', { fineFen: 0 }), ev('serve', '2026-05-06', { fineFen: 0 })], legal, '2026-05-06'));
  assert.equal(d.payment, undefined);
  assert.equal(d.court_application, undefined);
  // Served with a fine: 15 days to pay; the court window opens after the six-month lawsuit window.
  d = byKind(caseDeadlines([...timeline, ev('decide', '2026-05-06', { fineFen: 500_00 }), ev('serve', '2026-05-07', { fineFen: 500_00 })], legal, '2026-05-07'));
  assert.equal(d.payment!.dueOn, '2026-05-22');
  // Six months (行政诉讼法 第四十六条) end Saturday 2026-11-07, moved to Monday 11-09 (a party's period); then three months (行政强制法 第五十三条).
  assert.equal(d.court_application!.dueOn, '2027-02-09');
  // A working-day period reaching 2027: calendar missing, no due day.
  d = byKind(caseDeadlines([ev('create_lead', '2026-12-20'), ev('check', '2026-12-20'), ev('approve_filing', '2026-12-21'), ev('close_investigation', '2026-12-22'), ev('notify', '2026-12-28', { hearingRights: true })], legal, '2026-12-28'));
  assert.equal(d.hearing_request!.dueOn, null);
  assert.deepEqual(d.hearing_request!.calendarMissing, [2027]);
  assert.equal(d.hearing_request!.state, 'running');
});

test('先行登记保存 and 公告送达: their deadlines folded from the timeline (shipped rules, 2026 calendar)', () => {
  const legal = caseLegalView(SHIPPED_RULES, buildCalendar(SHIPPED_NOTICES));
  const ev = (action: TimelineEvent['action'], onDate: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({ action, onDate, ...extra });
  const opened = [ev('create_lead', '2026-03-02'), ev('check', '2026-03-03'), ev('approve_filing', '2026-03-04')];
  const byKey = (list: ReturnType<typeof caseDeadlines>) => Object.fromEntries(list.map((d) => [d.key, d]));
  // [timeline after 立案, today, key, rule, due, state, late]
  const cases: [TimelineEvent[], string, string, string, string | null, string, boolean][] = [
    // 第五十六条: 七日 are working days (第八十五条): Wednesday 03-04 → Friday 03-13.
    [[ev('register_evidence', '2026-03-04', { evidenceId: 'e1' })], '2026-03-05', 'evidence_preservation:e1', 'xzcf.evidence_preservation', '2026-03-13', 'running', false],
    [[ev('register_evidence', '2026-03-04', { evidenceId: 'e1' })], '2026-03-16', 'evidence_preservation:e1', 'xzcf.evidence_preservation', '2026-03-13', 'overdue', false],
    [[ev('register_evidence', '2026-03-04', { evidenceId: 'e1' }), ev('decide_evidence', '2026-03-12', { evidenceId: 'e1' })], '2026-03-16', 'evidence_preservation:e1', 'xzcf.evidence_preservation', '2026-03-13', 'met', false],
    [[ev('register_evidence', '2026-03-04', { evidenceId: 'e1' }), ev('decide_evidence', '2026-03-16', { evidenceId: 'e1' })], '2026-03-16', 'evidence_preservation:e1', 'xzcf.evidence_preservation', '2026-03-13', 'met', true],
    // Two registrations: deciding one leaves the other running; 撤案 stops every one.
    [[ev('register_evidence', '2026-03-04', { evidenceId: 'e1' }), ev('register_evidence', '2026-03-10', { evidenceId: 'e2' }), ev('decide_evidence', '2026-03-11', { evidenceId: 'e1' })], '2026-03-12', 'evidence_preservation:e2', 'xzcf.evidence_preservation', '2026-03-19', 'running', false],
    [[ev('register_evidence', '2026-03-04', { evidenceId: 'e1' }), ev('register_evidence', '2026-03-10', { evidenceId: 'e2' }), ev('withdraw', '2026-03-11')], '2026-03-30', 'evidence_preservation:e2', 'xzcf.evidence_preservation', '2026-03-19', 'met', false],
    // 公告送达 (民事诉讼法 第九十五条): 30 days from 05-07 end Saturday 06-06 → deemed served Monday 06-08 (第八十五条第三款).
    [[ev('decide', '2026-05-06', { fineFen: 500_00 }), ev('serve_by_notice', '2026-05-07', { fineFen: 500_00 })], '2026-05-08', 'notice_service', 'msss.public_notice_service', '2026-06-08', 'running', false],
    [[ev('decide', '2026-05-06', { fineFen: 500_00 }), ev('serve_by_notice', '2026-05-07', { fineFen: 500_00 })], '2026-05-08', 'service', 'xzcf.service_absent', '2026-05-14', 'met', false], // 7 working days, Saturday 05-09 worked (调休)
    [[ev('decide', '2026-05-06', { fineFen: 500_00 }), ev('serve_by_notice', '2026-05-07', { fineFen: 500_00 })], '2026-06-09', 'notice_service', 'msss.public_notice_service', '2026-06-08', 'lapsed', false],
    // Served on the deemed day: the fifteen days to pay count from it (第六十七条第三款), 06-08 → 06-23.
    [[ev('decide', '2026-05-06', { fineFen: 500_00 }), ev('serve_by_notice', '2026-05-07', { fineFen: 500_00 }), ev('serve', '2026-06-08', { fineFen: 500_00 })], '2026-06-09', 'payment', 'xzcf.payment', '2026-06-23', 'running', false],
    [[ev('decide', '2026-05-06', { fineFen: 500_00 }), ev('serve_by_notice', '2026-05-07', { fineFen: 500_00 }), ev('serve', '2026-06-08', { fineFen: 500_00 })], '2026-06-09', 'notice_service', 'msss.public_notice_service', '2026-06-08', 'met', false],
  ];
  for (const [more, today, key, ruleId, due, state, late] of cases) {
    const d = byKey(caseDeadlines([...opened, ...more], legal, today))[key];
    const label = `${more.map((e) => `${e.action}@${e.onDate}`).join(' ')} on ${today}: ${key}`;
    assert.ok(d, label);
    assert.deepEqual([d.ruleId, d.dueOn, d.state, d.late, d.ruleMissing], [ruleId, due, state, late, false], label);
  }
  // With the shipped local defaults, the 立案 check and the 备案 period have a rule (no more "rule missing").
  const lead = byKey(caseDeadlines([ev('create_lead', '2026-03-02')], legal, '2026-03-03')).lead_check!;
  assert.deepEqual([lead.ruleId, lead.dueOn, lead.ruleMissing], ['local.case_check', '2026-03-11', false]);
  const filing = byKey(caseDeadlines([ev('simple_decide', '2026-03-02', { fineFen: 100_00 })], legal, '2026-03-03')).simple_filing!;
  assert.deepEqual([filing.ruleId, filing.dueOn, filing.ruleMissing], ['local.simple_filing', '2026-03-09', false]);
});

test('听证 rights (第六十三条): the shipped 较大数额 default per party type, inclusive ("以上"), and the kinds that always give them', () => {
  const legal = caseLegalView(SHIPPED_RULES, buildCalendar(SHIPPED_NOTICES));
  const fine = (fen: number): Penalty => ({ kinds: ['fine'], fineFen: fen });
  const cases: [Penalty, 'individual' | 'organization', boolean][] = [
    [fine(4_999_99), 'individual', false],
    [fine(5_000_00), 'individual', true],
    [fine(49_999_99), 'organization', false],
    [fine(50_000_00), 'organization', true],
    [{ kinds: ['warning'], fineFen: 0 }, 'individual', false],
    [{ kinds: ['fine', 'confiscation'], fineFen: 100_00 }, 'individual', true],
    [{ kinds: ['closure'], fineFen: 0 }, 'organization', true],
  ];
  for (const [p, party, expected] of cases) assert.equal(hearingRights(p, legal.hearingFineFen(party, '2026-03-02')), expected, `${JSON.stringify(p)} ${party}`);
  // Without a hearing threshold in the rule set (the national rules alone), only the kinds give them.
  const national = caseLegalView(NATIONAL_RULES, buildCalendar(SHIPPED_NOTICES));
  assert.equal(national.hearingFineFen('individual', '2026-03-02'), null);
  assert.equal(hearingRights(fine(1_000_000_00), national.hearingFineFen('individual', '2026-03-02')), false);
});
