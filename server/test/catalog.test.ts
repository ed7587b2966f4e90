import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestContext, multipartFile, type TestContext } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('catalog: versions, publishing, compare, Excel round trip, profiles', () => {
  let t: TestContext;
  let admin: string;
  let standardId: string;
  let v1: string;
  let v2: string;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = admin) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const node = (parentCode: string | null, title: string, extra: object = {}) => ({
    parentCode,
    title,
    text: null,
    points: null,
    method: null,
    rule: null,
    evidence: null,
    isVeto: false,
    appliesTo: 'team',
    guidance: null,
    ...extra,
  });

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    const s = await req('POST', '/api/catalog/standards', { code: 'TEST-STD', name: '测试标准', issuer: '测试厅', kind: 'provincial' });
    assert.equal(s.statusCode, 201, s.body);
    standardId = s.json().id;
    const d = await req('POST', '/api/catalog/versions', { standardId, label: 'v1' });
    assert.equal(d.statusCode, 201, d.body);
    v1 = d.json().id;
    for (const [code, body] of [
      ['1', node(null, '执法机构')],
      ['1.1', node('1', '持证上岗')],
      ['1.1.1', node('1.1', '执法人员持证率100%', { points: 10, method: 'pass_fail', isVeto: true, evidence: '执法证台账' })],
      ['1.1.2', node('1.1', '培训学时', { points: 5, method: 'graded' })],
      ['2', node(null, '执法保障')],
      ['2.1', node('2', '每人一台电脑', { points: 5, method: 'computed', rule: "count(asset where type = 'computer') >= 1" })],
    ] as const) {
      const r = await req('PUT', `/api/catalog/versions/${v1}/nodes/${code}`, body);
      assert.equal(r.statusCode, 200, `${code}: ${r.body}`);
    }
  });
  after(() => t.close());

  test('a draft shows its tree in depth-first order with items marked', async () => {
    const v = (await req('GET', `/api/catalog/versions/${v1}`)).json();
    assert.deepEqual(v.nodes.map((n: { code: string }) => n.code), ['1', '1.1', '1.1.1', '1.1.2', '2', '2.1']);
    assert.deepEqual(v.nodes.filter((n: { isItem: boolean }) => n.isItem).map((n: { code: string }) => n.code), ['1.1.1', '1.1.2', '2.1']);
    assert.equal(v.totalPoints, 20);
    assert.equal(v.vetoCount, 1);
    assert.deepEqual(v.actions, ['export', 'newDraft', 'edit', 'publish']);
  });

  test('an edit that breaks the tree is refused with the reason', async () => {
    const r = await req('PUT', `/api/catalog/versions/${v1}/nodes/9.9`, node('9', '孤儿', { points: 1, method: 'pass_fail' }));
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'catalog.invalid_tree');
    assert.match(r.json().details.issues[0].message, /unknown parent code 9/);
    assert.deepEqual([r.json().details.issues[0].code, r.json().details.issues[0].params, r.json().details.issues[0].nodeCode], ['parent_unknown', { parent: '9' }, '9.9']);
    // A computed rule that does not type-check cannot be saved (nor published); the message points at it.
    const bad = await req('PUT', `/api/catalog/versions/${v1}/nodes/2.9`, node('2', '坏规则', { points: 1, method: 'computed', rule: "count(asset where type = 'computr') >= 1" }));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details.issues[0].field, 'rule');
    assert.match(bad.json().details.issues[0].message, /column \d+: asset.type has no value 'computr'/);
    assert.equal(bad.json().details.issues[0].code, 'rule_unknown_value');
    assert.deepEqual(bad.json().details.issues[0].params, { line: 1, column: 26, field: 'asset.type', value: 'computr' });
  });

  test('publishing checks every item; a published version is immutable (service and database)', async () => {
    const draft = (await req('POST', '/api/catalog/versions', { standardId, label: 'broken' })).json().id;
    await req('PUT', `/api/catalog/versions/${draft}/nodes/1`, node(null, '方面'));
    await req('PUT', `/api/catalog/versions/${draft}/nodes/1.1`, node('1', '缺分值'));
    const bad = await req('POST', `/api/catalog/versions/${draft}/publish`);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details.issues.map((i: { nodeCode: string; field: string; code: string }) => `${i.nodeCode}:${i.field}:${i.code}`), ['1.1:points:points_required', '1.1:method:method_required']);

    const ok = await req('POST', `/api/catalog/versions/${v1}/publish`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'published');
    const edit = await req('PUT', `/api/catalog/versions/${v1}/nodes/1.1.2`, node('1.1', '改', { points: 50, method: 'graded' }));
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json().code, 'catalog.version_immutable');
    await assert.rejects(t.database.rows(sql`update catalog_node set points = 99 where version_id = ${v1}`));
  });

  test('a new version compared with the old: added, removed, changed', async () => {
    v2 = (await req('POST', '/api/catalog/versions', { standardId, label: 'v2', copyFromVersionId: v1 })).json().id;
    await req('PUT', `/api/catalog/versions/${v2}/nodes/1.1.2`, node('1.1', '培训学时', { points: 8, method: 'graded' }));
    await req('PUT', `/api/catalog/versions/${v2}/nodes/2.2`, node('2', '执法记录仪', { points: 5, method: 'pass_fail' }));
    assert.equal((await req('DELETE', `/api/catalog/versions/${v2}/nodes/2.1`)).statusCode, 204);
    assert.equal((await req('DELETE', `/api/catalog/versions/${v2}/nodes/1`)).json().code, 'catalog.node_has_children');
    const d = (await req('GET', `/api/catalog/compare?from=${v1}&to=${v2}`)).json();
    assert.deepEqual(d.added.map((n: { code: string }) => n.code), ['2.2']);
    assert.deepEqual(d.removed.map((n: { code: string }) => n.code), ['2.1']);
    assert.deepEqual(d.changed, [{ code: '1.1.2', changes: [{ field: 'points', from: 5, to: 8 }] }]);
    // Publishing v2 supersedes v1.
    assert.equal((await req('POST', `/api/catalog/versions/${v2}/publish`)).statusCode, 200);
    assert.equal((await req('GET', `/api/catalog/versions/${v1}`)).json().status, 'superseded');
  });

  test('export → import gives an identical version', async () => {
    const exp = await req('GET', `/api/catalog/versions/${v1}/export.xlsx`);
    assert.equal(exp.statusCode, 200);
    assert.equal(exp.headers['content-type'], XLSX);
    const file = multipartFile('file', 'catalog.xlsx', exp.rawPayload, XLSX);
    const imp = await t.app.inject({ method: 'POST', url: `/api/catalog/standards/${standardId}/import?label=reimported`, headers: { cookie: admin, ...file.headers }, payload: file.payload });
    assert.equal(imp.statusCode, 200, imp.body);
    const newId = imp.json().version.id;
    const d = (await req('GET', `/api/catalog/compare?from=${v1}&to=${newId}`)).json();
    assert.deepEqual([d.added.length, d.removed.length, d.changed.length, d.unchanged], [0, 0, 0, 6]);
  });

  test('a bad workbook: every problem with row and column, nothing imported', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('目录');
    s.addRow(['编码', '上级编码', '层级', '标题', '要求', '分值', '评分方式', '一票否决', '佐证材料', '适用层级', '指导说明', '计算规则']);
    s.addRow(['1', '', 1, '方面', '', '', '', '否', '', '执法队', '', '']);
    s.addRow(['1.1', '1', 2, '项一', '', 'abc', '是否', '否', '', '执法队', '', '']);
    s.addRow(['1.1', '1', 2, '重复', '', 5, '是否', '否', '', '执法队', '', '']);
    s.addRow(['1.2', '7', 2, '无上级', '', 5, '是否', '否', '', '执法队', '', '']);
    s.addRow(['1.3', '1', 2, '坏方式', '', 5, '打分', '否', '', '执法队', '', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from standard_version`))[0]!.n;
    const file = multipartFile('file', 'bad.xlsx', buf, XLSX);
    const r = await t.app.inject({ method: 'POST', url: `/api/catalog/standards/${standardId}/import?label=bad`, headers: { cookie: admin, ...file.headers }, payload: file.payload });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'catalog.import_invalid');
    const issues = r.json().details.issues.map((i: { row: number; column: string; field: string }) => `${i.row}${i.column}:${i.field}`);
    assert.deepEqual(issues.sort(), ['3F:points', '4A:code', '5B:parentCode', '6G:method'].sort());
    assert.equal((await t.database.rows<{ n: number }>(sql`select count(*)::int as n from standard_version`))[0]!.n, before);

    const junk = multipartFile('file', 'junk.xlsx', Buffer.from('not a zip at all'), XLSX);
    const j = await t.app.inject({ method: 'POST', url: `/api/catalog/standards/${standardId}/import?label=junk`, headers: { cookie: admin, ...junk.headers }, payload: junk.payload });
    assert.equal(j.statusCode, 400);
    assert.equal(j.json().code, 'import.not_xlsx');
    assert.doesNotMatch(j.json().message, /https?:|jszip/i);
    const wrong = new ExcelJS.Workbook();
    wrong.addWorksheet('Sheet1').addRow(['a']);
    const w = multipartFile('file', 'wrong.xlsx', Buffer.from(await wrong.xlsx.writeBuffer()), XLSX);
    const wr = await t.app.inject({ method: 'POST', url: `/api/catalog/standards/${standardId}/import?label=wrong`, headers: { cookie: admin, ...w.headers }, payload: w.payload });
    assert.match(wr.json().message, /sheet "目录" not found/);
    assert.deepEqual(wr.json().details.issues.map((i: { code: string; params: unknown }) => [i.code, i.params]), [['sheet_missing', { sheet: '目录', sheets: 'Sheet1' }]]);
  });

  test('tree-level problems of an import name their row and sheet column too; a rule position stays inside the message', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('目录');
    s.addRow(['编码', '上级编码', '层级', '标题', '要求', '分值', '评分方式', '一票否决', '佐证材料', '适用层级', '指导说明', '计算规则']);
    s.addRow(['1', '', 1, '方面', '', '', '', '是', '', '执法队', '', '']); // veto on a node with children
    s.addRow(['1.1', '1', 2, '项一', '', 5, '是否', '否', '', '执法队', '', '']);
    s.addRow(['1.1', '1', 2, '重复', '', 5, '是否', '否', '', '执法队', '', '']); // duplicate 编码
    s.addRow(['1.2', '9', 2, '无上级', '', 5, '是否', '否', '', '执法队', '', '']); // unknown 上级编码
    s.addRow(['1.3', '1', 2, '', '', 5, '是否', '否', '', '执法队', '', '']); // empty 标题
    s.addRow(['1.4', '1', 2, '零分', '', 0, '是否', '否', '', '执法队', '', '']); // 分值 0
    s.addRow(['1.5', '1', 3, '层级错', '', 5, '是否', '否', '', '执法队', '', '']); // wrong 层级
    s.addRow(['1.6', '1', 2, '计算', '', 5, '计算', '否', '', '执法队', '', 'ratio(count(person where kind = "officer"), ']); // unparsable rule
    const file = multipartFile('file', 'tree.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    const r = await t.app.inject({ method: 'POST', url: `/api/catalog/standards/${standardId}/import?label=tree&dryRun=true`, headers: { cookie: admin, ...file.headers }, payload: file.payload });
    assert.equal(r.statusCode, 400, r.body);
    const issues: { row: number; column: string; field: string; message: string }[] = r.json().details.issues;
    assert.deepEqual(issues.map((i) => `${i.row}${i.column}:${i.field}`).sort(), ['2H:isVeto', '4A:code', '5B:parentCode', '6D:title', '7F:points', '8C:level', '9L:rule'].sort());
    for (const i of issues) assert.ok(i.message.startsWith(`${i.column}${i.row}: `), i.message);
    const rule = issues.find((i) => i.field === 'rule')!;
    assert.match(rule.message, /^L9: in the rule at character \d+: /);
    // Each problem carries the code the web translates and the values its text shows.
    const coded = Object.fromEntries((issues as unknown as { field: string; code: string; params?: Record<string, unknown> }[]).map((i) => [i.field, [i.code, i.params]]));
    assert.deepEqual(coded, {
      isVeto: ['veto_on_group', undefined],
      code: ['code_duplicate_row', { row: 3 }],
      parentCode: ['parent_unknown', { parent: '9' }],
      title: ['title_empty', undefined],
      points: ['points_required', undefined],
      level: ['level_mismatch', { level: 3, expected: 2 }],
      rule: ['rule_syntax', { line: 1, column: (rule as unknown as { params: { column: number } }).params.column, reason: 'lookalike', found: '"', write: "'" }],
    });
    assert.ok((rule as unknown as { params: { column: number } }).params.column > 1);
  });

  test('a local profile inherits a published version, tightens and adds items', async () => {
    const p = (await req('POST', '/api/catalog/standards', { code: 'TEST-PROFILE', name: '本地细则', issuer: '市局', kind: 'local_profile' })).json().id;
    assert.equal((await req('POST', '/api/catalog/versions', { standardId: p, label: 'p1' })).json().code, 'catalog.profile_needs_base');
    assert.equal((await req('POST', '/api/catalog/versions', { standardId: p, label: 'p1', baseVersionId: v1 })).json().code, 'catalog.base_not_published');
    const pv = (await req('POST', '/api/catalog/versions', { standardId: p, label: 'p1', baseVersionId: v2 })).json();
    assert.ok(pv.nodes.every((n: { origin: string }) => n.origin === 'base'));
    await req('PUT', `/api/catalog/versions/${pv.id}/nodes/1.1.2`, node('1.1', '培训学时', { points: 5, method: 'graded', text: '每人每年≥40学时', changeReason: '市局细化' }));
    await req('PUT', `/api/catalog/versions/${pv.id}/nodes/1.1.3`, node('1.1', '统一着装', { points: 5, method: 'pass_fail' }));
    const after = (await req('GET', `/api/catalog/versions/${pv.id}`)).json();
    const origin = Object.fromEntries(after.nodes.map((n: { code: string; origin: string }) => [n.code, n.origin]));
    assert.equal(origin['1.1.2'], 'tightened');
    assert.equal(origin['1.1.3'], 'added');
    assert.equal(origin['1.1.1'], 'base');
    assert.equal(after.baseVersionId, v2);
  });

  test('permissions: team leaders and auxiliaries read, only bureau staff change', async () => {
    const leader = await t.login('zhuhang.leader');
    const aux = await t.login('zhuhang.aux1');
    assert.equal((await req('GET', '/api/catalog/standards', undefined, aux)).statusCode, 200);
    const list = (await req('GET', '/api/catalog/standards', undefined, leader)).json();
    assert.deepEqual(list.actions, []);
    assert.equal((await req('POST', '/api/catalog/versions', { standardId, label: 'x' }, leader)).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/catalog/standards' })).statusCode, 401);
  });
});
