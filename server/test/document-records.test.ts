import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { pdfPageTexts } from '../src/modules/document/render/pdf-text';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Inject = Promise<{ statusCode: number; body: string; json(): Json }>;

/**
 * Signatures and 送达 records of a case's 文书, serving the decision through the case's serve step, and the
 * required-document check on 结案 / 归档, through the API on a real database.
 */
describe('document records: signatures, service, the required-document check', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let aux: string;
  let zh: string;
  let o1: string;
  let o2: string;
  let o3: string;
  const day = (d: string) => new Date(`${d}T02:00:00Z`);
  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object): Inject => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Inject, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const refused = async (res: Inject, status: number, code: string) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    assert.equal(r.json().code, code, r.body);
    return r.json();
  };
  const act = async (id: string, action: string, cookie: string, body: object = {}) => {
    const cur = (await req('GET', `/api/cases/${id}`, cookie)).json();
    return req('POST', `/api/cases/${id}/actions/${action}`, cookie, { version: cur.version, officerIds: [o1, o2], ...body });
  };
  const docs = (id: string, cookie = officer) => ok(req('GET', `/api/documents/cases/${id}`, cookie));
  const item = async (id: string, docType: string) => (await docs(id)).items.find((i: Json) => i.docType === docType && i.ref === '');
  const sign = (body: object, cookie = officer) => req('POST', '/api/documents/signatures', cookie, body);
  const serve = (body: object, cookie = officer) => req('POST', '/api/documents/services', cookie, body);
  const count = async (table: string, caseId: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where case_id = ${caseId}`))[0]!.n;
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;

  /** Makes every document the check still lists complete: number, sign each missing line, serve. */
  async function complete(caseId: string, stage: 'close' | 'archive') {
    const d = await docs(caseId);
    for (const m of d.check[stage] as Json[]) {
      const it = d.items.find((i: Json) => i.docType === m.docType && i.ref === '');
      if (it.numbered && !it.number) await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: m.docType }), 201);
      const signedOfficers = new Set(it.signatures.filter((s: Json) => s.current && s.role === 'officer').map((s: Json) => s.personId));
      for (const need of it.missingSigners as Json[]) {
        for (let k = 0; k < need.count; k++) {
          if (need.role === 'officer') {
            const p = d.officers.find((o: Json) => !signedOfficers.has(o.personId));
            signedOfficers.add(p.personId);
            await ok(sign({ caseId, docType: m.docType, role: 'officer', personId: p.personId }), 201);
          } else await ok(sign({ caseId, docType: m.docType, role: need.role, ...(need.role === 'party' ? {} : { name: `${need.role}-${k}` }) }, need.role === 'party' ? officer : leader), 201);
        }
      }
      if (it.served && !it.services.some((s: Json) => s.current)) await ok(serve({ caseId, docType: m.docType, method: 'direct' }), 201);
    }
    assert.deepEqual((await docs(caseId)).check[stage], []);
  }

  let caseId: string;

  before(async () => {
    t = await createTestContext({ now: day('2026-03-02') });
    zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name`);
    [o1, o2, o3] = persons.map((p) => p.id) as [string, string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2}, ${o3})`);
    leader = await t.login('zhuhang.leader');
    officer = await t.login('zhuhang.officer1');
    aux = await t.login('zhuhang.aux1');

    // A general case decided with a fine (no hearing: waived if the fine carries the right).
    const c = await ok(req('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: '2026-03-02', actPlace: '竹行街道人民路 8 号', summary: '店外占道经营（文书测试）', party: { kind: 'individual', name: '李四', idNumber: '320602199001011234' } }), 201);
    caseId = c.id;
    await ok(act(caseId, 'check', officer, { proposal: 'file', findings: '属实' }));
    await ok(act(caseId, 'approve_filing', leader));
    const items = (await ok(req('GET', '/api/violation/items?limit=200', leader))).items as Json[];
    const v = items.find((i) => i.statutory.kinds.includes('fine') && i.statutory.fineBasis === 'amount')!;
    const band = v.bands.find((b: Json) => b.level === 'general') ?? v.bands[0];
    await ok(act(caseId, 'close_investigation', officer, { report: '事实清楚', penalty: { kinds: ['fine'], fineFen: Math.max(band.fineMin, 100) }, violation: { code: v.code, band: band.level } }));
    const notified = await ok(act(caseId, 'notify', officer));
    if (notified.hearingRights) await ok(act(caseId, 'waive_hearing', officer));
    const decided = await ok(act(caseId, 'decide', leader, { outcome: 'penalty' }));
    assert.equal(decided.state, 'decided');
  });
  after(() => t.close());

  test('the documents of a case: required ones with their article, status and what 结案 would miss', async () => {
    const d = await docs(caseId, aux);
    assert.equal(d.caseState, 'decided');
    assert.deepEqual(d.officers.map((o: Json) => o.personId).sort(), [o1, o2].sort());
    const dec = d.items.find((i: Json) => i.docType === 'penalty_decision');
    assert.equal(dec.requiredFor, 'close');
    assert.equal(dec.citation.article, '第五十九条');
    assert.equal(dec.status, 'missing');
    assert.deepEqual(dec.signers, [{ role: 'officer', count: 2 }]);
    const closing = d.check.close.map((m: Json) => m.docType);
    for (const code of ['filing_approval', 'inspection_record', 'investigation_report', 'penalty_notice', 'penalty_decision', 'closing_report']) assert.ok(closing.includes(code), code);
    assert.ok(d.check.archive.some((m: Json) => m.docType === 'file_index' && m.citation.source === 'local_practice'));
    // A type not required and not reached is not listed; one reachable any time is, as possible ("none").
    assert.ok(!d.items.some((i: Json) => i.docType === 'hearing_record'));
    assert.equal(d.items.find((i: Json) => i.docType === 'rectification_order').status, 'none');
    await refused(req('GET', `/api/documents/cases/${caseId}`, await t.login('chengdong.leader')), 404, 'case.not_found');
  });

  test('signing: the 文号 first, officers of the case only, once each; a refusal needs a note and a witness', async () => {
    await refused(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o1 }), 409, 'document.number_required');
    await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: 'penalty_decision' }), 201);
    await refused(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o3 }), 400, 'document.signer_not_officer');
    await refused(sign({ caseId, docType: 'penalty_decision', role: 'party' }), 400, 'document.role_not_on_document');
    await refused(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o1 }, aux), 403, 'auth.forbidden');
    const s = await ok(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o1, signedOn: '2026-03-02' }), 201);
    assert.equal(s.current, true);
    await refused(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o1 }), 409, 'document.already_signed');
    await refused(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o2, signedOn: '2026-03-03' }), 400, 'request.validation');

    // 笔录: the party refuses, seen by a witness whose ID is shown masked.
    await refused(sign({ caseId, docType: 'inspection_record', role: 'party', refused: true, note: '拒绝签字' }), 400, 'document.refusal_needs_witness');
    const r = await ok(sign({ caseId, docType: 'inspection_record', role: 'party', refused: true, note: '当事人拒绝签字', witnessName: '王五', witnessIdNumber: '320602198001015678' }), 201);
    assert.equal(r.name, '李四', "the case's party by default");
    assert.equal(r.refused, true);
    assert.notEqual(r.witnessIdNumberMasked, '320602198001015678');
    assert.match(r.witnessIdNumberMasked, /\*/);
    const rec = await item(caseId, 'inspection_record');
    assert.equal(rec.status, 'to_sign');
    assert.deepEqual(rec.missingSigners, [{ role: 'officer', count: 2 }]);
    assert.equal(await audits('document.sign_refused'), 1);
    // The same officer twice at once: the case row is locked while one is written, the other is refused.
    const both = await Promise.all([sign({ caseId, docType: 'investigation_report', role: 'officer', personId: o1 }), sign({ caseId, docType: 'investigation_report', role: 'officer', personId: o1 })]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409], both.map((r) => r.body).join('\n'));
    assert.equal((await item(caseId, 'investigation_report')).signatures.length, 1);
    // The renderer prints what was recorded: the refusal with its note on the party's line.
    const pdf = await t.app.inject({ method: 'GET', url: `/api/documents/render?caseId=${caseId}&docType=inspection_record&format=pdf`, headers: { cookie: officer } });
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.ok(pdfPageTexts(pdf.rawPayload).join('').includes('拒绝签名（当事人拒绝签字）'));
  });

  test('serving: refused while unsigned (the signers named), on the case page too; a refusal by the case leaves nothing', async () => {
    const unsigned = await refused(serve({ caseId, docType: 'penalty_decision', method: 'direct' }), 409, 'document.unsigned');
    assert.deepEqual(unsigned.details.signers, [{ role: 'officer', count: 1 }]);
    // The case's own serve step refuses the same way, and the refusal is in the audit chain.
    const before = await audits('case.step.refuse');
    const step = await refused(act(caseId, 'serve', officer, { method: 'direct' }), 409, 'document.decision_unsigned');
    assert.equal(step.details.problem, 'unsigned');
    assert.equal((await audits('case.step.refuse')) - before, 1);
    await ok(sign({ caseId, docType: 'penalty_decision', role: 'officer', personId: o2 }), 201);
    await refused(serve({ caseId, docType: 'penalty_decision', method: 'left_at_premises' }), 400, 'document.witness_required');
    await refused(serve({ caseId, docType: 'penalty_decision', method: 'electronic' }), 400, 'document.consent_required');
    await refused(serve({ caseId, docType: 'inspection_record', method: 'direct' }), 400, 'document.not_served_type');
    // A stale version: the case refuses the step, and no service row is left behind.
    await refused(serve({ caseId, docType: 'penalty_decision', method: 'direct', version: 1 }), 409, 'conflict.stale_version');
    assert.equal(await count('document_service', caseId), 0);
    assert.equal((await ok(req('GET', `/api/cases/${caseId}`, officer))).state, 'decided');

    t.clock.set(day('2026-03-03'));
    [officer, leader] = [await t.login('zhuhang.officer1'), await t.login('zhuhang.leader')];
    const s = await ok(serve({ caseId, docType: 'penalty_decision', method: 'direct', recipient: '李四本人', note: '宣告后当场交付' }), 201);
    assert.equal(s.servedOn, '2026-03-03');
    assert.deepEqual([s.recipient, s.note, s.method], ['李四本人', '宣告后当场交付', 'direct'], 'the tab\'s words, written by the serve step\'s hook');
    assert.ok(s.caseEventId, 'the serve step of the case');
    const c = await ok(req('GET', `/api/cases/${caseId}`, officer));
    assert.equal(c.state, 'executing');
    assert.equal(c.timeline.at(-1).action, 'serve');
    assert.equal(c.deadlines.find((d: Json) => d.kind === 'payment').startOn, '2026-03-03', 'the payment period runs from the service');
    assert.equal((await item(caseId, 'penalty_decision')).status, 'served');
    await refused(serve({ caseId, docType: 'penalty_decision', method: 'direct' }), 409, 'document.already_served');
    // Append-only for every writer.
    const refusedBy = (e: unknown) => /append-only/.test(String((e as { cause?: unknown }).cause ?? e));
    await assert.rejects(t.database.rows(sql`update document_service set recipient = 'x' where case_id = ${caseId}`), refusedBy);
    await assert.rejects(t.database.rows(sql`delete from document_signature where case_id = ${caseId}`), refusedBy);
  });

  test('a voided 文号 takes its signatures with it', async () => {
    const n = await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: 'filing_approval' }), 201);
    await ok(sign({ caseId, docType: 'filing_approval', role: 'leader' }, leader), 201);
    assert.equal((await item(caseId, 'filing_approval')).status, 'complete');
    await ok(req('POST', `/api/documents/numbers/${n.id}/void`, officer, { reason: '日期填写错误' }));
    const it = await item(caseId, 'filing_approval');
    assert.equal(it.status, 'to_number');
    assert.equal(it.voidNumbers.length, 1);
    assert.equal(it.signatures[0].current, false);
  });

  test('结案 and 归档 refused while required documents are missing (listed with their article); complete, they pass', async () => {
    const c = await ok(req('GET', `/api/cases/${caseId}`, officer));
    await ok(act(caseId, 'record_payment', officer, { amountFen: c.fineFen }));
    const before = await audits('case.step.refuse');
    const r = await refused(act(caseId, 'close', leader), 409, 'document.required_missing');
    const missing = r.details.missing as Json[];
    assert.deepEqual(missing.find((m) => m.docType === 'filing_approval')?.problem, 'not_numbered');
    assert.deepEqual(missing.find((m) => m.docType === 'inspection_record')?.problem, 'unsigned');
    assert.equal(missing.find((m) => m.docType === 'penalty_notice')?.citation.article, '第四十四条');
    assert.equal(missing.find((m) => m.docType === 'closing_report')?.problem, 'missing');
    assert.ok(!missing.some((m) => m.docType === 'penalty_decision'), 'the decision is complete');
    assert.equal((await audits('case.step.refuse')) - before, 1);
    assert.equal((await ok(req('GET', `/api/cases/${caseId}`, officer))).state, 'executed');
    await complete(caseId, 'close');
    assert.equal((await ok(act(caseId, 'close', leader))).state, 'closed');
    const a = await refused(act(caseId, 'archive', leader), 409, 'document.required_missing');
    assert.deepEqual((a.details.missing as Json[]).map((m) => m.docType), ['file_index', 'file_note']);
    await complete(caseId, 'archive');
    assert.equal((await ok(act(caseId, 'archive', leader))).state, 'archived');
    await refused(sign({ caseId, docType: 'file_note', role: 'officer', personId: o1 }), 409, 'document.case_closed');
  });

  test('the on-the-spot decision: numbered, signed by both officers and handed over before the case closes', async () => {
    const items = (await ok(req('GET', '/api/violation/items?limit=200', leader))).items as Json[];
    const v = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b: Json) => b.fineMin <= 100_00))!;
    const band = v.bands.find((b: Json) => b.fineMin <= 100_00);
    const s = await ok(req('POST', '/api/cases/simple', officer, { actDate: '2026-03-03', actPlace: '竹行街道人民路 9 号', summary: '乱张贴（文书测试）', party: { kind: 'individual', name: '赵六' }, violation: { code: v.code, band: band.level }, penalty: { kinds: ['fine'], fineFen: Math.max(band.fineMin, 1) }, paidOnSpot: true, officerIds: [o1, o2] }), 201);
    assert.equal(s.state, 'executed');
    const r = await refused(act(s.id, 'close', leader), 409, 'document.required_missing');
    assert.deepEqual((r.details.missing as Json[]).map((m) => [m.docType, m.problem, m.citation.article]), [['simple_penalty_decision', 'missing', '第五十二条']]);
    await complete(s.id, 'close');
    const served = (await item(s.id, 'simple_penalty_decision')).services[0];
    assert.equal(served.caseEventId, null, 'a plain service record: the case was served on the spot');
    assert.equal((await ok(act(s.id, 'close', leader))).state, 'closed');
  });
});
