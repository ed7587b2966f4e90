import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { closeDropdowns, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

describe('violation catalogue: search, detail with articles and bands, import row errors, editing a draft', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('search 占道经营: its article quoted and its four bands', () =>
    journey(h, 'violation-1', async (page) => {
      await loginAs(page, 'legal', 'guifan-demo');
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('法制').click();
      await menu.getByText('违法行为与裁量基准', { exact: true }).click();
      await page.locator('[data-testid="violation-search"] input').fill('占道经营');
      const row = page.locator('tr', { hasText: '占道经营' });
      await row.waitFor();
      // The unfiltered list shows 占道经营 too: wait for the search (debounced) to narrow it.
      await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
      await row.click();
      const detail = page.locator('[data-testid="violation-detail"]');
      await detail.waitFor();
      const text = (await detail.textContent()) ?? '';
      assert.match(text, /《城市市容和环境卫生管理条例》（2017-03-01）第三十六条第二项/);
      assert.match(text, /擅自在街道两侧和公共场地堆放物料/);
      const bands = await detail.locator('[data-testid="violation-bands"] tbody tr td:first-child').allTextContents();
      assert.deepEqual(bands, ['轻微', '一般', '较重', '严重']);
      await screenshot(page, 'violation-detail');
    }));

  test('importing a workbook with a bad band shows the row error in Chinese', () =>
    journey(h, 'violation-2', async (page) => {
      await loginAs(page, 'bureau', 'guifan-demo');
      await page.goto('/legal/violations');
      await page.locator('[data-testid="violation-search"]').waitFor();
      // The export of the demo version, with 露天烧烤's 轻微 band starting below the statutory 500 元.
      const current = (await (await page.request.get('/api/violation/versions')).json()) as { currentId: string };
      const res = await page.request.get(`/api/violation/versions/${current.currentId}/export.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('违法行为')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      let bbq = 0;
      sheet.eachRow((r, n) => {
        if (String(r.getCell(2).value).includes('露天烧烤')) bbq = n;
      });
      assert.ok(bbq > 1);
      sheet.getRow(bbq).getCell(header.indexOf('轻微下限') + 1).value = 100;
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-e2e-xlsx-')), 'bad-band.xlsx');
      await wb.xlsx.writeFile(file);

      await page.locator('[data-testid="violation-import"]').click();
      await page.locator('[data-testid="violation-import-label"]').fill('e2e 导入');
      await page.locator('[data-testid="violation-import-date"]').fill('2026-12-01');
      await page.locator('.ant-modal input[type="file"]').setInputFiles(file);
      await page.locator('#violation-import-ok').click();
      const issues = page.locator('[data-testid="violation-import-issues"]');
      await issues.waitFor();
      const rows = await issues.locator('tbody tr').allTextContents();
      assert.equal(rows.length, 1, rows.join('\n'));
      const problem = (await issues.locator('tbody tr td:last-child').textContent()) ?? '';
      assert.equal(problem, '轻微档下限 100 元 低于法定下限 500 元');
      assert.match(rows[0]!, new RegExp(`^${bbq}`));
      assert.match((await page.locator('[data-testid="violation-import-error"]').textContent()) ?? '', /导入文件有 1 处错误，未导入任何内容/);
      await screenshot(page, 'violation-import-issues');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }));

  /** The form field `name` (antd id violation-item_<path>) and its error text. */
  const field = (page: Page, name: string) => page.locator(`#violation-item_${name}`);
  const fieldError = (page: Page, name: string) => page.locator('.ant-form-item', { has: field(page, name) }).locator('.ant-form-item-explain-error');

  test('a draft: an 一般 band outside the statutory range is refused on its field in Chinese; fixed and saved; a concurrent change reloads the form; a new item added', () =>
    journey(h, 'violation-3', async (page) => {
      await loginAs(page, 'bureau', 'guifan-demo');
      await page.goto('/legal/violations');
      await page.locator('[data-testid="violation-search"]').waitFor();
      await page.getByRole('button', { name: '新建草稿' }).click();
      const draftDialog = page.locator('.ant-modal', { hasText: '从现行版本新建草稿' });
      await draftDialog.locator('#label').fill('e2e 编辑');
      await draftDialog.locator('#effectiveFrom').fill('2026-12-01');
      await draftDialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.locator('[data-testid="violation-version"]', { hasText: 'e2e 编辑 · 草稿' }).waitFor();

      // 露天烧烤 (大气污染防治法 第一百一十八条第三款: 五百元以上二万元以下): 一般 up to 25000 元.
      await page.locator('[data-testid="violation-search"] input').fill('露天烧烤');
      const row = page.locator('tr.ant-table-row', { hasText: '露天烧烤' });
      await row.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
      await row.locator('[data-testid="violation-item-edit"]').click();
      await page.locator('[data-testid="violation-item-form"]').waitFor();
      assert.equal(await field(page, 'bands_1_fineMin').inputValue(), '2500');
      assert.equal(await field(page, 'statutory_fineMax').inputValue(), '20000');
      assert.equal(await field(page, 'violated_version').inputValue(), '2018-10-26');
      await field(page, 'bands_1_fineMax').fill('25000');
      await page.locator('[data-testid="violation-item-save"]').click();
      await fieldError(page, 'bands_1_fineMax').filter({ hasText: '一般档上限' }).waitFor();
      assert.equal(await fieldError(page, 'bands_1_fineMax').textContent(), '一般档上限 25000 元 高于法定上限 20000 元');
      // The 较重 band now starts below the top of 一般: said on its own field.
      assert.match((await fieldError(page, 'bands_2_fineMin').textContent()) ?? '', /^较重档下限 6300 元 低于一般档上限 25000 元/);
      assert.match((await page.locator('[data-testid="violation-item-error"]').textContent()) ?? '', /有 2 处填写错误/);
      await screenshot(page, 'violation-edit-band-error');

      // Fixed: 一般 2500 – 6000 元; the saved item's detail shows the new range.
      await field(page, 'bands_1_fineMax').fill('6000');
      await page.locator('[data-testid="violation-item-save"]').click();
      await page.locator('[data-testid="violation-item-form"]').waitFor({ state: 'hidden' });
      const detail = page.locator('[data-testid="violation-detail"]');
      await detail.waitFor();
      const general = detail.locator('[data-testid="violation-bands"] tbody tr', { hasText: '一般' });
      assert.equal(await general.locator('td').nth(1).textContent(), '2,500 元 – 6,000 元');
      // What the API stores: fen.
      const stored = (await (await page.request.get(`/api/violation/items?q=${encodeURIComponent('露天烧烤')}&versionId=${await draftId(page)}`)).json()) as { items: { bands: { fineMin: number; fineMax: number }[] }[] };
      assert.deepEqual([stored.items[0]!.bands[1]!.fineMin, stored.items[0]!.bands[1]!.fineMax], [250000, 600000]);
      const closeDetail = page.locator('.ant-drawer', { has: detail }).locator('.ant-drawer-close');
      await closeDetail.click();
      await detail.waitFor({ state: 'hidden' });

      // Someone else saves the item while this editor has it open: saving reloads theirs instead of overwriting it.
      await page.locator('tr.ant-table-row', { hasText: '露天烧烤' }).locator('[data-testid="violation-item-edit"]').click();
      await page.locator('[data-testid="violation-item-form"]').waitFor();
      await field(page, 'bands_0_conditions').fill('本编辑者的修改（演示）');
      const url = `/api/violation/versions/${await draftId(page)}/items/DQ-03`;
      const current = (await (await page.request.get(`/api/violation/items?q=DQ-03&versionId=${await draftId(page)}`)).json()) as { items: Record<string, unknown>[] };
      const { id: _i, code: _c, versionId: _v, versionLabel: _l, versionStatus: _s, isDemo: _d, firstOffenceBasis: _f, actions: _a, ...theirs } = current.items[0]!;
      const bandsNow = theirs.bands as { conditions: string }[];
      const put = await page.request.put(url, { data: { ...theirs, bands: bandsNow.map((b, i) => (i === 0 ? { ...b, conditions: '另一位编辑者的修改（演示）' } : b)) } });
      assert.equal(put.status(), 200, await put.text());
      await page.locator('[data-testid="violation-item-save"]').click();
      await page.locator('[data-testid="violation-item-error"]', { hasText: '已被他人修改' }).waitFor();
      await page.waitForFunction(() => (document.querySelector('#violation-item_bands_0_conditions') as HTMLTextAreaElement | null)?.value === '另一位编辑者的修改（演示）');
      await screenshot(page, 'violation-edit-stale');
      await page.locator('.ant-drawer', { has: page.locator('[data-testid="violation-item-form"]') }).getByRole('button', { name: /取\s*消/ }).click();
      await page.locator('[data-testid="violation-item-form"]').waitFor({ state: 'hidden' });

      // A new item, its laws chosen from those the catalogue knows (the version date filled in).
      await page.locator('[data-testid="violation-item-add"]').click();
      await page.locator('[data-testid="violation-item-form"]').waitFor();
      await field(page, 'code').fill('E2E-01');
      await field(page, 'name').fill('露天烧烤（e2e 新增，演示）');
      await page.locator('[data-testid="violation-item-form"] .ant-checkbox-wrapper', { hasText: '个人' }).click();
      const cite = async (which: 'violated' | 'penaltyBasis', article: string, quote: string) => {
        await chooseLaw(page, `#violation-item_${which}_law`, '中华人民共和国大气污染防治法');
        assert.equal(await field(page, `${which}_version`).inputValue(), '2018-10-26');
        await field(page, `${which}_article`).fill(article);
        await field(page, `${which}_quote`).fill(quote);
      };
      await cite('violated', '第八十一条第三款', '任何单位和个人不得在当地人民政府禁止的区域内露天烧烤食品或者为露天烧烤食品提供场地。');
      await cite(
        'penaltyBasis',
        '第一百一十八条第三款',
        '违反本法规定，在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的，由县级以上地方人民政府确定的监督管理部门责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款。',
      );
      await field(page, 'statutory_fineMin').fill('500');
      await field(page, 'statutory_fineMax').fill('20000');
      const bands: [string, string, string][] = [
        ['500', '2500', '初次违法，及时改正（演示）'],
        ['2500', '6300', '情节一般（演示）'],
        ['6300', '12200', '经责令仍不改正（演示）'],
        ['12200', '20000', '多次违法，后果严重（演示）'],
      ];
      for (const [i, [min, max, conditions]] of bands.entries()) {
        await field(page, `bands_${i}_fineMin`).fill(min);
        await field(page, `bands_${i}_fineMax`).fill(max);
        await field(page, `bands_${i}_conditions`).fill(conditions);
      }
      await page.locator('[data-testid="violation-item-save"]').click();
      await page.locator('[data-testid="violation-item-form"]').waitFor({ state: 'hidden' });
      await detail.waitFor();
      assert.match((await detail.textContent()) ?? '', /E2E-01/);
      assert.deepEqual(await detail.locator('[data-testid="violation-bands"] tbody tr td:nth-child(2)').allTextContents(), ['500 元 – 2,500 元', '2,500 元 – 6,300 元', '6,300 元 – 12,200 元', '12,200 元 – 20,000 元']);
      await closeDetail.click();
      await page.locator('[data-testid="violation-search"] input').fill('E2E-01');
      await page.locator('tr.ant-table-row', { hasText: '露天烧烤（e2e 新增，演示）' }).waitFor();
      await screenshot(page, 'violation-item-added');
    }));
});

/**
 * Picks a law in the form's law select. (The harness's chooseSelect matches by text, and here an option's value is
 * its text, so it would find rc-select's hidden accessibility copy first: match the visible option instead.)
 */
async function chooseLaw(page: Page, selector: string, law: string) {
  const root = page.locator(selector).locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    // The select's box, not its search input: the input may be zero-sized or scrolled out of the drawer's view
    // while the box is on screen (seen on a loaded machine); typing goes to the focused select either way.
    await root.scrollIntoViewIfNeeded();
    await root.click();
    await page.locator(selector).waitFor({ state: 'attached' });
    await page.keyboard.type(law.slice(-6));
    const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${law}"]`);
    await option.waitFor();
    await option.click();
    await closeDropdowns(page);
    if (((await root.textContent()) ?? '').includes(law)) return;
  }
  throw new Error(`could not select "${law}" in ${selector}`);
}

/** The id of the draft the page shows (the newest version: the one just created). */
async function draftId(page: Page): Promise<string> {
  const list = (await (await page.request.get('/api/violation/versions')).json()) as { items: { id: string; label: string }[] };
  return list.items.find((v) => v.label === 'e2e 编辑')!.id;
}
