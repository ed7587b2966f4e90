import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

describe('org units and the audit trail', () => {
  let t: TestContext;
  let admin: string;
  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('the demo org tree: bureau → detachment → 3 districts → 21 street teams → communities → grids', async () => {
    const { items } = (await t.app.inject({ method: 'GET', url: '/api/org/units', headers: { cookie: admin } })).json();
    const count = (kind: string) => items.filter((u: { kind: string }) => u.kind === kind).length;
    assert.deepEqual(
      ['bureau', 'detachment', 'district', 'team', 'community', 'grid'].map(count),
      [1, 1, 3, 21, 42, 168],
    );
    const teams = items.filter((u: { kind: string }) => u.kind === 'team');
    assert.ok(teams.every((u: { name: string; isDemo: boolean }) => u.name.endsWith('街道综合执法队') && u.isDemo));
    const laohonggang = teams.find((u: { name: string }) => u.name.startsWith('老洪港'));
    assert.match(laohonggang.note, /待与市局确认/);
  });

  test('the map is GeoJSON in WGS-84 around Nantong with every team and grid', async () => {
    const map = (await t.app.inject({ method: 'GET', url: '/api/org/map', headers: { cookie: admin } })).json();
    assert.equal(map.type, 'FeatureCollection');
    const teams = map.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'team');
    assert.equal(teams.length, 21);
    for (const f of map.features) {
      for (const [lon, lat] of f.geometry.coordinates[0]) {
        assert.ok(lon > 120.7 && lon < 121.2 && lat > 31.8 && lat < 32.2, `${f.properties.name} at ${lon},${lat}`);
      }
    }
    const zhuhang = await t.unitId(UNITS.zhuhang);
    const sub = (await t.app.inject({ method: 'GET', url: `/api/org/map?rootId=${zhuhang}`, headers: { cookie: admin } })).json();
    assert.equal(sub.features.length, 1 + 2 + 8);
  });

  test('an update is versioned, audited with before/after, and a stale version is refused', async () => {
    const id = await t.unitId(UNITS.zhuhangCommunity);
    const unit = (await t.app.inject({ method: 'GET', url: `/api/org/units/${id}`, headers: { cookie: admin } })).json();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${id}`, headers: { cookie: admin }, payload: { version: unit.version, name: '竹行新村社区' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().version, unit.version + 1);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${id}`, headers: { cookie: admin }, payload: { version: unit.version, name: '覆盖' } });
    assert.equal(stale.statusCode, 409);
    const ended = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${id}`, headers: { cookie: admin }, payload: { version: unit.version + 1, validTo: unit.validFrom } });
    assert.deepEqual([ended.statusCode, ended.json().details.issues[0].code, ended.json().details.issues[0].params], [400, 'valid_to_not_after_from', { validFrom: unit.validFrom }]);
    const records = (await t.app.inject({ method: 'GET', url: '/api/audit/records?limit=5&entityType=org_unit', headers: { cookie: admin } })).json().items;
    const rec = records.find((r: { entityId: string }) => r.entityId === id);
    assert.equal(rec.action, 'org.unit.update');
    assert.equal(rec.actorName, '系统管理员');
    assert.equal(rec.actorUsername, 'admin');
    assert.equal(rec.before.name, unit.name);
    assert.equal(rec.after.name, '竹行新村社区');
  });

  test('creating a unit checks kind order, geometry and code uniqueness', async () => {
    const parent = await t.unitId(UNITS.zhuhangCommunity);
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/org/units', headers: { cookie: admin }, payload });
    const ring = [[120.9, 31.9], [120.91, 31.9], [120.91, 31.91], [120.9, 31.91], [120.9, 31.9]];
    const ok = await post({ parentId: parent, code: '32067100300109', name: '新增网格', kind: 'grid', validFrom: '2026-01-01', geometry: { type: 'Polygon', coordinates: [ring] } });
    assert.equal(ok.statusCode, 201);
    assert.ok(Math.abs(ok.json().centerLon - 120.905) < 1e-9);
    const dup = await post({ parentId: parent, code: '32067100300109', name: '重复', kind: 'grid', validFrom: '2026-01-01' });
    assert.equal(dup.json().code, 'org.code_taken');
    const upward = await post({ parentId: parent, code: 'X1', name: '倒挂', kind: 'district', validFrom: '2026-01-01' });
    assert.equal(upward.json().code, 'org.kind_not_allowed');
    const open = await post({ parentId: parent, code: 'X2', name: '坏边界', kind: 'grid', validFrom: '2026-01-01', geometry: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } });
    assert.equal(open.statusCode, 400);
    assert.equal(open.json().details.issues[0].message, 'ring is not closed');
    assert.equal(open.json().details.issues[0].code, 'ring_not_closed');
  });

  test('the chain verifies, and tampering is found at the first broken record', async () => {
    const ok = (await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: admin } })).json();
    assert.equal(ok.ok, true);
    assert.ok(ok.checked > 300);
    // Nothing in the API edits or deletes audit records, and the database refuses it too.
    await assert.rejects(t.database.rows(sql`update audit_record set actor_name = 'x' where seq = 10`));
    await assert.rejects(t.database.rows(sql`delete from audit_record where seq = 10`));
    // Someone with the power to disable the trigger rewrites record 42: verification names it.
    await t.database.rows(sql`alter table audit_record disable trigger audit_record_no_update_delete`);
    await t.database.rows(sql`update audit_record set after = '{"name":"forged"}'::jsonb where seq = 42`);
    const broken = (await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: admin } })).json();
    assert.equal(broken.ok, false);
    assert.deepEqual(broken.firstBroken, { seq: 42, reason: 'hash_mismatch' });
    assert.equal(broken.checked, 41);
  });

  test('there is no route that changes or deletes audit records', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/audit/records/1', headers: { cookie: admin } });
      assert.equal(res.statusCode, 404, method);
    }
  });
});
