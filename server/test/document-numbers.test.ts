import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { withoutDemoDocuments } from './demo-documents.fixture';
import { sequenceGaps } from '../src/modules/document';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 文号 through the API on a real database (PGlite, or PostgreSQL with GUIFAN_TEST_DB=pg): issued per team, type and
 * year, gapless under concurrent requests, one per document, voided numbers kept and never reused.
 */
describe('document numbers (文号)', () => {
  let t: TestContext;
  let officer: string;
  let aux: string;
  let other: string;
  let caseId: string;
  let closedCaseId: string;
  let undecidedCaseId: string;
  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;
  const allocate = (body: object, cookie = officer) => req('POST', '/api/documents/numbers', cookie, body);

  before(async () => {
    t = await createTestContext({ now: new Date('2026-03-02T02:00:00Z') });
    const zh = await t.unitId(UNITS.zhuhang);
    // This file numbers 竹行 from empty series: the demo's 竹行 文书 are taken out of this clone first.
    await withoutDemoDocuments(t, zh);
    // A demo case of 竹行 whose timeline has 事先告知 and 决定 (so its notice and decision can be numbered), one without
    // 决定 (its decision cannot), and one that takes no documents (withdrawn here: the state alone matters).
    const reached = (steps: string) => sql`(select count(distinct e.action) from case_event e where e.case_id = c.id and e.action in (${sql.raw(steps)}))`;
    const decided = await t.database.rows<{ id: string }>(sql`select id from enforcement_case c where org_unit_id = ${zh} and state not in ('not_filed', 'withdrawn', 'archived') and ${reached(`'decide', 'notify'`)} = 2 order by id limit 1`);
    const undecided = await t.database.rows<{ id: string }>(sql`select id from enforcement_case c where org_unit_id = ${zh} and state not in ('not_filed', 'withdrawn', 'archived') and ${reached(`'decide', 'simple_decide'`)} = 0 order by id limit 2`);
    assert.equal(decided.length, 1, 'the demo seed has a decided case in 竹行');
    assert.equal(undecided.length, 2, 'the demo seed has undecided open cases in 竹行');
    caseId = decided[0]!.id;
    undecidedCaseId = undecided[0]!.id;
    closedCaseId = undecided[1]!.id;
    await t.database.rows(sql`update enforcement_case set state = 'withdrawn' where id = ${closedCaseId}`);
    officer = await t.login('zhuhang.officer1');
    aux = await t.login('zhuhang.aux1');
    other = await t.login('chengdong.leader');
  });
  after(() => t.close());

  test('the types: numbered ones carry their word', async () => {
    const types = (await ok(req('GET', '/api/documents/types', aux))).items as Json[];
    assert.equal(types.find((x) => x.code === 'penalty_decision')?.word, '罚决字');
    assert.equal(types.find((x) => x.code === 'inquiry_record')?.word, null);
    assert.deepEqual(types.find((x) => x.code === 'penalty_decision')?.steps, ['decide']);
    assert.ok(types.length >= 21);
  });

  test('50 concurrent allocations (and 5 repeats of one document): no duplicates, no gaps', async () => {
    const before = await audits('document.number.issue');
    const bodies = [...Array.from({ length: 50 }, (_, i) => ({ caseId, docType: 'rectification_order', ref: `r${i}` })), ...Array.from({ length: 5 }, () => ({ caseId, docType: 'rectification_order', ref: 'r0' }))];
    const res = await Promise.all(bodies.map((b) => allocate(b)));
    const created = res.filter((r) => r.statusCode === 201).map((r) => r.json() as Json);
    const refused = res.filter((r) => r.statusCode !== 201);
    assert.equal(created.length, 50, res.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => r.body).join('\n'));
    assert.equal(refused.length, 5);
    for (const r of refused) assert.equal(r.json().code, 'document.already_numbered', r.body);
    const seqs = created.map((c) => c.seq as number);
    assert.equal(new Set(seqs).size, 50, 'no duplicate sequence');
    assert.deepEqual(sequenceGaps(seqs, 50), [], 'no gap: refused requests gave their number back');
    assert.equal(Math.max(...seqs), 50);
    assert.equal(new Set(created.map((c) => c.number)).size, 50, 'no duplicate 文号');
    assert.ok(created.some((c) => c.number === '竹行城管责改字〔2026〕第0001号'), created.map((c) => c.number).sort()[0]);
    assert.ok(created.every((c) => /^竹行城管责改字〔2026〕第\d{4}号$/.test(c.number) && c.status === 'issued'));
    assert.equal(new Set(created.map((c) => c.ref)).size, 50);
    // The stored counter agrees, and every issue is in the audit chain.
    const [counter] = await t.database.rows<{ last: number }>(sql`select last from document_counter where doc_type = 'rectification_order'`);
    assert.equal(counter!.last, 50);
    assert.equal((await audits('document.number.issue')) - before, 50);
    const list = (await ok(req('GET', `/api/documents/numbers?caseId=${caseId}`, aux))).items as Json[];
    assert.equal(list.filter((x) => x.docType === 'rectification_order').length, 50);
  });

  test('a second number for the same document is refused; each type has its own series', async () => {
    const first = await ok(allocate({ caseId, docType: 'penalty_decision' }), 201);
    assert.equal(first.number, '竹行城管罚决字〔2026〕第0001号');
    assert.equal(first.docTypeName, '行政处罚决定书');
    const again = await allocate({ caseId, docType: 'penalty_decision' });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'document.already_numbered');
    assert.equal(again.json().details.number, first.number);
    // The refusal took no number: the next document of the type gets 0002.
    assert.equal((await ok(allocate({ caseId, docType: 'penalty_decision', ref: 'b' }), 201)).seq, 2);
  });

  test('作废: the number stays with its reason, the document gets a new one, the old one is never reused', async () => {
    const n1 = await ok(allocate({ caseId, docType: 'penalty_notice' }), 201);
    const blank = await req('POST', `/api/documents/numbers/${n1.id}/void`, officer, { reason: '   ' });
    assert.equal(blank.statusCode, 400, blank.body);
    assert.equal(blank.json().code, 'document.void_reason_required');
    const v = await ok(req('POST', `/api/documents/numbers/${n1.id}/void`, officer, { reason: '当事人名称填写错误' }));
    assert.equal(v.status, 'void');
    assert.equal(v.voidReason, '当事人名称填写错误');
    const twice = await req('POST', `/api/documents/numbers/${n1.id}/void`, officer, { reason: '再次作废' });
    assert.equal(twice.statusCode, 409, twice.body);
    assert.equal(twice.json().code, 'document.number_void');
    const n2 = await ok(allocate({ caseId, docType: 'penalty_notice' }), 201);
    assert.equal(n2.seq, n1.seq + 1);
    assert.notEqual(n2.number, n1.number);
    const list = ((await ok(req('GET', `/api/documents/numbers?caseId=${caseId}`, officer))).items as Json[]).filter((x) => x.docType === 'penalty_notice');
    assert.deepEqual(list.map((x) => [x.seq, x.status, x.voidReason]), [[n1.seq, 'void', '当事人名称填写错误'], [n2.seq, 'issued', null]]);
    assert.equal(await audits('document.number.void'), 1);
    // The database keeps the rule for every writer: no delete, no change but voiding.
    const refusedBy = (pattern: RegExp) => (e: unknown) => pattern.test(String((e as { cause?: unknown }).cause ?? e));
    await assert.rejects(t.database.rows(sql`delete from document_number where id = ${n1.id}`), refusedBy(/cannot be deleted/));
    await assert.rejects(t.database.rows(sql`update document_number set number = 'X' where id = ${n2.id}`), refusedBy(/only be voided/));
    await assert.rejects(t.database.rows(sql`update document_number set status = 'issued', void_reason = null where id = ${n1.id}`), refusedBy(/only be voided/));
  });

  test('a new year starts a new series (the year in Asia/Shanghai)', async () => {
    t.clock.set(new Date('2026-12-31T16:30:00Z')); // 2027-01-01 00:30 in Beijing
    const cookie = await t.login('zhuhang.officer1');
    const n = await ok(allocate({ caseId, docType: 'rectification_order', ref: 'y' }, cookie), 201);
    assert.equal(n.number, '竹行城管责改字〔2027〕第0001号');
    const m = await ok(allocate({ caseId, docType: 'penalty_decision', ref: 'y' }, cookie), 201);
    assert.equal(m.year, 2027);
    assert.equal(m.seq, 1);
    t.clock.set(new Date('2026-03-02T02:00:00Z'));
    officer = await t.login('zhuhang.officer1');
  });

  test('a document for a step the case has not reached is refused, naming the step; nothing is issued', async () => {
    const r = await allocate({ caseId: undecidedCaseId, docType: 'penalty_decision' });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(r.json().code, 'document.step_not_reached');
    assert.deepEqual(r.json().details.steps, ['decide']);
    const list = (await ok(req('GET', `/api/documents/numbers?caseId=${undecidedCaseId}`, officer))).items as Json[];
    assert.equal(list.length, 0);
    // A type with no step is issued on any case.
    await ok(allocate({ caseId: undecidedCaseId, docType: 'rectification_order' }), 201);
  });

  test('refusals: permission, scope, closed case, unnumbered type, unknown number', async () => {
    const byAux = await allocate({ caseId, docType: 'seizure_decision' }, aux);
    assert.equal(byAux.statusCode, 403, byAux.body);
    const outOfScope = await allocate({ caseId, docType: 'seizure_decision' }, other);
    assert.equal(outOfScope.statusCode, 404, outOfScope.body);
    assert.equal(outOfScope.json().code, 'case.not_found');
    const list = await req('GET', `/api/documents/numbers?caseId=${caseId}`, other);
    assert.equal(list.statusCode, 404, list.body);
    const closed = await allocate({ caseId: closedCaseId, docType: 'seizure_decision' });
    assert.equal(closed.statusCode, 409, closed.body);
    assert.equal(closed.json().code, 'document.case_closed');
    const unnumbered = await allocate({ caseId, docType: 'inquiry_record' });
    assert.equal(unnumbered.statusCode, 400, unnumbered.body);
    const missing = await req('POST', '/api/documents/numbers/00000000-0000-4000-8000-000000000000/void', officer, { reason: '无' });
    assert.equal(missing.statusCode, 404, missing.body);
    assert.equal(missing.json().code, 'document.number_not_found');
    // Another team cannot void 竹行's number either (answered as missing).
    const n = await ok(allocate({ caseId, docType: 'penalty_decision', ref: 'f' }), 201);
    const foreign = await req('POST', `/api/documents/numbers/${n.id}/void`, other, { reason: '无' });
    assert.equal(foreign.statusCode, 404, foreign.body);
    assert.equal(foreign.json().code, 'document.number_not_found');
    const [row] = await t.database.rows<{ status: string }>(sql`select status from document_number where id = ${n.id}`);
    assert.equal(row!.status, 'issued');
  });
});
