/**
 * Daily partitions of tracking_position. A day is a UTC+8 calendar day (Beijing time; the bureau's working day),
 * so one officer's shift never spans two partitions. Pure naming and range arithmetic; the DDL lives in
 * tracking.partitions.ts.
 */
export const CN_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD of the UTC+8 day containing `t`. */
export function cnDay(t: Date): string {
  return new Date(t.getTime() + CN_OFFSET_MS).toISOString().slice(0, 10);
}

/** [start, end) of a UTC+8 day as instants. Throws on a malformed day. */
export function cnDayRange(day: string): { start: Date; end: Date } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  const start = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(start.getTime()) || cnDay(start) !== day) throw new RangeError(`not a day: ${day}`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

export function addDays(day: string, n: number): string {
  return cnDay(new Date(cnDayRange(day).start.getTime() + n * 86_400_000));
}

export const PARTITION_PREFIX = 'tracking_position_p';

export function partitionName(day: string): string {
  return PARTITION_PREFIX + day.replaceAll('-', '');
}

/** The day of a partition name, or null for anything else (the default partition). */
export function partitionDay(name: string): string | null {
  const m = /^tracking_position_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * What maintenance should do on `today`: create partitions from `today − behindDays` to `today + aheadDays`
 * that do not exist; drop partitions of days before the retention cut (today − retentionDays + 1 is kept).
 */
export function partitionPlan(
  existing: readonly string[],
  today: string,
  opts: { aheadDays: number; behindDays: number; retentionDays: number | null },
): { create: string[]; drop: string[]; cutoffDay: string | null } {
  const have = new Set(existing.map(partitionDay).filter((d): d is string => d !== null));
  const cutoffDay = opts.retentionDays === null ? null : addDays(today, -(opts.retentionDays - 1));
  const create: string[] = [];
  for (let i = -opts.behindDays; i <= opts.aheadDays; i++) {
    const d = addDays(today, i);
    if (!have.has(d) && (cutoffDay === null || d >= cutoffDay)) create.push(d);
  }
  const drop = cutoffDay === null ? [] : [...have].filter((d) => d < cutoffDay).sort();
  return { create, drop, cutoffDay };
}
