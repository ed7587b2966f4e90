import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, loginAs, screenshot, startHarness, journey, type Harness } from './harness';

interface TreeRow {
  kind: string;
  name: string;
  level: number;
}

/** The visible tree rows in order, with their depth (number of indent units). */
async function treeRows(page: Page): Promise<TreeRow[]> {
  return (await page.evaluate(`
    [...document.querySelectorAll('[data-testid="org-tree"] .ant-tree-treenode')].map((n) => {
      const title = n.querySelector('[data-kind]');
      return {
        kind: title ? title.getAttribute('data-kind') : '',
        name: title ? title.firstChild.textContent : '',
        level: n.querySelectorAll('.ant-tree-indent-unit').length,
      };
    })
  `)) as TreeRow[];
}

const polygonCount = (page: Page) =>
  page.evaluate(`document.querySelectorAll('[data-testid="geo-map"] path.leaflet-interactive').length`) as Promise<number>;

describe('org page: tree, details, map, edit', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('the tree shows the 21 street teams under the 3 districts and the map draws polygons without tiles', () =>
    journey(h, 'org-1', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL('**/org**');
      await page.locator('[data-testid="org-tree"] [data-kind="team"]').first().waitFor();
      const rows = await treeRows(page);
      const districts = rows.filter((r) => r.kind === 'district');
      const teams = rows.filter((r) => r.kind === 'team');
      assert.equal(districts.length, 3, `districts: ${districts.map((d) => d.name).join(', ')}`);
      assert.equal(teams.length, 21, `teams: ${teams.map((t) => t.name).join(', ')}`);
      for (const team of teams) assert.match(team.name, /街道综合执法队$/);
      // Each team's nearest preceding row one level up is a district.
      rows.forEach((r, i) => {
        if (r.kind !== 'team') return;
        const parent = rows.slice(0, i).reverse().find((p) => p.level === r.level - 1);
        assert.equal(parent?.kind, 'district', `${r.name} should be under a district`);
      });

      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="geo-map"] path.leaflet-interactive').length > 21,
      );
      assert.ok((await polygonCount(page)) > 21);
      // No basemap configured: no tile images were requested.
      assert.equal(await page.locator('[data-testid="geo-map"] img.leaflet-tile').count(), 0);
      await page.locator('[data-testid="org-map-legend"]').waitFor();
      await page.waitForTimeout(600); // let the fly-to animation settle for the screenshot
      await screenshot(page, 'org');
    }));

  test('selecting 竹行街道综合执法队 shows its details and highlights it on the map; clicking a polygon selects its unit', () =>
    journey(h, 'org-2', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="org-search"] input').fill('竹行');
      const node = page.locator('[data-testid="org-tree"] [data-kind="team"]', { hasText: '竹行街道综合执法队' });
      await node.click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="org-details-name"]')?.textContent === '竹行街道综合执法队',
      );
      assert.equal(await page.locator('[data-testid="org-details-kind"]').textContent(), '街道综合执法队');
      assert.match(page.url(), /[?&]unit=/);
      // The selected polygon is drawn in the "selected" colour.
      await page.waitForFunction(
        () => Array.from(document.querySelectorAll('[data-testid="geo-map"] path.leaflet-interactive')).some((p) => p.getAttribute('stroke') === '#cf1322'),
      );
      await page.waitForTimeout(600);
      await screenshot(page, 'org-zhuhang');

      // Click another team's polygon on the map: the tree selection and details follow.
      const clicked = (await page.evaluate(`(() => {
        const paths = [...document.querySelectorAll('[data-testid="geo-map"] path.leaflet-interactive')]
          .filter((p) => p.getAttribute('stroke') === '#1f5fbf');
        const p = paths[0];
        if (!p) return false;
        p.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
        return true;
      })()`)) as boolean;
      assert.ok(clicked, 'a team polygon to click');
      await page.waitForFunction(
        () => (() => { const n = document.querySelector('[data-testid="org-details-name"]')?.textContent; return n && n !== '竹行街道综合执法队'; })(),
      );
      assert.equal(await page.locator('[data-testid="org-details-kind"]').textContent(), '街道综合执法队');
    }));

  test('inside a selected team, a real click on a grid polygon selects the grid (tree and details follow)', () =>
    journey(h, 'org-grid-click', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="org-search"] input').fill('竹行');
      await page.locator('[data-testid="org-tree"] [data-kind="team"]', { hasText: '竹行街道综合执法队' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="org-details-name"]')?.textContent === '竹行街道综合执法队');
      // Clear the search so the tree can show the grid once it is selected.
      await page.locator('[data-testid="org-search"] input').fill('');
      await page.waitForFunction(
        () => Array.from(document.querySelectorAll('[data-testid="geo-map"] path.leaflet-interactive')).some((p) => p.getAttribute('stroke') === '#cf1322'),
      );
      // A point inside one of the team's grids, found by geometry (not by what is on top there): the mouse then
      // clicks at that point like a user would, so a polygon covering the grid would take the click.
      const findPoint = `(() => {
        const paths = [...document.querySelectorAll('[data-testid="geo-map"] path.leaflet-interactive')];
        const team = paths.find((p) => p.getAttribute('stroke') === '#cf1322');
        const map = document.querySelector('[data-testid="geo-map"]').getBoundingClientRect();
        const t = team.getBoundingClientRect();
        const grids = paths.filter((p) => {
          if (p.getAttribute('stroke') !== '#d4761c') return false;
          const b = p.getBoundingClientRect();
          return b.width > 8 && b.height > 8 && b.left >= t.left - 1 && b.right <= t.right + 1 && b.top >= t.top - 1 && b.bottom <= t.bottom + 1;
        });
        // Grids are drawn after communities: the last one inside the team is a grid.
        const grid = grids[grids.length - 1];
        if (!grid) return null;
        const b = grid.getBoundingClientRect();
        const inv = grid.getScreenCTM().inverse();
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
          const x = b.left + (b.width * i) / 12;
          const y = b.top + (b.height * j) / 12;
          if (x < map.left + 60 || y < map.top + 80 || x > map.right - 10 || y > map.bottom - 30) continue;
          if (grid.isPointInFill(new DOMPoint(x, y).matrixTransform(inv))) return { x, y };
        }
        return null;
      })()`;
      // Let the fly-to animation end: the point is taken once the polygons stop moving (two equal readings).
      let point: { x: number; y: number } | null = null;
      for (let last = '', i = 0; i < 100 && !point; i++) {
        const p = (await page.evaluate(findPoint)) as { x: number; y: number } | null;
        const key = JSON.stringify(p);
        if (p && key === last) point = p;
        last = key;
        if (!point) await page.waitForTimeout(150);
      }
      assert.ok(point, "a point inside one of 竹行's grids on screen");
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction(() => document.querySelector('[data-testid="org-details-kind"]')?.textContent === '单元网格');
      const name = await page.locator('[data-testid="org-details-name"]').textContent();
      assert.ok(name && name !== '竹行街道综合执法队', name ?? '');
      // The tree shows the grid selected.
      const selectedTitle = page.locator('[data-testid="org-tree"] .ant-tree-node-selected [data-kind="grid"]');
      await selectedTitle.waitFor();
      assert.equal((await selectedTitle.textContent())?.startsWith(name), true);
      await screenshot(page, 'org-grid-click');
    }));

  test('an org manager edits a unit; a stale version is reported', () =>
    journey(h, 'org-3', async (page) => {
      await loginAs(page, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="org-search"] input').fill('竹行');
      await page.locator('[data-testid="org-tree"] [data-kind="team"]', { hasText: '竹行街道综合执法队' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="org-details-name"]')?.textContent === '竹行街道综合执法队',
      );
      await page.locator('[data-testid="org-edit"]').click();
      const form = page.locator('[data-testid="org-edit-form"]');
      await form.waitFor();
      await form.locator('textarea').fill('e2e 备注');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已保存').first().waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="org-details"]')?.textContent?.includes('e2e 备注'));

      // Someone else changes the unit meanwhile (same API, current version): our form now holds a stale version.
      const unitId = new URL(page.url()).searchParams.get('unit');
      assert.ok(unitId);
      const status = await page.evaluate(`(async () => {
        const u = await (await fetch('/api/org/units/${unitId}')).json();
        const r = await fetch('/api/org/units/${unitId}', {
          method: 'PATCH', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version: u.version, note: '他人修改' }),
        });
        return r.status;
      })()`);
      assert.equal(status, 200);
      await form.waitFor({ state: 'detached' }); // the drawer closed after saving
      await page.locator('[data-testid="org-edit"]').click();
      await form.waitFor();
      await form.locator('textarea').fill('我的修改');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('数据已被他人修改，请刷新').first().waitFor();
      await screenshot(page, 'org-edit-stale');
      // Refresh loads the other user's version into the form.
      await form.getByRole('button', { name: /刷\s*新/ }).click();
      await page.waitForFunction(
        () => document.querySelector<HTMLTextAreaElement>('[data-testid="org-edit-form"] textarea')?.value === '他人修改',
      );
    }));
});
