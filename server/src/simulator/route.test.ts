import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineM, pointInGeometry, type AreaGeometry } from '../modules/tracking/domain/geo';
import { buildStreetGraph, createPatrol, createRng, MODES, seedFrom, type PatrolFix, type PatrolMode } from './route';

/** A team area like the demo's: 0.03° × 0.025° (≈ 2.8 km × 2.8 km) in Nantong. */
const TEAM: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120.86, 32.0],
      [120.89, 32.0],
      [120.89, 32.025],
      [120.86, 32.025],
      [120.86, 32.0],
    ],
  ],
};

/** An L: the north-east quarter of a 2 km square is missing. */
const ELL: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120.86, 32.0],
      [120.88, 32.0],
      [120.88, 32.009],
      [120.87, 32.009],
      [120.87, 32.018],
      [120.86, 32.018],
      [120.86, 32.0],
    ],
  ],
};

function track(area: AreaGeometry, mode: PatrolMode, seed: number, steps: number, dtS = 10): PatrolFix[] {
  const graph = buildStreetGraph(area, { spacingM: MODES[mode].spacingM, seed: seedFrom('area', seed) });
  const patrol = createPatrol({ graph, mode, seed });
  return Array.from({ length: steps }, () => patrol.advance(dtS));
}

test('seedFrom is stable and separates its inputs', () => {
  assert.equal(seedFrom(1, 'a'), seedFrom(1, 'a'));
  assert.notEqual(seedFrom(1, 'a'), seedFrom(1, 'b'));
  assert.notEqual(seedFrom('1a'), seedFrom(1, 'a'));
});

test('the rng is deterministic, uniform-ish and its gaussian has unit spread', () => {
  const a = createRng(7);
  const b = createRng(7);
  const xs = Array.from({ length: 10_000 }, () => a.next());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  const g = createRng(3);
  const gs = Array.from({ length: 10_000 }, () => g.gaussian());
  const sd = Math.sqrt(gs.reduce((s, x) => s + x * x, 0) / gs.length);
  assert.ok(Math.abs(sd - 1) < 0.05, `sd ${sd}`);
});

test('the same seed gives the same track; another seed another track', () => {
  const a = track(TEAM, 'foot', 42, 200);
  const b = track(TEAM, 'foot', 42, 200);
  const c = track(TEAM, 'foot', 43, 200);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('the street lattice lies inside the area and is shared by the devices of one area', () => {
  const g1 = buildStreetGraph(ELL, { spacingM: 150, seed: 9 });
  const g2 = buildStreetGraph(ELL, { spacingM: 150, seed: 9 });
  assert.deepEqual(g1.nodes, g2.nodes);
  assert.ok(g1.edges > 20, `${g1.edges} edges`);
  for (const n of g1.nodes) assert.ok(pointInGeometry(n.lon, n.lat, ELL));
  for (const [a, list] of g1.adj.entries()) {
    for (const b of list) {
      const d = haversineM(g1.nodes[a]!.lat, g1.nodes[a]!.lon, g1.nodes[b]!.lat, g1.nodes[b]!.lon);
      assert.ok(Math.abs(d - 150) < 1.5, `block of ${d} m`);
      assert.ok(g1.adj[b]!.includes(a), 'edges are undirected');
    }
  }
});

for (const mode of ['foot', 'ebike', 'car'] as const) {
  test(`${mode}: stays inside the area, moves at ${MODES[mode].minKmh}–${MODES[mode].maxKmh} km/h, stops sometimes`, () => {
    const dt = 10;
    const fixes = track(ELL, mode, 5, 6 * 360, dt); // 6 hours every 10 s
    const p = MODES[mode];
    for (const f of fixes) assert.ok(pointInGeometry(f.trueLon, f.trueLat, ELL), `true position ${f.trueLat},${f.trueLon} outside`);
    // True displacement per step never exceeds the top speed (streets are straight between nodes).
    for (let i = 1; i < fixes.length; i++) {
      const d = haversineM(fixes[i - 1]!.trueLat, fixes[i - 1]!.trueLon, fixes[i]!.trueLat, fixes[i]!.trueLon);
      assert.ok((d / dt) * 3.6 <= p.maxKmh * 1.001, `${((d / dt) * 3.6).toFixed(2)} km/h in one step`);
    }
    const moving = fixes.filter((f) => f.moving);
    const stopped = fixes.filter((f) => !f.moving);
    for (const f of moving) assert.ok(f.speedKmh >= p.minKmh * 0.8 && f.speedKmh <= p.maxKmh * 1.2, `reported ${f.speedKmh} km/h`);
    for (const f of stopped) assert.equal(f.speedKmh, 0);
    assert.ok(stopped.length > 0, 'some stops');
    assert.ok(moving.length > fixes.length / 2, `mostly moving (${moving.length}/${fixes.length})`);
    // Stop lengths: runs of stopped fixes last up to ~5 minutes.
    let run = 0;
    let longest = 0;
    for (const f of fixes) {
      run = f.moving ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    assert.ok(longest * dt <= p.stopMaxS * 2 + dt, `longest stop ${longest * dt} s`);
    // GPS noise of a few metres.
    const errs = fixes.map((f) => haversineM(f.lat, f.lon, f.trueLat, f.trueLon));
    const meanErr = errs.reduce((s, e) => s + e, 0) / errs.length;
    assert.ok(meanErr > 1 && meanErr < 10, `mean noise ${meanErr.toFixed(1)} m`);
    assert.ok(Math.max(...errs) < 40, `max noise ${Math.max(...errs).toFixed(1)} m`);
    for (const f of fixes) {
      assert.ok(Number.isInteger(f.course) && f.course >= 0 && f.course < 360);
      assert.ok(f.accuracyM >= 3 && f.accuracyM <= 20);
      assert.ok(f.altitude >= 0 && f.altitude < 20);
    }
  });
}

test('a walk covers ground: it does not bounce on one block', () => {
  const graph = buildStreetGraph(TEAM, { spacingM: 150, seed: 1 });
  const patrol = createPatrol({ graph, mode: 'foot', seed: 11 });
  const cells = new Set<string>();
  for (let i = 0; i < 4 * 360; i++) {
    const f = patrol.advance(10);
    cells.add(`${Math.round(f.trueLat / 0.002)}:${Math.round(f.trueLon / 0.002)}`);
  }
  assert.ok(patrol.distanceM > 8_000, `${patrol.distanceM.toFixed(0)} m in 4 h`);
  assert.ok(cells.size > 15, `${cells.size} distinct 200 m cells`);
});

test('the course follows the street being walked', () => {
  const graph = buildStreetGraph(TEAM, { spacingM: 200, seed: 2 });
  const patrol = createPatrol({ graph, mode: 'car', seed: 3, profile: { stopChance: 0 } });
  let prev = patrol.advance(1);
  let checked = 0;
  for (let i = 0; i < 500; i++) {
    const f = patrol.advance(1);
    const d = haversineM(prev.trueLat, prev.trueLon, f.trueLat, f.trueLon);
    if (d > 3 && f.course === prev.course) {
      const brg = (Math.atan2((f.trueLon - prev.trueLon) * Math.cos(f.trueLat * (Math.PI / 180)), f.trueLat - prev.trueLat) * 180) / Math.PI;
      const diff = Math.abs((((brg - f.course) % 360) + 540) % 360 - 180);
      assert.ok(diff < 2, `bearing ${brg.toFixed(1)} vs course ${f.course}`);
      checked++;
    }
    prev = f;
  }
  assert.ok(checked > 100);
});

test('a MultiPolygon area: the patrol stays in one of its parts', () => {
  const multi: AreaGeometry = {
    type: 'MultiPolygon',
    coordinates: [TEAM.coordinates as number[][][], [[[121.0, 32.0], [121.01, 32.0], [121.01, 32.01], [121.0, 32.01], [121.0, 32.0]]]],
  };
  for (const f of track(multi, 'ebike', 8, 500)) assert.ok(pointInGeometry(f.trueLon, f.trueLat, multi));
});

test('an area too small for any street gives a stationary patrol inside it', () => {
  const tiny: AreaGeometry = { type: 'Polygon', coordinates: [[[120.86, 32.0], [120.86005, 32.0], [120.86005, 32.00004], [120.86, 32.00004], [120.86, 32.0]]] };
  const graph = buildStreetGraph(tiny, { spacingM: 150, seed: 1 });
  assert.equal(graph.edges, 0);
  const patrol = createPatrol({ graph, mode: 'foot', seed: 1 });
  const a = patrol.advance(10);
  const b = patrol.advance(600);
  assert.ok(pointInGeometry(a.trueLon, a.trueLat, tiny));
  assert.equal(a.trueLat, b.trueLat);
  assert.equal(b.moving, false);
  assert.equal(b.speedKmh, 0);
});

test('a step of 0 is allowed; a negative or infinite step is a programming error', () => {
  const graph = buildStreetGraph(TEAM, { spacingM: 150, seed: 1 });
  const patrol = createPatrol({ graph, mode: 'foot', seed: 1 });
  const a = patrol.advance(0);
  assert.ok(pointInGeometry(a.trueLon, a.trueLat, TEAM));
  assert.throws(() => patrol.advance(-1), RangeError);
  assert.throws(() => patrol.advance(Number.POSITIVE_INFINITY), RangeError);
});

test('large steps (a sped-up simulation) give the same path as many small ones', () => {
  const graph = buildStreetGraph(TEAM, { spacingM: 150, seed: 4 });
  // Noise differs with the number of fixes drawn, so compare the true positions.
  const coarse = createPatrol({ graph, mode: 'foot', seed: 5 });
  const fine = createPatrol({ graph, mode: 'foot', seed: 5 });
  for (let k = 0; k < 30; k++) {
    const c = coarse.advance(60);
    let f: PatrolFix | undefined;
    for (let i = 0; i < 6; i++) f = fine.advance(10);
    assert.ok(haversineM(c.trueLat, c.trueLon, f!.trueLat, f!.trueLon) < 0.01, `step ${k}`);
    assert.equal(c.moving, f!.moving);
  }
});
