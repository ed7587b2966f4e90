import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';
import { loadRuleData, makeIdNumber } from '../src/modules/ledger';
import { LEDGER_SHEETS } from '../src/modules/ledger/domain/workbook-rows';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Json = Record<string, unknown> & { id: string; version: number };

describe('ledger: personnel, premises, equipment; scope, audit, Excel import/export, rule facts', () => {
  let t: TestContext;
  let admin: string;
  let zhLeader: string;
  let zhId: string;
  let cdId: string;
  let zxId: string;
  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const audits = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;
  const upload = (url: string, cookie: string, buf: Buffer, name = 'ledger.xlsx', type = XLSX) => {
    const { payload, headers } = multipartFile('file', name, buf, type);
    return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie } });
  };
  async function waitImport(cookie: string, importId: string) {
    for (let i = 0; i < 200; i++) {
      const r = (await req('GET', `/api/ledger/imports/${importId}`, cookie)).json();
      if (r.status === 'done' || r.status === 'failed') return r;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error('import did not finish');
  }
  async function workbook(sheet: string, rows: unknown[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    zhLeader = await t.login('zhuhang.leader');
    zhId = await t.unitId(UNITS.zhuhang);
    cdId = await t.unitId(UNITS.chengdong);
    zxId = await t.unitId('320671001');
  });
  after(() => t.close());

  test('竹行 demo ledgers: 5 offices, 8 rooms, 4 vehicles, 20 e-bikes, a computer per officer, 15 body cameras, 8 radios', async () => {
    const o = (await req('GET', `/api/ledger/overview?orgUnitId=${zhId}`, zhLeader)).json();
    const asset = (type: string) => o.assets.find((a: { type: string }) => a.type === type);
    assert.equal(o.offices.count, 5);
    assert.equal(o.rooms.reduce((s: number, r: { count: number }) => s + r.count, 0), 8);
    assert.equal(asset('vehicle').in_use, 4);
    assert.equal(asset('ebike').in_use, 20);
    assert.equal(asset('computer').in_use, o.persons.officersActive);
    assert.equal(asset('body_camera').in_use, 15);
    assert.equal(asset('radio').in_use, 8);
    assert.deepEqual(o.missingRequiredRooms, []);
    assert.ok(o.offices.areaPerPerson >= 15, `area per person ${o.offices.areaPerPerson}`);
    const rooms = (await req('GET', `/api/ledger/rooms?orgUnitId=${zhId}`, zhLeader)).json();
    assert.equal(rooms.total, 8);
    assert.deepEqual(rooms.actions, ['export', 'create', 'import', 'template']);
    // Some other teams fall short where the computed items should catch it.
    const all = await t.database.rows<{ code: string; officers: number; computers: number; complaint: number }>(sql`
      select u.code,
        (select count(*)::int from ledger_person p where p.org_unit_id = u.id and p.kind = 'officer' and p.status = 'active') officers,
        (select count(*)::int from ledger_asset a where a.org_unit_id = u.id and a.type = 'computer' and a.status = 'in_use') computers,
        (select count(*)::int from ledger_room r where r.org_unit_id = u.id and r.type = '投诉处理室') complaint
      from org_unit u where u.kind = 'team'`);
    assert.equal(all.length, 21);
    assert.ok(all.some((r) => r.computers < r.officers), 'a team with fewer computers than officers');
    assert.ok(all.some((r) => r.complaint === 0), 'a team without 投诉处理室');
    const expired = await t.database.rows<{ n: number }>(sql`select count(*)::int n from ledger_person where certificate_expires_on < current_date and status = 'active'`);
    assert.ok(expired[0]!.n > 0, 'expired certificates exist');
    const bad = await t.database.rows<{ n: number }>(sql`select count(*)::int n from ledger_person where is_demo = false`);
    assert.equal(bad[0]!.n, 0, 'every seeded person is demo');
  });

  test('ID numbers are masked in lists; the reveal is for managers only and audited', async () => {
    const list = (await req('GET', `/api/ledger/persons?orgUnitId=${zhId}&type=officer`, zhLeader)).json();
    assert.ok(list.items.length >= 15);
    for (const p of list.items) assert.match(p.idNumber, /^\d{4}\*{10}[\dX]{4}$/);
    const id = list.items[0].id;
    const officer = await t.login('zhuhang.officer1');
    assert.equal((await req('GET', `/api/ledger/persons/${id}?reveal=idNumber`, officer)).statusCode, 403);
    const before = await audits('ledger.person.reveal_id_number');
    const r = (await req('GET', `/api/ledger/persons/${id}?reveal=idNumber`, zhLeader)).json();
    assert.match(r.idNumber, /^\d{17}[\dX]$/);
    assert.equal(r.idNumberMasked, false);
    assert.equal(await audits('ledger.person.reveal_id_number'), before + 1);
  });

  test('CRUD with scope: own team only, auxiliaries shut out, stale versions refused', async () => {
    const aux = await t.login('zhuhang.aux1');
    assert.equal((await req('GET', '/api/ledger/assets', aux)).statusCode, 403);
    const cdAsset = (await req('GET', `/api/ledger/assets?orgUnitId=${cdId}&limit=1`, admin)).json().items[0];
    assert.equal((await req('GET', `/api/ledger/assets/${cdAsset.id}`, zhLeader)).statusCode, 404);
    assert.equal((await req('PATCH', `/api/ledger/assets/${cdAsset.id}`, zhLeader, { version: cdAsset.version, status: 'retired' })).statusCode, 404);
    assert.equal((await req('GET', `/api/ledger/assets?orgUnitId=${cdId}`, zhLeader)).statusCode, 404);
    assert.equal((await req('POST', '/api/ledger/offices', zhLeader, { orgUnitId: cdId, name: 'x', address: 'y', area: 10 })).statusCode, 404);
    const bureau = await t.login('bureau');
    assert.equal((await req('GET', `/api/ledger/assets?orgUnitId=${cdId}`, bureau)).statusCode, 200);
    assert.equal((await req('POST', '/api/ledger/offices', bureau, { orgUnitId: cdId, name: 'x', address: 'y', area: 10 })).statusCode, 403);

    const created = await req('POST', '/api/ledger/assets', zhLeader, { orgUnitId: zhId, type: 'body_camera', serial: 'T-BC-1', deviceId: '32067100001320999999' });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json() as Json;
    assert.deepEqual(a.actions, ['edit', 'transfer']);
    const dup = await req('POST', '/api/ledger/assets', zhLeader, { orgUnitId: zhId, type: 'radio', serial: 'T-BC-1' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().code, 'ledger.duplicate_serial');
    assert.deepEqual(dup.json().details.issues.map((i: { field: string }) => i.field), ['serial']);
    const ok = await req('PATCH', `/api/ledger/assets/${a.id}`, zhLeader, { version: 1, status: 'in_repair' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().version, 2);
    const stale = await req('PATCH', `/api/ledger/assets/${a.id}`, zhLeader, { version: 1, status: 'retired' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    assert.equal((await req('PATCH', `/api/ledger/assets/${a.id}`, zhLeader, { version: 2, colour: 'red' })).statusCode, 400);

    const badId = await req('POST', '/api/ledger/persons', zhLeader, { orgUnitId: zhId, name: '测试', idNumber: '110105194912310021', kind: 'officer' });
    assert.equal(badId.statusCode, 400);
    assert.match(JSON.stringify(badId.json().details), /check digit/);
    assert.deepEqual(badId.json().details.issues.map((i: { field: string; code: string; params: unknown }) => [i.field, i.code, i.params]), [['idNumber', 'id_number_check_digit', { actual: '1', expected: 'X' }]]);
    const person = await req('POST', '/api/ledger/persons', zhLeader, { orgUnitId: zhId, name: '测试员', idNumber: makeIdNumber('320671', '19900101', 777), kind: 'officer', certificateNo: '苏执TEST0001', certificateIssuedOn: '2020-01-01', certificateExpiresOn: '2025-01-01' });
    assert.equal(person.statusCode, 201, person.body);
    assert.match(person.json().idNumber, /\*{10}/);
    assert.equal(await audits('ledger.person.create'), 1);
    const rec = await t.database.rows<{ after: { idNumber: string } }>(sql`select "after" from audit_record where action = 'ledger.person.create'`);
    assert.match(rec[0]!.after.idNumber, /\*/, 'the audit trail never holds the full ID number');
  });

  test('certificate reminders list expired and soon-expiring certificates', async () => {
    t.clock.set(new Date('2024-12-15T02:00:00Z'));
    const r = (await req('GET', `/api/ledger/persons/certificate-reminders?orgUnitId=${zhId}&withinDays=60`, zhLeader)).json();
    const mine = r.items.find((p: { certificateNo: string }) => p.certificateNo === '苏执TEST0001');
    assert.ok(mine, 'the test officer expiring 2025-01-01 is listed');
    assert.equal(mine.daysLeft, 17);
    assert.equal(mine.expired, false);
    t.clock.set(new Date());
    const now = (await req('GET', `/api/ledger/persons/certificate-reminders?orgUnitId=${zhId}&withinDays=0`, zhLeader)).json();
    assert.ok(now.items.some((p: { certificateNo: string; expired: boolean }) => p.certificateNo === '苏执TEST0001' && p.expired));
  });

  test('transfers are scope-checked and audited', async () => {
    const a = (await req('GET', `/api/ledger/assets?orgUnitId=${zhId}&type=radio&status=in_use&limit=1`, zhLeader)).json().items[0];
    const out = await req('POST', `/api/ledger/assets/${a.id}/transfer`, zhLeader, { toUnitId: zxId, reason: '支援中兴' });
    assert.equal(out.statusCode, 403);
    assert.equal(out.json().code, 'ledger.destination_out_of_scope');
    const kaifa = await t.login('kaifa.manager');
    const before = await audits('ledger.asset.transfer');
    const ok = await req('POST', `/api/ledger/assets/${a.id}/transfer`, kaifa, { toUnitId: zxId, reason: '支援中兴' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().orgUnitId, zxId);
    assert.equal(await audits('ledger.asset.transfer'), before + 1);
    const hist = (await req('GET', `/api/ledger/assets/${a.id}/transfers`, kaifa)).json();
    assert.equal(hist.items[0].fromUnitId, zhId);
    assert.equal(hist.items[0].reason, '支援中兴');
    assert.equal((await req('POST', `/api/ledger/assets/${a.id}/transfer`, kaifa, { toUnitId: cdId, reason: 'x' })).statusCode, 403);
    assert.equal((await req('GET', `/api/ledger/assets/${a.id}`, zhLeader)).statusCode, 404, 'gone from 竹行');
  });

  test('room types: built-in list, city administrator adds; photos of rooms in the blob store', async () => {
    const types = (await req('GET', '/api/ledger/room-types', zhLeader)).json();
    assert.ok(types.items.some((x: { name: string }) => x.name === '暂扣物品库'));
    assert.equal((await req('POST', '/api/ledger/room-types', zhLeader, { name: '档案室' })).statusCode, 403);
    assert.equal((await req('POST', '/api/ledger/room-types', admin, { name: '档案室' })).statusCode, 201);
    assert.equal((await req('POST', '/api/ledger/room-types', admin, { name: '档案室' })).statusCode, 409);
    const room = (await req('GET', `/api/ledger/rooms?orgUnitId=${zhId}&type=投诉处理室`, zhLeader)).json().items[0];
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077536e0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex');
    const up = await upload(`/api/ledger/rooms/photos?id=${room.id}`, zhLeader, png, '投诉处理室.png', 'image/png');
    assert.equal(up.statusCode, 201, up.body);
    const got = await req('GET', up.json().url, zhLeader);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, png);
    assert.equal((await req('GET', `/api/ledger/rooms/${room.id}`, zhLeader)).json().photos.length, 1);
    assert.equal((await upload(`/api/ledger/rooms/photos?id=${room.id}`, zhLeader, Buffer.from('MZ fake'), 'x.png', 'image/png')).statusCode, 415);
  });

  test('template download; export → import into another team gives the same rows (both modes)', async () => {
    const tpl = await req('GET', '/api/ledger/assets/template.xlsx', zhLeader);
    assert.equal(tpl.statusCode, 200);
    assert.equal(tpl.headers['content-type'], XLSX);
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual((twb.getWorksheet('装备')!.getRow(1).values as unknown[]).slice(1), ['执法队', '类型', '编号', '品牌型号', '车牌号', '终端号(JT/T 808)', '设备编号', '使用人', '状态', '购置日期', '备注']);

    for (const [ledger, mode] of [['offices', 'all_or_nothing'], ['signage', 'valid_only']] as const) {
      const exp = await req('GET', `/api/ledger/${ledger}/export.xlsx?orgUnitId=${zhId}`, admin);
      assert.equal(exp.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      // Re-target every row to a new team (中兴 already has its own rows with other names, so rename offices).
      ws.eachRow((row, n) => {
        if (n === 1) return;
        row.getCell(1).value = '320671001';
        if (ledger === 'offices') row.getCell(2).value = `导入-${String(row.getCell(2).value)}`;
        if (ledger === 'signage') row.getCell(3).value = `导入-${String(row.getCell(3).value)}`;
      });
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const before = (await req('GET', `/api/ledger/${ledger}?orgUnitId=${zxId}`, admin)).json().total;
      const started = await upload(`/api/ledger/${ledger}/import?mode=${mode}`, admin, buf);
      assert.equal(started.statusCode, 202, started.body);
      const job = await waitImport(admin, started.json().importId);
      assert.equal(job.status, 'done', JSON.stringify(job.issues));
      assert.equal(job.progress, 100);
      const src = (await req('GET', `/api/ledger/${ledger}?orgUnitId=${zhId}`, admin)).json().items;
      assert.equal(job.created, src.length);
      const dst = (await req('GET', `/api/ledger/${ledger}?orgUnitId=${zxId}`, admin)).json();
      assert.equal(dst.total, before + src.length);
      const strip = (x: Record<string, unknown>) => {
        const { id: _i, orgUnitId: _o, orgUnitName: _n, orgUnitCode: _c, isDemo: _d, updatedAt: _u, version: _v, actions: _a, photos: _p, ...rest } = x;
        return { ...rest, name: String(rest.name ?? '').replace('导入-', ''), location: String(rest.location ?? '').replace('导入-', '') };
      };
      const imported = dst.items.filter((x: { isDemo: boolean }) => !x.isDemo).map(strip);
      for (const s of src.map(strip)) assert.ok(imported.some((i: object) => JSON.stringify(i) === JSON.stringify(s)), `${ledger}: ${JSON.stringify(s)}`);
    }

    // Persons: the export carries full ID numbers for a manager; re-importing it unchanged finds every row a duplicate.
    const pexp = await req('GET', `/api/ledger/persons/export.xlsx?orgUnitId=${zhId}`, zhLeader);
    const pwb = new ExcelJS.Workbook();
    await pwb.xlsx.load(pexp.rawPayload as unknown as ArrayBuffer);
    assert.match(String(pwb.getWorksheet('人员')!.getRow(2).getCell(3).value), /^\d{17}[\dX]$/);
    const again = await waitImport(zhLeader, (await upload('/api/ledger/persons/import', zhLeader, pexp.rawPayload)).json().importId);
    assert.equal(again.status, 'failed');
    assert.ok(again.issues.length >= again.totalRows);
    assert.ok(again.issues.every((i: { field: string; message: string }) => ['idNumber', 'certificateNo'].includes(i.field) && /already exists/.test(i.message)));
  });

  test('a bad workbook: every issue with row and column, nothing written (all_or_nothing); valid_only writes the good rows', async () => {
    const header = ['执法队', '类型', '编号', '状态', '购置日期'];
    const existing = (await req('GET', `/api/ledger/assets?orgUnitId=${zhId}&limit=1`, zhLeader)).json().items[0].serial;
    const rows = [
      header,
      ['320671003', '电脑', 'NEW-1', '在用', '2022-01-05'],
      ['320671003', '电脑', 'NEW-1', '在用', '2022-01-05'],
      ['320671003', '电脑', existing, '在用', ''],
      ['320671003', '对讲机', 'NEW-2', '在用', '2022-02-30'],
      ['城东街道综合执法队', '对讲机', 'NEW-3', '在用', ''],
      ['竹行街道综合执法队', '对讲机', 'NEW-4', '', ''],
    ];
    const count = async () => (await req('GET', `/api/ledger/assets?orgUnitId=${zhId}`, zhLeader)).json().total;
    const before = await count();
    const job = await waitImport(zhLeader, (await upload('/api/ledger/assets/import?mode=all_or_nothing', zhLeader, await workbook('装备', rows))).json().importId);
    assert.equal(job.status, 'failed');
    assert.deepEqual(job.issues.map((i: { row: number; column: string }) => `${i.row}${i.column}`), ['3C', '4C', '5E', '6A']);
    assert.equal(await count(), before, 'nothing written');

    const vo = await waitImport(zhLeader, (await upload('/api/ledger/assets/import?mode=valid_only', zhLeader, await workbook('装备', rows))).json().importId);
    assert.equal(vo.status, 'done');
    assert.equal(vo.created, 2);
    assert.equal(vo.skipped, 4);
    assert.equal(vo.progress, 100);
    assert.equal(await count(), before + 2);

    // Whole-file problems.
    const unknownCol = await waitImport(zhLeader, (await upload('/api/ledger/offices/import', zhLeader, await workbook('办公场所', [['执法队', '名称', '地址', '面积(㎡)', '颜色'], ['320671003', 'A', 'B', -5, 'red']]))).json().importId);
    assert.equal(unknownCol.status, 'failed');
    assert.deepEqual(unknownCol.issues.map((i: { row: number; column: string }) => `${i.row}${i.column}`), ['1E']);
    // The stored report keeps what the web translates: the code and the header it names.
    assert.deepEqual(unknownCol.issues.map((i: { code: string; params: unknown }) => [i.code, i.params]), [['column_unknown', { header: '颜色', column: 'E' }]]);
    const negative = await waitImport(zhLeader, (await upload('/api/ledger/offices/import', zhLeader, await workbook('办公场所', [['执法队', '名称', '地址', '面积(㎡)'], ['320671003', 'A', 'B', -5]]))).json().importId);
    assert.match(negative.issues[0].message, /D2: .*≥ 0/);
    assert.deepEqual([negative.issues[0].code, negative.issues[0].params], ['cell_below_min', { header: '面积(㎡)', limit: 0, value: -5 }]);
    const wrongSheet = await waitImport(zhLeader, (await upload('/api/ledger/offices/import', zhLeader, await workbook('Sheet1', [['a']]))).json().importId);
    assert.match(wrongSheet.error, /sheet "办公场所" not found/);
    assert.deepEqual(wrongSheet.issues.map((i: { code: string; params: unknown }) => [i.code, i.params]), [['sheet_missing', { sheet: '办公场所', sheets: 'Sheet1' }]]);
    // Not a workbook: refused at once, with our reason (no library message, no URL).
    const junk = await upload('/api/ledger/offices/import', zhLeader, Buffer.from('not a workbook'));
    assert.equal(junk.statusCode, 400);
    assert.equal(junk.json().code, 'import.not_xlsx');
    assert.doesNotMatch(junk.json().message, /https?:|jszip/i);
    assert.equal((await upload('/api/ledger/offices/import', await t.login('zhuhang.officer1'), Buffer.from('x'))).statusCode, 403);
  });

  test('loadRuleData: rule-language field names for 竹行', async () => {
    const d = await loadRuleData(t.database.db, zhId);
    assert.ok(d.rows.person.length >= 22);
    assert.deepEqual(Object.keys(d.rows.person[0]!).sort(), ['certificate_valid', 'has_certificate', 'id', 'kind', 'party_member', 'status', 'training_hours', 'uniform_issued']);
    assert.deepEqual(Object.keys(d.rows.room[0]!).sort(), ['area', 'id', 'type']);
    assert.deepEqual(Object.keys(d.rows.office[0]!).sort(), ['area', 'floor', 'id', 'independent']);
    assert.deepEqual(Object.keys(d.rows.asset[0]!).sort(), ['id', 'status', 'type']);
    assert.deepEqual(Object.keys(d.rows.signage[0]!).sort(), ['conforms', 'id', 'type']);
    assert.equal(d.rows.office.length, 5);
    assert.equal(typeof d.metrics.certificate_rate, 'number');
    assert.equal(d.metrics.case_on_time_rate, null);
  });

  // These two add records to 竹行: after the tests that count its demo ledgers.
  test('one validation per field: every value the API refuses is refused by the import too, at its row and column', async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const long = (n: number) => '长'.repeat(n + 1);
    const roomType = (await req('GET', '/api/ledger/room-types', zhLeader)).json().items[0].name;
    const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    type Candidates = Record<string, (string | number)[]>;
    const plan: Record<string, { base: (i: number) => Record<string, unknown>; candidates: Candidates }> = {
      persons: {
        base: (i) => ({ name: '校验', idNumber: makeIdNumber('110101', '19800101', 100 + i), kind: 'officer', certificateNo: `校验证${i}`, certificateIssuedOn: '2020-01-01', certificateExpiresOn: '2030-01-01' }),
        candidates: {
          name: [long(40)],
          idNumber: ['12345', wrongCheck(makeIdNumber('110101', '19800101', 55)), '110101198013011000', 'ABCDEFGHIJKLMNOPQR'],
          kind: ['nonsense'],
          position: [long(40)],
          certificateNo: [long(40)],
          certificateIssuedOn: ['2999-01-01', day(400), '1900-01-01', '2021-02-30'],
          certificateExpiresOn: ['2999-01-01', '2101-01-01', '2021-02-30'],
          trainingHours: [-1, 2001],
          uniformIssuedOn: ['2999-06-01', day(400)],
          status: ['nonsense'],
          note: [long(500)],
        },
      },
      offices: {
        base: (i) => ({ name: `校验场所${i}`, address: '人民路1号', area: 100 }),
        candidates: { name: [long(60)], address: [long(200)], lon: [181, -181], lat: [91, -91], area: [-1, 1_000_001], floor: [1.5, -6, 201], note: [long(500)] },
      },
      rooms: {
        base: (i) => ({ name: `校验用房${i}`, type: roomType, area: 20 }),
        candidates: { name: [long(60)], type: ['没有的类型', long(40)], area: [-1], note: [long(500)] },
      },
      signage: {
        base: (i) => ({ type: '门牌', location: `校验位置${i}`, conforms: true }),
        candidates: { type: [long(40)], location: [long(100)], conforms: ['maybe'], note: [long(500)] },
      },
      assets: {
        base: (i) => ({ type: 'computer', serial: `校验-${i}` }),
        candidates: {
          type: ['plane'],
          serial: [long(60)],
          model: [long(100)],
          plate: [long(20)],
          terminalNo: ['12ab', '12345', '1'.repeat(21), '1380000000a'],
          deviceId: [long(40)],
          status: ['nonsense'],
          acquiredOn: ['2999-01-01', day(400), '1900-01-01'],
          note: [long(500)],
        },
      },
    };
    for (const [ledger, { base, candidates }] of Object.entries(plan)) {
      const { sheet, columns } = LEDGER_SHEETS[ledger as keyof typeof LEDGER_SHEETS];
      const header = columns.map((c) => c.header);
      const cells = (v: Record<string, unknown>) => columns.map((col) => (v[col.key] === undefined ? '' : v[col.key]));
      const cases = Object.entries(candidates).flatMap(([field, values]) => values.map((value) => ({ field, value })));
      // The base record is accepted: each refusal below is the value's doing …
      const accepted = await req('POST', `/api/ledger/${ledger}`, zhLeader, { orgUnitId: zhId, ...base(199) });
      assert.equal(accepted.statusCode, 201, `${ledger}: ${accepted.body}`);
      // … the API refuses each value (that is what makes it a case) …
      for (const [i, c] of cases.entries()) {
        const r = await req('POST', `/api/ledger/${ledger}`, zhLeader, { orgUnitId: zhId, ...base(200 + i), [c.field]: c.value });
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${ledger}.${c.field} = ${JSON.stringify(c.value)}: the API accepted it (${r.statusCode})`);
      }
      // … and the import refuses the same value in the same field, naming the row and the column.
      const rows = cases.map((c, i) => cells({ team: UNITS.zhuhang, ...base(i), [c.field]: c.value }));
      const job = await waitImport(zhLeader, (await upload(`/api/ledger/${ledger}/import`, zhLeader, await workbook(sheet, [header, ...rows]))).json().importId);
      assert.equal(job.status, 'failed');
      for (const [i, c] of cases.entries()) {
        const letter = String.fromCharCode(65 + columns.findIndex((col) => col.key === c.field));
        assert.ok(
          job.issues.some((x: { row: number; column: string }) => x.row === i + 2 && x.column === letter),
          `${ledger}.${c.field} = ${JSON.stringify(c.value)} (row ${i + 2}, column ${letter}) not refused by the import: ${JSON.stringify(job.issues.filter((x: { row: number }) => x.row === i + 2))}`,
        );
      }
      // Rows that break nothing import (the cases above were refused for their value, not their shape).
      const good = await waitImport(zhLeader, (await upload(`/api/ledger/${ledger}/import`, zhLeader, await workbook(sheet, [header, cells({ team: UNITS.zhuhang, ...base(600) })]))).json().importId);
      assert.equal(good.status, 'done', `${ledger}: ${JSON.stringify(good.issues)}`);
    }
  });

  test('an ID number registered in another unit: the import report masks it and does not name the unit', async () => {
    const idNumber = makeIdNumber('320602', '19851212', 901);
    const other = await req('POST', '/api/ledger/persons', admin, { orgUnitId: cdId, name: '城东队员', idNumber, kind: 'auxiliary' });
    assert.equal(other.statusCode, 201, other.body);
    const header = ['执法队', '姓名', '身份证号', '类别'];
    const job = await waitImport(zhLeader, (await upload('/api/ledger/persons/import', zhLeader, await workbook('人员', [header, [UNITS.zhuhang, '新队员', idNumber, '协管员'], [UNITS.zhuhang, '重复', idNumber, '协管员']]))).json().importId);
    assert.equal(job.status, 'failed');
    const text = JSON.stringify(job);
    assert.ok(!text.includes(idNumber), text);
    assert.ok(!/城东|chengdong|320602001/i.test(text), text);
    const masked = `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;
    assert.deepEqual(
      job.issues.map((i: { row: number; column: string; message: string }) => [i.row, i.column, i.message]),
      [
        [2, 'C', `C2: 身份证号 "${masked}" is already registered in another unit`],
        [3, 'C', `C3: duplicate 身份证号 "${masked}" (same as row 2)`],
      ],
    );
    assert.deepEqual(
      job.issues.map((i: { code: string; params: unknown }) => [i.code, i.params]),
      [
        ['registered_elsewhere', { label: '身份证号', value: masked }],
        ['duplicate_in_file', { label: '身份证号', value: masked, row: 2 }],
      ],
    );
  });
});
