import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { pdfPageTexts } from '../src/modules/document/render/pdf-text';
import { fenToYuan } from '../src/modules/document/domain/fill';
import { createRenderService } from '../src/modules/document';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 文书 rendering through the API on a real database (PGlite, or PostgreSQL with GUIFAN_TEST_DB=pg): a demo case of
 * 竹行 walked to 决定 gives its 行政处罚决定书 as PDF and DOCX, with the issued 文号, the party (ID masked) and the
 * decided penalty; a document whose step is not on the case is refused; scope as for the case; nothing is written.
 */
describe('document rendering (文书 PDF / DOCX)', () => {
  let t: TestContext;
  let officer: string;
  let other: string;
  let caseId: string;
  let undecidedCaseId: string;
  let number: string;
  let party: { name: string; id_number: string | null };
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const render = (q: Record<string, string>, cookie = officer) => get(`/api/documents/render?${new URLSearchParams(q).toString()}`, cookie);
  const auditCount = async () => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record`))[0]!.n;

  before(async () => {
    t = await createTestContext({ now: new Date('2026-03-02T02:00:00Z') });
    const zh = await t.unitId(UNITS.zhuhang);
    const reached = (steps: string) => sql`(select count(distinct e.action) from case_event e where e.case_id = c.id and e.action in (${sql.raw(steps)}))`;
    const decided = await t.database.rows<{ id: string }>(sql`select id from enforcement_case c where org_unit_id = ${zh} and procedure = 'general' and state not in ('not_filed', 'withdrawn', 'archived') and ${reached(`'decide', 'notify'`)} = 2 and fine_fen > 0 and exists (select 1 from case_party p where p.case_id = c.id and p.id_number is not null) order by id limit 1`);
    const undecided = await t.database.rows<{ id: string }>(sql`select id from enforcement_case c where org_unit_id = ${zh} and state not in ('not_filed', 'withdrawn', 'archived') and ${reached(`'decide', 'simple_decide'`)} = 0 order by id limit 1`);
    assert.equal(decided.length, 1, 'the demo seed has an open decided general-procedure case of 竹行 with a fine and a party with an ID number');
    assert.equal(undecided.length, 1, 'the demo seed has an undecided open case in 竹行');
    caseId = decided[0]!.id;
    undecidedCaseId = undecided[0]!.id;
    party = (await t.database.rows<{ name: string; id_number: string | null }>(sql`select name, id_number from case_party where case_id = ${caseId} order by created_at, id limit 1`))[0]!;
    officer = await t.login('zhuhang.officer1');
    other = await t.login('chengdong.leader');
    const n = await t.app.inject({ method: 'POST', url: '/api/documents/numbers', headers: { cookie: officer }, payload: { caseId, docType: 'penalty_decision' } });
    // The demo may have numbered it already: then that number is the one printed.
    assert.ok(n.statusCode === 201 || (n.statusCode === 409 && n.json().code === 'document.already_numbered'), n.body);
    number = n.statusCode === 201 ? (n.json() as Json).number : (n.json() as Json).details.number;
  });
  after(() => t.close());

  test('the decision as PDF: title, issued 文号, party (ID masked), penalty, remedies, seal, page numbers; nothing recorded', async () => {
    const before = await auditCount();
    const r = await render({ caseId, docType: 'penalty_decision', format: 'pdf' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    const cd = String(r.headers['content-disposition']);
    assert.match(cd, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(cd.split("filename*=UTF-8''")[1]!), `行政处罚决定书_${number}_${party!.name}.pdf`);
    const pages = pdfPageTexts(r.rawPayload);
    const text = pages.join('');
    for (const s of ['行政处罚决定书', number, party!.name, '违法事实和证据', '申请行政复议', '六个月内', '（印章）', `第1页 共${pages.length}页`]) assert.ok(text.includes(s), `missing ${s}`);
    assert.match(number, /^竹行城管罚决字〔2026〕第\d{4}号$/);
    const id = party!.id_number!;
    assert.ok(!text.includes(id), 'the full ID number never reaches a document');
    assert.ok(text.includes(`${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`), 'masked as the case module masks it');
    const [c] = await t.database.rows<{ fine_fen: number | string }>(sql`select fine_fen from enforcement_case where id = ${caseId}`);
    assert.ok(text.includes(`罚款人民币${fenToYuan(Number(c!.fine_fen))}元`), 'the decided fine');
    assert.equal(await auditCount(), before, 'a read records nothing');
  });

  test('the decision as DOCX: a zip whose document.xml carries title, 文号 and body', async () => {
    const r = await render({ caseId, docType: 'penalty_decision', format: 'docx' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.ok(decodeURIComponent(String(r.headers['content-disposition']).split("filename*=UTF-8''")[1]!).endsWith('.docx'));
    const xml = await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const s of ['行政处罚决定书', number, party!.name, '行政处罚的种类和依据']) assert.ok(text.includes(s), `missing ${s}`);
  });

  test('documents without a 文号 and those of any time: 询问笔录 carries the case number, no 文号; 送达回证 names the decision served', async () => {
    const r = await render({ caseId, docType: 'inquiry_record', format: 'pdf' });
    assert.equal(r.statusCode, 200, r.body);
    const text = pdfPageTexts(r.rawPayload).join('');
    const [c] = await t.database.rows<{ case_no: string }>(sql`select case_no from enforcement_case where id = ${caseId}`);
    assert.ok(text.includes('询问笔录') && text.includes(c!.case_no), text.slice(0, 200));
    assert.ok(!text.includes(number));
    const s = await render({ caseId, docType: 'service_receipt', format: 'pdf' });
    assert.equal(s.statusCode, 200, s.body);
    assert.ok(pdfPageTexts(s.rawPayload).join('').includes(`行政处罚决定书（${number}）`));
  });

  test('a step not reached: 409 document.step_not_reached with the steps; bad query 400; other team 404; no session 401', async () => {
    const r = await render({ caseId: undecidedCaseId, docType: 'penalty_decision', format: 'pdf' });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(r.json().code, 'document.step_not_reached');
    assert.deepEqual(r.json().details, { docType: 'penalty_decision', steps: ['decide'] });
    assert.equal((await render({ caseId, docType: 'penalty_decision', format: 'odt' })).statusCode, 400);
    assert.equal((await render({ caseId, docType: 'no_such_type', format: 'pdf' })).statusCode, 400);
    const out = await render({ caseId, docType: 'penalty_decision', format: 'pdf' }, other);
    assert.equal(out.statusCode, 404, out.body);
    assert.equal(out.json().code, 'case.not_found');
    assert.equal((await render({ caseId: '00000000-0000-4000-8000-000000000000', docType: 'penalty_decision', format: 'pdf' })).statusCode, 404);
    assert.equal((await get(`/api/documents/render?caseId=${caseId}&docType=penalty_decision&format=pdf`)).statusCode, 401);
  });

  test('the 卷宗 of the case composed inside a transaction (as the 归档 step does): its decision with the 文号, pages indexed', async () => {
    const service = createRenderService({ database: t.database, clock: t.clock });
    const out = await t.database.db.transaction((tx) =>
      service.composeDossier(tx, {
        caseId,
        cover: { caseNo: 'X', party: party!.name, cause: null, unit: '竹行街道综合执法队', filedOn: null, closedOn: null, archivedOn: null, retention: '30年' },
        documents: [{ docType: 'inquiry_record', ref: '' }, { docType: 'penalty_decision', ref: '' }, { docType: 'not_a_type', ref: '' }],
        photos: [],
        note: { evidenceCount: 0, photoCount: 0, archivedByName: null, archivedOn: null },
      }),
    );
    assert.deepEqual(out.index.map((e) => [e.title, e.number]), [['询问笔录', null], ['行政处罚决定书', number], ['备考表', null]]);
    const pages = pdfPageTexts(out.pdf);
    assert.equal(out.pageCount, pages.length);
    assert.ok(pages[out.index[1]!.fromPage - 1]!.includes(number));
    assert.ok(pages[0]!.includes('南通市'), 'the bureau above the team heads the cover');
  });
});
