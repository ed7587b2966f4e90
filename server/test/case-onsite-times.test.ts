import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The time on the spot of a case step (`startedAt`/`endedAt`): body-cam clips and trajectories are matched to it
 * (issue 12), so it must be a real interval on the step's date, and it is kept with the step.
 */
describe('cases: the time officers were on the spot', () => {
  let t: TestContext;
  let officer: string;
  let o1: string;
  let o2: string;
  const day = (d: string) => new Date(`${d}T02:00:00Z`);
  before(async () => {
    t = await createTestContext({ now: day('2026-03-02') });
    const zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name limit 2`);
    [o1, o2] = persons.map((p) => p.id) as [string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2})`);
    officer = await t.login('zhuhang.officer1');
  });
  after(() => t.close());

  const lead = async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/cases/leads', headers: { cookie: officer }, payload: { source: 'patrol', actDate: '2026-03-02', actPlace: '竹行街道人民路 12 号', summary: '店外占道经营', party: { kind: 'individual', name: '张三' } } });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as Json;
  };
  const check = (c: Json, extra: object) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/actions/check`, headers: { cookie: officer }, payload: { version: c.version, officerIds: [o1, o2], proposal: 'file', findings: '现场核实属实', onDate: '2026-03-02', ...extra } });

  test('a bad interval is refused naming the field, and nothing is written', async () => {
    const c = await lead();
    const cases: [object, string][] = [
      [{ startedAt: '2026-03-02T01:00:00Z' }, 'endedAt'],
      [{ endedAt: '2026-03-02T01:00:00Z' }, 'startedAt'],
      [{ startedAt: '2026-03-02T02:00:00Z', endedAt: '2026-03-02T01:00:00Z' }, 'endedAt'],
      // 2026-03-04 in Beijing: not the step's date.
      [{ startedAt: '2026-03-04T01:00:00Z', endedAt: '2026-03-04T02:00:00Z' }, 'startedAt'],
    ];
    for (const [times, field] of cases) {
      const r = await check(c, times);
      assert.equal(r.statusCode, 400, `${JSON.stringify(times)}: ${r.body}`);
      assert.ok(r.json().details.issues.some((i: Json) => i.field === field), r.body);
    }
    const after = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: officer } })).json();
    assert.equal(after.state, 'lead');
    assert.equal(after.version, c.version);
  });

  test('a good interval is kept with the step (it may start the evening before, in Beijing time)', async () => {
    const c = await lead();
    const r = await check(c, { startedAt: '2026-03-01T15:50:00Z', endedAt: '2026-03-01T16:30:00Z' });
    assert.equal(r.statusCode, 200, r.body);
    const [e] = await t.database.rows<{ payload: Json }>(sql`select payload from case_event where case_id = ${c.id} and action = 'check'`);
    assert.equal(e!.payload.startedAt, '2026-03-01T15:50:00.000Z');
    assert.equal(e!.payload.endedAt, '2026-03-01T16:30:00.000Z');
  });

  test('an on-the-spot decision (当场处罚) keeps its time on the spot too, and refuses a bad one', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/violation/items?limit=100', headers: { cookie: officer } })).json().items as Json[];
    const item = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b: Json) => b.fineMin <= 100_00))!;
    const band = item.bands.find((b: Json) => b.fineMin <= 100_00);
    const body = { actDate: '2026-03-02', actPlace: '人民路', summary: '乱张贴', party: { kind: 'individual', name: '李四' }, violation: { code: item.code, band: band.level }, officerIds: [o1, o2], penalty: { kinds: ['fine'], fineFen: Math.max(band.fineMin, 50_00) } };
    const bad = await t.app.inject({ method: 'POST', url: '/api/cases/simple', headers: { cookie: officer }, payload: { ...body, startedAt: '2026-03-02T02:00:00Z' } });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.ok(bad.json().details.issues.some((i: Json) => i.field === 'endedAt'));
    const r = await t.app.inject({ method: 'POST', url: '/api/cases/simple', headers: { cookie: officer }, payload: { ...body, startedAt: '2026-03-02T01:40:00Z', endedAt: '2026-03-02T02:05:00Z' } });
    assert.equal(r.statusCode, 201, r.body);
    const [e] = await t.database.rows<{ payload: Json }>(sql`select payload from case_event where case_id = ${r.json().id} and action = 'simple_decide'`);
    assert.equal(e!.payload.startedAt, '2026-03-02T01:40:00.000Z');
  });
});
