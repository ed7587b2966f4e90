import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseSelect, DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** A day `n` days before today in Asia/Shanghai (the browser and the server count days there). */
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
const UUID = /\/cases\/([0-9a-f-]{36})$/;

interface Officer {
  personId: string;
  name: string;
  kind: string;
  userId: string | null;
  certificateNo: string | null;
  certificateValid: boolean;
}

/** The team's two officers who hold demo accounts (队长 and 队员): the label the officer picker shows for each. */
async function accountOfficers(page: Page): Promise<{ ids: string[]; labels: string[]; names: string[] }> {
  const me = ((await (await page.request.get('/api/identity/me')).json()) as { user: { orgUnitId: string } }).user;
  const list = (await (await page.request.get(`/api/cases/officers?unitId=${me.orgUnitId}`)).json()) as { items: Officer[] };
  const two = list.items.filter((o) => o.kind === 'officer' && o.userId !== null);
  assert.equal(two.length, 2, JSON.stringify(list.items));
  for (const o of two) assert.ok(o.certificateValid, `${o.name} has no valid certificate in the demo ledger`);
  return { ids: two.map((o) => o.personId), labels: two.map((o) => `${o.name}（${o.certificateNo}）`), names: two.map((o) => o.name) };
}

/** Two officers chosen in the picker (unless the form already holds them). */
async function chooseOfficers(page: Page, selector: string, officers: { labels: string[]; names: string[] }) {
  const root = page.locator(selector).locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  for (const [i, label] of officers.labels.entries()) if (!((await root.textContent()) ?? '').includes(label)) await chooseSelect(page, selector, label, officers.names[i]);
}

/** The step to take, by its words on the current-step card. */
const pickAction = (page: Page, words: string) => page.locator('[data-testid="case-actions"]').getByText(words, { exact: true }).click();

const detailText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/**
 * One step through its form on the case page: picks it by its words, dates it, names the two officers when the form
 * asks for them, lets `fill` enter the step's own fields, submits, and waits for the state it leads to.
 */
async function takeStep(page: Page, o: { words: string; action: string; onDate: string; officers?: { labels: string[]; names: string[] }; fill?: () => Promise<void>; state?: string }) {
  await pickAction(page, o.words);
  const form = page.locator(`[data-testid="case-form-${o.action}"]`);
  await form.waitFor();
  await form.locator('[data-testid="case-on-date"]').fill(o.onDate);
  if (o.officers) await chooseOfficers(page, '#case-officers', o.officers);
  await o.fill?.();
  await form.locator('[data-testid="case-submit"]').click();
  if (o.state) await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: o.state }).waitFor();
  else await page.getByText(`已办理：${o.words}`).first().waitFor();
  assert.equal(await page.locator('[data-testid="case-action-error"]').count(), 0);
}

const EVIDENCE_ITEMS = '烧烤炉 1 台、木炭 2 袋（e2e）';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bcase\.[a-z]+\.[a-z]/;

describe('enforcement cases: lead, 立案, steps with a 409, deadline board, list filters, on-the-spot refusal', () => {
  let h: Harness;
  let caseUrl = '';
  let leadNo = '';
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('an auxiliary registers a lead (dated 40 days back) and may not act on it', () =>
    journey(h, 'case-1', async (page) => {
      await loginAs(page, 'zhuhang.aux1', DEMO_PASSWORD);
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('执法办案').click();
      // An auxiliary records leads; the on-the-spot penalty is not theirs.
      await menu.getByText('线索登记', { exact: true }).waitFor();
      assert.equal(await menu.getByText('当场处罚', { exact: true }).count(), 0);
      await menu.getByText('线索登记', { exact: true }).click();
      await page.locator('[data-testid="case-lead-form"]').waitFor();
      await chooseSelect(page, '#case-lead-source', '举报');
      await page.locator('[data-testid="case-lead-act-date"]').fill(daysAgo(40));
      await page.locator('[data-testid="case-lead-on-date"]').fill(daysAgo(40));
      await page.locator('[data-testid="case-lead-place"]').fill('人民路与工农路交叉口东北角');
      await page.locator('[data-testid="case-lead-summary"]').fill('群众举报：人行道上长期堆放建材并搭建简易棚（e2e）');
      await page.locator('[data-testid="case-lead-party-known"]').check();
      await chooseSelect(page, '#case-party-kind', '个体工商户');
      await page.locator('[data-testid="case-party-name"]').fill('崇川区e2e建材经营部');
      await page.locator('[data-testid="case-party-id"]').fill('320602198001011234');
      await page.locator('[data-testid="case-lead-submit"]').click();
      await page.waitForURL(UUID);
      caseUrl = new URL(page.url()).pathname;
      const header = page.locator('[data-testid="case-header"]');
      await header.waitFor();
      leadNo = ((await page.locator('[data-testid="case-number"]').textContent()) ?? '').trim();
      assert.match(leadNo, /城管线〔\d{4}〕\d{4}号$/);
      assert.equal(await header.locator('[data-testid="case-state"]').textContent(), '线索');
      // The party's ID number is masked; the lead-check deadline (counted from 40 days ago) is overdue.
      const party = (await page.locator('[data-testid="case-party"]').textContent()) ?? '';
      assert.match(party, /崇川区e2e建材经营部（个体工商户）/);
      assert.doesNotMatch(party, /320602198001011234/);
      await page.locator('[data-testid="case-deadlines"] [data-testid="case-deadline-overdue"]').first().waitFor();
      await page.locator('[data-testid="case-no-actions"]').waitFor();
      const text = await detailText(page);
      assert.match(text, /线索核查立案/);
      assert.match(text, /登记线索/);
      // No internal code (snake_case) on a Chinese screen.
      assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/);
      await screenshot(page, 'case-lead');
    }));

  test('the deadline board and the overdue filter show the overdue lead with its deadline', () =>
    journey(h, 'case-2', async (page) => {
      assert.ok(caseUrl, 'the lead of the first journey');
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await page.goto('/cases/deadlines');
      const row = page.locator('[data-testid="board-table"] tr', { hasText: leadNo });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      assert.match(text, /已逾期/);
      assert.match(text, /线索核查立案/);
      assert.match(text, /逾期 \d+ 个工作日/);
      assert.match((await page.locator('[data-testid="board-counts"]').textContent()) ?? '', /已逾期 [1-9]\d* 项/);
      // A longer horizon keeps it (overdue is overdue whatever the horizon).
      await chooseSelect(page, '#board-within', '10 个工作日');
      await page.locator('[data-testid="board-table"] tr', { hasText: leadNo }).waitFor();
      await screenshot(page, 'case-board');
      await row.locator('[data-testid="board-case-link"]').click();
      await page.waitForURL((u) => u.pathname === caseUrl);

      await page.goto('/cases/list?overdue=1');
      await page.locator('[data-testid="case-table"] tr', { hasText: leadNo }).waitFor();
      assert.ok(await page.locator('[data-testid="case-table"] tr', { hasText: leadNo }).locator('[data-testid="case-overdue"]').count());
    }));

  test('the team leader checks and opens the case (立案); a concurrent change answers 409 and the page reloads', () =>
    journey(h, 'case-3', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const officers = await accountOfficers(page);
      await page.goto(caseUrl);
      // 核查 (case.handle): proposal, findings, two officers.
      await pickAction(page, '核查线索');
      await page.locator('[data-testid="case-form-check"]').waitFor();
      await page.locator('[data-testid="case-findings"]').fill('现场核实：人行道堆放建材约 20 平方米，搭建简易棚一处，影响通行（e2e）');
      await chooseOfficers(page, '#case-officers', officers);
      await page.locator('[data-testid="case-submit"]').click();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '已核查待立案' }).waitFor();
      // 立案 (case.approve): the case gets its number.
      await pickAction(page, '批准立案');
      await page.locator('[data-testid="case-form-approve_filing"]').waitFor();
      await page.locator('[data-testid="case-submit"]').click();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '调查取证' }).waitFor();
      const caseNo = ((await page.locator('[data-testid="case-number"]').textContent()) ?? '').trim();
      assert.match(caseNo, /城管罚〔\d{4}〕\d{4}号$/);
      const timeline = (await page.locator('[data-testid="case-timeline"]').textContent()) ?? '';
      assert.match(timeline, /核查线索/);
      assert.match(timeline, /批准立案/);
      assert.match(timeline, /建议立案/);
      // The lead check was met late; the decision period now runs.
      await page.locator('[data-testid="case-deadlines"] tr', { hasText: '作出处罚决定' }).locator('[data-testid="case-deadline-running"]').waitFor();

      // 查封/扣押 needs 全程音像记录 (the evidence module's step hook): a clip of the team's body camera worn by the first
      // officer covers 08:55–09:35 today, and both seizures below say the officers were on the spot 09:00–09:30.
      const team = ((await (await page.request.get('/api/identity/me')).json()) as { user: { orgUnitId: string } }).user.orgUnitId;
      const devices = (await (await page.request.get(`/api/tracking/devices?orgUnitId=${team}`)).json()) as { items: { id: string; kind: string }[] };
      const camera = devices.items.find((d) => d.kind === 'body_camera');
      assert.ok(camera, 'the demo team has a body camera');
      const bj = (hm: string) => new Date(`${daysAgo(0)}T${hm}:00+08:00`).toISOString();
      const clip = await page.request.post('/api/evidence/clips', { data: { deviceId: camera.id, officerId: officers.ids[0], startAt: bj('08:55'), endAt: bj('09:35'), sha256: randomBytes(32).toString('hex') } });
      assert.equal(clip.status(), 201, await clip.text());
      // Someone else seals goods while this page still shows the previous version: the form's seizure gets a 409.
      await pickAction(page, '查封扣押');
      await page.locator('[data-testid="case-form-seize"]').waitFor();
      await page.locator('[data-testid="case-seizure-kind"]').getByText('扣押').click();
      await page.locator('[data-testid="case-items"]').fill('简易棚钢管 12 根（e2e 表单）');
      await page.locator('[data-testid="case-started-at"]').fill('09:00');
      await page.locator('[data-testid="case-ended-at"]').fill('09:30');
      const id = UUID.exec(caseUrl)![1]!;
      const current = (await (await page.request.get(`/api/cases/${id}`)).json()) as { version: number };
      const other = await page.request.post(`/api/cases/${id}/actions/seize`, { data: { version: current.version, officerIds: officers.ids, seizureKind: 'seal', items: '建材一批（他人先行查封）', startedAt: bj('09:00'), endedAt: bj('09:30') } });
      assert.equal(other.status(), 200, await other.text());
      await page.locator('[data-testid="case-submit"]').click();
      await page.getByText('此案件已被他人修改，请刷新').waitFor();
      await page.locator('[data-testid="case-stale"]').waitFor();
      // Reloaded: the other seizure is shown, the form's was not written.
      await page.getByText('查封：建材一批（他人先行查封）', { exact: false }).waitFor();
      assert.doesNotMatch(await detailText(page), /e2e 表单/);
      await screenshot(page, 'case-stale');
    }));

  test('an officer closes the investigation and notifies the party; the list filters find the case', () =>
    journey(h, 'case-4', async (page) => {
      await loginAs(page, 'zhuhang.officer1', DEMO_PASSWORD);
      const items = (await (await page.request.get('/api/violation/items?q=占道经营')).json()) as { items: { code: string; name: string }[] };
      const item = items.items[0]!;
      await page.goto(caseUrl);
      await pickAction(page, '调查终结');
      await page.locator('[data-testid="case-form-close_investigation"]').waitFor();
      await page.locator('[data-testid="case-report"]').fill('经调查，当事人未经批准在人行道堆放建材、搭建简易棚，事实清楚（e2e）');
      await chooseSelect(page, '#case-violation', `${item.name}（${item.code}）`, '占道经营');
      await chooseSelect(page, '#case-band', '一般（50.00—100.00 元）');
      await page.locator('[data-testid="case-penalty-kinds"]').getByText('罚款', { exact: true }).click();
      await page.locator('#case-fine').fill('80');
      await page.locator('[data-testid="case-submit"]').click();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '调查终结' }).waitFor();
      assert.match((await page.locator('[data-testid="case-penalty"]').textContent()) ?? '', /罚款 80\.00 元/);
      assert.match((await page.locator('[data-testid="case-violation"]').textContent()) ?? '', /占道经营.*（一般）/);

      // 事先告知 of the proposed penalty (prefilled).
      await pickAction(page, '事先告知');
      await page.locator('[data-testid="case-form-notify"]').waitFor();
      await page.locator('[data-testid="case-submit"]').click();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '已事先告知' }).waitFor();
      // A date before the act is refused by its rule, in Chinese.
      await pickAction(page, '记录陈述申辩');
      await page.locator('[data-testid="case-statement"]').fill('当事人称已于次日自行清理（e2e）');
      await page.locator('[data-testid="case-on-date"]').fill(daysAgo(60));
      await page.locator('[data-testid="case-submit"]').click();
      assert.equal(await page.locator('[data-testid="case-action-error"]').textContent(), '日期早于违法行为发生日期');
      const caseNo = ((await page.locator('[data-testid="case-number"]').textContent()) ?? '').trim();
      await screenshot(page, 'case-detail');

      // The list (demo cases too): 我的案件 + state 已事先告知 finds it and only such cases; source 投诉 drops it.
      await page.goto('/cases/list');
      const row = page.locator('[data-testid="case-table"] tr', { hasText: caseNo });
      // The filters live in the URL: the checkbox is checked once the list follows it.
      await page.locator('[data-testid="case-filter-mine"]').click();
      await page.waitForURL(/mine=1/);
      await chooseSelect(page, '#case-filter-state', '已事先告知');
      await page.waitForURL(/state=notified/);
      await row.waitFor();
      await page.waitForFunction(() => {
        const tags = Array.from(document.querySelectorAll('[data-testid="case-table"] tbody [data-testid="case-state"]'), (e) => e.textContent);
        return tags.length > 0 && tags.every((s) => s === '已事先告知');
      });
      await chooseSelect(page, '#case-filter-source', '投诉');
      await page.waitForURL(/source=complaint/);
      await row.waitFor({ state: 'detached' });
      await chooseSelect(page, '#case-filter-source', '举报');
      await page.waitForURL(/source=report/);
      await row.waitFor();
      await screenshot(page, 'case-list');
    }));

  test('an on-the-spot fine over the limit is refused with 第五十一条 quoted; within it the decision is made', () =>
    journey(h, 'case-5', async (page) => {
      await loginAs(page, 'zhuhang.officer1', DEMO_PASSWORD);
      const officers = await accountOfficers(page);
      const items = (await (await page.request.get('/api/violation/items?q=占道经营')).json()) as { items: { code: string; name: string }[] };
      const item = items.items[0]!;
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('执法办案').click();
      await menu.getByText('当场处罚', { exact: true }).click();
      await page.locator('[data-testid="case-simple-form"]').waitFor();
      await page.locator('[data-testid="case-party-name"]').fill('王某（e2e）');
      await page.locator('[data-testid="case-party-id"]').fill('320602199002023456');
      await page.locator('[data-testid="case-simple-place"]').fill('南大街步行街入口');
      await page.locator('[data-testid="case-simple-summary"]').fill('当事人在步行街入口占道摆放货架经营（e2e）');
      await chooseSelect(page, '#case-simple-violation', `${item.name}（${item.code}）`, '占道经营');
      await chooseSelect(page, '#case-simple-band', '一般（50.00—100.00 元）');
      await page.locator('#case-simple-fine').fill('500');
      await chooseOfficers(page, '#case-simple-officers', officers);
      await page.locator('[data-testid="case-simple-submit"]').click();
      const refusal = page.locator('[data-testid="case-simple-error"]');
      await refusal.waitFor();
      const text = (await refusal.textContent()) ?? '';
      assert.match(text, /不能适用简易程序：罚款超过当场处罚的上限/);
      assert.match(text, /依据：《中华人民共和国行政处罚法》（2021-01-22）第五十一条/);
      assert.match(text, /对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告/);
      await screenshot(page, 'case-simple-refused');

      // Within the limit and the band: decided on the spot, numbered 简.
      await chooseSelect(page, '#case-simple-band', '轻微（0.00—50.00 元）');
      await page.locator('#case-simple-fine').fill('30');
      await page.locator('[data-testid="case-simple-submit"]').click();
      await page.waitForURL(UUID);
      await page.locator('[data-testid="case-header"]').waitFor();
      assert.match((await page.locator('[data-testid="case-number"]').textContent()) ?? '', /城管简〔\d{4}〕\d{4}号$/);
      assert.equal(await page.locator('[data-testid="case-header"] [data-testid="case-state"]').textContent(), '执行中');
      assert.match((await page.locator('[data-testid="case-penalty"]').textContent()) ?? '', /罚款 30\.00 元/);
      assert.match((await page.locator('[data-testid="case-timeline"]').textContent()) ?? '', /当场作出处罚决定/);
    }));
  // ---- a general-procedure case walked through the forms: 先行登记保存, 听证, 法制审核 (legal), 决定, 送达 ----
  let generalUrl = '';
  let generalNo = '';
  let chairName = '';
  let chairId = '';

  test('general procedure through the forms: 立案, 先行登记保存 and its decision, 调查终结 with a fine giving 听证 rights, 听证 requested, scheduled and held, 提交法制审核', () =>
    journey(h, 'case-6', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const officers = await accountOfficers(page);
      const me = ((await (await page.request.get('/api/identity/me')).json()) as { user: { orgUnitId: string } }).user;
      const persons = (await (await page.request.get(`/api/cases/officers?unitId=${me.orgUnitId}&onDate=${daysAgo(47)}`)).json()) as { items: Officer[] };
      // The hearing is chaired by an officer who did not investigate (第六十四条第四项).
      const chair = persons.items.find((p) => p.kind === 'officer' && !officers.ids.includes(p.personId))!;
      [chairName, chairId] = [chair.name, chair.personId];
      const items = (await (await page.request.get(`/api/violation/items?q=${encodeURIComponent('露天烧烤')}`)).json()) as { items: { code: string; name: string }[] };
      const item = items.items.find((i) => i.code === 'DQ-03') ?? items.items[0]!;
      // The lead (its form is the first journey's): an individual grilling in the open in a prohibited area.
      const created = await page.request.post('/api/cases/leads', {
        data: { source: 'patrol', actDate: daysAgo(60), onDate: daysAgo(60), actPlace: '濠河风景区南入口', summary: '当事人在禁止区域露天烧烤食品（e2e 普通程序）', party: { kind: 'individual', name: '赵某（e2e）', idNumber: '320602198505053456' } },
      });
      assert.equal(created.status(), 201, await created.text());
      generalUrl = `/cases/${((await created.json()) as { id: string }).id}`;
      await page.goto(generalUrl);
      await page.locator('[data-testid="case-header"]').waitFor();

      await takeStep(page, { words: '核查线索', action: 'check', onDate: daysAgo(58), officers, state: '已核查待立案', fill: () => page.locator('[data-testid="case-findings"]').fill('现场核实：露天烧烤摊一处（e2e）') });
      await takeStep(page, { words: '批准立案', action: 'approve_filing', onDate: daysAgo(57), state: '调查取证' });
      generalNo = ((await page.locator('[data-testid="case-number"]').textContent()) ?? '').trim();
      assert.match(generalNo, /城管罚〔\d{4}〕\d{4}号$/);

      // 先行登记保存 (第五十六条) and, within seven working days, its 处理决定.
      await takeStep(page, { words: '先行登记保存', action: 'register_evidence', onDate: daysAgo(56), fill: () => page.locator('[data-testid="case-items"]').fill(EVIDENCE_ITEMS) });
      const evidence = page.locator('[data-testid="case-evidence-list"]');
      await evidence.getByText('待作出处理决定', { exact: false }).waitFor();
      await page.locator('[data-testid="case-deadlines"] tr', { hasText: '先行登记保存处理期限' }).locator('[data-testid="case-deadline-met"], [data-testid="case-deadline-overdue"], [data-testid="case-deadline-running"]').first().waitFor();
      await takeStep(page, { words: '先行登记保存处理决定', action: 'decide_evidence', onDate: daysAgo(54), fill: () => page.locator('[data-testid="case-evidence-outcome"]').getByText('解除并退还', { exact: true }).click() });
      await evidence.getByText(`${daysAgo(54)} 处理：解除并退还`, { exact: false }).waitFor();

      await takeStep(page, {
        words: '调查终结',
        action: 'close_investigation',
        onDate: daysAgo(50),
        state: '调查终结',
        fill: async () => {
          await page.locator('[data-testid="case-report"]').fill('经调查，当事人在禁止区域露天烧烤食品，事实清楚，证据确凿（e2e）');
          await chooseSelect(page, '#case-violation', `${item.name}（${item.code}）`, '露天烧烤');
          await chooseSelect(page, '#case-band', '一般（2,500.00—6,300.00 元）');
          await page.locator('[data-testid="case-penalty-kinds"]').getByText('罚款', { exact: true }).click();
          await page.locator('#case-fine').fill('6000');
        },
      });
      // 6,000 元 for an individual reaches the 较大数额 of 第六十三条 (local default): the party may ask for a hearing.
      await takeStep(page, { words: '事先告知', action: 'notify', onDate: daysAgo(49), state: '已事先告知' });
      await page.getByText('当事人享有听证权利').waitFor();
      await takeStep(page, { words: '申请听证', action: 'request_hearing', onDate: daysAgo(48), state: '已申请听证' });
      await takeStep(page, {
        words: '安排听证',
        action: 'schedule_hearing',
        onDate: daysAgo(47),
        state: '听证已安排',
        fill: async () => {
          await page.locator('[data-testid="case-hearing-on"]').fill(daysAgo(30));
          await chooseSelect(page, '#case-chair', chairName, chairName);
        },
      });
      await takeStep(page, { words: '举行听证', action: 'hold_hearing', onDate: daysAgo(30), state: '已听证', fill: () => page.locator('[data-testid="case-minutes"]').fill('当事人对事实无异议，请求从轻处罚（e2e）') });
      // 第五十八条第一款第二项: after a hearing the decision needs 法制审核.
      await page.getByText('须法制审核：经过听证程序').waitFor();
      // A decision tried before it is refused with the article named, and nothing is written.
      await pickAction(page, '作出决定');
      await page.locator('[data-testid="case-form-decide"] [data-testid="case-on-date"]').fill(daysAgo(30));
      await page.locator('[data-testid="case-form-decide"] [data-testid="case-submit"]').click();
      assert.match((await page.locator('[data-testid="case-action-error"]').textContent({ timeout: 15_000 })) ?? '', /须经法制审核并通过后才能作出决定.*第五十八条/);
      assert.equal(await page.locator('[data-testid="case-header"] [data-testid="case-state"]').textContent(), '已听证');
      await takeStep(page, { words: '提交法制审核', action: 'submit_review', onDate: daysAgo(29), state: '法制审核中' });
      await screenshot(page, 'case-general-review');
    }));

  test('the legal reviewer (legal) passes the 法制审核 through its form', () =>
    journey(h, 'case-7', async (page) => {
      assert.ok(generalUrl, 'the case of the previous journey');
      await loginAs(page, 'legal', DEMO_PASSWORD);
      await page.goto(generalUrl);
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '法制审核中' }).waitFor();
      // Only the review is the reviewer's: no officers are named on it.
      await pickAction(page, '法制审核');
      const form = page.locator('[data-testid="case-form-legal_review"]');
      await form.waitFor();
      assert.equal(await form.locator('#case-officers').count(), 0);
      await takeStep(page, {
        words: '法制审核',
        action: 'legal_review',
        onDate: daysAgo(28),
        state: '法制审核完成',
        fill: async () => {
          await page.locator('[data-testid="case-approved"]').getByText('通过', { exact: true }).click();
          await page.locator('[data-testid="case-opinion"]').fill('事实清楚，证据确凿，适用法律正确，程序合法，裁量适当（e2e）');
        },
      });
      assert.match((await page.locator('[data-testid="case-timeline"]').textContent()) ?? '', /审核结论：通过/);
    }));

  test('the team leader decides and the decision is served; the officer filter of the list finds the case by its officers', () =>
    journey(h, 'case-8', async (page) => {
      assert.ok(generalUrl, 'the case of the previous journeys');
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const officers = await accountOfficers(page);
      await page.goto(generalUrl);
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '法制审核完成' }).waitFor();
      // The penalty of the notice is the form's default.
      await takeStep(page, { words: '作出决定', action: 'decide', onDate: daysAgo(27), state: '已作出决定' });
      assert.match((await page.locator('[data-testid="case-penalty"]').textContent()) ?? '', /罚款 6,000\.00 元/);
      await page.locator('[data-testid="case-deadlines"] tr', { hasText: '决定书送达' }).locator('[data-testid="case-deadline-running"], [data-testid="case-deadline-overdue"]').first().waitFor();
      // The decision is numbered and signed by both officers before it is served (the 文书 tab: document-records.e2e.ts).
      const caseId = UUID.exec(generalUrl)![1]!;
      const doc = async (url: string, data: object) => {
        const r = await page.request.post(url, { data });
        assert.equal(r.status(), 201, await r.text());
      };
      await doc('/api/documents/numbers', { caseId, docType: 'penalty_decision' });
      for (const personId of officers.ids) await doc('/api/documents/signatures', { caseId, docType: 'penalty_decision', role: 'officer', personId, signedOn: daysAgo(27) });
      await takeStep(page, { words: '送达决定书', action: 'serve', onDate: daysAgo(26), state: '执行中' });
      await page.locator('[data-testid="case-deadlines"] tr', { hasText: '缴纳罚款' }).waitFor();
      const timeline = (await page.locator('[data-testid="case-timeline"]').textContent()) ?? '';
      for (const words of ['先行登记保存', '申请听证', '举行听证', '法制审核', '作出决定', '送达决定书', '送达方式：直接送达']) assert.ok(timeline.includes(words), words);
      // No internal code on the Chinese screen.
      assert.doesNotMatch(await detailText(page), RAW_CODE);
      await screenshot(page, 'case-general-served');

      // The list by officer: the case's second officer finds it, the hearing's chair (not on the case) does not.
      await page.goto(`/cases/list?q=${encodeURIComponent(generalNo)}`);
      const row = page.locator('[data-testid="case-table"] tr', { hasText: generalNo });
      await row.waitFor();
      await chooseSelect(page, '#case-filter-officer', officers.names[1]!, officers.names[1]);
      await page.waitForURL(/officer=/);
      await row.waitFor();
      await chooseSelect(page, '#case-filter-officer', chairName, chairName);
      await page.waitForURL((u) => u.searchParams.get('officer') === chairId);
      await row.waitFor({ state: 'detached' });
    }));

  test('the case detail in English: labels, steps, deadlines and the timeline in English, no internal code', () =>
    journey(h, 'case-9', async (page) => {
      assert.ok(generalUrl, 'the case of the previous journeys');
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await page.goto(generalUrl);
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '执行中' }).waitFor();
      await page.locator('[data-testid="language-switch"]').getByText('English', { exact: true }).click();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: 'Executing' }).waitFor();
      const text = await detailText(page);
      assert.doesNotMatch(text, RAW_CODE);
      for (const words of ['Team', 'Responsible officer', 'Payment of the fine', 'Service of the decision', 'Register evidence for preservation', 'Decide on preserved evidence', 'Released and returned', 'Hearing requested', 'Hold hearing', 'Legal review', 'Decide', 'Serve decision', 'In person']) {
        assert.ok(text.includes(words), `"${words}" on the English page`);
      }
      // Words the app writes (labels, tags, titles, steps, deadline kinds and states, timeline actions and labels) carry
      // no Chinese; the data (names, places, texts, case numbers and cited law names) stay as entered.
      const HAN = /\p{Script=Han}/u;
      const ui = [
        '.ant-descriptions-item-label',
        'th',
        '.ant-card-head-title',
        '[data-testid="case-header"] .ant-tag',
        '[data-testid="case-actions"] label',
        '.ant-form-item-label',
        '[data-testid="case-deadlines"] tbody td:nth-child(1)',
        '[data-testid="case-deadlines"] tbody td:nth-child(4)',
        '[data-testid="case-deadlines"] tbody td:nth-child(5)',
        '[data-testid="case-deadlines"] tbody td:nth-child(6)',
        '[data-testid="case-event"] .ant-typography-secondary',
        '[data-testid="case-event"] strong',
        '[data-testid="case-event"] .ant-tag',
        '.ant-alert-title',
        '[data-testid="case-evidence-list"]',
      ];
      for (const sel of ui) {
        const texts = await page.locator(sel).allTextContents();
        for (const s of texts) {
          // An evidence line holds the items as entered: only its words around them are checked.
          const words = s.replaceAll(EVIDENCE_ITEMS, '');
          assert.doesNotMatch(words, HAN, `${sel}: "${s}"`);
        }
      }
      await screenshot(page, 'case-detail-en');
    }));
});
