import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createLegalService, DEFAULT_WORKING_HOURS } from '../src/modules/legal';
import { verifyAuditChain } from '../src/modules/audit';
import { createServiceRequests } from '../src/modules/service';
import { newId } from '../src/platform/ids';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('service: reports routed, timed in working hours, handled, replied, rated; scope, stale versions, suspension, cases', () => {
  let t: TestContext;
  let admin: string;
  let leader: string;
  let officer: string;
  let aux: string;
  let other: string;
  let categoryId: string;
  let zhuhang: string;
  let chengdong: string;
  let grid: string;
  /** A point inside the 竹行 demo grid (the mean of its ring's vertices). */
  let point: { lat: number; lon: number };
  // Monday 2026-03-02 10:00 in Beijing: a working day of the shipped 2026 calendar.
  const monday10 = new Date('2026-03-02T02:00:00Z');
  const bj = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const refused = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status: number, code: string) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    assert.equal(r.json().code, code, r.body);
    return r.json();
  };
  const submit = (cookie: string, over: object = {}) => ok(req('POST', '/api/service/requests', cookie, { categoryId, description: '人行道上有占道经营摊位', ...point, address: '竹行街道演示路 1 号', contactPhone: '13812341234', ...over }), 201);
  const act = async (id: string, action: string, cookie: string, body: object = {}) => {
    const cur = await ok(req('GET', `/api/service/requests/${id}`, cookie));
    return req('POST', `/api/service/requests/${id}/actions/${action}`, cookie, { version: cur.version, ...body });
  };
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;
  /** The service itself, for the reporter's rating (the public status page's route belongs to its own slice). */
  const direct = () => {
    const legal = createLegalService({ database: t.database, clock: t.clock });
    return createServiceRequests({ database: t.database, clock: t.clock, workingTime: async () => ({ calendar: await legal.calendar(), hours: DEFAULT_WORKING_HOURS }) });
  };

  before(async () => {
    t = await createTestContext({ now: monday10 });
    [admin, leader, officer, aux, other] = (await Promise.all(['admin', 'zhuhang.leader', 'zhuhang.officer1', 'zhuhang.aux1', 'chengdong.leader'].map((u) => t.login(u)))) as [string, string, string, string, string];
    zhuhang = await t.unitId(UNITS.zhuhang);
    chengdong = await t.unitId(UNITS.chengdong);
    grid = await t.unitId(UNITS.zhuhangGrid);
    const [g] = await t.database.rows<{ geometry: { coordinates: number[][][] } }>(sql`select geometry from org_unit where id = ${grid}`);
    const ring = g!.geometry.coordinates[0]!.slice(0, -1);
    point = { lon: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
    categoryId = newId();
    // Limits: accept within 1 working hour, handle within 8, reply within 16.
    await t.database.rows(sql`insert into service_category (id, code, name, big_class, accept_hours, handle_hours, reply_hours, active, sort_order, created_at, updated_at)
      values (${categoryId}, 'T-01', '测试：占道经营', '街面秩序', 1, 8, 16, true, 0, now(), now())`);
  });
  after(() => t.close());

  test('a report is routed to the team and grid holding its point, timed in working hours, and tracked', async () => {
    const r = await submit(admin);
    assert.equal(r.state, 'submitted');
    assert.equal(r.orgUnitId, zhuhang);
    assert.equal(r.gridId, grid);
    assert.equal(r.routedBy, 'grid');
    assert.match(r.trackingCode, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
    // Monday 10:00 + 1 working hour = 11:00; + 8 = Tuesday 10:30 (10:00–12:00, 13:30–17:30 = 6 h on Monday, 2 h on Tuesday from 08:30).
    assert.equal(r.acceptDueAt, bj('2026-03-02', '11:00').toISOString());
    assert.equal(r.handleDueAt, bj('2026-03-03', '10:30').toISOString());
    assert.equal(r.timeline.length, 1);
    assert.equal(r.timeline[0].action, 'submit');
    assert.equal(await audits('service_request.submit') >= 1, true);
    // Outside every team area → the city desk (no team); seen by the city level only.
    const far = await submit(admin, { lat: 39.9, lon: 116.4 });
    assert.equal(far.orgUnitId, null);
    assert.equal(far.routedBy, 'city_desk');
    await refused(req('GET', `/api/service/requests/${far.id}`, leader), 404, 'service.not_found');
  });

  test('locations outside China or at 0,0, and unknown or inactive categories, are refused', async () => {
    await refused(req('POST', '/api/service/requests', admin, { categoryId, description: 'x', lat: 0, lon: 0 }), 400, 'service.location_invalid');
    await refused(req('POST', '/api/service/requests', admin, { categoryId, description: 'x', lat: 51.5, lon: -0.12 }), 400, 'service.location_invalid');
    await refused(req('POST', '/api/service/requests', admin, { categoryId: newId(), description: 'x', ...point }), 404, 'service.category_not_found');
    await refused(req('POST', '/api/service/requests', aux, { categoryId, description: 'x', ...point }), 403, 'auth.forbidden');
    await refused(req('POST', '/api/service/requests', admin, { categoryId, description: 'x', ...point, receivedAt: '2026-03-03T02:00:00Z' }), 400, 'service.received_at_invalid');
    await refused(req('POST', '/api/service/requests', admin, { categoryId, description: 'x', ...point, receivedAt: '2026-01-01T02:00:00Z' }), 400, 'service.received_at_invalid');
  });

  test('a call recorded later counts from when it was received: taken on Friday, it is overdue on Monday', async () => {
    const r = await submit(admin, { receivedAt: bj('2026-02-27', '09:00').toISOString() });
    assert.equal(r.submittedAt, bj('2026-02-27', '09:00').toISOString());
    assert.equal(r.acceptDueAt, bj('2026-02-27', '10:00').toISOString());
    assert.equal(r.dueFlag, 'overdue');
  });

  test('scope and masking: the owning team sees the phone, its auxiliary sees it masked, another team not at all', async () => {
    const r = await submit(admin);
    assert.equal((await ok(req('GET', `/api/service/requests/${r.id}`, leader))).contactPhone, '13812341234');
    assert.equal((await ok(req('GET', `/api/service/requests/${r.id}`, aux))).contactPhone, '138****1234');
    await refused(req('GET', `/api/service/requests/${r.id}`, other), 404, 'service.not_found');
    await refused(req('POST', `/api/service/requests/${r.id}/actions/accept`, other, { version: r.version }), 404, 'service.not_found');
    const mine = await ok(req('GET', '/api/service/requests?limit=200', other));
    assert.ok(!mine.items.some((x: Json) => x.id === r.id), 'another team does not list it');
    const listed = await ok(req('GET', `/api/service/requests?limit=200&unitId=${zhuhang}`, aux));
    assert.equal(listed.items.find((x: Json) => x.id === r.id)?.contactPhone, '138****1234');
  });

  test('accept → start → handle → reply → rate, each step on the timeline and audited; refusals with their codes', async () => {
    const r = await submit(admin);
    await refused(act(r.id, 'accept', officer), 403, 'service.not_permitted');
    await refused(act(r.id, 'start', officer), 409, 'service.wrong_state');
    const accepted = await ok(act(r.id, 'accept', admin));
    assert.equal(accepted.state, 'dispatched');
    assert.ok(accepted.acceptedAt);
    assert.deepEqual(accepted.actions, ['redispatch', 'return', 'start', 'suspend'], 'the city admin is desk and team');
    assert.deepEqual((await ok(req('GET', `/api/service/requests/${r.id}`, officer))).actions, ['return', 'start', 'suspend']);
    await ok(act(r.id, 'start', officer));
    await refused(act(r.id, 'handle', officer), 400, 'service.note_required');
    const handled = await ok(act(r.id, 'handle', officer, { note: '摊位已劝离，现场已清理' }));
    assert.equal(handled.state, 'handled');
    assert.equal(handled.handlingNote, '摊位已劝离，现场已清理');
    await refused(act(r.id, 'reply', officer, { text: '  ' }), 400, 'service.reply_required');
    const replied = await ok(act(r.id, 'reply', officer, { text: '您反映的占道经营已处理，感谢监督。' }));
    assert.equal(replied.state, 'replied');
    assert.deepEqual(replied.timeline.map((e: Json) => e.action), ['submit', 'accept', 'start', 'handle', 'reply']);
    for (const a of ['accept', 'start', 'handle', 'reply']) assert.ok((await audits(`service_request.${a}`)) >= 1, a);

    const svc = direct();
    const closed = await svc.rate(r.trackingCode, { satisfaction: 'satisfied', comment: '很快' });
    assert.equal(closed.state, 'closed');
    assert.equal(closed.satisfaction, 'satisfied');
    assert.equal(closed.contactPhone, '138****1234', 'the public view is masked');
    await assert.rejects(svc.rate(r.trackingCode, { satisfaction: 'satisfied' }), (e: Json) => e.code === 'service.wrong_state');
    assert.equal((await svc.getByTrackingCode(r.trackingCode.toLowerCase()))?.id, r.id);
  });

  test('不满意 reopens once: back to the team with fresh limits, the second time it only closes', async () => {
    const r = await submit(admin);
    const reply = async () => {
      await ok(act(r.id, 'start', officer));
      await ok(act(r.id, 'handle', officer, { note: '已处理' }));
      await ok(act(r.id, 'reply', officer, { text: '已处理' }));
    };
    await ok(act(r.id, 'accept', admin));
    await reply();
    const svc = direct();
    const reopened = await svc.rate(r.trackingCode, { satisfaction: 'dissatisfied', comment: '摊位又回来了', reopen: true });
    assert.equal(reopened.state, 'dispatched');
    assert.equal(reopened.reopenCount, 1);
    await reply();
    await assert.rejects(svc.rate(r.trackingCode, { satisfaction: 'dissatisfied', reopen: true }), (e: Json) => e.code === 'service.reopen_used');
    assert.equal((await svc.rate(r.trackingCode, { satisfaction: 'dissatisfied' })).state, 'closed');
  });

  test('a stale version is refused with 409 and nothing changes', async () => {
    const r = await submit(admin);
    await ok(req('POST', `/api/service/requests/${r.id}/actions/accept`, admin, { version: r.version }));
    await refused(req('POST', `/api/service/requests/${r.id}/actions/start`, officer, { version: r.version }), 409, 'conflict.stale_version');
    assert.equal((await ok(req('GET', `/api/service/requests/${r.id}`, officer))).state, 'dispatched');
  });

  test('退回 to the desk, dispatch with a team, 改派 with a reason; reject and merge need theirs', async () => {
    const r = await submit(admin);
    await ok(act(r.id, 'accept', admin));
    await refused(act(r.id, 'return', officer), 400, 'service.reason_required');
    const back = await ok(act(r.id, 'return', officer, { reason: '不在本队辖区' }));
    assert.equal(back.state, 'submitted');
    assert.equal(back.orgUnitId, null);
    assert.deepEqual(back.actions, [], 'handed back: the team has no more steps');
    assert.equal(back.contactPhone, '138****1234');
    await refused(req('GET', `/api/service/requests/${r.id}`, officer), 404, 'service.not_found');
    await refused(act(r.id, 'accept', admin), 400, 'service.team_required');
    await refused(act(r.id, 'accept', admin, { teamId: grid }), 400, 'service.team_invalid');
    const sent = await ok(act(r.id, 'accept', admin, { teamId: chengdong }));
    assert.equal(sent.orgUnitId, chengdong);
    assert.equal(sent.routedBy, 'manual');
    assert.ok(await ok(req('GET', `/api/service/requests/${r.id}`, other)));
    await refused(act(r.id, 'redispatch', admin, { teamId: zhuhang }), 400, 'service.reason_required');
    const moved = await ok(act(r.id, 'redispatch', admin, { teamId: zhuhang, reason: '属竹行辖区' }));
    assert.equal(moved.orgUnitId, zhuhang);
    assert.equal(moved.timeline.at(-1).reason, '属竹行辖区');
    assert.ok((await audits('service_request.redispatch')) >= 1);
    await refused(req('GET', `/api/service/requests/${r.id}`, other), 404, 'service.not_found');

    const dup = await submit(admin);
    await refused(act(dup.id, 'reject', admin), 400, 'service.reason_required');
    await refused(act(dup.id, 'merge', admin, { reason: '重复' }), 400, 'service.duplicate_required');
    const merged = await ok(act(dup.id, 'merge', admin, { reason: '同一摊位', duplicateOfId: r.id }));
    assert.equal(merged.state, 'merged');
    assert.equal(merged.duplicateOfId, r.id);
    const rej = await submit(admin);
    assert.equal((await ok(act(rej.id, 'reject', admin, { reason: '不属于城管职责' }))).state, 'rejected');
  });

  test('挂起 stops the clock: the working minutes suspended move the open limits, and a suspended report does not go overdue', async () => {
    const r = await submit(admin);
    await ok(act(r.id, 'accept', admin));
    await refused(act(r.id, 'suspend', officer), 400, 'service.reason_required');
    const s = await ok(act(r.id, 'suspend', officer, { reason: '等待产权单位确认' }));
    assert.equal(s.state, 'suspended');
    assert.equal(s.suspendedFromState, 'dispatched');
    // Three working days later (past the 8-hour handle limit): suspended, so not overdue.
    t.clock.set(bj('2026-03-05', '14:00'));
    try {
      // Sessions expire with the clock moved days ahead: sign in again.
      [admin, officer] = await Promise.all([t.login('admin'), t.login('zhuhang.officer1')]);
      const later = await ok(req('GET', `/api/service/requests/${r.id}`, officer));
      assert.equal(later.dueFlag, null);
      const overdueList = await ok(req('GET', `/api/service/requests?overdue=true&limit=200&unitId=${zhuhang}`, officer));
      assert.ok(!overdueList.items.some((x: Json) => x.id === r.id), 'not listed as overdue while suspended');
      const resumed = await ok(act(r.id, 'resume', officer));
      assert.equal(resumed.state, 'dispatched');
      // Suspended Mon 10:00 → resumed Thu 14:00: Mon 10:00–12:00 (2 h) + 13:30–17:30 (4 h) = 6 h; Tue, Wed 7.5 h
      // each; Thu 08:30–12:00 (3.5 h) + 13:30–14:00 (0.5 h): 25 working hours.
      const paused = (6 + 7.5 + 7.5 + 3.5 + 0.5) * 60;
      assert.equal(resumed.pausedMinutes, paused);
      // The handle limit (Tue 10:30) moves by those 25 working hours: Tue 5.5 h, Wed 7.5 h, Thu 7.5 h, Fri 08:30–12:00
      // 3.5 h and 1 h from 13:30 → Fri 14:30.
      assert.equal(resumed.handleDueAt, bj('2026-03-06', '14:30').toISOString());
      assert.equal(resumed.acceptDueAt, s.acceptDueAt, 'a limit already met does not move');
      assert.equal(resumed.dueFlag, null, 'not overdue: due Friday 14:30');
      assert.ok((await audits('service_request.resume')) >= 1);

      // Another report, not suspended, is overdue now and listed so.
      const late = await submit(admin, { description: '逾期测试' });
      t.clock.set(bj('2026-03-05', '16:00')); // its accept limit ended at 15:00
      const overdue = await ok(req('GET', `/api/service/requests?overdue=true&limit=200&unitId=${zhuhang}`, officer));
      assert.ok(overdue.items.some((x: Json) => x.id === late.id && x.dueFlag === 'overdue'));
    } finally {
      t.clock.set(monday10);
      [admin, officer] = await Promise.all([t.login('admin'), t.login('zhuhang.officer1')]);
    }
  });

  test('reports arriving together share one transaction: each stored with its event and its audit record, the chain intact; one refused report does not take the others down', async () => {
    const core = direct();
    const input = { categoryId, description: '同时到达的反映', ...point };
    const before = await audits('service_request.submit');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => core.submit({ ...input, description: `同时到达的反映 ${i}` }, 'hotline', null, { externalRef: i === 11 ? 'GC-DUP-0' : `GC-DUP-${i}` })),
    );
    // Report 11 carries report 0's 工单编号: the unique index refuses it alone.
    assert.deepEqual(results.map((r) => r.status), [...Array(11).fill('fulfilled'), 'rejected']);
    const ok11 = results.slice(0, 11).map((r) => (r as PromiseFulfilledResult<Json>).value);
    assert.equal(new Set(ok11.map((r) => r.trackingCode)).size, 11);
    assert.ok(ok11.every((r, i) => r.description === `同时到达的反映 ${i}` && r.acceptDueAt !== null), 'each report answered with its own row, due times counted');
    assert.equal((await audits('service_request.submit')) - before, 11);
    const ids = ok11.map((r) => r.id);
    const events = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from service_event where action = 'submit' and request_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    assert.equal(events[0]!.n, 11);
    assert.equal((await verifyAuditChain(t.database)).ok, true);

    // Without a refusal, reports of the same moment share transactions (rows of one transaction share their xmin):
    // the first starts a write at once, those arriving meanwhile go together in the next (on PGlite, all eight
    // arrive in one turn and make one).
    const together = await Promise.all(Array.from({ length: 8 }, (_, i) => core.submit({ ...input, description: `一起提交 ${i}` }, 'public', null)));
    const xmins = await t.database.rows<{ n: number }>(sql`select count(distinct xmin::text)::int as n from service_request where id in (${sql.join(together.map((r) => sql`${r.id}`), sql`, `)})`);
    assert.ok(xmins[0]!.n < 8, `fewer transactions than reports: ${xmins[0]!.n} for 8`);
    assert.equal(new Set(together.map((r) => r.trackingCode)).size, 8);
    assert.equal((await verifyAuditChain(t.database)).ok, true);
  });

  test('即将超期 is the board’s rule on the list and the detail too: a quarter of the running limit left, in working time', async () => {
    // Submitted Monday 10:00, accept limit 1 working hour: due 11:00, due soon from 10:45 (15 working minutes left).
    const r = await submit(admin, { description: '期限标记测试' });
    const flags = async () => {
      const detail = await ok(req('GET', `/api/service/requests/${r.id}`, admin));
      const list = await ok(req('GET', `/api/service/requests?limit=200&q=${encodeURIComponent('期限标记测试')}`, admin));
      const board = await ok(req('GET', '/api/service/board?limit=500', admin));
      const onBoard = board.items.find((x: Json) => x.id === r.id);
      return [detail.dueFlag, list.items.find((x: Json) => x.id === r.id)?.dueFlag, onBoard?.flag];
    };
    try {
      t.clock.set(bj('2026-03-02', '10:30')); // 30 minutes left of 60: 4 clock hours would have called this due soon
      assert.deepEqual(await flags(), [null, null, 'on_time']);
      t.clock.set(bj('2026-03-02', '10:50'));
      assert.deepEqual(await flags(), ['due_soon', 'due_soon', 'due_soon']);
      t.clock.set(bj('2026-03-02', '11:05'));
      assert.deepEqual(await flags(), ['overdue', 'overdue', 'overdue']);
    } finally {
      t.clock.set(monday10);
    }
  });

  test('photos of the handling: images by content only, for the owning team', async () => {
    const r = await submit(admin);
    await ok(act(r.id, 'accept', admin));
    const png = multipartFile('file', 'before.png', PNG, 'image/png');
    const up = await ok(t.app.inject({ method: 'POST', url: `/api/service/requests/${r.id}/photos?stage=before`, headers: { cookie: officer, ...png.headers }, payload: png.payload }), 201);
    assert.equal(up.stage, 'before');
    assert.equal(up.mime, 'image/png');
    assert.equal(up.width, 1);
    const fake = multipartFile('file', 'after.jpg', Buffer.from('MZ this is not a photo at all'), 'image/jpeg');
    await refused(t.app.inject({ method: 'POST', url: `/api/service/requests/${r.id}/photos?stage=after`, headers: { cookie: officer, ...fake.headers }, payload: fake.payload }), 415, 'service.photo_not_image');
    const again = multipartFile('file', 'before.png', PNG, 'image/png');
    await refused(t.app.inject({ method: 'POST', url: `/api/service/requests/${r.id}/photos?stage=after`, headers: { cookie: aux, ...again.headers }, payload: again.payload }), 403, 'auth.forbidden');
    const file = await t.app.inject({ method: 'GET', url: `/api/service/requests/${r.id}/photos/${up.id}`, headers: { cookie: aux } });
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, PNG);
    assert.equal((await ok(req('GET', `/api/service/requests/${r.id}`, officer))).photos.length, 1);
  });

  test('an enforcement case opened from a report: a 投诉 lead of the team, linked both ways', async () => {
    const r = await submit(admin, { description: '夜间占道烧烤，油烟扰民' });
    await ok(act(r.id, 'accept', admin));
    const before = await ok(req('GET', `/api/service/requests/${r.id}`, officer));
    assert.equal(before.mayOpenCase, true);
    assert.equal((await ok(req('GET', `/api/service/requests/${r.id}`, aux))).mayOpenCase, false);
    const linked = await ok(req('POST', `/api/service/requests/${r.id}/case`, officer, { version: before.version }));
    assert.ok(linked.caseId);
    assert.equal(linked.linkedCase.id, linked.caseId);
    assert.equal(linked.linkedCase.state, 'lead');
    assert.match(linked.linkedCase.number, /线/);
    assert.equal(linked.mayOpenCase, false);
    const c = await ok(req('GET', `/api/cases/${linked.caseId}`, officer));
    assert.equal(c.source, 'complaint');
    assert.equal(c.sourceRef, r.trackingCode);
    assert.equal(c.lat, point.lat);
    assert.match(c.summary, /夜间占道烧烤/);
    await refused(req('POST', `/api/service/requests/${r.id}/case`, officer, { version: linked.version }), 409, 'service.case_exists');
    assert.equal(linked.timeline.at(-1).action, 'open_case');
    assert.ok((await audits('service_request.open_case')) >= 1);
  });
});
