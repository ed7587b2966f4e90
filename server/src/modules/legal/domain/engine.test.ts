import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from './calendar';
import { computeDeadline, lateFee, limitationCheck, simpleProcedureCheck, workingDaysLeft } from './engine';
import { SHIPPED_NOTICES } from './notices';
import { C, NATIONAL_RULES, LOCAL_RULE_EXAMPLES, ruleInForce } from './rules';
import type { DayKind, ExplanationStep, LegalRule, WorkingCalendar } from './types';

const cal = buildCalendar(SHIPPED_NOTICES);
const rule = (id: string, on = '2025-06-01'): LegalRule => {
  const r = ruleInForce([...NATIONAL_RULES, ...LOCAL_RULE_EXAMPLES], id, on);
  assert.ok(r, `rule ${id} in force on ${on}`);
  return r;
};
const steps = (e: ExplanationStep[], kind: ExplanationStep['kind']) => e.filter((s) => s.kind === kind);

test('periods: table of due dates over holidays, makeup days, month ends and year boundaries', () => {
  // [rule, start, due | 'missing:YYYY', why]
  const cases: [string, string, string, string][] = [
    // working days (行政处罚法 第八十五条): 国庆 2025 is 8 days, 10-11 a makeup Saturday
    ['xzcf.service_absent', '2025-09-30', '2025-10-16', '7 working days over 国庆 2025 (10-01..08 off, 10-11 worked, 10-12 off)'],
    ['xzcf.service_absent', '2025-09-26', '2025-10-13', 'makeup Sunday 09-28 counts'],
    ['xzcf.evidence_preservation', '2025-03-07', '2025-03-18', '7 working days over one weekend'],
    ['xzcf.publication_withdrawal', '2025-05-30', '2025-06-05', '3 working days over 端午 05-31..06-02'],
    ['xzcf.cash_handover', '2025-09-30', '2025-10-10', '2 working days after 国庆 2025'],
    ['local.simple_filing', '2026-02-13', '2026-02-27', '5 working days: 02-14 worked, 春节 off'],
    // 春节 2026: 02-14 makeup Saturday, 02-15..23 off, 02-28 makeup Saturday
    ['xzcf.hearing_request', '2026-02-12', '2026-02-26', '5 working days over 春节 2026'],
    ['xzqz.urge', '2026-02-10', '2026-03-02', '10 working days (行政强制法 第六十九条) over 春节 2026'],
    ['xzcf.hearing_notice', '2025-12-25', '2026-01-06', '7 working days over 元旦 2026 (01-04, a Sunday, worked)'],
    // calendar days rolled to the next working day (民法典 第二百零三条)
    ['xzcf.payment', '2025-09-20', '2025-10-09', '15 days end 10-05 in 国庆 → 10-09'],
    ['xzcf.payment', '2026-02-01', '2026-02-24', '15 days end 02-16 in 春节 → 02-24'],
    ['xzcf.payment', '2025-06-06', '2025-06-23', '15 days end on Saturday 06-21 → Monday'],
    ['xzcf.payment', '2026-02-13', '2026-02-28', '15 days end on the makeup Saturday 02-28: a working day, no move'],
    ['xzfy.application', '2025-08-02', '2025-10-09', '60 days end 10-01 → 10-09 (民事诉讼法 第八十五条)'],
    ['msss.public_notice_service', '2025-09-05', '2025-10-09', '公告 30 days end Sunday 10-05 in 国庆 → deemed served 10-09 (民事诉讼法 第九十五条, 第八十五条 第三款)'],
    ['msss.public_notice_service', '2026-03-02', '2026-04-01', '公告 30 days end on a Wednesday: deemed served that day'],
    // calendar days of the authority, not moved
    ['xzcf.decision_period', '2025-07-03', '2025-10-01', '90 days end on 国庆 day 1, not moved'],
    ['xzcf.decision_period', '2026-12-01', '2027-03-01', 'no rest-day move → needs no 2027 calendar'],
    ['xzqz.seizure', '2025-09-01', '2025-10-01', '30 days'],
    // months and years (民法典 第二百零二条)
    ['xzss.lawsuit', '2025-08-31', '2026-02-28', '6 months: no 31st in February → last day; 02-28 is a makeup Saturday'],
    ['xzss.lawsuit', '2025-04-30', '2025-10-30', '6 months to the corresponding day'],
    ['xzss.lawsuit', '2025-04-01', '2025-10-09', '6 months end 10-01 → 10-09'],
    ['xzqz.court_application', '2025-11-30', '2026-02-28', '3 months, clamped'],
    ['xzss.lawsuit_cap', '2024-02-29', '2029-02-28', '5 years from a 29 February'],
    ['xzss.lawsuit_cap', '2020-02-29', '2025-02-28', '5 years from a 29 February'],
    ['xzss.lawsuit_cap_property', '2024-02-29', '2044-02-29', '20 years: leap year again'],
    // a year without a calendar
    ['xzcf.payment', '2026-12-20', 'missing:2027', 'ends 2027-01-04: whether it is a rest day needs 2027'],
    ['xzcf.service_absent', '2026-12-28', 'missing:2027', '7 working days run into 2027'],
    ['xzfy.application', '2026-11-15', 'missing:2027', '60 days end in 2027'],
    ['xzcf.service_absent', '2024-12-30', 'missing:2024', 'the day after the start is in 2024'],
  ];
  for (const [id, start, expected, why] of cases) {
    const r = computeDeadline({ rule: rule(id), start, calendar: cal });
    const got = r.ok ? r.due : r.code === 'legal.calendar_missing' ? `missing:${r.years.join(',')}` : r.code;
    assert.equal(got, expected, `${id} from ${start}: ${why}`);
    const last = r.explanation[r.explanation.length - 1]!;
    if (r.ok) assert.deepEqual(last, { kind: 'due', date: r.due, meaning: id === 'xzcf.hearing_notice' ? 'earliest_day' : 'last_day' });
    else assert.equal(last.kind, 'calendar_missing');
    // no Date object: the same with the explanation off
    const quiet = computeDeadline({ rule: rule(id), start, calendar: cal, explain: false });
    assert.equal(quiet.ok ? quiet.due : `missing:${quiet.years.join(',')}`, expected);
    assert.deepEqual(quiet.explanation, []);
  }
});

test('periods: the explanation names the rule, the start not counted, each skipped day and the move', () => {
  const r = computeDeadline({ rule: rule('xzcf.service_absent'), start: '2025-09-30', calendar: cal });
  assert.ok(r.ok);
  assert.deepEqual(r.explanation.slice(0, 4), [
    { kind: 'rule', ruleId: 'xzcf.service_absent', citation: { law: { name: '中华人民共和国行政处罚法', version: '2021-01-22' }, article: '第六十一条', paragraph: '第一款' } },
    { kind: 'start', date: '2025-09-30', event: 'decision_made' },
    { kind: 'start_not_counted', date: '2025-09-30', citation: C.startCivil },
    { kind: 'counting', count: 7, unit: 'day', counting: 'working', citation: C.xzcfWorking },
  ]);
  const skipped = steps(r.explanation, 'skip').map((s) => (s.kind === 'skip' ? `${s.date}:${s.dayKind}:${s.holidayName ?? ''}` : ''));
  assert.deepEqual(skipped, [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d}:holiday:国庆节、中秋节`),
    '2025-10-12:weekend:',
  ]);

  const pay = computeDeadline({ rule: rule('xzcf.payment'), start: '2025-09-20', calendar: cal });
  assert.ok(pay.ok);
  assert.deepEqual(steps(pay.explanation, 'roll_forward'), [
    { kind: 'roll_forward', from: '2025-10-05', to: '2025-10-09', reason: 'holiday', holidayName: '国庆节、中秋节', citation: C.restCivil },
  ]);
  const weekend = computeDeadline({ rule: rule('xzcf.payment'), start: '2025-06-06', calendar: cal });
  assert.ok(weekend.ok);
  assert.deepEqual(steps(weekend.explanation, 'roll_forward').map((s) => s.kind === 'roll_forward' && s.reason), ['weekend']);

  const decision = computeDeadline({ rule: rule('xzcf.decision_period'), start: '2025-07-03', calendar: cal });
  assert.ok(decision.ok);
  assert.deepEqual(steps(decision.explanation, 'no_roll_forward'), [{ kind: 'no_roll_forward', date: '2025-10-01', dayKind: 'holiday', why: 'authority_duty' }]);
  assert.deepEqual(steps(decision.explanation, 'roll_forward'), []);

  const clamp = computeDeadline({ rule: rule('xzss.lawsuit'), start: '2025-08-31', calendar: cal });
  assert.ok(clamp.ok);
  assert.deepEqual(steps(clamp.explanation, 'month_end_clamped'), [
    { kind: 'month_end_clamped', from: '2025-08-31', day: 31, to: '2026-02-28', citation: C.monthEnd },
  ]);
  assert.deepEqual(steps(clamp.explanation, 'start_not_counted'), [{ kind: 'start_not_counted', date: '2025-08-31', citation: C.startProcedure }]);
});

test('periods: extensions, 1-month periods, bad input', () => {
  const seized = computeDeadline({ rule: rule('xzqz.seizure'), start: '2025-09-01', calendar: cal, extended: true });
  assert.ok(seized.ok);
  assert.equal(seized.due, '2025-10-31');
  assert.deepEqual(steps(seized.explanation, 'extension'), [{ kind: 'extension', from: '2025-10-01', count: 30, unit: 'day', needsApproval: true }]);
  const local = computeDeadline({ rule: rule('local.case_check', '2025-06-01'), start: '2025-09-26', calendar: cal, extended: true });
  assert.ok(local.ok);
  assert.equal(local.due, '2025-10-23', '7 + 8 = 15 working days over 国庆 2025');
  const zjb = computeDeadline({ rule: rule('zjb55.lead_check'), start: '2025-01-10', calendar: cal, extended: true });
  assert.equal(zjb.ok && zjb.due, '2025-02-09');

  const noExt = computeDeadline({ rule: rule('xzcf.payment'), start: '2025-09-01', calendar: cal, extended: true });
  assert.equal(!noExt.ok && noExt.code, 'legal.no_extension');
  const notPeriod = computeDeadline({ rule: rule('xzcf.late_fee'), start: '2025-09-01', calendar: cal });
  assert.equal(!notPeriod.ok && notPeriod.code, 'legal.rule_not_period');
  const badDate = computeDeadline({ rule: rule('xzcf.payment'), start: '2025-02-29', calendar: cal });
  assert.equal(!badDate.ok && badDate.code, 'legal.date_invalid');

  // A one-month period (shape of a local rule): 1-31 + 1 month is the last day of February.
  const base = rule('xzqz.court_application');
  assert.equal(base.kind, 'period');
  if (base.kind !== 'period') return;
  const oneMonth: LegalRule = { ...base, id: 'test.one_month', params: { ...base.params, count: 1 } };
  const cases: [string, string][] = [
    ['2025-01-31', '2025-02-28'],
    ['2024-01-31', '2024-02-29'],
    ['2025-12-31', '2026-01-31'],
    ['2025-02-28', '2025-03-28'],
  ];
  for (const [start, due] of cases) {
    const r = computeDeadline({ rule: oneMonth, start, calendar: cal });
    assert.equal(r.ok && r.due, due, `${start} + 1 month`);
  }
  // With a rest-day move, the clamped day is then moved: 2026-01-31 is a Saturday.
  const rolling: LegalRule = { ...oneMonth, params: { ...oneMonth.params, restDay: { kind: 'next_working_day', citation: C.restCivil } } };
  const r = computeDeadline({ rule: rolling, start: '2025-12-31', calendar: cal });
  assert.equal(r.ok && r.due, '2026-02-02');
});

test('periods: any WorkingCalendar implementation is honoured (not only the compiled one)', () => {
  // A bureau-specific calendar: every day of 2030 is a working day except Sundays.
  const custom: WorkingCalendar = {
    years: [2030],
    kind: (d): DayKind => (!d.startsWith('2030-') ? 'missing' : new Date(`${d}T00:00:00Z`).getUTCDay() === 0 ? 'weekend' : 'workday'),
    holidayName: () => null,
  };
  // 2030-03-01 is a Friday: Sat 1, Sun skipped, Mon..Fri 2..6, Sat 7 → 2030-03-09
  const r = computeDeadline({ rule: rule('xzcf.service_absent'), start: '2030-03-01', calendar: custom });
  assert.equal(r.ok && r.due, '2030-03-09');
  assert.deepEqual(workingDaysLeft('2030-03-01', '2030-03-09', custom), 7);
});

test('workingDaysLeft: table', () => {
  const cases: [string, string, number | { missing: number[] }][] = [
    ['2025-09-30', '2025-10-16', 7],
    ['2025-10-16', '2025-10-16', 0],
    ['2025-10-15', '2025-10-16', 1],
    ['2025-10-17', '2025-10-16', -1],
    ['2025-10-20', '2025-10-16', -2],
    ['2026-02-13', '2026-02-24', 2],
    ['2025-09-30', '2025-10-08', 0],
    ['2026-12-30', '2027-01-05', { missing: [2027] }],
    ['2024-12-30', '2025-01-03', { missing: [2024] }],
  ];
  for (const [today, due, expected] of cases) assert.deepEqual(workingDaysLeft(today, due, cal), expected, `${today} → ${due}`);
  assert.throws(() => workingDaysLeft('2025-02-30', '2025-03-01', cal), RangeError);
});

test('lateFee: 3 % a day of the fine, capped at the fine, exact in fen', () => {
  const r72 = rule('xzcf.late_fee');
  // [fine, due, on, fee, days, capped]
  const cases: [number, string, string, number, number, boolean][] = [
    [200_00, '2025-10-09', '2025-10-09', 0, 0, false],
    [200_00, '2025-10-09', '2025-10-01', 0, 0, false],
    [200_00, '2025-10-09', '2025-10-10', 6_00, 1, false],
    [200_00, '2025-10-09', '2025-10-19', 60_00, 10, false],
    [200_00, '2025-10-09', '2025-11-11', 198_00, 33, false],
    [200_00, '2025-10-09', '2025-11-12', 200_00, 34, true],
    [200_00, '2025-10-09', '2026-10-09', 200_00, 365, true],
    [1, '2025-10-09', '2025-10-19', 0, 10, false],
    [333, '2025-10-09', '2025-10-10', 9, 1, false],
    [3_000_00, '2025-12-31', '2026-01-02', 180_00, 2, false],
    [9_000_000_000_000_00, '2025-01-01', '2027-01-01', 9_000_000_000_000_00, 730, true],
    [7_777_777_777_77, '2025-01-01', '2025-01-02', 233_333_333_33, 1, false],
  ];
  for (const [fine, due, on, fee, days, capped] of cases) {
    const r = lateFee({ fineFen: fine, dueDate: due, onDate: on, rule: r72 });
    assert.deepEqual([r.feeFen, r.days, r.capped], [fee, days, capped], `${fine} fen due ${due} on ${on}`);
    assert.ok(Number.isSafeInteger(r.feeFen));
    assert.equal(steps(r.explanation, 'late_fee_capped').length, capped ? 1 : 0);
  }
  const r = lateFee({ fineFen: 200_00, dueDate: '2025-10-09', onDate: '2025-11-12', rule: r72 });
  assert.deepEqual(steps(r.explanation, 'late_fee_days'), [{ kind: 'late_fee_days', from: '2025-10-10', to: '2025-11-12', days: 34 }]);
  assert.throws(() => lateFee({ fineFen: 1.5, dueDate: '2025-10-09', onDate: '2025-11-12', rule: r72 }), RangeError);
  assert.throws(() => lateFee({ fineFen: 100, dueDate: '2025-10-09', onDate: '2025-11-12', rule: rule('xzcf.payment') }), RangeError);
});

test('simpleProcedureCheck: limits by the date of the act and the party type', () => {
  // [actDate, party, kind, amountFen, expected (rule article or error code)]
  const cases: [string, 'individual' | 'organization', string, number, string][] = [
    ['2021-07-15', 'individual', 'fine', 200_00, '第五十一条'],
    ['2021-07-15', 'individual', 'fine', 200_01, 'legal.simple_procedure.over_limit'],
    ['2021-07-15', 'organization', 'fine', 3_000_00, '第五十一条'],
    ['2021-07-15', 'organization', 'fine', 3_000_01, 'legal.simple_procedure.over_limit'],
    ['2025-06-01', 'individual', 'warning', 0, '第五十一条'],
    ['2021-07-14', 'individual', 'fine', 50_00, '第三十三条'],
    ['2021-07-14', 'individual', 'fine', 50_01, 'legal.simple_procedure.over_limit'],
    ['2021-07-14', 'individual', 'fine', 200_00, 'legal.simple_procedure.over_limit'],
    ['2021-07-14', 'organization', 'fine', 1_000_00, '第三十三条'],
    ['2021-07-14', 'organization', 'fine', 1_000_01, 'legal.simple_procedure.over_limit'],
    ['2021-07-14', 'organization', 'fine', 3_000_00, 'legal.simple_procedure.over_limit'],
    ['2019-03-01', 'organization', 'warning', 0, '第三十三条'],
    ['2025-06-01', 'individual', 'confiscation', 0, 'legal.simple_procedure.kind_not_allowed'],
    ['2025-06-01', 'individual', 'fine', 0, 'legal.simple_procedure.amount_invalid'],
    ['2025-06-01', 'individual', 'fine', 10.5, 'legal.simple_procedure.amount_invalid'],
    ['1990-01-01', 'individual', 'fine', 10_00, 'legal.simple_procedure.no_rule'],
  ];
  for (const [actDate, partyType, penaltyKind, amountFen, expected] of cases) {
    const r = simpleProcedureCheck({ rules: NATIONAL_RULES, actDate, partyType, penaltyKind, amountFen });
    assert.equal(r.allowed ? r.rule.article : r.code, expected, `${actDate} ${partyType} ${penaltyKind} ${amountFen}`);
    if (!r.allowed && r.rule) assert.match(r.reason, new RegExp(r.rule.article));
  }
  const old = simpleProcedureCheck({ rules: NATIONAL_RULES, actDate: '2021-07-14', partyType: 'individual', penaltyKind: 'fine', amountFen: 10_00 });
  assert.ok(old.allowed);
  assert.equal(old.rule.verified, false, 'the pre-2021 limits are marked unverified');
});

test('limitationCheck: 2 years, 5 years when aggravated, from the end of a continuing act', () => {
  // [act, end, discovered, aggravated, lastDay | code, barred]
  const cases: [string, string | null, string, boolean, string, boolean | null][] = [
    ['2023-03-10', null, '2025-03-10', false, '2025-03-10', false],
    ['2023-03-10', null, '2025-03-11', false, '2025-03-10', true],
    ['2023-03-10', null, '2026-03-11', true, '2028-03-10', false],
    ['2023-03-10', null, '2028-03-11', true, '2028-03-10', true],
    ['2020-01-01', '2023-06-30', '2025-06-30', false, '2025-06-30', false],
    ['2020-01-01', '2023-06-30', '2025-07-01', false, '2025-06-30', true],
    ['2024-02-29', null, '2026-02-28', false, '2026-02-28', false],
    ['2024-02-29', null, '2026-03-01', false, '2026-02-28', true],
    // before 2021-07-15 the 2017 text applies: two years, no five-year period
    ['2019-05-01', null, '2021-05-02', true, '2021-05-01', true],
    ['2023-03-10', '2023-03-01', '2024-01-01', false, 'legal.limitation.end_before_act', null],
    ['2023-03-10', null, '2023-03-09', false, 'legal.limitation.discovered_before_act', null],
    ['2023-02-30', null, '2024-01-01', false, 'legal.date_invalid', null],
    ['1990-01-01', null, '1990-06-01', false, 'legal.limitation.no_rule', null],
  ];
  for (const [actDate, actEndDate, discoveredOn, aggravated, expected, barred] of cases) {
    const r = limitationCheck({ rules: NATIONAL_RULES, actDate, actEndDate, discoveredOn, aggravated });
    const label = `${actDate}..${actEndDate ?? ''} found ${discoveredOn}${aggravated ? ' aggravated' : ''}`;
    assert.equal(r.ok ? r.lastDay : r.code, expected, label);
    if (r.ok) assert.equal(r.barred, barred, label);
  }
  const cont = limitationCheck({ rules: NATIONAL_RULES, actDate: '2020-01-01', actEndDate: '2023-06-30', discoveredOn: '2024-01-01' });
  assert.ok(cont.ok);
  assert.deepEqual(steps(cont.explanation, 'limitation_continuing'), [{ kind: 'limitation_continuing', actDate: '2020-01-01', endDate: '2023-06-30' }]);
  const leap = limitationCheck({ rules: NATIONAL_RULES, actDate: '2024-02-29', discoveredOn: '2025-01-01' });
  assert.equal(steps(leap.explanation, 'month_end_clamped').length, 1);
});
