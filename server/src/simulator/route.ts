/**
 * Patrol routes for the device simulator. Pure and deterministic: the same seed and the same sequence of time
 * steps give the same track, with no clock and no I/O.
 *
 * Model
 * - A team's area (GeoJSON Polygon / MultiPolygon, WGS-84) gets a lattice of "streets": a square grid of
 *   nodes `spacingM` apart, turned by a random angle and shifted by a random offset (both from the area's seed,
 *   so every device of one team walks the same streets). A node exists when it lies inside the area; an edge
 *   (street block) exists between 4-neighbours when its end points and three inner points lie inside the area.
 * - A patrol starts at a random node and walks from node to node along edges, at a speed drawn per block from
 *   its mode's range. At a crossing it prefers to go straight on (weight 3) over turning (weight 1 each); it
 *   turns back only at a dead end. On arriving at a node it sometimes stops for a few minutes (an inspection).
 * - Reported fixes add GPS noise (Gaussian, σ = a few metres) to the true position, speed noise of a few percent
 *   while moving and 0 at a stop; course is the bearing of the current block (kept during a stop).
 * - An area without any edge at the finest lattice (a sliver, a degenerate polygon) gives a stationary patrol at
 *   a point inside it.
 *
 * Units: metres, seconds, km/h, degrees (course 0–359, north = 0, clockwise).
 */
import { EARTH_RADIUS_M, prepareArea, type AreaGeometry } from '../modules/tracking/domain/geo';

const RAD = Math.PI / 180;

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
}

/** mulberry32: small, fast, good enough for simulation; 32-bit state. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    gaussian: () => {
      const u = 1 - next(); // (0, 1]: log(0) never happens
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/** A 32-bit seed from any parts (FNV-1a over their string forms), e.g. seedFrom(seed, 'device', identifier). */
export function seedFrom(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const s = parts.map(String).join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Modes

export type PatrolMode = 'foot' | 'ebike' | 'car';

export interface ModeProfile {
  minKmh: number;
  maxKmh: number;
  /** Chance of stopping on arriving at a node. */
  stopChance: number;
  stopMinS: number;
  stopMaxS: number;
  /** σ of the horizontal GPS noise, metres. */
  noiseM: number;
  /** Street spacing of the lattice this mode walks, metres. */
  spacingM: number;
}

/**
 * Realistic urban patrol speeds: on foot 4–6 km/h, e-bike 12–20 km/h, car 20–40 km/h (city streets). Stops of
 * 1–5 minutes (inspection of a shop front, a stall, a construction site). Blocks of 150–250 m.
 */
export const MODES: Readonly<Record<PatrolMode, ModeProfile>> = {
  foot: { minKmh: 4, maxKmh: 6, stopChance: 0.12, stopMinS: 60, stopMaxS: 300, noiseM: 4, spacingM: 150 },
  ebike: { minKmh: 12, maxKmh: 20, stopChance: 0.08, stopMinS: 60, stopMaxS: 300, noiseM: 4, spacingM: 200 },
  car: { minKmh: 20, maxKmh: 40, stopChance: 0.06, stopMinS: 60, stopMaxS: 240, noiseM: 3, spacingM: 250 },
};

// ---------------------------------------------------------------------------------------------------------------
// Street lattice

/** Local metric frame around an origin (equirectangular; fine for a few kilometres). */
interface Frame {
  lat0: number;
  lon0: number;
  kx: number;
  ky: number;
}

function frameAt(lat0: number, lon0: number): Frame {
  return { lat0, lon0, kx: Math.cos(lat0 * RAD) * RAD * EARTH_RADIUS_M, ky: RAD * EARTH_RADIUS_M };
}

function toLatLon(f: Frame, x: number, y: number): { lat: number; lon: number } {
  return { lat: f.lat0 + y / f.ky, lon: f.lon0 + x / f.kx };
}

export interface StreetNode {
  lat: number;
  lon: number;
  /** Position in the lattice's metric frame. */
  x: number;
  y: number;
}

export interface StreetGraph {
  nodes: StreetNode[];
  /** adjacency: indexes of neighbouring nodes */
  adj: number[][];
  spacingM: number;
  /** Number of undirected edges. */
  edges: number;
  /** A point inside the area, used by the stationary fallback when there are no edges. */
  anchor: { lat: number; lon: number };
  frame: Frame;
}

const MIN_SPACING_M = 10;
/** Bounds the lattice of a very large area (a whole district): at most this many candidate nodes. */
const MAX_CANDIDATES = 250_000;

/**
 * Builds the street lattice of an area. When the area holds no edge at `spacingM`, the spacing is halved down to
 * 10 m; an area too thin even for that gives a graph without edges (stationary patrols).
 */
export function buildStreetGraph(area: AreaGeometry, opts: { spacingM: number; seed: number }): StreetGraph {
  const prepared = prepareArea(area);
  const [minLon, minLat, maxLon, maxLat] = prepared.bbox;
  if (![minLon, minLat, maxLon, maxLat].every(Number.isFinite)) throw new RangeError('area has no coordinates');
  const frame = frameAt((minLat + maxLat) / 2, (minLon + maxLon) / 2);
  const rnd = createRng(opts.seed);
  const angle = rnd.between(-30, 30) * RAD;
  const offX = rnd.next();
  const offY = rnd.next();
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const halfW = ((maxLon - minLon) / 2) * frame.kx;
  const halfH = ((maxLat - minLat) / 2) * frame.ky;
  const radius = Math.hypot(halfW, halfH);
  const inside = (x: number, y: number) => {
    const p = toLatLon(frame, x, y);
    return prepared.contains(p.lon, p.lat);
  };
  const anchor = findAnchor(area, prepared.contains, frame, rnd);

  let spacing = Math.max(opts.spacingM, MIN_SPACING_M);
  while ((2 * radius) / spacing > Math.sqrt(MAX_CANDIDATES)) spacing *= 2;
  for (;;) {
    const n = Math.ceil(radius / spacing) + 1;
    // Lattice point (i, j) in the turned frame → metric x, y.
    const at = (i: number, j: number) => {
      const u = (i + offX) * spacing;
      const v = (j + offY) * spacing;
      return { x: u * cos - v * sin, y: u * sin + v * cos };
    };
    const index = new Map<number, number>();
    const key = (i: number, j: number) => (i + n) * (2 * n + 3) + (j + n);
    const nodes: StreetNode[] = [];
    for (let i = -n; i <= n; i++) {
      for (let j = -n; j <= n; j++) {
        const { x, y } = at(i, j);
        if (!inside(x, y)) continue;
        index.set(key(i, j), nodes.length);
        nodes.push({ ...toLatLon(frame, x, y), x, y });
      }
    }
    const adj: number[][] = nodes.map(() => []);
    let edges = 0;
    const link = (i: number, j: number, di: number, dj: number) => {
      const a = index.get(key(i, j));
      const b = index.get(key(i + di, j + dj));
      if (a === undefined || b === undefined) return;
      const pa = nodes[a]!;
      const pb = nodes[b]!;
      for (const t of [0.25, 0.5, 0.75]) if (!inside(pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t)) return;
      adj[a]!.push(b);
      adj[b]!.push(a);
      edges++;
    };
    for (let i = -n; i <= n; i++) {
      for (let j = -n; j <= n; j++) {
        link(i, j, 1, 0);
        link(i, j, 0, 1);
      }
    }
    if (edges > 0 || spacing / 2 < MIN_SPACING_M) return { nodes, adj, spacingM: spacing, edges, anchor, frame };
    spacing /= 2;
  }
}

function findAnchor(area: AreaGeometry, contains: (lon: number, lat: number) => boolean, frame: Frame, rnd: Rng): { lat: number; lon: number } {
  const [minLon, minLat, maxLon, maxLat] = prepareArea(area).bbox;
  for (let k = 0; k < 2000; k++) {
    const lon = rnd.between(minLon, maxLon);
    const lat = rnd.between(minLat, maxLat);
    if (contains(lon, lat)) return { lat, lon };
  }
  // Degenerate (zero-area) polygon: its first vertex.
  const first = (area.type === 'Polygon' ? area.coordinates[0]?.[0] : area.coordinates[0]?.[0]?.[0]) ?? [frame.lon0, frame.lat0];
  return { lat: first[1] ?? frame.lat0, lon: first[0] ?? frame.lon0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Patrol

export interface PatrolFix {
  /** Reported position: true position plus GPS noise. */
  lat: number;
  lon: number;
  /** Where the device really is (for tests and diagnostics). */
  trueLat: number;
  trueLon: number;
  /** Reported speed, km/h (0 at a stop). */
  speedKmh: number;
  /** Bearing of the current block, integer degrees 0–359. */
  course: number;
  /** Metres above sea level (Nantong is flat: a few metres). */
  altitude: number;
  /** Reported horizontal accuracy, metres. */
  accuracyM: number;
  moving: boolean;
}

export interface Patrol {
  readonly mode: PatrolMode;
  /** Advances the patrol by dtS simulated seconds and returns the fix at the new time. */
  advance(dtS: number): PatrolFix;
  /** The fix at the current time without moving (a fresh noise sample). */
  current(): PatrolFix;
  /** Total distance travelled along streets, metres. */
  readonly distanceM: number;
}

export interface PatrolOptions {
  graph: StreetGraph;
  mode: PatrolMode;
  seed: number;
  /** Overrides of the mode's profile (tests). */
  profile?: Partial<ModeProfile>;
}

export function createPatrol(opts: PatrolOptions): Patrol {
  const { graph, mode } = opts;
  const p: ModeProfile = { ...MODES[mode], ...opts.profile };
  // Two streams: the walk's decisions do not depend on how often fixes are sampled (a sped-up run with long
  // steps walks the same streets as a real-time one).
  const rnd = createRng(opts.seed);
  const noise = createRng(seedFrom(opts.seed, 'noise'));
  const { nodes, adj, frame } = graph;
  const hasEdges = graph.edges > 0;
  const altitudeBase = rnd.between(3, 8);

  // State: on the edge from → to, `along` metres from `from`.
  let from = 0;
  let to = 0;
  let along = 0;
  let segLen = 0;
  let speedKmh = 0;
  let stopLeftS = 0;
  let course = 0;
  let distance = 0;

  const drawSpeed = () => rnd.between(p.minKmh, p.maxKmh);
  const bearing = (a: StreetNode, b: StreetNode) => {
    const deg = Math.atan2(b.x - a.x, b.y - a.y) / RAD; // atan2(east, north)
    return ((Math.round(deg) % 360) + 360) % 360;
  };
  const startEdge = (a: number, b: number) => {
    from = a;
    to = b;
    along = 0;
    const na = nodes[a]!;
    const nb = nodes[b]!;
    segLen = Math.hypot(nb.x - na.x, nb.y - na.y);
    course = bearing(na, nb);
    speedKmh = drawSpeed();
  };
  /** Next node after arriving at `at` coming from `prev`: straight on preferred, back only at a dead end. */
  const chooseNext = (prev: number, at: number): number => {
    const options = (adj[at] ?? []).filter((n) => n !== prev);
    if (options.length === 0) return prev;
    const a = nodes[prev]!;
    const b = nodes[at]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const weights = options.map((n) => {
      const c = nodes[n]!;
      const ex = c.x - b.x;
      const ey = c.y - b.y;
      const cosTurn = (dx * ex + dy * ey) / (Math.hypot(dx, dy) * Math.hypot(ex, ey) || 1);
      return cosTurn > 0.7 ? 3 : 1;
    });
    const total = weights.reduce((s, w) => s + w, 0);
    let r = rnd.next() * total;
    for (let k = 0; k < options.length; k++) {
      r -= weights[k]!;
      if (r < 0) return options[k]!;
    }
    return options[options.length - 1]!;
  };

  if (hasEdges) {
    // Start on a random node that has a street.
    const withEdges = nodes.map((_, i) => i).filter((i) => (adj[i]?.length ?? 0) > 0);
    const start = withEdges[rnd.int(withEdges.length)]!;
    const nbrs = adj[start]!;
    startEdge(start, nbrs[rnd.int(nbrs.length)]!);
    // Some patrols begin with an inspection.
    if (rnd.next() < p.stopChance) stopLeftS = rnd.between(p.stopMinS, p.stopMaxS);
  }

  const truePosition = (): { lat: number; lon: number } => {
    if (!hasEdges) return graph.anchor;
    const a = nodes[from]!;
    const b = nodes[to]!;
    const t = segLen > 0 ? along / segLen : 0;
    return toLatLon(frame, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
  };

  const fix = (): PatrolFix => {
    const truth = truePosition();
    const moving = hasEdges && stopLeftS <= 0;
    const dn = noise.gaussian() * p.noiseM;
    const de = noise.gaussian() * p.noiseM;
    const f = frameAt(truth.lat, truth.lon);
    const reported = toLatLon(f, de, dn);
    const speed = moving ? Math.max(0, speedKmh * (1 + noise.gaussian() * 0.04)) : 0;
    return {
      lat: reported.lat,
      lon: reported.lon,
      trueLat: truth.lat,
      trueLon: truth.lon,
      speedKmh: Math.round(speed * 10) / 10,
      course,
      altitude: Math.max(0, Math.round(altitudeBase + noise.gaussian())),
      accuracyM: Math.round(p.noiseM * 1.5 + noise.next() * 6),
      moving,
    };
  };

  const advance = (dtS: number): PatrolFix => {
    if (!(dtS >= 0) || !Number.isFinite(dtS)) throw new RangeError(`time step must be a finite number ≥ 0, got ${dtS}`);
    let left = dtS;
    // Bounded loop: every pass either ends the step or reaches a node (blocks are ≥ ~10 m long).
    while (hasEdges && left > 1e-9) {
      if (stopLeftS > 0) {
        const s = Math.min(stopLeftS, left);
        stopLeftS -= s;
        left -= s;
        continue;
      }
      const mps = speedKmh / 3.6;
      const remaining = segLen - along;
      if (mps * left < remaining) {
        along += mps * left;
        distance += mps * left;
        left = 0;
        break;
      }
      left -= remaining / mps;
      distance += remaining;
      along = segLen;
      const prev = from;
      const at = to;
      startEdge(at, chooseNext(prev, at));
      if (rnd.next() < p.stopChance) stopLeftS = rnd.between(p.stopMinS, p.stopMaxS);
    }
    return fix();
  };

  return {
    mode,
    advance,
    current: fix,
    get distanceM() {
      return distance;
    },
  };
}
