import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { NATIONAL_RULES, SHIPPED_RULES } from '../src/modules/legal/domain/rules';
import { ensureLegalBaseline } from '../src/modules/legal';
import { createTestContext, multipartFile, type TestContext } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Rule {
  id: string;
  origin: string;
  law: { name: string; version: string };
  article: string;
  effectiveFrom: string;
  quote: string;
  actions: string[];
}
interface Step {
  kind: string;
  date?: string;
  holidayName?: string | null;
  dayKind?: string;
}

/** A local rule as an administrator enters it (citation required: law, version date, article, quoted sentence). */
const localRule = (extra: object = {}) => ({
  titleZh: '立案核查期限（南通市规定）',
  titleEn: 'Case-opening check period (Nantong)',
  law: { name: '南通市城市管理综合行政执法程序规定（测试）', version: '2024-06-01' },
  article: '第十二条',
  quote: '对发现的违法行为线索，应当在七个工作日内核查并决定是否立案。',
  effectiveFrom: '2024-07-01',
  params: {
    type: 'period',
    count: 7,
    unit: 'day',
    counting: 'working',
    countingCitation: { law: { name: '南通市城市管理综合行政执法程序规定（测试）', version: '2024-06-01' }, article: '第十二条' },
    startCitation: { law: { name: '中华人民共和国民法典', version: '2020-05-28' }, article: '第二百零一条', paragraph: '第一款' },
    restDay: { kind: 'none', why: 'authority_duty' },
    from: 'lead_received',
    holder: 'authority',
  },
  ...extra,
});

const notice2027 = (makeupWorkdays: string[]) => ({
  title: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  issuedOn: '2026-11-10',
  source: 'https://example.test/2027',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  makeupWorkdays,
});

async function workbook(info: [string, unknown][], days: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('通知');
  for (const r of info) s1.addRow(r);
  const s2 = wb.addWorksheet('日期');
  s2.addRow(['日期', '类型', '节日名称']);
  for (const r of days) s2.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const info2028: [string, unknown][] = [
  ['年度', 2028],
  ['通知标题', '国务院办公厅关于2028年部分节假日安排的通知（测试）'],
  ['发布日期', '2027-11-10'],
  ['来源', 'https://example.test/2028'],
];

describe('legal: rule set versions, working-day calendar, calculator', () => {
  let t: TestContext;
  const cookies: Record<string, string> = {};
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
  const calc = async (body: object, who = 'zhuhang.officer1') => req('POST', '/api/legal/calculate', who, body);
  const upload = (url: string, data: Buffer) => {
    const { payload, headers } = multipartFile('file', 'calendar.xlsx', data, XLSX);
    return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: cookies.bureau! } });
  };
  const auditActions = async (prefix: string) =>
    (await t.database.rows<{ action: string; entity_id: string }>(sql`select action, entity_id from audit_record where action like ${`${prefix}%`} order by seq`)).map((r) => `${r.action} ${r.entity_id}`);

  before(async () => {
    t = await createTestContext({ now: new Date('2026-09-30T02:00:00Z') });
    for (const u of ['admin', 'bureau', 'legal', 'zhuhang.officer1', 'zhuhang.aux1']) cookies[u] = await t.login(u);
  });
  after(() => t.close());

  test('first start shipped the national rules as the published version and the 2025 and 2026 calendars', async () => {
    const v = await req('GET', '/api/legal/versions', 'legal');
    assert.equal(v.statusCode, 200, v.body);
    const items = v.json().items as { label: string; status: string; ruleCount: number; actions: string[] }[];
    assert.deepEqual(items.map((i) => [i.label, i.status, i.ruleCount]), [['全国规则（内置）', 'published', SHIPPED_RULES.length]]);
    assert.deepEqual(v.json().actions, [], 'a legal reviewer reads, does not maintain');
    const c = (await req('GET', '/api/legal/calendars', 'legal')).json();
    assert.deepEqual(c.items.map((y: { year: number; origin: string }) => `${y.year}:${y.origin}`), ['2025:shipped', '2026:shipped']);
    assert.deepEqual(await auditActions('legal.'), ['legal.version.bootstrap ' + (await t.database.rows<{ id: string }>(sql`select id from legal_rule_set_version`))[0]!.id, 'legal.calendar.bootstrap 2025', 'legal.calendar.bootstrap 2026']);
  });

  test('rules in force are found by law, article or words; a rule that changed applies by the date', async () => {
    const r = await req('GET', `/api/legal/rules?onDate=2026-10-01&q=${encodeURIComponent('送达')}`, 'zhuhang.officer1');
    assert.equal(r.statusCode, 200, r.body);
    const service = (r.json().items as Rule[]).find((x) => x.id === 'xzcf.service_absent');
    assert.ok(service, r.body);
    assert.equal(service.law.name, '中华人民共和国行政处罚法');
    assert.equal(service.article, '第六十一条');
    const byArticle = (await req('GET', `/api/legal/rules?onDate=2026-10-01&q=${encodeURIComponent('第五十一条')}`, 'zhuhang.officer1')).json().items as Rule[];
    assert.deepEqual(byArticle.map((x) => x.id), ['xzcf.simple_procedure']);
    const old = (await req('GET', `/api/legal/rules?onDate=2020-06-01&q=xzcf.simple_procedure`, 'zhuhang.officer1')).json().items as Rule[];
    assert.deepEqual(old.map((x) => `${x.id}@${x.effectiveFrom}`), ['xzcf.simple_procedure@1996-10-01']);
    assert.equal((await req('GET', '/api/legal/rules', 'zhuhang.aux1')).statusCode, 403, 'an auxiliary has no legal.read');
  });

  test('calculator: 送达 within 7 working days over 国庆 2026 names each skipped day', async () => {
    const r = await calc({ ruleId: 'xzcf.service_absent', start: '2026-09-30', onDate: '2026-09-30' });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.outcome, 'due');
    // 10-01..10-07 国庆 off, 10-08 Thu, 10-09 Fri, 10-10 Sat makeup day, 10-11 Sun off, 10-12..10-15: the 7th is 10-15.
    assert.equal(body.due, '2026-10-15');
    assert.equal(body.workingDaysLeft, 7);
    const skipped = (body.explanation as Step[]).filter((s) => s.kind === 'skip').map((s) => `${s.date}:${s.dayKind}:${s.holidayName ?? ''}`);
    assert.deepEqual(skipped, [...[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}:holiday:国庆节`), '2026-10-11:weekend:']);
    assert.equal(body.rule.article, '第六十一条');
    // The same by procedure step.
    assert.equal((await calc({ step: 'service', start: '2026-09-30' })).json().due, '2026-10-15');
  });

  test('calculator: a year without a calendar is the answer calendar_missing, never a weekend-only count', async () => {
    const r = await calc({ ruleId: 'xzcf.service_absent', start: '2026-12-28' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().outcome, 'calendar_missing');
    assert.equal(r.json().due, null);
    assert.deepEqual(r.json().missingYears, [2027]);
    assert.deepEqual((r.json().explanation as Step[]).at(-1), { kind: 'calendar_missing', years: [2027] });
  });

  test('calculator: simple procedure by the date of the act, late fee capped at the fine, limitation, bad input', async () => {
    const ok = (await calc({ ruleId: 'xzcf.simple_procedure', start: '2026-05-01', partyType: 'individual', penaltyKind: 'fine', amountFen: 200_00 })).json();
    assert.equal(ok.outcome, 'allowed');
    const over = (await calc({ step: 'simple_procedure', start: '2026-05-01', partyType: 'individual', penaltyKind: 'fine', amountFen: 200_01 })).json();
    assert.equal(over.outcome, 'refused');
    assert.equal(over.refusal.code, 'legal.simple_procedure.over_limit');
    // Before 2021-07-15 the limit for a person was 50 yuan.
    const old = (await calc({ ruleId: 'xzcf.simple_procedure', start: '2020-05-01', partyType: 'individual', penaltyKind: 'fine', amountFen: 100_00 })).json();
    assert.equal(old.outcome, 'refused');
    assert.equal(old.rule.effectiveFrom, '1996-10-01');

    const fee = (await calc({ ruleId: 'xzcf.late_fee', start: '2026-01-01', fineFen: 100_00, paidOn: '2026-03-01' })).json();
    assert.equal(fee.outcome, 'late_fee');
    assert.equal(fee.feeFen, 100_00, 'capped at the fine');
    const small = (await calc({ ruleId: 'xzcf.late_fee', start: '2026-01-01', fineFen: 100_00, paidOn: '2026-01-03' })).json();
    assert.equal(small.feeFen, 6_00, '2 days × 3 % of 100 yuan');

    const lim = (await calc({ ruleId: 'xzcf.limitation', start: '2023-01-10', onDate: '2026-01-11' })).json();
    assert.equal(lim.outcome, 'barred');
    assert.equal(lim.lastDay, '2025-01-10');

    const missing = await calc({ ruleId: 'xzcf.simple_procedure', start: '2026-05-01', penaltyKind: 'fine', amountFen: 100 });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().code, 'legal.input_required');
    assert.equal(missing.json().details.issues[0].field, 'partyType');
    assert.equal((await calc({ ruleId: 'no.such_rule', start: '2026-05-01' })).json().code, 'legal.rule_not_found');
    assert.equal((await calc({ start: '2026-05-01' })).json().code, 'legal.rule_required');
    const beforeAct = await calc({ ruleId: 'xzcf.limitation', start: '2026-01-10', onDate: '2025-01-11' });
    assert.equal(beforeAct.json().code, 'legal.limitation.discovered_before_act');
  });

  test('permissions: an officer reads and calculates, cannot draft, publish or enter a calendar', async () => {
    assert.equal((await req('POST', '/api/legal/versions', 'zhuhang.officer1', { label: 'x' })).statusCode, 403);
    const published = (await req('GET', '/api/legal/versions', 'zhuhang.officer1')).json().items[0].id;
    assert.equal((await req('POST', `/api/legal/versions/${published}/publish`, 'zhuhang.officer1')).statusCode, 403);
    assert.equal((await req('PUT', '/api/legal/calendars/2027', 'zhuhang.officer1', notice2027([]))).statusCode, 403);
    assert.equal((await req('PUT', '/api/legal/calendars/2027', 'legal', notice2027([]))).statusCode, 403);
  });

  test('a draft: add a local rule with its citation, edit a ministerial rule, publish; the published version is frozen', async () => {
    const d = await req('POST', '/api/legal/versions', 'bureau', { label: '2026年南通版', note: '增加本地立案期限' });
    assert.equal(d.statusCode, 201, d.body);
    const draft = d.json();
    assert.equal(draft.ruleCount, SHIPPED_RULES.length);
    assert.equal((await req('POST', '/api/legal/versions', 'bureau', { label: '再一个' })).json().code, 'legal.draft_exists');

    const noQuote = await req('PUT', `/api/legal/versions/${draft.id}/rules/nt.case_check`, 'bureau', { ...localRule(), quote: '' });
    assert.equal(noQuote.statusCode, 400);
    assert.equal(noQuote.json().code, 'request.validation');
    const added = await req('PUT', `/api/legal/versions/${draft.id}/rules/nt.case_check`, 'bureau', { ...localRule(), expectedVersion: draft.version });
    assert.equal(added.statusCode, 200, added.body);
    const rule = (added.json().rules as Rule[]).find((r) => r.id === 'nt.case_check')!;
    assert.equal(rule.origin, 'local');
    assert.deepEqual(rule.actions, ['edit', 'delete']);
    // A second edit on the version the first one replaced is refused.
    const stale = await req('PUT', `/api/legal/versions/${draft.id}/rules/nt.case_check`, 'bureau', { ...localRule({ titleZh: '改' }), expectedVersion: draft.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    const overlap = await req('PUT', `/api/legal/versions/${draft.id}/rules/nt.case_check`, 'bureau', localRule({ effectiveFrom: '2025-01-01' }));
    assert.equal(overlap.json().code, 'legal.rule_overlap');

    const national = NATIONAL_RULES.find((r) => r.id === 'xzcf.service_absent')!;
    const edit = await req('PUT', `/api/legal/versions/${draft.id}/rules/xzcf.service_absent`, 'bureau', localRule({ effectiveFrom: national.effectiveFrom }));
    assert.equal(edit.json().code, 'legal.rule_not_editable');
    const ministerial = NATIONAL_RULES.find((r) => r.id === 'zjb55.lead_check')!;
    const fixed = await req('PUT', `/api/legal/versions/${draft.id}/rules/zjb55.lead_check`, 'bureau', {
      titleZh: ministerial.titleZh,
      titleEn: ministerial.titleEn,
      law: ministerial.law,
      article: '第十八条',
      quote: ministerial.quote,
      effectiveFrom: ministerial.effectiveFrom,
      params: ministerial.params,
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal((fixed.json().rules as Rule[]).find((r) => r.id === 'zjb55.lead_check')!.article, '第十八条');
    assert.equal((await req('DELETE', `/api/legal/versions/${draft.id}/rules/zjb55.lead_check`, 'bureau')).json().code, 'legal.rule_not_deletable');

    const pub = await req('POST', `/api/legal/versions/${draft.id}/publish`, 'bureau', {});
    assert.equal(pub.statusCode, 200, pub.body);
    assert.equal(pub.json().status, 'published');
    const versions = (await req('GET', '/api/legal/versions', 'bureau')).json().items as { label: string; status: string }[];
    assert.deepEqual(versions.map((v) => `${v.label}:${v.status}`), ['2026年南通版:published', '全国规则（内置）:superseded']);
    // The calculator uses the new version at once.
    const found = (await req('GET', '/api/legal/rules?q=nt.case_check&onDate=2026-10-01', 'zhuhang.officer1')).json();
    assert.equal(found.version.label, '2026年南通版');
    assert.equal(found.items[0].law.name, '南通市城市管理综合行政执法程序规定（测试）');
    const due = (await calc({ ruleId: 'nt.case_check', start: '2026-09-30' })).json();
    assert.equal(due.due, '2026-10-15');

    const frozen = await req('PUT', `/api/legal/versions/${draft.id}/rules/nt.case_check`, 'bureau', localRule({ titleZh: '改' }));
    assert.equal(frozen.statusCode, 409);
    assert.equal(frozen.json().code, 'legal.version_immutable');
    // The database refuses it too, whoever writes.
    await assert.rejects(t.database.rows(sql`update legal_rule set quote = 'x' where version_id = ${draft.id}`));
    await assert.rejects(t.database.rows(sql`delete from legal_rule where version_id = ${draft.id}`));
    await assert.rejects(t.database.rows(sql`update legal_rule_set_version set label = 'x' where id = ${draft.id}`));
    await assert.rejects(t.database.rows(sql`delete from legal_rule_set_version where id = ${draft.id}`));
    const rules = await t.database.rows<{ n: number }>(sql`select count(*)::int n from legal_rule where version_id = ${draft.id} and quote = 'x'`);
    assert.equal(rules[0]!.n, 0);

    assert.deepEqual(
      (await auditActions('legal.rule.')).map((a) => a.split(' ')[0]),
      ['legal.rule.create', 'legal.rule.update'],
    );
    assert.equal((await auditActions('legal.version.publish')).length, 1);
  });

  test('local defaults: shipped marked as defaults (立案核查, 备案, 听证 较大数额), editable and removable in a draft; the bootstrap never touches a published set again', async () => {
    const found = (await req('GET', '/api/legal/rules?q=local.&onDate=2026-10-01', 'zhuhang.officer1')).json();
    const local = (found.items as (Rule & { verified: boolean; titleZh: string; note: string | null })[]).filter((r) => r.id.startsWith('local.') && r.law.name.includes('非法律规定'));
    assert.deepEqual(local.map((r) => r.id).sort(), ['local.case_check', 'local.hearing_amount', 'local.simple_filing']);
    for (const r of local) {
      assert.equal(r.origin, 'local');
      assert.equal(r.verified, false);
      assert.match(r.titleZh, /默认值/);
      assert.ok(r.note);
    }
    // The calculator counts them like any period: 7 working days over 国庆 2026, +8 when extended.
    assert.equal((await calc({ ruleId: 'local.case_check', start: '2026-09-30' })).json().due, '2026-10-15');
    assert.equal((await calc({ step: 'case_check', start: '2026-09-30', extended: true })).json().due, '2026-10-27');
    assert.equal((await calc({ step: 'simple_filing', start: '2026-09-30' })).json().due, '2026-10-13');
    // 公告送达 (民事诉讼法 第九十五条): 30 days from the notice, deemed served on the next working day after 国庆.
    const notice = (await calc({ step: 'public_notice_service', start: '2026-09-02' })).json();
    assert.equal(notice.due, '2026-10-08', JSON.stringify(notice));
    assert.equal(notice.rule.article, '第九十五条');

    const d = await req('POST', '/api/legal/versions', 'bureau', { label: '确认本地默认值' });
    assert.equal(d.statusCode, 201, d.body);
    const inDraft = (d.json().rules as Rule[]).filter((r) => r.id.startsWith('local.') && r.law.name.includes('非法律规定'));
    assert.deepEqual(inDraft.map((r) => r.actions), [['edit', 'delete'], ['edit', 'delete'], ['edit', 'delete']]);
    const shipped = SHIPPED_RULES.find((r) => r.id === 'local.case_check')!;
    if (shipped.kind !== 'period') throw new Error('local.case_check is a period');
    const confirmed = await req('PUT', `/api/legal/versions/${d.json().id}/rules/local.case_check`, 'bureau', {
      titleZh: '立案核查期限（本局规定）',
      titleEn: 'Case-opening check period (bureau rule)',
      law: { name: '某市城市管理综合行政执法程序规定（测试）', version: '2025-03-01' },
      article: '第十二条',
      quote: '对发现的违法行为线索，应当在十个工作日内核查并决定是否立案。',
      effectiveFrom: shipped.effectiveFrom,
      params: { ...shipped.params, count: 10, extension: undefined },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal((await req('DELETE', `/api/legal/versions/${d.json().id}/rules/local.hearing_amount`, 'bureau')).statusCode, 200);
    assert.equal((await req('POST', `/api/legal/versions/${d.json().id}/publish`, 'bureau', {})).statusCode, 200);
    assert.equal((await calc({ ruleId: 'local.case_check', start: '2026-09-30' })).json().due, '2026-10-20', '10 working days now');

    // A restart runs the bootstrap again: a published set is never changed, a removed default does not come back.
    const again = await ensureLegalBaseline(t.database, t.clock, (await t.database.rows<{ org_unit_id: string }>(sql`select org_unit_id from legal_rule_set_version limit 1`))[0]!.org_unit_id);
    assert.equal(again.versionCreated, false);
    const after = (await req('GET', '/api/legal/rules?q=local.&onDate=2026-10-01', 'zhuhang.officer1')).json();
    assert.equal(after.version.label, '确认本地默认值');
    assert.deepEqual((after.items as Rule[]).filter((r) => r.id.startsWith('local.')).map((r) => r.id).sort(), ['local.case_check', 'local.simple_filing']);
  });

  test('calendar: a makeup day on a Tuesday is refused with the reason; a year is entered, replaced only when confirmed', async () => {
    const bad = await req('PUT', '/api/legal/calendars/2027', 'bureau', notice2027(['2027-01-05']));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'legal.calendar_invalid');
    assert.deepEqual(bad.json().details.issues.map((i: { field: string; reason: string; params?: { date: string } }) => `${i.field}:${i.reason}:${i.params?.date}`), ['makeupWorkdays:makeup_not_weekend:2027-01-05']);
    const overlap = await req('PUT', '/api/legal/calendars/2027', 'bureau', notice2027(['2027-01-02']));
    assert.ok(overlap.json().details.issues.some((i: { reason: string }) => i.reason === 'holiday_and_makeup'), overlap.body);
    assert.equal((await req('GET', '/api/legal/calendars/2027', 'bureau')).statusCode, 404, 'nothing written');

    const ok = await req('PUT', '/api/legal/calendars/2027', 'bureau', notice2027(['2027-01-09']));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().replaced, false);
    const year = ok.json().calendar;
    assert.equal(year.days.length, 365);
    assert.deepEqual(year.days.find((d: { date: string }) => d.date === '2027-01-09'), { date: '2027-01-09', kind: 'makeup_workday', name: null });
    // The year that was missing now counts.
    assert.equal((await calc({ ruleId: 'xzcf.service_absent', start: '2026-12-28' })).json().outcome, 'due');

    const again = await req('PUT', '/api/legal/calendars/2027', 'bureau', notice2027([]));
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'legal.calendar_exists');
    const replaced = await req('PUT', '/api/legal/calendars/2027?replace=true', 'bureau', notice2027([]));
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json().replaced, true);
    assert.equal(replaced.json().calendar.makeupCount, 0);
    assert.deepEqual(await auditActions('legal.calendar.replace'), ['legal.calendar.replace 2027']);
    const [rec] = await t.database.rows<{ before: { makeupWorkdays: string[] }; after: { makeupWorkdays: string[] } }>(sql`select before, after from audit_record where action = 'legal.calendar.replace'`);
    assert.deepEqual([rec!.before.makeupWorkdays, rec!.after.makeupWorkdays], [['2027-01-09'], []]);

    const grid = (await req('GET', '/api/legal/calendars/2026', 'zhuhang.officer1')).json();
    assert.deepEqual(grid.days.find((d: { date: string }) => d.date === '2026-10-01'), { date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    assert.deepEqual(grid.actions, ['export']);
  });

  test('calendar Excel: template, row errors with row and column, notice errors placed on their row, nothing half-written', async () => {
    const tpl = await req('GET', '/api/legal/calendars/template.xlsx?year=2028', 'bureau');
    assert.equal(tpl.statusCode, 200);
    assert.equal(tpl.headers['content-type'], XLSX);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(read.worksheets.map((w) => w.name), ['通知', '日期']);

    const cells = await upload(
      '/api/legal/calendars/import',
      await workbook(info2028, [
        ['2028-01-01', '放假', '元旦'],
        ['2028-13-01', '放假', '元旦'],
        ['2028-01-08', '补班', ''],
      ]),
    );
    assert.equal(cells.statusCode, 400, cells.body);
    assert.equal(cells.json().code, 'legal.calendar_import_invalid');
    assert.deepEqual(cells.json().details.issues.map((i: { row: number; column: string; code: string }) => `${i.row}${i.column}:${i.code}`), ['3A:cell_not_date', '4B:cell_not_option']);

    const tuesday = await upload(
      '/api/legal/calendars/import',
      await workbook(info2028, [
        ['2028-01-01', '放假', '元旦'],
        ['2028-01-04', '调休上班', ''],
      ]),
    );
    assert.equal(tuesday.statusCode, 400, tuesday.body);
    assert.equal(tuesday.json().code, 'legal.calendar_invalid');
    assert.deepEqual(tuesday.json().details.issues.map((i: { row: number; column: string; reason: string }) => `${i.row}${i.column}:${i.reason}`), ['3A:makeup_not_weekend']);

    const good = await workbook(info2028, [
      ['2028-01-01', '放假', '元旦'],
      [new Date('2028-01-02T00:00:00Z'), '放假', '元旦'],
      ['2028-01-08', '调休上班', ''],
    ]);
    const dry = await upload('/api/legal/calendars/import?dryRun=true', good);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json().dryRun, true);
    assert.equal((await req('GET', '/api/legal/calendars/2028', 'bureau')).statusCode, 404, 'a dry run writes nothing');
    const real = await upload('/api/legal/calendars/import', good);
    assert.equal(real.statusCode, 200, real.body);
    assert.equal(real.json().calendar.holidayCount, 2);
    assert.equal((await upload('/api/legal/calendars/import', good)).json().code, 'legal.calendar_exists');
    assert.deepEqual(await auditActions('legal.calendar.create'), ['legal.calendar.create 2027', 'legal.calendar.create 2028']);

    const exported = await req('GET', '/api/legal/calendars/2028/export.xlsx', 'legal');
    assert.equal(exported.statusCode, 200);
  });
});
