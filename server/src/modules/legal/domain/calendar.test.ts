import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar, validateNotice, yearDays } from './calendar';
import { addMonths, dayNumber, formatIso, parseIso, weekday } from './dates';
import { SHIPPED_NOTICES } from './notices';
import type { HolidayNotice, NoticeIssueCode } from './types';

const cal = buildCalendar(SHIPPED_NOTICES);

test('dates: day numbers round-trip and reject impossible dates', () => {
  for (const d of ['1970-01-01', '2000-02-29', '2024-02-29', '2025-12-31', '2027-01-01', '1900-03-01']) {
    assert.equal(formatIso(parseIso(d)!), d);
  }
  assert.equal(parseIso('1970-01-01'), 0);
  for (const bad of ['2025-02-29', '2100-02-29', '2025-13-01', '2025-04-31', '2025-1-01', '20250101', '']) assert.equal(parseIso(bad), null, bad);
  assert.equal(weekday(dayNumber(2025, 10, 1)), 3, '2025-10-01 is a Wednesday');
  assert.equal(weekday(dayNumber(2026, 2, 14)), 6, '2026-02-14 is a Saturday');
  const cases: [string, number, string, boolean][] = [
    ['2025-01-31', 1, '2025-02-28', true],
    ['2024-01-31', 1, '2024-02-29', true],
    ['2025-03-31', 1, '2025-04-30', true],
    ['2025-11-30', 3, '2026-02-28', true],
    ['2025-01-15', 1, '2025-02-15', false],
    ['2025-12-31', 2, '2026-02-28', true],
    ['2024-02-29', 24, '2026-02-28', true],
    ['2024-02-29', 48, '2028-02-29', false],
  ];
  for (const [from, months, to, clamped] of cases) {
    const r = addMonths(parseIso(from)!, months);
    assert.deepEqual([formatIso(r.day), r.clamped], [to, clamped], `${from} + ${months} months`);
  }
});

test('calendar: day kinds from the 2025 and 2026 notices', () => {
  const cases: [string, string, string | null][] = [
    ['2025-01-01', 'holiday', '元旦'],
    ['2025-01-26', 'makeup_workday', null], // Sunday worked before 春节
    ['2025-02-04', 'holiday', '春节'],
    ['2025-02-08', 'makeup_workday', null],
    ['2025-03-01', 'weekend', null],
    ['2025-03-03', 'workday', null],
    ['2025-10-01', 'holiday', '国庆节、中秋节'],
    ['2025-10-08', 'holiday', '国庆节、中秋节'], // 8-day 国庆 2025
    ['2025-10-11', 'makeup_workday', null],
    ['2026-01-03', 'holiday', '元旦'], // a Saturday inside the holiday
    ['2026-01-04', 'makeup_workday', null],
    ['2026-02-14', 'makeup_workday', null],
    ['2026-02-23', 'holiday', '春节'],
    ['2026-02-28', 'makeup_workday', null],
    ['2026-10-10', 'makeup_workday', null],
    ['2024-12-31', 'missing', null],
    ['2027-01-01', 'missing', null],
  ];
  for (const [date, kind, name] of cases) {
    assert.equal(cal.kind(date), kind, date);
    assert.equal(cal.holidayName(date), name, date);
  }
  assert.deepEqual(cal.years, [2025, 2026]);
  const y2025 = yearDays(cal, 2025);
  assert.equal(y2025.length, 365);
  assert.equal(y2025.filter((d) => d.kind === 'holiday').length, 28);
  assert.equal(y2025.filter((d) => d.kind === 'makeup_workday').length, 5);
});

test('calendar: a gap year between loaded years is missing, not weekends only', () => {
  const n2025 = SHIPPED_NOTICES.find((n) => n.year === 2025)!;
  const fake2027: HolidayNotice = { ...n2025, year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: [] };
  const gap = buildCalendar([n2025, fake2027]);
  assert.equal(gap.kind('2026-03-02'), 'missing');
  assert.equal(gap.kind('2027-01-01'), 'holiday');
  assert.equal(gap.kind('2027-01-04'), 'workday');
  assert.throws(() => buildCalendar([n2025, n2025]), /two notices for one year/);
  assert.equal(buildCalendar([]).kind('2025-01-02'), 'missing');
});

test('validateNotice: the shipped notices are valid', () => {
  for (const n of SHIPPED_NOTICES) assert.deepEqual(validateNotice(n), [], String(n.year));
});

test('validateNotice: refused with the reason', () => {
  const ok: HolidayNotice = {
    year: 2027,
    title: '国务院办公厅关于2027年部分节假日安排的通知',
    issuedOn: '2026-11-04',
    source: 'https://www.gov.cn/',
    holidays: [
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-01-02', name: '元旦' },
    ],
    makeupWorkdays: ['2027-01-09'], // a Saturday
  };
  assert.deepEqual(validateNotice(ok), []);
  const cases: [string, Partial<HolidayNotice>, NoticeIssueCode, string | undefined][] = [
    ['makeup on a weekday', { makeupWorkdays: ['2027-01-05'] }, 'makeup_not_weekend', '2027-01-05'],
    ['holiday outside the year', { holidays: [{ date: '2026-12-31', name: '元旦' }] }, 'date_outside_year', '2026-12-31'],
    ['makeup outside the year', { makeupWorkdays: ['2026-12-26'] }, 'date_outside_year', '2026-12-26'],
    ['duplicate / overlapping holiday', { holidays: [{ date: '2027-01-01', name: '元旦' }, { date: '2027-01-01', name: '春节' }] }, 'holiday_duplicate', '2027-01-01'],
    ['both holiday and makeup', { makeupWorkdays: ['2027-01-02'] }, 'holiday_and_makeup', '2027-01-02'],
    ['duplicate makeup', { makeupWorkdays: ['2027-01-09', '2027-01-09'] }, 'makeup_duplicate', '2027-01-09'],
    ['impossible date', { holidays: [{ date: '2027-02-29', name: '春节' }] }, 'date_invalid', '2027-02-29'],
    ['no holidays', { holidays: [] }, 'no_holidays', undefined],
    ['no name', { holidays: [{ date: '2027-01-01', name: ' ' }] }, 'holiday_name_required', '2027-01-01'],
    ['bad year', { year: 27 }, 'year_invalid', undefined],
    ['no title', { title: '' }, 'title_required', undefined],
    ['no source', { source: '' }, 'source_required', undefined],
    ['bad issued date', { issuedOn: '2026-11-31' }, 'issued_on_invalid', undefined],
  ];
  for (const [label, change, code, date] of cases) {
    const issues = validateNotice({ ...ok, ...change });
    const hit = issues.find((i) => i.code === code);
    assert.ok(hit, `${label}: expected ${code}, got ${JSON.stringify(issues)}`);
    assert.equal(hit.date, date, label);
    assert.ok(hit.message.length > 0);
  }
});
