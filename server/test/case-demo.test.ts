import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { CASE_STATES } from '../src/modules/case';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The demo cases of the test template (seeded with the wall clock, as on a first start): a year of cases in every
 * state, overdue ones on the board, data the case service itself accepts, and the computed standard item that
 * reads case data (`metric(case_on_time_rate)`) evaluated for a demo team. The clock is the wall clock, like the
 * template's seed.
 */
describe('demo cases: every state, the board, the service accepts them, computed items from case data', () => {
  let t: TestContext;
  let admin: string;
  const get = async (url: string, cookie = admin) => {
    const r = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    return r.json() as Json;
  };

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('a year of demo cases across the 21 teams, in every state, labelled demo', async () => {
    for (const state of CASE_STATES) {
      const list = await get(`/api/cases?state=${state}&limit=5`);
      assert.ok(list.total >= 1, `no demo case is ${state}`);
      assert.ok(list.items.every((c: Json) => c.isDemo && c.state === state));
    }
    const [r] = await t.database.rows<{ teams: number; cases: number; simple: number; seized: number; extended: number; late_fee: number; first: string; last: string; parties: number }>(sql`
      select count(distinct c.org_unit_id)::int as teams, count(*)::int as cases,
             count(*) filter (where c.procedure = 'simple')::int as simple,
             (select count(*)::int from case_seizure s where s.outcome = 'released') as seized,
             (select count(*)::int from case_seizure s where s.extended_on is not null) as extended,
             count(*) filter (where (c.facts->'payment'->>'lateFeeFen')::int > 0)::int as late_fee,
             min(c.act_date)::text as first, max(c.act_date)::text as last,
             (select count(*)::int from case_party p where p.name like '%（演示）') as parties
      from enforcement_case c where c.is_demo`);
    assert.equal(r!.teams, 21);
    assert.ok(r!.cases >= 21 * 20 && r!.cases <= 21 * 60, `modest volume: ${r!.cases}`);
    assert.ok(r!.simple > 0 && r!.seized > 0 && r!.extended > 0 && r!.late_fee > 0);
    assert.equal(r!.parties, r!.cases, 'every party is labelled 演示');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 366 * 86_400_000).toISOString().slice(0, 10);
    assert.ok(r!.first >= yearAgo && r!.last <= today, `${r!.first} … ${r!.last} within the year up to ${today}`);
    // 不予处罚, 撤案 and 不予立案 carry their reasons; hearings were held; the court was applied to.
    const [x] = await t.database.rows<{ no_penalty: number; heard: number; court: number; reasons: number }>(sql`
      select count(*) filter (where facts->'decision'->>'outcome' = 'no_penalty' and facts->'decision'->>'reason' <> '')::int as no_penalty,
             count(*) filter (where facts->'hearing'->>'heldOn' is not null)::int as heard,
             count(*) filter (where facts->'court'->>'appliedOn' is not null)::int as court,
             count(*) filter (where state in ('not_filed', 'withdrawn') and coalesce(facts->>'endReason', '') = '')::int as reasons
      from enforcement_case where is_demo`);
    assert.ok(x!.no_penalty > 0 && x!.heard > 0 && x!.court > 0);
    assert.equal(x!.reasons, 0, 'every 不予立案 / 撤案 has its reason');
    const audits = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = 'demo.seed.cases'`);
    assert.equal(audits[0]!.n, 1);
  });

  test('the city board shows overdue demo deadlines with the responsible officer', async () => {
    const board = await get('/api/cases/deadlines');
    assert.ok(board.counts.overdue >= 1, JSON.stringify(board.counts));
    const overdue = board.items.filter((i: Json) => i.status === 'overdue');
    assert.ok(overdue.every((i: Json) => i.isDemo && i.dueOn < board.today));
    // A lead not yet checked has no responsible officer (the check names them); the later steps do.
    assert.ok(overdue.some((i: Json) => i.kind !== 'lead_check' && i.responsible?.name));
    const listed = await get('/api/cases?overdue=true&limit=1');
    assert.ok(listed.total >= 1);
  });

  test('stored deadlines are what the case domain computes, and the service takes a demo case further', async () => {
    // A decided case waiting for 送达: served through the API by its own officers.
    const decided = await get('/api/cases?state=decided&limit=50');
    const c = decided.items.find((i: Json) => i.fineFen > 0) ?? decided.items[0];
    const d = await get(`/api/cases/${c.id}`);
    const stored = await t.database.rows<{ key: string; due_on: string | null; running: boolean }>(sql`select key, due_on::text, running from case_deadline where case_id = ${c.id} order by key`);
    assert.deepEqual(
      stored.map((s) => [s.key, s.due_on, s.running]),
      [...d.deadlines].sort((a: Json, b: Json) => a.key.localeCompare(b.key)).map((x: Json) => [x.key, x.dueOn, x.stoppedOn === null]),
    );
    assert.equal(d.timeline.at(-1).action, 'decide');
    const leader = await t.login(`${(await t.database.rows<{ username: string }>(sql`select username from app_user where org_unit_id = ${c.orgUnitId} and role = 'team_leader'`))[0]!.username}`);
    // The decision must be numbered and signed by both officers before it is served (the document module's step
    // hook): the demo's documents (demo-documents.ts) did both on the decision day.
    assert.equal((await get(`/api/documents/cases/${c.id}`)).items.find((x: Json) => x.docType === 'penalty_decision').status, 'to_serve');
    const r = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/actions/serve`, headers: { cookie: leader }, payload: { version: d.version, officerIds: d.officers.map((o: Json) => o.personId), method: 'direct' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().state, c.fineFen > 0 ? 'executing' : 'executed');
  });

  test('a computed standard item reading metric(case_on_time_rate) has a value for a demo team', async () => {
    const zh = await t.unitId(UNITS.zhuhang);
    const req = await get(`/api/ledger/requirements?orgUnitId=${zh}`);
    const items = req.items.filter((i: Json) => /metric\(case_on_time_rate\)/.test(i.rule));
    assert.ok(items.length >= 1, 'the current standard has an item on case_on_time_rate');
    for (const i of items) {
      assert.notEqual(i.value, null, `${i.code}: ${i.explanation}`);
      assert.deepEqual(i.missing, []);
    }
  });
});
