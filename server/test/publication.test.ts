import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 公示 (行政处罚法 第四十八条) through the API on a real database (PGlite, or PostgreSQL with GUIFAN_TEST_DB=pg): the
 * decision hook creates the 待公示 record, publishing fixes the redacted text, the public API (no login) shows it
 * without any personal data, withdrawal needs a reason and is late after three working days.
 */
describe('publication (公示)', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let admin: string;
  let other: string;
  let o1: string;
  let o2: string;
  let item: Json;
  let band: Json;
  const ID = '320602199001011234';
  const PHONE = '13812345678';
  const ADDRESS = '南通市崇川区青年中路88号3幢201室';
  const day = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 in Beijing
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string | null, payload?: object, remoteAddress?: string) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}), ...(remoteAddress ? { remoteAddress } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const act = async (id: string, action: string, cookie: string, body: object = {}) => {
    const cur = (await req('GET', `/api/cases/${id}`, cookie)).json();
    return ok(req('POST', `/api/cases/${id}/actions/${action}`, cookie, { version: cur.version, officerIds: [o1, o2], ...body }));
  };
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;
  const at = async (d: string) => {
    t.clock.set(day(d));
    [leader, officer, admin, other] = (await Promise.all(['zhuhang.leader', 'zhuhang.officer1', 'admin', 'chengdong.leader'].map((u) => t.login(u)))) as [string, string, string, string];
  };
  const findRecord = async (caseId: string): Promise<Json | undefined> => ((await ok(req('GET', '/api/publications?limit=200', leader))).items as Json[]).find((x) => x.caseId === caseId);
  const recordOf = async (caseId: string): Promise<Json> => {
    const r = await findRecord(caseId);
    assert.ok(r, `a publication record for case ${caseId}`);
    return r;
  };

  /** A general-procedure case of 竹行 decided on `on` with a fine of 6 000 yuan (over the 5 000 default) on 张三. */
  async function decidedCase(on: string, name = '张三'): Promise<string> {
    const party = { kind: 'individual', name, idNumber: ID, phone: PHONE, address: ADDRESS };
    const c = await ok(req('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: on, actPlace: '青年中路', summary: `${name}占道经营`, party }), 201);
    await act(c.id, 'check', officer, { proposal: 'file', findings: '现场核实属实' });
    await act(c.id, 'approve_filing', leader);
    const report = `当事人${name}（身份证号${ID}，电话${PHONE}）在${ADDRESS}门前占道经营，经责令改正拒不改正。`;
    await act(c.id, 'close_investigation', officer, { report, penalty: { kinds: ['fine'], fineFen: 6_000_00 }, violation: { code: item.code, band: band.level } });
    await act(c.id, 'notify', officer);
    await act(c.id, 'waive_hearing', officer);
    const d = await act(c.id, 'decide', leader, { outcome: 'penalty' });
    assert.equal(d.state, 'decided');
    return c.id;
  }

  before(async () => {
    t = await createTestContext({ now: day('2026-03-02') });
    const zh = await t.unitId(UNITS.zhuhang);
    const officers = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name limit 2`);
    [o1, o2] = officers.map((p) => p.id) as [string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2})`);
    await at('2026-03-02');
    const items = (await ok(req('GET', '/api/violation/items?limit=200', officer))).items as Json[];
    item = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b: Json) => b.fineMin <= 6_000_00 && b.fineMax >= 6_000_00)) as Json;
    assert.ok(item, 'a catalogue item whose band allows a fine of 6 000 yuan');
    band = item.bands.find((b: Json) => b.fineMin <= 6_000_00 && b.fineMax >= 6_000_00);
  });
  after(() => t.close());

  test('criteria: local defaults with the law quoted; only a legal administrator changes them', async () => {
    const c = await ok(req('GET', '/api/publications/criteria', leader));
    assert.equal(c.isDefault, true);
    assert.equal(c.localDefaultLabel, '本地默认值，待本局确认');
    assert.deepEqual(c.criteria, { fineAtLeastFen: { individual: 5_000_00, organization: 50_000_00 }, kinds: ['confiscation', 'suspension', 'closure'], publishWithinWorkingDays: 7 });
    assert.equal(c.publication.article, '第四十八条');
    assert.equal(c.publication.quote, '具有一定社会影响的行政处罚决定应当依法公开。');
    assert.match(c.withdrawal.quote, /三日内撤回行政处罚决定信息并公开说明理由/);
    assert.deepEqual(c.actions, []);
    assert.equal((await req('PUT', '/api/publications/criteria', leader, c.criteria)).statusCode, 403);
  });

  test('the decision hook creates a 待公示 record with its due day (7 working days); a small penalty creates none', async () => {
    const before = await audits('publication.create');
    const caseId = await decidedCase('2026-03-02');
    const r = await recordOf(caseId);
    assert.ok(r, 'a record for the decided case');
    assert.equal(r.status, 'pending');
    assert.deepEqual(r.reasons, [{ kind: 'fine_threshold', thresholdFen: 5_000_00 }]);
    assert.equal(r.decidedOn, '2026-03-02');
    assert.equal(r.dueOn, '2026-03-11', 'seven working days, the decision day not counted');
    assert.equal(r.overdue, false);
    assert.match(r.decisionNo, /^竹行城管罚〔2026〕\d{4}号$/);
    assert.equal(r.content, null, 'nothing published yet');
    assert.deepEqual(r.actions, ['publish', 'withdraw']);
    assert.equal((await audits('publication.create')) - before, 1);
    // Not public before it is published.
    assert.equal((await req('GET', `/api/public/decisions/${r.id}`, null)).statusCode, 404);
    // Another district's leader does not even see it.
    assert.equal((await req('GET', `/api/publications/${r.id}`, other)).statusCode, 404);
    // An on-the-spot warning has no 社会影响 under the defaults: no record.
    const simple = await ok(req('POST', '/api/cases/simple', officer, { actDate: '2026-03-02', actPlace: '人民路', summary: '乱张贴', party: { kind: 'individual', name: '李四' }, violation: { code: item.code, band: item.bands[0].level }, penalty: { kinds: ['warning'], fineFen: 0 }, officerIds: [o1, o2] }), 201);
    assert.equal(simple.state, 'executed');
    assert.equal(await findRecord(simple.id), undefined);
  });

  test('the bureau’s criteria: an on-the-spot fine over a lowered threshold is published too (simple_decide hook)', async () => {
    const cur = await ok(req('GET', '/api/publications/criteria', admin));
    assert.deepEqual(cur.actions, ['edit']);
    const bad = await req('PUT', '/api/publications/criteria', admin, { ...cur.criteria, publishWithinWorkingDays: 0 });
    assert.equal(bad.statusCode, 400, bad.body);
    const saved = await ok(req('PUT', '/api/publications/criteria', admin, { ...cur.criteria, fineAtLeastFen: { individual: 100_00, organization: 1_000_00 }, publishWithinWorkingDays: 5 }));
    assert.equal(saved.isDefault, false);
    assert.equal(await audits('publication.criteria.update'), 1);
    const small = item.bands.find((b: Json) => b.fineMin <= 200_00) ?? null;
    const items = (await ok(req('GET', '/api/violation/items?limit=200', officer))).items as Json[];
    const it = small ? item : items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b: Json) => b.fineMin <= 200_00 && b.fineMax >= 100_00));
    assert.ok(it, 'a catalogue item with a fine of 100–200 yuan');
    const b = it.bands.find((x: Json) => x.fineMin <= 200_00 && x.fineMax >= 100_00);
    const fine = Math.max(b.fineMin, 100_00);
    const c = await ok(req('POST', '/api/cases/simple', officer, { actDate: '2026-03-02', actPlace: '人民路', summary: '王五乱张贴', party: { kind: 'individual', name: '王五' }, violation: { code: it.code, band: b.level }, penalty: { kinds: ['fine'], fineFen: fine }, officerIds: [o1, o2] }), 201);
    const r = await recordOf(c.id);
    assert.ok(r, 'the on-the-spot decision got its record');
    assert.equal(r.dueOn, '2026-03-09', 'five working days now');
    assert.equal(r.decisionNo, c.caseNo);
    // Back to the defaults for the other tests.
    await ok(req('PUT', '/api/publications/criteria', admin, cur.criteria));
  });

  test('publish: the public API (no login) shows the redacted text and no ID number, phone or name anywhere', async () => {
    const caseId = await decidedCase('2026-03-02', '欧阳娜娜');
    const r = await recordOf(caseId);
    assert.equal((await req('POST', `/api/publications/${r.id}/publish`, officer, { version: r.version })).statusCode, 403, 'publishing needs case.approve');
    const stale = await req('POST', `/api/publications/${r.id}/publish`, leader, { version: r.version + 1 });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().code, 'conflict.stale_version');
    // The 行政处罚决定书 numbered after the decision (document module): its 文号 is what gets published.
    const num = await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: 'penalty_decision' }), 201);
    const published = await audits('publication.publish'); // the demo seed published some too
    const p = await ok(req('POST', `/api/publications/${r.id}/publish`, leader, { version: r.version }));
    assert.equal(p.status, 'published');
    assert.equal(p.decisionNo, num.number);
    assert.equal(p.content.decisionNo, num.number);
    assert.equal(p.publishedOn, '2026-03-02');
    assert.equal(p.publishedLate, false);
    assert.equal(p.content.party.name, '欧阳某');
    assert.equal(p.content.party.address, '南通市崇川区青年中路');
    assert.equal(p.content.facts, '当事人欧阳某（身份证号32**************34，电话138****5678）在南通市崇川区青年中路门前占道经营，经责令改正拒不改正。');
    assert.equal((await audits('publication.publish')) - published, 1);
    const again = await req('POST', `/api/publications/${r.id}/publish`, leader, { version: p.version });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'publication.wrong_state');

    const list = await req('GET', '/api/public/decisions', null);
    assert.equal(list.statusCode, 200, list.body);
    const item0 = (list.json().items as Json[]).find((x) => x.id === r.id);
    assert.ok(item0, 'listed on the public page');
    assert.equal(item0.status, 'published');
    assert.equal(item0.decisionNo, num.number);
    assert.equal(item0.unitName, '竹行街道综合执法队');
    assert.deepEqual(item0.decision.penalty, { kinds: ['fine'], fineFen: 6_000_00 });
    assert.equal(item0.decision.violation, item.name);
    assert.ok(list.json().teams.some((x: Json) => x.id === r.orgUnitId));
    const detail = await req('GET', `/api/public/decisions/${r.id}`, null);
    assert.equal(detail.statusCode, 200, detail.body);
    for (const body of [list.body, detail.body]) {
      for (const secret of [ID, PHONE, '欧阳娜娜', '88号', caseId, o1, o2]) assert.ok(!body.includes(secret), `the public JSON holds ${secret}`);
      assert.ok(!/"caseId"|"personId"|"officer/.test(body), 'no internal ids of cases or persons');
    }
    // Search in the published (redacted) text; a search for the real name finds nothing.
    assert.ok(((await ok(req('GET', `/api/public/decisions?q=${encodeURIComponent('欧阳某')}`, null))).items as Json[]).some((x) => x.id === r.id));
    assert.equal((await ok(req('GET', `/api/public/decisions?q=${encodeURIComponent('欧阳娜娜')}`, null))).total, 0);
    assert.ok(((await ok(req('GET', `/api/public/decisions?team=${r.orgUnitId}&page=1`, null))).items as Json[]).some((x) => x.id === r.id));
  });

  test('overdue and late: a record past its due day is flagged, and publishing it then is recorded late', async () => {
    await at('2026-03-02');
    const caseId = await decidedCase('2026-03-02');
    await at('2026-03-20');
    const overdue = (await ok(req('GET', '/api/publications?overdue=true', leader))).items as Json[];
    const r = overdue.find((x) => x.caseId === caseId) as Json;
    assert.ok(r, 'listed as overdue');
    assert.equal(r.overdue, true);
    const early = await req('POST', `/api/publications/${r.id}/publish`, leader, { version: r.version, onDate: '2026-03-01' });
    assert.equal(early.statusCode, 400, 'not before the decision');
    const p = await ok(req('POST', `/api/publications/${r.id}/publish`, leader, { version: r.version }));
    assert.equal(p.publishedLate, true);
    assert.equal(p.overdue, false);
  });

  test('withdraw: a reason is required; within three working days on time; the public page shows 已撤回 with the reason only', async () => {
    await at('2026-03-02');
    const caseId = await decidedCase('2026-03-02');
    const r0 = await recordOf(caseId);
    const p = await ok(req('POST', `/api/publications/${r0.id}/publish`, leader, { version: r0.version }));
    await at('2026-03-05');
    const withdrawals = await audits('publication.withdraw'); // the demo seed withdrew one too
    const blank = await req('POST', `/api/publications/${p.id}/withdraw`, leader, { version: p.version, reason: '   ', changeKind: 'revoked' });
    assert.equal(blank.statusCode, 400, blank.body);
    assert.equal(blank.json().code, 'publication.reason_required');
    const future = await req('POST', `/api/publications/${p.id}/withdraw`, leader, { version: p.version, reason: '复议撤销', changeKind: 'revoked', changedOn: '2026-03-06' });
    assert.equal(future.statusCode, 400, future.body);
    assert.equal(future.json().code, 'publication.changed_date_invalid');
    const w = await ok(req('POST', `/api/publications/${p.id}/withdraw`, leader, { version: p.version, reason: '经行政复议，原处罚决定被撤销', changeKind: 'revoked', changedOn: '2026-03-04' }));
    assert.equal(w.status, 'withdrawn');
    assert.equal(w.withdrawDueOn, '2026-03-09', 'three working days (第八十五条) from 03-04: 05, 06, 09');
    assert.equal(w.withdrawnOn, '2026-03-05');
    assert.equal(w.withdrawnLate, false);
    assert.deepEqual(w.actions, []);
    assert.equal((await audits('publication.withdraw')) - withdrawals, 1);
    const twice = await req('POST', `/api/publications/${p.id}/withdraw`, leader, { version: w.version, reason: 'x', changeKind: 'revoked' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'publication.wrong_state');
    const pub = await ok(req('GET', `/api/public/decisions/${p.id}`, null));
    assert.equal(pub.status, 'withdrawn');
    assert.equal(pub.decision, null, 'the decision text is no longer shown');
    assert.deepEqual(pub.withdrawal, { on: '2026-03-05', reason: '经行政复议，原处罚决定被撤销', changeKind: 'revoked' });
    assert.equal(pub.decisionNo, p.decisionNo);
    // Words of the withdrawn text are no longer found; its number is.
    assert.ok(!((await ok(req('GET', `/api/public/decisions?q=${encodeURIComponent('占道经营')}`, null))).items as Json[]).some((x) => x.id === p.id));
    assert.ok(((await ok(req('GET', `/api/public/decisions?q=${encodeURIComponent(p.decisionNo)}`, null))).items as Json[]).some((x) => x.id === p.id));
  });

  test('a withdrawal later than three working days is recorded as late', async () => {
    await at('2026-03-02');
    const caseId = await decidedCase('2026-03-02');
    const r0 = await recordOf(caseId);
    const p = await ok(req('POST', `/api/publications/${r0.id}/publish`, leader, { version: r0.version }));
    await at('2026-03-12');
    const w = await ok(req('POST', `/api/publications/${p.id}/withdraw`, leader, { version: p.version, reason: '法院判决确认违法', changeKind: 'illegal', changedOn: '2026-03-03' }));
    assert.equal(w.withdrawDueOn, '2026-03-06');
    assert.equal(w.withdrawnLate, true);
    const [row] = await t.database.rows<{ after: Json }>(sql`select after from audit_record where action = 'publication.withdraw' order by seq desc limit 1`);
    assert.equal(row!.after.late, true, 'the audit chain records the lateness');
  });

  test('marked by the decider: a decision the criteria miss is published by hand; one record per decision', async () => {
    await at('2026-03-02');
    const caseId = await decidedCase('2026-03-02');
    const exists = await req('POST', '/api/publications', leader, { caseId });
    assert.equal(exists.statusCode, 409, exists.body);
    assert.equal(exists.json().code, 'publication.exists');
    const lead = await ok(req('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: '2026-03-02', actPlace: '青年中路', summary: '占道经营' }), 201);
    const undecided = await req('POST', '/api/publications', leader, { caseId: lead.id });
    assert.equal(undecided.statusCode, 409, undecided.body);
    assert.equal(undecided.json().code, 'publication.not_decided');
  });

  test('the public API is rate-limited per client address', async () => {
    const addr = '10.77.0.1';
    let last = 0;
    for (let i = 0; i < 121; i++) last = (await req('GET', '/api/public/decisions/00000000-0000-4000-8000-000000000000', null, undefined, addr)).statusCode;
    assert.equal(last, 429);
    assert.equal((await req('GET', '/api/public/decisions', null, undefined, '10.77.0.2')).statusCode, 200, 'another address is not affected');
  });
});
