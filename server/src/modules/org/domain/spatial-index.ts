/**
 * Point location over the org tree's areas: which team (and which unit grid 单元网格) owns a WGS-84 point.
 * Pure: the service loads the current units and caches the built index (see org.locate.ts).
 *
 * - Candidates are the units of kind team, community and grid with a Polygon / MultiPolygon geometry. A unit's
 *   team is itself or its nearest ancestor of kind team that is current (a unit of another kind above a team,
 *   e.g. a district's outline, never decides the team).
 * - Index: a uniform bucket grid over the bounding box of all candidates (≈ 2 buckets per candidate); each
 *   candidate sits in every bucket its bounding box touches. A query reads one bucket, rejects by bounding box,
 *   then counts ray crossings. Grids of one city are of similar size, so a bucket holds a handful of candidates
 *   and an R-tree would buy nothing here.
 * - Point in polygon: even–odd crossing count over all rings of a polygon, so holes (rings after the first) fall
 *   out by themselves; a MultiPolygon contains the point when one of its polygons does.
 * - Edges: the crossing test is half-open (an edge counts when one end is strictly above the point and the point
 *   is strictly left of the crossing). Two areas sharing an edge with the same vertices therefore never both
 *   contain a point on it: a point on a shared vertical edge goes to the area on its east, on a shared horizontal
 *   edge to the area on its north. Where areas really overlap (bad data), the deeper unit wins, then the smaller
 *   code, so the answer never depends on load order.
 */

export interface LocatableUnit {
  id: string;
  /** Materialised path "/root/…/self/" (org-kinds.ts). */
  path: string;
  kind: string;
  code: string;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface LocateResult {
  teamId: string | null;
  gridId: string | null;
}

interface Entry {
  id: string;
  code: string;
  kind: string;
  depth: number;
  teamId: string | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  /** Polygons, each a list of rings, each ring a flat [lon0, lat0, lon1, lat1, …] closed or not. */
  polygons: Float64Array[][];
}

const LOCATING_KINDS = new Set(['team', 'community', 'grid']);

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Rings of a GeoJSON Polygon / MultiPolygon as flat coordinate arrays; null when not an area. */
function polygonsOf(g: LocatableUnit['geometry']): Float64Array[][] | null {
  if (!g || !Array.isArray(g.coordinates)) return null;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : null;
  if (!polys) return null;
  const out: Float64Array[][] = [];
  for (const poly of polys) {
    if (!Array.isArray(poly)) continue;
    const rings: Float64Array[] = [];
    for (const ring of poly) {
      const flat: number[] = [];
      if (Array.isArray(ring)) {
        for (const p of ring) {
          if (Array.isArray(p) && isFiniteNumber(p[0]) && isFiniteNumber(p[1])) flat.push(p[0], p[1]);
        }
      }
      // A polygon without a usable outer ring contains nothing (its holes alone would invert it).
      if (flat.length < 6 && !rings.length) break;
      if (flat.length >= 6) rings.push(Float64Array.from(flat));
    }
    if (rings.length) out.push(rings);
  }
  return out.length ? out : null;
}

/** Even–odd crossing count of a ray going east from the point, over all rings of one polygon. */
export function pointInPolygonRings(lon: number, lat: number, rings: readonly Float64Array[]): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length;
    // j starts at the last vertex: a ring given closed repeats its first vertex (a zero-length edge never
    // crosses), and one given unclosed is closed here.
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = r[i]!;
      const yi = r[i + 1]!;
      const xj = r[j]!;
      const yj = r[j + 1]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function entryContains(e: Entry, lon: number, lat: number): boolean {
  if (lon < e.minLon || lon > e.maxLon || lat < e.minLat || lat > e.maxLat) return false;
  for (const rings of e.polygons) if (pointInPolygonRings(lon, lat, rings)) return true;
  return false;
}

/** Deeper first, then the smaller code, then the smaller id: a total order, so ties never depend on load order. */
function before(a: Entry, b: Entry): boolean {
  if (a.depth !== b.depth) return a.depth > b.depth;
  if (a.code !== b.code) return a.code < b.code;
  return a.id < b.id;
}

export interface SpatialIndex {
  locate(lon: number, lat: number): LocateResult;
  /** How many units take part (for logs and the benchmark). */
  readonly size: number;
}

/** Builds the index over the current units (the caller passes only units with validTo null). */
export function buildSpatialIndex(units: readonly LocatableUnit[]): SpatialIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const teamOf = (u: LocatableUnit): string | null => {
    const ids = u.path.split('/').filter(Boolean);
    for (let i = ids.length - 1; i >= 0; i--) {
      const a = byId.get(ids[i]!);
      if (a?.kind === 'team') return a.id;
    }
    return null;
  };

  const entries: Entry[] = [];
  for (const u of units) {
    if (!LOCATING_KINDS.has(u.kind)) continue;
    const polygons = polygonsOf(u.geometry);
    if (!polygons) continue;
    let minLon = Infinity;
    let minLat = Infinity;
    let maxLon = -Infinity;
    let maxLat = -Infinity;
    for (const rings of polygons) {
      const outer = rings[0]!;
      for (let i = 0; i < outer.length; i += 2) {
        const x = outer[i]!;
        const y = outer[i + 1]!;
        if (x < minLon) minLon = x;
        if (x > maxLon) maxLon = x;
        if (y < minLat) minLat = y;
        if (y > maxLat) maxLat = y;
      }
    }
    entries.push({ id: u.id, code: u.code, kind: u.kind, depth: u.path.split('/').filter(Boolean).length, teamId: teamOf(u), minLon, minLat, maxLon, maxLat, polygons });
  }

  if (!entries.length) return { size: 0, locate: () => ({ teamId: null, gridId: null }) };

  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const e of entries) {
    minLon = Math.min(minLon, e.minLon);
    minLat = Math.min(minLat, e.minLat);
    maxLon = Math.max(maxLon, e.maxLon);
    maxLat = Math.max(maxLat, e.maxLat);
  }
  // Square-ish buckets, about two per candidate; a degenerate extent (one point wide) gets one bucket that way.
  const width = Math.max(maxLon - minLon, 1e-9);
  const height = Math.max(maxLat - minLat, 1e-9);
  const side = Math.sqrt((width * height) / (2 * entries.length));
  const nx = Math.max(1, Math.min(2048, Math.ceil(width / side)));
  const ny = Math.max(1, Math.min(2048, Math.ceil(height / side)));
  const cellW = width / nx;
  const cellH = height / ny;
  const cellX = (lon: number) => Math.min(nx - 1, Math.max(0, Math.floor((lon - minLon) / cellW)));
  const cellY = (lat: number) => Math.min(ny - 1, Math.max(0, Math.floor((lat - minLat) / cellH)));
  const buckets: (number[] | undefined)[] = new Array(nx * ny);
  entries.forEach((e, k) => {
    const x0 = cellX(e.minLon);
    const x1 = cellX(e.maxLon);
    const y0 = cellY(e.minLat);
    const y1 = cellY(e.maxLat);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) (buckets[y * nx + x] ??= []).push(k);
    }
  });

  return {
    size: entries.length,
    locate(lon, lat) {
      if (!(lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat)) return { teamId: null, gridId: null };
      const bucket = buckets[cellY(lat) * nx + cellX(lon)];
      if (!bucket) return { teamId: null, gridId: null };
      let grid: Entry | undefined;
      let withTeam: Entry | undefined;
      for (const k of bucket) {
        const e = entries[k]!;
        if (!entryContains(e, lon, lat)) continue;
        if (e.kind === 'grid' && (!grid || before(e, grid))) grid = e;
        if (e.teamId && (!withTeam || before(e, withTeam))) withTeam = e;
      }
      // The grid's own team comes first; else the most specific area that belongs to a team.
      return { teamId: grid?.teamId ?? withTeam?.teamId ?? null, gridId: grid?.id ?? null };
    },
  };
}
