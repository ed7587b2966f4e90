import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectStops, detectTrips, distanceMeters, movingStoppedTime, summarizeDay } from './patrol';
import { Track, at } from './track-fixtures';

const STEP_M = (5 / 3.6) * 10; // 13.889 m per 10 s at 5 km/h
const close = (actual: number, expected: number, tol: number, msg: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${msg}: ${actual} vs ${expected} ± ${tol}`);

// Walk 5 min east, stay 10 min, walk 5 min east.
const walkStayWalk = () => new Track().walk(300, 1, 0).stay(600).walk(300, 1, 0).points;

test('distance: straight walk, with flagged jump ignored or included, with a gap', () => {
  const cases: [string, number, number, boolean?][] = [
    ['10 min walk at 5 km/h', distanceMeters(new Track().walk(600, 1, 0).points), 60 * STEP_M],
    ['walk, stay, walk', distanceMeters(walkStayWalk()), 60 * STEP_M],
    ['gap at the same place adds nothing', distanceMeters(new Track().walk(300, 1, 0).gap(1200).walk(300, 1, 0).points), 60 * STEP_M],
    ['flagged 1 km jump ignored', distanceMeters(new Track().walk(300, 1, 0).jump(1000).walk(300, 1, 0).points), 60 * STEP_M],
  ];
  for (const [name, got, want] of cases) close(got, want, 0.5, name);
  const withJump = distanceMeters(new Track().walk(300, 1, 0).jump(1000).walk(300, 0, 0).points, { includeFlagged: true });
  close(withJump, 30 * STEP_M + 2000, 1, 'jump included');
  assert.equal(distanceMeters([]), 0);
});

test('stops: a 10-minute stop between two walks', () => {
  const stops = detectStops(walkStayWalk());
  assert.equal(stops.length, 1);
  const s = stops[0]!;
  // The stop is everything within 50 m of its first point: it starts 3 steps (41.7 m) before the halt
  // and ends at the last stay point (the first step out is 13.9 m from the halt, 55.6 m from the anchor).
  assert.equal(s.start.getTime(), at(270).getTime());
  assert.equal(s.end.getTime(), at(900).getTime());
  assert.equal(s.durationMs, 630_000);
  assert.equal(s.pointCount, 64);
  assert.equal(detectStops(new Track().walk(1200, 1, 0).points).length, 0, 'walking is never a stop');
  assert.equal(detectStops(new Track().stay(240).points).length, 0, '4 min < 5 min');
  assert.equal(detectStops(new Track().stay(240).points, { minStopDurationMs: 240_000 }).length, 1);
  assert.equal(detectStops(new Track().walk(600, 1, 0, 0.5).points).length, 1, '0.5 km/h creeping within 50 m for 6 min');
  assert.equal(detectStops(new Track().walk(600, 1, 0, 0.5).points, { stopRadiusM: 20 }).length, 0);
  const split = detectStops(new Track().stay(400).gap(1200).stay(400).points);
  assert.deepEqual(split.map((x) => x.durationMs), [400_000, 400_000], 'a gap ends the stop');
  assert.equal(detectStops(new Track().stay(400).gap(1200).stay(400).points, { maxGapMs: 3_600_000 }).length, 1);
});

test('trips: between stops, split by a gap, minimum distance and duration', () => {
  const pts = walkStayWalk();
  const trips = detectTrips(pts, detectStops(pts));
  assert.equal(trips.length, 2);
  const [a, b] = trips as [(typeof trips)[0], (typeof trips)[0]];
  assert.equal(a.start.getTime(), at(0).getTime());
  assert.equal(a.end.getTime(), at(270).getTime());
  close(a.distanceM, 27 * STEP_M, 0.5, 'trip 1 distance');
  assert.equal(b.start.getTime(), at(900).getTime());
  assert.equal(b.end.getTime(), at(1200).getTime());
  close(b.distanceM, 30 * STEP_M, 0.5, 'trip 2 distance');
  close(a.avgSpeedKmh, 5, 0.01, 'avg speed');
  assert.equal(a.maxSpeedKmh, 5);
  assert.equal(b.durationMs, 300_000);
  assert.ok(a.startLat > 0 && b.endLon > a.endLon);

  const gapped = new Track().walk(300, 1, 0).gap(1200).walk(300, 1, 0).points;
  assert.deepEqual(
    detectTrips(gapped, detectStops(gapped)).map((t) => [t.start.toISOString(), t.durationMs]),
    [[at(0).toISOString(), 300_000], [at(1500).toISOString(), 300_000]],
  );
  assert.equal(detectTrips(gapped, [], { maxGapMs: 7_200_000 }).length, 1, 'gap tolerated when maxGapMs allows');

  const short = new Track().walk(50, 1, 0).points; // 69 m in 50 s
  assert.equal(detectTrips(short, []).length, 0);
  assert.equal(detectTrips(short, [], { minTripDistanceM: 50, minTripDurationMs: 30_000 }).length, 1);

  // No reported speed: max speed comes from the segment.
  const noSpeed = new Track().walk(120, 1, 0, 18).points.map((p) => ({ ...p, speedKmh: null }));
  close(detectTrips(noSpeed, [])[0]!.maxSpeedKmh, 18, 0.05, 'computed max speed');
});

test('moving / stopped / no-data time', () => {
  const pts = walkStayWalk();
  assert.deepEqual(movingStoppedTime(pts, detectStops(pts)), { movingMs: 570_000, stoppedMs: 630_000, noDataMs: 0 });
  const gapped = new Track().walk(300, 1, 0).gap(1200).walk(300, 1, 0).points;
  assert.deepEqual(movingStoppedTime(gapped, detectStops(gapped)), { movingMs: 600_000, stoppedMs: 0, noDataMs: 1_200_000 });
  const w = { start: at(-600), end: at(3600) };
  assert.deepEqual(movingStoppedTime(pts, detectStops(pts), { window: w }), { movingMs: 570_000, stoppedMs: 630_000, noDataMs: 3_000_000 });
  assert.deepEqual(movingStoppedTime([], [], { window: w }), { movingMs: 0, stoppedMs: 0, noDataMs: 4_200_000 });
  const clipped = movingStoppedTime(pts, detectStops(pts), { window: { start: at(600), end: at(1000) } });
  assert.deepEqual(clipped, { movingMs: 100_000, stoppedMs: 300_000, noDataMs: 0 }, 'segments clipped to the window');
});

test('summarizeDay combines everything; flagged points are ignored', () => {
  const pts = new Track().walk(300, 1, 0).stay(600).jump(800).walk(290, 1, 0).points;
  const s = summarizeDay(pts, { window: { start: at(0), end: at(3600) } });
  assert.equal(s.pointCount, 121);
  assert.equal(s.usablePointCount, 120);
  assert.equal(s.stops.length, 1);
  assert.equal(s.trips.length, 2);
  close(s.distanceM, 59 * STEP_M, 0.5, 'distance skips the outlier');
  assert.equal(s.movingMs + s.stoppedMs + s.noDataMs, 3_600_000);
  assert.equal(s.stoppedMs, 630_000);
  assert.equal(s.maxSpeedKmh, 5);
  assert.equal(s.firstFix?.getTime(), at(0).getTime());
  assert.equal(s.lastFix?.getTime(), at(1200).getTime());
  const empty = summarizeDay([], { window: { start: at(0), end: at(60) } });
  assert.equal(empty.noDataMs, 60_000);
  assert.equal(empty.firstFix, null);
});

test('unsorted input is sorted', () => {
  const pts = new Track().walk(300, 1, 0).points;
  close(distanceMeters(pts.slice().reverse()), 30 * STEP_M, 0.5, 'reversed');
});
