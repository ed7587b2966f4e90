import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { blobPath } from '../src/platform/blob-store';
import { asc, gpsOf, jpegWithExif, tiff } from '../src/modules/evidence/domain/exif-fixtures';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('卷宗 archive: evidence ZIP with manifest, 保管期限, the archive record, read-only once archived', () => {
  let t: TestContext;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-archive-'));
  const cookies: Record<string, string> = {};
  let openCase: string;

  const get = (url: string, user: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  const upload = (caseId: string, user: string, query: string, name: string, data: Buffer, mime: string) => {
    // A second between uploads: the ZIP numbers files in upload order.
    t.clock.advance(1000);
    const f = multipartFile('file', name, data, mime);
    return t.app.inject({ method: 'POST', url: `/api/evidence/cases/${caseId}?${query}`, headers: { cookie: cookies[user]!, ...f.headers }, payload: f.payload });
  };
  const supersede = (id: string, user: string, reason: string, name: string, data: Buffer, mime: string) => {
    t.clock.advance(1000);
    const f = multipartFile('file', name, data, mime);
    return t.app.inject({ method: 'POST', url: `/api/evidence/${id}/supersede?reason=${encodeURIComponent(reason)}`, headers: { cookie: cookies[user]!, ...f.headers }, payload: f.payload });
  };
  const custody = async (id: string) => (await t.database.rows<{ action: string }>(sql`select action from case_evidence_custody where evidence_id = ${id} order by id`)).map((r) => r.action);
  /** A small JPEG with a unique body (content-addressed uploads of different tests never share a file). */
  const photo = (label: string) => Buffer.concat([jpegWithExif(tiff(true, [asc(0x0132, '2026:03:05 14:20:31')], null, gpsOf(true))).subarray(0, -2), Buffer.from(label), Buffer.from([0xff, 0xd9])]);
  const unzip = async (body: Buffer) => {
    const zip = await JSZip.loadAsync(body);
    const files = new Map<string, Buffer>();
    for (const [name, f] of Object.entries(zip.files)) if (!f.dir) files.set(name, await f.async('nodebuffer'));
    return files;
  };

  before(async () => {
    t = await createTestContext({ config: { dataDir } });
    for (const u of ['zhuhang.officer1', 'zhuhang.leader', 'zhuhang.aux1', 'xinkai.leader', 'bureau']) cookies[u] = await t.login(u);
    const team = await t.unitId(UNITS.zhuhang);
    openCase = (await t.database.rows<{ id: string }>(sql`select id from enforcement_case where org_unit_id = ${team} and decided_on is null and state in ('investigating', 'investigated', 'notified') order by id limit 1`))[0]!.id;
  });
  after(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('evidence ZIP: every file by kind (superseded kept), manifest.json and 清单.csv with SHA-256, each export in the custody log', async () => {
    const p1 = photo('zip-1');
    const p2 = photo('zip-2');
    const p3 = photo('zip-3');
    const text = Buffer.from('询问记录 全文\n');
    const a = (await upload(openCase, 'zhuhang.officer1', `kind=scene_record&title=${encodeURIComponent('现场照片')}`, '现场.jpg', p1, 'image/jpeg')).json() as Json;
    const b = (await upload(openCase, 'zhuhang.officer1', `kind=documentary&title=${encodeURIComponent('营业执照')}`, 'licence.jpg', p2, 'image/jpeg')).json() as Json;
    const c = (await upload(openCase, 'zhuhang.officer1', `kind=party_statement&title=${encodeURIComponent('陈述')}`, '陈述.txt', text, 'text/plain')).json() as Json;
    const s = await supersede(b.id, 'zhuhang.officer1', '原图模糊', 'licence.jpg', p3, 'image/jpeg');
    assert.equal(s.statusCode, 201, s.body);
    const b2 = s.json() as Json;

    const r = await get(`/api/archive/cases/${openCase}/evidence.zip`, 'zhuhang.aux1');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/zip');
    assert.match(String(r.headers['content-disposition']), /^attachment; filename\*=UTF-8''/);
    const files = await unzip(r.rawPayload);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Json;
    assert.equal(sha(files.get('manifest.json')!), r.headers['x-manifest-sha256']);
    assert.equal(manifest.hashAlgorithm, 'SHA-256');
    const mine = manifest.files.filter((f: Json) => [a.id, b.id, b2.id, c.id].includes(f.evidenceId));
    assert.deepEqual(
      mine.map((f: Json) => [f.evidenceId, f.status, f.path.split('/')[0]]),
      [
        [a.id, 'current', '08-现场笔录'],
        [b.id, 'superseded', '01-书证'],
        [c.id, 'current', '06-当事人的陈述'],
        [b2.id, 'current', '01-书证'],
      ],
    );
    // Every file in the ZIP is there with the bytes its manifest hash names, and nothing else is.
    for (const f of manifest.files as Json[]) assert.equal(sha(files.get(f.path)!), f.sha256, f.path);
    assert.deepEqual([...files.keys()].sort(), [...manifest.files.map((f: Json) => f.path), 'manifest.json', '清单.csv'].sort());
    assert.deepEqual(files.get(mine.find((f: Json) => f.evidenceId === b.id).path), p2);
    assert.equal(mine.find((f: Json) => f.evidenceId === b.id).supersededReason, '原图模糊');

    const csv = files.get('清单.csv')!;
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, manifest.files.length + 1);
    assert.ok(lines.some((l) => l.includes(sha(p2)) && l.includes('已替换') && l.includes('原图模糊')));

    for (const e of [a, b, b2, c]) assert.equal((await custody(e.id)).filter((x) => x === 'exported').length, 1, e.id);
    const audits = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = 'case_evidence.exported' and entity_id in (${a.id}, ${b.id}, ${b2.id}, ${c.id})`);
    assert.equal(audits[0]!.n, 4);
  });

  test('a changed file refuses the whole ZIP before anything is sent; the refusal is in the custody log', async () => {
    const p = photo('zip-bad');
    const e = (await upload(openCase, 'zhuhang.officer1', 'kind=physical&title=tool', 'tool.jpg', p, 'image/jpeg')).json() as Json;
    const changed = Buffer.from(p);
    changed[changed.length - 4] = changed[changed.length - 4]! ^ 0xff;
    fs.writeFileSync(blobPath(path.join(dataDir, 'evidence'), e.sha256), changed);
    const before = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_evidence_custody where action = 'exported'`);
    const r = await get(`/api/archive/cases/${openCase}/evidence.zip`, 'zhuhang.leader');
    assert.equal(r.statusCode, 500);
    assert.equal(r.headers['content-type']?.toString().startsWith('application/json'), true);
    const body = r.json() as Json;
    assert.equal(body.code, 'evidence.hash_mismatch');
    assert.deepEqual(body.details.files.map((f: Json) => [f.evidenceId, f.problem]), [[e.id, 'changed']]);
    assert.deepEqual(await custody(e.id), ['uploaded', 'hash_mismatch']);
    const afterN = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_evidence_custody where action = 'exported'`);
    assert.equal(afterN[0]!.n, before[0]!.n, 'nothing was exported');
    fs.writeFileSync(blobPath(path.join(dataDir, 'evidence'), e.sha256), p);
  });

  test('scope: another team sees neither the ZIP nor the 卷宗; the view names the legal order with its source', async () => {
    for (const url of [`/api/archive/cases/${openCase}/evidence.zip`, `/api/archive/cases/${openCase}/dossier.pdf`, `/api/archive/cases/${openCase}`]) {
      const r = await get(url, 'xinkai.leader');
      assert.equal(r.statusCode, 404, url);
      assert.equal(r.json().code, 'case.not_found');
    }
    const v = (await get(`/api/archive/cases/${openCase}`, 'zhuhang.aux1')).json() as Json;
    assert.equal(v.archived, false);
    assert.equal(v.record, null);
    assert.deepEqual(v.order.stages.map((s: Json) => s.name), ['立案', '调查取证', '告知/听证', '审核/讨论', '决定', '送达', '执行', '结案']);
    assert.deepEqual([v.order.source.law, v.order.source.article], ['行政处罚法', '第四十七条']);
    assert.equal(v.retention.source, 'local_default');
    assert.equal(v.retention.note, '本地默认值，待本局确认');
    assert.ok(v.evidence.current >= 3 && v.evidence.superseded >= 1);
  });

  test('an archived case is read-only: evidence upload and supersede, clip linking, numbering, signing and service refused (409)', async () => {
    const team = await t.unitId(UNITS.zhuhang);
    const archived = (await t.database.rows<{ id: string }>(sql`select id from enforcement_case where org_unit_id = ${team} and state = 'archived' order by id limit 1`))[0]!.id;
    const step = Number((await t.database.rows<{ id: number }>(sql`select id from case_event where case_id = ${archived} order by id desc limit 1`))[0]!.id);
    // Evidence recorded before the case was archived (written here directly: the demo cases carry none).
    const oldId = crypto.randomUUID();
    await t.database.db.execute(
      sql`insert into case_evidence (id, case_id, org_unit_id, kind, title, sha256, file_name, mime_type, size_bytes, uploaded_by_name, uploaded_at) values (${oldId}, ${archived}, ${team}, 'physical', '旧证据', ${'0'.repeat(64)}, 'old.jpg', 'image/jpeg', 1, '演示', now())`,
    );
    const evidenceBefore = (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_evidence where case_id = ${archived}`))[0]!.n;
    const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies['zhuhang.leader']! }, payload: body as Json });
    const refusals: [string, Promise<{ statusCode: number; json(): Json; body: string }>, string][] = [
      ['evidence upload', upload(archived, 'zhuhang.leader', 'kind=physical&title=x', 'late.jpg', photo('late'), 'image/jpeg'), 'case.archived'],
      ['evidence supersede', supersede(oldId, 'zhuhang.leader', '补拍', 'late2.jpg', photo('late-2'), 'image/jpeg'), 'case.archived'],
      ['clip auto-link', post(`/api/evidence/cases/${archived}/steps/${step}/clips/auto`, undefined), 'case.archived'],
      ['clip link', post(`/api/evidence/cases/${archived}/steps/${step}/clips`, { clipId: crypto.randomUUID() }), 'case.archived'],
      ['文号', post('/api/documents/numbers', { caseId: archived, docType: 'rectification_order', ref: 'late' }), 'document.case_closed'],
      ['signing', post('/api/documents/signatures', { caseId: archived, docType: 'inquiry_record', role: 'party', name: '张三' }), 'document.case_closed'],
      ['service', post('/api/documents/services', { caseId: archived, docType: 'rectification_order', method: 'direct', recipient: '张三' }), 'document.case_closed'],
    ];
    for (const [what, request, code] of refusals) {
      const r = await request;
      assert.equal(r.statusCode, 409, `${what}: ${r.body}`);
      assert.equal(r.json().code, code, what);
    }
    assert.equal((await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_evidence where case_id = ${archived}`))[0]!.n, evidenceBefore, 'nothing was added');
  });

  test('保管期限: the local default until the bureau sets one; the nearest unit up the tree applies; only legal.manage sets it', async () => {
    const team = await t.unitId(UNITS.zhuhang);
    const root = (await t.database.rows<{ id: string }>(sql`select id from org_unit where parent_id is null order by id limit 1`))[0]!.id;
    const put = (unit: string, user: string, body: unknown) => t.app.inject({ method: 'PUT', url: `/api/archive/retention/${unit}`, headers: { cookie: cookies[user]! }, payload: body as Json });
    assert.equal((await put(team, 'zhuhang.leader', { years: 10, note: 'x' })).statusCode, 403);
    const bad = await put(root, 'bureau', { years: 15, note: '局规定' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'archive.retention_invalid');
    const ok = await put(root, 'bureau', { years: null, note: '局档案管理办法' });
    assert.equal(ok.statusCode, 200, ok.body);
    const mine = (await get(`/api/archive/retention/${team}`, 'zhuhang.leader')).json() as Json;
    assert.deepEqual([mine.inForce.years, mine.inForce.label, mine.inForce.source, mine.inForce.note, mine.own], [null, '永久', 'policy', '局档案管理办法', null]);
    const audit = await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_id = ${root} and action = 'archive_retention.set'`);
    assert.equal(audit.length, 1);
    assert.equal((await get(`/api/archive/retention/${root}`, 'xinkai.leader')).statusCode, 404);
  });
});
