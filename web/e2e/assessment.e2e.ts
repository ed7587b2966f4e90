import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, menuLabels, screenshot, startHarness, journey, type Harness } from './harness';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function stateOf(page: Page): Promise<string> {
  return (await page.locator('[data-testid="assessment-page"] [data-status]').first().getAttribute('data-status')) ?? '';
}

async function runAction(page: Page, action: string, comment?: string) {
  await page.locator(`[data-testid="assessment-actions"] [data-action="${action}"]`).click();
  if (comment) await page.locator('[data-testid="transition-comment"]').fill(comment);
  await page.locator('[data-testid="transition-ok"]').click();
  await page.getByText('操作成功').first().waitFor();
}

describe('assessment: self-assessment, review, acceptance; rectification board', () => {
  let h: Harness;
  let assessmentUrl = '';
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('竹行 leader fixes a failing item, uploads a PNG and submits', () =>
    journey(h, 'assessment-1', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('评估').click();
      await page.locator('[data-testid="campaign-link"]', { hasText: '复评' }).click();
      await page.locator('[data-testid="assessment-link"]', { hasText: '竹行' }).click();
      await page.locator('[data-testid="assessment-page"]').waitFor();
      assessmentUrl = new URL(page.url()).pathname;
      assert.equal(await stateOf(page), 'draft');

      // A computed item's card shows the rule's own account of its result: the server's computed.explanation.
      const detail = (await (await page.request.get(`/api${assessmentUrl}`)).json()) as { items: { code: string; aspectCode: string; computed: { explanation: string } | null }[] };
      const computed = detail.items.find((i) => i.computed);
      assert.ok(computed?.computed, 'the demo assessment has computed items');
      const computedCard = page.locator(`[data-testid="assessment-item"][data-code="${computed.code}"]`);
      // Only the first aspect is open at first; open the computed item's one.
      if ((await computedCard.count()) === 0) {
        await page.locator('.ant-collapse-header', { hasText: new RegExp(`^${computed.aspectCode.replace(/\./g, '\\.')} `) }).first().click();
      }
      const explanation = computedCard.locator('[data-testid="item-computed-explanation"]');
      await explanation.waitFor();
      assert.equal(await explanation.textContent(), computed.computed.explanation);

      const pctBefore = await page.locator('[data-testid="assessment-pct"]').textContent();

      await page.locator('[data-testid="item-filter"]').getByText('不符合', { exact: true }).click();
      const card = page.locator('[data-testid="assessment-item"]').first();
      const code = await card.getAttribute('data-code');
      assert.equal(await card.locator('[data-testid="item-result-tag"]').textContent(), '不符合');
      await screenshot(page, 'assessment-failing');
      await card.locator('[data-testid="item-result"]').getByText('符合', { exact: true }).click();
      if (await card.locator('[data-testid="item-score"]').count()) {
        await card.locator('[data-testid="item-score"] input').fill('1000');
        await card.locator('[data-testid="item-score"] input').press('Tab');
      }
      await card.locator('[data-testid="item-save"]').click();
      await page.getByText('已保存').first().waitFor();
      await page.waitForFunction(
        (before) => document.querySelector('[data-testid="assessment-pct"]')?.textContent !== before,
        pctBefore,
      );
      // The fixed item left the 不符合 filter.
      await page.waitForFunction((c) => !document.querySelector(`[data-testid="assessment-item"][data-code="${c}"]`), code);

      // Evidence on the next failing item.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-e2e-png-'));
      const png = path.join(dir, '门头照片.png');
      fs.writeFileSync(png, PNG);
      const next = page.locator('[data-testid="assessment-item"]').first();
      const nextCode = await next.getAttribute('data-code');
      const before = await next.locator('[data-testid="evidence"]').count();
      await next.locator('input[type="file"]').setInputFiles(png);
      await page.getByText('已上传').first().waitFor();
      const again = page.locator(`[data-testid="assessment-item"][data-code="${nextCode}"]`);
      await again.locator('[data-testid="evidence"]', { hasText: '门头照片.png' }).waitFor();
      assert.equal(await again.locator('[data-testid="evidence"]').count(), before + 1);
      assert.match((await again.locator('[data-testid="evidence-sha"]').last().textContent()) ?? '', /SHA-256 [0-9a-f]{12}/);
      fs.rmSync(dir, { recursive: true, force: true });
      await screenshot(page, 'assessment-evidence');

      await runAction(page, 'submit');
      await page.waitForFunction(() => document.querySelector('[data-testid="assessment-page"] [data-status="submitted"]'));
    }));

  test('开发区 manager accepts at district level; the bureau accepts at city level and sees the grade', () =>
    journey(h, 'assessment-2', async (page) => {
      assert.ok(assessmentUrl, 'the first journey found the assessment');
      await loginAs(page, 'kaifa.manager', DEMO_PASSWORD);
      await page.goto(assessmentUrl);
      await page.locator('[data-testid="assessment-page"]').waitFor();
      await runAction(page, 'district_accept');
      await page.waitForFunction(() => document.querySelector('[data-testid="assessment-page"] [data-status="district_reviewed"]'));

      await page.context().clearCookies();
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.goto(assessmentUrl);
      await page.locator('[data-testid="assessment-page"]').waitFor();
      await runAction(page, 'city_accept');
      await page.waitForFunction(() => document.querySelector('[data-testid="assessment-page"] [data-status="accepted"]'));
      const grade = await page.locator('[data-testid="assessment-grade"] [data-grade]').textContent();
      assert.match(grade ?? '', /^(达标|基本达标|未达标)$/);
      assert.ok((await page.locator('[data-testid="assessment-history"] .ant-timeline-item').count()) >= 4);
      await screenshot(page, 'assessment-accepted');
    }));

  test('an auxiliary has no 评估 menu', () =>
    journey(h, 'assessment-3', async (page) => {
      await loginAs(page, 'zhuhang.aux1', DEMO_PASSWORD);
      const labels = await menuLabels(page);
      assert.ok(!labels.includes('评估'), labels.join(','));
      assert.ok(!labels.includes('整改'), labels.join(','));
    }));

  test('城东 leader sees the rectification board with an overdue card and starts a task', () =>
    journey(h, 'rectification-1', async (page) => {
      await loginAs(page, 'chengdong.leader', DEMO_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('整改').click();
      await page.locator('[data-testid="rectification-board"]').waitFor();
      await page.locator('[data-testid="rect-card"]').first().waitFor();
      assert.ok((await page.locator('[data-testid="rect-overdue"]').count()) >= 1);
      await screenshot(page, 'rectification-board');
      const open = page.locator('[data-testid="rect-col-open"] [data-testid="rect-card"]').first();
      const id = await open.getAttribute('data-id');
      await open.locator('[data-action="start"]').click();
      await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText('已更新').first().waitFor();
      await page.locator(`[data-testid="rect-col-in_progress"] [data-testid="rect-card"][data-id="${id}"]`).waitFor();
    }));
});
