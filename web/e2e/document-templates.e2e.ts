import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, screenshot, startHarness, journey, DEMO_PASSWORD, type Harness } from './harness';

const CJK = /[\u3400-\u9fff]/;

/** The error shown under the form item that holds the element. */
const fieldError = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.locator(`[data-testid="${testId}"]`) }).locator('.ant-form-item-explain-error');

describe('document: 文书模板', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('a draft: header and a decision’s wording edited, a bad pattern refused on its field, published; the versions list shows it; the English screen is English', () =>
    journey(h, 'document-templates', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('执法办案').click();
      await page.locator('[data-testid="side-menu"]').getByText('文书模板').click();
      const versions = page.locator('[data-testid="templates-versions"] tbody tr');
      await versions.filter({ hasText: '标准文书模板（内置）' }).filter({ hasText: '现行' }).waitFor();

      await page.locator('[data-testid="templates-new-draft"]').click();
      await page.locator('[data-testid="templates-draft-label"]').fill('本局文书模板（e2e）');
      await page.locator('[data-testid="templates-draft-save"]').click();
      await page.locator('[data-testid="templates-selected-status"]', { hasText: '草稿' }).waitFor();

      // Header and a pattern without its sequence: refused, the reason under the pattern field.
      await page.locator('[data-testid="templates-header"]').fill('南通市{{unit.bureau}}（测试）');
      await page.locator('[data-testid="templates-pattern"]').fill('{prefix}{word}〔{year}〕号');
      await page.locator('[data-testid="templates-settings-save"]').click();
      await fieldError(page, 'templates-pattern').filter({ hasText: '文号格式缺少 {seq}' }).waitFor();
      await screenshot(page, 'document-templates-bad-pattern');
      // A good pattern: the example number follows as it is typed, then it is saved.
      await page.locator('[data-testid="templates-pattern"]').fill('{prefix}〔{year}〕{word}第{seq}号');
      await page.locator('[data-testid="templates-example"]', { hasText: /^通崇城管〔\d{4}〕罚决字第0001号$/ }).waitFor();
      // Two types with one word would print the same 文号: refused under the word that repeats.
      await page.locator('.ant-collapse-header', { hasText: '文号字' }).click();
      await page.locator('[data-testid="templates-word-penalty_notice"]').fill('罚决字');
      await page.locator('[data-testid="templates-settings-save"]').click();
      await fieldError(page, 'templates-word-penalty_decision').filter({ hasText: '与行政处罚事先告知书相同' }).waitFor();
      await page.locator('[data-testid="templates-word-penalty_notice"]').fill('罚告字');
      await page.locator('[data-testid="templates-settings-save"]').click();
      await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
      assert.equal(await fieldError(page, 'templates-pattern').count(), 0);

      // The decision (the type shown first): its title and a paragraph of its own.
      await page.locator('[data-testid="templates-type"]', { hasText: '行政处罚决定书' }).waitFor();
      await page.locator('[data-testid="templates-title"]').fill('行政处罚决定书（本局）');
      await page.locator('[data-testid="templates-add-paragraph"]').click();
      await page.locator('[data-testid="templates-template"] textarea').last().fill('本局将依法公示本决定。当事人：{{party.name}}');
      await page.locator('[data-testid="templates-template-save"]').click();
      await page.locator('.ant-message', { hasText: '已保存' }).last().waitFor();
      await page.waitForFunction(() => (document.querySelector('[data-testid="templates-title"]') as HTMLInputElement | null)?.value === '行政处罚决定书（本局）');
      assert.equal(await page.locator('[data-testid="templates-template"] textarea').last().inputValue(), '本局将依法公示本决定。当事人：{{party.name}}');
      assert.equal(await page.locator('[data-testid="templates-header"]').inputValue(), '南通市{{unit.bureau}}（测试）');
      await screenshot(page, 'document-templates-draft');

      await page.locator('[data-testid="templates-publish"]').click();
      await page.locator('[data-testid="templates-publish-ok"]').click();
      await versions.filter({ hasText: '本局文书模板（e2e）' }).filter({ hasText: '现行' }).waitFor();
      await versions.filter({ hasText: '标准文书模板（内置）' }).filter({ hasText: '已替代' }).waitFor();
      assert.equal(await versions.count(), 2);
      await page.locator('[data-testid="templates-selected-status"]', { hasText: '现行' }).waitFor();
      assert.equal(await page.locator('[data-testid="templates-publish"]').count(), 0, 'a published version has no edit actions');
      assert.equal(await page.locator('[data-testid="templates-title"]').inputValue(), '行政处罚决定书（本局）');

      // English: every label, heading, column and button in English (template texts and version names are data).
      await page.locator('[data-testid="language-switch"]').getByText('English', { exact: true }).click();
      await page.getByText('Header and numbering').waitFor();
      const main = page.locator('main.ant-layout-content');
      const body = (await main.textContent()) ?? '';
      for (const words of ['Document templates', 'Template versions', 'In force', 'Superseded', 'Number pattern', 'Templates by document', 'Administrative penalty decision', 'Signature lines']) assert.ok(body.includes(words), `"${words}" on the English page`);
      assert.doesNotMatch(body, /documentTemplates\./, 'no untranslated key');
      const labels = [
        ...(await main.locator('.ant-form-item-label').allTextContents()),
        ...(await main.locator('th').allTextContents()),
        ...(await main.locator('button').allTextContents()),
        ...(await main.locator('.ant-tag').allTextContents()),
        ...(await main.locator('.ant-collapse-header').allTextContents()),
      ];
      for (const l of labels) assert.doesNotMatch(l, CJK, `"${l}" on the English screen`);
      await screenshot(page, 'document-templates-en');
    }));
});
