import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createOrgService } from '../src/modules/org';
import { createTestContext, UNITS, type TestContext } from './helpers';

const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('org: point location (team and grid of a WGS-84 point)', () => {
  let t: TestContext;
  let admin: string;
  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('every demo grid locates its own inner points to itself and its team; outside → city desk', async () => {
    const org = createOrgService({ database: t.database, clock: t.clock });
    const grids = await t.database.rows<{ id: string; path: string; geometry: { type: string; coordinates: number[][][] } }>(
      sql`select id, path, geometry from org_unit where kind = 'grid' and valid_to is null and geometry is not null`,
    );
    assert.ok(grids.length >= 100, `demo grids: ${grids.length}`);
    const teams = new Set((await t.database.rows<{ id: string }>(sql`select id from org_unit where kind = 'team'`)).map((r) => r.id));
    for (const g of grids) {
      // A point just inside the first vertex, moved towards the ring's vertex mean: inside any convex grid.
      const ring = g.geometry.type === 'Polygon' ? g.geometry.coordinates[0]! : (g.geometry.coordinates as unknown as number[][][][])[0]![0]!;
      const n = ring.length - 1;
      const mx = ring.slice(0, n).reduce((s, p) => s + p[0]!, 0) / n;
      const my = ring.slice(0, n).reduce((s, p) => s + p[1]!, 0) / n;
      const team = g.path.split('/').filter((id) => teams.has(id)).pop() ?? null;
      assert.deepEqual(await org.locate(mx, my), { teamId: team, gridId: g.id }, `grid ${g.id}`);
    }
    assert.deepEqual(await org.locate(0, 0), { teamId: null, gridId: null });
    assert.deepEqual(await org.locate(116.4, 39.9), { teamId: null, gridId: null });
  });

  test('a team created through the API is located at once, also by another service on the same database; ending it removes it', async () => {
    const other = createOrgService({ database: t.database, clock: t.clock });
    const point: [number, number] = [121.55, 31.55];
    assert.deepEqual(await other.locate(...point), { teamId: null, gridId: null });
    const district = await t.unitId(UNITS.kaifa);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: { cookie: admin },
      payload: { parentId: district, code: 'LOC-T1', name: '定位测试中队', kind: 'team', validFrom: '2026-01-01', geometry: { type: 'Polygon', coordinates: [box(121.5, 31.5, 121.6, 31.6)] } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const team = created.json();
    assert.deepEqual(await other.locate(...point), { teamId: team.id, gridId: null });

    const grid = await t.app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: { cookie: admin },
      payload: { parentId: team.id, code: 'LOC-G1', name: '定位测试网格', kind: 'grid', validFrom: '2026-01-01', geometry: { type: 'Polygon', coordinates: [box(121.5, 31.5, 121.56, 31.56)] } },
    });
    assert.equal(grid.statusCode, 201, grid.body);
    assert.deepEqual(await other.locate(...point), { teamId: team.id, gridId: grid.json().id });
    assert.deepEqual(await other.locate(121.58, 31.58), { teamId: team.id, gridId: null });

    const ended = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${grid.json().id}`, headers: { cookie: admin }, payload: { version: 1, validTo: '2026-06-01' } });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.deepEqual(await other.locate(...point), { teamId: team.id, gridId: null });
  });

  test('a write made outside the org service (another process, a seed) is noticed by the table fingerprint', async () => {
    const org = createOrgService({ database: t.database, clock: t.clock });
    const point: [number, number] = [121.75, 31.75];
    assert.deepEqual(await org.locate(...point), { teamId: null, gridId: null });
    const district = await t.unitId(UNITS.kaifa);
    const [parent] = await t.database.rows<{ path: string; depth: number }>(sql`select path, depth from org_unit where id = ${district}`);
    const id = '00000000-0000-4000-8000-00000000a001';
    const geometry = JSON.stringify({ type: 'Polygon', coordinates: [box(121.7, 31.7, 121.8, 31.8)] });
    await t.database.rows(
      sql`insert into org_unit (id, parent_id, path, depth, code, name, kind, valid_from, geometry, created_at, updated_at)
          values (${id}, ${district}, ${`${parent!.path}${id}/`}, ${parent!.depth + 1}, 'LOC-EXT', '外部写入中队', 'team', '2026-01-01', ${geometry}::jsonb, now(), now())`,
    );
    // The index is rechecked every couple of seconds, not on every call: wait for the answer, bounded.
    const deadline = Date.now() + 30_000;
    let found = await org.locate(...point);
    while (found.teamId !== id && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      found = await org.locate(...point);
    }
    assert.deepEqual(found, { teamId: id, gridId: null });
  });
});
