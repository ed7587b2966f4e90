import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dutyAlerts, dutyCompliance, type DutyAlert, type Shift } from './duty';
import type { Grid } from './coverage';
import { Track, at, rect } from './track-fixtures';

const AREA = rect(0, 0, 400, 400);
const shift = (endS = 4 * 3600): Shift => ({ start: at(0), end: at(endS), areaGeometry: AREA });
const GRIDS: Grid[] = [
  { id: 'SW', geometry: rect(0, 0, 200, 200) },
  { id: 'SE', geometry: rect(200, 0, 400, 200) },
];
const only = (alerts: DutyAlert[], kind: DutyAlert['kind']) =>
  alerts.filter((a) => a.kind === kind).map((a) => [a.since.getTime(), a.until?.getTime() ?? null, a.detail.durationMs]);
const s = (x: number) => at(x).getTime();

// A patrol that keeps moving inside the area: 333 m east / west legs at 4 km/h.
function patrol(from: number, to: number): Track {
  const t = new Track(30, 100, from);
  let dir = 1;
  for (let x = from; x < to; x += 300) {
    t.walk(300, dir, 0, 4);
    dir = -dir;
  }
  return t;
}

test('offline: ended, ongoing, not yet, shift over, never reported', () => {
  const pts = [...patrol(0, 1800).points, ...patrol(3000, 3600).points];
  assert.deepEqual(only(dutyAlerts(pts, shift(), at(3600)), 'offline'), [[s(1800), s(3000), 1_200_000]]);
  const upTo30 = patrol(0, 1800).points;
  assert.deepEqual(only(dutyAlerts(upTo30, shift(), at(2700)), 'offline'), [[s(1800), null, 900_000]]);
  assert.deepEqual(only(dutyAlerts(upTo30, shift(), at(2100)), 'offline'), [], '5 min < 10 min');
  assert.deepEqual(only(dutyAlerts(upTo30, shift(2700), at(3600)), 'offline'), [[s(1800), s(2700), 900_000]], 'closed at shift end');
  assert.deepEqual(only(dutyAlerts([], shift(), at(900)), 'offline'), [[s(0), null, 900_000]]);
  assert.deepEqual(dutyAlerts([], shift(), at(-60)), [], 'nothing before the shift');
  // Flagged reports still prove the phone is alive.
  const flagged = upTo30.map((p) => ({ ...p, flags: ['low_accuracy'] }));
  assert.deepEqual(only(dutyAlerts(flagged, shift(), at(1900)), 'offline'), []);
  // A report before the shift is the last one seen.
  const before = new Track(150, 100, -1200).points;
  assert.deepEqual(only(dutyAlerts(before, shift(), at(60)), 'offline'), [[s(0), null, 60_000]]);
});

test('no movement: ended and ongoing', () => {
  const pts = new Track(150, 100).stay(2400).walk(600, 1, 0).points;
  // the stop keeps the first 3 walking steps (within 50 m of where it began)
  assert.deepEqual(only(dutyAlerts(pts, shift(), at(3000)), 'no_movement'), [[s(0), s(2430), 2_430_000]]);
  const still = new Track(150, 100).stay(2100).points;
  assert.deepEqual(only(dutyAlerts(still, shift(), at(2105)), 'no_movement'), [[s(0), null, 2_105_000]]);
  assert.deepEqual(only(dutyAlerts(new Track(150, 100).stay(1500).points, shift(), at(1505)), 'no_movement'), [], '25 min < 30 min');
  assert.deepEqual(only(dutyAlerts(patrol(0, 3600).points, shift(), at(3600)), 'no_movement'), []);
});

test('out of area: ended, ongoing, short excursion', () => {
  // From 380 m east walk out for 8 min, come back for 8 min: outside from step 2 (t = 20 s, 407.8 m)
  // until back at 393.9 m (t = 950 s).
  const out = new Track(380, 100).walk(480, 1, 0).walk(480, -1, 0).points;
  const got = dutyAlerts(out, shift(), at(1000));
  assert.deepEqual(only(got, 'out_of_area'), [[s(20), s(950), 930_000]]);
  assert.ok(got.find((a) => a.kind === 'out_of_area')!.detail.lat !== null);
  const ongoing = new Track(380, 100).walk(400, 1, 0).points;
  assert.deepEqual(only(dutyAlerts(ongoing, shift(), at(400)), 'out_of_area'), [[s(20), null, 380_000]]);
  assert.deepEqual(only(dutyAlerts(ongoing.filter((p) => p.time <= at(300)), shift(), at(300)), 'out_of_area'), [], '4 min 40 s < 5 min');
  const short = new Track(380, 100).walk(120, 1, 0).walk(120, -1, 0).points;
  assert.deepEqual(only(dutyAlerts(short, shift(), at(240)), 'out_of_area'), []);
  assert.deepEqual(only(dutyAlerts(out, shift(), at(1000), { outOfAreaAfterMs: 3_600_000 }), 'out_of_area'), []);
});

test('alerts are sorted by since', () => {
  const pts = new Track(380, 100).walk(480, 1, 0).walk(480, -1, 0).points;
  const alerts = dutyAlerts(pts, shift(), at(3600));
  assert.deepEqual(alerts.map((a) => a.kind), ['out_of_area', 'offline']);
  assert.ok(alerts.every((a, i) => i === 0 || alerts[i - 1]!.since <= a.since));
});

test('duty compliance: in / out of area, offline, coverage of the shift grids', () => {
  const pts = new Track(380, 100).walk(480, 1, 0).walk(480, -1, 0).points;
  const c = dutyCompliance(pts, { ...shift(1800), gridIds: ['SE'] }, GRIDS);
  assert.equal(c.shiftMs, 1_800_000);
  assert.equal(c.inAreaMs, 30_000);
  assert.equal(c.outOfAreaMs, 930_000);
  assert.equal(c.onDutyMs, 960_000);
  assert.equal(c.offlineMs, 840_000);
  assert.equal(c.coverage.grids.length, 1);
  assert.equal(c.coverage.grids[0]?.dwellMs, 30_000);
  assert.equal(c.coverage.ratio, 0);
  const running = dutyCompliance(pts, shift(), GRIDS, { now: at(600) });
  assert.equal(running.shiftMs, 600_000);
  assert.equal(running.offlineMs, 0);
  const empty = dutyCompliance([], shift(3600), GRIDS);
  assert.deepEqual([empty.onDutyMs, empty.offlineMs, empty.coverage.ratio], [0, 3_600_000, 0]);
  const inside = dutyCompliance(new Track(100, 100).stay(1800).points, shift(1800), GRIDS);
  assert.deepEqual([inside.inAreaMs, inside.outOfAreaMs, inside.offlineMs, inside.coverage.ratio], [1_800_000, 0, 0, 0.5]);
});
