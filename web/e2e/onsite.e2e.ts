import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Beijing civil day of an instant. */
const bjDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
/** A point `north` metres north of (lat, lon). */
const north = (lat: number, lon: number, m: number) => ({ lat: lat + m / 111_195, lon });
/** Far from the demo's tracks (so only this test's phones come near it). */
const SITE = { lat: 32.1234, lon: 121.0567 };
/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bonsite\.[a-z]/;

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * A case with two on-site steps, set up through the API as the team leader: 现场检查 while both officers' phones
 * were at the site, then 先行登记保存 while one of them was 1 km away. Positions go in through the OsmAnd ingest.
 */
async function caseWithTwoSteps(page: Page): Promise<string> {
  const req = page.request;
  const me = (await ok<{ user: { orgUnitId: string } }>(await req.get('/api/identity/me'))).user;
  const officers = (await ok<{ items: { personId: string; kind: string; userId: string | null; certificateValid: boolean }[] }>(await req.get(`/api/cases/officers?unitId=${me.orgUnitId}`))).items.filter((o) => o.kind === 'officer' && o.userId !== null && o.certificateValid);
  assert.ok(officers.length >= 2, 'two officers with accounts and valid certificates in the demo team');
  const [o1, o2] = officers.map((o) => o.personId) as [string, string];
  const now = Date.now();
  const at = (minAgo: number) => new Date(now - minAgo * 60_000);
  const phones: string[] = [];
  for (const [i, person] of [o1, o2].entries()) {
    const identifier = `onsite-e2e-${now}-${i}`;
    const d = await ok<{ id: string }>(await req.post('/api/tracking/devices', { data: { identifier, protocol: 'osmand', kind: 'phone', name: `核验手机${i + 1}`, orgUnitId: me.orgUnitId } }));
    await ok(await req.post(`/api/tracking/devices/${d.id}/bindings`, { data: { personId: person, validFrom: at(120).toISOString() } }));
    phones.push(identifier);
  }
  const fix = async (phone: string, minAgo: number, metres: number) => {
    const p = north(SITE.lat, SITE.lon, metres);
    const r = await req.get(`/api/tracking/osmand?id=${phone}&lat=${p.lat.toFixed(7)}&lon=${p.lon.toFixed(7)}&timestamp=${Math.floor(at(minAgo).getTime() / 1000)}`);
    assert.equal(r.status(), 200, await r.text());
  };
  // Step 1 (40 → 30 min ago): both near. Step 2 (20 → 10 min ago): phone 1 at 1 km, phone 2 near.
  await fix(phones[0]!, 38, 120);
  await fix(phones[1]!, 37, 150);
  await fix(phones[0]!, 36, 40);
  await fix(phones[1]!, 34, 80);
  await fix(phones[0]!, 16, 1100);
  await fix(phones[1]!, 16, 90);
  await fix(phones[0]!, 15, 1000);
  await fix(phones[1]!, 14, 30);
  const day1 = bjDay(at(40));
  let c = await ok<{ id: string; version: number }>(await req.post('/api/cases/leads', { data: { source: 'patrol', actDate: day1, actPlace: '轨迹核验测试地点', summary: '轨迹核验 e2e', party: { kind: 'individual', name: '张三' }, ...SITE } }));
  const act = async (action: string, body: object) => {
    c = await ok<{ id: string; version: number }>(await req.post(`/api/cases/${c.id}/actions/${action}`, { data: { version: c.version, ...body } }));
  };
  await act('check', { officerIds: [o1, o2], proposal: 'file', findings: '现场核实属实', onDate: day1, startedAt: at(40).toISOString(), endedAt: at(30).toISOString() });
  await act('approve_filing', { officerIds: [o1, o2], onDate: day1 });
  const day2 = bjDay(at(20));
  await act('register_evidence', { officerIds: [o1, o2], items: '烧烤炉 1 台（e2e）', onDate: day2, startedAt: at(20).toISOString(), endedAt: at(10).toISOString() });
  return c.id;
}

describe('轨迹核验 tab: on-site steps checked against the officers’ trajectories', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('the tab shows the case location, the tracks, one step verified and one flagged 未在现场核验', () =>
    journey(h, 'onsite-1', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const caseId = await caseWithTwoSteps(page);
      await page.goto(`${h.baseUrl}/cases/${caseId}`);
      await page.locator('[data-testid="case-tabs"]').getByRole('tab', { name: '轨迹核验' }).click();
      const tab = page.locator('[data-testid="onsite-tab"]');
      await tab.waitFor();
      await tab.locator('[data-testid="onsite-status"]').nth(1).waitFor();
      const statuses = await tab.locator('[data-testid="onsite-status"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-status'), e.textContent]));
      assert.deepEqual(statuses, [
        ['verified', '已核验在场'],
        ['not_on_site', '未在现场核验'],
      ]);
      await tab.getByText('核验距离 200 米，时间余量 10 分钟').waitFor();
      // The map: the check circle, the case location and the flagged step's two tracks (chosen first).
      const map = tab.locator('[data-testid="onsite-map"]');
      await map.locator('path.onsite-radius').waitFor();
      assert.equal(await map.locator('path.onsite-site').count(), 1);
      assert.equal(await map.locator('path.onsite-track').count(), 2);
      assert.match((await tab.textContent()) ?? '', /最近距离 1000 米/);
      // The flagged step is the one drawn first; choosing the other step draws its two tracks instead.
      const rows = await tab.locator('[data-testid^="onsite-step-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('onsite-step-'.length)));
      assert.equal(rows.length, 2);
      assert.equal(await map.getAttribute('data-step'), rows[1]);
      await tab.getByText('现场检查（核查）').click();
      await tab.locator(`[data-testid="onsite-map"][data-step="${rows[0]}"]`).waitFor();
      assert.equal(await map.locator('path.onsite-track').count(), 2);
      const text = (await tab.textContent()) ?? '';
      assert.match(text, /先行登记保存/);
      assert.doesNotMatch(text, RAW_CODE, 'no internal code on the zh-CN tab');
      await screenshot(page, 'onsite-tab');
    }));
});
