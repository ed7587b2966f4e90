import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayNumber, dayString, forecastTarget, linearFit, type CountPoint } from './forecast';

const series = (from: string, days: number, f: (i: number) => number): CountPoint[] =>
  Array.from({ length: days }, (_, i) => ({ day: dayString(dayNumber(from) + i), count: f(i) }));

test('least squares through exact lines', () => {
  assert.deepEqual(linearFit([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }]), { slope: 2, intercept: 1 });
  assert.deepEqual(linearFit([{ x: 5, y: 4 }]), { slope: 0, intercept: 4 });
});

test('forecast: table of situations', () => {
  // One team every 10 days over 90 days: 9 teams on 2019-09-30.
  const steady = series('2019-07-03', 90, (i) => Math.floor(i / 10));
  const flat = series('2019-07-03', 90, () => 5);
  const cases: { name: string; s: CountPoint[]; due: string; required: number; today: string; status: string }[] = [
    { name: 'steady pace reaches 11 by year end', s: steady, due: '2019-12-31', required: 11, today: '2019-09-30', status: 'on_track' },
    { name: 'same pace cannot reach 21 by year end', s: steady, due: '2019-12-31', required: 21, today: '2019-09-30', status: 'off_track' },
    { name: 'flat at 5 vs 6 required is off track (5 < 6 × 0.9)', s: flat, due: '2019-12-31', required: 6, today: '2019-09-30', status: 'off_track' },
    { name: 'flat at 10 vs 11 required is at risk', s: series('2019-07-03', 90, () => 10), due: '2019-12-31', required: 11, today: '2019-09-30', status: 'at_risk' },
    { name: 'already met', s: flat, due: '2019-12-31', required: 5, today: '2019-09-30', status: 'met' },
    { name: 'past due and short', s: flat, due: '2019-09-01', required: 6, today: '2019-09-30', status: 'missed' },
    { name: 'past due and reached', s: steady, due: '2019-09-01', required: 6, today: '2019-09-30', status: 'met' },
    { name: 'no data', s: [], due: '2019-12-31', required: 1, today: '2019-09-30', status: 'off_track' },
  ];
  for (const c of cases) {
    const f = forecastTarget(c.s, { dueDate: c.due, required: c.required }, c.today);
    assert.equal(f.status, c.status, `${c.name}: ${JSON.stringify(f)}`);
    assert.match(f.method, /最小二乘/);
  }
  const f = forecastTarget(steady, { dueDate: '2019-12-31', required: 11 }, '2019-09-30');
  assert.equal(f.current, 8);
  assert.ok(f.slopePerMonth > 2.9 && f.slopePerMonth < 3.1, String(f.slopePerMonth));
});
