import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointVisits, gridCoverage, type Checkpoint, type Grid } from './coverage';
import { Track, at, pos, rect } from './track-fixtures';

// 2 × 2 grid of 200 m cells; ORIGIN is the south-west corner.
const GRIDS: Grid[] = [
  { id: 'SW', geometry: rect(0, 0, 200, 200) },
  { id: 'SE', geometry: rect(200, 0, 400, 200) },
  { id: 'NW', geometry: rect(0, 200, 200, 400) },
  { id: 'NE', geometry: { type: 'MultiPolygon', coordinates: [rect(200, 200, 400, 400).coordinates] } },
];

// Stay 2 min in the middle of SW, walk east 2 min (crosses into SE between step 7 at 197 m and step 8 at
// 211 m), stay 30 s in SE.
const track = () => new Track(100, 100).stay(120).walk(120, 1, 0).stay(30).points;

test('grid coverage on a 2 × 2 grid', () => {
  const r = gridCoverage(track(), GRIDS);
  const by = Object.fromEntries(r.grids.map((g) => [g.id, g]));
  assert.equal(by.SW?.dwellMs, 200_000); // 120 s stay + 8 walking segments
  assert.equal(by.SE?.dwellMs, 70_000); // 4 walking segments + 30 s stay
  assert.equal(by.NW?.dwellMs, 0);
  assert.equal(by.NE?.dwellMs, 0);
  assert.deepEqual(r.grids.map((g) => g.covered), [true, true, false, false]);
  assert.equal(r.coveredCount, 2);
  assert.equal(r.ratio, 0.5);
  assert.equal(by.SW?.firstEnter?.getTime(), at(0).getTime());
  assert.equal(by.SW?.lastLeave?.getTime(), at(200).getTime());
  assert.equal(by.SE?.firstEnter?.getTime(), at(200).getTime());
  assert.equal(by.SE?.lastLeave?.getTime(), at(270).getTime());
  assert.equal(by.NW?.firstEnter, null);

  const strict = gridCoverage(track(), GRIDS, { dwellMs: 80_000 });
  assert.equal(strict.ratio, 0.25, 'SE has 70 s < 80 s');

  const windowed = gridCoverage(track(), GRIDS, { window: { start: at(60), end: at(230) } });
  assert.deepEqual(windowed.grids.map((g) => g.dwellMs), [140_000, 30_000, 0, 0]);
  assert.equal(windowed.grids[0]?.firstEnter?.getTime(), at(60).getTime());

  assert.deepEqual(gridCoverage([], GRIDS).grids.map((g) => g.covered), [false, false, false, false]);
  assert.equal(gridCoverage(track(), []).ratio, 0);
});

test('grid coverage: gaps give no dwell, flagged points are ignored, holes are outside', () => {
  const gapped = new Track(100, 100).stay(30).gap(3600).points;
  assert.equal(gridCoverage(gapped, GRIDS).grids[0]?.dwellMs, 30_000);
  const flagged = track().map((p) => ({ ...p, flags: ['low_accuracy'] }));
  assert.equal(gridCoverage(flagged, GRIDS).coveredCount, 0);
  assert.equal(gridCoverage(flagged, GRIDS, { includeFlagged: true }).coveredCount, 2);
  const donut: Grid = { id: 'D', geometry: { type: 'Polygon', coordinates: [rect(0, 0, 200, 200).coordinates[0]!, rect(50, 50, 150, 150).coordinates[0]!] } };
  assert.equal(gridCoverage(new Track(100, 100).stay(120).points, [donut]).grids[0]?.dwellMs, 0);
});

test('checkpoint visits', () => {
  const cps: Checkpoint[] = [
    { id: 'A', ...pos(100, 100), radiusM: 30, minDwellMs: 60_000 }, // stayed here
    { id: 'B', ...pos(300, 150), radiusM: 20, minDwellMs: 0 }, // 50 m off the path
    { id: 'C', ...pos(250, 100), radiusM: 20, minDwellMs: 120_000 }, // walked through, too short
  ];
  const [a, b, c] = checkpointVisits(track(), cps);
  assert.equal(a?.visited, true);
  // inside from the start until the 2nd walking step (27.8 m); the 3rd (41.7 m) is outside
  assert.deepEqual(a?.visits, [{ enter: at(0), leave: at(140), dwellMs: 140_000 }]);
  assert.equal(a?.totalDwellMs, 140_000);
  assert.deepEqual(b, { id: 'B', visited: false, visits: [], totalDwellMs: 0 });
  assert.equal(c?.visited, false);
  assert.equal(checkpointVisits(track(), [{ ...cps[2]!, minDwellMs: 0 }])[0]?.visited, true);
});

test('checkpoint visits: drive-by between fixes, jitter merge, gap split', () => {
  // 40 km/h, 10 s reports: 111 m between fixes; the checkpoint sits 55 m along, 10 m aside.
  const drive = new Track(0, 0).walk(30, 1, 0, 40).points;
  const cp: Checkpoint = { id: 'X', ...pos(55.5, 10), radiusM: 20, minDwellMs: 0 };
  const [x] = checkpointVisits(drive, [cp]);
  assert.equal(x?.visits.length, 1);
  assert.equal(x?.visits[0]?.dwellMs, 0);
  assert.ok(Math.abs(x!.visits[0]!.enter.getTime() - at(5).getTime()) < 50, 'closest approach ≈ 5 s');
  assert.equal(checkpointVisits(drive, [{ ...cp, minDwellMs: 1 }])[0]?.visited, false);

  // In, one fix outside (jitter), back in within 60 s: one visit.
  const jitter = new Track(0, 0).stay(60).walk(10, 1, 0, 18).walk(10, -1, 0, 18).stay(60).points; // 50 m out and back
  const [j] = checkpointVisits(jitter, [{ id: 'J', ...pos(0, 0), radiusM: 40, minDwellMs: 0 }]);
  assert.deepEqual(j?.visits.map((v) => v.dwellMs), [140_000]);
  const [js] = checkpointVisits(jitter, [{ id: 'J', ...pos(0, 0), radiusM: 40, minDwellMs: 0 }], { mergeGapMs: 0 });
  assert.equal(js?.visits.length, 2);

  const gapped = new Track(0, 0).stay(60).gap(1800).stay(60).points;
  const [g] = checkpointVisits(gapped, [{ id: 'G', ...pos(0, 0), radiusM: 40, minDwellMs: 0 }]);
  assert.deepEqual(g?.visits.map((v) => v.dwellMs), [60_000, 60_000], 'a data gap separates visits');
});
