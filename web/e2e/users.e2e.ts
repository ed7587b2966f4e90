import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, chooseSelect, loginAs, menuLabels, screenshot, startHarness, journey, type Harness } from './harness';

async function openCreateModal(page: Page) {
  await page.locator('[data-testid="user-create"]').click();
  const modal = page.locator('.ant-modal').filter({ hasText: '新建用户' });
  await modal.waitFor();
  return modal;
}



describe('users page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('admin creates a user and sees it in the table; a taken username is reported on its field', () =>
    journey(h, 'users-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('用户管理').click();
      await page.waitForURL('**/users');
      await page.locator('[data-testid="users-page"] .ant-table-row').first().waitFor();
      await screenshot(page, 'users');

      const modal = await openCreateModal(page);
      await page.locator('#user-username').fill('e2e.officer');
      await page.locator('#user-displayName').fill('测试队员');
      await chooseSelect(page, '#user-role', '执法队员');
      await chooseSelect(page, '#user-orgUnit', '竹行街道综合执法队', '竹行');
      await page.locator('#user-password').fill('e2e-password-1');
      await screenshot(page, 'users-create');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('用户已创建').first().waitFor();
      await modal.waitFor({ state: 'hidden' });

      await page.locator('[data-testid="users-search"] input').fill('e2e.officer');
      const row = page.locator('[data-testid="users-page"] .ant-table-row', { hasText: 'e2e.officer' });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      assert.match(text, /测试队员/);
      assert.match(text, /执法队员/);
      assert.match(text, /竹行街道综合执法队/);

      // Same username again: the server's 409 lands on the username field.
      const again = await openCreateModal(page);
      await page.locator('#user-username').fill('e2e.officer');
      await page.locator('#user-displayName').fill('重复');
      await chooseSelect(page, '#user-role', '执法队员');
      await chooseSelect(page, '#user-orgUnit', '竹行街道综合执法队', '竹行');
      await page.locator('#user-password').fill('e2e-password-1');
      await again.getByRole('button', { name: /保\s*存/ }).click();
      await again.locator('.ant-form-item-explain-error', { hasText: '用户名已被使用' }).waitFor();
    }));

  test('an officer sees the users of the team but no create button', () =>
    journey(h, 'users-2', async (page) => {
      await loginAs(page, 'zhuhang.officer1', DEMO_PASSWORD);
      assert.deepEqual(await menuLabels(page), ['组织机构', '用户管理', '标准库', '评估', '整改', '目标与差距']);
      await page.goto('/users');
      await page.locator('[data-testid="users-page"] .ant-table-row').first().waitFor();
      assert.equal(await page.locator('[data-testid="user-create"]').count(), 0);
    }));

  test('an auxiliary has no users menu and the page is forbidden', () =>
    journey(h, 'users-3', async (page) => {
      await loginAs(page, 'zhuhang.aux1', DEMO_PASSWORD);
      assert.deepEqual(await menuLabels(page), ['组织机构', '标准库']);
      await page.goto('/users');
      await page.locator('.ant-result-403').waitFor();
      assert.equal(await page.locator('[data-testid="users-page"]').count(), 0);
    }));
});
