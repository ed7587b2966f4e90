import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

describe('catalog: standards, tree, detail, compare, export, import', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('the 江苏 standard shows 6 aspects and 175 items; selecting an item shows its detail; export downloads .xlsx', () =>
    journey(h, 'catalog-1', async (page) => {
      await loginAs(page, 'bureau', 'guifan-demo');
      await page.locator('[data-testid="side-menu"]').getByText('标准库').click();
      await page.locator('[data-testid="catalog-page"]').waitFor();
      const jiangsu = page.locator('tr', { hasText: '江苏省城市管理执法规范化建设标准' });
      assert.equal((await jiangsu.locator('[data-testid="catalog-item-count"]').textContent())?.trim(), '175');
      await screenshot(page, 'catalog-list');

      await jiangsu.locator('[data-testid="catalog-version-link"]').click();
      await page.locator('[data-testid="catalog-version-page"]').waitFor();
      const summary = await page.locator('[data-testid="catalog-version-summary"]').textContent();
      assert.match(summary ?? '', /6 个方面 · 175 个评分项/);
      // 6 aspects at the top of the tree.
      const aspects = await page.locator('[data-testid="catalog-tree"] .ant-tree-treenode').evaluateAll(
        (els) => els.filter((e) => e.querySelectorAll('.ant-tree-indent-unit').length === 0).length,
      );
      assert.equal(aspects, 6);
      // Open sub-item 1.1 and select its first item.
      await page.locator('[data-testid="catalog-tree"] [data-node="1.1"]').click();
      await page.locator('[data-testid="catalog-tree"] .ant-tree-treenode', { has: page.locator('[data-node="1.1"]') }).locator('.ant-tree-switcher').click();
      await page.locator('[data-testid="catalog-tree"] [data-node="1.1.1"]').click();
      await page.locator('[data-testid="catalog-node-detail"]').waitFor();
      assert.match((await page.locator('[data-testid="catalog-node-title"]').textContent()) ?? '', /^1\.1\.1 /);
      assert.match((await page.locator('[data-testid="catalog-node-detail"]').textContent()) ?? '', /佐证材料/);
      await screenshot(page, 'catalog-version');

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="catalog-export"]').click()]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
    }));

  test('compare 江苏 vs 南通 shows added and changed items with field diffs', () =>
    journey(h, 'catalog-2', async (page) => {
      await loginAs(page, 'bureau', 'guifan-demo');
      await page.goto('/catalog');
      const cmp = page.locator('[data-testid="catalog-compare"]');
      await cmp.locator('[data-testid="compare-added-tab"]').waitFor();
      assert.match((await cmp.locator('[data-testid="compare-added-tab"]').textContent()) ?? '', /新增\s*6/);
      assert.ok((await cmp.locator('[data-testid="compare-added"] tbody tr').count()) >= 5);
      await cmp.locator('[data-testid="compare-changed-tab"]').click();
      await cmp.locator('[data-testid="compare-changed"] tbody tr').first().waitFor();
      assert.match((await cmp.locator('[data-testid="compare-changed"]').textContent()) ?? '', /2\.1\.1/);
      await cmp.scrollIntoViewIfNeeded();
      await screenshot(page, 'catalog-compare');
    }));

  test('the import wizard shows the row/column problems of a broken workbook', () =>
    journey(h, 'catalog-3', async (page) => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('目录');
      sheet.addRow(['编码', '上级编码', '层级', '标题', '要求', '分值', '评分方式', '一票否决', '佐证材料', '适用层级', '指导说明', '计算规则']);
      sheet.addRow(['1', '', 1, '执法部门', '', '', '', '否', '', '执法队', '', '']);
      sheet.addRow(['1.1', '1', 2, '机构', '', '', '', '否', '', '执法队', '', '']);
      sheet.addRow(['1.1.1', '1.1', 3, '评分项一', '要求', '很多', '是否', '否', '', '执法队', '', '']);
      sheet.addRow(['1.1.2', '9.9', 3, '评分项二', '要求', 5, '随便', '否', '', '执法队', '', '']);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-e2e-xlsx-')), 'broken.xlsx');
      await wb.xlsx.writeFile(file);

      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.goto('/catalog');
      await page.locator('[data-testid="catalog-import"]').click();
      const wizard = page.locator('[data-testid="import-wizard"]');
      await wizard.waitFor();
      await page.locator('[data-testid="import-label"]').fill('e2e 导入');
      await wizard.locator('input[type="file"]').setInputFiles(file);
      await page.locator('[data-testid="import-check"]').click();
      const issues = page.locator('[data-testid="import-issues"]');
      await issues.waitFor();
      const rows = await issues.locator('tbody tr').allTextContents();
      assert.ok(rows.length >= 2, rows.join('\n'));
      assert.ok(rows.some((r) => /^4/.test(r) && r.includes('F · 分值')), rows.join('\n'));
      assert.ok(rows.some((r) => /^5/.test(r)), rows.join('\n'));
      // Problems in Chinese, translated from the issue codes with the cell's value; the node code in its own column.
      const problems = await issues.locator('tbody tr td:last-child').allTextContents();
      assert.ok(problems.includes('分值应为不小于 0 的数字，填写的是「很多」'), problems.join('\n'));
      assert.ok(problems.includes('评分方式的值「随便」不在可选范围内（可选：是否 / 分级 / 计算）'), problems.join('\n'));
      assert.ok(problems.includes('上级编码 9.9 不存在'), problems.join('\n'));
      for (const p of problems) assert.doesNotMatch(p, /[A-Za-z]/, p);
      const nodeCodes = await issues.locator('tbody tr td:nth-child(3)').allTextContents();
      assert.ok(nodeCodes.includes('1.1.2'), nodeCodes.join(','));
      await screenshot(page, 'catalog-import-issues');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }));
});
