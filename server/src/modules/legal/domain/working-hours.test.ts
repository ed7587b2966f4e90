import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../platform/errors';
import { buildCalendar } from './calendar';
import { SHIPPED_NOTICES } from './notices';
import type { WorkingCalendar } from './types';
import { addWorkingMinutes, clockTime, DEFAULT_WORKING_HOURS, parseClockTime, validateWorkingHours, workingMinutesBetween, type WorkingHours } from './working-hours';

const cal = buildCalendar(SHIPPED_NOTICES);
const H = DEFAULT_WORKING_HOURS; // 08:30–12:00, 13:30–17:30
/** A Beijing wall-clock time 'YYYY-MM-DD HH:MM[:SS]' as an instant, independent of the machine's zone. */
const bj = (s: string): Date => new Date(`${s.replace(' ', 'T')}${s.length === 16 ? ':00' : ''}+08:00`);
/** The Beijing wall-clock time of an instant, 'YYYY-MM-DD HH:MM[:SS]'. */
const wall = (d: Date): string => {
  const iso = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  const secs = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs === '00' ? '' : `:${secs}`}`;
};

test('addWorkingMinutes: table of starts and limits (2026 notices, default hours)', () => {
  const cases: [string, number, string, string][] = [
    ['2026-12-07 09:00', 60, '2026-12-07 10:00', 'within a day (Monday)'],
    ['2026-12-07 11:00', 60, '2026-12-07 12:00', 'ends exactly at the lunch break: due 12:00, not 13:30'],
    ['2026-12-07 11:30', 60, '2026-12-07 14:00', 'across lunch: 30 before, 30 after'],
    ['2026-12-07 17:00', 60, '2026-12-08 09:00', 'across the evening'],
    ['2026-12-07 08:30', 450, '2026-12-07 17:30', 'a whole working day is 7.5 h'],
    ['2026-12-07 08:30', 451, '2026-12-08 08:31', 'one minute more runs into the next day'],
    ['2026-12-04 17:50', 60, '2026-12-07 09:30', 'Friday 17:50: the weekend does not count'],
    ['2026-12-04 17:50', 24 * 60, '2026-12-10 10:00', 'Friday 17:50 with a 24-hour limit: 3 days of 7.5 h, then 1.5 h'],
    ['2026-09-30 17:50', 60, '2026-10-08 09:30', 'the evening before 国庆 (10-01 … 10-07)'],
    ['2026-09-24 17:50', 60, '2026-09-28 09:30', 'Thursday 17:50 before 中秋 (Friday 09-25 … 09-27)'],
    ['2026-09-18 17:50', 60, '2026-09-20 09:30', 'Friday 17:50: Sunday 09-20 is a makeup working day (调休上班)'],
    ['2026-02-13 17:50', 480, '2026-02-24 09:00', 'Friday before 春节: Saturday 02-14 worked (450 min), 02-15 … 02-23 off'],
    ['2026-10-09 17:00', 60, '2026-10-10 09:00', 'Saturday 10-10 is a makeup working day'],
    ['2026-12-07 07:00', 30, '2026-12-07 09:00', 'a start before work counts from 08:30'],
    ['2026-12-07 12:30', 30, '2026-12-07 14:00', 'a start in the lunch break counts from 13:30'],
    ['2026-12-07 20:00', 30, '2026-12-08 09:00', 'a start at night counts from the next morning'],
    ['2026-12-05 10:00', 30, '2026-12-07 09:00', 'a start on Saturday counts from Monday'],
    ['2026-10-03 10:00', 30, '2026-10-08 09:00', 'a start inside a holiday counts from its end'],
    ['2026-12-05 10:00', 0, '2026-12-05 10:00', 'zero minutes is the start itself, even outside working hours'],
    ['2026-12-07 09:00:30', 1, '2026-12-07 09:01:30', 'seconds are kept'],
    ['2025-10-08 17:00', 60, '2025-10-09 09:30', '2025: 10-08 is still 国庆 (8-day holiday), so 17:00 is no working time'],
  ];
  for (const [start, minutes, due, why] of cases) {
    assert.equal(wall(addWorkingMinutes(cal, H, bj(start), minutes)), due, `${start} + ${minutes} min: ${why}`);
  }
});

test('workingMinutesBetween: table, negative when reversed, zero over rest time', () => {
  const cases: [string, string, number, string][] = [
    ['2026-12-04 17:50', '2026-12-05 09:00', 0, 'a Friday-17:50 report is not overdue on Saturday morning: no working minute passed'],
    ['2026-12-04 17:50', '2026-12-07 08:30', 0, 'nor before Monday 08:30'],
    ['2026-12-07 09:00', '2026-12-07 14:00', 210, 'across lunch'],
    ['2026-12-07 14:00', '2026-12-07 09:00', -210, 'reversed is negative'],
    ['2026-12-07 09:00', '2026-12-07 09:00', 0, 'the same instant'],
    ['2026-09-30 17:50', '2026-10-08 09:30', 60, 'over 国庆'],
    ['2026-09-18 17:50', '2026-09-21 08:30', 450, 'the makeup Sunday counts in full'],
    ['2026-12-07 09:00:00', '2026-12-07 09:00:59', 0, 'rounded down to whole minutes'],
    ['2026-12-31 17:00', '2027-01-01 00:00', 30, 'a span that ends at midnight needs no calendar of the next year'],
  ];
  for (const [from, to, minutes, why] of cases) {
    assert.equal(workingMinutesBetween(cal, H, bj(from), bj(to)), minutes, `${from} → ${to}: ${why}`);
  }
});

test('a year without a calendar: legal.calendar_missing naming the year', () => {
  const isMissing = (year: number) => (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'legal.calendar_missing');
    assert.deepEqual(e.details, { years: [year] });
    return true;
  };
  assert.throws(() => addWorkingMinutes(cal, H, bj('2026-12-31 17:00'), 60), isMissing(2027));
  assert.throws(() => addWorkingMinutes(cal, H, bj('2024-12-31 10:00'), 1), isMissing(2024));
  assert.throws(() => workingMinutesBetween(cal, H, bj('2026-12-31 17:00'), bj('2027-01-04 09:00')), isMissing(2027));
  assert.throws(() => workingMinutesBetween(cal, H, bj('2027-01-04 09:00'), bj('2026-12-31 17:00')), isMissing(2027));
  // Within the loaded years nothing is missing, right up to the last working minute of 2026.
  assert.equal(wall(addWorkingMinutes(cal, H, bj('2026-12-31 17:00'), 30)), '2026-12-31 17:30');
});

test('workingMinutesBetween is the inverse of addWorkingMinutes', () => {
  let seed = 13;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const lo = bj('2025-01-02 00:00').getTime();
  const span = bj('2026-11-30 00:00').getTime() - lo;
  for (let i = 0; i < 2000; i++) {
    const start = new Date(lo + rnd(span / 1000) * 1000);
    const minutes = rnd(3000);
    const due = addWorkingMinutes(cal, H, start, minutes);
    assert.ok(due.getTime() >= start.getTime());
    assert.equal(workingMinutesBetween(cal, H, start, due), minutes, `${wall(start)} + ${minutes}`);
    // And the other way: adding the minutes between two instants never passes the later one.
    const to = new Date(start.getTime() + rnd(10 * 86_400) * 1000);
    const between = workingMinutesBetween(cal, H, start, to);
    assert.ok(addWorkingMinutes(cal, H, start, between).getTime() <= to.getTime(), `${wall(start)} → ${wall(to)}`);
  }
});

test('any WorkingCalendar works, not only the compiled one; custom periods', () => {
  const plain: WorkingCalendar = { years: cal.years, kind: (d) => cal.kind(d), holidayName: (d) => cal.holidayName(d) };
  assert.equal(wall(addWorkingMinutes(plain, H, bj('2026-02-13 17:50'), 480)), '2026-02-24 09:00');
  assert.equal(workingMinutesBetween(plain, H, bj('2026-09-30 17:50'), bj('2026-10-08 09:30')), 60);
  assert.throws(() => addWorkingMinutes(plain, H, bj('2026-12-31 17:00'), 60), /calendar of 2027/);
  const oneShift: WorkingHours = { periods: [{ start: '09:00', end: '17:00' }] };
  assert.equal(wall(addWorkingMinutes(cal, oneShift, bj('2026-12-07 16:00'), 120)), '2026-12-08 10:00');
  const allDay: WorkingHours = { periods: [{ start: '00:00', end: '24:00' }] };
  assert.equal(wall(addWorkingMinutes(cal, allDay, bj('2026-12-04 23:00'), 120)), '2026-12-07 01:00');
  assert.throws(() => addWorkingMinutes(cal, H, bj('2026-12-07 09:00'), -1), RangeError);
  assert.throws(() => addWorkingMinutes(cal, H, bj('2026-12-07 09:00'), 1.5), RangeError);
  assert.throws(() => addWorkingMinutes(cal, H, new Date(NaN), 1), RangeError);
  assert.throws(() => addWorkingMinutes(cal, { periods: [] }, bj('2026-12-07 09:00'), 1), RangeError);
});

test('validateWorkingHours: HH:MM, end after start, ordered, not overlapping', () => {
  assert.deepEqual(validateWorkingHours(DEFAULT_WORKING_HOURS), []);
  assert.deepEqual(validateWorkingHours({ periods: [{ start: '00:00', end: '24:00' }] }), []);
  assert.deepEqual(validateWorkingHours({ periods: [{ start: '08:00', end: '12:00' }, { start: '12:00', end: '18:00' }] }), [], 'touching periods are fine');
  const cases: [WorkingHours, [string, string][]][] = [
    [{ periods: [] }, [['periods', 'min_items']]],
    [{ periods: [{ start: '8:30', end: '12:00' }] }, [['periods.0.start', 'format']]],
    [{ periods: [{ start: '08:30', end: '12:60' }] }, [['periods.0.end', 'format']]],
    [{ periods: [{ start: '24:00', end: '24:00' }] }, [['periods.0.start', 'format']]],
    [{ periods: [{ start: '08:30', end: '25:00' }] }, [['periods.0.end', 'format']]],
    [{ periods: [{ start: '12:00', end: '08:30' }] }, [['periods.0.end', 'not_after_start']]],
    [{ periods: [{ start: '12:00', end: '12:00' }] }, [['periods.0.end', 'not_after_start']]],
    [{ periods: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '17:30' }] }, [['periods.1.start', 'minimum']]],
    [{ periods: [{ start: '13:30', end: '17:30' }, { start: '08:30', end: '12:00' }] }, [['periods.1.start', 'minimum']]],
  ];
  for (const [hours, expected] of cases) {
    assert.deepEqual(validateWorkingHours(hours).map((i) => [i.field, i.code]), expected, JSON.stringify(hours));
  }
  assert.deepEqual(validateWorkingHours({ periods: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '17:30' }] })[0]!.params, { limit: '12:00' }, 'the overlap names the earliest allowed start');
  assert.equal(parseClockTime('08:30'), 510);
  assert.equal(clockTime(510), '08:30');
  assert.equal(parseClockTime('24:00'), 1440);
  for (const bad of ['', '8:30', '08-30', '0830', '+8:30', '08:3x', '24:01']) assert.equal(parseClockTime(bad), null, bad);
});
