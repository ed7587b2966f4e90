import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, chooseSelect, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bservice(Desk|Inbox)?\.[a-z]/;
const ZHUHANG = '320671003';

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

type Req = { id: string; trackingCode: string; version: number; state: string; orgUnitId: string | null; replyText: string | null; timeline?: { action: string }[] };

/** Staff reports through the API, in 竹行's area (so they are routed to its team), `north` metres apart. */
async function reporter(page: Page) {
  const req = page.request;
  const units = (await ok<{ items: { code: string; id: string; centerLat: number | null; centerLon: number | null }[] }>(await req.get('/api/org/units'))).items;
  const team = units.find((u) => u.code === ZHUHANG)!;
  assert.ok(team.centerLat && team.centerLon, 'the demo team has an area');
  const cats = await ok<{ items: { id: string; active: boolean; name: string }[] } | { id: string; active: boolean; name: string }[]>(await req.get('/api/service/categories'));
  const category = (Array.isArray(cats) ? cats : cats.items).find((c) => c.active)!;
  // A spot of its own (offset from the centre by the run's clock), so earlier runs' reports are not near it.
  const spot = { lat: team.centerLat + ((Date.now() / 1000) % 97) * 0.00003, lon: team.centerLon + 0.0011 };
  return {
    teamId: team.id,
    category,
    async submit(north: number, description: string): Promise<Req> {
      return ok<Req>(await req.post('/api/service/requests/', { data: { categoryId: category.id, description, lat: spot.lat + north / 111_195, lon: spot.lon, address: '竹行街道青年路（e2e）' } }));
    },
    async get(id: string): Promise<Req> {
      return ok<Req>(await req.get(`/api/service/requests/${id}`));
    },
    async step(id: string, action: string, body: object = {}): Promise<Req> {
      const cur = await this.get(id);
      return ok<Req>(await req.post(`/api/service/requests/${id}/actions/${action}`, { data: { version: cur.version, ...body } }));
    },
  };
}

async function openDesk(page: Page) {
  const menu = page.locator('[data-testid="side-menu"]');
  await menu.getByText('便民服务', { exact: true }).click();
  await menu.getByText('受理派遣台', { exact: true }).click();
  await page.waitForURL(/\/service\/dispatch/);
  await page.locator('[data-testid="desk-table"]').waitFor();
}

describe('便民服务: the dispatch desk and the team inbox', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('desk: a duplicate suggested (list and map) and merged; accept and dispatch to the routed team; 不予受理 with reason', () =>
    journey(h, 'service-desk-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      const r = await reporter(page);
      const first = await r.submit(0, '青年路人行道占道摆摊（e2e 先报）');
      const second = await r.submit(12, '青年路有人摆摊占用人行道（e2e 后报）');
      const third = await r.submit(400, '店招破损（e2e 不予受理）');
      await openDesk(page);

      // The second report: its duplicate is the first, 12 m away, in the list and on the map.
      await page.locator(`[data-testid="desk-row-${second.trackingCode}"]`).click();
      await page.locator('[data-testid="desk-selected"]', { hasText: second.trackingCode }).waitFor();
      const dups = page.locator('[data-testid="desk-duplicates"]');
      const dupRow = dups.locator('tr', { hasText: first.trackingCode });
      await dupRow.waitFor();
      assert.match((await dupRow.textContent()) ?? '', /1[12](\.\d)? 米/);
      await page.locator('[data-testid="desk-map"] path.desk-duplicate').first().waitFor();
      await page.locator('[data-testid="desk-map"] path.desk-subject').waitFor();
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', RAW_CODE);
      await screenshot(page, 'service-desk');

      // Merge it into the first, with a reason.
      await dupRow.locator(`[data-testid="merge-into-${first.trackingCode}"]`).click();
      await page.locator('[data-testid="step-reason"]').fill('同一处占道摆摊');
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="desk-row-${second.trackingCode}"]`).waitFor({ state: 'detached' });
      const merged = await r.get(second.id);
      assert.equal(merged.state, 'merged');

      // Accept the first: the routed team is proposed.
      await page.locator(`[data-testid="desk-row-${first.trackingCode}"]`).click();
      await page.locator('[data-testid="desk-step-accept"]').click();
      await page.locator('[data-testid="step-form-accept"]', { hasText: '竹行' }).waitFor();
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="desk-row-${first.trackingCode}"]`).waitFor({ state: 'detached' });
      const accepted = await r.get(first.id);
      assert.equal(accepted.state, 'dispatched');
      assert.equal(accepted.orgUnitId, r.teamId);

      // 不予受理 needs its reason.
      await page.locator(`[data-testid="desk-row-${third.trackingCode}"]`).click();
      await page.locator('[data-testid="desk-step-reject"]').click();
      await page.locator('[data-testid="step-ok"]').click();
      await page.getByText('请填写理由').waitFor();
      await page.locator('[data-testid="step-reason"]').fill('不属于城管执法职责，已告知向市场监管部门反映');
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="desk-row-${third.trackingCode}"]`).waitFor({ state: 'detached' });
      assert.equal((await r.get(third.id)).state, 'rejected');

      // 已派遣: 改派 to another team with a reason.
      await page.locator('[data-testid="desk-tabs"]').getByText('已派遣').click();
      await page.locator(`[data-testid="desk-row-${first.trackingCode}"]`).click();
      await page.locator('[data-testid="desk-step-redispatch"]').click();
      await chooseSelect(page, '#step-team', '城东街道综合执法队', '城东');
      await page.locator('[data-testid="step-reason"]').fill('位置在城东辖区');
      await page.locator('[data-testid="step-ok"]').click();
      await page.getByText('已改派').first().waitFor();
      const moved = await r.get(first.id);
      assert.notEqual(moved.orgUnitId, r.teamId);
      assert.equal(moved.state, 'dispatched');
    }));

  test('inbox: the team starts, handles, replies (the merged report closes with the reply), suspends and resumes', () =>
    journey(h, 'service-inbox-1', async (page) => {
      // Set up as the city desk (its own browser): a report and its duplicate, merged; the report dispatched to 竹行.
      const desk = await h.newPage();
      await loginAs(desk.page, 'admin', ADMIN_PASSWORD);
      const r = await reporter(desk.page);
      const target = await r.submit(0, '小区门口垃圾堆放（e2e 待办）');
      const dup = await r.submit(8, '小区门口有垃圾（e2e 待办 重复）');
      const other = await r.submit(300, '路灯杆小广告（e2e 挂起）');
      await r.step(dup.id, 'merge', { duplicateOfId: target.id, reason: '同一处' });
      await r.step(target.id, 'accept');
      await r.step(other.id, 'accept');

      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('便民服务', { exact: true }).click();
      await menu.getByText('待办', { exact: true }).click();
      await page.waitForURL(/\/service\/inbox/);

      // 待处置 → 开始处置.
      await page.locator(`[data-testid="inbox-row-${target.trackingCode}"]`).waitFor();
      await page.locator(`[data-testid="inbox-step-start-${target.trackingCode}"]`).click();
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="inbox-row-${target.trackingCode}"]`).waitFor({ state: 'detached' });
      // 处置中 → 处置完成 with what was done.
      await page.locator('[data-testid="inbox-stage-handling"]').click();
      await page.locator(`[data-testid="inbox-step-handle-${target.trackingCode}"]`).click();
      await page.locator('[data-testid="step-note"]').fill('已联系物业清运垃圾');
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="inbox-row-${target.trackingCode}"]`).waitFor({ state: 'detached' });
      // 待回复 → 回复.
      await page.locator('[data-testid="inbox-stage-handled"]').click();
      await page.locator(`[data-testid="inbox-step-reply-${target.trackingCode}"]`).click();
      await page.locator('[data-testid="step-text"]').fill('垃圾已清运，感谢您的反映。');
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="inbox-row-${target.trackingCode}"]`).waitFor({ state: 'detached' });
      assert.equal((await r.get(target.id)).state, 'replied');
      // The merged report's reporter has the reply too: closed with it.
      const closed = await r.get(dup.id);
      assert.equal(closed.state, 'closed');
      assert.equal(closed.replyText, '垃圾已清运，感谢您的反映。');

      // 挂起 with a reason, then 恢复.
      await page.locator('[data-testid="inbox-stage-dispatched"]').click();
      await page.locator(`[data-testid="inbox-step-suspend-${other.trackingCode}"]`).click();
      await page.locator('[data-testid="step-ok"]').click();
      await page.getByText('请填写挂起理由').waitFor();
      await page.locator('[data-testid="step-reason"]').fill('等待供电部门配合');
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="inbox-row-${other.trackingCode}"]`).waitFor({ state: 'detached' });
      await page.locator('[data-testid="inbox-stage-suspended"]').click();
      await page.locator(`[data-testid="inbox-step-resume-${other.trackingCode}"]`).click();
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator(`[data-testid="inbox-row-${other.trackingCode}"]`).waitFor({ state: 'detached' });
      assert.equal((await r.get(other.id)).state, 'dispatched');
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', RAW_CODE);
      await screenshot(page, 'service-inbox');
      await desk.context.close();
    }));
});
