import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, UNITS, type TestContext } from './helpers';

describe('authorization: every read and write is scoped to the actor org subtree', () => {
  let t: TestContext;
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  before(async () => {
    t = await createTestContext();
  });
  after(() => t.close());

  test('a team leader sees only their own team (and its ancestors for context)', async () => {
    const cookie = await t.login('zhuhang.leader');
    const { items } = (await get('/api/org/units', cookie)).json();
    const teams = items.filter((u: { kind: string }) => u.kind === 'team');
    assert.deepEqual(teams.map((u: { name: string }) => u.name), ['竹行街道综合执法队']);
    assert.equal(items.filter((u: { kind: string }) => u.kind === 'grid').length, 8);
    // Ancestors are shown but not actionable.
    const district = items.find((u: { code: string }) => u.code === UNITS.kaifa);
    assert.deepEqual(district.actions, []);
  });

  test('a team leader cannot read or change another team', async () => {
    const cookie = await t.login('zhuhang.leader');
    const other = await t.unitId(UNITS.chengdong);
    assert.equal((await get(`/api/org/units/${other}`, cookie)).statusCode, 404);
    const otherGrid = await t.unitId(UNITS.chengdongGrid);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${otherGrid}`, headers: { cookie }, payload: { version: 1, name: '篡改' } });
    assert.equal(patch.statusCode, 404);
    const users = (await get('/api/identity/users', cookie)).json().items as { orgUnitName: string }[];
    assert.ok(users.length >= 3);
    assert.ok(users.every((u) => u.orgUnitName === '竹行街道综合执法队'));
  });

  test('a team leader may edit their own grids but not their own team unit', async () => {
    const cookie = await t.login('zhuhang.leader');
    const grid = await t.unitId(UNITS.zhuhangGrid);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${grid}`, headers: { cookie }, payload: { version: 1, note: '重点巡查' } });
    assert.equal(ok.statusCode, 200);
    const team = await t.unitId(UNITS.zhuhang);
    const own = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${team}`, headers: { cookie }, payload: { version: 1, name: '改名' } });
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().code, 'auth.out_of_scope');
  });

  test('a district manager sees only their district', async () => {
    const cookie = await t.login('kaifa.manager');
    const { items } = (await get('/api/org/units', cookie)).json();
    const teams = items.filter((u: { kind: string }) => u.kind === 'team').map((u: { name: string }) => u.name);
    assert.equal(teams.length, 5);
    assert.ok(teams.includes('竹行街道综合执法队'));
    assert.ok(!teams.includes('城东街道综合执法队'));
    assert.equal((await get(`/api/org/units/${await t.unitId(UNITS.chengdong)}`, cookie)).statusCode, 404);
    const map = (await get('/api/org/map', cookie)).json();
    assert.equal(map.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'team').length, 5);
  });

  test('an auxiliary cannot take officer-only actions', async () => {
    const aux = await t.login('zhuhang.aux1');
    const officer = await t.login('zhuhang.officer1');
    assert.equal((await get('/api/identity/users', officer)).statusCode, 200);
    const denied = await get('/api/identity/users', aux);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().code, 'auth.forbidden');
    assert.equal((await get('/api/org/units', aux)).statusCode, 200);
  });

  test('a team leader creates officers in their team only, and never a role above their own', async () => {
    const cookie = await t.login('zhuhang.leader');
    const team = await t.unitId(UNITS.zhuhang);
    const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/identity/users', headers: { cookie }, payload });
    const ok = await create({ username: 'zhuhang.officer9', displayName: '新队员', role: 'officer', orgUnitId: team, password: 'start-pass-123' });
    assert.equal(ok.statusCode, 201);
    assert.deepEqual(ok.json().actions, ['update', 'resetPassword']);
    const above = await create({ username: 'zhuhang.boss', displayName: '越权', role: 'district_manager', orgUnitId: team, password: 'start-pass-123' });
    assert.equal(above.statusCode, 403);
    const elsewhere = await create({ username: 'chengdong.x', displayName: '越界', role: 'officer', orgUnitId: await t.unitId(UNITS.chengdong), password: 'start-pass-123' });
    assert.equal(elsewhere.statusCode, 404);
    const taken = await create({ username: 'ZHUHANG.officer9', displayName: '重复', role: 'officer', orgUnitId: team, password: 'start-pass-123' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'identity.username_taken');
  });

  test('the list response tells the UI which actions the caller may take', async () => {
    const leader = (await get('/api/identity/users', await t.login('zhuhang.leader'))).json();
    assert.deepEqual(leader.actions, ['create']);
    assert.deepEqual(leader.assignableRoles, ['officer', 'auxiliary']);
    const self = leader.items.find((u: { username: string }) => u.username === 'zhuhang.leader');
    assert.deepEqual(self.actions, []);
    const officer = (await get('/api/identity/users', await t.login('zhuhang.officer1'))).json();
    assert.deepEqual(officer.actions, []);
    assert.ok(officer.items.every((u: { actions: string[] }) => u.actions.length === 0));
  });

  test('audit trail: a team leader reads their own subtree only; verifying the chain needs audit.verify', async () => {
    const cookie = await t.login('zhuhang.leader');
    const res = (await get('/api/audit/records?limit=200', cookie)).json();
    const zhuhangPaths = new Set((await t.database.rows<{ id: string }>(subtreeIds(UNITS.zhuhang))).map((r) => r.id));
    assert.ok(res.items.length > 0);
    assert.ok(res.items.every((r: { orgUnitId: string }) => zhuhangPaths.has(r.orgUnitId)));
    assert.equal((await get('/api/audit/verify', cookie)).statusCode, 403);
  });

  test('a disabled user is signed out and cannot sign in', async () => {
    const admin = await t.login('admin');
    const victim = await t.login('xuetian.officer1');
    const list = (await get('/api/identity/users?q=xuetian.officer1', admin)).json().items;
    const u = list[0];
    const res = await t.app.inject({ method: 'PATCH', url: `/api/identity/users/${u.id}`, headers: { cookie: admin }, payload: { version: u.version, disabled: true } });
    assert.equal(res.statusCode, 200);
    assert.equal((await get('/api/identity/me', victim)).statusCode, 401);
    const again = await t.app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'xuetian.officer1', password: 'guifan-demo' }, remoteAddress: '10.4.0.1' });
    assert.equal(again.statusCode, 401);
    // A stale version is a conflict, never a lost update.
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/identity/users/${u.id}`, headers: { cookie: admin }, payload: { version: u.version, displayName: 'x' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
  });
});

import { sql } from 'drizzle-orm';
const subtreeIds = (code: string) => sql`select c.id from org_unit c join org_unit p on c.path like p.path || '%' where p.code = ${code}`;
