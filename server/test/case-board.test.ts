import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The 期限预警 board (exact totals in SQL, pages, the recomputation of unknown due days only when the calendar's years
 * change) and the case list's officer filter, through the API on a real database. Clock: Monday 2026-03-02 (Beijing).
 */
describe('cases: the deadline board in pages with exact totals, unknown due days recomputed on a calendar change, the officer filter', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let admin: string;
  let zh: string;
  let o1: string;
  let o2: string;
  let o3: string;
  const day = (d: string) => new Date(`${d}T02:00:00Z`);
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const act = async (id: string, action: string, cookie: string, body: object) => {
    const cur = await ok(req('GET', `/api/cases/${id}`, cookie));
    return ok(req('POST', `/api/cases/${id}/actions/${action}`, cookie, { version: cur.version, ...body }));
  };
  /** A filed case (立案) of 竹行 whose two officers are `officers` (the first is the responsible officer). */
  const filedCase = async (officers: [string, string]) => {
    const c = await ok(req('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: '2026-03-02', actPlace: '竹行街道人民路 8 号', summary: '店外占道经营', party: { kind: 'individual', name: '王五' } }), 201);
    await act(c.id, 'check', officer, { officerIds: officers, proposal: 'file', findings: 'x' });
    return act(c.id, 'approve_filing', leader, { officerIds: officers });
  };
  const board = (query = '') => ok(req('GET', `/api/cases/deadlines?unitId=${zh}${query}`, leader));

  before(async () => {
    t = await createTestContext({ now: day('2026-03-02') });
    zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name`);
    [o1, o2, o3] = persons.map((p) => p.id) as [string, string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2}, ${o3})`);
    leader = await t.login('zhuhang.leader');
    officer = await t.login('zhuhang.officer1');
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('counts are exact totals over every row (not the page), the rows come in pages, truncated says more follow', async () => {
    const before = await board('&limit=1000');
    assert.equal(before.total, before.counts.overdue + before.counts.dueSoon + before.counts.unknown);
    // 2,100 overdue decision periods, 5 due tomorrow and 3 unknown, of cases written in SQL without any event.
    await t.database.rows(sql`
      with s as (select n, gen_random_uuid() as id from generate_series(1, 2108) as n),
      c as (
        insert into enforcement_case (id, org_unit_id, procedure, state, source, lead_no, case_no, year, act_date, act_place, officer_ids, responsible_person_id, facts, filed_on, is_demo, created_at, updated_at, version)
        select id, ${zh}, 'general', 'investigating', 'patrol', 'BOARD线' || n, 'BOARD罚' || n, 2026, '2025-10-01', '测试地点', jsonb_build_array(${o1}::text, ${o2}::text), ${o1}, '{"leadSummary":"测试","statements":[],"review":{"triggers":[]},"major":false,"decisionExtensions":[],"urges":[]}'::jsonb, '2025-10-02', false, now(), now(), 1
        from s returning id
      )
      insert into case_deadline (id, case_id, org_unit_id, key, kind, rule_id, duty, start_on, due_on, stopped_on, problem, running, responsible_person_id, is_demo)
      select gen_random_uuid(), s.id, ${zh}, 'decision', 'decision', 'zjb55.decision_period', true, '2025-10-02',
             case when n <= 2100 then date '2025-12-31' when n <= 2105 then date '2026-03-03' else null end, null,
             case when n > 2105 then 'calendar_missing' end, true, ${o1}, false
      from s`);
    const first = await board('&limit=50');
    assert.deepEqual(first.counts, { overdue: before.counts.overdue + 2100, dueSoon: before.counts.dueSoon + 5, unknown: before.counts.unknown + 3 });
    assert.equal(first.total, before.total + 2108);
    assert.equal(first.items.length, 50);
    assert.equal(first.truncated, true);
    assert.equal(first.items[0].status, 'unknown', 'unknown due days first, then the nearest');
    const second = await board('&limit=50&offset=50');
    assert.deepEqual(second.counts, first.counts, 'the same totals on every page');
    const keys = (b: Json) => b.items.map((i: Json) => `${i.caseId}:${i.kind}:${i.startOn}`);
    assert.equal(new Set([...keys(first), ...keys(second)]).size, 100, 'pages do not overlap');
    const last = await board(`&limit=50&offset=${first.total - 7}`);
    assert.equal(last.items.length, 7);
    assert.equal(last.truncated, false);
    assert.equal(last.items.at(-1).status, 'due_soon', 'the farthest due last');
    assert.ok(last.items.every((i: Json, k: number) => k === 0 || i.dueOn >= last.items[k - 1].dueOn));
    // The whole city too (admin): the same rows counted.
    const city = await ok(req('GET', '/api/cases/deadlines?limit=1', admin));
    assert.ok(city.counts.overdue >= first.counts.overdue);
    assert.equal(city.items.length, 1);
    assert.equal((await req('GET', `/api/cases/deadlines?unitId=${zh}&limit=1001`, leader)).statusCode, 400);
  });

  test('unknown due days are recomputed when the calendar gains a year, not on every board; rows without events are kept', async () => {
    await board('&limit=1');
    const c = await filedCase([o1, o2]);
    const known = c.deadlines.find((d: Json) => d.kind === 'decision');
    assert.ok(known.dueOn);
    // As if stored while a calendar was missing: the board alone (same calendar years) does not recompute it.
    await t.database.rows(sql`update case_deadline set due_on = null, problem = 'calendar_missing' where case_id = ${c.id} and kind = 'decision'`);
    const unknownRow = (b: Json) => b.items.find((i: Json) => i.caseId === c.id && i.kind === 'decision');
    const stale = await board('&limit=1000');
    assert.equal(unknownRow(stale)?.status, 'unknown');
    assert.equal(unknownRow(await board('&limit=1000'))?.status, 'unknown', 'still not recomputed on the next board');
    const eventless = async () => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_deadline d join enforcement_case c on c.id = d.case_id where c.lead_no like 'BOARD线%' and d.due_on is null and d.problem = 'calendar_missing'`))[0]!.n;
    assert.equal(await eventless(), 3);

    // The bureau enters next year's notice: the calendar's years change, the next board fills the due day in again.
    const notice = { title: '国务院办公厅关于2027年部分节假日安排的通知（测试）', issuedOn: '2026-02-10', source: 'https://example.test/2027', holidays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: [] };
    await ok(req('PUT', '/api/legal/calendars/2027', await t.login('bureau'), notice));
    const after = await board('&limit=1000');
    const row = after.items.find((i: Json) => i.caseId === c.id && i.kind === 'decision');
    // 90 days from 立案: not due within the horizon, so off the board, and stored with its due day again.
    assert.equal(row, undefined);
    const stored = await t.database.rows<{ due_on: string | null; problem: string | null }>(sql`select due_on::text, problem from case_deadline where case_id = ${c.id} and kind = 'decision'`);
    assert.deepEqual(stored, [{ due_on: known.dueOn, problem: null }]);
    assert.equal(await eventless(), 3, 'deadline rows of a case without events are not deleted by the recomputation');
    // This case's row and any other (demo) row that needed 2027 are known now.
    assert.ok(after.counts.unknown <= stale.counts.unknown - 1);
  });

  test('the case list by officer: a ledger person or a user, responsible or second officer; an unknown id finds none', async () => {
    const a = await filedCase([o1, o2]);
    const b = await filedCase([o3, o1]);
    const ids = async (query: string) => ((await ok(req('GET', `/api/cases?limit=200&state=investigating&q=${encodeURIComponent('人民路 8 号')}&${query}`, leader))).items as Json[]).map((i) => i.id as string);
    const byO2 = await ids(`officerId=${o2}`);
    assert.ok(byO2.includes(a.id), 'second officer');
    assert.ok(!byO2.includes(b.id));
    const byO3 = await ids(`officerId=${o3}`);
    assert.ok(byO3.includes(b.id), 'responsible officer');
    assert.ok(!byO3.includes(a.id));
    // Every case listed has the officer on it.
    const rows = await t.database.rows<{ id: string; ok: boolean }>(sql`select id, (responsible_person_id = ${o3} or officer_ids @> ${JSON.stringify([o3])}::jsonb) as ok from enforcement_case where id in ${byO3.length ? sql`(${sql.join(byO3.map((x) => sql`${x}`), sql`, `)})` : sql`(null)`}`);
    assert.ok(rows.length === byO3.length && rows.every((r) => r.ok));
    // A user: their ledger person.
    const [u] = await t.database.rows<{ userId: string; personId: string }>(sql`select u.id as "userId", p.id as "personId" from app_user u join ledger_person p on p.user_id = u.id where u.username = 'zhuhang.officer1'`);
    const byUser = await ids(`officerId=${u!.userId}`);
    const byPerson = await ids(`officerId=${u!.personId}`);
    assert.deepEqual(byUser.sort(), byPerson.sort());
    assert.equal((await ok(req('GET', '/api/cases?officerId=00000000-0000-4000-8000-000000000000', leader))).total, 0);
    assert.equal((await req('GET', '/api/cases?officerId=nope', leader)).statusCode, 400);
  });
});
