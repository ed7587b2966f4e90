import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIResponse, Page } from 'playwright-core';
import { ADMIN_PASSWORD, chooseSelect, journey, screenshot, startHarness, type Harness } from './harness';
import { solveChallengeSvg } from '../../server/test/service-public-kit';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bservicePublic\.[a-z]/;

/** A real JPEG drawn by the browser (so the preview shows a picture). */
async function browserJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 240;
    const g = c.getContext('2d')!;
    g.fillStyle = '#8fb3d9';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#c0392b';
    g.fillRect(60, 120, 200, 80);
    return c.toDataURL('image/jpeg', 0.8);
  });
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

/** The question shown on the page, read from its SVG picture and answered. */
async function answerQuestion(page: Page): Promise<void> {
  const img = page.locator('[data-testid="report-challenge"]');
  await img.waitFor();
  const src = (await img.getAttribute('src')) ?? '';
  const svg = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  await page.locator('#report-answer').fill(String(solveChallengeSvg(svg)));
}

describe('便民服务 public pages on a phone: 我要反映 → 查询码 → 办理进度 → 评价', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('report with a photo and a map pick, see the status, rate the reply (390×844, no login)', () =>
    journey(h, 'service-public-1', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/public/report');
      await page.getByRole('heading', { name: '我要反映' }).waitFor();
      // Outside the staff layout: no side menu, no sign-in.
      assert.equal(await page.locator('[data-testid="side-menu"]').count(), 0);

      const categories = (await (await page.request.get('/api/public/service/categories')).json()) as { items: { code: string; name: string }[] };
      const category = categories.items[0];
      assert.ok(category, 'an active category');
      await chooseSelect(page, '#report-category', category.name);
      await page.locator('#report-description').fill('青年路人行道上有流动摊贩占道经营，行人只能绕到机动车道（e2e）');

      // Two photos, one removed again: one is sent.
      const jpeg = await browserJpeg(page);
      await page.locator('[data-testid="report-photo-input"]').setInputFiles([
        { name: '现场1.jpg', mimeType: 'image/jpeg', buffer: jpeg },
        { name: '现场2.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      ]);
      await page.locator('[data-testid="report-photo"]').nth(1).waitFor();
      await page.locator('[data-testid="report-photo-remove"]').nth(1).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-photo"]').length === 1);

      // The place: a tap in the middle of the map (the default view is Nantong).
      const map = page.locator('[data-testid="report-map"]');
      await map.scrollIntoViewIfNeeded();
      const box = (await map.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('[data-testid="report-location"]').filter({ hasText: '已选位置' }).waitFor();

      await page.locator('#report-contact-phone').fill('13812345678');
      await answerQuestion(page);
      await screenshot(page, 'service-public-form');
      await page.locator('[data-testid="report-submit"]').click();

      const codeEl = page.locator('[data-testid="report-code"]');
      await codeEl.waitFor();
      const code = ((await codeEl.textContent()) ?? '').trim();
      assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
      const fontSize = await codeEl.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(fontSize >= 24, `the code is shown big (${fontSize}px)`);
      await screenshot(page, 'service-public-code');

      await page.locator('[data-testid="report-progress-link"]').click();
      await page.waitForURL(`**/public/report/${code}`);
      await page.locator('[data-testid="status-state"]').filter({ hasText: '待受理' }).waitFor();
      await page.locator('[data-testid="status-photo"]').first().waitFor();
      assert.ok(!(await page.locator('body').innerText()).includes('13812345678'), 'no phone on the status page');

      // The bureau handles and replies (through the API, as the desk and the team would).
      const api = await h.browser.newContext({ baseURL: h.baseUrl });
      try {
        const login = await api.request.post('/api/identity/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
        assert.equal(login.status(), 200, await login.text());
        const listed = await api.request.get(`/api/service/requests?q=${code}&limit=10`);
        assert.equal(listed.status(), 200, await listed.text());
        const list = (await listed.json()) as { items: { id: string; trackingCode: string; version: number; orgUnitId: string | null }[] };
        const mine = list.items.find((r) => r.trackingCode === code);
        assert.ok(mine, 'the report is on the desk');
        const units = (await (await api.request.get('/api/org/units')).json()) as { code: string; id: string }[] | { items: { code: string; id: string }[] };
        const unitList = Array.isArray(units) ? units : units.items;
        const team = unitList.find((u) => u.code === '320671003')!;
        let version = mine.version;
        for (const [action, body] of [
          ['accept', mine.orgUnitId ? {} : { teamId: team.id }],
          ['start', {}],
          ['handle', { note: '已劝离摊贩（e2e）' }],
          ['reply', { text: '您反映的占道经营问题已处理，摊贩已劝离，感谢监督。' }],
        ] as const) {
          const res: APIResponse = await api.request.post(`/api/service/requests/${mine.id}/actions/${action}`, { data: { version, ...body } });
          assert.equal(res.status(), 200, `${action}: ${await res.text()}`);
          version = ((await res.json()) as { version: number }).version;
        }
      } finally {
        await api.close();
      }

      await page.reload();
      await page.locator('[data-testid="status-state"]').filter({ hasText: '已答复' }).waitFor();
      await page.locator('[data-testid="status-reply"]').filter({ hasText: '摊贩已劝离' }).waitFor();
      await page.locator('[data-testid="rating-satisfied"]').click();
      await page.locator('#rating-comment').fill('处理很及时');
      await page.locator('[data-testid="rating-submit"]').click();
      await page.locator('[data-testid="status-rating"]').filter({ hasText: '满意' }).waitFor();
      await page.locator('[data-testid="status-state"]').filter({ hasText: '已办结' }).waitFor();
      const text = await page.locator('body').innerText();
      assert.ok(!RAW_CODE.test(text), `no internal code on the page: ${text.match(RAW_CODE)?.[0]}`);
      // Nothing wider than the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
      await screenshot(page, 'service-public-status');
    }));

  test('a wrong answer is refused with words and a new question; a non-image photo names the file', () =>
    journey(h, 'service-public-2', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/public/report');
      const categories = (await (await page.request.get('/api/public/service/categories')).json()) as { items: { name: string }[] };
      await chooseSelect(page, '#report-category', categories.items[0]!.name);
      await page.locator('#report-description').fill('小区门口夜间施工噪声扰民（e2e）');
      const map = page.locator('[data-testid="report-map"]');
      await map.scrollIntoViewIfNeeded();
      const box = (await map.boundingBox())!;
      await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
      await page.locator('[data-testid="report-photo-input"]').setInputFiles([{ name: '说明.pdf', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 not a photo') }]);
      await answerQuestion(page);
      await page.locator('[data-testid="report-submit"]').click();
      await page.locator('[data-testid="report-error"]').filter({ hasText: '说明.pdf' }).filter({ hasText: '不是 JPEG、PNG 或 WebP 照片' }).waitFor();
      await page.locator('[data-testid="report-photo-remove"]').click();

      const before = await page.locator('[data-testid="report-challenge"]').getAttribute('src');
      await page.locator('#report-answer').fill('999');
      await page.locator('[data-testid="report-submit"]').click();
      await page.getByText('验证答案不正确').waitFor();
      await page.waitForFunction((old) => document.querySelector('[data-testid="report-challenge"]')?.getAttribute('src') !== old, before);
      await answerQuestion(page);
      await page.locator('[data-testid="report-submit"]').click();
      await page.locator('[data-testid="report-code"]').waitFor();
    }));
});
