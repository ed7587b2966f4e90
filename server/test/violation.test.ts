import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestContext, multipartFile, type TestContext } from './helpers';

interface Item {
  id: string;
  code: string;
  name: string;
  versionId: string;
  penaltyBasis: { law: string; article: string; quote: string };
  bands: { level: string; fineMin: number; fineMax: number; conditions: string }[];
  statutory: { fineMin: number | null; fineMax: number | null };
  actions: string[];
  [k: string]: unknown;
}

describe('violation catalogue: versions, bands, immutability, Excel, the penalty check', () => {
  let t: TestContext;
  const cookies: Record<string, string> = {};
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who = 'bureau', payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
  let demoVersionId: string;
  /** Runs SQL straight on the database and returns the trigger's refusal (drizzle wraps it: the reason is the cause). */
  const frozen = async (q: ReturnType<typeof sql>) => {
    const e = await t.database.rows(q).then(
      () => null,
      (err: Error & { cause?: Error }) => err,
    );
    assert.ok(e, 'the database accepted a change to a frozen version');
    assert.match(String(e.cause?.message ?? e.message), /cannot be changed/);
    return Promise.reject(e);
  };

  before(async () => {
    t = await createTestContext({ now: new Date('2026-03-02T02:00:00Z') });
    for (const u of ['bureau', 'legal', 'zhuhang.officer1', 'zhuhang.aux1']) cookies[u] = await t.login(u);
  });
  after(() => t.close());

  test('the demo catalogue is published, labelled demo, searchable; reading needs legal.read', async () => {
    const list = await req('GET', '/api/violation/versions', 'legal');
    assert.equal(list.statusCode, 200, list.body);
    const demo = list.json().items.find((v: { isDemo: boolean }) => v.isDemo);
    assert.ok(demo);
    assert.deepEqual([demo.status, demo.itemCount >= 30, list.json().currentId === demo.id, demo.actions], ['published', true, true, ['export']]);
    demoVersionId = demo.id;
    assert.equal((await req('GET', '/api/violation/versions', 'zhuhang.aux1')).statusCode, 403);
    assert.equal((await req('GET', '/api/violation/items?q=占道经营', 'zhuhang.aux1')).statusCode, 403);

    const found = await req('GET', `/api/violation/items?q=${encodeURIComponent('占道经营')}`, 'zhuhang.officer1');
    assert.equal(found.statusCode, 200, found.body);
    assert.equal(found.json().items.length, 1);
    const item: Item = found.json().items[0];
    assert.match(item.name, /占道经营/);
    assert.equal(item.penaltyBasis.article, '第三十六条第二项');
    assert.match(item.penaltyBasis.quote, /擅自在街道两侧和公共场地堆放物料/);
    assert.deepEqual(item.bands.map((b) => b.level), ['minor', 'general', 'serious', 'severe']);
    // Search by law and by article words too; every word must match.
    const byLaw = (await req('GET', `/api/violation/items?q=${encodeURIComponent('噪声污染防治法 第八十二条')}`, 'legal')).json();
    assert.ok(byLaw.items.length >= 2 && byLaw.items.every((i: Item) => i.penaltyBasis.article.startsWith('第八十二条')));
    // A LIKE wildcard in the query is a character, not a wildcard.
    assert.equal((await req('GET', `/api/violation/items?q=${encodeURIComponent('%')}`, 'legal')).json().items.length, 0);
    const detail = await req('GET', `/api/violation/items/${item.id}`, 'legal');
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().firstOffenceBasis.article, '第三十三条第一款');
  });

  test('managing needs legal.manage; a draft derives from the published version; bad bands are refused with the reason', async () => {
    assert.equal((await req('POST', '/api/violation/versions', 'legal', { label: 'x', effectiveFrom: '2026-04-01' })).statusCode, 403);
    const early = await req('POST', '/api/violation/versions', 'bureau', { label: '2023', effectiveFrom: '2023-01-01' });
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().code, 'violation.effective_too_early');
    const d = await req('POST', '/api/violation/versions', 'bureau', { label: '2026', effectiveFrom: '2026-04-01', note: '2026 年修订' });
    assert.equal(d.statusCode, 201, d.body);
    const draft = d.json();
    assert.deepEqual([draft.status, draft.baseVersionId, draft.itemCount > 0, draft.actions], ['draft', demoVersionId, true, ['export', 'newDraft', 'edit', 'publish']]);
    assert.equal((await req('POST', '/api/violation/versions', 'bureau', { label: '2026', effectiveFrom: '2026-04-01' })).json().code, 'violation.label_taken');

    const items: Item[] = (await req('GET', `/api/violation/items?versionId=${draft.id}&q=${encodeURIComponent('露天烧烤')}`)).json().items;
    const bbq = items[0]!;
    assert.deepEqual(bbq.actions, ['edit', 'delete']);
    const { id: _id, code, versionId: _v, versionLabel: _l, versionStatus: _s, isDemo: _d, firstOffenceBasis: _f, actions: _a, ...body } = bbq;
    // 严重 up to 20000.01 元: above the statutory maximum of 第一百一十八条第三款.
    const over = { ...body, bands: bbq.bands.map((b) => (b.level === 'severe' ? { ...b, fineMax: 2_000_001 } : b)) };
    const r = await req('PUT', `/api/violation/versions/${draft.id}/items/${code}`, 'bureau', over);
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'violation.invalid_item');
    assert.deepEqual(r.json().details.issues.map((i: { field: string; code: string }) => [i.field, i.code]), [['bands.3.fineMax', 'violation_band_above_statutory']]);
    // 一般 starting below the top of 轻微: overlapping bands are refused.
    const overlap = { ...body, bands: bbq.bands.map((b) => (b.level === 'general' ? { ...b, fineMin: bbq.bands[0]!.fineMax - 100 } : b)) };
    assert.equal((await req('PUT', `/api/violation/versions/${draft.id}/items/${code}`, 'bureau', overlap)).json().details.issues[0].code, 'violation_band_overlap');

    const changed = { ...body, bands: bbq.bands.map((b) => (b.level === 'minor' ? { ...b, conditions: '首次被查处，立即停止并清理现场（演示）' } : b)) };
    const ok = await req('PUT', `/api/violation/versions/${draft.id}/items/${code}`, 'bureau', changed);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().bands[0].conditions, '首次被查处，立即停止并清理现场（演示）');
    const audit = await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_type = 'violation_item' order by seq desc limit 1`);
    assert.equal(audit[0]!.action, 'violation.item.update');

    // Publishing supersedes the demo version; the published draft is then immutable (service and database).
    const pub = await req('POST', `/api/violation/versions/${draft.id}/publish`, 'bureau');
    assert.equal(pub.statusCode, 200, pub.body);
    const versions = (await req('GET', '/api/violation/versions', 'legal')).json();
    assert.equal(versions.currentId, draft.id);
    assert.equal(versions.items.find((v: { id: string }) => v.id === demoVersionId).status, 'superseded');
    const again = await req('PUT', `/api/violation/versions/${draft.id}/items/${code}`, 'bureau', changed);
    assert.deepEqual([again.statusCode, again.json().code], [409, 'violation.version_immutable']);
    assert.equal((await req('DELETE', `/api/violation/versions/${draft.id}/items/${code}`, 'bureau')).statusCode, 409);
    await assert.rejects(frozen(sql`update violation_item set name = 'x' where version_id = ${draft.id}`));
    await assert.rejects(frozen(sql`delete from violation_item where version_id = ${demoVersionId}`));
    await assert.rejects(frozen(sql`update violation_version set effective_from = '2020-01-01' where id = ${draft.id}`));
    await assert.rejects(frozen(sql`update violation_version set status = 'published' where id = ${demoVersionId}`));

    // The check takes the version in force on the act date: before 2026-04-01 the demo version, from then on the new one.
    const check = (actDate: string, amount: number, band = 'general') => req('POST', '/api/violation/check', 'zhuhang.officer1', { code, actDate, band, kind: 'fine', amount });
    const g = bbq.bands.find((b) => b.level === 'general')!;
    const within = (await check('2026-05-01', g.fineMin)).json();
    assert.deepEqual([within.outcome, within.needsLegalReview, within.versionId], ['within_band', false, draft.id]);
    assert.equal((await check('2026-03-01', g.fineMin)).json().versionId, demoVersionId);
    const outside = (await check('2026-05-01', g.fineMax + 1)).json();
    assert.deepEqual([outside.outcome, outside.withinStatutoryRange, outside.needsReason, outside.needsLegalReview], ['outside_band', true, true, true]);
    const refused = (await check('2026-05-01', 2_000_001, 'severe')).json();
    assert.deepEqual([refused.outcome, refused.withinStatutoryRange, refused.code, refused.basis.article], ['outside_statutory', false, 'above_statutory', '第一百一十八条第三款']);
    assert.match(refused.basis.quote, /并处五百元以上二万元以下的罚款/);
    const none = await check('2023-12-31', 100_000);
    assert.deepEqual([none.statusCode, none.json().code], [404, 'violation.no_version_in_force']);
  });

  test('Excel: template and export round trip; a bad band is refused naming row, column and why; nothing half-written', async () => {
    const tpl = await req('GET', '/api/violation/template.xlsx', 'legal');
    assert.equal(tpl.statusCode, 200);
    const exp = await req('GET', `/api/violation/versions/${demoVersionId}/export.xlsx`, 'legal');
    assert.equal(exp.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('违法行为')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (h: string) => header.indexOf(h) + 1;
    const versionsBefore = (await req('GET', '/api/violation/versions', 'legal')).json().items.length;

    const upload = async (w: ExcelJS.Workbook, label: string) => {
      const buf = Buffer.from(await w.xlsx.writeBuffer());
      const { payload, headers } = multipartFile('file', 'v.xlsx', buf);
      return t.app.inject({ method: 'POST', url: `/api/violation/import?label=${encodeURIComponent(label)}&effectiveFrom=2026-06-01`, headers: { ...headers, cookie: cookies.bureau! }, payload });
    };
    // Row 3: 一般下限 below the statutory minimum is fine for an unstated range, so break an amount-based row instead.
    let badRow = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && !badRow && String(row.getCell(col('罚款方式')).value) === '金额') badRow = n;
    });
    const lawMin = Number(sheet.getRow(badRow).getCell(col('法定罚款下限')).value);
    sheet.getRow(badRow).getCell(col('轻微下限')).value = lawMin - 1;
    sheet.getRow(badRow + 1).getCell(col('适用对象')).value = '外星人';
    const bad = await upload(wb, 'bad');
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().code, 'violation.import_invalid');
    const issues = bad.json().details.issues as { row: number; column: string; code: string; message: string; params: Record<string, string> }[];
    const band = issues.find((i) => i.code === 'violation_band_below_statutory')!;
    assert.equal(band.row, badRow);
    assert.equal(band.column, String.fromCharCode(64 + col('轻微下限')));
    assert.equal(band.params.band, '轻微');
    assert.match(band.message, new RegExp(`^${band.column}${badRow}: 轻微: minimum`));
    assert.ok(issues.some((i) => i.row === badRow + 1 && i.code === 'violation_party_unknown' && i.params.value === '外星人'));
    assert.equal((await req('GET', '/api/violation/versions', 'legal')).json().items.length, versionsBefore, 'nothing written');

    // Fixed, the same workbook imports as a new draft with every item.
    sheet.getRow(badRow).getCell(col('轻微下限')).value = lawMin;
    sheet.getRow(badRow + 1).getCell(col('适用对象')).value = '个人、单位';
    const good = await upload(wb, '2026-imported');
    assert.equal(good.statusCode, 200, good.body);
    assert.deepEqual([good.json().version.status, good.json().items], ['draft', sheet.actualRowCount - 1]);
    assert.equal((await req('POST', '/api/violation/import?label=x&effectiveFrom=2026-06-01', 'legal')).statusCode, 403);
  });

  test('the laws an item may cite: the statute texts held and every cited one', async () => {
    const r = await req('GET', '/api/violation/laws', 'legal');
    assert.equal(r.statusCode, 200, r.body);
    const laws = r.json().items as { law: string; version: string }[];
    assert.ok(laws.some((l) => l.law === '城市市容和环境卫生管理条例' && l.version === '2017-03-01'));
    assert.equal(new Set(laws.map((l) => `${l.law}|${l.version}`)).size, laws.length, 'each (law, version) once');
    assert.equal((await req('GET', '/api/violation/laws', 'zhuhang.aux1')).statusCode, 403);
  });

  test('editing a draft item: a stale revision is a 409, never a lost update; a new code must be new', async () => {
    const d = await req('POST', '/api/violation/versions', 'bureau', { label: '2026-concurrency', effectiveFrom: '2026-07-01' });
    assert.equal(d.statusCode, 201, d.body);
    const draftId: string = d.json().id;
    const url = (code: string) => `/api/violation/versions/${draftId}/items/${encodeURIComponent(code)}`;
    const loaded: Item = (await req('GET', `/api/violation/items?versionId=${draftId}&q=${encodeURIComponent('露天烧烤')}`, 'bureau')).json().items[0];
    const { id: _id, code, versionId: _v, versionLabel: _l, versionStatus: _s, isDemo: _d, firstOffenceBasis: _f, actions: _a, ...body } = loaded;
    assert.equal(typeof body.revision, 'string');
    const withConditions = (c: string) => ({ ...body, bands: loaded.bands.map((b) => (b.level === 'minor' ? { ...b, conditions: c } : b)) });

    // Two editors loaded the same revision and save at the same time: exactly one wins, the other gets 409.
    const [a, b] = await Promise.all([req('PUT', url(code), 'bureau', withConditions('甲的修改（演示）')), req('PUT', url(code), 'bureau', withConditions('乙的修改（演示）'))]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `${a.body}\n${b.body}`);
    const lost = a.statusCode === 409 ? a : b;
    const won = a.statusCode === 200 ? a : b;
    assert.equal(lost.json().code, 'conflict.stale_version');
    assert.equal(lost.json().details.currentRevision, won.json().revision);
    assert.notEqual(won.json().revision, body.revision);
    const stored: Item = (await req('GET', `/api/violation/items/${loaded.id}`, 'legal')).json();
    assert.equal(stored.bands[0]!.conditions, won.json().bands[0].conditions);
    // Saving on the revision just received works; saving without a revision (scripts) does not check.
    const again = await req('PUT', url(code), 'bureau', { ...withConditions('再次修改（演示）'), revision: won.json().revision });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((await req('PUT', url(code), 'bureau', { ...withConditions('脚本覆盖（演示）'), revision: undefined })).statusCode, 200);

    // A new item (revision null): an existing code is refused on the code field; a new code is added at the end.
    const { revision: _r, ...fields } = body;
    const taken = await req('PUT', url(code), 'bureau', { ...fields, revision: null });
    assert.deepEqual([taken.statusCode, taken.json().code, taken.json().details.issues[0].field, taken.json().details.issues[0].code], [409, 'violation.item_exists', 'code', 'already_exists']);
    const added = await req('PUT', url('E2E-NEW-1'), 'bureau', { ...fields, name: '新增的违法行为（演示）', revision: null });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().code, 'E2E-NEW-1');
    const items: Item[] = (await req('GET', `/api/violation/items?versionId=${draftId}`, 'legal')).json().items;
    assert.equal(items.at(-1)!.code, 'E2E-NEW-1');
    // The revision of an item someone deleted meanwhile is stale too.
    assert.equal((await req('DELETE', url('E2E-NEW-1'), 'bureau')).statusCode, 204);
    const gone = await req('PUT', url('E2E-NEW-1'), 'bureau', { ...fields, revision: added.json().revision });
    assert.deepEqual([gone.statusCode, gone.json().code], [409, 'conflict.stale_version']);
    const audit = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where entity_type = 'violation_item' and entity_id like ${`${draftId}:%`}`);
    assert.equal(audit[0]!.n, 5, 'one audit record per write that happened (3 updates, 1 create, 1 delete)');
  });
});
