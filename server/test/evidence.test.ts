import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { blobPath } from '../src/platform/blob-store';
import { asc, gpsOf, jpegWithExif, tiff } from '../src/modules/evidence/domain/exif-fixtures';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('case evidence: hashed upload with EXIF, custody log in the audit chain, verified download, no deletion once decided', () => {
  let t: TestContext;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-evidence-'));
  const cookies: Record<string, string> = {};
  let openCase: string;
  let decidedCase: string;
  let openStep: number;

  const upload = (caseId: string, user: string, query: string, name: string, data: Buffer, mime: string) => {
    const f = multipartFile('file', name, data, mime);
    return t.app.inject({ method: 'POST', url: `/api/evidence/cases/${caseId}?${query}`, headers: { cookie: cookies[user]!, ...f.headers }, payload: f.payload });
  };
  const get = (url: string, user: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  const custody = async (id: string) => (await t.database.rows<{ action: string; actor_name: string }>(sql`select action, actor_name from case_evidence_custody where evidence_id = ${id} order by id`)).map((r) => r.action);
  const audits = async (id: string) => (await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_type = 'case_evidence' and entity_id = ${id} order by seq`)).map((r) => r.action);
  /** A small JPEG with a unique body, so that content-addressed uploads of different tests never share a file. */
  const photo = (label: string) =>
    Buffer.concat([jpegWithExif(tiff(true, [asc(0x0132, '2026:03:05 14:20:31')], null, gpsOf(true))).subarray(0, -2), Buffer.from(label), Buffer.from([0xff, 0xd9])]);

  before(async () => {
    t = await createTestContext({ config: { dataDir } });
    for (const u of ['zhuhang.officer1', 'zhuhang.leader', 'zhuhang.aux1', 'xinkai.leader']) cookies[u] = await t.login(u);
    const team = await t.unitId(UNITS.zhuhang);
    const pick = async (decided: boolean) =>
      (
        await t.database.rows<{ id: string }>(
          decided
            ? sql`select id from enforcement_case where org_unit_id = ${team} and decided_on is not null and state <> 'archived' order by id limit 1`
            : sql`select id from enforcement_case where org_unit_id = ${team} and decided_on is null and state in ('investigating', 'investigated', 'notified', 'checked', 'lead') order by id limit 1`,
        )
      )[0]!.id;
    openCase = await pick(false);
    decidedCase = await pick(true);
    openStep = Number((await t.database.rows<{ id: number }>(sql`select id from case_event where case_id = ${openCase} order by id limit 1`))[0]!.id);
  });
  after(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('upload: SHA-256, EXIF time and position, kind of 第四十六条; custody and audit record', async () => {
    const data = photo('scene-1');
    const r = await upload(openCase, 'zhuhang.officer1', `kind=scene_record&title=${encodeURIComponent('现场照片')}&stepEventId=${openStep}`, '现场.jpg', data, 'image/jpeg');
    assert.equal(r.statusCode, 201, r.body);
    const e = r.json() as Json;
    assert.equal(e.sha256, crypto.createHash('sha256').update(data).digest('hex'));
    assert.deepEqual([e.takenAt, e.lat, e.lon, e.kind, e.lawItem, e.stepEventId], ['2026-03-05T14:20:31+08:00', 32.01, 120.8651667, 'scene_record', 8, openStep]);
    assert.deepEqual(await custody(e.id), ['uploaded']);
    assert.deepEqual(await audits(e.id), ['case_evidence.uploaded']);

    const list = (await get(`/api/evidence/cases/${openCase}`, 'zhuhang.aux1')).json() as Json;
    assert.equal(list.decided, false);
    assert.deepEqual(list.law, { law: '行政处罚法', version: '2021-01-22', article: '第四十六条' });
    assert.ok(list.items.some((x: Json) => x.id === e.id));
  });

  test('who may upload and see: an auxiliary reads but may not upload; another team sees nothing', async () => {
    const data = photo('perm');
    assert.equal((await upload(openCase, 'zhuhang.aux1', 'kind=physical&title=x', 'a.jpg', data, 'image/jpeg')).statusCode, 403);
    const other = await upload(openCase, 'xinkai.leader', 'kind=physical&title=x', 'a.jpg', data, 'image/jpeg');
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().code, 'case.not_found');
    assert.equal((await get(`/api/evidence/cases/${openCase}`, 'xinkai.leader')).statusCode, 404);
  });

  test('bad uploads are refused: type, content, size, empty, unknown kind, a step of another case', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('body')]);
    const otherStep = Number((await t.database.rows<{ id: number }>(sql`select id from case_event where case_id = ${decidedCase} order by id limit 1`))[0]!.id);
    const cases: [string, string, Buffer, string, number, string][] = [
      ['kind=physical&title=x', 'fake.png', Buffer.from('MZ exe'), 'image/png', 415, 'evidence.content_mismatch'],
      ['kind=physical&title=x', 'run.exe', Buffer.from('MZ'), 'application/x-msdownload', 415, 'evidence.type_not_allowed'],
      ['kind=physical&title=x', 'big.png', Buffer.concat([png, Buffer.alloc(21 * 1024 * 1024)]), 'image/png', 413, 'evidence.too_large'],
      ['kind=physical&title=x', 'empty.txt', Buffer.alloc(0), 'text/plain', 400, 'evidence.empty'],
      ['kind=rumour&title=x', 'a.png', png, 'image/png', 400, 'request.invalid'],
      [`kind=physical&title=x&stepEventId=${otherStep}`, 'a.png', png, 'image/png', 404, 'case_evidence.step_not_found'],
    ];
    const before = (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_evidence`))[0]!.n;
    for (const [q, name, data, mime, status, code] of cases) {
      const r = await upload(openCase, 'zhuhang.officer1', q, name, data, mime);
      assert.equal(r.statusCode, status, `${name}: ${r.body}`);
      if (code !== 'request.invalid') assert.equal(r.json().code, code, name);
    }
    assert.equal((await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_evidence`))[0]!.n, before);
  });

  test('view, download and export are logged; a file changed in the store is refused, and the refusal logged', async () => {
    const data = photo('custody');
    const e = (await upload(openCase, 'zhuhang.officer1', 'kind=physical&title=tool', '工具.jpg', data, 'image/jpeg')).json() as Json;
    const detail = (await get(`/api/evidence/${e.id}`, 'zhuhang.leader')).json() as Json;
    assert.deepEqual(detail.custody.map((c: Json) => c.action), ['uploaded', 'viewed']);
    const dl = await get(`/api/evidence/${e.id}/file`, 'zhuhang.aux1');
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, data);
    assert.equal(dl.headers['x-content-sha256'], e.sha256);
    assert.equal((await get(`/api/evidence/${e.id}/file?purpose=export`, 'zhuhang.leader')).statusCode, 200);

    // Someone changes the stored bytes behind the application's back.
    const file = blobPath(path.join(dataDir, 'evidence'), e.sha256);
    const changed = Buffer.from(data);
    changed[changed.length - 4] = changed[changed.length - 4]! ^ 0xff;
    fs.writeFileSync(file, changed);
    const bad = await get(`/api/evidence/${e.id}/file`, 'zhuhang.leader');
    assert.equal(bad.statusCode, 500);
    assert.equal(bad.json().code, 'evidence.corrupted');
    assert.ok(!bad.rawPayload.includes(changed), 'the changed bytes are not served');

    assert.deepEqual(await custody(e.id), ['uploaded', 'viewed', 'downloaded', 'exported', 'hash_mismatch']);
    assert.deepEqual(await audits(e.id), ['case_evidence.uploaded', 'case_evidence.viewed', 'case_evidence.downloaded', 'case_evidence.exported', 'case_evidence.hash_mismatch']);
    const actors = (await t.database.rows<{ actor_name: string }>(sql`select actor_name from case_evidence_custody where evidence_id = ${e.id} order by id`)).map((r) => r.actor_name);
    assert.equal(new Set(actors).size, 3, 'officer, leader and auxiliary each recorded by name');
    // The chain still verifies with the new records in it.
    const verify = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: await t.login('admin') } });
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(verify.json().ok, true);
  });

  test('the custody log is append-only and evidence rows are never deleted (database triggers)', async () => {
    const e = (await upload(openCase, 'zhuhang.officer1', 'kind=documentary&title=doc', 'x.jpg', photo('trigger'), 'image/jpeg')).json() as Json;
    // The database's own message is the cause of the driver's "Failed query" error.
    const refused = (q: ReturnType<typeof sql>, re: RegExp) => assert.rejects(t.database.rows(q), (err: Error & { cause?: Error }) => re.test(err.cause?.message ?? err.message));
    await refused(sql`update case_evidence_custody set actor_name = 'x' where evidence_id = ${e.id}`, /append-only/);
    await refused(sql`delete from case_evidence_custody where evidence_id = ${e.id}`, /append-only/);
    await refused(sql`delete from case_evidence where id = ${e.id}`, /never deleted/);
    await refused(sql`update case_evidence set sha256 = 'x' where id = ${e.id}`, /cannot be changed/);
  });

  test('before the decision evidence may be withdrawn (kept, logged); once decided only superseded with a reason', async () => {
    const w = (await upload(openCase, 'zhuhang.officer1', 'kind=witness&title=w', 'w.jpg', photo('withdraw'), 'image/jpeg')).json() as Json;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/evidence/${w.id}`, headers: { cookie: cookies['zhuhang.officer1']! } });
    assert.equal(del.statusCode, 200, del.body);
    assert.ok(!((await get(`/api/evidence/cases/${openCase}`, 'zhuhang.officer1')).json() as Json).items.some((x: Json) => x.id === w.id));
    assert.deepEqual(await custody(w.id), ['uploaded', 'deleted']);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/evidence/${w.id}`, headers: { cookie: cookies['zhuhang.officer1']! } });
    assert.equal(again.json().code, 'case_evidence.withdrawn');

    const d = (await upload(decidedCase, 'zhuhang.officer1', 'kind=party_statement&title=statement', 's.jpg', photo('decided-1'), 'image/jpeg')).json() as Json;
    assert.equal(((await get(`/api/evidence/cases/${decidedCase}`, 'zhuhang.officer1')).json() as Json).decided, true);
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/evidence/${d.id}`, headers: { cookie: cookies['zhuhang.officer1']! } });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'case_evidence.case_decided');

    const f = multipartFile('file', 's2.jpg', photo('decided-2'), 'image/jpeg');
    const supersede = (q: string) => t.app.inject({ method: 'POST', url: `/api/evidence/${d.id}/supersede?${q}`, headers: { cookie: cookies['zhuhang.officer1']!, ...f.headers }, payload: f.payload });
    assert.equal((await supersede('reason=')).statusCode, 400, 'a reason is required');
    const s = await supersede(`reason=${encodeURIComponent('原照片模糊，重新拍摄')}`);
    assert.equal(s.statusCode, 201, s.body);
    const list = ((await get(`/api/evidence/cases/${decidedCase}`, 'zhuhang.officer1')).json() as Json).items as Json[];
    const old = list.find((x) => x.id === d.id)!;
    assert.deepEqual([old.supersededBy, old.supersededReason], [s.json().id, '原照片模糊，重新拍摄']);
    assert.equal(s.json().kind, 'party_statement');
    assert.deepEqual(await custody(d.id), ['uploaded', 'superseded']);
    assert.deepEqual(await audits(s.json().id), ['case_evidence.uploaded']);
    assert.equal((await supersede('reason=again')).json().code, 'case_evidence.superseded');
  });
});
