import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The demo year of 便民服务 reports in the test template (seeded with the wall clock, as on a first start): every
 * team, every source, points inside the team's grids, most closed on time and rated, some late / overdue /
 * suspended / rejected / merged / turned into cases; and the standard's computed items that read service data
 * (metric(complaint_response_rate), metric(satisfaction_rate)) evaluated for a demo team.
 */
describe('demo service reports and the computed items from service data', () => {
  let t: TestContext;
  let admin: string;
  const get = async (url: string) => {
    const r = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
    assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    return r.json() as Json;
  };

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('a year of labelled demo reports across the 21 teams, from every source, in every fate', async () => {
    const [r] = await t.database.rows<Json>(sql`
      select count(distinct org_unit_id)::int as teams, count(*)::int as n,
             count(*) filter (where not is_demo or description not like '（演示）%')::int as unlabelled,
             count(distinct source)::int as sources,
             count(*) filter (where state = 'closed' and satisfaction is not null)::int as rated,
             count(*) filter (where state = 'suspended')::int as suspended,
             count(*) filter (where state = 'rejected')::int as rejected,
             count(*) filter (where state = 'merged' and duplicate_of_id is not null)::int as merged,
             count(*) filter (where case_id is not null)::int as cases,
             count(*) filter (where state in ('submitted', 'dispatched', 'handling', 'handled'))::int as open,
             count(*) filter (where state in ('dispatched', 'handling') and handle_due_at < now())::int as overdue,
             count(*) filter (where handled_at > handle_due_at)::int as late,
             count(*) filter (where source = 'hotline' and external_ref is null)::int as hotline_without_ref,
             min(submitted_at) as first, max(submitted_at) as last
      from service_request where is_demo`);
    assert.equal(r!.teams, 21);
    assert.equal(r!.unlabelled, 0, 'every demo report is isDemo and says 演示');
    assert.equal(r!.sources, 4, 'public, hotline, Open311 and staff');
    assert.equal(r!.hotline_without_ref, 0, 'hotline orders carry their 工单编号');
    for (const k of ['rated', 'suspended', 'rejected', 'merged', 'cases', 'open', 'overdue', 'late']) assert.ok(r![k] > 0, `some ${k}: ${r![k]}`);
    assert.ok(r!.rated > r!.n / 2, `most closed and rated: ${r!.rated} of ${r!.n}`);
    assert.ok(Date.now() - new Date(r!.first).getTime() <= 366 * 86_400_000 && new Date(r!.last).getTime() <= Date.now(), 'within the year up to now');
  });

  test('points lie in the grid they are routed to, inside the team; duplicates are near and soon after their target; cases are demo cases of the team', async () => {
    const [x] = await t.database.rows<Json>(sql`
      select count(*) filter (where g.id is null or not (g.path like u.path || '%'))::int as foreign_grid,
             count(*) filter (where r.lon < (select min((p->>0)::float) from jsonb_array_elements(g.geometry->'coordinates'->0) p)
                              or r.lon > (select max((p->>0)::float) from jsonb_array_elements(g.geometry->'coordinates'->0) p)
                              or r.lat < (select min((p->>1)::float) from jsonb_array_elements(g.geometry->'coordinates'->0) p)
                              or r.lat > (select max((p->>1)::float) from jsonb_array_elements(g.geometry->'coordinates'->0) p))::int as outside
      from service_request r join org_unit u on u.id = r.org_unit_id left join org_unit g on g.id = r.grid_id
      where r.is_demo and r.state <> 'merged'`);
    assert.deepEqual(x, { foreign_grid: 0, outside: 0 });
    const [d] = await t.database.rows<Json>(sql`
      select count(*)::int as n,
             count(*) filter (where d.category_id <> o.category_id or d.submitted_at < o.submitted_at or d.submitted_at > o.submitted_at + interval '72 hours'
                              or abs(d.lat - o.lat) > 0.00045 or abs(d.lon - o.lon) > 0.00055)::int as bad
      from service_request d join service_request o on o.id = d.duplicate_of_id where d.is_demo`);
    assert.ok(d!.n > 0 && d!.bad === 0, `${d!.bad} of ${d!.n} duplicates are not near and soon after`);
    const [c] = await t.database.rows<Json>(sql`
      select count(*)::int as n, count(*) filter (where not c.is_demo or c.org_unit_id <> r.org_unit_id)::int as bad, count(distinct c.id)::int as distinct_cases
      from service_request r join enforcement_case c on c.id = r.case_id where r.is_demo`);
    assert.ok(c!.n > 0 && c!.bad === 0 && c!.distinct_cases === c!.n);
  });

  test('a demo report reads like a real one: its detail and timeline through the staff API', async () => {
    for (const state of ['closed', 'merged', 'suspended']) {
      const [row] = await t.database.rows<{ id: string }>(sql`select id from service_request where is_demo and state = ${state} order by submitted_at desc limit 1`);
      const d = await get(`/api/service/requests/${row!.id}`);
      assert.equal(d.state, state);
      assert.equal(d.timeline[0].action, 'submit');
      assert.equal(d.timeline.at(-1).toState, state, `${state}: the timeline ends in the state`);
      const times = d.timeline.map((e: Json) => e.at);
      assert.deepEqual(times, [...times].sort(), 'in time order');
      if (state === 'merged') assert.equal(d.timeline.at(-1).payload.duplicateOfId, d.duplicateOfId);
    }
  });

  test('response on time and satisfaction per team and period; most demo reports were on time', async () => {
    const zh = await t.unitId(UNITS.zhuhang);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
    const m = await get(`/api/service/measures?orgUnitId=${zh}&from=${yearAgo}&to=${today}`);
    assert.ok(m.onTime + m.late > 10 && m.rated > 10, JSON.stringify(m));
    assert.equal(m.responseOnTimeRate, m.onTime / (m.onTime + m.late));
    assert.equal(m.satisfactionRate, (m.satisfied + m.basicallySatisfied) / m.rated);
    assert.ok(m.responseOnTimeRate > 0.7 && m.responseOnTimeRate < 1, `mostly on time, some late: ${m.responseOnTimeRate}`);
    const root = await get(`/api/service/measures?from=${yearAgo}&to=${today}`);
    assert.ok(root.onTime > m.onTime, 'the bureau counts every team');
    const none = await get(`/api/service/measures?orgUnitId=${zh}&from=2020-01-01&to=2020-12-31`);
    assert.deepEqual([none.responseOnTimeRate, none.satisfactionRate], [null, null], 'no data is unknown, not 0');
  });

  test('the computed standard items reading metric(complaint_response_rate) and metric(satisfaction_rate) have values for a demo team', async () => {
    const req = await get(`/api/ledger/requirements?orgUnitId=${await t.unitId(UNITS.zhuhang)}`);
    for (const metric of ['complaint_response_rate', 'satisfaction_rate']) {
      const items = req.items.filter((i: Json) => new RegExp(`metric\\(${metric}\\)`).test(i.rule));
      assert.ok(items.length >= 1, `the current standard has an item on ${metric}`);
      for (const i of items) {
        assert.notEqual(i.value, null, `${i.code}: ${i.explanation}`);
        assert.deepEqual(i.missing, []);
      }
    }
  });
});
