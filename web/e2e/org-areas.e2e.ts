import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const geojson = (features: { code: string | null; name?: string; ring: number[][] }[]) => ({
  name: 'areas.geojson',
  mimeType: 'application/geo+json',
  buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: { code: f.code, name: f.name ?? null }, geometry: { type: 'Polygon', coordinates: [f.ring] } })) })),
});

describe('辖区与网格导入 page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('a file with problems shows them in Chinese and cannot be imported; a good file previews, maps and imports', () =>
    journey(h, 'org-areas-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL('**/org**');
      await page.locator('[data-testid="org-areas-import"]').click();
      await page.waitForURL('**/org/areas/import');
      const root = page.locator('[data-testid="org-area-import"]');
      await root.waitFor();

      // The demo grid 32067100300101 (竹行): its current area, to draw a smaller one inside it.
      const grid = (await page.evaluate(async () => {
        const map = await (await fetch('/api/org/map')).json();
        const units = await (await fetch('/api/org/units')).json();
        const unit = units.items.find((u: { code: string }) => u.code === '32067100300101');
        return map.features.find((f: { properties: { id: string } }) => f.properties.id === unit.id).geometry.coordinates[0];
      })) as number[][];
      const n = grid.length - 1;
      const mx = grid.slice(0, n).reduce((s, p) => s + p[0]!, 0) / n;
      const my = grid.slice(0, n).reduce((s, p) => s + p[1]!, 0) / n;
      const inner = grid.map((p) => [mx + (p[0]! - mx) * 0.9, my + (p[1]! - my) * 0.9]);

      // 1. Problems: a self-intersecting ring, a swapped coordinate, a missing code.
      await root.locator('input[type="file"]').setInputFiles(
        geojson([
          { code: '32067100300101', ring: [[mx, my], [mx + 0.001, my + 0.001], [mx + 0.001, my], [mx, my + 0.001], [mx, my]] },
          { code: '32067100300102', ring: box(my, mx, my + 0.001, mx + 0.001) },
          { code: null, ring: box(mx, my, mx + 0.001, my + 0.001) },
        ]),
      );
      await page.locator('[data-testid="area-preview"]').click();
      const problems = page.locator('[data-testid="area-problems"]');
      await problems.waitFor();
      const text = (await problems.locator('tbody').innerText()).replace(/\s+/g, ' ');
      assert.match(text, /自相交/);
      assert.match(text, /经纬度顺序颠倒/);
      assert.match(text, /缺少机构编码/);
      assert.doesNotMatch(text, /[a-z]+_[a-z]+/, 'no internal code on the page');
      assert.match(await page.locator('[data-testid="area-summary"]').innerText(), /错误 3 个/);
      assert.equal(await page.locator('[data-testid="area-apply"]').isDisabled(), true);
      await screenshot(page, 'org-areas-problems');

      // 2. A good file: the change listed, drawn on the map, imported.
      await root.locator('input[type="file"]').setInputFiles(geojson([{ code: '32067100300101', ring: inner }]));
      assert.equal(await page.locator('[data-testid="area-apply"]').isDisabled(), true, 'a new file needs a new preview');
      await page.locator('[data-testid="area-preview"]').click();
      const changes = page.locator('[data-testid="area-changes"]');
      await changes.waitFor();
      assert.match(await changes.locator('tbody').innerText(), /更新辖区/);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="area-map"] path.leaflet-interactive').length === 1);
      await page.locator('[data-testid="area-apply"]:not([disabled])').waitFor();
      await page.locator('[data-testid="area-apply"]').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      const applied = page.locator('[data-testid="area-applied"]');
      await applied.waitFor();
      assert.match(await applied.innerText(), /更新 1 个，新建 0 个/);
      await screenshot(page, 'org-areas-applied');

      // Written: the unit's area is now the smaller one.
      const stored = (await page.evaluate(async () => {
        const map = await (await fetch('/api/org/map')).json();
        const units = await (await fetch('/api/org/units')).json();
        const unit = units.items.find((u: { code: string }) => u.code === '32067100300101');
        return map.features.find((f: { properties: { id: string } }) => f.properties.id === unit.id).geometry.coordinates[0];
      })) as number[][];
      assert.deepEqual(stored, inner);
    }));

  test('an officer (no org.manage) is offered no import and cannot open the page', () =>
    journey(h, 'org-areas-2', async (page) => {
      await loginAs(page, 'zhuhang.officer1', DEMO_PASSWORD);
      await page.goto('/org');
      await page.locator('[data-testid="org-map-panel"]').waitFor();
      assert.equal(await page.locator('[data-testid="org-areas-import"]').count(), 0);
      await page.goto('/org/areas/import');
      await page.locator('[data-testid="org-area-import"], [data-testid="forbidden"], .ant-result').first().waitFor();
      assert.equal(await page.locator('[data-testid="org-area-import"]').count(), 0);
    }));
});
