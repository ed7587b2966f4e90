import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { cnDay, createTeamMetrics, metricsPeriod } from '../src/modules/tracking';
import { createComputedItemEvaluator } from '../src/modules/ledger';

// Computed standard items (Nantong profile 5.5.1: one computer per officer) evaluated on the team's ledgers.
describe('computed items: ledgers → rule → assessment', () => {
  let t: TestContext;
  let leader: string;
  let zhuhangAssessment: string;
  const get = (url: string, cookie = leader) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (method: 'POST' | 'PATCH', url: string, payload: object, cookie = leader) => t.app.inject({ method, url, headers: { cookie }, payload });
  const computerItem = async () => (await get(`/api/assessment/assessments/${zhuhangAssessment}`)).json().items.find((i: { code: string }) => i.code === '5.5.1');

  before(async () => {
    t = await createTestContext();
    leader = await t.login('zhuhang.leader');
    const campaigns = (await get('/api/assessment/campaigns')).json().items;
    const current = campaigns.find((c: { name: string }) => c.name.includes('复评'));
    zhuhangAssessment = (await get(`/api/assessment/campaigns/${current.id}`)).json().assessments[0].id;
  });
  after(() => t.close());

  test("the team's requirements: every computed item with value, explanation and the records behind it", async () => {
    const team = await t.unitId(UNITS.zhuhang);
    const r = (await get(`/api/ledger/requirements?orgUnitId=${team}`)).json();
    assert.match(r.standardName, /南通/);
    const pc = r.items.find((i: { code: string }) => i.code === '5.5.1');
    assert.equal(pc.result, 'compliant');
    assert.match(pc.explanation, /computer/);
    assert.ok(pc.terms.some((x: { matched?: number }) => (x.matched ?? 0) > 0));
    assert.ok(r.items.length >= 15);
    assert.equal((await get(`/api/ledger/requirements?orgUnitId=${await t.unitId(UNITS.chengdong)}`)).statusCode, 404);
  });

  test('an open assessment shows the computed value; a ledger change recomputes it', async () => {
    const before = await computerItem();
    assert.equal(before.method, 'computed');
    assert.equal(before.computed.result, 'compliant');
    assert.equal(before.result, 'compliant');
    const pctBefore = (await get(`/api/assessment/assessments/${zhuhangAssessment}`)).json().assessment.pct;
    // Two computers go to repair: fewer working computers than officers.
    const computers = (await get(`/api/ledger/assets?type=computer&status=in_use&orgUnitId=${await t.unitId(UNITS.zhuhang)}`)).json().items;
    for (const c of computers.slice(0, 2)) {
      const r = await send('PATCH', `/api/ledger/assets/${c.id}`, { version: c.version, status: 'in_repair' });
      assert.equal(r.statusCode, 200, r.body);
    }
    const after = await computerItem();
    assert.equal(after.computed.result, 'non_compliant');
    assert.equal(after.result, 'non_compliant');
    assert.match(after.computed.explanation, /不符合|✗|</);
    assert.ok((await get(`/api/assessment/assessments/${zhuhangAssessment}`)).json().assessment.pct < pctBefore);
  });

  test('overriding a computed result needs a reason and is audited', async () => {
    const item = await computerItem();
    const url = `/api/assessment/assessments/${zhuhangAssessment}/items/5.5.1`;
    const refused = await send('PATCH', url, { version: item.version, result: 'compliant' });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().details.issues[0].field, 'overrideReason');
    const ok = await send('PATCH', url, { version: item.version, result: 'compliant', overrideReason: '两台电脑送修，已借用备用机' });
    assert.equal(ok.statusCode, 200, ok.body);
    const admin = await t.login('admin');
    const audit = (await get('/api/audit/records?limit=5&entityType=assessment_item', admin)).json().items;
    assert.equal(audit[0].action, 'assessment.item.override');
    // An override survives recomputation.
    assert.equal((await send('POST', `/api/assessment/assessments/${zhuhangAssessment}/recompute`, {})).statusCode, 200);
    assert.equal((await computerItem()).result, 'compliant');
  });

  test('巡查覆盖率: the value 保障概览 and the assessment read is the coverage 巡查统计 shows (tracking metrics injected)', async () => {
    const team = await t.unitId(UNITS.zhuhang);
    // The demo's tracks are yesterday's: the only day with reports in the 30-day period, so the period's mean is that day.
    const yesterday = cnDay(new Date(t.clock.now().getTime() - 86_400_000));
    assert.equal(metricsPeriod(cnDay(t.clock.now())).lastDay, yesterday);
    const stats = (await get(`/api/tracking/stats?orgUnitId=${team}&date=${yesterday}`)).json();
    assert.ok(stats.team.gridsTotal > 0 && stats.team.coverageRatio > 0, JSON.stringify(stats.team));
    const r = (await get(`/api/ledger/requirements?orgUnitId=${team}`)).json();
    const item = r.items.find((i: { rule: string }) => i.rule.includes('metric(patrol_coverage_rate)'));
    assert.ok(item, 'the profile has the 巡查覆盖率 item');
    assert.deepEqual(item.missing, [], 'no longer "no data"');
    const term = item.terms.find((x: { text: string }) => x.text === 'metric(patrol_coverage_rate)');
    assert.equal(term.value, stats.team.coverageRatio);
    assert.equal(item.result, stats.team.coverageRatio >= 0.9 ? 'compliant' : 'non_compliant');
    // The open assessment's computed item reads the same value.
    assert.equal((await send('POST', `/api/assessment/assessments/${zhuhangAssessment}/recompute`, {})).statusCode, 200);
    const a = (await get(`/api/assessment/assessments/${zhuhangAssessment}`)).json().items.find((i: { code: string }) => i.code === item.code);
    assert.equal(a.computed.result, item.result);
    assert.deepEqual(a.computed.missing ?? [], []);
  });

  test('duty compliance and devices online on duty: rates over the shifts of the period, usable in rules', async () => {
    const team = await t.unitId(UNITS.zhuhang);
    const metrics = createTeamMetrics({ database: t.database, clock: t.clock });
    const m = await metrics.teamMetrics(team);
    for (const name of ['patrol_coverage_rate', 'duty_compliance_rate', 'device_online_rate'] as const) {
      const v = m[name];
      assert.ok(v !== null && v > 0 && v <= 1, `${name} = ${v}`);
    }
    // The demo officer who leaves the area yesterday afternoon: less in the area than on line.
    assert.ok(m.duty_compliance_rate! < m.device_online_rate!);
    const evaluator = createComputedItemEvaluator(t.database, t.clock, [metrics]);
    const out = await evaluator.evaluate(team, [
      { code: 'a', rule: 'metric(duty_compliance_rate) > 0 and metric(device_online_rate) > 0' },
      { code: 'b', rule: 'metric(case_on_time_rate) >= 0.95' },
    ]);
    assert.equal(out.get('a')!.value, true);
    assert.deepEqual(out.get('b')!.missing, ['case_on_time_rate'], 'a metric nobody computes stays "no data"');
    // A team without tracking data has no data, not 0 %.
    const [quiet] = await t.database.rows<{ id: string }>(
      sql`select u.id from org_unit u where u.kind = 'team'
          and not exists (select 1 from tracking_position p join tracking_device d on d.id = p.device_id join org_unit x on x.id = d.org_unit_id where x.path like u.path || '%')
          and not exists (select 1 from tracking_shift s join org_unit x on x.id = s.org_unit_id where x.path like u.path || '%') limit 1`,
    );
    assert.deepEqual(await metrics.teamMetrics(quiet!.id), { patrol_coverage_rate: null, duty_compliance_rate: null, device_online_rate: null });
  });
});
