import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, journey, loginAs, menuLabels, startHarness, type Harness } from './harness';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bserviceOpen311\.[a-z]/;

describe('开放接口 (Open311): an administrator creates a key, a client submits with it, the key is revoked', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  /** A report posted by an Open311 client (not the browser): the spec's form-encoded POST. */
  async function postReport(apiKey: string): Promise<Response> {
    const services = (await (await fetch(`${h.baseUrl}/open311/v2/services.json`)).json()) as { service_code: string }[];
    assert.ok(services.length > 0, 'the demo offers services');
    return fetch(`${h.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ api_key: apiKey, service_code: services[0]!.service_code, lat: '32.0107', long: '120.8946', description: '路口有流动摊贩占道（e2e Open311）' }).toString(),
    });
  }

  test('create → key shown once → a client submits with it → its use is listed → revoke → the client is refused', () =>
    journey(h, 'service-open311-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('便民服务', { exact: true }).click();
      await menu.getByText('开放接口', { exact: true }).click();
      await page.waitForURL(/\/service\/open311$/);
      await page.locator('[data-testid="open311-endpoint"]', { hasText: '/open311/v2' }).waitFor();

      const name = `e2e 平台 ${Date.now()}`;
      await page.locator('[data-testid="open311-create"]').click();
      await page.locator('#open311-name').fill(name);
      await page.locator('#open311-limit').fill('5');
      await page.locator('#open311-create-ok').click();
      const secretBox = page.locator('[data-testid="open311-secret"]');
      await secretBox.waitFor();
      const secret = ((await secretBox.textContent()) ?? '').trim();
      assert.match(secret, /^o311_[A-Za-z0-9_-]{43}$/);
      await page.locator('[data-testid="open311-secret-close"]').click();
      await secretBox.waitFor({ state: 'detached' });

      const row = page.locator('[data-testid="open311-keys"] tr', { hasText: name });
      await row.getByText('有效', { exact: true }).waitFor();
      assert.ok(((await row.textContent()) ?? '').includes(secret.slice(0, 9)), 'the row shows the key’s first characters');
      assert.ok(!((await page.locator('main').textContent()) ?? '').includes(secret), 'the key is not shown again');

      const ok = await postReport(secret);
      assert.equal(ok.status, 200, await ok.clone().text());
      const [created] = (await ok.json()) as { service_request_id: string }[];
      assert.ok(created?.service_request_id);

      // The list counts the key's submission in the last hour.
      await page.reload();
      await row.locator('td', { hasText: /^1$/ }).first().waitFor();

      await row.locator(`[data-testid="open311-revoke-${name}"]`).click();
      await page.locator('.open311-revoke-ok').click();
      await row.getByText('已吊销', { exact: true }).waitFor();
      assert.equal(await row.locator(`[data-testid="open311-revoke-${name}"]`).count(), 0, 'no revoke button on a revoked key');

      const refused = await postReport(secret);
      assert.equal(refused.status, 403);
      assert.deepEqual(((await refused.json()) as { code: number }[])[0]?.code, 403);
      // Under /open311/v2 an unknown resource is the spec's 404, never the web app's page.
      const unknown = await fetch(`${h.baseUrl}/open311/v2/discovery.json`);
      assert.equal(unknown.status, 404);
      assert.deepEqual(((await unknown.json()) as { code: number }[])[0]?.code, 404);
      // jurisdiction_id is shown on purpose: it is the spec's parameter a client's developer types.
      assert.doesNotMatch(((await page.locator('main').textContent()) ?? '').replace('jurisdiction_id', ''), RAW_CODE);
    }));

  test('a team leader has no 开放接口 in the menu', () =>
    journey(h, 'service-open311-2', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const labels = await menuLabels(page);
      assert.ok(!labels.includes('开放接口'), labels.join(','));
    }));
});
