/** Small pure geometry helpers over WGS-84 lon/lat (no PostGIS, see ARCHITECTURE.md). */
import type { IssueProblem } from '../../../platform/validation';

export type Ring = number[][];

export function ringCentroid(ring: Ring): [number, number] {
  // Area-weighted centroid of a simple polygon (shoelace); falls back to the vertex mean.
  // Coordinates are taken relative to the first vertex: with lon ≈ 120 the products would
  // otherwise lose most of their significant digits.
  const [x0, y0] = (ring[0] ?? [0, 0]) as [number, number];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = (ring[i] as number[])[0]! - x0;
    const yi = (ring[i] as number[])[1]! - y0;
    const xj = (ring[j] as number[])[0]! - x0;
    const yj = (ring[j] as number[])[1]! - y0;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  if (Math.abs(a) < 1e-18) {
    const n = ring.length || 1;
    return [ring.reduce((s, p) => s + (p[0] ?? 0), 0) / n, ring.reduce((s, p) => s + (p[1] ?? 0), 0) / n];
  }
  a *= 3;
  return [cx / a + x0, cy / a + y0];
}

/** Ray-casting point-in-ring test. */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Validates a GeoJSON polygon ring: closed, ≥ 4 positions, lon/lat in range. Returns problems. */
export function ringProblems(ring: unknown): string[] {
  return ringIssues(ring).map((p) => p.message);
}

/** The problems of ringProblems with the field-issue code the web translates; `number` counts positions from 1. */
export function ringIssues(ring: unknown): IssueProblem[] {
  if (!Array.isArray(ring)) return [{ code: 'ring_not_array', message: 'ring is not an array' }];
  const problems: IssueProblem[] = [];
  if (ring.length < 4) problems.push({ code: 'ring_too_few_positions', message: 'a ring needs at least 4 positions', params: { min: 4 } });
  ring.forEach((p, i) => {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      problems.push({ code: 'position_invalid', message: `position ${i} is not [lon, lat]`, params: { number: i + 1 } });
    } else if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      problems.push({ code: 'position_out_of_range', message: `position ${i} is out of range`, params: { number: i + 1 } });
    }
  });
  const first = ring[0] as number[] | undefined;
  const last = ring[ring.length - 1] as number[] | undefined;
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) problems.push({ code: 'ring_not_closed', message: 'ring is not closed' });
  return problems;
}
