import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { repairStoredScores } from '../src/modules/assessment';
import { createTestContext, multipartFile, type TestContext } from './helpers';

// The demo's current 复评 campaign: teams in code order get fixed states (see seed/demo-standardization.ts):
// 城东 (320602001) accepted 达标; 学田 (320602006) accepted with a failed veto item; 竹行 (320671003) a draft
// returned by the district with every item answered; 新开 (320671002) a draft with few answers.
describe('assessment: self-assessment, review, acceptance, evidence, rectification', () => {
  let t: TestContext;
  let campaignId: string;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const as = (user: string) => cookies[user]!;
  const get = (url: string, user: string) => t.app.inject({ method: 'GET', url, headers: { cookie: as(user) } });
  const send = (method: 'POST' | 'PATCH', url: string, user: string, payload: object) => t.app.inject({ method, url, headers: { cookie: as(user) }, payload });

  before(async () => {
    t = await createTestContext();
    for (const u of ['admin', 'bureau', 'kaifa.manager', 'chongchuan.manager', 'zhuhang.leader', 'zhuhang.officer1', 'zhuhang.aux1', 'xinkai.leader', 'chengdong.leader']) cookies[u] = await t.login(u);
    const list = (await get('/api/assessment/campaigns', 'bureau')).json();
    campaignId = list.items.find((c: { name: string }) => c.name.includes('复评')).id;
    const c = (await get(`/api/assessment/campaigns/${campaignId}`, 'bureau')).json();
    for (const a of c.assessments) ids[a.orgUnitName] = a.id;
  });
  after(() => t.close());

  test('the campaign lists 21 teams in every state; a district manager sees only his district', async () => {
    const c = (await get(`/api/assessment/campaigns/${campaignId}`, 'bureau')).json();
    assert.equal(c.assessments.length, 21);
    const states = new Set(c.assessments.map((a: { status: string }) => a.status));
    assert.deepEqual([...states].sort(), ['accepted', 'district_reviewed', 'draft', 'submitted']);
    const mine = (await get(`/api/assessment/campaigns/${campaignId}`, 'kaifa.manager')).json();
    assert.equal(mine.assessments.length, 5);
    assert.equal((await get(`/api/assessment/assessments/${ids['城东街道综合执法队']}`, 'kaifa.manager')).statusCode, 404);
    assert.equal((await get('/api/assessment/campaigns', 'zhuhang.aux1')).statusCode, 403);
  });

  test('the grade page explains a veto failure', async () => {
    const a = (await get(`/api/assessment/assessments/${ids['学田街道综合执法队']}`, 'bureau')).json();
    assert.equal(a.assessment.status, 'accepted');
    assert.equal(a.assessment.grade, 'fail');
    assert.ok(a.grading.vetoFailed.length >= 1);
    assert.match(a.grading.reasons[0], /一票否决/);
    assert.ok(a.grading.pct >= 80, 'the score alone would pass');
    // Each failed veto item is named once in the explanation, with its title (the page shows the reasons only).
    const title = (code: string) => a.items.find((i: { code: string }) => i.code === code).title as string;
    assert.deepEqual(a.grading.reasons.filter((r: string) => r.includes('一票否决')), [`一票否决项不符合: ${a.grading.vetoFailed.map((c: string) => `${c} ${title(c)}`).join('；')}`]);
    for (const c of a.grading.vetoFailed) assert.equal(a.grading.reasons.join('\n').split(`${c} ${title(c)}`).length - 1, 1, c);
  });

  test('the demo data never contradicts the grading rule (符合 full, 不符合 0, 基本符合 graded with a score inside the bounds)', async () => {
    const bad = await t.database.rows<{ node_code: string; result: string; score: number | null; points: number }>(sql`
      select i.node_code, i.result, i.score, n.points from assessment_item i
      join assessment a on a.id = i.assessment_id join campaign c on c.id = a.campaign_id
      join catalog_node n on n.version_id = c.version_id and n.code = i.node_code
      where (i.result = 'compliant' and i.score is not null and i.score <> n.points)
         or (i.result = 'non_compliant' and i.score is not null and i.score <> 0)
         or (i.result = 'partially_compliant' and (n.method <> 'graded' or i.score is null or i.score <= 0 or i.score >= n.points))
         or ((i.result = 'not_applicable' or i.result is null) and i.score is not null)
      limit 5`);
    assert.deepEqual(bad, []);
  });

  test('the team leader edits items of his draft; a stale version is a conflict; others may not edit', async () => {
    const url = `/api/assessment/assessments/${ids['竹行街道综合执法队']}`;
    const a = (await get(url, 'zhuhang.leader')).json();
    assert.equal(a.assessment.status, 'draft');
    assert.deepEqual(a.assessment.actions, ['submit']);
    const item = a.items.find((i: { method: string; isVeto: boolean }) => i.method === 'pass_fail' && !i.isVeto);
    assert.deepEqual(item.actions, ['edit', 'upload']);
    const ok = await send('PATCH', `${url}/items/${item.code}`, 'zhuhang.leader', { version: item.version, result: 'non_compliant', comment: '自查不符合' });
    assert.equal(ok.statusCode, 200, ok.body);
    const stale = await send('PATCH', `${url}/items/${item.code}`, 'zhuhang.leader', { version: item.version, result: 'compliant' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    assert.equal((await send('PATCH', `${url}/items/${item.code}`, 'zhuhang.officer1', { version: ok.json().version, result: 'compliant' })).statusCode, 403);
    assert.equal((await send('PATCH', `/api/assessment/assessments/${ids['新开街道综合执法队']}/items/${item.code}`, 'zhuhang.leader', { version: 1, result: 'compliant' })).statusCode, 404);
    const graded = a.items.find((i: { method: string }) => i.method === 'graded');
    const over = await send('PATCH', `${url}/items/${graded.code}`, 'zhuhang.leader', { version: graded.version, result: 'compliant', score: graded.points + 1 });
    assert.equal(over.statusCode, 400);
    assert.equal(over.json().details.issues[0].field, 'score');
    assert.deepEqual([over.json().details.issues[0].code, over.json().details.issues[0].params], ['score_out_of_range', { points: graded.points }]);
    const partial = await send('PATCH', `${url}/items/${ok.json().code}`, 'zhuhang.leader', { version: ok.json().version, result: 'partially_compliant' });
    assert.equal(partial.json().details.issues[0].field, 'result');
  });

  test('the grading rule at input: 符合 counts full points, 不符合 0; a contradicting score is refused with its code and field', async () => {
    const url = `/api/assessment/assessments/${ids['竹行街道综合执法队']}`;
    const a = (await get(url, 'zhuhang.leader')).json();
    const graded = a.items.find((i: { method: string; points: number; isVeto: boolean; computed: unknown }) => i.method === 'graded' && i.points >= 3 && !i.isVeto && !i.computed);
    assert.ok(graded, 'the demo catalog has graded items');
    let version = graded.version as number;
    const save = (body: object) => send('PATCH', `${url}/items/${graded.code}`, 'zhuhang.leader', { version, ...body });
    const refused = async (body: object, code: string, field: string) => {
      const r = await save(body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal(r.json().code, code, JSON.stringify(body));
      assert.equal(r.json().details.issues[0].field, field);
    };
    await refused({ result: 'compliant', score: graded.points - 1 }, 'assessment.score_contradicts_result', 'score');
    await refused({ result: 'non_compliant', score: 1 }, 'assessment.score_contradicts_result', 'score');
    await refused({ result: 'partially_compliant' }, 'assessment.partial_score_required', 'score');
    await refused({ result: 'partially_compliant', score: graded.points }, 'assessment.partial_score_required', 'score');
    await refused({ result: 'not_applicable', score: 1 }, 'assessment.score_contradicts_result', 'score');
    await refused({ result: 'compliant', score: graded.points + 1 }, 'assessment.score_out_of_range', 'score');

    const points = async (body: object) => {
      const r = await save(body);
      assert.equal(r.statusCode, 200, r.body);
      version = r.json().version;
      const g = (await get(url, 'zhuhang.leader')).json();
      const item = g.items.find((i: { code: string }) => i.code === graded.code);
      return { stored: item.score as number, score: g.grading.score as number };
    };
    const failed = await points({ result: 'non_compliant' });
    assert.equal(failed.stored, 0);
    const full = await points({ result: 'compliant' });
    assert.equal(full.stored, graded.points, 'a result without a score takes the rule\'s score');
    assert.equal(Math.round((full.score - failed.score) * 100) / 100, graded.points, '符合 counts the full points');
    const partial = await points({ result: 'partially_compliant', score: 1 });
    assert.equal(Math.round((partial.score - failed.score) * 100) / 100, 1, '基本符合 counts the score entered');
    const same = await points({ result: 'compliant', score: graded.points });
    assert.equal(same.score, full.score);
  });

  test('repair: stored scores that contradict the rule are replaced and the live score recomputed, once', async () => {
    const id = ids['城东街道综合执法队']!;
    const before = (await get(`/api/assessment/assessments/${id}`, 'bureau')).json();
    const item = before.items.find((i: { result: string; points: number }) => i.result === 'compliant' && i.points >= 2);
    // As written before the rule was enforced: 符合 with a partial score, and the live score counting it.
    await t.database.db.execute(sql`update assessment_item set score = ${item.points - 1} where id = ${item.id}`);
    await t.database.db.execute(sql`update assessment set score = score - 1, pct = 1 where id = ${id}`);
    assert.deepEqual(await repairStoredScores(t.database, t.clock), { items: 1, assessments: 1 });
    const row = (await t.database.rows<{ score: number; pct: number; grade: string }>(sql`select score, pct, grade from assessment where id = ${id}`))[0]!;
    assert.equal(row.pct, before.grading.pct);
    assert.equal(row.score, before.grading.score);
    assert.equal(row.grade, before.assessment.grade, 'the official grade is not touched');
    const fixed = (await get(`/api/assessment/assessments/${id}`, 'bureau')).json().items.find((i: { id: string }) => i.id === item.id);
    assert.equal(fixed.score, item.points);
    assert.equal(fixed.version, item.version + 1, 'a changed row: an open page reloads rather than overwrites it');
    assert.deepEqual(await repairStoredScores(t.database, t.clock), { items: 0, assessments: 0 });
    const audit = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = 'assessment.repair.scores' and entity_id = ${id}`);
    assert.equal(Number(audit[0]!.n), 1);
  });

  test('an incomplete assessment cannot be submitted', async () => {
    const r = await send('POST', `/api/assessment/assessments/${ids['新开街道综合执法队']}/transitions`, 'xinkai.leader', { action: 'submit' });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().code, 'assessment.incomplete');
  });

  test('evidence: upload is hashed and verified on download; bad files are refused and leave nothing', async () => {
    const url = `/api/assessment/assessments/${ids['竹行街道综合执法队']}`;
    const code = (await get(url, 'zhuhang.leader')).json().items[0].code;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('demo image body')]);
    const up = multipartFile('file', '功能用房.png', png, 'image/png');
    const r = await t.app.inject({ method: 'POST', url: `${url}/items/${code}/evidence`, headers: { cookie: as('zhuhang.leader'), ...up.headers }, payload: up.payload });
    assert.equal(r.statusCode, 201, r.body);
    const sha = (await import('node:crypto')).createHash('sha256').update(png).digest('hex');
    assert.equal(r.json().sha256, sha);
    const dl = await get(`/api/assessment/evidence/${r.json().id}`, 'kaifa.manager');
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['x-content-sha256'], sha);
    assert.deepEqual(dl.rawPayload, png);
    assert.equal((await get(`/api/assessment/evidence/${r.json().id}`, 'chongchuan.manager')).statusCode, 404);

    const count = async () => Number((await t.database.rows<{ n: number }>(sql`select count(*)::int as n from evidence_file`))[0]!.n);
    const before = await count();
    const cases: [string, Buffer, string, number, string][] = [
      ['fake.png', Buffer.from('MZ this is an exe'), 'image/png', 415, 'evidence.content_mismatch'],
      ['run.exe', Buffer.from('MZ'), 'application/x-msdownload', 415, 'evidence.type_not_allowed'],
      ['photo.pdf', png, 'image/png', 415, 'evidence.type_not_allowed'],
      ['big.png', Buffer.concat([png, Buffer.alloc(21 * 1024 * 1024)]), 'image/png', 413, 'evidence.too_large'],
      ['empty.txt', Buffer.alloc(0), 'text/plain', 400, 'evidence.empty'],
    ];
    for (const [name, data, mime, status, codeExpected] of cases) {
      const f = multipartFile('file', name, data, mime);
      const res = await t.app.inject({ method: 'POST', url: `${url}/items/${code}/evidence`, headers: { cookie: as('zhuhang.leader'), ...f.headers }, payload: f.payload });
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.equal(res.json().code, codeExpected, name);
    }
    assert.equal(await count(), before);
  });

  test('the whole flow: submit → district accept → city accept (graded, locked, rectification opened) → reopen with reason', async () => {
    const url = `/api/assessment/assessments/${ids['竹行街道综合执法队']}`;
    const tr = (user: string, action: string, comment?: string) => send('POST', `${url}/transitions`, user, { action, ...(comment ? { comment } : {}) });
    assert.equal((await tr('zhuhang.leader', 'submit')).json().assessment.status, 'submitted');
    assert.equal((await tr('zhuhang.leader', 'district_accept')).statusCode, 403);
    const ret = await tr('kaifa.manager', 'district_return');
    assert.equal(ret.json().code, 'assessment.comment_required');
    const comment = await send('POST', `${url}/items/${(await get(url, 'kaifa.manager')).json().items[0].code}/review-comment`, 'kaifa.manager', { comment: '照片清晰，认可' });
    assert.equal(comment.statusCode, 200);
    assert.equal((await tr('kaifa.manager', 'district_accept')).json().assessment.status, 'district_reviewed');
    assert.equal((await tr('kaifa.manager', 'city_accept')).json().code, 'assessment.wrong_level');
    const accepted = (await tr('bureau', 'city_accept')).json();
    assert.equal(accepted.assessment.status, 'accepted');
    assert.ok(['pass', 'basic_pass', 'fail'].includes(accepted.assessment.grade));
    const failing = accepted.items.filter((i: { result: string }) => i.result === 'non_compliant' || i.result === 'partially_compliant');
    assert.ok(failing.length > 0);
    assert.ok(failing.every((i: { rectifications: unknown[] }) => i.rectifications.length >= 1), 'every failing item has a rectification task');
    assert.deepEqual(accepted.events.map((e: { action: string }) => e.action).slice(-3), ['submit', 'district_accept', 'city_accept']);
    const locked = await send('PATCH', `${url}/items/${failing[0].code}`, 'zhuhang.leader', { version: failing[0].version, result: 'compliant' });
    assert.equal(locked.json().code, 'assessment.locked');
    assert.equal((await tr('bureau', 'reopen')).json().code, 'assessment.comment_required');
    const reopened = (await tr('bureau', 'reopen', '更正数据录入错误')).json();
    assert.equal(reopened.assessment.status, 'draft');
    assert.equal(reopened.assessment.grade, null);
    const audit = (await get('/api/audit/records?limit=20&entityType=assessment', 'admin')).json().items;
    assert.equal(audit[0].action, 'assessment.reopen');
    assert.equal(audit[0].after.comment, '更正数据录入错误');
  });

  test('rectification: the owner works it, a reviewer verifies it, the item and the grade follow', async () => {
    const board = (await get(`/api/assessment/rectifications?campaignId=${campaignId}`, 'chengdong.leader')).json();
    assert.ok(board.items.length > 0);
    assert.ok(board.items.every((r: { orgUnitName: string }) => r.orgUnitName === '城东街道综合执法队'));
    const open = board.items.find((r: { status: string }) => r.status === 'open');
    assert.deepEqual(open.actions, ['start', 'submit']);
    const tr = (user: string, id: string, action: string, version: number, note?: string) => send('POST', `/api/assessment/rectifications/${id}/transitions`, user, { action, version, ...(note ? { note } : {}) });
    assert.equal((await tr('chengdong.leader', open.id, 'verify', open.version)).json().code, 'rectification.not_allowed');
    assert.equal((await tr('chengdong.leader', open.id, 'start', open.version)).statusCode, 200);
    assert.equal((await tr('chengdong.leader', open.id, 'submit', open.version + 1)).json().code, 'request.validation');
    assert.equal((await tr('chengdong.leader', open.id, 'submit', open.version + 1, '已补齐台账')).statusCode, 200);
    const assessmentUrl = `/api/assessment/assessments/${open.assessmentId}`;
    const before = (await get(assessmentUrl, 'bureau')).json();
    assert.equal((await tr('chongchuan.manager', open.id, 'verify', open.version + 2, '复查合格')).statusCode, 200);
    const afterVerify = (await get(assessmentUrl, 'bureau')).json();
    const item = afterVerify.items.find((i: { code: string }) => i.code === open.nodeCode);
    assert.equal(item.result, 'compliant');
    assert.ok(afterVerify.assessment.pct > before.assessment.pct);
    // Overdue tasks are flagged (the demo has tasks due before today).
    const all = (await get(`/api/assessment/rectifications?campaignId=${campaignId}`, 'bureau')).json().items;
    assert.ok(all.some((r: { overdue: boolean }) => r.overdue));
    assert.ok(all.filter((r: { status: string }) => r.status === 'verified').every((r: { overdue: boolean }) => !r.overdue));
  });

  test('a campaign applies a published version to chosen teams; drafts and non-teams are refused', async () => {
    const versions = (await get('/api/catalog/standards', 'bureau')).json().items.flatMap((s: { versions: { id: string; status: string }[] }) => s.versions);
    const published = versions.find((v: { status: string }) => v.status === 'published');
    const team = await t.unitId('320671003');
    const district = await t.unitId('320671');
    const body = { name: '专项检查', versionId: published.id, unitIds: [team], startDate: '2026-12-01', dueDate: '2026-12-31', passPct: 80, basicPct: 60 };
    const ok = await send('POST', '/api/assessment/campaigns', 'bureau', body);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.ok(ok.json().itemsPerTeam > 100, JSON.stringify(ok.json()));
    assert.equal((await send('POST', '/api/assessment/campaigns', 'bureau', { ...body, unitIds: [district] })).statusCode, 400);
    const basic = (await send('POST', '/api/assessment/campaigns', 'bureau', { ...body, basicPct: 90 })).json().details.issues[0];
    assert.deepEqual([basic.field, basic.code, basic.params], ['basicPct', 'basic_pct_range', { passPct: 80 }]);
    assert.equal((await send('POST', '/api/assessment/campaigns', 'zhuhang.leader', body)).statusCode, 403);
  });
});
