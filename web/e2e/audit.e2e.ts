import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

const rowCount = (page: Page) => page.locator('[data-testid="audit-page"] .ant-table-row').count();

describe('audit page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('records are listed newest first, load more follows the cursor, and the chain verifies', () =>
    journey(h, 'audit-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('审计日志').click();
      await page.waitForURL('**/audit');
      await page.locator('[data-testid="audit-page"] .ant-table-row').first().waitFor();
      const first = await rowCount(page);
      assert.equal(first, 50);
      const seqs = (await page.locator('[data-testid="audit-page"] .ant-table-row td:nth-child(2)').allTextContents()).map(Number);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');

      await page.locator('[data-testid="audit-load-more"]').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-page"] .ant-table-row').length > 50);

      // Expand the newest record: before/after side by side.
      await page.locator('[data-testid="audit-page"] .ant-table-row-expand-icon').first().click();
      await page.locator('[data-testid="audit-diff"]').first().waitFor();

      await page.locator('[data-testid="chain-verify"]').click();
      const ok = page.locator('[data-testid="chain-ok"]');
      await ok.waitFor();
      assert.match((await ok.textContent()) ?? '', /审计链完整：已校验 \d+ 条记录/);
      await screenshot(page, 'audit');
    }));

  test('a legal reviewer reads the log but has no verify button', () =>
    journey(h, 'audit-2', async (page) => {
      await loginAs(page, 'legal', DEMO_PASSWORD);
      await page.goto('/audit');
      await page.locator('[data-testid="chain-status"]').waitFor();
      assert.equal(await page.locator('[data-testid="chain-verify"]').count(), 0);
    }));
});
