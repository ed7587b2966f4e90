import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Today in Beijing (the server and the forms count days there). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const ID = '320602199001011234';
const PHONE = '13812345678';
/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bpublication\.[a-z]/;

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

type Officer = { personId: string; kind: string; userId: string | null; certificateValid: boolean };

/**
 * A general case decided through the API as the team leader with a fine of 6 000 yuan on an individual (over the
 * 5 000 yuan default of the 公示 criteria), the report naming the party with ID number and phone.
 */
async function decidedCase(page: Page): Promise<{ id: string; caseNo: string }> {
  const req = page.request;
  const me = (await ok<{ user: { orgUnitId: string } }>(await req.get('/api/identity/me'))).user;
  const officers = (await ok<{ items: Officer[] }>(await req.get(`/api/cases/officers?unitId=${me.orgUnitId}`))).items.filter((o) => o.kind === 'officer' && o.certificateValid);
  assert.ok(officers.length >= 2, 'two officers with valid certificates in the demo team');
  const officerIds = officers.slice(0, 2).map((o) => o.personId);
  const items = (await ok<{ items: { code: string; statutory: { kinds: string[] }; bands: { level: string; fineMin: number; fineMax: number }[] }[] }>(await req.get('/api/violation/items?limit=200'))).items;
  const item = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b) => b.fineMin <= 6_000_00 && b.fineMax >= 6_000_00));
  assert.ok(item, 'a catalogue item allowing a fine of 6 000 yuan');
  const band = item.bands.find((b) => b.fineMin <= 6_000_00 && b.fineMax >= 6_000_00)!;
  let c = await ok<{ id: string; version: number; caseNo: string; hearingRights?: boolean }>(
    await req.post('/api/cases/leads', { data: { source: 'patrol', actDate: today(), actPlace: '竹行街道青年路', summary: '店外占道经营（e2e 公示）', party: { kind: 'individual', name: '周八', idNumber: ID, phone: PHONE, address: '南通市崇川区竹行街道青年路18号2单元301室' } } }),
  );
  const step = async (action: string, body: object = {}) => {
    c = await ok(await req.post(`/api/cases/${c.id}/actions/${action}`, { data: { version: c.version, officerIds, ...body } }));
    return c;
  };
  await step('check', { proposal: 'file', findings: '现场核实属实（e2e）' });
  await step('approve_filing');
  await step('close_investigation', { report: `当事人周八（身份证号${ID}，电话${PHONE}）在青年路店外占道经营，经责令改正拒不改正（e2e）。`, penalty: { kinds: ['fine'], fineFen: 6_000_00 }, violation: { code: item.code, band: band.level } });
  if ((await step('notify')).hearingRights) await step('waive_hearing');
  await step('decide', { outcome: 'penalty' });
  return { id: c.id, caseNo: c.caseNo };
}

describe('公示: publish a decision, see it redacted on the public page without logging in, withdraw it', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('publish → public page (no login) redacted → withdraw with reason → 已撤回 with the reason', () =>
    journey(h, 'publication-1', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await decidedCase(page);

      // The admin list: the decision waits as 待公示 with its due day.
      const menu = page.locator('[data-testid="side-menu"]');
      await menu.getByText('执法办案').click();
      await menu.getByText('处罚决定公示', { exact: true }).click();
      await page.waitForURL(/\/cases\/publications/);
      await page.locator('[data-testid="pub-criteria"]', { hasText: '本地默认值，待本局确认' }).waitFor();
      const row = page.locator('[data-testid="pub-table"] tr', { hasText: c.caseNo });
      await row.locator('[data-testid="pub-status-pending"]').waitFor();
      const decisionNo = ((await row.locator('[data-testid="pub-decision-no"]').textContent()) ?? '').trim();
      assert.ok(decisionNo, 'the decision number is shown');
      await row.locator('[data-testid="pub-publish"]').click();
      await page.locator('#publish-ok').click();
      await row.locator('[data-testid="pub-status-published"]').waitFor();
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', RAW_CODE);

      // The public page in a browser that never signed in (and a phone-sized screen).
      const anon = await h.newPage();
      try {
        const pub = anon.page;
        await pub.setViewportSize({ width: 390, height: 844 });
        await pub.goto('/public/decisions');
        await pub.locator('#public-search').fill(decisionNo);
        await pub.locator('#public-search').press('Enter');
        // The search is applied once the list shows only its answer (the previous list stays while it loads).
        await pub.waitForURL(/[?&]q=/);
        await pub.locator('[data-testid="public-total"]', { hasText: '共 1 条' }).waitFor();
        const card = pub.locator('[data-testid="public-decision"]', { hasText: decisionNo });
        await card.waitFor();
        assert.equal(await pub.locator('[data-testid="public-decision"]').count(), 1);
        assert.match((await card.locator('[data-testid="public-penalty"]').textContent()) ?? '', /罚款 6,000 元/);
        await card.locator('[data-testid="public-details"]').click();
        await card.locator('[data-testid="public-party"]', { hasText: '周某' }).waitFor();
        const facts = (await card.locator('[data-testid="public-facts"]').textContent()) ?? '';
        assert.match(facts, /当事人周某（身份证号32\*+34，电话138\*{4}5678）/);
        const text = (await pub.locator('body').textContent()) ?? '';
        for (const secret of [ID, PHONE, '周八', '2单元301室']) assert.ok(!text.includes(secret), `the public page shows ${secret}`);
        assert.doesNotMatch(text, RAW_CODE);
        await screenshot(pub, 'publication-public');

        // Withdrawn by the leader: the public page then shows 已撤回, the date and the reason, not the decision.
        await row.locator('[data-testid="pub-withdraw"]').click();
        await page.locator('#withdraw-reason').fill('经行政复议，原处罚决定被撤销（e2e）');
        await page.locator('#withdraw-ok').click();
        await row.locator('[data-testid="pub-status-withdrawn"]').waitFor();

        await pub.reload();
        const gone = pub.locator('[data-testid="public-decision"]', { hasText: decisionNo });
        await gone.locator('[data-testid="public-withdrawn"]', { hasText: '已撤回' }).waitFor();
        assert.equal(((await gone.locator('[data-testid="public-withdraw-reason"]').textContent()) ?? '').trim(), '经行政复议，原处罚决定被撤销（e2e）');
        assert.match((await gone.locator('[data-testid="public-withdrawal"]').textContent()) ?? '', new RegExp(`已于 ${today()} 撤回`));
        assert.equal(await gone.locator('[data-testid="public-penalty"]').count(), 0, 'the decision text is no longer shown');
        assert.equal(await gone.locator('[data-testid="public-details"]').count(), 0);
        await screenshot(pub, 'publication-withdrawn');
      } finally {
        await anon.context.close();
      }
    }));
  test('a legal administrator sets the bureau’s criteria; the local-default mark goes', () =>
    journey(h, 'publication-2', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await page.goto('/cases/publications');
      await page.locator('[data-testid="pub-criteria"]').waitFor();
      assert.equal(await page.locator('[data-testid="criteria-edit"]').count(), 0, 'a team leader does not set them');
      const admin = await h.newPage();
      try {
        const a = admin.page;
        await loginAs(a, 'admin', ADMIN_PASSWORD);
        await a.goto('/cases/publications');
        await a.locator('[data-testid="criteria-edit"]').click();
        await a.locator('#criteria-days').fill('8');
        await a.locator('#criteria-individual').fill('3000');
        await a.locator('#criteria-ok').click();
        await a.locator('[data-testid="pub-criteria"]', { hasText: '8 个工作日内公示' }).waitFor();
        const text = (await a.locator('[data-testid="pub-criteria"]').textContent()) ?? '';
        assert.match(text, /个人罚款 3,000 元以上/);
        assert.ok(!text.includes('本地默认值，待本局确认'), text);
        assert.doesNotMatch(text, RAW_CODE);
      } finally {
        await admin.context.close();
      }
    }));
});
