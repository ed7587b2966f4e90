import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, journey, loginAs, startHarness, type Harness } from './harness';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bservice(Board|Categories)\.[a-z]/;
const ZHUHANG = '320671003';

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

type Category = { id: string; code: string; name: string; version: number; active: boolean; acceptHours: number; handleHours: number; replyHours: number; localDefault: boolean };
type Req = { id: string; trackingCode: string; version: number; state: string };
type Board = { counts: Record<string, number>; items: { id: string; flag: string; trackingCode: string }[] };

/**
 * Three staff reports in 竹行's area in `category` (routed to its team): one just received, one suspended (挂起) with a
 * reason, and one received by phone 20 days ago (its one-hour accept limit long past: any 20 days hold working hours).
 */
async function reports(page: Page, categoryId: string): Promise<{ running: Req; held: Req; late: Req }> {
  const req = page.request;
  const units = (await ok<{ items: { code: string; centerLat: number | null; centerLon: number | null }[] }>(await req.get('/api/org/units'))).items;
  const team = units.find((u) => u.code === ZHUHANG)!;
  assert.ok(team.centerLat && team.centerLon, 'the demo team has an area');
  const submit = async (n: number, receivedAt?: string) =>
    ok<Req>(await req.post('/api/service/requests/', { data: { categoryId, description: `期限预警测试 ${n}（e2e）`, lat: team.centerLat, lon: team.centerLon! + n * 0.0002, address: '竹行街道青年路（e2e）', ...(receivedAt ? { receivedAt } : {}) } }));
  const running = await submit(1);
  let held = await submit(2);
  held = await ok<Req>(await req.post(`/api/service/requests/${held.id}/actions/suspend`, { data: { version: held.version, reason: '等待权属单位确认（e2e）' } }));
  assert.equal(held.state, 'suspended');
  const late = await submit(3, new Date(Date.now() - 20 * 86_400_000).toISOString());
  return { running, held, late };
}

describe('便民服务 期限预警 and 类别与时限', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('类别与时限: the shipped limits are marked 本地默认值; a new category is created, its limits edited, deactivated; an unused one deleted; the working hours saved', () =>
    journey(h, 'service-board-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('便民服务').click();
      await menu.getByText('类别与时限', { exact: true }).click();
      await page.waitForURL(/\/service\/categories/);
      const table = page.locator('[data-testid="categories-table"]');
      await table.locator('tr', { hasText: '道路不洁' }).locator('[data-testid="category-local-default"]').waitFor();
      await page.locator('[data-testid="hours-card"]').getByText('本地默认值，待本局确认').waitFor();

      // New category through the form; a handling limit shorter than the accepting one is refused on its field.
      const code = `E${Date.now() % 100000}`;
      await page.locator('[data-testid="category-create"]').click();
      await page.locator('[data-testid="category-code"]').fill(code);
      await page.locator('[data-testid="category-name"]').fill('期限预警测试类别');
      await page.locator('[data-testid="category-big-class"]').fill('其他事件');
      await page.locator('[data-testid="category-accept"]').fill('4');
      await page.locator('[data-testid="category-handle"]').fill('2');
      await page.locator('[data-testid="category-reply"]').fill('16');
      await page.locator('[data-testid="category-save"]').click();
      await page.locator('.ant-modal').getByText('不能小于 4').waitFor();
      await page.locator('[data-testid="category-handle"]').fill('8');
      await page.locator('[data-testid="category-save"]').click();
      const row = table.locator('tr', { hasText: code });
      await row.getByText('8 工作时').waitFor();
      assert.equal(await row.locator('[data-testid="category-local-default"]').count(), 0, 'the bureau’s own category carries no local-default mark');

      // Edit its limits; then deactivate it (it has no report yet, so it could also be deleted).
      await row.locator('[data-testid="category-edit"]').click();
      await page.locator('[data-testid="category-reply"]').fill('24');
      await page.locator('[data-testid="category-save"]').click();
      await row.getByText('24 工作时').waitFor();
      await row.locator('[data-testid="category-deactivate"]').click();
      await page.locator('.ant-popover:visible').getByRole('button', { name: /^停\s?用$/ }).click();
      await row.getByText('停用', { exact: true }).first().waitFor();
      await row.locator('[data-testid="category-activate"]').waitFor();
      await row.locator('[data-testid="category-delete"]').click();
      await page.locator('.ant-popover:visible').getByRole('button', { name: /^删\s?除$/ }).click();
      await row.waitFor({ state: 'detached' });

      // Working hours: an overlap is refused in words, a valid setting saved (the local-default mark goes).
      await page.locator('[data-testid="period-1-start"]').fill('11:30');
      await page.locator('[data-testid="hours-save"]').click();
      await page.locator('[data-testid="hours-card"]').getByText('各时段须按先后排列且不重叠').waitFor();
      await page.locator('[data-testid="period-1-start"]').fill('13:30');
      await page.locator('[data-testid="hours-save"]').click();
      await page.getByText('工作时间已保存').waitFor();
      await page.locator('[data-testid="hours-default"]').waitFor({ state: 'detached' });
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', RAW_CODE);
    }));

  test('期限预警: counts per flag and team, flags in colour and words, the suspended clock stopped, filters; a team sees its own team only', () =>
    journey(h, 'service-board-2', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      const code = `B${Date.now() % 100000}`;
      let cat = await ok<Category>(await page.request.post('/api/service/categories', { data: { code, name: '预警页面测试', bigClass: '其他事件', acceptHours: 1, handleHours: 8, replyHours: 16 } }));
      const { running, held, late } = await reports(page, cat.id);

      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('便民服务').click();
      await menu.getByText('期限预警', { exact: true }).click();
      await page.waitForURL(/\/service\/board/);
      await page.locator('[data-testid="board-teams"]').getByText('竹行', { exact: false }).first().waitFor();
      // The category filter (by URL, as the select writes it) leaves this run's two reports.
      await page.goto(`/service/board?category=${cat.id}`);
      const table = page.locator('[data-testid="board-table"]');
      const runRow = table.locator('tr', { hasText: running.trackingCode });
      const heldRow = table.locator('tr', { hasText: held.trackingCode });
      // A fresh report with a one-hour limit has more than a quarter of it left whatever the time of day.
      await runRow.locator('[data-testid="flag-on_time"]').waitFor();
      assert.match((await runRow.locator('[data-testid="flag-on_time"]').getAttribute('class')) ?? '', /green/);
      await runRow.getByText('受理', { exact: true }).waitFor();
      await heldRow.locator('[data-testid="flag-suspended"]', { hasText: '挂起' }).waitFor();
      await heldRow.getByText(/计时已停/).waitFor();
      const lateRow = table.locator('tr', { hasText: late.trackingCode });
      await lateRow.locator('[data-testid="flag-overdue"]', { hasText: '已超期' }).waitFor();
      assert.match((await lateRow.locator('[data-testid="flag-overdue"]').getAttribute('class')) ?? '', /red/);
      await lateRow.getByText(/^超期 /).waitFor();
      for (const [flag, n] of [['overdue', '1'], ['on_time', '1'], ['suspended', '1'], ['total', '3']]) {
        assert.equal((await page.locator(`[data-testid="count-${flag}"] .ant-statistic-content`).textContent())?.trim(), n, flag);
      }
      const api = await ok<Board>(await page.request.get(`/api/service/board/?categoryId=${cat.id}`));
      assert.deepEqual([api.counts.overdue, api.counts.on_time, api.counts.suspended, api.counts.total], [1, 1, 1, 3]);
      // The most urgent first.
      assert.equal(((await table.locator('tbody tr.ant-table-row').first().textContent()) ?? '').includes(late.trackingCode), true);

      // A longer accept limit makes the hour left a quarter or less of it: due soon, in orange and in words.
      cat = await ok<Category>(await page.request.put(`/api/service/categories/${cat.id}`, { data: { expectedVersion: cat.version, name: cat.name, bigClass: '其他事件', acceptHours: 8, handleHours: 8, replyHours: 16, active: true } }));
      await page.reload();
      await runRow.locator('[data-testid="flag-due_soon"]', { hasText: '即将超期' }).waitFor();
      assert.match((await runRow.locator('[data-testid="flag-due_soon"]').getAttribute('class')) ?? '', /orange/);
      // The flag filter: only the suspended one.
      await page.locator('[data-testid="count-suspended"]').click();
      await page.waitForURL(/flag=suspended/);
      await runRow.waitFor({ state: 'detached' });
      await heldRow.waitFor();
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', RAW_CODE);

      // A team leader of another team sees neither report; 竹行's leader sees both, and only his team.
      for (const [user, sees] of [
        ['chengdong.leader', false],
        ['zhuhang.leader', true],
      ] as const) {
        const other = await h.newPage();
        try {
          await loginAs(other.page, user, DEMO_PASSWORD);
          await other.page.goto(`/service/board?category=${cat.id}`);
          const t = other.page.locator('[data-testid="board-table"]');
          if (sees) {
            await t.locator('tr', { hasText: held.trackingCode }).waitFor();
            assert.equal(await other.page.locator('[data-testid="board-teams"] tbody tr.ant-table-row').count(), 1, 'a team sees its own team only');
            // The team reads the categories and limits but does not edit them.
            await other.page.goto('/service/categories');
            await other.page.locator('[data-testid="categories-table"] tr', { hasText: '道路不洁' }).waitFor();
            assert.equal(await other.page.locator('[data-testid="category-create"], [data-testid="category-edit"], [data-testid="hours-save"]').count(), 0);
          } else await t.getByText('没有需要预警的诉求').waitFor();
        } finally {
          await other.context.close();
        }
      }
    }));
});
