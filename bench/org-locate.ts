/**
 * Routing a report: org `locate(lon, lat)` (server/src/modules/org/domain/spatial-index.ts) over the areas of a city
 * of 1,300 teams' size. Goal (issue 13): ≤ 5 ms per routing.
 *
 * Data, generated (deterministic): a lattice of unit grids of 0.004° (≈ 400 m), each team a block of 4 × 2 grids,
 * 1,300 teams (37 × 36 blocks, the last 32 left out) = 10,400 grids + 1,300 team outlines. Every lattice edge is cut
 * into 5–15 pieces with its inner vertices jittered across the edge, shared by the two units on either side, so
 * grids have 20–60 vertices, neighbours share their boundary exactly, and a team's outline is the chain of its
 * grids' outer edges (up to ~170 vertices) — the shape of a real 数字城管 grid layer.
 *
 * Measured in-process, pure CPU (the service keeps the built index per process, see org.locate.ts):
 * - index build time (median of 5 builds);
 * - locate: 200,000 points uniform over the city's box and 10 % beyond it (outside → city desk), each call timed
 *   alone; median / p99 / max µs. 2,000 of the answers are checked against a scan of every grid first.
 * - the area import's checks (domain/area-check.ts, the CPU of a preview) of a district's worth of the same city:
 *   60 teams and their 480 grids re-imported against the whole city (overlaps, grids outside teams, rings).
 *
 *   node --import tsx bench/org-locate.ts          Knobs: BENCH_LOCATE_TEAMS (1300), BENCH_LOCATE_POINTS (200000).
 */
import os from 'node:os';
import { buildSpatialIndex, type LocatableUnit } from '../server/src/modules/org';
import { checkAreaImport, type ExistingUnit } from '../server/src/modules/org/domain/area-check';
import { emitSection, fmt, isMain, mdTable, passFail } from './lib';
import { intEnv, median, quantile } from './tracking-lib';

const GOAL_MS = 5;
const CELL = 0.004;
const LON0 = 120.5;
const LAT0 = 31.7;

/** A deterministic generator (so every run measures the same city). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The jittered inner points of the lattice edge from (i0, j0) to (i1, j1), the same for both units sharing it. */
function edgePoints(i0: number, j0: number, i1: number, j1: number): number[][] {
  const forward = i0 < i1 || (i0 === i1 && j0 < j1);
  const [ai, aj, bi, bj] = forward ? [i0, j0, i1, j1] : [i1, j1, i0, j0];
  const r = rng(ai * 92821 + aj * 68917 + (bi - ai) * 7 + (bj - aj) * 13 + 1);
  const pieces = 5 + Math.floor(r() * 11);
  const pts: number[][] = [];
  for (let k = 1; k < pieces; k++) {
    const t = k / pieces;
    // Across the edge by up to 15 % of a cell, less near the corners: the rings stay simple (no edge of one side
    // crosses the next side's), neighbours stay adjacent.
    const off = (r() - 0.5) * 0.3 * CELL * Math.min(1, 3 * Math.min(t, 1 - t));
    const lon = LON0 + (ai + (bi - ai) * t) * CELL + (bj !== aj ? off : 0);
    const lat = LAT0 + (aj + (bj - aj) * t) * CELL + (bi !== ai ? off : 0);
    pts.push([lon, lat]);
  }
  return forward ? pts : pts.reverse();
}

/** A closed counter-clockwise ring along the lattice points given in order. */
function ringThrough(corners: [number, number][]): number[][] {
  const ring: number[][] = [];
  for (let k = 0; k < corners.length; k++) {
    const [i0, j0] = corners[k]!;
    const [i1, j1] = corners[(k + 1) % corners.length]!;
    ring.push([LON0 + i0 * CELL, LAT0 + j0 * CELL], ...edgePoints(i0, j0, i1, j1));
  }
  ring.push(ring[0]!);
  return ring;
}

export function generateCity(teams: number): { units: LocatableUnit[]; grids: number; vertices: { min: number; max: number; mean: number } } {
  const cols = Math.ceil(Math.sqrt(teams));
  const units: LocatableUnit[] = [{ id: 'city', path: '/city/', kind: 'bureau', code: 'CITY', geometry: null }];
  const gridVertices: number[] = [];
  for (let t = 0; t < teams; t++) {
    const bi = (t % cols) * 4;
    const bj = Math.floor(t / cols) * 2;
    const teamId = `t${t}`;
    // The team outline: its block's boundary through every lattice point on it.
    const outline: [number, number][] = [];
    for (let i = 0; i < 4; i++) outline.push([bi + i, bj]);
    for (let j = 0; j < 2; j++) outline.push([bi + 4, bj + j]);
    for (let i = 4; i > 0; i--) outline.push([bi + i, bj + 2]);
    for (let j = 2; j > 0; j--) outline.push([bi, bj + j]);
    units.push({ id: teamId, path: `/city/${teamId}/`, kind: 'team', code: `T${String(t).padStart(4, '0')}`, geometry: { type: 'Polygon', coordinates: [ringThrough(outline)] } });
    for (let g = 0; g < 8; g++) {
      const i = bi + (g % 4);
      const j = bj + Math.floor(g / 4);
      const ring = ringThrough([[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]]);
      gridVertices.push(ring.length - 1);
      const id = `${teamId}g${g}`;
      units.push({ id, path: `/city/${teamId}/${id}/`, kind: 'grid', code: `T${String(t).padStart(4, '0')}${g}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return {
    units,
    grids: gridVertices.length,
    vertices: { min: Math.min(...gridVertices), max: Math.max(...gridVertices), mean: gridVertices.reduce((s, v) => s + v, 0) / gridVertices.length },
  };
}

/** Even–odd ray casting over the outer ring, the reference the index must agree with. */
function inRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export async function runOrgLocateBench(): Promise<{ markdown: string; pass: boolean }> {
  const teams = intEnv('BENCH_LOCATE_TEAMS', 1300);
  const points = intEnv('BENCH_LOCATE_POINTS', 200_000);
  const city = generateCity(teams);
  const grids = city.units.filter((u) => u.kind === 'grid');

  const buildMs: number[] = [];
  let index = buildSpatialIndex(city.units);
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    index = buildSpatialIndex(city.units);
    buildMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const cols = Math.ceil(Math.sqrt(teams));
  const width = cols * 4 * CELL;
  const height = Math.ceil(teams / cols) * 2 * CELL;
  const r = rng(7);
  const sample = () => [LON0 - 0.1 * width + r() * 1.2 * width, LAT0 - 0.1 * height + r() * 1.2 * height] as const;

  // The answers first: a wrong index would be fast for nothing.
  let checked = 0;
  for (let k = 0; k < 2000; k++) {
    const [lon, lat] = sample();
    const hits = grids.filter((g) => {
      const ring = (g.geometry!.coordinates as number[][][])[0]!;
      // Box first: a lattice cell plus its jitter.
      return Math.abs(ring[0]![0]! - lon) < 2 * CELL && Math.abs(ring[0]![1]! - lat) < 2 * CELL && inRing(lon, lat, ring);
    });
    const got = index.locate(lon, lat);
    if (hits.length > 1) continue; // exactly on a shared edge: the index decides, the scan cannot
    const want = hits[0]?.id ?? null;
    if (got.gridId !== want) throw new Error(`locate(${lon}, ${lat}) = ${got.gridId}, a scan says ${want}`);
    checked++;
  }

  const us: number[] = new Array(points);
  let routed = 0;
  for (let k = 0; k < points; k++) {
    const [lon, lat] = sample();
    const t0 = process.hrtime.bigint();
    const res = index.locate(lon, lat);
    us[k] = Number(process.hrtime.bigint() - t0) / 1e3;
    if (res.teamId) routed++;
  }
  // The preview's checks for a district's worth of the city (the first 60 teams and their grids re-imported).
  const existing: ExistingUnit[] = city.units.map((u) => ({ id: u.id, parentId: u.path.split('/').filter(Boolean).slice(-2, -1)[0] ?? null, path: u.path, code: u.code, name: u.code, kind: u.kind, geometry: u.geometry }));
  const districtTeams = Math.min(60, teams);
  const features = city.units.filter((u) => (u.kind === 'team' || u.kind === 'grid') && Number(u.code.slice(1, 5)) < districtTeams).map((u) => ({ geometry: u.geometry, properties: { CODE: u.code } }));
  const c0 = process.hrtime.bigint();
  const check = checkAreaImport(features, existing, { crs: 'wgs84', codeProperty: 'CODE' });
  const checkMs = Number(process.hrtime.bigint() - c0) / 1e6;
  if (check.errorCount > 0) throw new Error(`the generated district has ${check.errorCount} problems: ${JSON.stringify(check.problems.slice(0, 3))}`);

  const p99Ms = quantile(us, 0.99) / 1000;
  const pass = p99Ms <= GOAL_MS;
  const markdown = [
    '### Routing a report: point location over a city\'s grids (`bench/org-locate.ts`)',
    '',
    `In-process, pure CPU: the org module's spatial index (bucket grid over bounding boxes, then even–odd ray casting) over ` +
      `${fmt(teams)} teams × 8 unit grids = ${fmt(city.grids)} grids of ${city.vertices.min}–${city.vertices.max} vertices (mean ${fmt(city.vertices.mean, 1)}) ` +
      `sharing their edges exactly, plus the ${fmt(teams)} team outlines; ${fmt(points)} points uniform over the city and 10 % beyond ` +
      `(${fmt((100 * routed) / points, 1)} % inside a team), each call timed alone; ${fmt(checked)} answers checked against a scan of every grid first. ` +
      `The service builds the index once per process and rebuilds it after an org write. ${os.availableParallelism()} CPUs.`,
    '',
    mdTable(
      ['units indexed', 'index build (median of 5)', 'locate median', 'locate p99', 'locate max', `goal ≤ ${GOAL_MS} ms per routing`],
      [[fmt(index.size), `${fmt(median(buildMs), 1)} ms`, `${fmt(median(us), 2)} µs`, `${fmt(quantile(us, 0.99), 2)} µs`, `${fmt(us.reduce((m, v) => Math.max(m, v), 0), 1)} µs`, passFail(pass)]],
    ),
    '',
    `Area import preview checks (\`domain/area-check.ts\`, CPU only) of a district's worth of this city — ${fmt(districtTeams)} teams and their ` +
      `${fmt(features.length - districtTeams)} grids re-imported against all ${fmt(city.units.length - 1)} units (rings, self-intersection, overlaps between teams, ` +
      `grids outside their team): ${fmt(checkMs, 0)} ms, ${check.errorCount} errors (reported, no goal).`,
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runOrgLocateBench()
    .then((r) => emitSection('org-locate', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
