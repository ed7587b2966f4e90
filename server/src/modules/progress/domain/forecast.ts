/**
 * Will a dated target be met? A target asks for `required` units (e.g. 11 of 21 teams 达标) by `dueDate`.
 * Method (shown to users as is): least-squares line through the daily count of units meeting it over
 * the last `windowDays` days, extended to the due date. On track when the projection reaches the
 * requirement, at risk when it reaches at least `riskShare` of it, off track otherwise. A target already
 * met is met; a past due date is judged on the count at that date.
 */
export interface CountPoint {
  day: string; // YYYY-MM-DD
  count: number;
}

export type ForecastStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'missed';

export interface Forecast {
  status: ForecastStatus;
  current: number;
  required: number;
  projected: number;
  slopePerMonth: number;
  method: string;
}

const DAY_MS = 86_400_000;
export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function linearFit(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } {
  const n = points.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: my - slope * mx };
}

export function forecastTarget(
  series: readonly CountPoint[],
  target: { dueDate: string; required: number },
  today: string,
  opts: { windowDays?: number; riskShare?: number } = {},
): Forecast {
  const windowDays = opts.windowDays ?? 90;
  const riskShare = opts.riskShare ?? 0.9;
  const upTo = series.filter((p) => p.day <= today).sort((a, b) => (a.day < b.day ? -1 : 1));
  const last = upTo[upTo.length - 1];
  const current = last?.count ?? 0;
  const method = `最近${windowDays}天每日达标数的最小二乘直线外推至截止日；预测值 ≥ 要求为"正常"，≥ 要求×${riskShare} 为"有风险"，否则"滞后"`;
  const base = { current, required: target.required, method };
  if (target.dueDate < today) {
    const atDue = [...upTo].reverse().find((p) => p.day <= target.dueDate)?.count ?? 0;
    return { ...base, status: atDue >= target.required ? 'met' : 'missed', projected: atDue, slopePerMonth: 0 };
  }
  if (current >= target.required) return { ...base, status: 'met', projected: current, slopePerMonth: 0 };
  const todayN = dayNumber(today);
  const window = upTo.filter((p) => dayNumber(p.day) > todayN - windowDays).map((p) => ({ x: dayNumber(p.day), y: p.count }));
  const { slope, intercept } = linearFit(window);
  const projectedRaw = window.length >= 2 ? slope * dayNumber(target.dueDate) + intercept : current;
  // Teams that already passed do not un-pass in a projection: never project below today's count.
  const projected = Math.round(Math.max(current, projectedRaw) * 10) / 10;
  const status: ForecastStatus = projected >= target.required ? 'on_track' : projected >= target.required * riskShare ? 'at_risk' : 'off_track';
  return { ...base, status, projected, slopePerMonth: Math.round(slope * 30 * 100) / 100 };
}
