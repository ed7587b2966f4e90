import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ancestorIds, childKindAllowed, pathOf, validOn } from './org-kinds';
import { pointInRing, ringCentroid, ringProblems } from './geometry';

test('child kinds go down the tree only', () => {
  const cases: [Parameters<typeof childKindAllowed>[0], Parameters<typeof childKindAllowed>[1], boolean][] = [
    ['bureau', 'detachment', true],
    ['district', 'team', true],
    ['team', 'grid', true],
    ['team', 'team', false],
    ['grid', 'community', false],
    ['community', 'district', false],
  ];
  for (const [p, c, ok] of cases) assert.equal(childKindAllowed(p, c), ok, `${p}→${c}`);
});

test('paths and ancestors', () => {
  assert.equal(pathOf(null, 'a'), '/a/');
  assert.equal(pathOf('/a/b/', 'c'), '/a/b/c/');
  assert.deepEqual(ancestorIds('/a/b/c/'), ['a', 'b']);
  assert.deepEqual(ancestorIds('/a/'), []);
});

test('validity is half-open [validFrom, validTo)', () => {
  const u = { validFrom: '2019-01-01', validTo: '2020-07-17' };
  assert.equal(validOn(u, '2018-12-31'), false);
  assert.equal(validOn(u, '2019-01-01'), true);
  assert.equal(validOn(u, '2020-07-16'), true);
  assert.equal(validOn(u, '2020-07-17'), false);
  assert.equal(validOn({ validFrom: '2019-01-01', validTo: null }, '2030-01-01'), true);
});

test('geometry: centroid, point in ring, ring validation', () => {
  const sq = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
  assert.deepEqual(ringCentroid(sq), [1, 1]);
  const far = ringCentroid([[120.9, 31.9], [120.91, 31.9], [120.91, 31.91], [120.9, 31.91], [120.9, 31.9]]);
  assert.ok(Math.abs(far[0] - 120.905) < 1e-9 && Math.abs(far[1] - 31.905) < 1e-9, String(far));
  assert.equal(pointInRing(1, 1, sq), true);
  assert.equal(pointInRing(3, 1, sq), false);
  assert.deepEqual(ringProblems(sq), []);
  assert.deepEqual(ringProblems([[0, 0], [1, 0], [1, 1], [0, 1]]), ['ring is not closed']);
  assert.deepEqual(ringProblems([[0, 0], [200, 0], [0, 0]]), ['a ring needs at least 4 positions', 'position 1 is out of range']);
});
