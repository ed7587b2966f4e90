import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { loadExcel } from '../src/platform/excel';
import { XLSX } from '../src/platform/openapi';
import { orgUnit } from '../src/modules/org';
import { serviceCategory, serviceRequest } from '../src/modules/service';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';

/**
 * 12345 work orders: the workbook is checked row by row (preview, nothing written), imported through the core's
 * submit (routed, timed, source hotline, externalRef = 工单编号), imported again without creating anything, refused
 * whole when any row is broken, and exported back with the reply columns. Fixtures are generated xlsx files.
 */
const HEADER = ['工单编号', '来电时间', '诉求类别', '诉求内容', '事发地址', '经纬度', '来电人', '联系电话', '办理时限'];
type Row = (string | number | Date | null)[];

async function book(rows: Row[], opts: { sheet?: string; header?: string[]; mapping?: [string, string][] } = {}): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '12345工单');
  ws.addRow(opts.header ?? HEADER);
  for (const r of rows) ws.addRow(r);
  if (opts.mapping) {
    const m = wb.addWorksheet('类别对照');
    m.addRow(['12345类别', '规范类别']);
    for (const r of opts.mapping) m.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBook(data: Buffer): Promise<{ names: string[]; rows: (string | null)[][] }> {
  const wb = new (await loadExcel()).Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('12345工单')!;
  const rows: (string | null)[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? null : String(v)))));
  return { names: wb.worksheets.map((w) => w.name), rows };
}

describe('12345 hotline work orders', () => {
  let ctx: TestContext;
  let desk: string;
  let officer: string;
  let cats: { id: string; code: string; name: string }[];
  let zhuhang: { id: string; lon: number; lat: number };
  // 2026-05-06 is a Wednesday (a working day): calls of the morning are timed from then.
  const NOW = new Date('2026-05-08T02:00:00Z');

  before(async () => {
    ctx = await createTestContext({ now: NOW });
    desk = await ctx.login('bureau');
    officer = await ctx.login('zhuhang.officer1');
    cats = await ctx.database.db.select({ id: serviceCategory.id, code: serviceCategory.code, name: serviceCategory.name }).from(serviceCategory).where(eq(serviceCategory.active, true)).orderBy(serviceCategory.code);
    assert.ok(cats.length >= 2, 'the category baseline is there');
    const [u] = await ctx.database.db.select({ id: orgUnit.id, lon: orgUnit.centerLon, lat: orgUnit.centerLat }).from(orgUnit).where(eq(orgUnit.code, UNITS.zhuhang));
    zhuhang = { id: u!.id, lon: u!.lon!, lat: u!.lat! };
  });
  after(() => ctx.close());

  const upload = (data: Buffer, dryRun: boolean, cookie = desk) => {
    const { payload, headers } = multipartFile('file', '12345.xlsx', data, XLSX);
    return ctx.app.inject({ method: 'POST', url: `/api/service/hotline/import?dryRun=${dryRun}`, payload, headers: { ...headers, cookie } });
  };
  const hotlineCount = async () => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(serviceRequest).where(eq(serviceRequest.source, 'hotline')))[0]!.n;

  test('the template names every column and lists the categories', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/service/hotline/template.xlsx', headers: { cookie: desk } });
    assert.equal(res.statusCode, 200);
    const t = await readBook(res.rawPayload);
    assert.deepEqual(t.names, ['说明', '12345工单', '类别对照', '规范类别']);
    assert.deepEqual(t.rows[0], HEADER);
    assert.equal((await ctx.app.inject({ method: 'GET', url: '/api/service/hotline/template.xlsx', headers: { cookie: officer } })).statusCode, 403);
  });

  test('preview, import, re-import: routed by 经纬度 or to the city desk, idempotent on 工单编号', async () => {
    const [a, b] = cats;
    const file = await book([
      ['GD-T-0001', '2026-05-06 09:15', a!.name, '人行道上堆满建筑垃圾', '竹行街道青年路12号', `${zhuhang.lon},${zhuhang.lat}`, '张先生', '138-0000-1234', '2026-05-06 16:00'],
      ['GD-T-0002', new Date(Date.UTC(2026, 4, 6, 10, 30)), b!.code, '夜间烧烤占道', '南大街88号', '', '李女士', '', ''],
      ['GD-T-0003', '2026/5/7 8:40', `大类/${b!.name}`, '早市占道经营', '工农路口', '', '', '0513-85123456', ''],
    ]);
    const before = await hotlineCount();
    const preview = await upload(file, true);
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json();
    assert.deepEqual(
      { dryRun: p.dryRun, total: p.total, toCreate: p.toCreate, existing: p.existing, toCityDesk: p.toCityDesk, created: p.created, issues: p.issues },
      { dryRun: true, total: 3, toCreate: 3, existing: 0, toCityDesk: 2, created: 0, issues: [] },
    );
    assert.deepEqual(
      p.rows.map((r: { orderNo: string; categoryCode: string; routing: string; action: string }) => [r.orderNo, r.categoryCode, r.routing, r.action]),
      [
        ['GD-T-0001', a!.code, 'location', 'create'],
        ['GD-T-0002', b!.code, 'city_desk', 'create'],
        ['GD-T-0003', b!.code, 'city_desk', 'create'],
      ],
    );
    assert.equal(await hotlineCount(), before, 'a preview writes nothing');

    const applied = await upload(file, false);
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json().created, 3);
    const rows = await ctx.database.db.select().from(serviceRequest).where(eq(serviceRequest.source, 'hotline'));
    const byRef = new Map(rows.map((r) => [r.externalRef, r]));
    const one = byRef.get('GD-T-0001')!;
    assert.equal(one.orgUnitId, zhuhang.id, 'routed by its point to the team whose area holds it');
    assert.equal(one.submittedAt.toISOString(), '2026-05-06T01:15:00.000Z', 'the call time (Beijing) is the submission time');
    assert.equal(one.contactPhone, '13800001234');
    assert.equal(one.handleDueAt?.toISOString(), '2026-05-06T08:00:00.000Z', "the hotline's earlier 办理时限 binds");
    assert.equal(one.state, 'submitted');
    const two = byRef.get('GD-T-0002')!;
    assert.equal(two.orgUnitId, null, 'no 经纬度: the city desk dispatches it');
    assert.equal(two.routedBy, 'city_desk');
    assert.equal(two.submittedAt.toISOString(), '2026-05-06T02:30:00.000Z', 'an Excel date is Beijing wall-clock time');
    assert.ok(two.handleDueAt, 'timed by its category');

    const again = await upload(file, false);
    assert.equal(again.statusCode, 200);
    const g = again.json();
    assert.deepEqual({ created: g.created, existing: g.existing, toCreate: g.toCreate }, { created: 0, existing: 3, toCreate: 0 });
    assert.ok(g.rows.every((r: { action: string; trackingCode: string | null }) => r.action === 'exists' && r.trackingCode));
    assert.equal(await hotlineCount(), before + 3, 're-importing the same file creates nothing new');
  });

  test('a file with broken rows: every problem on its cell in the preview, and nothing written on apply', async () => {
    const file = await book([
      ['GD-B-0001', '2026-05-06 09:15', cats[0]!.name, '内容', '地址'],
      ['', '2026-05-06 09:15', cats[0]!.name, '内容', '地址'],
      ['GD-B-0003', '2026-13-06 09:15', '不存在的类别', '内容', '地址', '31.9,120.8'],
      ['GD-B-0001', '2026-05-06 09:20', cats[0]!.name, '', '地址', '', '', 'abc'],
    ]);
    const before = await hotlineCount();
    const preview = await upload(file, true);
    assert.equal(preview.statusCode, 200);
    const p = preview.json();
    assert.deepEqual(
      p.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code]),
      [
        [3, 'A', 'required'],
        [4, 'B', 'date_time_format'],
        [4, 'C', 'category_unknown'],
        [4, 'F', 'coordinates_swapped'],
        [5, 'A', 'duplicate_in_file'],
        [5, 'D', 'required'],
        [5, 'H', 'phone_format'],
      ],
    );
    assert.deepEqual(p.unmappedWords, ['不存在的类别']);
    const applied = await upload(file, false);
    assert.equal(applied.statusCode, 400);
    assert.equal(applied.json().code, 'service.hotline_import_invalid');
    assert.equal(applied.json().details.issues.length, 7);
    assert.equal(await hotlineCount(), before, 'nothing written, not even the good first row');
  });

  test('not a workbook, the wrong sheet, a missing column', async () => {
    const csv = await upload(Buffer.from('工单编号,来电时间\nGD1,2026-05-06'), true);
    assert.equal(csv.statusCode, 400);
    assert.equal(csv.json().code, 'import.not_xlsx');
    const wrong = (await upload(await book([], { sheet: '工单列表' }), true)).json();
    assert.deepEqual(wrong.issues.map((i: { code: string }) => i.code), ['sheet_missing']);
    const plain = (await upload(await book([['GD-S-1', '2026-05-06 09:00', cats[0]!.name, '内容', '地址']], { sheet: 'Sheet1' }), true)).json();
    assert.deepEqual([plain.sheet, plain.issues.length, plain.toCreate], ['Sheet1', 0, 1], "a plain export's Sheet1 is read");
    const missing = (await upload(await book([], { header: HEADER.filter((h) => h !== '诉求内容') }), true)).json();
    assert.deepEqual(missing.issues.map((i: { code: string; params: { header: string } }) => [i.code, i.params.header]), [['column_missing', '诉求内容']]);
    assert.equal((await upload(await book([]), true, officer)).statusCode, 403);
  });

  test('the mapping: saved words and the workbook sheet map the hotline words; stale saves are refused', async () => {
    const file = await book([['GD-M-0001', '2026-05-06 09:15', '乱堆乱放', '内容', '地址']]);
    assert.deepEqual((await upload(file, true)).json().unmappedWords, ['乱堆乱放']);
    const viaSheet = await upload(await book([['GD-M-0001', '2026-05-06 09:15', '乱堆乱放', '内容', '地址']], { mapping: [['乱堆乱放', cats[1]!.code]] }), true);
    assert.equal(viaSheet.json().rows[0].categoryCode, cats[1]!.code);

    const m0 = await ctx.app.inject({ method: 'GET', url: '/api/service/hotline/mapping', headers: { cookie: desk } });
    assert.deepEqual(m0.json().items, []);
    const v = m0.json().version;
    const save = await ctx.app.inject({ method: 'PUT', url: '/api/service/hotline/mapping', headers: { cookie: desk }, payload: { version: v, items: [{ word: '乱堆乱放', categoryId: cats[0]!.id }] } });
    assert.equal(save.statusCode, 200, save.body);
    assert.deepEqual(save.json().items.map((i: { word: string; categoryCode: string }) => [i.word, i.categoryCode]), [['乱堆乱放', cats[0]!.code]]);
    const stale = await ctx.app.inject({ method: 'PUT', url: '/api/service/hotline/mapping', headers: { cookie: desk }, payload: { version: v, items: [] } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'service.hotline_mapping_stale');
    const twice = await ctx.app.inject({ method: 'PUT', url: '/api/service/hotline/mapping', headers: { cookie: desk }, payload: { version: save.json().version, items: [{ word: 'a', categoryId: cats[0]!.id }, { word: 'a', categoryId: cats[1]!.id }] } });
    assert.equal(twice.json().code, 'service.hotline_mapping_invalid');
    const p = (await upload(file, true)).json();
    assert.deepEqual([p.issues, p.rows[0].categoryCode], [[], cats[0]!.code]);
  });

  test('export: the same columns with the reply filled, within the period only', async () => {
    await ctx.database.db
      .update(serviceRequest)
      .set({ state: 'closed', handlingNote: '已清理', replyText: '已清理完毕，感谢监督', repliedAt: new Date('2026-05-06T07:00:00Z'), satisfaction: 'basically_satisfied', ratedAt: new Date('2026-05-07T01:00:00Z') })
      .where(and(eq(serviceRequest.source, 'hotline'), eq(serviceRequest.externalRef, 'GD-T-0001')));
    const res = await ctx.app.inject({ method: 'GET', url: '/api/service/hotline/export?from=2026-05-06&to=2026-05-06', headers: { cookie: desk } });
    assert.equal(res.statusCode, 200, res.body);
    const x = await readBook(res.rawPayload);
    assert.deepEqual(x.rows[0], [...HEADER, '办理状态', '办理结果', '回复时间', '办理单位', '满意度']);
    // The demo's hotline orders of that day are there too; ours are the GD-T ones.
    const ours = x.rows.slice(1).filter((r) => r[0]?.startsWith('GD-T-'));
    assert.deepEqual(
      ours.map((r) => r[0]),
      ['GD-T-0001', 'GD-T-0002'],
      'the call of 05-07 is outside the period',
    );
    assert.ok(x.rows.slice(1).every((r) => r[1]!.startsWith('2026-05-06 ')));
    const one = ours[0]!;
    assert.deepEqual([one[1], one[9], one[10], one[11], one[12], one[13]], ['2026-05-06 09:15:00', '已办结', '已清理完毕，感谢监督', '2026-05-06 15:00:00', '竹行街道综合执法队', '基本满意']);
    assert.equal(ours[1]![12], '市级受理台');
    // The export imports back unchanged: nothing new.
    const back = (await upload(res.rawPayload, false)).json();
    assert.deepEqual([back.issues, back.created, back.existing], [[], 0, x.rows.length - 1]);
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/service/hotline/export?from=2026-05-07&to=2026-05-06', headers: { cookie: desk } });
    assert.equal(bad.json().code, 'service.hotline_period_invalid');
  });
});
