import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { loginAs, screenshot, startHarness, journey, type Harness } from './harness';

describe('violation catalogue: search, detail with articles and bands, import row errors', () => {
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
      assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 1);
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
});
