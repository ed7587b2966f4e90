import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { offsetM } from '../src/modules/tracking';
import { serviceCategory, serviceRequest } from '../src/modules/service';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 重复诉求 through the API: the suggestions (same category, distance by haversine, time window both ways, the
 * actor's scope), the bureau's settings (service.manage, optimistic version, audited). Requests are written straight
 * into the table so that each sits exactly where and when the case needs it.
 */
describe('service: duplicate suggestions and their settings', () => {
  let t: TestContext;
  let admin: string;
  let kaifaManager: string;
  let chongchuanManager: string;
  let officer: string;
  let categoryId: string;
  let otherCategoryId: string;
  let zhuhang: string;
  const SITE = { lat: 32.0102, lon: 120.9651 };
  const NOW = new Date('2026-05-04T02:00:00Z');
  const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
  const send = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  let seq = 0;
  /** A request `north` metres north of the site, reported `h` hours after NOW. */
  async function request(north: number, h: number, extra: Partial<typeof serviceRequest.$inferInsert> = {}): Promise<string> {
    const id = crypto.randomUUID();
    const p = offsetM(SITE.lat, SITE.lon, north, 0);
    await t.database.db.insert(serviceRequest).values({
      id,
      trackingCode: `DUPTEST${String(++seq).padStart(5, '0')}`,
      source: 'public',
      categoryId,
      description: `测试诉求 ${seq}`,
      lat: p.lat,
      lon: p.lon,
      orgUnitId: zhuhang,
      routedBy: 'area',
      state: 'submitted',
      submittedAt: hours(h),
      createdAt: hours(h),
      updatedAt: hours(h),
      ...extra,
    });
    return id;
  }
  const category = async (code: string) => {
    const id = crypto.randomUUID();
    await t.database.db.insert(serviceCategory).values({ id, code, name: `测试类别 ${code}`, bigClass: '测试', acceptHours: 4, handleHours: 24, replyHours: 8, createdAt: NOW, updatedAt: NOW });
    return id;
  };
  const suggestions = async (id: string, cookie = admin, query = '') => {
    const r = await send('GET', `/api/service/requests/${id}/duplicates${query}`, cookie);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Json;
  };

  before(async () => {
    t = await createTestContext({ now: NOW });
    admin = await t.login('admin');
    kaifaManager = await t.login('kaifa.manager');
    chongchuanManager = await t.login('chongchuan.manager');
    officer = await t.login('zhuhang.officer1');
    zhuhang = await t.unitId(UNITS.zhuhang);
    categoryId = await category('T-DUP-1');
    otherCategoryId = await category('T-DUP-2');
  });
  after(() => t.close());

  test('same category, within 50 m and 72 h, nearest first, with distance and minutes apart; others left out', async () => {
    const subject = await request(0, 0);
    const near = await request(30, 1);
    const nearEarlier = await request(10, -70);
    await request(60, 2); // 60 m: outside the distance
    await request(5, 73); // 73 h later: outside the window
    await request(5, -80); // 80 h earlier: outside
    await request(5, 1, { categoryId: otherCategoryId });
    await request(5, 1, { state: 'rejected' });
    const cityDesk = await request(40, 3, { orgUnitId: null, routedBy: 'city_desk' });
    const r = await suggestions(subject);
    assert.deepEqual(
      r.items.map((i: Json) => i.id),
      [nearEarlier, near, cityDesk],
    );
    assert.equal(r.distanceM, 50);
    assert.equal(r.windowHours, 72);
    assert.equal(r.noLocation, false);
    const first = r.items[0];
    assert.ok(Math.abs(first.distanceM - 10) < 0.2, String(first.distanceM));
    assert.equal(first.minutesApart, -70 * 60);
    assert.equal(first.orgUnitId, zhuhang);
    assert.equal(first.categoryName, '测试类别 T-DUP-1');
    assert.equal(r.items[2].orgUnitId, null, 'the city desk’s own requests are suggested to a city dispatcher');
    // The dispatcher may look wider for one request.
    const wide = await suggestions(subject, admin, '?distanceM=100&windowHours=100');
    assert.equal(wide.items.length, 6);
    assert.equal((await send('GET', `/api/service/requests/${subject}/duplicates?distanceM=2`, admin)).statusCode, 400);
  });

  test('a merged request is no target, and a target shows how many are merged into it', async () => {
    const target = await request(0, 200);
    const subject = await request(20, 201);
    await request(10, 202, { state: 'merged', duplicateOfId: target });
    await request(12, 203, { state: 'merged', duplicateOfId: target });
    const r = await suggestions(subject);
    assert.deepEqual(
      r.items.map((i: Json) => [i.id, i.followers]),
      [[target, 2]],
    );
  });

  test('a request without a location has none', async () => {
    const subject = await request(0, 400, { lat: null, lon: null });
    await request(0, 400);
    const r = await suggestions(subject);
    assert.equal(r.noLocation, true);
    assert.deepEqual(r.items, []);
  });

  test('scope: a dispatcher of another district does not see the request; a team officer may not dispatch', async () => {
    const subject = await request(0, 600);
    await request(5, 601);
    assert.equal((await suggestions(subject, kaifaManager)).items.length, 1, '竹行 is in 开发区: its manager dispatches it');
    assert.equal((await send('GET', `/api/service/requests/${subject}/duplicates`, chongchuanManager)).statusCode, 404);
    assert.equal((await send('GET', `/api/service/requests/${subject}/duplicates`, officer)).statusCode, 403);
    assert.equal((await send('GET', `/api/service/requests/${crypto.randomUUID()}/duplicates`, admin)).statusCode, 404);
  });

  test('settings: defaults, changed by service.manage only, stale version 409, bounds, audited, used by the search', async () => {
    const s0 = (await send('GET', '/api/service/duplicates/settings', officer)).json() as Json;
    assert.deepEqual({ ...s0, updatedAt: undefined }, { distanceM: 50, windowHours: 72, version: 0, updatedAt: undefined, mayChange: false });
    assert.equal((await send('PUT', '/api/service/duplicates/settings', kaifaManager, { distanceM: 100, windowHours: 24, version: 0 })).statusCode, 403);
    assert.equal((await send('PUT', '/api/service/duplicates/settings', admin, { distanceM: 4, windowHours: 24, version: 0 })).statusCode, 400);
    const ok = await send('PUT', '/api/service/duplicates/settings', admin, { distanceM: 100, windowHours: 24, version: 0 });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual({ ...(ok.json() as Json), updatedAt: undefined }, { distanceM: 100, windowHours: 24, version: 1, updatedAt: undefined, mayChange: true });
    const stale = await send('PUT', '/api/service/duplicates/settings', admin, { distanceM: 80, windowHours: 24, version: 0 });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().code, 'conflict.stale_version');
    const audit = await t.database.rows<{ after: Json }>(sql`select after from audit_record where action = 'service_duplicate.settings' order by seq`);
    assert.deepEqual(
      audit.map((a) => a.after),
      [{ distanceM: 100, windowHours: 24 }],
    );

    const subject = await request(0, 800);
    const at90m = await request(90, 801);
    await request(5, 800 + 25); // 25 h later: outside the new window
    const r = await suggestions(subject);
    assert.equal(r.distanceM, 100);
    assert.deepEqual(
      r.items.map((i: Json) => i.id),
      [at90m],
    );
    // Back to the defaults for the other tests' sake (tests in this file share the database).
    assert.equal((await send('PUT', '/api/service/duplicates/settings', admin, { distanceM: 50, windowHours: 72, version: 1 })).statusCode, 200);
  });

  /** One workflow step through the API (the current version read first). */
  const step = async (id: string, action: string, body: object = {}, cookie = admin) => {
    const cur = await send('GET', `/api/service/requests/${id}`, cookie);
    assert.equal(cur.statusCode, 200, cur.body);
    const r = await send('POST', `/api/service/requests/${id}/actions/${action}`, cookie, { version: cur.json().version, ...body });
    return r;
  };
  const ok = async (id: string, action: string, body: object = {}) => {
    const r = await step(id, action, body);
    assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
    return r.json() as Json;
  };
  const detail = async (id: string) => (await send('GET', `/api/service/requests/${id}`, admin)).json() as Json;

  test('merged requests close with their target’s reply (own timeline event, audited); a later merge into an answered one closes at once', async () => {
    const target = await request(0, 1000);
    const f1 = await request(8, 1001);
    const f2 = await request(15, 1002);
    await ok(f1, 'merge', { duplicateOfId: target, reason: '同一处占道经营' });
    await ok(f2, 'merge', { duplicateOfId: target, reason: '同一处占道经营' });
    assert.equal((await detail(f1)).state, 'merged');
    // The merged ones wait with their target while it is handled.
    await ok(target, 'accept');
    await ok(target, 'start');
    await ok(target, 'handle', { note: '已劝离摊贩' });
    assert.equal((await detail(f1)).state, 'merged');
    await ok(target, 'reply', { text: '经核查，占道摊贩已劝离，感谢您的反映。' });
    for (const f of [f1, f2]) {
      const d = await detail(f);
      assert.equal(d.state, 'closed');
      assert.equal(d.replyText, '经核查，占道摊贩已劝离，感谢您的反映。');
      assert.ok(d.repliedAt && d.handledAt && d.closedAt);
      const last = d.timeline.at(-1);
      assert.equal(last.action, 'close_with_target');
      assert.equal(last.fromState, 'merged');
      assert.equal(last.toState, 'closed');
      assert.equal(last.payload.duplicateOfId, target);
    }
    const audits = await t.database.rows<{ entity_id: string }>(sql`select entity_id from audit_record where action = 'service_duplicate.close_with_target' order by seq`);
    assert.deepEqual(audits.map((a) => a.entity_id).sort(), [f1, f2].sort());

    // A third report merged after the reply is closed with it at once.
    const f3 = await request(5, 1010);
    await ok(f3, 'merge', { duplicateOfId: target, reason: '同一处' });
    const d3 = await detail(f3);
    assert.equal(d3.state, 'closed');
    assert.equal(d3.replyText, '经核查，占道摊贩已劝离，感谢您的反映。');
    assert.deepEqual(
      d3.timeline.map((e: Json) => e.action),
      ['merge', 'close_with_target'],
    );
  });

  test('a rejected target rejects its merged requests with its reason', async () => {
    const target = await request(0, 1200);
    const f = await request(6, 1201);
    await ok(f, 'merge', { duplicateOfId: target, reason: '重复' });
    await ok(target, 'reject', { reason: '不属于城管执法职责，已告知向市场监管部门反映' });
    const d = await detail(f);
    assert.equal(d.state, 'rejected');
    assert.equal(d.timeline.at(-1).action, 'reject_with_target');
    assert.equal(d.timeline.at(-1).reason, '不属于城管执法职责，已告知向市场监管部门反映');
  });

  test('merge refusals: into itself, into a merged or rejected request, a request no longer at the desk', async () => {
    const a = await request(0, 1400);
    const b = await request(5, 1401);
    const merged = await request(7, 1402);
    await ok(merged, 'merge', { duplicateOfId: a, reason: '重复' });
    const self = await step(a, 'merge', { duplicateOfId: a, reason: '重复' });
    assert.equal(self.json().code, 'service.merge_self', self.body);
    const chain = await step(b, 'merge', { duplicateOfId: merged, reason: '重复' });
    assert.equal(chain.json().code, 'service.merge_target', chain.body);
    await ok(a, 'accept');
    const late = await step(a, 'merge', { duplicateOfId: b, reason: '重复' });
    assert.ok([400, 409].includes(late.statusCode), late.body);
    assert.equal((await detail(b)).state, 'submitted', 'nothing changed');
  });
});
