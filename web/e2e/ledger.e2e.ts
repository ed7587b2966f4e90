import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

const columnLetter = (i: number): string => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

async function openLedger(page: Page, label: string, testId: string) {
  const menu = page.locator('[data-testid="side-menu"]');
  await menu.getByText('执法保障台账').click();
  await menu.getByText(label, { exact: true }).click();
  await page.locator(`[data-testid="${testId}"]`).waitFor();
}

async function total(page: Page): Promise<number> {
  const el = page.locator('[data-testid="ledger-total"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="ledger-total"]')?.getAttribute('data-total') !== '');
  return Number(await el.getAttribute('data-total'));
}

describe('ledger: 执法保障台账 pages, import wizard, overview', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('persons: 竹行 people with masked ID numbers; reveal shows the full number', () =>
    journey(h, 'ledger-persons', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await openLedger(page, '人员', 'ledger-page-persons');
      await page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row').first().waitFor();
      assert.ok((await total(page)) > 10);
      const masked = page.locator('[data-testid="ledger-id-masked"]').first();
      assert.match((await masked.textContent()) ?? '', /^\d{4}\*{10}[\dX]{4}$/);
      await page.locator('[data-testid="ledger-id-reveal"]').first().click();
      const revealed = page.locator('[data-testid="ledger-id-revealed"]').first();
      await revealed.waitFor();
      assert.match((await revealed.textContent()) ?? '', /^\d{17}[\dX]$/);
      await screenshot(page, 'ledger-persons');
      await page.locator('[data-testid="ledger-reminders-tab"]').click();
      await page.locator('[data-testid="ledger-reminders"]').waitFor();
    }));

  test('assets: type=computer equals the officers; editing the status to 维修 is saved', () =>
    journey(h, 'ledger-assets', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const overview = (await (await page.request.get('/api/ledger/overview')).json()) as { persons: { officersActive: number } };
      await openLedger(page, '装备车辆', 'ledger-page-assets');
      await page.locator('[data-testid="ledger-filter-type"]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '电脑' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-table"] tbody tr.ant-table-row').length > 0);
      await page.waitForFunction(
        () => Array.from(document.querySelectorAll('[data-testid="ledger-table"] tbody tr.ant-table-row')).every((tr) => tr.textContent?.includes('电脑')),
      );
      assert.equal(await total(page), overview.persons.officersActive);

      const row = page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row').first();
      const serial = (await row.locator('td').nth(1).textContent())?.trim() ?? '';
      await row.locator('[data-testid="ledger-edit"]').click();
      await page.locator('[data-testid="ledger-form"]').waitFor();
      await page.locator('#ledger-status').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '维修' }).click();
      await page.locator('[data-testid="ledger-save"]').click();
      await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
      const saved = page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row', { hasText: serial });
      await saved.locator('[data-testid="ledger-asset-status"]', { hasText: '维修' }).waitFor();
      await screenshot(page, 'ledger-assets');
    }));

  test('import wizard (valid_only): progress reaches 100, one row created, the bad row listed with row and column', () =>
    journey(h, 'ledger-import', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const res = await page.request.get('/api/ledger/offices/template.xlsx');
      assert.equal(res.status(), 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.body()) as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
      const col = (h: string) => headers.findIndex((x) => x.startsWith(h));
      const row = (vals: Record<string, unknown>) => headers.map((hd) => {
        const key = Object.keys(vals).find((k) => hd.startsWith(k));
        return key ? vals[key] : null;
      });
      sheet.addRow(row({ 执法队: '竹行街道综合执法队', 名称: 'e2e 临时执勤点', 地址: '竹行街道测试路 1 号', 面积: 36, 楼层: 1 }));
      sheet.addRow(row({ 执法队: '竹行街道综合执法队', 名称: 'e2e 错误行', 地址: '竹行街道测试路 2 号', 面积: -5, 楼层: 1 }));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-e2e-ledger-'));
      const file = path.join(dir, 'offices.xlsx');
      await wb.xlsx.writeFile(file);
      const areaLetter = columnLetter(col('面积'));

      await openLedger(page, '办公场所', 'ledger-page-offices');
      const before = await total(page);
      await page.locator('[data-testid="ledger-import"]').click();
      const wizard = page.locator('[data-testid="ledger-import-wizard"]');
      await wizard.waitFor();
      await page.locator('[data-testid="ledger-import-mode-valid"]').click();
      await wizard.locator('input[type="file"]').setInputFiles(file);
      await page.locator('[data-testid="ledger-import-upload"]').click();
      await page.locator('[data-testid="ledger-import-progress"]').waitFor();
      await page.locator('[data-testid="ledger-import-report"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('[data-testid="ledger-import-progress"]').getAttribute('data-progress'), '100');
      assert.match((await page.locator('[data-testid="ledger-import-created"]').textContent()) ?? '', /1/);
      const issues = await page.locator('[data-testid="ledger-import-issues"] tbody tr').allTextContents();
      assert.ok(issues.some((r) => r.startsWith(`3${areaLetter}`)), `${areaLetter}: ${issues.join('\n')}`);
      // The report speaks Chinese: column titles, and the problem translated from its code with the header and the value.
      const titles = await page.locator('[data-testid="ledger-import-issues"] thead th').allTextContents();
      assert.deepEqual(titles.map((x) => x.trim()).filter(Boolean), ['行号', '列', '字段', '问题']);
      const problems = await page.locator('[data-testid="ledger-import-issues"] tbody tr td:last-child').allTextContents();
      assert.deepEqual(problems, ['面积(㎡)不能小于 0（填写的是 -5）']);
      for (const p of problems) assert.doesNotMatch(p, /[A-Za-z]/, p);
      await screenshot(page, 'ledger-import-report');
      await page.locator('[data-testid="ledger-import-close"]').click();
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="ledger-total"]')?.getAttribute('data-total')) === n, before + 1);
      fs.rmSync(dir, { recursive: true, force: true });
    }));

  test('overview: 竹行 shows the counts and the requirements table with 符合 rows and expandable terms', () =>
    journey(h, 'ledger-overview', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await openLedger(page, '保障概览', 'ledger-overview-page');
      await page.locator('[data-testid="ledger-overview-counts"]').waitFor();
      const reqs = page.locator('[data-testid="ledger-requirements"]');
      await reqs.locator('[data-testid="req-result"]').first().waitFor();
      assert.ok((await reqs.locator('[data-testid="req-result"][data-result="compliant"]').count()) >= 1);
      // In words a team leader reads: the requirement and the standing in Chinese, no rule-language or metric names.
      const requirements = await reqs.locator('[data-testid="req-requirement"]').allTextContents();
      const actuals = await reqs.locator('[data-testid="req-actual"]').allTextContents();
      assert.ok(requirements.length >= 15 && actuals.length === requirements.length);
      for (const text of [...requirements, ...actuals]) {
        assert.match(text, /[\u4e00-\u9fff]/, text);
        assert.doesNotMatch(text, /[a-z]{3,}|_|\b(count|exists|metric)\(/, text);
      }
      assert.ok(requirements.some((r) => /^在用执法车辆数量不少于 \d+ 辆$/.test(r)), requirements.join('\n'));
      assert.ok(actuals.some((a) => /^\d+ 辆，达标(，超出 \d+ 辆)?$/.test(a)), actuals.join('\n'));
      // The rule on demand: a tooltip on the requirement, and the rule with its calculation in the expanded row.
      await reqs.locator('[data-testid="req-rule"]').first().hover();
      await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').filter({ hasText: /\b(count|exists|metric)\(/ }).waitFor();
      await reqs.locator('tbody tr.ant-table-row .ant-table-row-expand-icon').first().click();
      const details = page.locator('[data-testid="req-rule-details"]').first();
      await details.waitFor();
      assert.match((await details.textContent()) ?? '', /计算规则：.*\(.*计算过程：.*→ (符合|不符合|无法计算)/s);
      await page.locator('[data-testid="req-terms"]').first().waitFor();
      await screenshot(page, 'ledger-overview-zhuhang');
    }));

  test('overview of a poorly equipped team (district manager) shows a 不符合 row', () =>
    journey(h, 'ledger-overview-poor', async (page) => {
      await loginAs(page, 'kaifa.manager', DEMO_PASSWORD);
      // The team with the fewest computers per officer in the district.
      const units = (await (await page.request.get('/api/org/units')).json()) as { items: { id: string; kind: string; name: string }[] };
      let worst: { id: string; bad: number } | null = null;
      for (const u of units.items.filter((x) => x.kind === 'team')) {
        const r = await page.request.get(`/api/ledger/requirements?orgUnitId=${u.id}`);
        if (r.status() !== 200) continue;
        const body = (await r.json()) as { items: { result: string | null }[] };
        const bad = body.items.filter((i) => i.result === 'non_compliant').length;
        if (!worst || bad > worst.bad) worst = { id: u.id, bad };
      }
      assert.ok(worst && worst.bad > 0, 'some team of the district has a non-compliant computed item');
      await page.goto(`/ledger/overview?unit=${worst.id}`);
      const reqs = page.locator('[data-testid="ledger-requirements"]');
      await reqs.locator('[data-testid="req-result"]').first().waitFor();
      assert.ok((await reqs.locator('[data-testid="req-result"][data-result="non_compliant"]').count()) >= 1);
      // A requirement not met says by how much.
      const actuals = await reqs.locator('[data-testid="req-actual"]').allTextContents();
      assert.ok(actuals.some((a) => /未达标，(差|超出|相差) \d/.test(a) || /^没有/.test(a)), actuals.join('\n'));
      await screenshot(page, 'ledger-overview-poor');
    }));

  test('an auxiliary has no 台账 menu', () =>
    journey(h, 'ledger-aux', async (page) => {
      await loginAs(page, 'zhuhang.aux1', DEMO_PASSWORD);
      const text = (await page.locator('[data-testid="side-menu"]').textContent()) ?? '';
      assert.ok(!text.includes('台账'), text);
    }));
});
