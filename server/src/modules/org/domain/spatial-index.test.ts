import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointInRing } from './geometry';
import { buildSpatialIndex, type LocatableUnit } from './spatial-index';

const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

/**
 * A district D with two teams side by side (A west of lon 121, B east of it), each with two grids split at
 * lat 32 (south grid code …1, north …2). Grid A2 has a hole with a 'pocket' grid P of team B inside it
 * (a school enclave handled by the neighbour). Team B's area is a MultiPolygon: its main box and an island.
 * Team C is closed (not current) and so not passed in; its grid G-C stays current but has no team.
 */
function city(): LocatableUnit[] {
  return [
    { id: 'd', path: '/d/', kind: 'district', code: 'D', geometry: poly(box(120, 31, 122, 33)) },
    { id: 'a', path: '/d/a/', kind: 'team', code: 'A', geometry: poly(box(120, 31, 121, 33)) },
    { id: 'b', path: '/d/b/', kind: 'team', code: 'B', geometry: { type: 'MultiPolygon', coordinates: [[box(121, 31, 122, 33)], [box(123, 31, 123.5, 31.5)]] } },
    { id: 'a1', path: '/d/a/a1/', kind: 'grid', code: 'A1', geometry: poly(box(120, 31, 121, 32)) },
    { id: 'a2', path: '/d/a/a2/', kind: 'grid', code: 'A2', geometry: poly(box(120, 32, 121, 33), box(120.4, 32.4, 120.6, 32.6)) },
    // The enclave sits under team B through a community without an area of its own.
    { id: 'bc', path: '/d/b/bc/', kind: 'community', code: 'BC', geometry: null },
    { id: 'p', path: '/d/b/bc/p/', kind: 'grid', code: 'BP', geometry: poly(box(120.4, 32.4, 120.6, 32.6)) },
    { id: 'b1', path: '/d/b/b1/', kind: 'grid', code: 'B1', geometry: poly(box(121, 31, 122, 32)) },
    // Given without the closing position: located all the same.
    { id: 'b2', path: '/d/b/b2/', kind: 'grid', code: 'B2', geometry: poly([[121, 32], [122, 32], [122, 33], [121, 33]]) },
    { id: 'gc', path: '/d/c/gc/', kind: 'grid', code: 'GC', geometry: poly(box(124, 31, 124.5, 31.5)) },
  ];
}

test('locate: teams and grids by point, holes, MultiPolygons, shared edges', () => {
  const index = buildSpatialIndex(city());
  const cases: [string, number, number, string | null, string | null][] = [
    ['inside grid A1', 120.5, 31.5, 'a', 'a1'],
    ['inside grid A2', 120.2, 32.8, 'a', 'a2'],
    ['inside the hole of A2: the enclave of team B', 120.5, 32.5, 'b', 'p'],
    ['inside grid B1', 121.5, 31.5, 'b', 'b1'],
    ['grid given unclosed', 121.5, 32.5, 'b', 'b2'],
    ['island of team B (no grid there)', 123.2, 31.2, 'b', null],
    ['grid of a closed team: grid without team', 124.2, 31.2, null, 'gc'],
    ['shared vertical edge A|B goes east', 121, 31.5, 'b', 'b1'],
    ['shared horizontal edge A1/A2 goes north', 120.5, 32, 'a', 'a2'],
    ['shared corner of four grids goes north-east', 121, 32, 'b', 'b2'],
    ['edge of the hole (shared with the enclave) goes to the enclave east side', 120.4, 32.5, 'b', 'p'],
    ['west outer edge of the district is inside', 120, 31.5, 'a', 'a1'],
    ['east outer edge of B is outside (half-open)', 122, 31.5, null, null],
    ['only the district contains: no team', 122.5, 32, null, null],
    ['outside everything', 100, 20, null, null],
    ['0,0', 0, 0, null, null],
  ];
  for (const [name, lon, lat, teamId, gridId] of cases) assert.deepEqual(index.locate(lon, lat), { teamId, gridId }, name);
});

test('locate: overlapping areas resolve by depth, then code, whatever the load order', () => {
  const units: LocatableUnit[] = [
    { id: 't1', path: '/t1/', kind: 'team', code: 'T1', geometry: poly(box(0, 0, 2, 2)) },
    { id: 't2', path: '/t2/', kind: 'team', code: 'T2', geometry: poly(box(1, 0, 3, 2)) },
    { id: 'c2', path: '/t2/c2/', kind: 'community', code: 'C2', geometry: poly(box(1.5, 0, 2.5, 1)) },
    { id: 'g9', path: '/t1/g9/', kind: 'grid', code: 'G9', geometry: poly(box(1.8, 1.5, 2.2, 2)) },
    { id: 'g1', path: '/t2/g1/', kind: 'grid', code: 'G1', geometry: poly(box(1.8, 1.5, 2.2, 2)) },
  ];
  const cases: [string, number, number, string | null, string | null][] = [
    ['two teams overlap: the smaller code', 1.2, 1.2, 't1', null],
    ['a deeper community of T2 inside T1 wins', 1.7, 0.5, 't2', null],
    ['two equal grids: the smaller code, and its team', 2, 1.7, 't2', 'g1'],
  ];
  for (const order of [units, [...units].reverse()]) {
    const index = buildSpatialIndex(order);
    for (const [name, lon, lat, teamId, gridId] of cases) assert.deepEqual(index.locate(lon, lat), { teamId, gridId }, name);
  }
});

test('locate: empty input, points, bad geometry and kinds that do not route are ignored', () => {
  assert.deepEqual(buildSpatialIndex([]).locate(120, 31), { teamId: null, gridId: null });
  const index = buildSpatialIndex([
    { id: 'pt', path: '/pt/', kind: 'team', code: 'PT', geometry: { type: 'Point', coordinates: [120, 31] } },
    { id: 'bad', path: '/bad/', kind: 'team', code: 'BAD', geometry: poly([[120, 31], [121, 31]]) },
    { id: 'nan', path: '/nan/', kind: 'team', code: 'NAN', geometry: poly([[Number.NaN, 31], [121, 31], [121, 32], [120, 32]]) },
    { id: 'dist', path: '/dist/', kind: 'district', code: 'DIST', geometry: poly(box(119, 30, 122, 33)) },
  ]);
  assert.equal(index.size, 1, 'only the NaN-free triangle of NAN remains');
  assert.deepEqual(index.locate(120.9, 31.5), { teamId: 'nan', gridId: null });
  assert.deepEqual(index.locate(119.5, 30.5), { teamId: null, gridId: null });
});

test('locate: the bucket index answers as a scan of every area does (random tiling with holes)', () => {
  // A deterministic pseudo-random generator, so a failure reproduces.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const units: LocatableUnit[] = [];
  const n = 12;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = 120 + i * 0.01;
      const y = 31 + j * 0.01;
      const id = `g${i}-${j}`;
      // Jagged tiles: an octagon-ish ring around the cell centre, sometimes with a hole.
      const ring: number[][] = [];
      for (let k = 0; k < 24; k++) {
        const a = (k / 24) * 2 * Math.PI;
        const r = 0.004 + rnd() * 0.003;
        ring.push([x + 0.005 + r * Math.cos(a), y + 0.005 + r * Math.sin(a)]);
      }
      ring.push(ring[0]!);
      const rings = rnd() < 0.3 ? [ring, box(x + 0.0045, y + 0.0045, x + 0.0055, y + 0.0055)] : [ring];
      units.push({ id, path: `/t/${id}/`, kind: 'grid', code: id, geometry: poly(...rings) });
    }
  }
  units.push({ id: 't', path: '/t/', kind: 'team', code: 'T', geometry: null });
  const index = buildSpatialIndex(units);
  let hits = 0;
  for (let q = 0; q < 3000; q++) {
    const lon = 119.995 + rnd() * 0.13;
    const lat = 30.995 + rnd() * 0.13;
    // The scan: every grid tested with the plain ring test (in the outer ring, in no hole); the smallest code wins.
    let expected: string | null = null;
    for (const u of units) {
      const rings = u.geometry?.coordinates as number[][][] | undefined;
      if (!rings) continue;
      const inside = pointInRing(lon, lat, rings[0]!) && !rings.slice(1).some((h) => pointInRing(lon, lat, h));
      if (inside && (expected === null || u.code < expected)) expected = u.id;
    }
    if (expected) hits++;
    assert.deepEqual(index.locate(lon, lat), { teamId: expected ? 't' : null, gridId: expected }, `${lon},${lat}`);
  }
  // Both answers occur often enough for the comparison to mean something.
  assert.ok(hits > 1000 && hits < 2900, `hits ${hits}`);
});
