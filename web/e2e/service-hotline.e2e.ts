import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { chooseSelect, DEMO_PASSWORD, journey, loginAs, menuLabels, startHarness, type Harness } from './harness';

/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bserviceHotline\.[a-z]/;
const HEADER = ['工单编号', '来电时间', '诉求类别', '诉求内容', '事发地址', '经纬度', '来电人', '联系电话', '办理时限'];

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345工单');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('12345 工单导入: upload → preview with row problems → mapping → import → re-import → export', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('the city desk checks a broken file, maps a hotline word, imports, re-imports and exports', () =>
    journey(h, 'service-hotline-1', async (page) => {
      await loginAs(page, 'bureau', DEMO_PASSWORD);
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('便民服务', { exact: true }).click();
      await menu.getByText('12345 工单导入', { exact: true }).click();
      await page.waitForURL(/\/service\/hotline$/);
      const pageRoot = page.locator('[data-testid="hotline-page"]');
      await pageRoot.waitFor();
      const stamp = Date.now().toString(36).toUpperCase();
      const word = `乱堆乱放${stamp}`;
      const called = beijing(new Date(Date.now() - 2 * 3_600_000));
      const upload = async (name: string, rows: (string | null)[][]) => {
        await pageRoot.locator('input[type="file"]').first().setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook(rows) });
        await page.locator('[data-testid="hotline-check"]').click();
      };

      // A broken file: every problem listed in words, on its row and column; nothing can be imported.
      await upload('broken.xlsx', [
        [`E2E-${stamp}-1`, '2026-13-01 09:00', '暴露垃圾', '垃圾堆放（e2e）', '青年路1号', null, null, null, null],
        [`E2E-${stamp}-1`, called, '暴露垃圾', '垃圾堆放（e2e）', '青年路2号', '32.0,120.8', null, null, null],
      ]);
      const issues = page.locator('[data-testid="hotline-issues"]');
      await issues.getByText('“2026-13-01 09:00”不是日期时间（YYYY-MM-DD HH:MM）').waitFor();
      await issues.getByText('工单编号与第 2 行重复').waitFor();
      await issues.getByText('32.0,120.8 像是“纬度,经度”，请经度在前').waitFor();
      await page.locator('[data-testid="hotline-summary"]', { hasText: '发现 3 处问题' }).waitFor();
      assert.equal(await page.locator('[data-testid="hotline-apply"]').isDisabled(), true, 'a file with problems cannot be imported');
      assert.doesNotMatch((await pageRoot.textContent()) ?? '', RAW_CODE);

      // A good file but for a hotline word no category knows: mapped on the page, then checked again.
      const good = [
        [`E2E-${stamp}-1`, called, word, '楼道口堆放装修垃圾（e2e）', '青年路1号', null, '王先生', '13800001234', null],
        [`E2E-${stamp}-2`, called, '暴露垃圾', '垃圾桶满溢（e2e）', '青年路2号', null, null, null, null],
      ];
      await upload('good.xlsx', good);
      await issues.getByText(`“${word}”既不是规范类别，也没有类别对照`).waitFor();
      await chooseSelect(page, '#hotline-map-0', '01-02 市容环境/暴露垃圾', '暴露垃圾');
      await page.locator('[data-testid="hotline-map-save"]').click();
      await page.locator('[data-testid="hotline-summary"]', { hasText: '检查通过，可以导入' }).waitFor();
      await page.locator('[data-testid="hotline-summary"]', { hasText: '新建 2 张（其中 2 张无经纬度，交市级受理台）' }).waitFor();
      await page.locator('[data-testid="hotline-mapping"] tr', { hasText: word }).waitFor();
      const rows = page.locator('[data-testid="hotline-rows"]');
      await rows.locator('tr', { hasText: `E2E-${stamp}-1` }).getByText('市级受理台').waitFor();

      await page.locator('[data-testid="hotline-apply"]').click();
      await page.locator('[data-testid="hotline-done"]', { hasText: '已导入：新建 2 张工单，0 张已导入过未重复创建，2 张无经纬度已交市级受理台' }).waitFor();
      const code = ((await rows.locator('tr', { hasText: `E2E-${stamp}-1` }).locator('td').last().textContent()) ?? '').trim();
      assert.match(code, /^[0-9A-Z]{12}$/, 'the created request has its tracking code');

      // The same file again: nothing new.
      await page.locator('[data-testid="hotline-check"]').click();
      await page.locator('[data-testid="hotline-summary"]', { hasText: '文件中的工单都已导入过' }).waitFor();
      await rows.locator('tr', { hasText: `E2E-${stamp}-2` }).getByText('已导入过').waitFor();
      assert.equal(await page.locator('[data-testid="hotline-apply"]').isDisabled(), true);

      // Export of today's calls: the same columns plus the reply columns, our orders in it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="hotline-export-button"]').click()]);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('12345工单')!;
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), [...HEADER, '办理状态', '办理结果', '回复时间', '办理单位', '满意度']);
      const exported: string[] = [];
      ws.eachRow((r, n) => {
        if (n > 1) exported.push(`${String(r.getCell(1).value)}|${String(r.getCell(10).value)}|${String(r.getCell(13).value)}`);
      });
      assert.ok(exported.includes(`E2E-${stamp}-1|待受理|市级受理台`), exported.join('\n'));
    }));

  test('a team officer has no entry and cannot open the import', () =>
    journey(h, 'service-hotline-2', async (page) => {
      await loginAs(page, 'zhuhang.officer1', DEMO_PASSWORD);
      assert.ok(!(await menuLabels(page)).includes('12345 工单导入'), 'no menu entry for a team officer');
      await page.goto('/service/hotline');
      await page.getByText('没有权限执行此操作').waitFor();
      assert.equal(await page.locator('[data-testid="hotline-page"]').count(), 0);
    }));
});
