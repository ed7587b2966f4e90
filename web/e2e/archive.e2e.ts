import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import type { APIRequestContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bcaseArchive\.[a-z]/;
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A demo case of the signed-in user's team in one of these states. */
async function demoCase(page: Page, states: string): Promise<{ id: string; caseNo: string | null }> {
  const list = await ok<{ items: { id: string; caseNo: string | null }[] }>(await page.request.get(`/api/cases?state=${states}&limit=1`));
  assert.ok(list.items.length, `a demo case in ${states}`);
  return list.items[0]!;
}

const openTab = async (page: Page) => {
  await page.locator('[data-testid="case-tabs"] .ant-tabs-tab', { hasText: /^(卷宗|Case file)$/ }).click();
  await page.locator('[data-testid="archive-tab"]').waitFor();
};

describe('卷宗 tab: the archived case downloads its PDF and evidence ZIP; a case not archived previews its 卷宗', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('an archived demo case: 卷宗 PDF and evidence ZIP download; the PDF is a PDF, the ZIP carries its manifest', () =>
    journey(h, 'archive-1', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await demoCase(page, 'archived');
      await page.goto(`/cases/${c.id}`);
      await openTab(page);
      await page.locator('[data-testid="archive-state"]', { hasText: '已归档' }).waitFor();
      assert.match((await page.locator('[data-testid="archive-order"]').textContent()) ?? '', /立案 → 调查取证 → 告知\/听证 → 审核\/讨论 → 决定 → 送达 → 执行 → 结案.*第四十七条/);

      const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="archive-dossier"]').click()]);
      assert.match(pdf.suggestedFilename(), /^卷宗-.*\.pdf$/);
      const [zip] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="archive-zip"]').click()]);
      assert.match(zip.suggestedFilename(), /^卷宗证据-.*\.zip$/);
      assert.equal(await page.locator('[data-testid="archive-error"]').count(), 0);

      // The same files through the API: a PDF by its header bytes, a ZIP whose manifest names every file by SHA-256.
      const p = await page.request.get(`/api/archive/cases/${c.id}/dossier.pdf`);
      assert.equal(p.status(), 200);
      assert.equal((await p.body()).subarray(0, 5).toString('latin1'), '%PDF-');
      const z = await page.request.get(`/api/archive/cases/${c.id}/evidence.zip`);
      assert.equal(z.status(), 200);
      const files = await JSZip.loadAsync(await z.body());
      const manifestBytes = await files.file('manifest.json')!.async('nodebuffer');
      assert.equal(sha(manifestBytes), z.headers()['x-manifest-sha256']);
      const manifest = JSON.parse(manifestBytes.toString('utf8')) as { hashAlgorithm: string; case: { caseId: string }; files: { path: string; sha256: string }[] };
      assert.equal(manifest.hashAlgorithm, 'SHA-256');
      assert.equal(manifest.case.caseId, c.id);
      for (const f of manifest.files) assert.equal(sha(await files.file(f.path)!.async('nodebuffer')), f.sha256, f.path);
      assert.ok(files.file('清单.csv'), 'the CSV list');
      assert.doesNotMatch((await page.locator('[data-testid="archive-tab"]').textContent()) ?? '', RAW_CODE);
      await screenshot(page, 'archive-archived');
    }));

  test('a case not archived previews its 卷宗 (PDF), with the 保管期限 it would get marked as a local default', () =>
    journey(h, 'archive-2', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await demoCase(page, 'investigating,investigated,notified,decided,executing');
      await page.goto(`/cases/${c.id}`);
      await openTab(page);
      await page.locator('[data-testid="archive-state"]', { hasText: '尚未归档' }).waitFor();
      assert.match((await page.locator('[data-testid="archive-tab"]').textContent()) ?? '', /30年.*本地默认值，待本局确认/);
      const button = page.locator('[data-testid="archive-dossier"]');
      assert.equal((await button.textContent())?.replace(/\s/g, ''), '预览卷宗PDF');
      const [pdf] = await Promise.all([page.waitForEvent('download'), button.click()]);
      assert.match(pdf.suggestedFilename(), /\.pdf$/);
      assert.equal(await page.locator('[data-testid="archive-error"]').count(), 0);
      await screenshot(page, 'archive-preview');
    }));

  test('the bureau sets its 保管期限 (永久/30年/10年) on the tab; a case not archived then shows it instead of the local default', () =>
    journey(h, 'archive-4', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await demoCase(page, 'investigating,investigated,notified,decided,executing');
      const { context, page: bureau } = await h.newPage();
      try {
        await loginAs(bureau, 'bureau', DEMO_PASSWORD);
        await bureau.goto(`/cases/${c.id}`);
        await openTab(bureau);
        const form = bureau.locator('[data-testid="archive-policy"]');
        await form.waitFor();
        await form.locator('[data-testid="archive-policy-years"]').click();
        await bureau.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '10年' }).click();
        await form.locator('[data-testid="archive-policy-note"]').fill('本局档案管理办法（e2e）');
        await form.locator('[data-testid="archive-policy-save"]').click();
        await bureau.locator('[data-testid="archive-tab"] .ant-tag', { hasText: '本局档案管理办法（e2e）' }).waitFor();
        assert.equal((await bureau.locator('[data-testid="archive-retention"]').textContent())?.trim(), '10年');
        await screenshot(bureau, 'archive-policy');
      } finally {
        await context.close();
      }
      // The team leader sees the bureau's period on the case, and no form (no legal.manage).
      await page.goto(`/cases/${c.id}`);
      await openTab(page);
      await page.locator('[data-testid="archive-retention"]', { hasText: '10年' }).waitFor();
      assert.equal(await page.locator('[data-testid="archive-policy"]').count(), 0);
    }));

  test('English: the tab in English, no Chinese label left untranslated', () =>
    journey(h, 'archive-3', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await demoCase(page, 'archived');
      await page.goto(`/cases/${c.id}`);
      await page.locator('[data-testid="language-switch"]').getByText('English', { exact: true }).click();
      await openTab(page);
      await page.locator('[data-testid="archive-state"]', { hasText: 'archived' }).waitFor();
      assert.equal((await page.locator('[data-testid="archive-dossier"]').textContent())?.trim(), 'Download case file (PDF)');
      assert.doesNotMatch((await page.locator('[data-testid="archive-tab"]').textContent()) ?? '', RAW_CODE);
    }));
});
