import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, UNITS, type TestContext } from './helpers';

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
});
