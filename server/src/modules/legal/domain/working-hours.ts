/**
 * Working-hour arithmetic (便民服务 time limits: 受理 / 处置 / 回复 in working hours). A minute counts when it lies
 * inside one of the bureau's daily working periods (Beijing time) on a working day of the calendar: a weekday
 * that is no holiday, or a makeup working day (调休上班) — the same day kinds as the deadline engine
 * (../shared/domain/calendars.md). A day in a year without a loaded calendar is never guessed: counting over it
 * throws `legal.calendar_missing`, as the rest of the legal module refuses to count weekends-only.
 *
 * Asia/Shanghai has had no daylight-saving time since 1991, so Beijing wall-clock time is UTC+8 exactly; the
 * arithmetic shifts epoch milliseconds by 8 hours and never reads the machine's time zone.
 */
import { AppError } from '../../../platform/errors';
import type { IssueProblem } from '../../../platform/validation';
import { CompiledCalendar, K_MAKEUP, K_MISSING, K_WORKDAY } from './calendar';
import { civil, formatIso } from './dates';
import type { WorkingCalendar } from './types';

/** 'HH:MM', 24-hour, Beijing time. */
export type ClockTime = string;
export interface WorkingPeriod {
  start: ClockTime;
  end: ClockTime;
}
export interface WorkingHours {
  periods: WorkingPeriod[];
}

/**
 * The bureau's daily working periods until it sets its own (本地默认值，待本局确认): the usual office hours of a
 * city-level bureau with a lunch break; the service module stores the bureau's setting.
 */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Beijing time = UTC+8, without DST since 1991. */
const BEIJING_OFFSET = 8 * 3_600_000;

/** Minutes since midnight of 'HH:MM' (00:00–24:00; 24:00 only as an end), or null when it is not one. */
export function parseClockTime(s: string): number | null {
  if (typeof s !== 'string' || s.length !== 5 || s[2] !== ':') return null;
  const h = Number(s.slice(0, 2));
  const m = Number(s.slice(3, 5));
  if (!/^\d\d$/.test(s.slice(0, 2)) || !/^\d\d$/.test(s.slice(3, 5))) return null;
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

/** 'HH:MM' of minutes since midnight. */
export const clockTime = (minutes: number): ClockTime => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Every reason a working-hours setting is refused, by field path (`periods.N.start` …): at least one period,
 * each 'HH:MM' with its end after its start, periods in order of the day and not overlapping.
 */
export function validateWorkingHours(hours: WorkingHours): (IssueProblem & { field: string })[] {
  const issues: (IssueProblem & { field: string })[] = [];
  if (!Array.isArray(hours?.periods) || hours.periods.length === 0) {
    issues.push({ field: 'periods', code: 'min_items', message: 'at least one working period is required', params: { limit: 1 } });
    return issues;
  }
  let prevEnd: number | null = null;
  hours.periods.forEach((p, i) => {
    const parsedStart = parseClockTime(p?.start);
    const start = parsedStart === 24 * 60 ? null : parsedStart; // 24:00 only ends a period
    const end = parseClockTime(p?.end);
    if (start === null) issues.push({ field: `periods.${i}.start`, code: 'format', message: `${p?.start} is not a time HH:MM` });
    if (end === null) issues.push({ field: `periods.${i}.end`, code: 'format', message: `${p?.end} is not a time HH:MM` });
    if (start === null || end === null) {
      prevEnd = null;
      return;
    }
    if (end <= start) issues.push({ field: `periods.${i}.end`, code: 'not_after_start', message: `period ${i + 1} ends at or before its start` });
    // Ordered and disjoint: each period starts at or after the previous one's end (touching is allowed).
    if (prevEnd !== null && start < prevEnd) {
      issues.push({ field: `periods.${i}.start`, code: 'minimum', message: `period ${i + 1} starts before the previous period ends (periods are ordered and do not overlap)`, params: { limit: clockTime(prevEnd) } });
    }
    prevEnd = Math.max(end, prevEnd ?? end);
  });
  return issues;
}

/** Periods as [start, end) millisecond offsets into a Beijing day; throws on a setting validateWorkingHours refuses. */
function compile(hours: WorkingHours): [number, number][] {
  const issues = validateWorkingHours(hours);
  if (issues.length > 0) throw new RangeError(`invalid working hours: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
  return hours.periods.map((p) => [parseClockTime(p.start)! * MINUTE, parseClockTime(p.end)! * MINUTE]);
}

function calendarMissing(day: number): AppError {
  const year = civil(day)[0];
  return new AppError(409, 'legal.calendar_missing', `The holiday calendar of ${year} is missing: working hours cannot be counted`, { years: [year] });
}

/** Day-kind code (calendar.ts K_*) of a Beijing day number, by the fast table when the calendar is compiled. */
function codeOf(cal: WorkingCalendar, day: number): number {
  if (cal instanceof CompiledCalendar) return cal.codeAt(day);
  switch (cal.kind(formatIso(day))) {
    case 'workday':
      return K_WORKDAY;
    case 'makeup_workday':
      return K_MAKEUP;
    case 'missing':
      return K_MISSING;
    default:
      return -1; // a rest day
  }
}

/** True when the day is a working day; throws legal.calendar_missing for a day of a year without a calendar. */
function isWorkingDay(cal: WorkingCalendar, day: number): boolean {
  const code = codeOf(cal, day);
  if (code === K_MISSING) throw calendarMissing(day);
  return code === K_WORKDAY || code === K_MAKEUP;
}

function checkDate(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid time`);
  return t;
}

/**
 * The instant `minutes` working minutes after `start`. A start outside working hours counts from the next
 * working period; the result is the instant the last minute elapses, so a limit that ends exactly at 12:00
 * is due at 12:00 (not at 13:30). Zero minutes is `start` itself. The inverse of workingMinutesBetween.
 */
export function addWorkingMinutes(cal: WorkingCalendar, hours: WorkingHours, start: Date, minutes: number): Date {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a whole number ≥ 0, got ${minutes}`);
  const t0 = checkDate(start, 'start');
  if (minutes === 0) return new Date(t0);
  const periods = compile(hours);
  let left = minutes * MINUTE;
  const local = t0 + BEIJING_OFFSET;
  let day = Math.floor(local / DAY);
  let at = local - day * DAY; // offset into the day, ms
  for (;;) {
    if (isWorkingDay(cal, day)) {
      for (const [ps, pe] of periods) {
        const from = Math.max(at, ps);
        if (from >= pe) continue;
        if (left <= pe - from) return new Date(day * DAY + from + left - BEIJING_OFFSET);
        left -= pe - from;
      }
    }
    // Ends only at a missing year (isWorkingDay throws) or when the minutes are spent: every loaded year has working days.
    day += 1;
    at = 0;
  }
}

/**
 * Working minutes from `from` to `to` (whole minutes, rounded down); negative when `to` is before `from`
 * (e.g. how far past its due time a request is). Throws legal.calendar_missing when a day between them is in
 * a year without a calendar.
 */
export function workingMinutesBetween(cal: WorkingCalendar, hours: WorkingHours, from: Date, to: Date): number {
  const a = checkDate(from, 'from');
  const b = checkDate(to, 'to');
  if (b < a) return -workingMinutesBetween(cal, hours, to, from);
  if (a === b) return 0;
  const periods = compile(hours);
  const la = a + BEIJING_OFFSET;
  const lb = b + BEIJING_OFFSET;
  const firstDay = Math.floor(la / DAY);
  const lastDay = Math.floor(lb / DAY);
  let ms = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const lo = day === firstDay ? la - day * DAY : 0;
    const hi = day === lastDay ? lb - day * DAY : DAY;
    let inPeriods = 0;
    for (const [ps, pe] of periods) {
      const s = Math.max(lo, ps);
      const e = Math.min(hi, pe);
      if (e > s) inPeriods += e - s;
    }
    // The calendar is asked only about a day whose working periods the span touches (a span ending at
    // 00:00 on 1 January needs no calendar of the new year).
    if (inPeriods > 0 && isWorkingDay(cal, day)) ms += inPeriods;
  }
  return Math.floor(ms / MINUTE);
}
