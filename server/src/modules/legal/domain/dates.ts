/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01), without Date objects: deadlines are
 * civil dates in Asia/Shanghai, so no time zone may shift them, and the engine's hot loop stays
 * allocation-free. Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (proleptic
 * Gregorian calendar).
 */
import type { IsoDate } from './types';

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** Day number of a civil date (y, m 1–12, d 1–31). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number as [y, m, d]. */
export function civil(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

/** Day number of an ISO date, or null when it is not a real 'YYYY-MM-DD' date (e.g. 2025-02-29). */
export function parseIso(date: string): number | null {
  // Hand-parsed (no RegExp, no Date): the engine parses every start date it is given.
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y = digits(date, 0, 4);
  const mo = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayNumber(y, mo, d);
}

/** The decimal number of date[from, to), or -1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function isIsoDate(date: string): boolean {
  return parseIso(date) !== null;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
function buildIso(n: number): IsoDate {
  const [y, m, d] = civil(n);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

// Formatted dates of 1990..2109, filled lazily: the engine formats each date it explains or returns, and
// a cached string costs an array read instead of a civil-date conversion and three string builds.
const CACHE_LO = dayNumber(1990, 1, 1);
const CACHE_HI = dayNumber(2109, 12, 31);
const isoCache: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(CACHE_HI - CACHE_LO + 1);

export function formatIso(n: number): IsoDate {
  if (n < CACHE_LO || n > CACHE_HI) return buildIso(n);
  const i = n - CACHE_LO;
  let s = isoCache[i];
  if (s === undefined) {
    s = buildIso(n);
    isoCache[i] = s;
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function yearOf(n: number): number {
  return civil(n)[0];
}

/**
 * The day `months` months after day n, on the corresponding day of the month, or the month's last day
 * when it has none (民法典 第二百零二条). Returns the day and whether it was clamped.
 */
export function addMonths(n: number, months: number): { day: number; clamped: boolean; wanted: number } {
  const [y, m, d] = civil(n);
  const idx = m - 1 + months;
  const ty = y + Math.floor(idx / 12);
  const tm = (((idx % 12) + 12) % 12) + 1;
  const last = daysInMonth(ty, tm);
  return { day: dayNumber(ty, tm, Math.min(d, last)), clamped: d > last, wanted: d };
}
