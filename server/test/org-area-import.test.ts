import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import gcoord from 'gcoord';
import { createOrgService } from '../src/modules/org';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';
import { GK_PRJ, shapefileZip, WGS84_PRJ } from './shapefile-fixture';

type Ring = number[][];
interface Unit {
  id: string;
  code: string;
  version: number;
  geometry: { type: 'Polygon'; coordinates: Ring[] };
}

/** The ring moved towards its vertex mean by `f` (0.5 = half size): inside the original for the demo's convex areas. */
function shrink(ring: Ring, f: number): Ring {
  const n = ring.length - 1;
  const mx = ring.slice(0, n).reduce((s, p) => s + p[0]!, 0) / n;
  const my = ring.slice(0, n).reduce((s, p) => s + p[1]!, 0) / n;
  return ring.map((p) => [mx + (p[0]! - mx) * f, my + (p[1]! - my) * f]);
}
const mean = (ring: Ring): [number, number] => {
  const n = ring.length - 1;
  return [ring.slice(0, n).reduce((s, p) => s + p[0]!, 0) / n, ring.slice(0, n).reduce((s, p) => s + p[1]!, 0) / n];
};
const box = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const fc = (features: { code: string | null; name?: string; rings: unknown }[]) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: { CODE: f.code, NAME: f.name ?? null }, geometry: { type: 'Polygon', coordinates: f.rings } })) }));

describe('org: area import (辖区与网格导入) from GeoJSON and zipped Shapefiles', () => {
  let t: TestContext;
  let admin: string;
  let grid: Unit;
  let team: Unit;
  const unit = async (code: string) => (await t.database.rows<Unit>(sql`select id, code, version, geometry from org_unit where code = ${code}`))[0]!;
  const send = (cookie: string, step: 'preview' | 'apply', file: Buffer, query: string, name = 'areas.geojson') => {
    const { payload, headers } = multipartFile('file', name, file);
    return t.app.inject({ method: 'POST', url: `/api/org/area-import/${step}?${query}`, headers: { ...headers, cookie }, payload });
  };

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    grid = await unit(UNITS.zhuhangGrid);
    team = await unit(UNITS.zhuhang);
  });
  after(() => t.close());

  test('GeoJSON: preview lists the change and writes nothing; apply writes it in WGS-84, audited, and routing follows', async () => {
    const rings = [shrink(grid.geometry.coordinates[0]!, 0.8)];
    const file = fc([{ code: grid.code, rings }]);
    const preview = await send(admin, 'preview', file, 'crs=wgs84&codeProperty=CODE');
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json();
    assert.deepEqual([p.fileKind, p.featureCount, p.errorCount, p.properties], ['geojson', 1, 0, ['CODE', 'NAME']]);
    assert.deepEqual(p.changes.map((c: { action: string; unitCode: string; unitId: string }) => [c.action, c.unitCode, c.unitId]), [['update', grid.code, grid.id]]);
    assert.equal(p.map.features[0].geometry.type, 'Polygon');
    assert.equal((await unit(grid.code)).version, grid.version, 'the preview wrote nothing');

    const applied = await send(admin, 'apply', file, 'crs=wgs84&codeProperty=CODE');
    assert.equal(applied.statusCode, 200, applied.body);
    assert.deepEqual(applied.json(), { updated: 1, created: 0, warningCount: p.warningCount });
    const after = await unit(grid.code);
    assert.equal(after.version, grid.version + 1);
    assert.deepEqual(after.geometry.coordinates, rings);
    const records = (await t.app.inject({ method: 'GET', url: '/api/audit/records?limit=5&entityType=org_unit', headers: { cookie: admin } })).json().items;
    const rec = records.find((r: { entityId: string; action: string }) => r.entityId === grid.id && r.action === 'org.unit.import');
    assert.ok(rec, 'audited');
    assert.equal(rec.after.crs, 'wgs84');
    // The area given up by the grid (its outer 20 %) no longer routes to it; its middle still does.
    const org = createOrgService({ database: t.database, clock: t.clock });
    const [mx, my] = mean(rings[0]!);
    assert.equal((await org.locate(mx, my)).gridId, grid.id);
    grid = after;
  });

  test('a file with errors: every problem with its feature and code; apply refuses and writes nothing', async () => {
    const ok = shrink(grid.geometry.coordinates[0]!, 0.9);
    const [mx, my] = mean(ok);
    const file = fc([
      { code: grid.code, rings: [ok] },
      { code: grid.code, rings: [ok] },
      { code: '320671003001', rings: [[[mx, my], [mx + 0.001, my + 0.001], [mx + 0.001, my], [mx, my + 0.001], [mx, my]]] },
      { code: null, rings: [box(120.9, 32, 120.91, 32.01)] },
      { code: UNITS.chengdongGrid, rings: [box(120.9, 32, 120.91, 32.01).slice(0, 4)] },
      { code: UNITS.chengdong, rings: [box(31.9, 120.8, 32.1, 121)] },
      { code: UNITS.zhuhang, rings: [box(120.7, 31.8, 121.2, 32.2)] },
    ]);
    const preview = await send(admin, 'preview', file, 'crs=wgs84&codeProperty=CODE');
    assert.equal(preview.statusCode, 200, preview.body);
    const problems: { severity: string; code: string; featureIndex: number | null; unitCode: string | null; params: Record<string, unknown> }[] = preview.json().problems;
    const seen = (code: string, index: number) => problems.some((q) => q.code === code && q.featureIndex === index && q.severity === 'error');
    assert.ok(seen('code_duplicated', 1), JSON.stringify(problems));
    assert.ok(seen('ring_self_intersects', 2));
    assert.ok(seen('code_missing', 3));
    assert.ok(seen('ring_not_closed', 4));
    assert.ok(seen('coordinates_swapped', 5));
    assert.ok(seen('overlap_between_teams', 6));
    assert.ok(problems.filter((q) => q.code === 'overlap_between_teams').length >= 5, 'the whole city box overlaps many teams');
    assert.ok(!problems.some((q) => q.featureIndex === 0), 'the first feature is fine');

    const applied = await send(admin, 'apply', file, 'crs=wgs84&codeProperty=CODE');
    assert.equal(applied.statusCode, 400);
    assert.equal(applied.json().code, 'org.area_import.has_errors');
    assert.equal((await unit(grid.code)).version, grid.version, 'nothing written');
    assert.equal((await unit(UNITS.zhuhang)).version, team.version, 'nothing written');
  });

  test('GCJ-02 input becomes WGS-84; an unknown code becomes a grid under the named team', async () => {
    const inner = shrink(grid.geometry.coordinates[0]!, 0.3);
    const gcj = inner.map((p) => gcoord.transform([p[0]!, p[1]!] as [number, number], gcoord.WGS84, gcoord.GCJ02) as number[]);
    const file = fc([{ code: 'IMP-G1', name: '导入网格一', rings: [gcj] }]);
    const q = `crs=gcj02&codeProperty=CODE&nameProperty=NAME&gridTeamCode=${UNITS.zhuhang}`;
    const preview = (await send(admin, 'preview', file, q)).json();
    assert.deepEqual(preview.changes.map((c: { action: string; name: string; parentId: string }) => [c.action, c.name, c.parentId]), [['create', '导入网格一', team.id]]);
    assert.equal(preview.errorCount, 0, JSON.stringify(preview.problems));
    const applied = await send(admin, 'apply', file, q);
    assert.deepEqual(applied.json(), { updated: 0, created: 1, warningCount: preview.warningCount });
    const created = (await t.database.rows<{ kind: string; parent_id: string; geometry: { coordinates: Ring[] } }>(sql`select kind, parent_id, geometry from org_unit where code = 'IMP-G1'`))[0]!;
    assert.deepEqual([created.kind, created.parent_id], ['grid', team.id]);
    created.geometry.coordinates[0]!.forEach((p, i) => assert.ok(Math.abs(p[0]! - inner[i]![0]!) < 2e-5 && Math.abs(p[1]! - inner[i]![1]!) < 2e-5, `${p} vs ${inner[i]}`));
  });

  test('a zipped Shapefile (GBK attributes, .prj): read, checked, a projected .prj refused', async () => {
    const inner = shrink(grid.geometry.coordinates[0]!, 0.2);
    // 网格二 in GBK: CD F8 B8 F1 B6 FE.
    const records = [{ rings: [inner], fields: { CODE: 'IMP-G2', NAME: Buffer.from([0xcd, 0xf8, 0xb8, 0xf1, 0xb6, 0xfe]) } }];
    const q = `crs=wgs84&codeProperty=CODE&nameProperty=NAME&gridTeamCode=${UNITS.zhuhang}`;
    const zip = shapefileZip(records, { prj: WGS84_PRJ, cpg: 'GBK' });
    const preview = await send(admin, 'preview', zip, q, 'grids.zip');
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json();
    assert.deepEqual([p.fileKind, p.featureCount, p.errorCount, p.prj], ['shapefile', 1, 0, WGS84_PRJ]);
    assert.deepEqual(p.changes.map((c: { action: string; unitCode: string; name: string }) => [c.action, c.unitCode, c.name]), [['create', 'IMP-G2', '网格二']]);
    const ring = p.map.features[0].geometry.coordinates[0] as Ring;
    assert.equal(ring.length, inner.length);
    assert.ok(ring.every((pt) => inner.some((q2) => Math.abs(q2[0]! - pt[0]!) < 1e-12 && Math.abs(q2[1]! - pt[1]!) < 1e-12)), 'the same positions');

    const projected = (await send(admin, 'preview', shapefileZip(records, { prj: GK_PRJ, cpg: 'GBK' }), q, 'grids.zip')).json();
    assert.deepEqual(projected.problems.map((x: { code: string; featureIndex: number | null }) => [x.code, x.featureIndex]), [['prj_projected', null]]);
    const refused = await send(admin, 'apply', shapefileZip(records, { prj: GK_PRJ }), q, 'grids.zip');
    assert.deepEqual([refused.statusCode, refused.json().code], [400, 'org.area_import.has_errors']);
  });

  test('bad files: clear error codes', async () => {
    const q = 'crs=wgs84&codeProperty=CODE';
    const code = async (file: Buffer, name = 'x.zip') => {
      const r = await send(admin, 'preview', file, q, name);
      return [r.statusCode, r.json().code];
    };
    const zip = shapefileZip([{ rings: [box(120.9, 32, 120.91, 32.01)], fields: { CODE: 'X' } }]);
    assert.deepEqual(await code(zip.subarray(0, zip.length - 30)), [400, 'org.area_import.not_zip'], 'truncated zip');
    assert.deepEqual(await code(shapefileZip([{ rings: [box(120.9, 32, 120.91, 32.01)], fields: { CODE: 'X' } }], { omit: ['shp'] })), [400, 'org.area_import.not_shapefile']);
    assert.deepEqual(await code(shapefileZip([{ rings: [box(120.9, 32, 120.91, 32.01)], fields: { CODE: 'X' } }], { omit: ['dbf'] })), [400, 'org.area_import.dbf_missing']);
    assert.deepEqual(await code(Buffer.from('<kml></kml>'), 'a.kml'), [400, 'org.area_import.not_geojson']);
    assert.deepEqual(await code(Buffer.from('{"type":"Feature"}'), 'a.json'), [400, 'org.area_import.not_geojson']);
    const many = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 20_001 }, () => ({ type: 'Feature', geometry: null, properties: {} })) }));
    assert.deepEqual(await code(many, 'many.geojson'), [413, 'org.area_import.too_large']);
    const none = await t.app.inject({ method: 'POST', url: `/api/org/area-import/preview?${q}`, headers: { cookie: admin, 'content-type': 'application/json' }, payload: '{}' });
    assert.deepEqual([none.statusCode, none.json().code], [400, 'request.multipart_expected']);
  });

  test('scope: a team leader may not import another team\'s grid, an officer not at all', async () => {
    const leader = await t.login('zhuhang.leader');
    const other = await unit(UNITS.chengdongGrid);
    const file = fc([{ code: other.code, rings: [shrink(other.geometry.coordinates[0]!, 0.9)] }]);
    const r = await send(leader, 'preview', file, 'crs=wgs84&codeProperty=CODE');
    assert.deepEqual([r.statusCode, r.json().code], [403, 'auth.out_of_scope']);
    const officer = await t.login('zhuhang.officer1');
    const o = await send(officer, 'preview', file, 'crs=wgs84&codeProperty=CODE');
    assert.equal(o.statusCode, 403);
  });
});
