import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { withoutDemoDocuments } from './demo-documents.fixture';
import { ensureTemplateBaseline, TEMPLATE_BASELINE_LABEL } from '../src/modules/document';
import { DEFAULT_TEMPLATE_SET } from '../src/modules/document/domain/templates';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 文书 template sets through the API on a real database (PGlite, or PostgreSQL with GUIFAN_TEST_DB=pg): the shipped
 * set published at start-up, drafts edited field by field (stale edits refused), publishing refused with every
 * problem, published sets frozen by the database, and the 文号 following the set published at the time of issue.
 */
describe('document template sets (文书模板)', () => {
  let t: TestContext;
  let bureau: string;
  let legal: string;
  let officer: string;
  let caseId: string;
  const base = '/api/documents/templates';
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;
  const settingsOf = (v: Json) => ({ expectedVersion: v.version, header: v.content.header, numberPrefix: v.content.numberPrefix, numberPattern: v.content.numberPattern, words: v.content.words });
  const templateOf = (v: Json, docType: string) => {
    const { docType: _d, ...rest } = (v.content.templates as Json[]).find((x) => x.docType === docType)!;
    return { expectedVersion: v.version, ...rest } as Json;
  };
  const published = async () => ((await ok(req('GET', `${base}/versions`, officer))).items as Json[]).filter((v) => v.status === 'published');
  const refusedBy = (pattern: RegExp) => (e: unknown) => pattern.test(String((e as { cause?: unknown }).cause ?? e));

  before(async () => {
    t = await createTestContext({ now: new Date('2026-03-02T02:00:00Z') });
    const zh = await t.unitId(UNITS.zhuhang);
    // This file numbers 竹行 from empty series: the demo's 竹行 文书 are taken out of this clone first.
    await withoutDemoDocuments(t, zh);
    // A demo case of 竹行 with 决定 on its timeline: its 行政处罚决定书 can be numbered.
    const decided = await t.database.rows<{ id: string }>(
      sql`select id from enforcement_case c where org_unit_id = ${zh} and state not in ('not_filed', 'withdrawn', 'archived') and exists (select 1 from case_event e where e.case_id = c.id and e.action = 'decide') order by id limit 1`,
    );
    assert.equal(decided.length, 1, 'the demo seed has a decided case in 竹行');
    caseId = decided[0]!.id;
    bureau = await t.login('bureau');
    legal = await t.login('legal');
    officer = await t.login('zhuhang.officer1');
  });
  after(() => t.close());

  test('start-up published the shipped set once, audited; anyone reading cases reads it', async () => {
    const list = await ok(req('GET', `${base}/versions`, officer));
    assert.deepEqual(list.actions, [], 'an officer may not draft');
    assert.equal(list.items.length, 1);
    const [v] = list.items as Json[];
    assert.equal(v!.label, TEMPLATE_BASELINE_LABEL);
    assert.equal(v!.status, 'published');
    assert.equal(await audits('document.template.bootstrap'), 1);
    const one = await ok(req('GET', `${base}/versions/${v!.id}`, officer));
    assert.deepEqual(one.content, JSON.parse(JSON.stringify(DEFAULT_TEMPLATE_SET)));
    assert.deepEqual(one.issues, []);
    // Idempotent: a second start adds nothing.
    assert.deepEqual(await ensureTemplateBaseline(t.database, t.clock, await t.unitId(UNITS.root)), { created: false });
    assert.equal((await ok(req('GET', `${base}/versions`, officer))).items.length, 1);
    assert.deepEqual((await ok(req('GET', `${base}/versions`, bureau))).actions, ['newDraft']);
  });

  test('only legal.manage drafts: officers and the legal reviewer are refused', async () => {
    for (const cookie of [officer, legal]) {
      const r = await req('POST', `${base}/versions`, cookie, { label: '不应创建' });
      assert.equal(r.statusCode, 403, r.body);
    }
  });

  test('a draft is edited field by field; a bad pattern is refused on its field; a stale edit is refused', async () => {
    let d = await ok(req('POST', `${base}/versions`, bureau, { label: '2026年第一版', note: '本局文书' }), 201);
    assert.equal(d.status, 'draft');
    assert.deepEqual(d.actions, ['edit', 'publish', 'discard']);
    assert.deepEqual(d.content, JSON.parse(JSON.stringify(DEFAULT_TEMPLATE_SET)), 'a copy of the published set');
    assert.equal(await audits('document.template.create'), 1);
    const second = await req('POST', `${base}/versions`, bureau, { label: '另一版' });
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().code, 'document.template_draft_exists');

    // A pattern without the sequence, and a prefix that does not name the team: both refused, each on its field.
    const bad = await req('PUT', `${base}/versions/${d.id}/settings`, bureau, { ...settingsOf(d), numberPrefix: '南通城管', numberPattern: '{prefix}{word}〔{year}〕号' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().code, 'document.template_invalid');
    assert.deepEqual(
      (bad.json().details.issues as Json[]).map((i) => [i.field, i.reason, i.params?.name ?? null]),
      [
        ['numberPrefix', 'prefix_no_unit', null],
        ['numberPattern', 'pattern_missing', '{seq}'],
      ],
    );
    // Two types with one word would print the same 文号.
    const dup = await req('PUT', `${base}/versions/${d.id}/settings`, bureau, { ...settingsOf(d), words: { ...d.content.words, penalty_notice: '罚决字' } });
    assert.equal(dup.statusCode, 400, dup.body);
    assert.deepEqual((dup.json().details.issues as Json[]).map((i) => [i.docType, i.field, i.reason]), [['penalty_decision', 'words.penalty_decision', 'word_duplicate']]);

    d = await ok(req('PUT', `${base}/versions/${d.id}/settings`, bureau, { ...settingsOf(d), header: '{{unit.bureau}}（本局文头）', numberPrefix: '{{unit.shortName}}综合执法', words: { ...d.content.words, penalty_decision: '罚字' } }));
    assert.equal(d.version, 2);
    assert.equal(d.content.header, '{{unit.bureau}}（本局文头）');
    assert.equal(d.content.numberPrefix, '{{unit.shortName}}综合执法');
    assert.equal(await audits('document.template.settings'), 1);

    // A decision's wording changed; an empty title is refused on the field.
    const tpl = templateOf(d, 'penalty_decision');
    const empty = await req('PUT', `${base}/versions/${d.id}/templates/penalty_decision`, bureau, { ...tpl, title: '  ' });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.deepEqual((empty.json().details.issues as Json[]).map((i) => [i.docType, i.field, i.reason]), [['penalty_decision', 'templates.penalty_decision.title', 'title_empty']]);
    // A placeholder the filler does not know is refused where it is written.
    const typo = await req('PUT', `${base}/versions/${d.id}/templates/penalty_decision`, bureau, { ...tpl, body: [...tpl.body, { kind: 'paragraph', text: '当事人{{party.nmae}}' }] });
    assert.equal(typo.statusCode, 400, typo.body);
    assert.deepEqual(
      (typo.json().details.issues as Json[]).map((i) => [i.field, i.reason, i.params.name]),
      [[`templates.penalty_decision.body[${tpl.body.length}].text`, 'unknown_placeholder', '{{party.nmae}}']],
    );
    assert.ok((d.placeholders as Json[]).some((p) => p.path === 'party.name' && p.label), 'the editor is told the placeholders');
    const body = [...tpl.body, { kind: 'paragraph', text: '本局将依法公示本决定。' }];
    d = await ok(req('PUT', `${base}/versions/${d.id}/templates/penalty_decision`, bureau, { ...tpl, title: '行政处罚决定书（本局）', body, signatures: ['officer', 'officer'], seal: true }));
    assert.equal(d.version, 3);
    const saved = (d.content.templates as Json[]).find((x) => x.docType === 'penalty_decision')!;
    assert.equal(saved.title, '行政处罚决定书（本局）');
    assert.deepEqual(saved.body.at(-1), { kind: 'paragraph', text: '本局将依法公示本决定。' });
    assert.equal((d.content.templates as Json[]).length, DEFAULT_TEMPLATE_SET.templates.length, 'replaced in place');
    assert.equal(await audits('document.template.edit'), 1);

    // Someone saved meanwhile: an edit made on version 2 is refused and changes nothing.
    const stale = await req('PUT', `${base}/versions/${d.id}/settings`, bureau, { ...settingsOf(d), expectedVersion: 2, header: '旧的' });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().code, 'conflict.stale_version');
    assert.equal((await ok(req('GET', `${base}/versions/${d.id}`, bureau))).content.header, '{{unit.bureau}}（本局文头）');
  });

  test('a 文号 follows the set published at the time of issue; numbers issued before keep their text', async () => {
    const before = await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: 'penalty_decision' }), 201);
    assert.equal(before.number, '竹行城管罚决字〔2026〕第0001号');
    const draft = ((await ok(req('GET', `${base}/versions`, bureau))).items as Json[]).find((v) => v.status === 'draft')!;
    const old = (await published())[0]!;
    const p = await ok(req('POST', `${base}/versions/${draft.id}/publish`, bureau, { expectedVersion: draft.version }));
    assert.equal(p.status, 'published');
    assert.equal(await audits('document.template.publish'), 1);
    const list = (await ok(req('GET', `${base}/versions`, officer))).items as Json[];
    assert.deepEqual(
      list.map((v) => [v.label, v.status]),
      [
        ['2026年第一版', 'published'],
        [TEMPLATE_BASELINE_LABEL, 'superseded'],
      ],
    );
    assert.equal(list[1]!.id, old.id);
    const next = await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: 'penalty_decision', ref: 'second' }), 201);
    assert.equal(next.number, '竹行综合执法罚字〔2026〕第0002号', 'the new prefix and word, the series continued');
    const numbers = ((await ok(req('GET', `/api/documents/numbers?caseId=${caseId}`, officer))).items as Json[]).filter((x) => x.docType === 'penalty_decision');
    assert.deepEqual(
      numbers.map((x) => x.number),
      ['竹行城管罚决字〔2026〕第0001号', '竹行综合执法罚字〔2026〕第0002号'],
    );
  });

  test('the renderer prints with the set published now; the number issued before keeps its text', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/documents/render?caseId=${caseId}&docType=penalty_decision&format=docx`, headers: { cookie: officer } });
    assert.equal(r.statusCode, 200, r.body);
    const xml = await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of ['行政处罚决定书（本局）', '本局将依法公示本决定。', '竹行城管罚决字〔2026〕第0001号', '（本局文头）']) assert.ok(xml.includes(text), `${text} in the document`);
  });

  test('published and superseded sets are frozen: by the service and by the database', async () => {
    const [p] = await published();
    const full = await ok(req('GET', `${base}/versions/${p!.id}`, bureau));
    assert.deepEqual(full.actions, ['newDraft']);
    const edit = await req('PUT', `${base}/versions/${p!.id}/settings`, bureau, settingsOf(full));
    assert.equal(edit.statusCode, 409, edit.body);
    assert.equal(edit.json().code, 'document.template_immutable');
    const drop = await req('DELETE', `${base}/versions/${p!.id}`, bureau);
    assert.equal(drop.statusCode, 409, drop.body);
    await assert.rejects(t.database.rows(sql`update document_template_set set content = '{}'::jsonb where status = 'published'`), refusedBy(/cannot be changed/));
    await assert.rejects(t.database.rows(sql`update document_template_set set label = 'x' where status = 'superseded'`), refusedBy(/cannot be changed/));
    await assert.rejects(t.database.rows(sql`update document_template_set set status = 'published' where status = 'superseded'`), refusedBy(/cannot be changed/));
    await assert.rejects(t.database.rows(sql`delete from document_template_set where status = 'superseded'`), refusedBy(/cannot be deleted/));
  });

  test('publishing is refused with every problem of the set, each naming its type and field', async () => {
    const d = await ok(req('POST', `${base}/versions`, bureau, { label: '有问题的一版' }), 201);
    // A draft damaged outside the editor (the editor refuses each of these on save): the pattern lost its year, the
    // 询问笔录 lost its title, the 催告书 its template.
    const content = structuredClone(d.content) as Json;
    content.numberPattern = '{prefix}{word}第{seq}号';
    content.templates = (content.templates as Json[]).filter((x) => x.docType !== 'payment_demand').map((x) => (x.docType === 'inquiry_record' ? { ...x, title: '' } : x));
    await t.database.rows(sql`update document_template_set set content = ${JSON.stringify(content)}::jsonb where id = ${d.id}`);
    const r = await req('POST', `${base}/versions/${d.id}/publish`, bureau, {});
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().code, 'document.template_invalid');
    const issues = (r.json().details.issues as Json[]).map((i) => [i.docType, i.field, i.reason]);
    for (const want of [
      [null, 'numberPattern', 'pattern_missing'],
      ['inquiry_record', 'templates.inquiry_record.title', 'title_empty'],
      ['payment_demand', 'templates.payment_demand', 'template_missing'],
    ])
      assert.ok(issues.some((i) => JSON.stringify(i) === JSON.stringify(want)), `${JSON.stringify(want)} in ${JSON.stringify(issues)}`);
    // The draft shows the same problems to its editor, and nothing was published.
    assert.deepEqual((await ok(req('GET', `${base}/versions/${d.id}`, bureau))).issues.map((i: Json) => [i.docType, i.field, i.reason]), issues);
    assert.equal((await published())[0]!.label, '2026年第一版');

    // Discarded: gone, audited; a published version cannot be discarded (above).
    const del = await req('DELETE', `${base}/versions/${d.id}`, bureau);
    assert.equal(del.statusCode, 204, del.body);
    assert.equal(await audits('document.template.discard'), 1);
    assert.equal(((await ok(req('GET', `${base}/versions`, bureau))).items as Json[]).some((v) => v.status === 'draft'), false);
    const gone = await req('GET', `${base}/versions/${d.id}`, bureau);
    assert.equal(gone.statusCode, 404, gone.body);
    assert.equal(gone.json().code, 'document.template_not_found');
    // A label is never reused.
    const taken = await req('POST', `${base}/versions`, bureau, { label: '2026年第一版' });
    assert.equal(taken.statusCode, 409, taken.body);
    assert.equal(taken.json().code, 'document.template_label_taken');
  });
});
