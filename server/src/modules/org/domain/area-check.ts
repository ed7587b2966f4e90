/**
 * Checks of an area import (辖区与网格导入): features of a GeoJSON FeatureCollection or a Shapefile, mapped to org
 * units by a property holding the unit code. Pure: the service parses the upload and loads the current units.
 *
 * Parameters and their reasons
 * - CHINA: lon 73.4–135.1, lat 3.8–53.6, the rectangle around the mainland, Hainan and the 南海 islands. A point
 *   outside it is either foreign data or a wrong coordinate system; |lon| > 180 or |lat| > 90 means projected
 *   metres (a Gauss–Krüger / UTM export), not degrees.
 * - DEFAULT_TOLERANCE_M2 = 100 m²: boundaries digitised separately by two teams leave slivers (a 1 m strip along
 *   100 m of shared street); those are not overlaps or gaps worth stopping an import for.
 * - Areas are measured on a local equirectangular projection around the data (error far under 1 % within a city);
 *   overlaps, parts outside and gaps from the boundaries alone (overlap-area.ts), without building polygons.
 * - GCJ-02 input is converted to WGS-84 with gcoord (metre-level round trip), as the web does for display.
 */
import gcoord from 'gcoord';
import { intersectionArea, projectionAt, projectRings, ringsArea } from './overlap-area';

export type AreaCrs = 'wgs84' | 'gcj02';
export type Position = [number, number];
export type PolygonCoords = Position[][];
export type MultiPolygonCoords = PolygonCoords[];

export const CHINA = { minLon: 73.4, maxLon: 135.1, minLat: 3.8, maxLat: 53.6 };
export const DEFAULT_TOLERANCE_M2 = 100;
/** Only these kinds carry areas that route or bound routing (a bureau's outline is not imported here). */
export const IMPORTABLE_KINDS = ['district', 'team', 'community', 'grid'] as const;

export type AreaProblemCode =
  | 'geometry_missing'
  | 'geometry_not_polygon'
  | 'ring_too_few_positions'
  | 'ring_not_closed'
  | 'position_invalid'
  | 'ring_self_intersects'
  | 'crs_projected'
  | 'coordinates_swapped'
  | 'outside_china'
  | 'prj_projected'
  | 'prj_unsupported'
  | 'prj_crs_mismatch'
  | 'code_missing'
  | 'code_duplicated'
  | 'code_unknown'
  | 'code_closed'
  | 'kind_not_importable'
  | 'grid_team_unknown'
  | 'overlap_between_teams'
  | 'grid_outside_team'
  | 'gap_in_district';

export interface AreaProblem {
  severity: 'error' | 'warning';
  code: AreaProblemCode;
  /** Index of the feature in the file (from 0), null for a problem of the whole file. */
  featureIndex: number | null;
  unitCode: string | null;
  /** The property (attribute column) concerned, when there is one. */
  property: string | null;
  params: Record<string, string | number>;
}

export interface AreaFeature {
  geometry: unknown;
  properties: Record<string, unknown> | null;
}

export interface ExistingUnit {
  id: string;
  parentId: string | null;
  path: string;
  code: string;
  name: string;
  kind: string;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface AreaImportOptions {
  crs: AreaCrs;
  codeProperty: string;
  nameProperty?: string | undefined;
  /** Code of the team under which features with unknown codes become new unit grids; without it they are errors. */
  gridTeamCode?: string | undefined;
  /** Codes of units no longer current (validTo set): codes are never reused, so such a feature cannot be placed. */
  closedCodes?: ReadonlySet<string>;
  /** The .prj text of a Shapefile, when there is one. */
  prj?: string | undefined;
  toleranceM2?: number;
}

export interface AreaChange {
  action: 'update' | 'create';
  featureIndex: number;
  unitCode: string;
  unitId: string | null;
  kind: string;
  name: string;
  parentId: string;
  /** WGS-84, converted from the declared CRS. */
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoords } | { type: 'Polygon'; coordinates: PolygonCoords };
}

export interface AreaCheckResult {
  problems: AreaProblem[];
  changes: AreaChange[];
  errorCount: number;
  warningCount: number;
}

// ---------------------------------------------------------------------------------------------------------------
// .prj

export type PrjKind = 'wgs84' | 'cgcs2000' | 'projected' | 'other';

/** What a .prj (ESRI WKT) describes: projected, or a geographic system by its datum. */
export function prjKind(prj: string): PrjKind {
  const text = prj.trim().toUpperCase();
  if (/^PROJCS\[|^PROJCRS\[/.test(text)) return 'projected';
  if (/WGS[_ ]?(19)?84/.test(text)) return 'wgs84';
  // CGCS2000 differs from WGS-84 by centimetres: treated as WGS-84 (domain.md §5.4).
  if (/CGCS[_ ]?2000|CHINA[_ ]GEODETIC[_ ]COORDINATE[_ ]SYSTEM[_ ]2000/.test(text)) return 'cgcs2000';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------------------
// Rings

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

function segmentsTouch(a: number[], b: number[], c: number[], d: number[]): boolean {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const [cx, cy] = c as [number, number];
  const [dx, dy] = d as [number, number];
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  if (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return true;
  if (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  return false;
}

/**
 * The first place where a closed ring crosses or touches itself (other than neighbouring edges meeting at their
 * shared vertex), or null. Edges are swept by their west end so that only edges whose spans in lon overlap are
 * compared: near-linear for real boundaries, whatever their length.
 */
export function ringSelfIntersection(ring: number[][]): Position | null {
  const n = ring.length - 1; // edges of a closed ring
  if (n < 3) return null;
  const edges = Array.from({ length: n }, (_, i) => i).sort((i, j) => Math.min(ring[i]![0]!, ring[i + 1]![0]!) - Math.min(ring[j]![0]!, ring[j + 1]![0]!));
  for (let a = 0; a < n; a++) {
    const i = edges[a]!;
    const maxX = Math.max(ring[i]![0]!, ring[i + 1]![0]!);
    for (let b = a + 1; b < n; b++) {
      const j = edges[b]!;
      if (Math.min(ring[j]![0]!, ring[j + 1]![0]!) > maxX) break;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      // Neighbours share a vertex by construction (the first and the last edge too).
      if (hi - lo === 1 || (lo === 0 && hi === n - 1)) continue;
      if (segmentsTouch(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return [ring[j]![0]!, ring[j]![1]!];
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Areas in m²

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Area in m² of a MultiPolygon (outer rings minus holes) on a local projection around latitude `lat0`. */
export function areaM2(multi: MultiPolygonCoords, lat0?: number): number {
  const first = multi[0]?.[0]?.[0];
  if (!first) return 0;
  const refLat = lat0 ?? first[1];
  const kx = Math.cos(refLat * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  const [x0, y0] = first;
  let total = 0;
  for (const poly of multi) {
    poly.forEach((ring, k) => {
      let s = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = (ring[i]![0] - x0) * kx;
        const yi = (ring[i]![1] - y0) * ky;
        const xj = (ring[j]![0] - x0) * kx;
        const yj = (ring[j]![1] - y0) * ky;
        s += xj * yi - xi * yj;
      }
      total += (k === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  }
  return total;
}

function asMulti(g: { type: string; coordinates: unknown } | null | undefined): MultiPolygonCoords | null {
  if (!g) return null;
  if (g.type === 'Polygon') return [g.coordinates as PolygonCoords];
  if (g.type === 'MultiPolygon') return g.coordinates as MultiPolygonCoords;
  return null;
}

interface Box {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

function boxOf(m: MultiPolygonCoords): Box {
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const poly of m) {
    for (const p of poly[0] ?? []) {
      b.minLon = Math.min(b.minLon, p[0]);
      b.maxLon = Math.max(b.maxLon, p[0]);
      b.minLat = Math.min(b.minLat, p[1]);
      b.maxLat = Math.max(b.maxLat, p[1]);
    }
  }
  return b;
}

const boxesMeet = (a: Box, b: Box) => a.minLon < b.maxLon && b.minLon < a.maxLon && a.minLat < b.maxLat && b.minLat < a.maxLat;
const round = (m2: number) => Math.round(m2);
/** Coordinates in problems: 6 decimals (≈ 0.1 m) are what a person compares. */
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

// ---------------------------------------------------------------------------------------------------------------
// The check

/** GCJ-02 → WGS-84 for every position; WGS-84 is copied as is (2D: a third value such as a height is dropped). */
function toWgs84(multi: MultiPolygonCoords, crs: AreaCrs): MultiPolygonCoords {
  return multi.map((poly) =>
    poly.map((ring) =>
      ring.map((p) => {
        if (crs === 'wgs84') return [p[0], p[1]] as Position;
        const [lon, lat] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number];
        return [lon, lat] as Position;
      }),
    ),
  );
}

interface Prepared {
  index: number;
  code: string;
  unit: ExistingUnit | null;
  kind: string;
  teamId: string | null;
  geometry: MultiPolygonCoords;
  box: Box;
}

/** Problems of one feature's geometry; returns the rings as a MultiPolygon when usable for the spatial checks. */
function geometryProblems(f: AreaFeature, push: (p: Omit<AreaProblem, 'featureIndex' | 'unitCode'>) => void): MultiPolygonCoords | null {
  const g = f.geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') {
    push({ severity: 'error', code: 'geometry_missing', property: null, params: {} });
    return null;
  }
  if ((g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    push({ severity: 'error', code: 'geometry_not_polygon', property: null, params: { type: String(g.type) } });
    return null;
  }
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  let usable = polys.length > 0;
  let crsReported = false;
  for (const [pi, poly] of polys.entries()) {
    if (!Array.isArray(poly) || poly.length === 0) {
      push({ severity: 'error', code: 'ring_too_few_positions', property: null, params: { polygon: pi + 1, ring: 1, min: 4 } });
      usable = false;
      continue;
    }
    for (const [ri, ring] of (poly as unknown[]).entries()) {
      const where = { polygon: pi + 1, ring: ri + 1 };
      if (!Array.isArray(ring) || ring.length < 4) {
        push({ severity: 'error', code: 'ring_too_few_positions', property: null, params: { ...where, min: 4 } });
        usable = false;
        continue;
      }
      const bad = ring.findIndex((p) => !isPosition(p));
      if (bad >= 0) {
        push({ severity: 'error', code: 'position_invalid', property: null, params: { ...where, number: bad + 1 } });
        usable = false;
        continue;
      }
      const pts = ring as number[][];
      if (!crsReported) {
        const far = pts.find((p) => Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90);
        const swapped = pts.find((p) => p[1]! >= CHINA.minLon && p[1]! <= CHINA.maxLon && p[0]! >= CHINA.minLat && p[0]! <= CHINA.maxLat);
        const outside = pts.find((p) => p[0]! < CHINA.minLon || p[0]! > CHINA.maxLon || p[1]! < CHINA.minLat || p[1]! > CHINA.maxLat);
        // One coordinate-system problem per feature: the first says it all, the rest would repeat it.
        // Swapped first: lat/lon swapped puts a Chinese longitude (> 90) where a latitude belongs.
        if (swapped) push({ severity: 'error', code: 'coordinates_swapped', property: null, params: { ...where, x: r6(swapped[0]!), y: r6(swapped[1]!) } });
        else if (far) push({ severity: 'error', code: 'crs_projected', property: null, params: { ...where, x: r6(far[0]!), y: r6(far[1]!) } });
        else if (outside) push({ severity: 'error', code: 'outside_china', property: null, params: { ...where, x: r6(outside[0]!), y: r6(outside[1]!) } });
        if (far || swapped || outside) {
          crsReported = true;
          usable = false;
        }
      }
      const first = pts[0]!;
      const last = pts[pts.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) {
        push({ severity: 'error', code: 'ring_not_closed', property: null, params: where });
        usable = false;
        continue;
      }
      const x = ringSelfIntersection(pts);
      if (x) {
        push({ severity: 'error', code: 'ring_self_intersects', property: null, params: { ...where, x: r6(x[0]), y: r6(x[1]) } });
        usable = false;
      }
    }
  }
  return usable ? (polys as MultiPolygonCoords) : null;
}

export function checkAreaImport(features: readonly AreaFeature[], existing: readonly ExistingUnit[], options: AreaImportOptions): AreaCheckResult {
  const tolerance = options.toleranceM2 ?? DEFAULT_TOLERANCE_M2;
  const problems: AreaProblem[] = [];
  const changes: AreaChange[] = [];
  const byCode = new Map(existing.map((u) => [u.code, u]));
  const byId = new Map(existing.map((u) => [u.id, u]));
  const teamOf = (u: { path: string }): string | null => {
    const ids = u.path.split('/').filter(Boolean);
    for (let i = ids.length - 1; i >= 0; i--) if (byId.get(ids[i]!)?.kind === 'team') return ids[i]!;
    return null;
  };

  // The file as a whole: the .prj against the declared system.
  if (options.prj !== undefined) {
    const kind = prjKind(options.prj);
    const name = /^\s*\w+\[\s*"([^"]*)"/.exec(options.prj)?.[1] ?? '';
    if (kind === 'projected') problems.push({ severity: 'error', code: 'prj_projected', featureIndex: null, unitCode: null, property: null, params: { name } });
    else if (kind === 'other') problems.push({ severity: 'error', code: 'prj_unsupported', featureIndex: null, unitCode: null, property: null, params: { name } });
    // GCJ-02 has no WKT of its own: such exports carry a WGS-84 .prj. Worth a look, not a stop.
    else if (options.crs === 'gcj02') problems.push({ severity: 'warning', code: 'prj_crs_mismatch', featureIndex: null, unitCode: null, property: null, params: { name, declared: 'gcj02' } });
  }

  let gridTeam: ExistingUnit | undefined;
  if (options.gridTeamCode) {
    gridTeam = byCode.get(options.gridTeamCode);
    if (gridTeam?.kind !== 'team') {
      problems.push({ severity: 'error', code: 'grid_team_unknown', featureIndex: null, unitCode: options.gridTeamCode, property: null, params: { code: options.gridTeamCode } });
      gridTeam = undefined;
    }
  }

  const seen = new Map<string, number>();
  const prepared: Prepared[] = [];
  features.forEach((f, index) => {
    const raw = f.properties?.[options.codeProperty];
    const code = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    const push = (p: Omit<AreaProblem, 'featureIndex' | 'unitCode'>) => problems.push({ ...p, featureIndex: index, unitCode: code || null });
    const geometry = geometryProblems(f, push);
    if (!code) {
      push({ severity: 'error', code: 'code_missing', property: options.codeProperty, params: {} });
      return;
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      push({ severity: 'error', code: 'code_duplicated', property: options.codeProperty, params: { firstFeature: earlier + 1 } });
      return;
    }
    seen.set(code, index);
    const unit = byCode.get(code) ?? null;
    const rawName = options.nameProperty ? f.properties?.[options.nameProperty] : undefined;
    const name = typeof rawName === 'string' && rawName.trim() ? rawName.trim().slice(0, 100) : (unit?.name ?? code);
    if (!unit && options.closedCodes?.has(code)) {
      push({ severity: 'error', code: 'code_closed', property: options.codeProperty, params: { code } });
      return;
    }
    if (unit && !(IMPORTABLE_KINDS as readonly string[]).includes(unit.kind)) {
      push({ severity: 'error', code: 'kind_not_importable', property: options.codeProperty, params: { kind: unit.kind } });
      return;
    }
    if (!unit && !gridTeam) {
      // With a named team the code would become a new grid; without one it is an unknown code.
      if (!options.gridTeamCode) push({ severity: 'error', code: 'code_unknown', property: options.codeProperty, params: { code } });
      return;
    }
    if (!unit && !/^[0-9A-Za-z_.-]{1,40}$/.test(code)) {
      push({ severity: 'error', code: 'code_unknown', property: options.codeProperty, params: { code } });
      return;
    }
    if (!geometry) return;
    const wgs = toWgs84(geometry, options.crs);
    const kind = unit?.kind ?? 'grid';
    const stored = wgs.length === 1 ? { type: 'Polygon' as const, coordinates: wgs[0]! } : { type: 'MultiPolygon' as const, coordinates: wgs };
    changes.push({ action: unit ? 'update' : 'create', featureIndex: index, unitCode: code, unitId: unit?.id ?? null, kind, name, parentId: unit ? (unit.parentId ?? '') : gridTeam!.id, geometry: stored });
    prepared.push({ index, code, unit, kind, teamId: unit ? (kind === 'team' ? unit.id : teamOf(unit)) : gridTeam!.id, geometry: wgs, box: boxOf(wgs) });
  });

  spatialChecks(prepared, existing, byId, teamOf, tolerance, problems);

  problems.sort((a, b) => (a.featureIndex ?? -1) - (b.featureIndex ?? -1));
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return { problems, changes, errorCount, warningCount: problems.length - errorCount };
}

/** Overlaps between teams, grids outside their team and gaps in districts, on the units as the import leaves them. */
function spatialChecks(
  prepared: Prepared[],
  existing: readonly ExistingUnit[],
  byId: Map<string, ExistingUnit>,
  teamOf: (u: { path: string }) => string | null,
  tolerance: number,
  problems: AreaProblem[],
): void {
  if (!prepared.length) return;
  const imported = new Map<string, Prepared>();
  for (const p of prepared) if (p.unit) imported.set(p.unit.id, p);
  // The area of each unit after the import: the imported one, else the stored one.
  const finalGeometry = (u: ExistingUnit): MultiPolygonCoords | null => imported.get(u.id)?.geometry ?? asMulti(u.geometry);
  // One metric projection around the imported data for every measure; each area projected once.
  const projection = projectionAt(prepared[0]!.box.minLon, prepared[0]!.box.minLat);
  const projected = new Map<MultiPolygonCoords, ReturnType<typeof projectRings>>();
  const rings = (g: MultiPolygonCoords) => {
    let r = projected.get(g);
    if (!r) projected.set(g, (r = projectRings(g, projection)));
    return r;
  };

  const teams = existing.filter((u) => u.kind === 'team').flatMap((u) => {
    const g = finalGeometry(u);
    return g ? [{ unit: u, geometry: g, box: boxOf(g), importedAt: imported.get(u.id)?.index }] : [];
  });

  for (const p of prepared) {
    if (p.kind !== 'team') continue;
    for (const other of teams) {
      if (other.unit.id === p.unit!.id || !boxesMeet(p.box, other.box)) continue;
      // Two imported teams: reported once, on the earlier feature.
      if (other.importedAt !== undefined && other.importedAt < p.index) continue;
      const overlap = intersectionArea(rings(p.geometry), rings(other.geometry));
      if (overlap > tolerance) {
        problems.push({ severity: 'error', code: 'overlap_between_teams', featureIndex: p.index, unitCode: p.code, property: null, params: { otherCode: other.unit.code, otherName: other.unit.name, areaM2: round(overlap) } });
      }
    }
  }

  // Grids against their team: imported grids, and the stored grids of an imported team.
  const gridsToCheck: { p: Prepared; code: string; geometry: MultiPolygonCoords; teamId: string }[] = [];
  for (const p of prepared) if (p.kind === 'grid' && p.teamId) gridsToCheck.push({ p, code: p.code, geometry: p.geometry, teamId: p.teamId });
  const storedGridsOf = new Map<string, ExistingUnit[]>();
  if (prepared.some((p) => p.kind === 'team')) {
    for (const u of existing) {
      if (u.kind !== 'grid' || imported.has(u.id)) continue;
      const team = teamOf(u);
      if (team) storedGridsOf.set(team, [...(storedGridsOf.get(team) ?? []), u]);
    }
  }
  for (const p of prepared) {
    if (p.kind !== 'team') continue;
    for (const u of storedGridsOf.get(p.unit!.id) ?? []) {
      const g = asMulti(u.geometry);
      if (g) gridsToCheck.push({ p, code: u.code, geometry: g, teamId: p.unit!.id });
    }
  }
  for (const { p, code, geometry, teamId } of gridsToCheck) {
    const team = byId.get(teamId);
    const teamGeometry = team ? finalGeometry(team) : null;
    if (!team || !teamGeometry) continue;
    const outside = ringsArea(rings(geometry)) - intersectionArea(rings(geometry), rings(teamGeometry));
    if (outside > tolerance) {
      problems.push({ severity: 'error', code: 'grid_outside_team', featureIndex: p.index, unitCode: code, property: null, params: { teamCode: team.code, teamName: team.name, areaM2: round(outside) } });
    }
  }

  // Gaps: each district touched by the import (itself imported, or an ancestor of an imported team). The teams
  // inside it do not overlap (else an error above), so the covered area is the sum of their parts in the district.
  const districts = new Map<string, Prepared>();
  for (const p of prepared) {
    if (p.kind === 'district') districts.set(p.unit!.id, p);
    if (p.kind === 'team') {
      for (const id of p.unit!.path.split('/').filter(Boolean)) if (byId.get(id)?.kind === 'district' && !districts.has(id)) districts.set(id, p);
    }
  }
  for (const [districtId, p] of districts) {
    const district = byId.get(districtId)!;
    const dg = finalGeometry(district);
    if (!dg) continue;
    const inside = teams.filter((t) => t.unit.path.startsWith(district.path));
    if (!inside.length) continue;
    const covered = inside.reduce((s, t) => s + intersectionArea(rings(dg), rings(t.geometry)), 0);
    const gap = ringsArea(rings(dg)) - covered;
    if (gap > tolerance) {
      problems.push({ severity: 'warning', code: 'gap_in_district', featureIndex: p.index, unitCode: p.code, property: null, params: { districtCode: district.code, districtName: district.name, areaM2: round(gap) } });
    }
  }
}
