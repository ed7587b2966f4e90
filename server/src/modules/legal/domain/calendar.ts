/**
 * Working-day calendar from the yearly 国务院办公厅 holiday notices. A day is a working day when it is
 * Mon–Fri and not a listed holiday, or a listed makeup working day (调休上班) (../shared/domain/calendars.md).
 * A year without a notice is 'missing': nothing may be counted over it as if only weekends were rest days.
 *
 * Day kinds are precomputed into one byte per day over the loaded years, so the deadline engine reads a
 * day's kind by an array index (see bench/legal-deadlines.ts).
 */
import { dayNumber, formatIso, isIsoDate, parseIso, weekday } from './dates';
import type { DayKind, HolidayNotice, IsoDate, NoticeIssue, WorkingCalendar } from './types';

/** Day-kind codes in the precomputed table (index into DAY_KINDS). */
export const K_WORKDAY = 0;
export const K_WEEKEND = 1;
export const K_HOLIDAY = 2;
export const K_MAKEUP = 3;
export const K_MISSING = 4;
export const DAY_KINDS: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday', 'missing'];

/** A working day: a weekday that is no holiday, or a makeup working day. */
export const isWorkCode = (code: number): boolean => code === K_WORKDAY || code === K_MAKEUP;
/** A rest day: a weekend day that is no makeup working day, or a holiday. */
export const isRestCode = (code: number): boolean => code === K_WEEKEND || code === K_HOLIDAY;

/** The calendar built by buildCalendar: the WorkingCalendar interface plus day-number access for the engine. */
export class CompiledCalendar implements WorkingCalendar {
  readonly years: readonly number[];
  /** Day number of the first day of the first loaded year. */
  private readonly lo: number;
  private readonly codes: Uint8Array;
  private readonly names: Map<number, string>;

  constructor(years: readonly number[], lo: number, codes: Uint8Array, names: Map<number, string>) {
    this.years = years;
    this.lo = lo;
    this.codes = codes;
    this.names = names;
  }

  /** Day-kind code of a day number (K_*). */
  codeAt(n: number): number {
    const i = n - this.lo;
    return i >= 0 && i < this.codes.length ? this.codes[i]! : K_MISSING;
  }

  nameAt(n: number): string | null {
    return this.names.get(n) ?? null;
  }

  kind(date: IsoDate): DayKind {
    const n = parseIso(date);
    if (n === null) throw new RangeError(`not a civil date: ${date}`);
    return DAY_KINDS[this.codeAt(n)]!;
  }

  holidayName(date: IsoDate): string | null {
    const n = parseIso(date);
    return n === null ? null : this.nameAt(n);
  }
}

/**
 * Builds the calendar from notices that passed validateNotice (the legal module stores only those).
 * Two notices for one year are a programming error: the store keeps one per year.
 */
export function buildCalendar(notices: readonly HolidayNotice[]): CompiledCalendar {
  const years = [...new Set(notices.map((n) => n.year))].sort((a, b) => a - b);
  if (years.length !== notices.length) throw new RangeError('buildCalendar: two notices for one year');
  if (years.length === 0) return new CompiledCalendar([], 0, new Uint8Array(0), new Map());
  const lo = dayNumber(years[0]!, 1, 1);
  const hi = dayNumber(years[years.length - 1]!, 12, 31);
  const codes = new Uint8Array(hi - lo + 1).fill(K_MISSING);
  const names = new Map<number, string>();
  for (const y of years) {
    for (let n = dayNumber(y, 1, 1), end = dayNumber(y, 12, 31); n <= end; n++) {
      const wd = weekday(n);
      codes[n - lo] = wd === 0 || wd === 6 ? K_WEEKEND : K_WORKDAY;
    }
  }
  for (const notice of notices) {
    for (const h of notice.holidays) {
      const n = parseIso(h.date);
      if (n === null) throw new RangeError(`buildCalendar: invalid holiday ${h.date}`);
      codes[n - lo] = K_HOLIDAY;
      names.set(n, h.name);
    }
    for (const d of notice.makeupWorkdays) {
      const n = parseIso(d);
      if (n === null) throw new RangeError(`buildCalendar: invalid makeup day ${d}`);
      codes[n - lo] = K_MAKEUP;
    }
  }
  return new CompiledCalendar(years, lo, codes, names);
}

/** Every reason a notice is refused (empty when it may be loaded). */
export function validateNotice(n: HolidayNotice): NoticeIssue[] {
  const issues: NoticeIssue[] = [];
  const yearOk = Number.isInteger(n.year) && n.year >= 1950 && n.year <= 2200;
  if (!yearOk) issues.push({ field: 'year', code: 'year_invalid', message: `year ${n.year} is not a calendar year` });
  if (!n.title?.trim()) issues.push({ field: 'title', code: 'title_required', message: 'the notice title is required' });
  if (!n.source?.trim()) issues.push({ field: 'source', code: 'source_required', message: 'where the notice was published is required' });
  if (!isIsoDate(n.issuedOn ?? '')) {
    issues.push({ field: 'issuedOn', code: 'issued_on_invalid', message: `issued-on date ${n.issuedOn} is not a date` });
  }
  if (n.holidays.length === 0) issues.push({ field: 'holidays', code: 'no_holidays', message: 'a notice lists at least one holiday' });

  const inYear = (d: IsoDate): boolean => yearOk && d.slice(0, 4) === String(n.year);
  const holidayNames = new Map<IsoDate, string>();
  for (const h of n.holidays) {
    if (!isIsoDate(h.date)) {
      issues.push({ field: 'holidays', code: 'date_invalid', message: `${h.date} is not a date`, date: h.date });
      continue;
    }
    if (!inYear(h.date)) {
      issues.push({ field: 'holidays', code: 'date_outside_year', message: `holiday ${h.date} is outside ${n.year}`, date: h.date });
    }
    if (!h.name?.trim()) issues.push({ field: 'holidays', code: 'holiday_name_required', message: `holiday ${h.date} has no name`, date: h.date });
    const prior = holidayNames.get(h.date);
    if (prior !== undefined) {
      issues.push({ field: 'holidays', code: 'holiday_duplicate', message: `${h.date} is listed twice (${prior}, ${h.name})`, date: h.date });
    } else holidayNames.set(h.date, h.name);
  }
  const makeups = new Set<IsoDate>();
  for (const d of n.makeupWorkdays) {
    const dn = parseIso(d);
    if (dn === null) {
      issues.push({ field: 'makeupWorkdays', code: 'date_invalid', message: `${d} is not a date`, date: d });
      continue;
    }
    if (!inYear(d)) issues.push({ field: 'makeupWorkdays', code: 'date_outside_year', message: `makeup day ${d} is outside ${n.year}`, date: d });
    if (makeups.has(d)) issues.push({ field: 'makeupWorkdays', code: 'makeup_duplicate', message: `makeup day ${d} is listed twice`, date: d });
    makeups.add(d);
    // 调休上班 turns a weekend day into a working day; a weekday already is one.
    const wd = weekday(dn);
    if (wd !== 0 && wd !== 6) {
      issues.push({ field: 'makeupWorkdays', code: 'makeup_not_weekend', message: `makeup day ${d} is a weekday`, date: d });
    }
    if (holidayNames.has(d)) {
      issues.push({ field: 'makeupWorkdays', code: 'holiday_and_makeup', message: `${d} is both a holiday and a makeup working day`, date: d });
    }
  }
  return issues;
}

/** The kind of a day with its holiday name, for explanations and the calendar page. */
export function describeDay(cal: WorkingCalendar, date: IsoDate): { date: IsoDate; kind: DayKind; holidayName: string | null } {
  return { date, kind: cal.kind(date), holidayName: cal.holidayName(date) };
}

/** Day numbers → ISO dates of a year's calendar, for a page that shows a month grid. */
export function yearDays(cal: CompiledCalendar, year: number): { date: IsoDate; kind: DayKind; holidayName: string | null }[] {
  const out: { date: IsoDate; kind: DayKind; holidayName: string | null }[] = [];
  for (let n = dayNumber(year, 1, 1), end = dayNumber(year, 12, 31); n <= end; n++) {
    out.push({ date: formatIso(n), kind: DAY_KINDS[cal.codeAt(n)]!, holidayName: cal.nameAt(n) });
  }
  return out;
}
