import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

describe('progress: targets and gaps dashboard, meeting report', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('the dashboard shows the burn-up chart, targets with forecasts, gaps and ranking; the report downloads', () =>
    journey(h, 'progress-1', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('目标与差距').click();
      await page.locator('[data-testid="progress-kpis"]').waitFor();
      await page.locator('[data-testid="burnup-chart"] svg').waitFor();
      const row2019 = page.locator('[data-testid="progress-targets"] tr', { hasText: '2019年底前' });
      assert.match((await row2019.locator('[data-testid="forecast-tag"]').textContent()) ?? '', /已达成/);
      assert.ok((await page.locator('[data-testid="progress-ranking"] tbody tr').count()) >= 10);
      await page.locator('[data-testid="progress-gaps"]').waitFor();
      // Overdue enforcement-case steps are flagged on the dashboard too, with the way to the 期限预警 board.
      const caseCard = page.locator('[data-testid="progress-case-deadlines"]');
      await caseCard.waitFor();
      assert.match((await caseCard.textContent()) ?? '', /已逾期.*个工作日内到期/);
      const overdue = Number(((await caseCard.locator('.ant-statistic-content-value').first().textContent()) ?? '').replace(/,/g, ''));
      assert.ok(overdue > 0, `the demo year of cases has overdue steps, the card shows ${overdue}`);
      await page.waitForTimeout(500);
      await screenshot(page, 'progress');

      // The 2026 复评 has teams below the line: the gap list names them.
      await page.locator('[data-testid="progress-campaign"]').click();
      await page.locator('.ant-select-item-option', { hasText: '复评' }).click();
      await page.locator('[data-testid="progress-gaps"] tbody tr.ant-table-row').first().waitFor();

      await caseCard.getByRole('link', { name: '查看期限预警' }).click();
      await page.waitForURL(/\/cases\/deadlines/);
      await page.goBack();
      await page.locator('[data-testid="progress-gaps"]').waitFor();
      await page.locator('[data-testid="progress-campaign"]').click();
      await page.locator('.ant-select-item-option', { hasText: '复评' }).click();
      await page.locator('[data-testid="progress-gaps"] tbody tr.ant-table-row').first().waitFor();
      await page.locator('[data-testid="report-generate"]').click();
      await page.locator('[data-testid="report-status"] .ant-progress').waitFor();
      await page.locator('[data-testid="report-xlsx"]').waitFor({ timeout: 60_000 });
      await screenshot(page, 'progress-report');
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="report-xlsx"]').click()]);
      assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="report-pdf"]').click()]);
      assert.match(pdf.suggestedFilename(), /\.pdf$/);
    }));

  test('bureau staff add a dated target and it appears on the dashboard with a forecast', () =>
    journey(h, 'progress-targets', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('目标与差距').click();
      await page.locator('[data-testid="progress-targets"]').waitFor();
      await page.locator('[data-testid="manage-targets"]').click();
      await page.locator('[data-testid="new-target"]').click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '新增目标' });
      await dialog.locator('#title').fill('2020年底前不少于17个队达标');
      await dialog.locator('#dueDate').fill('2020-12-31');
      await dialog.locator('#dueDate').press('Enter');
      await dialog.locator('#requiredCount').fill('17');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.locator('.ant-modal').filter({ hasText: '管理目标' }).locator('tr', { hasText: '2020年底前不少于17个队达标' }).waitFor();
      await page.keyboard.press('Escape');
      const row = page.locator('[data-testid="progress-targets"] tr', { hasText: '2020年底前不少于17个队达标' });
      await row.waitFor();
      assert.match((await row.locator('[data-testid="forecast-tag"]').textContent()) ?? '', /已达成/);
      await screenshot(page, 'progress-targets');
    }));
});
