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
import { encodeJpeg, streetPhoto } from '../src/modules/document/render/jpeg-fixture';
import { pdfPageTexts } from '../src/modules/document/render/pdf-text';
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
  type Inject = Promise<{ statusCode: number; body: string; json(): Json }>;
  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object): Inject => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Inject, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  /** Makes every document the required-document check still lists complete (number, signatures, service), as 归档 needs. */
  async function complete(caseId: string, stage: 'close' | 'archive', o1: string, o2: string) {
    const officer = cookies['zhuhang.officer1']!;
    const d = await ok(req('GET', `/api/documents/cases/${caseId}`, officer));
    for (const m of d.check[stage] as Json[]) {
      const it = d.items.find((i: Json) => i.docType === m.docType && i.ref === '');
      if (it.numbered && !it.number) await ok(req('POST', '/api/documents/numbers', officer, { caseId, docType: m.docType }), 201);
      const signed = new Set(it.signatures.filter((s: Json) => s.current && s.role === 'officer').map((s: Json) => s.personId));
      for (const need of it.missingSigners as Json[]) {
        for (let k = 0; k < need.count; k++) {
          if (need.role === 'officer') {
            const p = [o1, o2].find((o) => !signed.has(o))!;
            signed.add(p);
            await ok(req('POST', '/api/documents/signatures', officer, { caseId, docType: m.docType, role: 'officer', personId: p }), 201);
          } else await ok(req('POST', '/api/documents/signatures', need.role === 'party' ? officer : cookies['zhuhang.leader']!, { caseId, docType: m.docType, role: need.role, ...(need.role === 'party' ? {} : { name: `${need.role}-${k}` }) }), 201);
        }
      }
      if (it.served && !it.services.some((s: Json) => s.current)) await ok(req('POST', '/api/documents/services', officer, { caseId, docType: m.docType, method: 'direct' }), 201);
    }
    assert.deepEqual((await ok(req('GET', `/api/documents/cases/${caseId}`, officer))).check[stage], []);
  }
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

  test('卷宗 preview of a case not archived: a PDF with its cover, 卷内目录 and 备考表, composed now', async () => {
    const jpeg = encodeJpeg(streetPhoto(96, 64, 7), 96, 64);
    assert.equal((await upload(openCase, 'zhuhang.officer1', `kind=scene_record&title=${encodeURIComponent('占道现场')}`, 'scene.jpg', jpeg, 'image/jpeg')).statusCode, 201);
    const r = await get(`/api/archive/cases/${openCase}/dossier.pdf`, 'zhuhang.aux1');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.headers['x-archived-copy'], 'false');
    assert.equal(r.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(r.headers['x-content-sha256'], sha(r.rawPayload));
    const text = pdfPageTexts(r.rawPayload).join('');
    for (const words of ['卷内目录', '备考表', '占道现场']) assert.ok(text.includes(words), words);
  });

  test('归档 keeps the 卷宗 PDF and the evidence manifest by SHA-256 with the 保管期限; the archived copy is what is served', async () => {
    const team = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${team} and status = 'active' and kind = 'officer' order by name limit 2`);
    const [o1, o2] = persons.map((p) => p.id) as [string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2035-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2})`);
    const officer = cookies['zhuhang.officer1']!;
    const leader = cookies['zhuhang.leader']!;
    const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const items = (await ok(req('GET', '/api/violation/items?limit=200', leader))).items as Json[];
    const v = items.find((i) => i.statutory?.kinds?.includes('fine') && i.bands?.some((b: Json) => b.fineMin <= 100_00))!;
    const band = v.bands.find((b: Json) => b.fineMin <= 100_00);
    const c = await ok(req('POST', '/api/cases/simple', officer, { actDate: today, actPlace: '竹行街道人民路 9 号', summary: '乱张贴（归档测试）', party: { kind: 'individual', name: '赵六' }, violation: { code: v.code, band: band.level }, penalty: { kinds: ['fine'], fineFen: Math.max(band.fineMin, 1) }, paidOnSpot: true, officerIds: [o1, o2] }), 201);
    const photo1 = encodeJpeg(streetPhoto(120, 80, 11), 120, 80);
    const first = (await upload(c.id, 'zhuhang.officer1', `kind=scene_record&title=${encodeURIComponent('张贴现场')}`, 'p1.jpg', encodeJpeg(streetPhoto(120, 80, 12), 120, 80), 'image/jpeg')).json() as Json;
    assert.equal((await supersede(first.id, 'zhuhang.officer1', '角度不全', 'p1b.jpg', photo1, 'image/jpeg')).statusCode, 201);

    await complete(c.id, 'close', o1, o2);
    const act = async (action: string) => {
      const cur = await ok(req('GET', `/api/cases/${c.id}`, leader));
      return req('POST', `/api/cases/${c.id}/actions/${action}`, leader, { version: cur.version, officerIds: [o1, o2] });
    };
    assert.equal((await ok(act('close'))).state, 'closed');
    await complete(c.id, 'archive', o1, o2);
    // A file changed behind the system's back refuses the 归档: nothing is sealed that does not match its hash.
    const stored = blobPath(path.join(dataDir, 'evidence'), first.sha256);
    const original = fs.readFileSync(stored);
    fs.writeFileSync(stored, Buffer.concat([original, Buffer.from('x')]));
    const refused = await act('archive');
    assert.equal(refused.statusCode, 500, refused.body);
    assert.equal(refused.json().code, 'evidence.hash_mismatch');
    assert.deepEqual(refused.json().details.files.map((f: Json) => [f.evidenceId, f.problem]), [[first.id, 'changed']]);
    assert.equal((await ok(req('GET', `/api/cases/${c.id}`, leader))).state, 'closed');
    assert.equal((await t.database.rows<{ n: number }>(sql`select count(*)::int as n from case_archive where case_id = ${c.id}`))[0]!.n, 0);
    fs.writeFileSync(stored, original);
    assert.equal((await ok(act('archive'))).state, 'archived');

    const view = await ok(req('GET', `/api/archive/cases/${c.id}`, cookies['zhuhang.aux1']!));
    const rec = view.record as Json;
    assert.ok(rec, 'the archive record');
    assert.deepEqual([rec.archivedOn, rec.retention.years, rec.retention.source, rec.retention.note, rec.retention.keepUntil], [today, 30, 'local_default', '本地默认值，待本局确认', `${Number(today.slice(0, 4)) + 30}-12-31`]);
    assert.equal(rec.evidenceCount, 2, 'current and superseded');
    assert.ok(rec.pdfPages >= 4, `pages ${rec.pdfPages}`);
    const starts = (rec.index as Json[]).map((x) => x.fromPage);
    assert.deepEqual([...starts].sort((a, b) => a - b), starts, 'the 卷内目录 runs in page order');
    assert.ok((rec.index as Json[]).some((x) => x.number && String(x.number).includes('〔')), 'the decision with its 文号');

    const pdf = await get(`/api/archive/cases/${c.id}/dossier.pdf`, 'zhuhang.aux1');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['x-archived-copy'], 'true');
    assert.equal(sha(pdf.rawPayload), rec.pdfSha256, 'the kept copy, byte for byte');
    assert.equal(pdf.rawPayload.length, rec.pdfBytes);
    const text = pdfPageTexts(pdf.rawPayload).join('');
    for (const words of ['卷内目录', '备考表', '张贴现场', '30年']) assert.ok(text.includes(words), words);

    const zip = await get(`/api/archive/cases/${c.id}/evidence.zip`, 'zhuhang.leader');
    assert.equal(zip.statusCode, 200, zip.body);
    const files = await unzip(zip.rawPayload);
    assert.equal(sha(files.get('manifest.json')!), rec.manifestSha256, 'the manifest kept at 归档');
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Json;
    assert.deepEqual(manifest.files.map((f: Json) => f.status), ['superseded', 'current']);
    for (const f of manifest.files as Json[]) assert.equal(sha(files.get(f.path)!), f.sha256);

    const audit = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_record where action = 'case_archive.record' and entity_id = ${c.id}`);
    assert.equal(audit[0]!.n, 1);
    await assert.rejects(t.database.rows(sql`update case_archive set retention_years = 10 where case_id = ${c.id}`), (e: unknown) => /cannot be changed/.test(String((e as { cause?: unknown }).cause ?? e)));
    await assert.rejects(t.database.rows(sql`delete from case_archive where case_id = ${c.id}`), (e: unknown) => /cannot be changed/.test(String((e as { cause?: unknown }).cause ?? e)));
    const late = await upload(c.id, 'zhuhang.officer1', 'kind=physical&title=x', 'late.jpg', photo('late-archived'), 'image/jpeg');
    assert.equal(late.json().code, 'case.archived');
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
