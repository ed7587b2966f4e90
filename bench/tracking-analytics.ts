/**
 * Times gridCoverage over one device-day: 8,640 points (every 10 s for 24 h) × 100 grid cells (10 × 10 cells of
 * 200 m, each a 20-vertex polygon like the grids drawn on the map), median of 20 runs. Target: < 35 ms.
 * Pure CPU, no server: `node --import tsx bench/tracking-analytics.ts`
 */
import { performance } from 'node:perf_hooks';
import { gridCoverage, type Grid } from '../server/src/modules/tracking/domain/analytics/coverage';
import type { TrackPoint } from '../server/src/modules/tracking/domain/analytics/track';
import { pos, T0 } from '../server/src/modules/tracking/domain/analytics/track-fixtures';
import { emitSection, fmt, mdTable, passFail } from './lib';

const CELL_M = 200;
const N = 10;
const POINTS = 8_640;
const RUNS = 20;
const TARGET_MS = 35;

function cell(i: number, j: number): Grid {
  // 5 vertices per edge → 20-vertex ring (closed: 21 positions).
  const ring: number[][] = [];
  const corners: [number, number][] = [
    [i * CELL_M, j * CELL_M],
    [(i + 1) * CELL_M, j * CELL_M],
    [(i + 1) * CELL_M, (j + 1) * CELL_M],
    [i * CELL_M, (j + 1) * CELL_M],
  ];
  for (let c = 0; c < 4; c++) {
    const [e0, n0] = corners[c] as [number, number];
    const [e1, n1] = corners[(c + 1) % 4] as [number, number];
    for (let k = 0; k < 5; k++) {
      const p = pos(e0 + ((e1 - e0) * k) / 5, n0 + ((n1 - n0) * k) / 5);
      ring.push([p.lon, p.lat]);
    }
  }
  ring.push(ring[0] as number[]);
  return { id: `G${i}-${j}`, geometry: { type: 'Polygon', coordinates: [ring] } };
}

const grids: Grid[] = [];
for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) grids.push(cell(i, j));

// Deterministic random walk at ≈ 5 km/h inside the 2 km × 2 km grid (LCG, so runs are comparable).
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const points: TrackPoint[] = [];
let e = 1000;
let n = 1000;
let heading = 0;
for (let k = 0; k < POINTS; k++) {
  heading += (rand() - 0.5) * 0.8;
  e = Math.min(N * CELL_M - 1, Math.max(1, e + Math.cos(heading) * 13.9));
  n = Math.min(N * CELL_M - 1, Math.max(1, n + Math.sin(heading) * 13.9));
  points.push({ time: new Date(T0.getTime() + k * 10_000), ...pos(e, n), speedKmh: 5, flags: [] });
}

const times: number[] = [];
let covered = 0;
for (let r = 0; r < RUNS + 3; r++) {
  const t0 = performance.now();
  const res = gridCoverage(points, grids);
  const dt = performance.now() - t0;
  if (r >= 3) times.push(dt); // 3 warm-up runs
  covered = res.coveredCount;
}
times.sort((a, b) => a - b);
const median = ((times[RUNS / 2 - 1] as number) + (times[RUNS / 2] as number)) / 2;
const line =
  `gridCoverage: ${POINTS} points × ${grids.length} grids (20-vertex rings): median ${median.toFixed(2)} ms ` +
  `(min ${(times[0] as number).toFixed(2)}, max ${(times[RUNS - 1] as number).toFixed(2)}, ${RUNS} runs); ${covered} grids covered`;
console.error(line);
emitSection(
  'tracking-analytics',
  [
    '### Patrol analytics, pure CPU (`bench/tracking-analytics.ts`)',
    '',
    `\`gridCoverage\` over one device-day: ${fmt(POINTS)} points (every 10 s for 24 h, a random walk at ≈ 5 km/h) × ${grids.length} grid cells ` +
      `(10 × 10 cells of ${CELL_M} m, 20-vertex rings); median of ${RUNS} runs after 3 warm-up runs. No server, no database.`,
    '',
    mdTable(
      ['measurement', 'median ms', 'min / max ms', 'grids covered', 'target', 'verdict'],
      [['grid coverage of one device-day', median.toFixed(2), `${(times[0] as number).toFixed(2)} / ${(times[RUNS - 1] as number).toFixed(2)}`, String(covered), `< ${TARGET_MS} ms`, passFail(median < TARGET_MS)]],
    ),
  ].join('\n'),
);
