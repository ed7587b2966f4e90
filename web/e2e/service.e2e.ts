import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bserviceRequest\.[a-z]/;

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

type Detail = { id: string; trackingCode: string; state: string; orgUnitName: string | null; dueFlag: string | null; version: number };

/** A report recorded through the API by the signed-in user at the centre of the 竹行 demo grid (routed to 竹行). */
async function seedReport(page: Page, description: string, receivedAt?: string): Promise<Detail> {
  const req = page.request;
  const cats = await ok<{ items: { id: string; active: boolean }[] } | { id: string; active: boolean }[]>(await req.get('/api/service/categories'));
  const category = (Array.isArray(cats) ? cats : cats.items).find((c) => c.active);
  assert.ok(category, 'an active report category (shipped 数字城管 classes)');
  const units = await ok<{ items: { code: string; centerLat: number | null; centerLon: number | null }[] }>(await req.get('/api/org/units'));
  const grid = units.items.find((u) => u.code === '32067100300101');
  assert.ok(grid?.centerLat && grid.centerLon, 'the 竹行 demo grid with its centre');
  return ok<Detail>(
    await req.post('/api/service/requests', {
      data: { categoryId: category.id, description, lat: grid.centerLat, lon: grid.centerLon, address: '竹行街道青年路（e2e）', contactPhone: '13812341234', ...(receivedAt ? { receivedAt } : {}) },
    }),
  );
}

/** Signs in as another user in the same browser context (the previous session's cookie dropped first). */
async function switchUser(page: Page, username: string) {
  await page.context().clearCookies();
  await loginAs(page, username, DEMO_PASSWORD);
}

/** Clicks a step button of the detail page, fills its form and waits for the new state on the page. */
async function step(page: Page, action: string, fields: Record<string, string>, state: string) {
  await page.locator(`[data-testid="action-${action}"]`).click();
  await page.locator(`[data-testid="step-form-${action}"]`).waitFor();
  for (const [field, value] of Object.entries(fields)) await page.locator(`[data-testid="step-${field}"]`).fill(value);
  await page.locator('[data-testid="step-ok"]').click();
  await page.locator('[data-testid="request-state"]', { hasText: state }).waitFor();
  await page.locator(`[data-testid="step-form-${action}"]`).waitFor({ state: 'detached' });
}

describe('便民服务: the report detail page takes a report through its steps; the list shows the overdue flag', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('accept (desk) → start → handle → reply (team) in the browser, each on the timeline', () =>
    journey(h, 'service-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      const r = await seedReport(page, '人行道占道经营，影响通行（e2e 详情）');
      assert.equal(r.orgUnitName, '竹行街道综合执法队');
      await page.goto(`/service/requests/${r.id}`);
      await page.locator('[data-testid="request-state"]', { hasText: '待受理' }).waitFor();
      await page.locator('[data-testid="request-map"]').waitFor();
      await step(page, 'accept', {}, '已派遣');

      // The team takes it from here: the officer sees the phone in full and the team's steps only.
      await switchUser(page, 'zhuhang.officer1');
      await page.goto(`/service/requests/${r.id}`);
      await page.locator('[data-testid="request-state"]', { hasText: '已派遣' }).waitFor();
      assert.equal(await page.locator('[data-testid="action-accept"]').count(), 0, 'the team does not accept');
      assert.ok((await page.locator('[data-testid="service-request-detail"]').textContent())?.includes('13812341234'));
      await step(page, 'start', {}, '处置中');
      // The form insists on what was done.
      await page.locator('[data-testid="action-handle"]').click();
      await page.locator('[data-testid="step-ok"]').click();
      await page.getByText('请填写处置情况').waitFor();
      await page.locator('[data-testid="step-note"]').fill('已劝离摊主，现场恢复通行（e2e）');
      await page.locator('[data-testid="step-ok"]').click();
      await page.locator('[data-testid="request-state"]', { hasText: '已处置' }).waitFor();
      await step(page, 'reply', { text: '您反映的占道经营已处理，感谢监督（e2e）' }, '已回复');
      await page.locator('[data-testid="request-reply"]', { hasText: '感谢监督' }).waitFor();
      for (const a of ['submit', 'accept', 'start', 'handle', 'reply']) await page.locator(`[data-testid="timeline-${a}"]`).waitFor();
      const text = (await page.locator('[data-testid="service-request-detail"]').textContent()) ?? '';
      assert.ok(!RAW_CODE.test(text), `no internal code on the page: ${text.match(RAW_CODE)?.[0]}`);
      await screenshot(page, 'service-request-detail');
    }));

  test('a report received ten days ago is overdue: flagged on the list (overdue filter) and on its page; an auxiliary sees the phone masked', () =>
    journey(h, 'service-2', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      // Ten days back: past any category's accept limit in working hours, within the 30 days staff may date back.
      const received = new Date(Date.now() - 10 * 86_400_000).toISOString();
      const r = await seedReport(page, '夜间施工噪声扰民（e2e 超时）', received);
      assert.equal(r.dueFlag, 'overdue');
      await switchUser(page, 'zhuhang.aux1');
      await page.goto(`/service/requests?overdue=1&q=${r.trackingCode}`);
      const row = page.locator('[data-testid="service-request-list"] tr', { hasText: r.trackingCode });
      await row.locator('[data-testid="due-flag-overdue"]').waitFor();
      assert.equal(await row.locator('[data-testid="due-flag-overdue"]').textContent(), '已超期');
      await row.getByText(r.trackingCode).click();
      await page.locator('[data-testid="service-request-detail"] [data-testid="due-flag-overdue"]').waitFor();
      const text = (await page.locator('[data-testid="service-request-detail"]').textContent()) ?? '';
      assert.ok(text.includes('138****1234') && !text.includes('13812341234'), 'the auxiliary sees the phone masked');
      await page.getByText('当前没有您可以办理的步骤').waitFor();
      await screenshot(page, 'service-request-list-overdue');
    }));
});
