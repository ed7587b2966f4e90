/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01), without Date objects: deadlines are
 * civil dates in Asia/Shanghai, so no time zone may shift them, and the engine's hot loop stays
 * allocation-free. Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (proleptic
 * Gregorian calendar).
 */
import type { IsoDate } from './types';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

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
  const m = ISO_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayNumber(y, mo, d);
}

export function isIsoDate(date: string): boolean {
  return parseIso(date) !== null;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
export function formatIso(n: number): IsoDate {
  const [y, m, d] = civil(n);
  return `${y}-${pad2(m)}-${pad2(d)}`;
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
