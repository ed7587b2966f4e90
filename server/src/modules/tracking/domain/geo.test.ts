import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceToSegmentM, geometryBBox, haversineM, offsetM, pointInGeometry, prepareArea, type AreaGeometry } from './geo';

test('haversine distances', () => {
  const cases: [string, [number, number, number, number], number, number][] = [
    ['same point', [31.23, 121.47, 31.23, 121.47], 0, 1e-9],
    ['0.001° latitude ≈ 111.2 m', [31.23, 121.47, 31.231, 121.47], 111.195, 0.01],
    ['0.001° longitude at 31.23° N ≈ 95.08 m', [31.23, 121.47, 31.23, 121.471], 95.082, 0.01],
    ['Shanghai → Beijing ≈ 1,067 km', [31.2304, 121.4737, 39.9042, 116.4074], 1_067_000, 2_000],
  ];
  for (const [name, [a, b, c, d], want, tol] of cases) assert.ok(Math.abs(haversineM(a, b, c, d) - want) <= tol, name);
  const p = offsetM(31.23, 121.47, 300, 400);
  assert.ok(Math.abs(haversineM(31.23, 121.47, p.lat, p.lon) - 500) < 0.1, 'offsetM round trip');
});

test('point in Polygon / MultiPolygon with holes; bounding box', () => {
  const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
  const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
  const cases: [string, AreaGeometry, number, number, boolean][] = [
    ['donut ring', donut, 2, 2, true],
    ['donut hole', donut, 5, 5, false],
    ['outside donut', donut, 11, 5, false],
    ['multi first', multi, 0.5, 0.5, true],
    ['multi second', multi, 5.5, 5.5, true],
    ['multi between', multi, 3, 3, false],
  ];
  for (const [name, g, lon, lat, want] of cases) {
    assert.equal(pointInGeometry(lon, lat, g), want, name);
    assert.equal(prepareArea(g).contains(lon, lat), want, `prepared ${name}`);
  }
  assert.deepEqual(geometryBBox(multi), [0, 0, 6, 6]);
});

test('distance to a segment', () => {
  const a = offsetM(31.23, 121.47, 0, 0);
  const b = offsetM(31.23, 121.47, 0, 200);
  const p = offsetM(31.23, 121.47, 30, 50);
  const r = distanceToSegmentM(p.lat, p.lon, a.lat, a.lon, b.lat, b.lon);
  assert.ok(Math.abs(r.distanceM - 30) < 0.1 && Math.abs(r.t - 0.25) < 0.001);
  const beyond = offsetM(31.23, 121.47, 0, 260);
  assert.ok(Math.abs(distanceToSegmentM(beyond.lat, beyond.lon, a.lat, a.lon, b.lat, b.lon).distanceM - 60) < 0.1);
});
