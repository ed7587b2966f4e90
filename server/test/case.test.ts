import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 执法办案 through the API on a real database. The clock is fixed on Monday 2026-03-02 (Beijing) and moved day by
 * day; the 竹行 team's officers get certificates valid 2020–2030 so that only the certificate tests vary them.
 */
describe('cases: leads, general and simple procedure, officers and certificates, deadlines, the board', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let aux: string;
  let legal: string;
  let other: string;
  let zh: string;
  let o1: string;
  let o2: string;
  let o3: string;
  let lapsed: string;
  let auxPerson: string;
  const day = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 in Beijing
  /** On the spot 09:30–10:00 in Beijing on 2026-03-02, inside the body-camera clip registered in before(). */
  const onSpot = { startedAt: '2026-03-02T01:30:00.000Z', endedAt: '2026-03-02T02:00:00.000Z' };
  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const act = async (id: string, action: string, cookie: string, body: object = {}) => {
    const cur = (await req('GET', `/api/cases/${id}`, cookie)).json();
    return req('POST', `/api/cases/${id}/actions/${action}`, cookie, { version: cur.version, officerIds: [o1, o2], ...body });
  };
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;
  /**
   * The 文书 the document module's step hooks require: the decision numbered and signed by both officers before it is
   * served; before 结案 / 归档 every document the required-document check lists made complete (numbered, signed, served).
   */
  const completeDocuments = async (caseId: string, stage: 'decision' | 'close' | 'archive') => {
    if (stage === 'decision') {
      await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: 'penalty_decision' }), 201);
      for (const personId of [o1, o2]) await ok(req('POST', '/api/documents/signatures', officer, { caseId, docType: 'penalty_decision', role: 'officer', personId }), 201);
      return;
    }
    const d = await ok(req('GET', `/api/documents/cases/${caseId}`, officer));
    for (const m of d.check[stage] as Json[]) {
      const it = d.items.find((i: Json) => i.docType === m.docType && i.ref === '');
      if (it.numbered && !it.number) await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: m.docType }), 201);
      const signed = new Set(it.signatures.filter((s: Json) => s.current && s.role === 'officer').map((s: Json) => s.personId));
      for (const need of it.missingSigners as Json[]) {
        for (let k = 0; k < need.count; k++) {
          const personId = need.role === 'officer' ? d.officers.map((o: Json) => o.personId).find((x: string) => !signed.has(x)) : undefined;
          if (personId) signed.add(personId);
          await ok(req('POST', '/api/documents/signatures', leader, { caseId, docType: m.docType, role: need.role, ...(personId ? { personId } : need.role === 'party' ? {} : { name: `${need.role}${k}` }) }), 201);
        }
      }
      if (it.served && !it.services.some((s: Json) => s.current)) await ok(req('POST', '/api/documents/services', officer, { caseId, docType: m.docType, method: 'direct' }), 201);
    }
  };
  const lead = (cookie: string, extra: object = {}) =>
    ok(req('POST', '/api/cases/leads', cookie, { source: 'patrol', actDate: '2026-03-02', actPlace: '竹行街道人民路 12 号', summary: '店外占道经营', party: { kind: 'individual', name: '张三', idNumber: '320602199001011234' }, ...extra }), 201);

  /** Moves the clock and signs everyone in again (sessions expire when days pass). */
  const at = async (d: string) => {
    t.clock.set(day(d));
    [leader, officer, aux, legal, other] = (await Promise.all(['zhuhang.leader', 'zhuhang.officer1', 'zhuhang.aux1', 'legal', 'chengdong.leader'].map((u) => t.login(u)))) as [string, string, string, string, string];
  };

  before(async () => {
    t = await createTestContext({ now: day('2026-03-02') });
    zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string; kind: string }>(sql`select id, kind from ledger_person where org_unit_id = ${zh} and status = 'active' order by kind, name`);
    const officers = persons.filter((p) => p.kind === 'officer').map((p) => p.id);
    [o1, o2, o3, lapsed] = officers as [string, string, string, string];
    auxPerson = persons.find((p) => p.kind === 'auxiliary')!.id;
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2}, ${o3})`);
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2026-02-28' where id = ${lapsed}`);
    leader = await t.login('zhuhang.leader');
    officer = await t.login('zhuhang.officer1');
    aux = await t.login('zhuhang.aux1');
    legal = await t.login('legal');
    other = await t.login('chengdong.leader');
    // 查封/扣押 needs 全程音像记录 (the evidence module's step hook): a body camera of the team and a clip of o1
    // covering 09:00–11:00 in Beijing on 2026-03-02, the day of the seizures below.
    const admin = await t.login('admin');
    const cam = await req('POST', '/api/tracking/devices', admin, { identifier: 'case-test-cam', protocol: 'osmand', kind: 'body_camera', name: '办案测试执法记录仪', orgUnitId: zh });
    assert.equal(cam.statusCode, 201, cam.body);
    const clip = await req('POST', '/api/evidence/clips', officer, { deviceId: cam.json().id, officerId: o1, startAt: '2026-03-02T01:00:00.000Z', endAt: '2026-03-02T03:00:00.000Z', sha256: 'c'.repeat(64) });
    assert.equal(clip.statusCode, 201, clip.body);
  });
  after(() => t.close());

  test('the whole general procedure: lead → 立案 → … → 听证 → 法制审核 → 决定 → 送达 → 缴款 → 结案 → 归档', async () => {
    const c = await lead(aux, { violation: undefined });
    assert.equal(c.state, 'lead');
    assert.match(c.leadNo, /^竹行城管线〔2026〕\d{4}号$/);
    assert.deepEqual(c.actions, []); // an auxiliary records, never acts
    assert.equal((await act(c.id, 'check', aux, { proposal: 'file', findings: 'x' })).statusCode, 403);
    const leadCheck = (await ok(req('GET', `/api/cases/${c.id}`, leader))).deadlines.find((d: Json) => d.kind === 'lead_check');
    assert.ok(leadCheck && leadCheck.dueOn, 'the check period runs from the lead');

    await ok(act(c.id, 'check', officer, { proposal: 'file', findings: '现场核实属实' }));
    const filed = await ok(act(c.id, 'approve_filing', leader));
    assert.equal(filed.state, 'investigating');
    assert.match(filed.caseNo, /^竹行城管罚〔2026〕\d{4}号$/);
    const decision = filed.deadlines.find((d: Json) => d.kind === 'decision');
    assert.equal(decision.state, 'running');
    assert.equal(decision.startOn, '2026-03-02');
    assert.equal(decision.dueOn, '2026-05-31', '90 days from 立案 (第六十条 / 住建部令第55号), the start day not counted');
    assert.equal(filed.deadlines.find((d: Json) => d.kind === 'lead_check').state, 'met');

    // A step out of order.
    const early = await act(c.id, 'decide', leader, { outcome: 'penalty', penalty: { kinds: ['fine'], fineFen: 100_00 } });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().code, 'case.wrong_state');

    // Seizure: 30 days, extended once with a reason, then released.
    let cur = await ok(act(c.id, 'seize', leader, { seizureKind: 'detain', items: '三轮车一辆', ...onSpot }));
    const seizureId = cur.seizures[0].id;
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'seizure').dueOn, '2026-04-01');
    const noReason = await act(c.id, 'extend_seizure', leader, { seizureId });
    assert.equal(noReason.json().code, 'case.reason_required');
    cur = await ok(act(c.id, 'extend_seizure', leader, { seizureId, reason: '需鉴定' }));
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'seizure').dueOn, '2026-05-01');
    assert.equal((await act(c.id, 'extend_seizure', leader, { seizureId, reason: '再延' })).json().code, 'case.extension_exhausted');
    await ok(act(c.id, 'release_seizure', officer, { seizureId, seizureOutcome: 'released' }));

    await at('2026-03-10');
    // A catalogue item whose penalty carries hearing rights besides the fine (没收 / 责令停产停业, 第六十三条).
    const items = (await ok(req('GET', '/api/violation/items?limit=200', leader))).items as Json[];
    const item = items.find((i) => i.statutory.kinds.includes('fine') && i.statutory.fineBasis === 'amount' && (i.statutory.kinds.includes('confiscation') || i.statutory.kinds.includes('suspension')));
    assert.ok(item, 'a demo item with a fine and 没收 or 责令停产停业');
    const heavy = item.statutory.kinds.includes('confiscation') ? 'confiscation' : 'suspension';
    const band = item.bands.find((b: Json) => b.level === 'general') ?? item.bands[0];
    const penalty = { kinds: ['fine', heavy], fineFen: band.fineMin };
    cur = await ok(act(c.id, 'close_investigation', officer, { report: '事实清楚', penalty, violation: { code: item.code, band: band.level }, complex: true }));
    assert.equal(cur.state, 'investigated');
    assert.deepEqual(cur.reviewTriggers, ['complex']);

    cur = await ok(act(c.id, 'notify', officer));
    assert.equal(cur.hearingRights, true, '没收 / 责令停产停业 carry hearing rights (第六十三条)');
    const window = cur.deadlines.find((d: Json) => d.kind === 'hearing_request');
    assert.equal(window.dueOn, '2026-03-17', 'five working days (第六十四条、第八十五条)');
    assert.equal((await act(c.id, 'decide', leader, { outcome: 'penalty' })).json().code, 'case.hearing_window_open', 'the party may still ask for a hearing');
    cur = await ok(act(c.id, 'request_hearing', officer, {}));
    // The hearing is notified seven working days before (第六十四条第二项).
    const tooSoon = await act(c.id, 'schedule_hearing', officer, { hearingOn: '2026-03-13', chairPersonId: o3 });
    assert.equal(tooSoon.json().code, 'case.hearing_notice_too_short', tooSoon.body);
    assert.equal((await act(c.id, 'schedule_hearing', officer, { hearingOn: '2026-03-25', chairPersonId: o1 })).json().code, 'case.chair_is_investigator');
    await ok(act(c.id, 'schedule_hearing', officer, { hearingOn: '2026-03-25', chairPersonId: o3 }));
    await at('2026-03-25');
    cur = await ok(act(c.id, 'hold_hearing', officer, { minutes: '当事人申辩' }));
    assert.ok(cur.reviewTriggers.includes('hearing_held'));

    // 法制审核 required: the decision is refused until it passed.
    const unreviewed = await act(c.id, 'decide', leader, { outcome: 'penalty' });
    assert.equal(unreviewed.statusCode, 409);
    await ok(act(c.id, 'submit_review', officer));
    assert.equal((await act(c.id, 'legal_review', leader, { approved: true, opinion: 'ok' })).statusCode, 403);
    const reviewed = await ok(act(c.id, 'legal_review', legal, { approved: true, opinion: '事实清楚，适用法律正确', officerIds: undefined }));
    assert.equal(reviewed.state, 'reviewed');
    // An auxiliary never decides.
    assert.equal((await act(c.id, 'decide', aux, { outcome: 'penalty' })).statusCode, 403);
    const heavier = await act(c.id, 'decide', leader, { outcome: 'penalty', penalty: { ...penalty, fineFen: penalty.fineFen + 1 } });
    assert.equal(heavier.json().code, 'case.penalty_exceeds_notice');
    cur = await ok(act(c.id, 'decide', leader, { outcome: 'penalty' }));
    assert.equal(cur.state, 'decided');
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'decision').state, 'met');
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'service').dueOn, '2026-04-03', 'seven working days (第六十一条), 清明 2026-04-04..06 not reached');

    await completeDocuments(c.id, 'decision');
    assert.equal((await act(c.id, 'serve', officer, { method: 'electronic' })).json().code, 'case.electronic_consent_required');
    await at('2026-03-26');
    cur = await ok(act(c.id, 'serve', officer, { method: 'direct' }));
    assert.equal(cur.state, 'executing');
    const pay = cur.deadlines.find((d: Json) => d.kind === 'payment');
    assert.equal(pay.dueOn, '2026-04-10', 'fifteen days (第六十七条)');

    // Paid two days late: 加处罚款 3% a day of the fine (第七十二条).
    await at('2026-04-12');
    const wrong = await act(c.id, 'record_payment', officer, { amountFen: cur.fineFen });
    assert.equal(wrong.json().code, 'case.payment_amount_wrong');
    const owed = wrong.json().details.owedFen;
    assert.equal(owed, cur.fineFen + Math.floor((cur.fineFen * 300 * 2) / 10000));
    cur = await ok(act(c.id, 'record_payment', officer, { amountFen: owed }));
    assert.equal(cur.state, 'executed');
    await completeDocuments(c.id, 'close');
    cur = await ok(act(c.id, 'close', leader));
    await completeDocuments(c.id, 'archive');
    cur = await ok(act(c.id, 'archive', leader));
    assert.equal(cur.state, 'archived');
    assert.deepEqual(cur.actions, []);
    assert.ok(cur.timeline.length >= 18);
    assert.equal(await audits('case.decide'), 1);
    assert.equal(await audits('case.legal_review'), 1);
  });

  test('先行登记保存 (第五十六条, 7 working days), 听证 rights from the 较大数额 default, 公告送达 (民事诉讼法 第九十五条, deemed served after 30 days)', async () => {
    await at('2026-03-02');
    const c = await lead(officer);
    // The 立案 check period is the shipped local default, shown with its marked citation (no more "rule missing").
    const check = c.deadlines.find((d: Json) => d.kind === 'lead_check');
    assert.deepEqual([check.ruleId, check.dueOn, check.ruleMissing], ['local.case_check', '2026-03-11', false]);
    assert.match(check.rule.law, /非法律规定/);
    assert.deepEqual(check.explanation.map((s: Json) => s.kind).slice(0, 2), ['rule', 'start']);
    await ok(act(c.id, 'check', officer, { proposal: 'file', findings: '现场核实属实' }));
    await ok(act(c.id, 'approve_filing', leader));

    // 先行登记保存: approved by the agency head (an officer may not), decided within seven working days.
    assert.equal((await act(c.id, 'register_evidence', officer, { items: '烧烤炉具一套' })).statusCode, 403);
    assert.equal((await act(c.id, 'register_evidence', leader, {})).json().code, 'request.validation');
    let cur = await ok(act(c.id, 'register_evidence', leader, { items: '烧烤炉具一套', place: '人民路 12 号' }));
    const ev = cur.facts.evidence[0];
    const kept = cur.deadlines.find((d: Json) => d.key === `evidence_preservation:${ev.id}`);
    assert.deepEqual([kept.ruleId, kept.dueOn, kept.state, kept.duty], ['xzcf.evidence_preservation', '2026-03-11', 'running', true]);
    assert.equal(kept.rule.article, '第五十六条');
    await at('2026-03-10');
    const bogus = await act(c.id, 'decide_evidence', leader, { evidenceId: c.id, evidenceOutcome: 'released' });
    assert.equal(bogus.json().code, 'case.evidence_not_held');
    cur = await ok(act(c.id, 'decide_evidence', leader, { evidenceId: ev.id, evidenceOutcome: 'released' }));
    assert.deepEqual([cur.facts.evidence[0].decidedOn, cur.facts.evidence[0].outcome], ['2026-03-10', 'released']);
    assert.equal(cur.deadlines.find((d: Json) => d.key === `evidence_preservation:${ev.id}`).state, 'met');
    assert.equal((await act(c.id, 'decide_evidence', leader, { evidenceId: ev.id, evidenceOutcome: 'released' })).json().code, 'case.evidence_not_held', 'decided once');
    assert.equal(await audits('case.register_evidence'), 1);

    // A fine alone, at or over the 较大数额 default for an individual (5,000 元, 待核实): 听证 rights (第六十三条第一项).
    const items = (await ok(req('GET', '/api/violation/items?limit=200', leader))).items as Json[];
    const item = items.find((i) => i.statutory.kinds.includes('fine') && i.statutory.fineBasis === 'amount' && i.bands.some((b: Json) => b.fineMax >= 5_000_00));
    assert.ok(item, 'a demo item whose band reaches 5,000 元');
    const band = item.bands.find((b: Json) => b.fineMax >= 5_000_00);
    const penalty = { kinds: ['fine'], fineFen: Math.max(band.fineMin, 5_000_00) };
    await ok(act(c.id, 'close_investigation', officer, { report: '事实清楚', penalty, violation: { code: item.code, band: band.level } }));
    cur = await ok(act(c.id, 'notify', officer));
    assert.equal(cur.hearingRights, true, 'a large fine gives hearing rights');
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'hearing_request').dueOn, '2026-03-17');
    await ok(act(c.id, 'waive_hearing', officer));
    cur = await ok(act(c.id, 'decide', leader, { outcome: 'penalty' }));
    assert.equal(cur.state, 'decided');
    await completeDocuments(c.id, 'decision');

    // 公告送达: the notice first, with the reason (第九十五条第二款); deemed served thirty days later.
    assert.equal((await act(c.id, 'serve', officer, { method: 'public_notice' })).json().code, 'case.public_notice_not_published');
    assert.equal((await act(c.id, 'serve_by_notice', officer, {})).json().code, 'case.reason_required');
    await at('2026-03-11');
    cur = await ok(act(c.id, 'serve_by_notice', officer, { reason: '当事人下落不明，经直接送达、邮寄送达均未成功' }));
    assert.equal(cur.state, 'decided');
    assert.deepEqual(cur.facts.serviceNotice, { on: '2026-03-11', reason: '当事人下落不明，经直接送达、邮寄送达均未成功', deemedOn: '2026-04-10' });
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'service').state, 'met', 'the notice is the service act of 第六十一条');
    const notice = cur.deadlines.find((d: Json) => d.kind === 'notice_service');
    assert.deepEqual([notice.ruleId, notice.dueOn, notice.duty, notice.rule.article], ['msss.public_notice_service', '2026-04-10', false, '第九十五条第一款']);
    await at('2026-03-20');
    const early = await act(c.id, 'serve', officer, { method: 'public_notice' });
    assert.equal(early.json().code, 'case.notice_period_running', early.body);
    assert.equal(early.json().details.deemedOn, '2026-04-10');
    // Recorded later, the service is dated on the day it was deemed served; the fifteen days to pay count from it
    // (04-10 + 15 = Saturday 04-25 → Monday 04-27).
    await at('2026-04-15');
    cur = await ok(act(c.id, 'serve', officer, { method: 'public_notice' }));
    assert.equal(cur.state, 'executing');
    assert.deepEqual(cur.facts.service, { on: '2026-04-10', method: 'public_notice', consent: false });
    assert.equal(cur.timeline.at(-1).onDate, '2026-04-10');
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'payment').dueOn, '2026-04-27');
    assert.equal(cur.deadlines.find((d: Json) => d.kind === 'notice_service').state, 'met');
    assert.equal(await audits('case.serve_by_notice'), 1);
  });

  test('officers: two, each with a 执法证 valid on the date; a lapsed one and an auxiliary are refused by name', async () => {
    await at('2026-03-02');
    const c = await lead(officer);
    const one = await req('POST', `/api/cases/${c.id}/actions/check`, officer, { version: c.version, officerIds: [o1, o1], proposal: 'file', findings: 'x' });
    assert.equal(one.json().code, 'case.officers_two_required');
    const r = await req('POST', `/api/cases/${c.id}/actions/check`, officer, { version: c.version, officerIds: [o1, lapsed], proposal: 'file', findings: 'x' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'case.certificate_invalid');
    assert.equal(r.json().details.personId, lapsed);
    assert.ok(r.json().details.name);
    assert.match(r.json().message, /2026-02-28/);
    const a = await req('POST', `/api/cases/${c.id}/actions/check`, officer, { version: c.version, officerIds: [o1, auxPerson], proposal: 'file', findings: 'x' });
    assert.equal(a.json().code, 'case.officer_auxiliary');
    // Nothing half-written: still a lead, no event added.
    const after = await ok(req('GET', `/api/cases/${c.id}`, officer));
    assert.equal(after.state, 'lead');
    assert.equal(after.timeline.length, 1);
  });

  test('a second concurrent edit is 409; a date before the act is refused; out of scope is 404', async () => {
    await at('2026-03-02');
    const c = await lead(officer);
    const body = { version: c.version, officerIds: [o1, o2], proposal: 'file', findings: 'x' };
    // Two clerks at once: one wins, the other gets a 409 (stale version, or the state moved on under it).
    const [a, b] = await Promise.all([req('POST', `/api/cases/${c.id}/actions/check`, officer, body), req('POST', `/api/cases/${c.id}/actions/check`, leader, body)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `${a.body} / ${b.body}`);
    await ok(act(c.id, 'approve_filing', leader));
    // A step that keeps the state, sent twice on the same version: the second is the stale one.
    const v = (await ok(req('GET', `/api/cases/${c.id}`, leader))).version;
    const seize = { version: v, officerIds: [o1, o2], seizureKind: 'seal', items: '摊位', ...onSpot };
    await ok(req('POST', `/api/cases/${c.id}/actions/seize`, leader, seize));
    const stale = await req('POST', `/api/cases/${c.id}/actions/seize`, leader, seize);
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    assert.equal((await ok(req('GET', `/api/cases/${c.id}`, leader))).seizures.length, 1, 'nothing of the refused step was written');
    const before = await act(c.id, 'record_statement', leader, { onDate: '2026-03-01', statement: 'x' });
    assert.equal(before.json().code, 'case.date_before_act');
    assert.equal((await req('GET', `/api/cases/${c.id}`, other)).statusCode, 404);
    assert.equal((await req('POST', `/api/cases/${c.id}/actions/withdraw`, other, { version: 1, officerIds: [o1, o2], reason: 'x' })).statusCode, 404);
  });

  test('simple procedure: within 第五十一条 decided on the spot; over the limit refused with the rule quoted', async () => {
    await at('2026-03-02');
    const items = (await ok(req('GET', '/api/violation/items?limit=100', officer))).items as Json[];
    const item = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b: Json) => b.fineMin <= 100_00));
    assert.ok(item, 'a catalogue item with a small fine');
    const band = item.bands.find((b: Json) => b.fineMin <= 100_00);
    const base = { actDate: '2026-03-02', actPlace: '人民路', summary: '乱张贴', party: { kind: 'individual', name: '李四' }, violation: { code: item.code, band: band.level }, officerIds: [o1, o2] };
    const over = await req('POST', '/api/cases/simple', officer, { ...base, penalty: { kinds: ['fine'], fineFen: 201_00 } });
    assert.equal(over.statusCode, 400, over.body);
    assert.equal(over.json().code, 'case.simple_not_allowed');
    assert.equal(over.json().details.rule.article, '第五十一条');
    assert.match(over.json().details.rule.quote, /二百元以下/);
    const fine = Math.max(band.fineMin, 1);
    const c = await ok(req('POST', '/api/cases/simple', officer, { ...base, penalty: { kinds: ['fine'], fineFen: fine } }), 201);
    assert.equal(c.procedure, 'simple');
    assert.equal(c.state, 'executing');
    assert.match(c.caseNo, /^竹行城管简〔2026〕\d{4}号$/);
    assert.equal(c.deadlines.find((d: Json) => d.kind === 'payment').dueOn, '2026-03-17');
    const auxTry = await req('POST', '/api/cases/simple', aux, { ...base, penalty: { kinds: ['fine'], fineFen: fine } });
    assert.equal(auxTry.statusCode, 403);
  });

  test('calendar missing: a working-day period reaching a year without a calendar shows calendar_missing, never a guess', async () => {
    await at('2026-12-22');
    const c = await lead(officer, { actDate: '2026-12-22' });
    await ok(act(c.id, 'check', officer, { proposal: 'file', findings: 'x' }));
    const filed = await ok(act(c.id, 'approve_filing', leader));
    // 90 calendar days need no calendar (no rest-day move for the authority): known.
    assert.equal(filed.deadlines.find((x: Json) => x.kind === 'decision').dueOn, '2027-03-22');
    const items = (await ok(req('GET', '/api/violation/items?limit=200', leader))).items as Json[];
    const item = items.find((i) => i.statutory.kinds.includes('warning'))!;
    await ok(act(c.id, 'close_investigation', officer, { report: 'x', penalty: { kinds: ['warning'], fineFen: 0 }, violation: { code: item.code, band: item.bands[0].level } }));
    await ok(act(c.id, 'notify', officer));
    await at('2026-12-28');
    const decided = await ok(act(c.id, 'decide', leader, { outcome: 'penalty' }));
    const d = decided.deadlines.find((x: Json) => x.kind === 'service');
    assert.equal(d.dueOn, null, 'seven working days (第六十一条) reach 2027, which has no calendar');
    assert.deepEqual(d.calendarMissing, [2027]);
    const board = await ok(req('GET', `/api/cases/deadlines?unitId=${zh}`, leader));
    assert.ok(board.items.some((i: Json) => i.caseId === c.id && i.kind === 'service' && i.status === 'unknown' && i.problem === 'calendar_missing'));
  });

  test('the deadline board: overdue and due soon with the responsible officer, per team / district / city; list filters', async () => {
    await at('2026-03-02');
    const c = await lead(officer);
    await ok(act(c.id, 'check', officer, { proposal: 'file', findings: 'x' }));
    await ok(act(c.id, 'approve_filing', leader));
    // 90 days later the decision is overdue.
    await at('2026-06-02');
    const board = await ok(req('GET', `/api/cases/deadlines?unitId=${zh}`, leader));
    const row = board.items.find((i: Json) => i.caseId === c.id && i.kind === 'decision');
    assert.equal(row.status, 'overdue');
    assert.equal(row.responsible.personId, o1);
    assert.ok(board.counts.overdue >= 1);
    const city = await ok(req('GET', '/api/cases/deadlines', await t.login('admin')));
    assert.ok(city.items.some((i: Json) => i.caseId === c.id));
    assert.equal((await req('GET', `/api/cases/deadlines?unitId=${zh}`, other)).statusCode, 404);
    const overdue = await ok(req('GET', '/api/cases?overdue=true', leader));
    assert.ok(overdue.items.some((i: Json) => i.id === c.id));
    const mine = await ok(req('GET', '/api/cases?mine=true&state=investigating', officer));
    assert.ok(mine.items.every((i: Json) => i.state === 'investigating'));
  });
});
