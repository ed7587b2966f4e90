import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intersection, type Geom } from 'polyclip-ts';
import { areaM2 } from './area-check';
import { intersectionArea, projectionAt, projectRings } from './overlap-area';

const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const P = projectionAt(120, 31);
const area = (a: number[][][][], b: number[][][][]) => intersectionArea(projectRings(a, P), projectRings(b, P));
/** The reference: the intersection polygon built by a clipping library, then measured. */
const reference = (a: number[][][][], b: number[][][][]) => areaM2(intersection(a as Geom, b as Geom) as unknown as Parameters<typeof areaM2>[0], 31);
const near = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= Math.max(1, want * 1e-3), `${what}: ${got} vs ${want}`);

test('intersection area: shared edges, identical areas, holes, MultiPolygons, orientation', () => {
  const a = [[box(120, 31, 120.01, 31.01)]];
  const cases: [string, number[][][][], number[][][][]][] = [
    ['neighbours sharing an edge exactly', a, [[box(120.01, 31, 120.02, 31.01)]]],
    ['neighbours sharing part of an edge', a, [[box(120.01, 31.005, 120.02, 31.02)]]],
    ['touching at a corner', a, [[box(120.01, 31.01, 120.02, 31.02)]]],
    ['identical', a, a],
    ['identical, other orientation', a, [[[...box(120, 31, 120.01, 31.01)].reverse()]]],
    ['half overlap', a, [[box(120.005, 31, 120.015, 31.01)]]],
    ['inside', a, [[box(120.002, 31.002, 120.004, 31.004)]]],
    ['inside, sharing the south edge', a, [[box(120.002, 31, 120.004, 31.004)]]],
    ['cross shape', [[box(120, 31.004, 120.01, 31.006)]], [[box(120.004, 31, 120.006, 31.01)]]],
    ['a hole taking out part of the overlap', [[box(120, 31, 120.01, 31.01), box(120.006, 31.002, 120.008, 31.004)]], [[box(120.005, 31, 120.015, 31.01)]]],
    ['a MultiPolygon with one part inside', a, [[box(120.002, 31.002, 120.004, 31.004)], [box(121, 31, 121.01, 31.01)]]],
    ['disjoint', a, [[box(120.02, 31, 120.03, 31.01)]]],
  ];
  for (const [name, x, y] of cases) {
    const want = reference(x, y);
    near(area(x, y), want, name);
    near(area(y, x), want, `${name} (swapped)`);
  }
  near(area(a, a), 1111.95 * 1111.95 * 0.01 * 0.01 * 1e4 * Math.cos((31.005 * Math.PI) / 180), 'identical = its own area');
});

test('intersection area agrees with a clipping library on random jagged areas', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const blob = (cx: number, cy: number, r: number, n: number) => {
    // Star-shaped around its centre: simple whatever the radii.
    const ring = Array.from({ length: n }, (_, k) => {
      const ang = (k / n) * 2 * Math.PI;
      const rr = r * (0.6 + 0.4 * rnd());
      return [cx + rr * Math.cos(ang), cy + rr * Math.sin(ang)];
    });
    ring.push(ring[0]!);
    return ring;
  };
  let overlapping = 0;
  for (let k = 0; k < 150; k++) {
    const a = [[blob(120 + rnd() * 0.01, 31 + rnd() * 0.01, 0.004, 20 + Math.floor(rnd() * 40))]];
    const b = [[blob(120 + rnd() * 0.01, 31 + rnd() * 0.01, 0.004, 20 + Math.floor(rnd() * 40))]];
    const want = reference(a, b);
    if (want > 0) overlapping++;
    near(area(a, b), want, `case ${k}`);
  }
  assert.ok(overlapping > 50, `overlapping cases: ${overlapping}`);
});
