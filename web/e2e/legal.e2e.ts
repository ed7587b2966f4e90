import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { chooseSelect, loginAs, screenshot, startHarness, journey, DEMO_PASSWORD, type Harness } from './harness';

/** A holiday-notice workbook (sheets 通知 and 日期) in a temporary file. */
async function noticeWorkbook(year: number, days: [string, string, string][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet('通知');
  info.addRows([
    ['年度', year],
    ['通知标题', `国务院办公厅关于${year}年部分节假日安排的通知（测试）`],
    ['发布日期', `${year - 1}-11-10`],
    ['来源', 'https://example.test/notice'],
  ]);
  const sheet = wb.addWorksheet('日期');
  sheet.addRow(['日期', '类型', '节日名称']);
  for (const d of days) sheet.addRow(d);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-e2e-legal-')), `notice-${year}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('legal: 期限计算器, 节假日日历, 法律规则', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('期限计算器: 送达 within 7 working days over 国庆 2026 lists each skipped day; a year without a calendar says so', () =>
    journey(h, 'legal-1', async (page) => {
      await loginAs(page, 'legal', DEMO_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('法制').click();
      await page.locator('[data-testid="side-menu"]').getByText('期限计算器').click();
      await page.locator('[data-testid="calc-submit"]').waitFor();
      await chooseSelect(page, '#legal-calc-step', '送达处罚决定书（当事人不在场）');
      await page.locator('[data-testid="calc-start"]').fill('2026-09-30');
      await page.locator('[data-testid="calc-submit"]').click();
      await page.locator('[data-testid="calc-due"]').waitFor();
      assert.equal((await page.locator('[data-testid="calc-due"]').textContent())?.trim(), '2026-10-15');
      assert.match((await page.locator('[data-testid="calc-quote"]').textContent()) ?? '', /当事人不在场的，行政机关应当在七日内/);
      const steps = await page.locator('[data-testid="calc-steps"] .ant-timeline-item-content').allTextContents();
      for (const d of ['01', '02', '03', '04', '05', '06', '07']) assert.ok(steps.includes(`跳过 2026-10-${d}：法定节假日（国庆节）`), steps.join('\n'));
      assert.ok(steps.includes('跳过 2026-10-11：休息日（周末）'), steps.join('\n'));
      assert.ok(steps.some((s) => s.includes('《中华人民共和国行政处罚法》（2021-01-22）第八十五条')), steps.join('\n'));
      // Rendered from the machine-readable steps: no English reaches the Chinese screen.
      for (const s of steps) assert.doesNotMatch(s, /[A-Za-z]/, s);
      await screenshot(page, 'legal-calculator');

      await page.locator('[data-testid="calc-start"]').fill('2026-12-28');
      await page.locator('[data-testid="calc-submit"]').click();
      await page.locator('[data-testid="calc-missing"]').waitFor();
      assert.match((await page.locator('[data-testid="calc-missing"]').textContent()) ?? '', /缺少 2027 年的节假日日历/);
      assert.equal(await page.locator('[data-testid="calc-due"]').count(), 0);
    }));

  test('节假日日历: the 2026 grid shows 国庆 and the makeup days; a 2027 notice with a makeup day on a Tuesday is refused with the reason; a valid one is entered', () =>
    journey(h, 'legal-2', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.goto('/legal/calendars');
      await page.locator('[data-testid="calendar-year-2026"]').click();
      const grid = page.locator('[data-testid="calendar-grid"]');
      await grid.locator('[data-testid="day-2026-10-01"]').waitFor();
      assert.equal(await grid.locator('[data-testid="day-2026-10-01"]').getAttribute('data-kind'), 'holiday');
      assert.equal(await grid.locator('[data-testid="day-2026-10-10"]').getAttribute('data-kind'), 'makeup_workday');
      assert.equal(await grid.locator('[data-testid="day-2026-10-09"]').getAttribute('data-kind'), 'workday');
      await screenshot(page, 'legal-calendars');

      // 2027-01-05 is a Tuesday: a makeup working day must be a Saturday or Sunday.
      const file = await noticeWorkbook(2027, [
        ['2027-01-01', '放假', '元旦'],
        ['2027-01-05', '调休上班', ''],
      ]);
      await page.locator('[data-testid="calendar-import"]').click();
      await page.locator('.ant-modal input[type="file"]').setInputFiles(file);
      await page.locator('[data-testid="calendar-import-send"]').click();
      const error = page.locator('[data-testid="calendar-error"]');
      await error.waitFor();
      const text = (await error.textContent()) ?? '';
      assert.match(text, /第 3 行 A：调休上班日 2027-01-05 不是周六或周日/);
      assert.doesNotMatch(text.replace(/第 3 行 A/, ''), /[A-Za-z]/, text);
      await screenshot(page, 'legal-calendar-refused');
      await page.locator('.ant-modal-close:visible').first().click();
      assert.equal(await page.locator('[data-testid="calendar-year-2027"]').count(), 0, 'nothing was written');

      await page.locator('[data-testid="calendar-enter"]').click();
      await page.locator('[data-testid="calendar-form-issued"]').fill('2026-11-10');
      await page.locator('[data-testid="calendar-form-source"]').fill('https://example.test/2027');
      await page.locator('[data-testid="calendar-form-holidays"]').fill('2027-01-01 元旦\n2027-01-02 元旦\n2027-01-03 元旦');
      await page.locator('[data-testid="calendar-form-makeups"]').fill('2027-01-09');
      await page.locator('[data-testid="calendar-save"]').click();
      await page.locator('[data-testid="calendar-year-2027"]').waitFor();
      await page.locator('[data-testid="calendar-grid"] [data-testid="day-2027-01-09"]').waitFor();
      assert.equal(await page.locator('[data-testid="day-2027-01-09"]').getAttribute('data-kind'), 'makeup_workday');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }));

  test('法律规则: a draft gets a local rule with its citation and is published; the built-in version is superseded', () =>
    journey(h, 'legal-3', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      await page.goto('/legal/rules');
      await page.locator('[data-testid="rules-table"]').waitFor();
      assert.ok((await page.locator('[data-testid="rules-table"]').textContent())?.includes('第六十一条'));
      await page.locator('[data-testid="rules-new-draft"]').click();
      await page.locator('[data-testid="draft-label"]').fill('南通本地规则 e2e');
      await page.locator('[data-testid="draft-save"]').click();
      await page.locator('[data-testid="rules-add-local"]').click();
      await page.locator('[data-testid="rule-id"]').fill('nt.e2e_check');
      await page.locator('[data-testid="rule-title-zh"]').fill('立案核查期限（南通测试）');
      await page.locator('[data-testid="rule-title-en"]').fill('Case check period (Nantong test)');
      await page.locator('[data-testid="rule-law"]').fill('南通市城市管理执法程序规定（测试）');
      await page.locator('[data-testid="rule-law-version"]').fill('2024-06-01');
      await page.locator('[data-testid="rule-article"]').fill('第十二条');
      await page.locator('[data-testid="rule-quote"]').fill('对发现的违法行为线索，应当在七个工作日内核查并决定是否立案。');
      await page.locator('[data-testid="rule-from"]').fill('2024-07-01');
      await page.locator('[data-testid="rule-count"]').fill('7');
      await page.locator('[data-testid="rule-save"]').click();
      const row = page.locator('[data-testid="rules-table"] tr', { hasText: 'nt.e2e_check' });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /本地规定/);
      assert.match((await row.textContent()) ?? '', /南通市城市管理执法程序规定（测试）》（2024-06-01）第十二条/);
      await screenshot(page, 'legal-rules-draft');

      await page.locator('[data-testid="rules-publish"]').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await page.locator('[data-testid="version-status-superseded"]').waitFor();
      const versions = await page.locator('.ant-table').first().locator('tbody tr').allTextContents();
      assert.ok(versions.some((v) => v.includes('南通本地规则 e2e') && v.includes('已发布')), versions.join('\n'));
      assert.ok(versions.some((v) => v.includes('全国规则（内置）') && v.includes('已被替代')), versions.join('\n'));
      assert.equal(await page.locator('[data-testid="rules-publish"]').count(), 0, 'a published version has no edit actions');
    }));
});
