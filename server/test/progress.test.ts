import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { assessment, assessmentItem, campaign, rectificationTask } from '../src/modules/assessment/assessment.tables';
import { repairSnapshotAspects, teamSnapshot } from '../src/modules/progress';
import { dayNumber, dayString } from '../src/modules/progress/domain/forecast';
import { newId } from '../src/platform/ids';
import { createTestContext, UNITS, type TestContext } from './helpers';

/**
 * Fixture: a small published standard (aspects A 执法机构: A.1 veto 10 + A.2 10; B 执法保障: B.1 20 + B.2 10;
 * 50 points for a team) with department-level items no team is assessed on (aspect D 执法部门: D.1 veto 10
 * only; B.3 10 in B), and a campaign (pass 80 %, basic 60 %) over six demo teams in two districts, with known results.
 *
 *   team (district)      status     results                      pct  official grade
 *   城东 (崇川)          accepted   all compliant                100  pass
 *   和平桥 (崇川)        accepted   A.2 ✗                          80  pass
 *   任港 (崇川)          accepted   B.1 ✗                          60  basic_pass
 *   竹行 (开发区)        accepted   A.1 ✗ (veto)                   80  fail
 *   中兴 (开发区)        submitted  B.2 ✗                          80  —
 *   新开 (开发区)        draft      only A.1 answered (compliant)  20  —
 */
const TODAY = '2019-09-30';
const NOW = new Date('2019-09-30T04:00:00Z'); // noon in Shanghai

const TEAMS = [
  { code: '320602001', name: '城东', status: 'accepted', grade: 'pass', pct: 100, results: { 'A.1': 'compliant', 'A.2': 'compliant', 'B.1': 'compliant', 'B.2': 'compliant' } },
  { code: '320602002', name: '和平桥', status: 'accepted', grade: 'pass', pct: 80, results: { 'A.1': 'compliant', 'A.2': 'non_compliant', 'B.1': 'compliant', 'B.2': 'compliant' } },
  { code: '320602003', name: '任港', status: 'accepted', grade: 'basic_pass', pct: 60, results: { 'A.1': 'compliant', 'A.2': 'compliant', 'B.1': 'non_compliant', 'B.2': 'compliant' } },
  { code: '320671003', name: '竹行', status: 'accepted', grade: 'fail', pct: 80, results: { 'A.1': 'non_compliant', 'A.2': 'compliant', 'B.1': 'compliant', 'B.2': 'compliant' } },
  { code: '320671001', name: '中兴', status: 'submitted', grade: null, pct: 80, results: { 'A.1': 'compliant', 'A.2': 'compliant', 'B.1': 'compliant', 'B.2': 'non_compliant' } },
  { code: '320671002', name: '新开', status: 'draft', grade: null, pct: 20, results: { 'A.1': 'compliant' } },
] as const;
const POINTS: Record<string, number> = { 'A.1': 10, 'A.2': 10, 'B.1': 20, 'B.2': 10 };

describe('progress: targets, snapshots, dashboard, forecasts, scope, meeting report', () => {
  let t: TestContext;
  let admin: string;
  let campaignId: string;
  let rootId: string;
  let chongchuanId: string;
  let kaifaId: string;
  const unit: Record<string, string> = {};
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = admin) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const auditCount = async (action: string) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = ${action}`))[0]!.n;

  before(async () => {
    t = await createTestContext({ now: NOW });
    admin = await t.login('admin');
    rootId = await t.unitId(UNITS.root);
    chongchuanId = await t.unitId(UNITS.chongchuan);
    kaifaId = await t.unitId(UNITS.kaifa);
    for (const team of TEAMS) unit[team.name] = await t.unitId(team.code);

    const std = await req('POST', '/api/catalog/standards', { code: 'PROG-STD', name: '进度测试标准', issuer: '测试厅', kind: 'provincial' });
    assert.equal(std.statusCode, 201, std.body);
    const v = await req('POST', '/api/catalog/versions', { standardId: std.json().id, label: 'v1' });
    const versionId = v.json().id;
    const node = (parentCode: string | null, title: string, extra: object = {}) => ({ parentCode, title, text: null, points: null, method: null, rule: null, evidence: null, isVeto: false, appliesTo: 'team', guidance: null, ...extra });
    for (const [code, body] of [
      ['A', node(null, '执法机构')],
      ['A.1', node('A', '执法人员持证上岗', { points: 10, method: 'pass_fail', isVeto: true })],
      ['A.2', node('A', '统一着装', { points: 10, method: 'pass_fail' })],
      ['B', node(null, '执法保障')],
      ['B.1', node('B', '执法记录仪配备', { points: 20, method: 'pass_fail' })],
      ['B.2', node('B', '每人一台电脑', { points: 10, method: 'pass_fail' })],
      ['B.3', node('B', '执法经费纳入财政预算', { points: 10, method: 'pass_fail', appliesTo: 'department' })],
      ['D', node(null, '执法部门')],
      ['D.1', node('D', '机构编制文件', { points: 10, method: 'pass_fail', isVeto: true, appliesTo: 'department' })],
    ] as const) {
      const r = await req('PUT', `/api/catalog/versions/${versionId}/nodes/${code}`, body);
      assert.equal(r.statusCode, 200, r.body);
    }
    assert.equal((await req('POST', `/api/catalog/versions/${versionId}/publish`)).statusCode, 200);

    campaignId = newId();
    const now = t.clock.now();
    const { db } = t.database;
    await db.insert(campaign).values({ id: campaignId, name: '2019年规范化达标评估', versionId, orgUnitId: rootId, startDate: '2019-06-01', dueDate: '2019-12-31', passPct: 80, basicPct: 60, status: 'active', createdAt: now, updatedAt: now });
    for (const team of TEAMS) {
      const aId = newId();
      const orgUnitId = unit[team.name]!;
      const score = (team.pct / 100) * 50;
      await db.insert(assessment).values({ id: aId, campaignId, orgUnitId, status: team.status, score, maxScore: 50, pct: team.pct, grade: team.grade, createdAt: now, updatedAt: now });
      for (const [nodeCode, result] of Object.entries(team.results)) {
        const itemId = newId();
        await db.insert(assessmentItem).values({ id: itemId, assessmentId: aId, orgUnitId, nodeCode, result, score: result === 'compliant' ? POINTS[nodeCode]! : 0, updatedAt: now });
        if (result === 'non_compliant') {
          await db.insert(rectificationTask).values({ id: newId(), assessmentId: aId, assessmentItemId: itemId, nodeCode, orgUnitId, title: `整改：${nodeCode}`, dueDate: team.name === '竹行' ? '2019-09-15' : '2019-10-31', status: team.name === '和平桥' ? 'verified' : 'open', createdAt: now, updatedAt: now });
        }
      }
    }
  });
  after(() => t.close());

  test('targets: create with validation, list with counts and actions, update with version (409 when stale), delete; audited', async () => {
    const base = { campaignId, orgUnitId: rootId, title: '年底过半达标', dueDate: '2019-12-31', requiredCount: 4 };
    const tooMany = await req('POST', '/api/progress/targets', { ...base, requiredCount: 7 });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().code, 'progress.required_exceeds_teams');
    assert.equal(tooMany.json().details.max, 6);
    assert.deepEqual(tooMany.json().details.issues.map((i: { field: string; code: string; params: unknown }) => [i.field, i.code, i.params]), [['requiredCount', 'required_exceeds_teams', { max: 6, required: 7 }]]);
    const inDistrict = await req('POST', '/api/progress/targets', { ...base, orgUnitId: kaifaId, requiredCount: 4 });
    assert.equal(inDistrict.json().code, 'progress.required_exceeds_teams', 'the development zone has 3 campaign teams');
    assert.equal((await req('POST', '/api/progress/targets', { ...base, aspectCode: 'Z', aspectMinPct: 90 })).json().code, 'progress.unknown_aspect');
    assert.equal((await req('POST', '/api/progress/targets', { ...base, aspectCode: 'B' })).json().code, 'progress.aspect_incomplete');
    const deptAspect = (await req('POST', '/api/progress/targets', { ...base, aspectCode: 'D', aspectMinPct: 80 })).json();
    assert.equal(deptAspect.code, 'progress.unknown_aspect', 'no team is assessed on aspect D');
    assert.deepEqual(deptAspect.details.aspects, ['A', 'B']);
    assert.equal((await req('POST', '/api/progress/targets', { ...base, dueDate: '2019-13-01' })).statusCode, 400);
    assert.equal((await req('POST', '/api/progress/targets', { ...base, campaignId: newId() })).statusCode, 404);

    const before = await auditCount('progress.target.create');
    const created = await req('POST', '/api/progress/targets', base);
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual({ ...(created.json() as object), id: undefined }, {
      ...base,
      id: undefined,
      orgUnitName: '南通市城市管理局',
      ofCount: 6,
      aspectCode: null,
      aspectMinPct: null,
      isDemo: false,
      version: 1,
      actions: ['update', 'delete'],
    });
    assert.equal(await auditCount('progress.target.create'), before + 1);
    const full = (await req('POST', '/api/progress/targets', { ...base, title: '十月底全部达标', dueDate: '2019-10-31', requiredCount: 6 })).json();
    const kaifa = (await req('POST', '/api/progress/targets', { ...base, orgUnitId: kaifaId, title: '开发区至少1队', dueDate: '2020-06-30', requiredCount: 1 })).json();
    assert.equal(kaifa.ofCount, 3);
    const aspect = await req('POST', '/api/progress/targets', { ...base, title: '执法保障≥90%', requiredCount: 3, aspectCode: 'B', aspectMinPct: 90 });
    assert.equal(aspect.statusCode, 201, aspect.body);

    const list = (await req('GET', `/api/progress/targets?campaignId=${campaignId}`)).json();
    assert.deepEqual(list.actions, ['create']);
    assert.deepEqual(list.items.map((i: { title: string }) => i.title).sort(), ['十月底全部达标', '年底过半达标', '开发区至少1队', '执法保障≥90%'].sort());

    const p1 = await req('PATCH', `/api/progress/targets/${full.id}`, { version: 1, title: '十月底全部达标（调整）' });
    assert.equal(p1.statusCode, 200, p1.body);
    assert.equal(p1.json().version, 2);
    const stale = await req('PATCH', `/api/progress/targets/${full.id}`, { version: 1, title: '旧版本' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    assert.equal((await req('PATCH', `/api/progress/targets/${full.id}`, { version: 2, requiredCount: 9 })).json().code, 'progress.required_exceeds_teams');

    const extra = (await req('POST', '/api/progress/targets', { ...base, title: '临时' })).json();
    const delBefore = await auditCount('progress.target.delete');
    assert.equal((await req('DELETE', `/api/progress/targets/${extra.id}`)).statusCode, 204);
    assert.equal((await req('DELETE', `/api/progress/targets/${extra.id}`)).statusCode, 404);
    assert.equal(await auditCount('progress.target.delete'), delBefore + 1);
  });

  test('snapshots on demand: one row per team and day (upsert), grades official only, one audit record per call', async () => {
    const before = await auditCount('progress.snapshot.take');
    const r = await req('POST', '/api/progress/snapshots', { campaignId });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { campaignId, day: TODAY, teams: 6, pass: 2, basicPass: 1, fail: 1, notAccepted: 2 });
    assert.equal((await req('POST', '/api/progress/snapshots', { campaignId, day: TODAY })).statusCode, 200);
    assert.equal(await auditCount('progress.snapshot.take'), before + 2);
    const rows = await t.database.rows<{ org_unit_id: string; grade: string | null; status: string; pct: number; aspect_pcts: Record<string, number> }>(
      sql`select org_unit_id, grade, status, pct, aspect_pcts from team_snapshot where campaign_id = ${campaignId} and day = ${TODAY}`,
    );
    assert.equal(rows.length, 6);
    const by = Object.fromEntries(rows.map((x) => [x.org_unit_id, x]));
    assert.equal(by[unit['竹行']!]!.grade, 'fail');
    assert.equal(by[unit['中兴']!]!.grade, null, 'submitted: no official grade');
    // Team items only: neither aspect D (department items only) nor B.3 (a department item in B) counts.
    assert.deepEqual(by[unit['任港']!]!.aspect_pcts, { A: 100, B: 33.33 });
    assert.deepEqual(by[unit['城东']!]!.aspect_pcts, { A: 100, B: 100 });
    assert.equal((await req('POST', '/api/progress/snapshots', { campaignId, day: '2019-10-01' })).json().code, 'progress.future_day');
    assert.equal((await req('POST', '/api/progress/snapshots', { campaignId: newId() })).statusCode, 404);
  });

  test('dashboard (city): now, by district, by aspect, gaps with blocking items, ranking, burn-up and forecasts', async () => {
    // 89 days of history before today: 城东 达标 from day −60, 和平桥 from day −15 (today's row is from the test above).
    const rows: (typeof teamSnapshot.$inferInsert)[] = [];
    for (let d = -89; d <= -1; d++) {
      const day = dayString(dayNumber(TODAY) + d);
      for (const team of TEAMS) {
        const passed = (team.name === '城东' && d >= -60) || (team.name === '和平桥' && d >= -15);
        rows.push({ campaignId, orgUnitId: unit[team.name]!, day, status: passed ? 'accepted' : 'draft', pct: passed ? 90 : 50, grade: passed ? 'pass' : null, aspectPcts: { A: 50, B: 50 } });
      }
    }
    await t.database.db.insert(teamSnapshot).values(rows);

    const r = await req('GET', `/api/progress/dashboard?campaignId=${campaignId}`);
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json();
    assert.equal(d.today, TODAY);
    assert.deepEqual(d.campaign, { id: campaignId, name: '2019年规范化达标评估', versionLabel: 'v1', passPct: 80, basicPct: 60 });
    assert.deepEqual(d.now, { pass: 2, basicPass: 1, fail: 1, notAccepted: 2, total: 6 });
    assert.deepEqual(
      d.byDistrict.map((x: { orgUnitId: string; pass: number; basicPass: number; fail: number; total: number; avgPct: number }) => [x.orgUnitId, x.pass, x.basicPass, x.fail, x.total, x.avgPct]),
      [
        [chongchuanId, 2, 1, 0, 3, 80],
        [kaifaId, 0, 0, 1, 3, 60],
      ],
    );
    assert.deepEqual(d.byAspect, [
      { aspectCode: 'A', title: '执法机构', avgPct: 75, teamsBelow: ['和平桥', '新开', '竹行'] },
      { aspectCode: 'B', title: '执法保障', avgPct: 66.7, teamsBelow: ['任港', '新开', '中兴'] },
    ]);
    assert.deepEqual(d.ranking.map((x: { rank: number; name: string }) => `${x.rank}.${x.name}`), ['1.城东', '2.和平桥', '3.中兴', '4.竹行', '5.任港', '6.新开']);
    assert.deepEqual(d.gaps.map((g: { name: string }) => g.name), ['中兴', '竹行', '任港', '新开']);
    const zhuhang = d.gaps.find((g: { name: string }) => g.name === '竹行');
    assert.deepEqual(zhuhang.vetoFailed, [{ code: 'A.1', title: '执法人员持证上岗' }]);
    assert.deepEqual(zhuhang.failing, [{ code: 'A.1', title: '执法人员持证上岗', points: 10, isVeto: true }]);
    assert.equal(zhuhang.grade, 'fail');
    assert.equal(zhuhang.openRectifications, 1);
    assert.equal(zhuhang.districtName, '南通经济技术开发区城市管理局');
    const xinkai = d.gaps.find((g: { name: string }) => g.name === '新开');
    assert.deepEqual(xinkai.failing, [], 'unanswered items are not 不符合');

    assert.equal(d.burnUp.length, 90);
    assert.equal(d.burnUpBucket, 'day');
    assert.deepEqual(d.burnUp.at(-1), { day: TODAY, pass: 2, basicPass: 1, accepted: 4, avgPct: 70 });
    assert.equal(d.burnUp[0].pass, 0);

    const f = Object.fromEntries(d.targets.map((x: { title: string; current: number; forecast: { status: string; projected: number } }) => [x.title, [x.current, x.forecast.status, x.forecast.projected]]));
    assert.deepEqual(f, {
      年底过半达标: [2, 'on_track', 4.2],
      '十月底全部达标（调整）': [2, 'off_track', 2.7],
      开发区至少1队: [0, 'off_track', 0],
      '执法保障≥90%': [3, 'met', 3],
    });
    assert.match(d.targets[0].forecast.method, /最小二乘/);
    // The city's own targets, and the development zone's (inside the city) told apart for the chart's pins.
    assert.deepEqual(Object.fromEntries(d.targets.map((x: { title: string; relation: string }) => [x.title, x.relation])), {
      年底过半达标: 'this',
      '十月底全部达标（调整）': 'this',
      开发区至少1队: 'within',
      '执法保障≥90%': 'this',
    });
    assert.deepEqual(d.actions, ['snapshot', 'report', 'createTarget']);
  });

  test('dashboard: an answer saved after a read counts at once (answered items are cached per assessment row version)', async () => {
    const gapOf = async (name: string) => {
      const r = await req('GET', `/api/progress/dashboard?campaignId=${campaignId}`);
      assert.equal(r.statusCode, 200, r.body);
      return (r.json().gaps as { name: string; failing: { code: string }[] }[]).find((g) => g.name === name);
    };
    assert.deepEqual((await gapOf('新开'))?.failing, []);
    const [a] = await t.database.rows<{ id: string; version: number }>(
      sql`select a.id, i.version from assessment a join assessment_item i on i.assessment_id = a.id where a.campaign_id = ${campaignId} and a.org_unit_id = ${unit['新开']!} and i.node_code = 'A.1'`,
    );
    // A draft is recorded by its team's leader.
    const leader = await t.login('xinkai.leader');
    const save = (result: string, version: number) => req('PATCH', `/api/assessment/assessments/${a!.id}/items/A.1`, { version, result }, leader);
    const failed = await save('non_compliant', a!.version);
    assert.equal(failed.statusCode, 200, failed.body);
    assert.deepEqual((await gapOf('新开'))?.failing.map((f) => f.code), ['A.1']);
    const back = await save('compliant', failed.json().version);
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual((await gapOf('新开'))?.failing, []);
  });

  test('scope: a district manager sees his district only; team leaders and auxiliaries are refused what they may not do', async () => {
    const manager = await t.login('chongchuan.manager');
    const d = (await req('GET', `/api/progress/dashboard?campaignId=${campaignId}`, undefined, manager)).json();
    assert.deepEqual(d.ranking.map((x: { name: string }) => x.name), ['城东', '和平桥', '任港']);
    assert.deepEqual(d.now, { pass: 2, basicPass: 1, fail: 0, notAccepted: 0, total: 3 });
    assert.deepEqual(d.byDistrict.map((x: { orgUnitId: string }) => x.orgUnitId), [chongchuanId]);
    // City targets are shown read-only (counted city-wide); the other district's target is not shown.
    assert.deepEqual(d.targets.map((x: { title: string }) => x.title).sort(), ['十月底全部达标（调整）', '年底过半达标', '执法保障≥90%'].sort());
    assert.ok(d.targets.every((x: { actions: string[] }) => x.actions.length === 0));
    assert.deepEqual(d.actions, []);
    assert.equal((await req('GET', `/api/progress/dashboard?campaignId=${campaignId}&scopeId=${kaifaId}`, undefined, manager)).statusCode, 404);
    assert.equal((await req('POST', '/api/progress/snapshots', { campaignId }, manager)).statusCode, 403);

    assert.ok(d.targets.every((x: { relation: string; ofCount: number }) => x.relation === 'above' && x.ofCount === 6), 'the city\'s targets, labelled as set above the district');

    const leader = await t.login('zhuhang.leader');
    const own = (await req('GET', `/api/progress/dashboard?campaignId=${campaignId}`, undefined, leader)).json();
    assert.deepEqual(own.ranking.map((x: { name: string }) => x.name), ['竹行']);
    assert.equal(own.now.total, 1);
    // Beside the KPI cards of one team, the city's and the zone's targets are marked as set above it (counted
    // over their own teams), so the page labels them and draws no pins of 6 on a chart of 1.
    assert.deepEqual(own.targets.map((x: { orgUnitName: string; relation: string }) => `${x.relation}:${x.orgUnitName}`).sort(), [
      'above:南通市城市管理局',
      'above:南通市城市管理局',
      'above:南通市城市管理局',
      'above:南通经济技术开发区城市管理局',
    ]);
    assert.deepEqual(own.gaps[0].vetoFailed.map((v: { code: string }) => v.code), ['A.1']);
    const tl = await req('POST', '/api/progress/targets', { campaignId, orgUnitId: unit['竹行'], title: 'x', dueDate: '2019-12-31', requiredCount: 1 }, leader);
    assert.equal(tl.statusCode, 403);
    const aux = await t.login('zhuhang.aux1');
    assert.equal((await req('GET', `/api/progress/dashboard?campaignId=${campaignId}`, undefined, aux)).statusCode, 403);
  });

  test('meeting report: runs in the background to done, Excel with 5 sheets and a Chinese PDF download', async () => {
    assert.equal((await req('POST', '/api/progress/reports', { campaignId: newId() })).statusCode, 404);
    const before = await auditCount('progress.report.request');
    const r = await req('POST', '/api/progress/reports', { campaignId });
    assert.equal(r.statusCode, 202, r.body);
    const id = r.json().id;
    assert.equal(await auditCount('progress.report.request'), before + 1);
    assert.equal((await req('GET', `/api/progress/reports/${id}/report.pdf`)).statusCode, 404, 'not ready yet');
    let job = (await req('GET', `/api/progress/reports/${id}`)).json();
    const seen = new Set<number>();
    for (let i = 0; i < 300 && job.status !== 'done' && job.status !== 'failed'; i++) {
      seen.add(job.progress);
      await new Promise((res) => setTimeout(res, 100));
      job = (await req('GET', `/api/progress/reports/${id}`)).json();
    }
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.equal(job.progress, 100);
    assert.deepEqual(job.files, { xlsx: `/api/progress/reports/${id}/report.xlsx`, pdf: `/api/progress/reports/${id}/report.pdf` });

    const x = await req('GET', job.files.xlsx);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['汇总', '各队', '各方面', '差距清单', '整改']);
    assert.equal(wb.getWorksheet('各队')!.getRow(2).getCell(2).value, '城东');
    assert.equal(wb.getWorksheet('差距清单')!.rowCount, 5);
    const aspectSheet = wb.getWorksheet('各方面')!;
    assert.deepEqual(aspectSheet.getRows(2, aspectSheet.rowCount - 1)!.map((row) => row.getCell(1).value), ['A', 'B'], 'no row for aspect D (department items only)');
    const rect = wb.getWorksheet('整改')!;
    const overdue = rect.getRows(2, rect.rowCount - 1)!.filter((row) => row.getCell(7).value === '是').map((row) => row.getCell(1).value);
    assert.deepEqual(overdue, ['竹行'], '竹行 was due 2019-09-15 and is open');

    const p = await req('GET', job.files.pdf);
    assert.equal(p.statusCode, 200);
    assert.equal(p.headers['content-type'], 'application/pdf');
    assert.equal(p.rawPayload.subarray(0, 4).toString(), '%PDF');
    assert.ok(p.rawPayload.length > 10_000, String(p.rawPayload.length));
    if (process.env.GUIFAN_KEEP_REPORT) fs.writeFileSync(path.join(os.tmpdir(), 'guifan-progress-report.pdf'), p.rawPayload);

    const manager = await t.login('chongchuan.manager');
    assert.equal((await req('POST', '/api/progress/reports', { campaignId }, manager)).statusCode, 403);
    assert.equal((await req('GET', `/api/progress/reports/${id}`, undefined, manager)).statusCode, 404, "the city's report is not a district's");
  });
  // Last: it adds snapshot rows on a day the dashboard tests above would count.
  test('repair: snapshots that graded department-level items lose aspect D and get B scaled back; once, audited', async () => {
    const day = dayString(dayNumber(TODAY) - 200);
    // 城东 as the old path stored it (D at 0 %, B with B.3 counted as 0 of 10); 和平桥 as the right path does.
    await t.database.db.insert(teamSnapshot).values([
      { campaignId, orgUnitId: unit['城东']!, day, status: 'draft', pct: 70, grade: null, aspectPcts: { D: 0, A: 50, B: 60 } },
      { campaignId, orgUnitId: unit['和平桥']!, day, status: 'draft', pct: 70, grade: null, aspectPcts: { A: 50, B: 60 } },
    ]);
    const before = await auditCount('progress.snapshot.repair');
    assert.deepEqual(await repairSnapshotAspects(t.database, t.clock), { campaigns: 1, rows: 1 });
    const rows = await t.database.rows<{ org_unit_id: string; aspect_pcts: Record<string, number> }>(sql`select org_unit_id, aspect_pcts from team_snapshot where campaign_id = ${campaignId} and day = ${day}`);
    const by = Object.fromEntries(rows.map((x) => [x.org_unit_id, x.aspect_pcts]));
    assert.deepEqual(by[unit['城东']!], { A: 50, B: 80 }, 'B: 60 % of 40 points = 24 of the 30 team points');
    assert.deepEqual(by[unit['和平桥']!], { A: 50, B: 60 }, 'a right snapshot is left alone');
    assert.deepEqual(await repairSnapshotAspects(t.database, t.clock), { campaigns: 0, rows: 0 });
    assert.equal(await auditCount('progress.snapshot.repair'), before + 1);
  });
});
