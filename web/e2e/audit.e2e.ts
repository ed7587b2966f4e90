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

      // Actions and object types in words, never as codes; the operator with display name and username.
      const actions = await page.locator('[data-testid="audit-page"] [data-testid="audit-action"]').evaluateAll((els) =>
        els.map((e) => ({ code: e.getAttribute('data-action') ?? '', text: e.textContent ?? '' })),
      );
      assert.equal(actions.length, 50);
      for (const a of actions) {
        assert.match(a.text, /[\u4e00-\u9fff]/, `${a.code} is shown in words: ${a.text}`);
        assert.ok(!a.text.includes(a.code) && !/[a-z]+\.[a-z_]+/.test(a.text), `no code in ${a.text}`);
      }
      const login = actions.find((a) => a.code === 'identity.login');
      assert.equal(login?.text, '登录', 'the admin\'s sign-in is the newest record, named 登录');
      const entities = await page.locator('[data-testid="audit-page"] [data-testid="audit-entity"]').evaluateAll((els) =>
        els.map((e) => ({ type: e.getAttribute('data-entity-type') ?? '', text: e.firstChild?.textContent ?? '' })),
      );
      for (const e of entities) assert.match(e.text, /^[\u4e00-\u9fff]+$/, `${e.type} is shown in words: ${e.text}`);
      assert.ok(entities.some((e) => e.type === 'user' && e.text === '用户'));
      const actors = await page.locator('[data-testid="audit-page"] [data-testid="audit-actor"]').allTextContents();
      assert.ok(actors.some((a) => /^系统管理员\s*\(admin\)$/.test(a)), actors.slice(0, 3).join(' | '));
      assert.ok(actors.some((a) => a === '系统'), 'seed and start-up records are by 系统');

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

  test('the filter offers object types by name and lists only that type', () =>
    journey(h, 'audit-filter', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.goto('/audit');
      await page.locator('[data-testid="audit-page"] .ant-table-row').first().waitFor();
      const filter = page.locator('[data-testid="audit-filter-entity"]');
      await filter.click();
      await page.keyboard.type('用户');
      const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^用户$/ });
      await option.waitFor();
      // The page asks for the code, and shows only records of that type.
      const listed = page.waitForResponse((r) => r.url().includes('/api/audit/records') && new URL(r.url()).searchParams.get('entityType') === 'user');
      await option.click();
      assert.equal((await listed).status(), 200);
      await page.waitForFunction(() => {
        const rows = Array.from(document.querySelectorAll('[data-testid="audit-page"] [data-testid="audit-entity"]'));
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-entity-type') === 'user');
      });
      const texts = await page.locator('[data-testid="audit-page"] [data-testid="audit-action"]').allTextContents();
      assert.ok(texts.includes('新建用户'), texts.join(','));
      await screenshot(page, 'audit-filter');
    }));

  test('a legal reviewer reads the log but has no verify button', () =>
    journey(h, 'audit-2', async (page) => {
      await loginAs(page, 'legal', DEMO_PASSWORD);
      await page.goto('/audit');
      await page.locator('[data-testid="chain-status"]').waitFor();
      assert.equal(await page.locator('[data-testid="chain-verify"]').count(), 0);
    }));
});
