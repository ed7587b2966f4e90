import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, loginAs, menuLabels, screenshot, startHarness, journey, type Harness } from './harness';

describe('web shell: login, menu, language', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('login as admin lands on the org page with the menu', () =>
    journey(h, 'shell-1', async (page) => {
      await page.goto('/');
      await page.waitForURL('**/login');
      await screenshot(page, 'login');
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL('**/org**');
      assert.deepEqual(await menuLabels(page), ['组织机构', '用户管理', '审计日志', '标准库', '评估', '整改', '目标与差距']);
      assert.equal((await page.locator('[data-testid="user-display-name"]').textContent())?.trim(), '系统管理员');
      assert.equal((await page.locator('[data-testid="user-role"]').textContent())?.trim(), '市局管理员');
    }));

  test('the app is served compressed, cached by content hash and under a CSP it never violates', () =>
    journey(h, 'shell-headers', async (page) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const assets: { url: string; encoding: string | undefined; cache: string | undefined; length: number }[] = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.startsWith('/assets/') && /\.(js|css)$/.test(r.url())) {
          assets.push({ url: r.url(), encoding: r.headers()['content-encoding'], cache: r.headers()['cache-control'], length: Number(r.headers()['content-length'] ?? Infinity) });
        }
      });
      const doc = await page.goto('/login');
      assert.ok(doc);
      const headers = doc.headers();
      assert.match(headers['content-security-policy'] ?? '', /script-src 'self'/);
      assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.equal(headers['cache-control'], 'no-cache');
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL('**/org**');
      await page.locator('[data-testid="geo-map"] path.leaflet-interactive').first().waitFor();
      assert.ok(assets.some((a) => a.encoding === 'br' || a.encoding === 'gzip'), 'the scripts arrive compressed');
      for (const a of assets) {
        assert.match(a.cache ?? '', /immutable/, a.url);
        // Files under 1 KiB are not worth compressing (scripts/compress-web.mjs skips them).
        if (a.length >= 1024) assert.ok(a.encoding === 'br' || a.encoding === 'gzip', `${a.url} sent ${a.encoding ?? 'uncompressed'}`);
      }
      assert.deepEqual(violations, []);
    }));

  test('after a password reset the user must change it before anything else (no way around the dialog)', () =>
    journey(h, 'shell-must-change', async (page) => {
      // The administrator resets the password through the API (same as the users page does).
      const api = page.request;
      assert.equal((await api.post('/api/identity/login', { data: { username: 'admin', password: ADMIN_PASSWORD } })).status(), 200);
      const users = (await (await api.get('/api/identity/users?q=xiaohai.officer1')).json()) as { items: { id: string; username: string }[] };
      const id = users.items.find((u) => u.username === 'xiaohai.officer1')!.id;
      assert.equal((await api.post(`/api/identity/users/${id}/reset-password`, { data: { password: 'Temp-e2e-2026' } })).status(), 204);
      assert.equal((await api.post('/api/identity/logout')).status(), 204);

      await page.goto('/login');
      await loginAs(page, 'xiaohai.officer1', 'Temp-e2e-2026');
      const dialog = page.locator('.ant-modal').filter({ hasText: '首次登录或密码已被重置，请修改密码' });
      await dialog.waitFor();
      assert.equal(await dialog.locator('.ant-modal-close').count(), 0, 'the dialog cannot be closed');
      await page.keyboard.press('Escape');
      assert.ok(await dialog.isVisible(), 'Escape does not dismiss it');
      await screenshot(page, 'must-change-password');
      await dialog.locator('#currentPassword').fill('Temp-e2e-2026');
      await dialog.locator('#newPassword').fill('xiaohai.officer1');
      await dialog.locator('#confirm').fill('xiaohai.officer1');
      await dialog.locator('.ant-btn-primary').click();
      // The server's reason, in Chinese, next to the field.
      await dialog.getByText('密码不能与用户名相同').waitFor();
      await dialog.locator('#newPassword').fill('Neues-Passwort-2026');
      await dialog.locator('#confirm').fill('Neues-Passwort-2026');
      await dialog.locator('.ant-btn-primary').click();
      await dialog.waitFor({ state: 'hidden' });
      assert.ok((await menuLabels(page)).includes('组织机构'));
    }));

  test('a wrong password shows the error and stays on the login page', () =>
    journey(h, 'shell-2', async (page) => {
      await page.goto('/login');
      await page.locator('#login-username').fill('admin');
      await page.locator('#login-password').fill('not-the-password');
      await page.locator('[data-testid="login-submit"]').click();
      const error = page.locator('[data-testid="login-error"]');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /用户名或密码错误/);
      assert.match(new URL(page.url()).pathname, /^\/login/);
      await screenshot(page, 'login-error');
    }));

  test('repeated failures lock the account and the message gives the minutes to wait', () =>
    journey(h, 'shell-locked', async (page) => {
      await page.goto('/login');
      const error = page.locator('[data-testid="login-error"]');
      let text = '';
      // The server locks a username after 5 failures within 15 minutes (identity.locked, 429).
      for (let i = 0; i < 8 && !/锁定/.test(text); i++) {
        await page.locator('#login-username').fill('nobody.e2e');
        await page.locator('#login-password').fill(`wrong-${i}`);
        // Listen before clicking: a fast answer would otherwise arrive before the wait starts.
        await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/identity/login')), page.locator('[data-testid="login-submit"]').click()]);
        await error.waitFor();
        text = (await error.textContent()) ?? '';
      }
      assert.match(text, /账号已锁定，请 \d+ 分钟后再试/);
    }));

  test('an unauthenticated deep link goes to login and back to the page afterwards', () =>
    journey(h, 'shell-3', async (page) => {
      await page.goto('/audit');
      await page.waitForURL('**/login');
      await page.locator('#login-username').fill('bureau');
      await page.locator('#login-password').fill(DEMO_PASSWORD);
      await page.locator('[data-testid="login-submit"]').click();
      await page.waitForURL('**/audit');
      await page.locator('[data-testid="audit-page"]').waitFor();
    }));

  test('the language switch changes the menu to English and back, and persists across reloads', () =>
    journey(h, 'shell-4', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="language-switch"]').getByText('English', { exact: true }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="side-menu"]')?.textContent?.includes('Organisation'),
      );
      assert.deepEqual(await menuLabels(page), ['Organisation', 'Users', 'Audit log', 'Standards', 'Assessments', 'Rectification', 'Targets and gaps']);
      assert.equal((await page.locator('[data-testid="user-role"]').textContent())?.trim(), 'City administrator');
      await page.reload();
      await page.locator('[data-testid="side-menu"]').waitFor();
      assert.deepEqual(await menuLabels(page), ['Organisation', 'Users', 'Audit log', 'Standards', 'Assessments', 'Rectification', 'Targets and gaps']);
      assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
      await screenshot(page, 'org-english');
      await page.locator('[data-testid="language-switch"]').getByText('中文', { exact: true }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]')?.textContent?.includes('组织机构'));
      await page.reload();
      await page.locator('[data-testid="side-menu"]').waitFor();
      assert.deepEqual(await menuLabels(page), ['组织机构', '用户管理', '审计日志', '标准库', '评估', '整改', '目标与差距']);
    }));

  test('logout returns to the login page and the session is gone', () =>
    journey(h, 'shell-5', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.locator('[data-testid="user-menu"]').click();
      await page.getByText('退出登录', { exact: true }).click();
      await page.waitForURL('**/login');
      await page.goto('/org');
      await page.waitForURL('**/login');
    }));
});
