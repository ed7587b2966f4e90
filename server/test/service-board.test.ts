import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addWorkingMinutes, buildCalendar, DEFAULT_WORKING_HOURS, SHIPPED_NOTICES, workingMinutesBetween } from '../src/modules/legal';
import { ensureServiceCategoryBaseline, serviceRequest } from '../src/modules/service';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Beijing wall-clock time 'YYYY-MM-DD HH:MM' as an instant (the test never reads the machine's zone). */
const bj = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const cal = buildCalendar(SHIPPED_NOTICES);
const H = DEFAULT_WORKING_HOURS;

/**
 * 便民服务 categories (limits in working hours, optimistic versions, audited, in use → deactivated not deleted), the
 * bureau's working hours, and the 期限预警 board (stages, working minutes left, flags, exact counts per flag and team,
 * scope, paging, filters; a Friday-17:50 report is not overdue on Saturday; suspension stops the clock).
 */
describe('service: categories, working hours and the deadline board', () => {
  let t: TestContext;
  let admin: string;
  let bureau: string;
  let leader: string;
  let officer: string;
  let zh: string;
  let cd: string;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return status === 204 ? {} : r.json();
  };
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;

  before(async () => {
    // Saturday 2026-12-05 09:00 Beijing.
    t = await createTestContext({ now: bj('2026-12-05 09:00') });
    zh = await t.unitId(UNITS.zhuhang);
    cd = await t.unitId(UNITS.chengdong);
    admin = await t.login('admin');
    bureau = await t.login('bureau');
    leader = await t.login('zhuhang.leader');
    officer = await t.login('zhuhang.officer1');
  });
  after(() => t.close());

  test('the shipped categories are there once, with their local default limits; only service.manage edits', async () => {
    assert.deepEqual(await ensureServiceCategoryBaseline(t.database, t.clock), { created: 0 }, 'idempotent');
    const list = await ok(req('GET', '/api/service/categories', officer));
    assert.deepEqual(list.actions, []);
    const road = list.items.find((c: Json) => c.code === '01-04');
    assert.equal(road.name, '道路不洁');
    assert.deepEqual([road.acceptHours, road.handleHours, road.replyHours, road.localDefault, road.active], [1, 5, 8, true, true]);
    assert.deepEqual([...new Set(list.items.map((c: Json) => c.bigClass))], ['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序', '其他事件']);
    assert.deepEqual((await ok(req('GET', '/api/service/categories', admin))).actions, ['create', 'edit']);
    const body = { expectedVersion: road.version, name: road.name, nameEn: road.nameEn, bigClass: road.bigClass, acceptHours: 1, handleHours: 4, replyHours: 8, active: true };
    assert.equal((await req('PUT', `/api/service/categories/${road.id}`, officer, body)).statusCode, 403);
    assert.equal((await req('POST', '/api/service/categories', leader, { code: 'T-09', name: 'x', bigClass: 'x', acceptHours: 1, handleHours: 1, replyHours: 1 })).statusCode, 403);
  });

  test('editing limits: checked (accept ≤ handle ≤ reply), versioned (stale → 409), audited; saved limits are no longer local defaults', async () => {
    const road = (await ok(req('GET', '/api/service/categories', admin))).items.find((c: Json) => c.code === '01-04');
    const body = { expectedVersion: road.version, name: road.name, nameEn: road.nameEn, bigClass: road.bigClass, acceptHours: 2, handleHours: 1, replyHours: 8, active: true };
    const bad = await req('PUT', `/api/service/categories/${road.id}`, admin, body);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'request.validation');
    assert.deepEqual(bad.json().details.issues.map((i: Json) => [i.field, i.code, i.params]), [['handleHours', 'minimum', { limit: 2 }]]);
    const before = await audits('service_category.update');
    const saved = await ok(req('PUT', `/api/service/categories/${road.id}`, admin, { ...body, handleHours: 4 }));
    assert.deepEqual([saved.acceptHours, saved.handleHours, saved.replyHours, saved.version, saved.localDefault], [2, 4, 8, road.version + 1, false]);
    assert.equal(await audits('service_category.update'), before + 1);
    const stale = await req('PUT', `/api/service/categories/${road.id}`, admin, { ...body, handleHours: 6 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    assert.equal((await req('PUT', `/api/service/categories/${crypto.randomUUID()}`, admin, { ...body, expectedVersion: 1, handleHours: 6 })).json().code, 'service.category_not_found');
  });

  test('creating: the code is checked and unique; an unused category is deleted, one in use only deactivated', async () => {
    const bad = await req('POST', '/api/service/categories', admin, { code: '07 01', name: '测试', bigClass: '其他事件', acceptHours: 1, handleHours: 2, replyHours: 3 });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details.issues.map((i: Json) => [i.field, i.code]), [['code', 'pattern']]);
    const c = await ok(req('POST', '/api/service/categories', admin, { code: '07-01', name: '测试类别', bigClass: '其他事件', acceptHours: 1, handleHours: 2, replyHours: 3 }), 201);
    assert.deepEqual([c.code, c.active, c.localDefault, c.requestCount, c.version], ['07-01', true, false, 0, 1]);
    const dup = await req('POST', '/api/service/categories', admin, { code: '07-01', name: '又一个', bigClass: '其他事件', acceptHours: 1, handleHours: 2, replyHours: 3 });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().code, 'service.category_code_taken');
    await ok(req('DELETE', `/api/service/categories/${c.id}`, admin), 204);
    assert.equal(await audits('service_category.delete'), 1);

    const used = await ok(req('POST', '/api/service/categories', admin, { code: '07-02', name: '在用类别', bigClass: '其他事件', acceptHours: 1, handleHours: 2, replyHours: 3 }), 201);
    await insertRequest({ categoryId: used.id, orgUnitId: zh, state: 'closed', submittedAt: bj('2026-12-01 09:00') });
    const refused = await req('DELETE', `/api/service/categories/${used.id}`, admin);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'service.category_in_use');
    const off = await ok(req('PUT', `/api/service/categories/${used.id}`, admin, { expectedVersion: used.version, name: used.name, bigClass: used.bigClass, acceptHours: 1, handleHours: 2, replyHours: 3, active: false }));
    assert.deepEqual([off.active, off.requestCount], [false, 1]);
  });

  test('working hours: the default until set; HH:MM, ordered, not overlapping; versioned and audited', async () => {
    const cur = await ok(req('GET', '/api/service/settings/hours', officer));
    assert.deepEqual(cur, { periods: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }], isDefault: true, version: 0, updatedAt: null, actions: [] });
    assert.equal((await req('PUT', '/api/service/settings/hours', officer, { expectedVersion: 0, periods: [{ start: '08:00', end: '12:00' }] })).statusCode, 403);
    const bad = await req('PUT', '/api/service/settings/hours', admin, { expectedVersion: 0, periods: [{ start: '08:00', end: '12:00' }, { start: '11:30', end: '1730' }] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details.issues.map((i: Json) => [i.field, i.code]), [['periods.1.end', 'format']]);
    const overlap = await req('PUT', '/api/service/settings/hours', admin, { expectedVersion: 0, periods: [{ start: '08:00', end: '12:00' }, { start: '11:30', end: '17:30' }] });
    assert.deepEqual(overlap.json().details.issues.map((i: Json) => [i.field, i.code, i.params]), [['periods.1.start', 'minimum', { limit: '12:00' }]]);
    const set = await ok(req('PUT', '/api/service/settings/hours', admin, { expectedVersion: 0, periods: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }] }));
    assert.deepEqual([set.isDefault, set.version, set.actions], [false, 1, ['edit']]);
    assert.equal(await audits('service_setting.update'), 1);
    const stale = await req('PUT', '/api/service/settings/hours', admin, { expectedVersion: 0, periods: [{ start: '09:00', end: '17:00' }] });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
  });

  // ---- the board ----

  let seq = 0;
  async function insertRequest(r: { categoryId: string; orgUnitId: string | null; state: string; submittedAt: Date; suspendedAt?: Date; suspendedFromState?: string; limits?: [number, number, number] }): Promise<string> {
    const id = crypto.randomUUID();
    const [a, h, rp] = r.limits ?? [1, 8, 16];
    const due = (hours: number) => addWorkingMinutes(cal, H, r.submittedAt, hours * 60);
    await t.database.db.insert(serviceRequest).values({
      id,
      trackingCode: `TB${String(++seq).padStart(4, '0')}${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      source: 'staff',
      categoryId: r.categoryId,
      description: `测试诉求 ${seq}`,
      routedBy: r.orgUnitId ? 'area' : 'city_desk',
      orgUnitId: r.orgUnitId,
      state: r.state,
      submittedAt: r.submittedAt,
      acceptDueAt: due(a),
      handleDueAt: due(h),
      replyDueAt: due(rp),
      suspendedAt: r.suspendedAt ?? null,
      suspendedFromState: r.suspendedFromState ?? null,
      createdAt: r.submittedAt,
      updatedAt: r.submittedAt,
    });
    return id;
  }

  test('the board: stages, working minutes left, flags, exact counts per flag and team, scope, filters, paging; the clock stops while suspended', async () => {
    const cat = await ok(req('POST', '/api/service/categories', admin, { code: 'T-01', name: '期限测试', bigClass: '其他事件', acceptHours: 1, handleHours: 8, replyHours: 16 }), 201);
    const other = await ok(req('POST', '/api/service/categories', admin, { code: 'T-02', name: '另一类别', bigClass: '其他事件', acceptHours: 1, handleHours: 8, replyHours: 16 }), 201);
    const ids = {
      // Friday 17:50: its one accept hour starts on Monday 08:30 — not overdue on Saturday.
      friday: await insertRequest({ categoryId: cat.id, orgUnitId: zh, state: 'submitted', submittedAt: bj('2026-12-04 17:50') }),
      // Thursday 09:00, 8 working hours to handle: due Friday 09:30 → overdue.
      late: await insertRequest({ categoryId: cat.id, orgUnitId: zh, state: 'dispatched', submittedAt: bj('2026-12-03 09:00') }),
      // Friday 10:00: 360 of 480 minutes spent by Friday 17:30, 120 left = a quarter → due soon.
      soon: await insertRequest({ categoryId: cat.id, orgUnitId: zh, state: 'handling', submittedAt: bj('2026-12-04 10:00') }),
      // Suspended on Wednesday 10:00 while handling, its handle due (Thursday 09:30) long past: the clock stopped.
      held: await insertRequest({ categoryId: cat.id, orgUnitId: zh, state: 'suspended', suspendedFromState: 'handling', suspendedAt: bj('2026-12-02 10:00'), submittedAt: bj('2026-12-02 09:00') }),
      // Handled Friday, 16 hours to reply from Thursday 14:00 → due Tuesday; another category.
      reply: await insertRequest({ categoryId: other.id, orgUnitId: zh, state: 'handled', submittedAt: bj('2026-12-03 14:00') }),
      closed: await insertRequest({ categoryId: cat.id, orgUnitId: zh, state: 'closed', submittedAt: bj('2026-12-01 09:00') }),
      chengdong: await insertRequest({ categoryId: cat.id, orgUnitId: cd, state: 'dispatched', submittedAt: bj('2026-12-01 09:00') }),
      desk: await insertRequest({ categoryId: cat.id, orgUnitId: null, state: 'submitted', submittedAt: bj('2026-12-04 09:00') }),
    };
    const mine = (b: Json) => b.items.filter((i: Json) => Object.values(ids).includes(i.id));
    const byId = (b: Json) => new Map<string, Json>(b.items.map((i: Json) => [i.id, i]));

    const b = await ok(req('GET', `/api/service/board?limit=500`, leader));
    const rows = byId(b);
    assert.equal(mine(b).length, 5, 'the team sees its own open reports only');
    assert.ok(!rows.has(ids.closed) && !rows.has(ids.chengdong) && !rows.has(ids.desk));
    const friday = rows.get(ids.friday)!;
    assert.deepEqual([friday.stage, friday.flag, friday.remainingMinutes, friday.limitHours], ['accept', 'on_time', 60, 1], 'a Friday-17:50 report is not overdue on Saturday');
    assert.equal(friday.dueAt, bj('2026-12-07 09:30').toISOString());
    assert.deepEqual([rows.get(ids.late)!.stage, rows.get(ids.late)!.flag, rows.get(ids.late)!.remainingMinutes], ['handle', 'overdue', -390], 'late since Friday 09:30: 390 working minutes by Friday 17:30, none since');
    assert.deepEqual([rows.get(ids.soon)!.flag, rows.get(ids.soon)!.remainingMinutes], ['due_soon', 120]);
    const held = rows.get(ids.held)!;
    assert.deepEqual([held.stage, held.flag, held.remainingMinutes], ['handle', 'suspended', workingMinutesBetween(cal, H, bj('2026-12-02 10:00'), bj('2026-12-03 09:30'))]);
    assert.equal(held.remainingMinutes, 420);
    assert.deepEqual([rows.get(ids.reply)!.stage, rows.get(ids.reply)!.flag], ['reply', 'on_time']);
    // Exact totals over every row in scope: the team's counts are its rows, whatever else the demo holds.
    const team = b.teams.find((x: Json) => x.teamId === zh);
    assert.equal(b.counts.total, b.total);
    assert.equal(team.total, b.counts.total);
    assert.equal(b.counts.overdue + b.counts.due_soon + b.counts.on_time + b.counts.suspended + b.counts.unknown, b.counts.total);
    assert.deepEqual(b.teams.map((x: Json) => x.teamId), [zh], 'a team leader sees his team only');

    // Scope: another team and the desk are not disclosed to a team.
    assert.equal((await req('GET', `/api/service/board?teamId=${cd}`, leader)).statusCode, 404);
    assert.equal((await req('GET', '/api/service/board?teamId=desk', leader)).statusCode, 404);

    // The city: every team and the desk; filters by team, category and flag; counts ignore the flag filter.
    const city = await ok(req('GET', `/api/service/board?limit=500&categoryId=${cat.id}`, bureau));
    assert.deepEqual(new Set(mine(city).map((i: Json) => i.id)), new Set([ids.friday, ids.late, ids.soon, ids.held, ids.chengdong, ids.desk]));
    assert.deepEqual(city.counts, { overdue: 3, due_soon: 1, on_time: 1, suspended: 1, unknown: 0, total: 6 });
    const teamsCount = new Map<string | null, Json>(city.teams.map((x: Json) => [x.teamId, x]));
    assert.deepEqual([teamsCount.get(zh)!.total, teamsCount.get(zh)!.overdue, teamsCount.get(cd)!.overdue, teamsCount.get(null)!.overdue], [4, 1, 1, 1]);
    const overdue = await ok(req('GET', `/api/service/board?categoryId=${cat.id}&flag=overdue`, bureau));
    assert.deepEqual(new Set(overdue.items.map((i: Json) => i.id)), new Set([ids.late, ids.chengdong, ids.desk]));
    assert.equal(overdue.total, 3);
    assert.equal(overdue.counts.total, 6, 'the flag counts stay whole under a flag filter');
    const desk = await ok(req('GET', `/api/service/board?categoryId=${cat.id}&teamId=desk`, bureau));
    assert.deepEqual(desk.items.map((i: Json) => [i.id, i.unitName, i.stage, i.flag]), [[ids.desk, null, 'accept', 'overdue']]);
    const cdOnly = await ok(req('GET', `/api/service/board?categoryId=${cat.id}&teamId=${cd}`, bureau));
    assert.deepEqual(cdOnly.items.map((i: Json) => i.id), [ids.chengdong]);
    assert.equal(cdOnly.teams.length, 3, 'the team table keeps every team of the category filter beside the one picked');

    // Pages: most urgent first, the total is every row.
    const p1 = await ok(req('GET', `/api/service/board?categoryId=${cat.id}&limit=2`, bureau));
    const p2 = await ok(req('GET', `/api/service/board?categoryId=${cat.id}&limit=2&offset=2`, bureau));
    const p3 = await ok(req('GET', `/api/service/board?categoryId=${cat.id}&limit=2&offset=4`, bureau));
    assert.deepEqual([p1.total, p1.items.length, p3.items.length], [6, 2, 2]);
    assert.deepEqual([...p1.items, ...p2.items, ...p3.items].map((i: Json) => i.flag), ['overdue', 'overdue', 'overdue', 'due_soon', 'on_time', 'suspended']);

    // Monday 09:20: the Friday report has 10 minutes left of its hour (due soon); at 09:31 it is overdue. The
    // suspended one's remaining time has not moved.
    t.clock.set(bj('2026-12-07 09:20'));
    bureau = await t.login('bureau'); // the Saturday session has expired by Monday
    let now = byId(await ok(req('GET', `/api/service/board?categoryId=${cat.id}&limit=500`, bureau)));
    assert.deepEqual([now.get(ids.friday)!.flag, now.get(ids.friday)!.remainingMinutes], ['due_soon', 10]);
    assert.deepEqual([now.get(ids.held)!.flag, now.get(ids.held)!.remainingMinutes], ['suspended', 420]);
    t.clock.set(bj('2026-12-07 09:31'));
    now = byId(await ok(req('GET', `/api/service/board?categoryId=${cat.id}&limit=500`, bureau)));
    assert.deepEqual([now.get(ids.friday)!.flag, now.get(ids.friday)!.remainingMinutes], ['overdue', -1]);
    assert.equal(now.get(ids.held)!.remainingMinutes, 420);
  });
});
