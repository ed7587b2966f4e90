import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import { asc, gpsOf, jpegWithExif, tiff } from '../../server/src/modules/evidence/domain/exif-fixtures';
import { chooseSelect, closeDropdowns, DEMO_PASSWORD, journey, loginAs, screenshot, startHarness, type Harness } from './harness';

/** Today in Beijing (the server and the forms count days there). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** Internal codes (snake_case) or untranslated i18n keys in a text. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\bcaseEvidence\.[a-z]/;
const HAN = /\p{Script=Han}/u;

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A photo taken 2026-03-05 14:20:31 at 32.01, 120.8651667 (南通), as a camera writes its EXIF. */
const photo = () => Buffer.concat([jpegWithExif(tiff(true, [asc(0x0132, '2026:03:05 14:20:31')], null, gpsOf(true))).subarray(0, -2), randomBytes(16), Buffer.from([0xff, 0xd9])]);

/** A case under investigation (立案 done through the API as the team leader), with the team's two account officers. */
async function filedCase(page: Page): Promise<{ id: string; officer: { personId: string; name: string } }> {
  const req = page.request;
  const me = (await ok<{ user: { orgUnitId: string } }>(await req.get('/api/identity/me'))).user;
  const officers = (await ok<{ items: { personId: string; name: string; kind: string; userId: string | null; certificateValid: boolean }[] }>(await req.get(`/api/cases/officers?unitId=${me.orgUnitId}`))).items.filter((o) => o.kind === 'officer' && o.userId !== null && o.certificateValid);
  assert.ok(officers.length >= 2, 'two officers with accounts and valid certificates in the demo team');
  const officerIds = officers.slice(0, 2).map((o) => o.personId);
  const lead = await ok<{ id: string; version: number }>(await req.post('/api/cases/leads', { data: { source: 'patrol', actDate: today(), actPlace: '竹行街道青年路 8 号', summary: '占道堆放建材（e2e 证据）', party: { kind: 'individual', name: '李四' } } }));
  const checked = await ok<{ version: number }>(await req.post(`/api/cases/${lead.id}/actions/check`, { data: { version: lead.version, officerIds, proposal: 'file', findings: '现场核实属实（e2e）' } }));
  await ok(await req.post(`/api/cases/${lead.id}/actions/approve_filing`, { data: { version: checked.version, officerIds } }));
  return { id: lead.id, officer: officers[0]! };
}

const openTab = async (page: Page) => {
  await page.locator('[data-testid="case-tabs"] .ant-tabs-tab', { hasText: /证据与音像记录|Evidence & recordings/ }).click();
  await page.locator('[data-testid="evidence-tab"]').waitFor();
};

describe('case evidence: upload with EXIF, custody log, 查封 refused without a covering clip, clip registered, English', () => {
  let h: Harness;
  let caseUrl = '';
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  test('a photo is uploaded with its EXIF time and position; the custody log shows the upload, then the download', () =>
    journey(h, 'evidence-1', async (page) => {
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const c = await filedCase(page);
      caseUrl = `/cases/${c.id}`;
      await page.goto(caseUrl);
      await openTab(page);

      await page.locator('[data-testid="evidence-upload-open"]').click();
      await chooseSelect(page, '#evidence-kind', '（八）现场笔录');
      await page.locator('[data-testid="evidence-title-input"]').fill('现场照片：人行道堆放建材');
      await page.locator('[data-testid="evidence-file"]').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo() });
      await page.locator('[data-testid="evidence-upload-submit"]').click();
      const row = page.locator('[data-testid="evidence-list"] tr', { hasText: '现场照片：人行道堆放建材' });
      await row.waitFor();
      const exif = (await row.locator('[data-testid="evidence-exif"]').textContent()) ?? '';
      assert.match(exif, /拍摄于 2026-03-05 14:20:31/);
      assert.match(exif, /32\.01000, 120\.86517/);
      assert.match((await row.locator('[data-testid="evidence-position"]').getAttribute('href')) ?? '', /openstreetmap\.org\/\?mlat=32\.010000&mlon=120\.865167/);
      assert.match((await row.locator('[data-testid="evidence-sha"]').textContent()) ?? '', /^[0-9a-f]{12}$/);
      assert.match((await row.textContent()) ?? '', /有效/);

      // The custody log: uploaded (and this opening, logged as a view).
      await row.locator('[data-testid="evidence-custody"]').click();
      const log = page.locator('[data-testid="evidence-custody-log"]');
      await log.locator('tr', { hasText: '上传' }).waitFor();
      assert.equal(await log.locator('tr', { hasText: '下载' }).count(), 0);
      await page.keyboard.press('Escape');
      await log.waitFor({ state: 'detached' });

      // Download: the server checks the SHA-256 and sends the file; the log then has the download.
      const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid="evidence-download"]').click()]);
      assert.equal(download.suggestedFilename(), 'scene.jpg');
      assert.equal(await page.locator('[data-testid="evidence-error"]').count(), 0);
      await row.locator('[data-testid="evidence-custody"]').click();
      await log.locator('tr', { hasText: '下载' }).waitFor();
      const actions = await log.locator('tbody tr td:nth-child(2)').allTextContents();
      assert.deepEqual(actions.slice(0, 3), ['上传', '查看', '下载'], actions.join(' / '));
      await screenshot(page, 'evidence-custody');
      await page.keyboard.press('Escape');
    }));

  test('a stored file changed behind the system’s back: the download is refused with the reason in words, and logged', () =>
    journey(h, 'evidence-1b', async (page) => {
      assert.ok(caseUrl, 'the case of the previous journey');
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      const list = await ok<{ items: { title: string; sha256: string }[] }>(await page.request.get(`/api/evidence${caseUrl}`));
      const sha = list.items.find((e) => e.title === '现场照片：人行道堆放建材')!.sha256;
      // The content-addressed store keeps the file under its SHA-256 (platform/blob-store).
      const file = path.join(h.dataDir, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha);
      fs.chmodSync(file, 0o644);
      fs.writeFileSync(file, photo());
      await page.goto(caseUrl);
      await openTab(page);
      const row = page.locator('[data-testid="evidence-list"] tr', { hasText: '现场照片：人行道堆放建材' });
      await row.locator('[data-testid="evidence-download"]').click();
      const error = page.locator('[data-testid="evidence-error"]');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /下载失败：存储的文件已损坏（哈希不符），不予提供/);
      await row.locator('[data-testid="evidence-custody"]').click();
      const log = page.locator('[data-testid="evidence-custody-log"]');
      await log.locator('tr', { hasText: '文件校验不符，拒绝提供' }).waitFor();
      assert.match((await log.locator('tr', { hasText: '文件校验不符，拒绝提供' }).textContent()) ?? '', /文件内容与 SHA-256 不符/);
      await screenshot(page, 'evidence-hash-mismatch');
      await page.keyboard.press('Escape');
    }));

  test('查封 without a covering clip is refused with the gap; a clip is registered; the 查封 is accepted and the clip listed under it', () =>
    journey(h, 'evidence-2', async (page) => {
      assert.ok(caseUrl, 'the case of the previous journey');
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await page.goto(caseUrl);
      const c = await ok<{ officers: { personId: string; name: string }[] }>(await page.request.get(`/api${caseUrl}`));
      const wearer = c.officers[0]!;

      await page.locator('[data-testid="case-actions"]').getByText('查封扣押', { exact: true }).click();
      const form = page.locator('[data-testid="case-form-seize"]');
      await form.waitFor();
      await form.locator('[data-testid="case-seizure-kind"]').getByText('查封').click();
      await form.locator('[data-testid="case-items"]').fill('简易棚钢管 8 根（e2e 证据）');
      await form.locator('[data-testid="case-started-at"]').fill('10:00');
      await form.locator('[data-testid="case-ended-at"]').fill('10:20');
      await form.locator('[data-testid="case-submit"]').click();
      const refusal = page.locator('[data-testid="case-action-error"]');
      await refusal.waitFor();
      const text = (await refusal.textContent()) ?? '';
      assert.match(text, /全程音像记录/);
      assert.ok(text.includes(`未覆盖时段：${today()} 10:00–10:20`), text);

      // The clip of the first officer's body camera, 09:55–10:25, its file kept on the workstation (hash only).
      await openTab(page);
      await page.locator('[data-testid="evidence-clip-open"]').click();
      await page.locator('[data-testid="evidence-clip-form"]').waitFor();
      // The first camera of the list, picked the robust way (a click during the open animation can miss and leave
      // the list open over the next field).
      await page.locator('#evidence-clip-camera').click();
      const camera = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await camera.waitFor();
      const cameraName = (await camera.getAttribute('title'))!;
      await closeDropdowns(page);
      await chooseSelect(page, '#evidence-clip-camera', cameraName);
      await chooseSelect(page, '#evidence-clip-officer', wearer.name, wearer.name);
      await page.locator('[data-testid="evidence-clip-start"]').fill(`${today()}T09:55`);
      await page.locator('[data-testid="evidence-clip-end"]').fill(`${today()}T10:25`);
      await page.locator('[data-testid="evidence-clip-sha"]').fill(randomBytes(32).toString('hex'));
      await page.locator('[data-testid="evidence-clip-submit"]').click();
      await page.locator('[data-testid="evidence-clip-form"]').waitFor({ state: 'detached' });

      // The same form again: now covered, the seizure is recorded and the clip linked to it.
      await form.locator('[data-testid="case-submit"]').click();
      await page.getByText('已办理：查封扣押').first().waitFor();
      await openTab(page);
      const step = page.locator('[data-testid="evidence-steps"] tr', { hasText: '查封扣押' });
      await step.locator('[data-testid="evidence-step-covered"]').waitFor();
      const clips = (await step.locator('[data-testid="evidence-step-clips"]').textContent()) ?? '';
      assert.ok(clips.includes(`${today()} 09:55–10:25`), clips);
      assert.ok(clips.includes(wearer.name), clips);
      assert.match(clips, /自动关联/);
      assert.match(clips, /仅登记哈希/);
      assert.ok(((await step.textContent()) ?? '').includes(`${today()} 10:00–10:20`));
      await screenshot(page, 'evidence-clips');
    }));

  test('the evidence tab in English: words of the app without Chinese, no internal code', () =>
    journey(h, 'evidence-3', async (page) => {
      assert.ok(caseUrl, 'the case of the previous journeys');
      await loginAs(page, 'zhuhang.leader', DEMO_PASSWORD);
      await page.goto(caseUrl);
      await page.locator('[data-testid="language-switch"]').getByText('English', { exact: true }).click();
      await openTab(page);
      const tab = page.locator('[data-testid="evidence-tab"]');
      await tab.locator('[data-testid="evidence-step-covered"]', { hasText: 'Covered' }).waitFor();
      const text = (await tab.textContent()) ?? '';
      assert.doesNotMatch(text, RAW_CODE);
      for (const words of ['Upload evidence', '(8) On-site record', 'Taken 2026-03-05 14:20:31', 'Current', 'Custody log', 'Register a clip', 'Seal or detain', 'Linked automatically', 'Hash only', 'Kinds of evidence']) {
        assert.ok(text.includes(words), `"${words}" on the English tab`);
      }
      for (const sel of ['th', '.ant-card-head-title', '.ant-tag', 'button']) {
        for (const s of await tab.locator(sel).allTextContents()) assert.doesNotMatch(s, HAN, `${sel}: "${s}"`);
      }
      await screenshot(page, 'evidence-en');
    }));
});
