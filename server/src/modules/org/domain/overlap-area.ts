/**
 * Area of the intersection of two areas (Polygon / MultiPolygon rings, holes included) in m², without building the
 * intersection polygon. Pure.
 *
 * Why not a clipping library: the area import checks every imported team against its neighbours and every grid
 * against its team; a general boolean-operation library (polyclip-ts) took 8–18 ms per pair of 40–170-vertex
 * areas, minutes of blocked server for a city's 10,000 grids. Only the area is needed, and Green's theorem gives it
 * from the boundary: ∂(A ∩ B) is the part of ∂A inside B plus the part of ∂B inside A, so
 *   area(A ∩ B) = ½ Σ cross(p, q) over those boundary pieces (rings oriented: outer counter-clockwise, holes clockwise).
 * Each edge is cut where it meets the other boundary; a piece counts when its midpoint lies strictly inside the
 * other area. A piece lying on both boundaries counts once when both run the same way (the areas are on the same
 * side of it) and not at all when they run opposite ways (neighbours sharing an edge) — so exactly shared edges
 * give 0 and identical areas give their full area. O(n·m) per pair, plain floating point, on a local metric
 * projection (metres around a reference point) so that tolerances are in metres.
 */

type Pt = [number, number];
type Rings = Pt[][];

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Distances below this (metres) are "on the line": far under survey precision, far over float noise at city scale. */
const EPS = 1e-6;

export interface Projection {
  lon0: number;
  lat0: number;
  kx: number;
  ky: number;
}

export function projectionAt(lon0: number, lat0: number): Projection {
  return { lon0, lat0, kx: Math.cos(lat0 * RAD) * RAD * EARTH_RADIUS_M, ky: RAD * EARTH_RADIUS_M };
}

function signedArea2(ring: Pt[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return s;
}

/**
 * Rings of a MultiPolygon in metres, closing position dropped, oriented for Green's theorem (outer CCW, holes CW).
 */
export function projectRings(multi: number[][][][], p: Projection): Rings {
  const out: Rings = [];
  for (const poly of multi) {
    poly.forEach((ring, k) => {
      const pts: Pt[] = ring.map((q) => [(q[0]! - p.lon0) * p.kx, (q[1]! - p.lat0) * p.ky]);
      const last = pts[pts.length - 1];
      if (pts.length > 1 && last![0] === pts[0]![0] && last![1] === pts[0]![1]) pts.pop();
      if (pts.length < 3) return;
      const ccw = signedArea2(pts) > 0;
      if ((k === 0) !== ccw) pts.reverse();
      out.push(pts);
    });
  }
  return out;
}

/** Area in m² of projected, oriented rings. */
export function ringsArea(r: Rings): number {
  return r.reduce((s, ring) => s + signedArea2(ring), 0) / 2;
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boxOf(r: Rings): Box {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const ring of r) {
    for (const [x, y] of ring) {
      if (x < b.minX) b.minX = x;
      if (x > b.maxX) b.maxX = x;
      if (y < b.minY) b.minY = y;
      if (y > b.maxY) b.maxY = y;
    }
  }
  return b;
}

/** Where a point is with respect to an area: inside, outside, or on an edge (with that edge's direction). */
function classify(x: number, y: number, r: Rings): { where: 'in' | 'out' } | { where: 'on'; dx: number; dy: number } {
  let inside = false;
  for (const ring of r) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      // On the edge j → i?
      const ex = xi - xj;
      const ey = yi - yj;
      const len2 = ex * ex + ey * ey;
      if (len2 > 0) {
        const t = ((x - xj) * ex + (y - yj) * ey) / len2;
        if (t >= -1e-12 && t <= 1 + 1e-12) {
          const cx = xj + t * ex - x;
          const cy = yj + t * ey - y;
          if (cx * cx + cy * cy <= EPS * EPS) return { where: 'on', dx: ex, dy: ey };
        }
      }
      if (yi > y !== yj > y && x < (xj - xi) * ((y - yi) / (yj - yi)) + xi) inside = !inside;
    }
  }
  return { where: inside ? 'in' : 'out' };
}

/** Twice the signed area contributed by the pieces of s's boundary inside o (and, if `shared`, on o's boundary the same way). */
function contribution(s: Rings, o: Rings, oBox: Box, shared: boolean): number {
  let sum = 0;
  const oEdges: [number, number, number, number][] = [];
  for (const ring of o) for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) oEdges.push([ring[j]![0], ring[j]![1], ring[i]![0], ring[i]![1]]);
  for (const ring of s) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [px, py] = ring[j]!;
      const [qx, qy] = ring[i]!;
      const dx = qx - px;
      const dy = qy - py;
      const minX = Math.min(px, qx);
      const maxX = Math.max(px, qx);
      const minY = Math.min(py, qy);
      const maxY = Math.max(py, qy);
      // An edge wholly outside o's box contributes nothing (its pieces are outside o).
      if (maxX < oBox.minX - EPS || minX > oBox.maxX + EPS || maxY < oBox.minY - EPS || minY > oBox.maxY + EPS) continue;
      const ts = [0, 1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      for (const [rx, ry, sx, sy] of oEdges) {
        if (Math.max(rx, sx) < minX - EPS || Math.min(rx, sx) > maxX + EPS || Math.max(ry, sy) < minY - EPS || Math.min(ry, sy) > maxY + EPS) continue;
        const ex = sx - rx;
        const ey = sy - ry;
        const den = dx * ey - dy * ex;
        if (Math.abs(den) > 1e-12 * Math.sqrt(len2 * (ex * ex + ey * ey))) {
          const t = ((rx - px) * ey - (ry - py) * ex) / den;
          const u = ((rx - px) * dy - (ry - py) * dx) / den;
          if (t > 0 && t < 1 && u >= -1e-12 && u <= 1 + 1e-12) ts.push(t);
        } else {
          // Parallel: where collinear, o's edge ends cut this edge.
          for (const [ax, ay] of [
            [rx, ry],
            [sx, sy],
          ] as const) {
            const t = ((ax - px) * dx + (ay - py) * dy) / len2;
            const cx = px + t * dx - ax;
            const cy = py + t * dy - ay;
            if (t > 0 && t < 1 && cx * cx + cy * cy <= EPS * EPS) ts.push(t);
          }
        }
      }
      ts.sort((a, b) => a - b);
      for (let k = 1; k < ts.length; k++) {
        const t0 = ts[k - 1]!;
        const t1 = ts[k]!;
        if (t1 - t0 <= 1e-12) continue;
        const tm = (t0 + t1) / 2;
        const c = classify(px + tm * dx, py + tm * dy, o);
        const counts = c.where === 'in' || (shared && c.where === 'on' && c.dx * dx + c.dy * dy > 0);
        if (!counts) continue;
        const ax = px + t0 * dx;
        const ay = py + t0 * dy;
        const bx = px + t1 * dx;
        const by = py + t1 * dy;
        sum += ax * by - bx * ay;
      }
    }
  }
  return sum;
}

/** Area in m² of A ∩ B (projected, oriented rings from projectRings on the same projection). */
export function intersectionArea(a: Rings, b: Rings): number {
  const ba = boxOf(a);
  const bb = boxOf(b);
  if (ba.maxX < bb.minX || bb.maxX < ba.minX || ba.maxY < bb.minY || bb.maxY < ba.minY) return 0;
  // Shared same-way boundary pieces are counted from A's side only.
  const twice = contribution(a, b, bb, true) + contribution(b, a, ba, false);
  return Math.max(0, twice / 2);
}
