import { test } from 'node:test';
import assert from 'node:assert/strict';
import gcoord from 'gcoord';
import { areaM2, checkAreaImport, prjKind, ringSelfIntersection, type AreaFeature, type ExistingUnit } from './area-check';

const box = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const feature = (code: string | number | null, geometry: unknown, name?: string): AreaFeature => ({ geometry, properties: { CODE: code, NAME: name ?? null } });

/** District D (120.0–120.2 × 31.0–31.1) with teams A (west half) and B (east half), grid A1 in A, grid B1 in B. */
function units(): ExistingUnit[] {
  return [
    { id: 'root', parentId: null, path: '/root/', code: 'ROOT', name: '局', kind: 'bureau', geometry: null },
    { id: 'd', parentId: 'root', path: '/root/d/', code: 'D', name: '区', kind: 'district', geometry: poly(box(120, 31, 120.2, 31.1)) },
    { id: 'a', parentId: 'd', path: '/root/d/a/', code: 'A', name: '甲中队', kind: 'team', geometry: poly(box(120, 31, 120.1, 31.1)) },
    { id: 'b', parentId: 'd', path: '/root/d/b/', code: 'B', name: '乙中队', kind: 'team', geometry: poly(box(120.1, 31, 120.2, 31.1)) },
    { id: 'a1', parentId: 'a', path: '/root/d/a/a1/', code: 'A1', name: '甲1', kind: 'grid', geometry: poly(box(120, 31, 120.05, 31.05)) },
    { id: 'b1', parentId: 'b', path: '/root/d/b/b1/', code: 'B1', name: '乙1', kind: 'grid', geometry: poly(box(120.1, 31, 120.15, 31.05)) },
  ];
}

const codes = (r: ReturnType<typeof checkAreaImport>) => r.problems.map((p) => `${p.featureIndex ?? '-'}:${p.code}`);

test('prj kinds', () => {
  const cases: [string, string][] = [
    ['GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]]', 'wgs84'],
    ['GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000"]]', 'cgcs2000'],
    ['GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]', 'cgcs2000'],
    ['PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]', 'projected'],
    ['GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980"]]', 'other'],
    ['GEOGCS["GCS_Beijing_1954"]', 'other'],
  ];
  for (const [prj, kind] of cases) assert.equal(prjKind(prj), kind, prj);
});

test('self-intersecting rings', () => {
  const cases: [string, number[][], boolean][] = [
    ['square', box(0, 0, 1, 1), false],
    ['bow tie', [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]], true],
    ['spike back along an edge', [[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]], true],
    ['touching itself at a vertex (figure eight)', [[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]], true],
    ['concave but simple', [[0, 0], [4, 0], [4, 4], [2, 1], [0, 4], [0, 0]], false],
    ['triangle', [[0, 0], [1, 0], [0, 1], [0, 0]], false],
  ];
  for (const [name, ring, crosses] of cases) assert.equal(ringSelfIntersection(ring) !== null, crosses, name);
});

test('area in m²: a 0.01° square near Nantong is about 1.11 km × 0.95 km, holes subtract', () => {
  const a = areaM2([[box(120.9, 32, 120.91, 32.01)]]);
  assert.ok(Math.abs(a - 1111.95 * 1111.95 * Math.cos((32.005 * Math.PI) / 180)) / a < 0.01, String(a));
  const holed = areaM2([[box(120.9, 32, 120.91, 32.01), box(120.902, 32.002, 120.903, 32.003)]]);
  assert.ok(Math.abs(a - holed - a / 100) / (a / 100) < 0.02, String(a - holed));
});

test('geometry and coordinate problems, each with its feature index', () => {
  const options = { crs: 'wgs84' as const, codeProperty: 'CODE' };
  const cases: [string, AreaFeature, string[]][] = [
    ['valid update', feature('A1', poly(box(120.01, 31.01, 120.04, 31.04))), []],
    ['no geometry', feature('A1', null), ['0:geometry_missing']],
    ['a point', feature('A1', { type: 'Point', coordinates: [120, 31] }), ['0:geometry_not_polygon']],
    ['unclosed ring', feature('A1', poly([[120.01, 31.01], [120.04, 31.01], [120.04, 31.04], [120.01, 31.04]])), ['0:ring_not_closed']],
    ['three positions', feature('A1', poly([[120.01, 31.01], [120.04, 31.01], [120.01, 31.01]])), ['0:ring_too_few_positions']],
    ['bow tie', feature('A1', poly([[120.01, 31.01], [120.04, 31.04], [120.04, 31.01], [120.01, 31.04], [120.01, 31.01]])), ['0:ring_self_intersects']],
    ['text coordinate', feature('A1', poly([[120.01, 31.01], ['120.04' as unknown as number, 31.01], [120.04, 31.04], [120.01, 31.01]])), ['0:position_invalid']],
    ['projected metres', feature('A1', poly(box(500_000, 3_540_000, 501_000, 3_541_000))), ['0:crs_projected']],
    ['lat/lon swapped', feature('A1', poly(box(31.01, 120.01, 31.04, 120.04))), ['0:coordinates_swapped']],
    ['outside China (Paris)', feature('A1', poly(box(2.3, 48.8, 2.4, 48.9))), ['0:outside_china']],
    ['no code', feature(null, poly(box(120.01, 31.01, 120.04, 31.04))), ['0:code_missing']],
    ['unknown code, no team named', feature('ZZ9', poly(box(120.01, 31.01, 120.04, 31.04))), ['0:code_unknown']],
    ['a closed unit\'s code is not reused', feature('OLD', poly(box(120.01, 31.01, 120.04, 31.04))), ['0:code_closed']],
    ['the bureau cannot be imported', feature('ROOT', poly(box(120, 31, 120.2, 31.1))), ['0:kind_not_importable']],
    ['grid sticking out of its team', feature('A1', poly(box(120.05, 31.01, 120.12, 31.04))), ['0:grid_outside_team']],
    ['grid a sliver (≈ 40 m²) over its team edge: tolerated', feature('A1', poly(box(120.09, 31.01, 120.100002, 31.012))), []],
  ];
  for (const [name, f, expected] of cases) {
    const r = checkAreaImport([f], units(), { ...options, gridTeamCode: name.startsWith('a closed') ? 'A' : undefined, closedCodes: new Set(['OLD']) });
    assert.deepEqual(codes(r), expected, name);
    assert.equal(r.changes.length, ['valid update', 'grid sticking out of its team', 'grid a sliver (≈ 40 m²) over its team edge: tolerated'].includes(name) ? 1 : 0, `${name}: changes`);
  }
});

test('teams: overlaps are errors, gaps in the district warnings, duplicated codes errors', () => {
  const options = { crs: 'wgs84' as const, codeProperty: 'CODE' };
  // Team A grows east over B by 0.01° (≈ 1 km × 11 km).
  const grown = checkAreaImport([feature('A', poly(box(120, 31, 120.11, 31.1)))], units(), options);
  assert.deepEqual(codes(grown), ['0:overlap_between_teams']);
  assert.equal(grown.problems[0]!.params.otherCode, 'B');
  assert.ok(Number(grown.problems[0]!.params.areaM2) > 10_000_000 && Number(grown.problems[0]!.params.areaM2) < 11_000_000);
  // Team A shrinks: a gap opens in district D, and A's grid A1 is now partly outside it.
  const shrunk = checkAreaImport([feature('A', poly(box(120, 31, 120.04, 31.1)))], units(), options);
  assert.deepEqual(codes(shrunk), ['0:grid_outside_team', '0:gap_in_district']);
  assert.deepEqual([shrunk.errorCount, shrunk.warningCount], [1, 1]);
  assert.equal(shrunk.problems[0]!.unitCode, 'A1', 'the stored grid is named');
  // Both teams redrawn, overlapping each other: one problem, on the earlier feature.
  const both = checkAreaImport([feature('A', poly(box(120, 31, 120.12, 31.1))), feature('B', poly(box(120.1, 31, 120.2, 31.1)))], units(), options);
  assert.deepEqual(codes(both), ['0:overlap_between_teams']);
  const dup = checkAreaImport([feature('A1', poly(box(120.01, 31.01, 120.02, 31.02))), feature('A1', poly(box(120.02, 31.01, 120.03, 31.02)))], units(), options);
  assert.deepEqual(codes(dup), ['1:code_duplicated']);
  assert.equal(dup.problems[0]!.params.firstFeature, 1);
});

test('unknown codes become grids under the named team; changes say what would be written', () => {
  const options = { crs: 'wgs84' as const, codeProperty: 'CODE', nameProperty: 'NAME', gridTeamCode: 'B' };
  const r = checkAreaImport(
    [feature('B1', poly(box(120.1, 31, 120.14, 31.05))), feature('B2', poly(box(120.15, 31, 120.2, 31.05)), '乙2网格'), feature(77, poly(box(120.15, 31.05, 120.2, 31.1)))],
    units(),
    options,
  );
  assert.deepEqual(codes(r), []);
  assert.deepEqual(
    r.changes.map((c) => [c.action, c.unitCode, c.kind, c.name, c.parentId]),
    [['update', 'B1', 'grid', '乙1', 'b'], ['create', 'B2', 'grid', '乙2网格', 'b'], ['create', '77', 'grid', '77', 'b']],
  );
  const badTeam = checkAreaImport([feature('B2', poly(box(120.15, 31, 120.2, 31.05)))], units(), { ...options, gridTeamCode: 'A1' });
  assert.deepEqual(codes(badTeam), ['-:grid_team_unknown']);
  const outside = checkAreaImport([feature('B2', poly(box(120.05, 31, 120.12, 31.05)))], units(), options);
  assert.deepEqual(codes(outside), ['0:grid_outside_team']);
});

test('declared CRS and .prj: GCJ-02 is converted to WGS-84; a projected .prj is an error', () => {
  const wgs = box(120.01, 31.01, 120.04, 31.04);
  const gcj = wgs.map((p) => gcoord.transform([p[0]!, p[1]!], gcoord.WGS84, gcoord.GCJ02) as number[]);
  const r = checkAreaImport([feature('A1', poly(gcj))], units(), { crs: 'gcj02', codeProperty: 'CODE', prj: 'GEOGCS["GCS_WGS_1984"]' });
  assert.deepEqual(codes(r), ['-:prj_crs_mismatch']);
  assert.equal(r.errorCount, 0);
  const back = (r.changes[0]!.geometry.coordinates as number[][][])[0]!;
  back.forEach((p, i) => assert.ok(Math.abs(p[0]! - wgs[i]![0]!) < 2e-5 && Math.abs(p[1]! - wgs[i]![1]!) < 2e-5, `${p} vs ${wgs[i]}`));
  const projected = checkAreaImport([feature('A1', poly(wgs))], units(), { crs: 'wgs84', codeProperty: 'CODE', prj: 'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["x"]]' });
  assert.deepEqual(codes(projected), ['-:prj_projected']);
  assert.equal(projected.problems[0]!.params.name, 'CGCS2000_3_Degree_GK_CM_120E');
  const xian = checkAreaImport([feature('A1', poly(wgs))], units(), { crs: 'wgs84', codeProperty: 'CODE', prj: 'GEOGCS["GCS_Xian_1980"]' });
  assert.deepEqual(codes(xian), ['-:prj_unsupported']);
});

test('holes and MultiPolygons pass the ring checks and are stored as given; a hole no team covers is a gap', () => {
  const r = checkAreaImport(
    [feature('B', { type: 'MultiPolygon', coordinates: [[box(120.1, 31, 120.2, 31.1), box(120.16, 31.06, 120.17, 31.07)], [box(120.3, 31, 120.31, 31.01)]] })],
    units(),
    { crs: 'wgs84', codeProperty: 'CODE' },
  );
  assert.deepEqual(codes(r), ['0:gap_in_district']);
  assert.ok(Math.abs(Number(r.problems[0]!.params.areaM2) - 1111.95 * 1111.95 * Math.cos((31.065 * Math.PI) / 180)) < 20_000, String(r.problems[0]!.params.areaM2));
  assert.equal(r.changes[0]!.geometry.type, 'MultiPolygon');
});
