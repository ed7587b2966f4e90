import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { chooseSelect, DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Today in Beijing (the server and the forms count days there). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bcaseDocuments\.[a-z]/;

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

type Officer = { personId: string; name: string; kind: string; userId: string | null; certificateNo: string | null; certificateValid: boolean };

/**
 * A general case walked to 决定 through the API as the team leader (the case pages' own journeys are in
 * case.e2e.ts): 线索 → 核查 → 立案 → 调查终结 with a small fine → 告知 (hearing waived when the fine carries it) → 决定.
 */
async function decidedCase(page: Page): Promise<{ id: string; officers: Officer[]; fineFen: number }> {
  const req = page.request;
  const me = (await ok<{ user: { orgUnitId: string } }>(await req.get('/api/identity/me'))).user;
  const officers = (await ok<{ items: Officer[] }>(await req.get(`/api/cases/officers?unitId=${me.orgUnitId}`))).items.filter((o) => o.kind === 'officer' && o.userId !== null && o.certificateValid);
  assert.ok(officers.length >= 2, 'two officers with accounts and valid certificates in the demo team');
  const officerIds = officers.slice(0, 2).map((o) => o.personId);
  const items = (await ok<{ items: { code: string; statutory: { kinds: string[] }; bands: { level: string; fineMin: number }[] }[] }>(await req.get('/api/violation/items?limit=200'))).items;
  const item = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b) => b.fineMin <= 100_00))!;
  const band = item.bands.find((b) => b.fineMin <= 100_00)!;
  const fineFen = Math.max(band.fineMin, 100);
  let c = await ok<{ id: string; version: number; hearingRights?: boolean }>(await req.post('/api/cases/leads', { data: { source: 'patrol', actDate: today(), actPlace: '竹行街道青年路 18 号', summary: '店外占道经营（e2e 文书）', party: { kind: 'individual', name: '钱七' } } }));
  const step = async (action: string, body: object = {}) => {
    c = await ok(await page.request.post(`/api/cases/${c.id}/actions/${action}`, { data: { version: c.version, officerIds, ...body } }));
    return c;
  };
  await step('check', { proposal: 'file', findings: '现场核实属实（e2e）' });
  await step('approve_filing');
  await step('close_investigation', { report: '事实清楚（e2e）', penalty: { kinds: ['fine'], fineFen }, violation: { code: item.code, band: band.level } });
  if ((await step('notify')).hearingRights) await step('waive_hearing');
  await step('decide', { outcome: 'penalty' });
  return { id: c.id, officers: officers.slice(0, 2), fineFen };
}

const openTab = async (page: Page) => {
  await page.locator('[data-testid="case-tabs"] .ant-tabs-tab', { hasText: /^(文书|Documents)$/ }).click();
  await page.locator('[data-testid="documents-tab"]').waitFor();
};
const row = (page: Page, docType: string) => page.locator(`[data-testid="doc-row-${docType}"]`);
const statusOf = async (page: Page, docType: string, text: string) => row(page, docType).locator('[data-testid="doc-status"]', { hasText: text }).waitFor();

async function signAsOfficer(page: Page, docType: string, officer: Officer) {
  await row(page, docType).locator('[data-testid="doc-sign"]').click();
  const form = page.locator('[data-testid="sign-form"]');
  await form.waitFor();
  await chooseSelect(page, '#sign-officer', officer.name);
  await page.locator('[data-testid="sign-submit"]').click();
  await form.waitFor({ state: 'detached' });
}

describe('the 文书 tab: number, sign, serve the decision; 结案 refused with the missing documents listed', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('a decided case: 编号, signatures, serving refused unsigned (signers named), served → 执行中 with its payment period; 结案 refused', () =>
    journey(h, 'document-records-1', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await decidedCase(page);
      await page.goto(`/cases/${c.id}`);
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '已作出决定' }).waitFor();
      await openTab(page);

      // The decision is required (第五十九条) and missing; before 结案 the check lists it.
      await statusOf(page, 'penalty_decision', '缺失');
      assert.match((await page.locator('[data-testid="documents-check"]').textContent()) ?? '', /行政处罚决定书/);
      assert.match((await row(page, 'penalty_decision').textContent()) ?? '', /第五十九条/);

      // 作废 with its reason: the number stays listed as void, the document is to be numbered again.
      await row(page, 'filing_approval').locator('[data-testid="doc-allocate"]').click();
      await row(page, 'filing_approval').locator('[data-testid="doc-number"]', { hasText: /立审字/ }).waitFor();
      await row(page, 'filing_approval').locator('[data-testid="doc-void"]').click();
      await page.locator('[data-testid="void-reason"]').fill('案由填写错误（e2e）');
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await row(page, 'filing_approval').getByText('已作废 1 个').waitFor();
      await statusOf(page, 'filing_approval', '待编号');

      // 编号: the team's next 罚决字 number.
      await row(page, 'penalty_decision').locator('[data-testid="doc-allocate"]').click();
      await row(page, 'penalty_decision').locator('[data-testid="doc-number"]', { hasText: /^竹行城管罚决字〔\d{4}〕第\d{4}号$/ }).waitFor();
      await statusOf(page, 'penalty_decision', '待签名');

      // One officer signs; serving now is refused and names who must still sign.
      await signAsOfficer(page, 'penalty_decision', c.officers[0]!);
      await row(page, 'penalty_decision').getByText(`执法人员：${c.officers[0]!.name}`).waitFor();
      await row(page, 'penalty_decision').locator('[data-testid="doc-serve"]').click();
      await page.locator('[data-testid="serve-form"]').waitFor();
      await page.locator('[data-testid="serve-submit"]').click();
      const error = page.locator('[data-testid="doc-error"]');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /文书尚未签名完毕.*还须签名：执法人员 1 名/);
      await page.getByRole('button', { name: /取\s*消/ }).click();
      assert.equal((await page.locator('[data-testid="case-header"] [data-testid="case-state"]').textContent()) ?? '', '已作出决定');

      // The second officer signs; served in person: the case's serve step, the payment period starts.
      await signAsOfficer(page, 'penalty_decision', c.officers[1]!);
      await statusOf(page, 'penalty_decision', '待送达');
      await row(page, 'penalty_decision').locator('[data-testid="doc-serve"]').click();
      await page.locator('[data-testid="serve-form"]').waitFor();
      await page.locator('[data-testid="serve-recipient"]').fill('钱七本人');
      await page.locator('[data-testid="serve-submit"]').click();
      await statusOf(page, 'penalty_decision', '已送达');
      await row(page, 'penalty_decision').locator('[data-testid="doc-service"]', { hasText: `直接送达 ${today()} 钱七本人` }).waitFor();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '执行中' }).waitFor();
      const pay = page.locator('[data-testid="case-deadlines"] tr', { hasText: '缴纳罚款' });
      await pay.waitFor();
      assert.match((await pay.textContent()) ?? '', /\d{4}-\d{2}-\d{2}/, 'the payment deadline has its due day');
      assert.match((await page.locator('[data-testid="case-timeline"]').textContent()) ?? '', /送达决定书/);
      await screenshot(page, 'document-records-served');
      // The filled decision downloads with its 文号 (the render endpoint).
      const href = await row(page, 'penalty_decision').locator('[data-testid="doc-pdf"]').getAttribute('href');
      assert.ok(href?.includes('docType=penalty_decision'), String(href));
      const pdf = await page.request.get(href!);
      assert.equal(pdf.status(), 200, await pdf.text());
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.ok(await row(page, 'penalty_decision').locator('[data-testid="doc-docx"]').count());

      // Paid; 结案 on the case page is refused: the documents still missing are listed in the tab, with their basis.
      const cur = await ok<{ version: number }>(await page.request.get(`/api/cases/${c.id}`));
      await ok(await page.request.post(`/api/cases/${c.id}/actions/record_payment`, { data: { version: cur.version, officerIds: c.officers.map((o) => o.personId), amountFen: c.fineFen } }));
      await page.reload();
      await page.locator('[data-testid="case-header"] [data-testid="case-state"]', { hasText: '执行完毕' }).waitFor();
      await page.locator('[data-testid="case-actions"]').getByText('结案', { exact: true }).click();
      const form = page.locator('[data-testid="case-form-close"]');
      await form.waitFor();
      await form.locator('[data-testid="case-on-date"]').fill(today());
      const picker = page.locator('#case-officers').locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
      for (const o of c.officers) if (!((await picker.textContent()) ?? '').includes(o.name)) await chooseSelect(page, '#case-officers', `${o.name}（${o.certificateNo}）`, o.name);
      await form.locator('[data-testid="case-submit"]').click();
      assert.match((await page.locator('[data-testid="case-action-error"]').textContent({ timeout: 15_000 })) ?? '', /结案或归档前须齐备的文书缺失或不完整/);
      await openTab(page);
      const missing = await page.locator('[data-testid="documents-missing"]').allTextContents();
      for (const name of ['立案审批表', '现场检查(勘验)笔录', '行政处罚事先告知书', '结案报告']) assert.ok(missing.some((m) => m.includes(name)), `${name} listed: ${missing.join(' | ')}`);
      assert.ok(!missing.some((m) => m.includes('行政处罚决定书')), 'the served decision is complete');
      assert.ok(missing.some((m) => /行政处罚法 第四十四条/.test(m)), 'the article is named');
      assert.doesNotMatch((await page.locator('[data-testid="documents-tab"]').textContent()) ?? '', RAW_CODE);
      await screenshot(page, 'document-records-close-refused');
    }));
});
