import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_ACTIONS } from '../../case';
import { DOCUMENT_TYPES } from '../../document';
import { DOSSIER_STAGES, LOCAL_PRACTICE, documentsOf, orderDocuments, orderPhotos, stageOfAction } from './order';
import { KIND_FOLDERS, buildManifest, csvCell, manifestBytes, manifestCsv, safeFileName, zipEntries, type EvidenceForZip } from './manifest';
import { embeddablePhoto } from './photo';
import { DEFAULT_RETENTION_YEARS, RETENTION_DEFAULT_NOTE, keepUntil, resolveRetention, retentionIssue } from './retention';

test('order: every 文书 type is in exactly one stage or is a framing sheet; every case step in exactly one stage', () => {
  const placed = DOSSIER_STAGES.flatMap((s) => s.docTypes as readonly string[]);
  assert.equal(new Set(placed).size, placed.length, 'no type in two stages');
  for (const t of DOCUMENT_TYPES) assert.equal(placed.includes(t.code) !== (LOCAL_PRACTICE as readonly string[]).includes(t.code), true, t.code);
  const steps = DOSSIER_STAGES.flatMap((s) => s.actions as readonly string[]);
  assert.equal(new Set(steps).size, steps.length, 'no step in two stages');
  for (const a of [...CASE_ACTIONS, 'create_lead', 'simple_decide']) assert.ok(steps.includes(a), a);
  assert.deepEqual(
    DOSSIER_STAGES.map((s) => s.name),
    ['立案', '调查取证', '告知/听证', '审核/讨论', '决定', '送达', '执行', '结案'],
  );
});

test('order: documents by stage, then by the stage\'s own order, then by seq; frame and unknown types left out', () => {
  const docs = [
    { docType: 'closing_report', seq: 1 },
    { docType: 'service_receipt', seq: 2 },
    { docType: 'penalty_decision', seq: 1 },
    { docType: 'inquiry_record', seq: 2 },
    { docType: 'file_index', seq: 1 },
    { docType: 'inquiry_record', seq: 1 },
    { docType: 'service_receipt', seq: 1 },
    { docType: 'inspection_record', seq: 1 },
    { docType: 'legal_review_opinion', seq: 1 },
    { docType: 'penalty_notice', seq: 1 },
    { docType: 'filing_approval', seq: 1 },
    { docType: 'payment_demand', seq: 1 },
    { docType: 'file_note', seq: 1 },
    { docType: 'no_such_type', seq: 1 },
  ];
  assert.deepEqual(
    orderDocuments(docs).map((d) => `${d.docType}#${d.seq}`),
    ['filing_approval#1', 'inspection_record#1', 'inquiry_record#1', 'inquiry_record#2', 'penalty_notice#1', 'legal_review_opinion#1', 'penalty_decision#1', 'service_receipt#1', 'service_receipt#2', 'payment_demand#1', 'closing_report#1'],
  );
  assert.deepEqual(orderDocuments([]), []);
});

test('order: photos by the stage of their step, then by time; evidence of the whole case files with 调查取证', () => {
  const cases: [string | null, string][] = [
    ['approve_filing', '立案'],
    ['seize', '调查取证'],
    [null, '调查取证'],
    ['no_such_step', '调查取证'],
    ['hold_hearing', '告知/听证'],
    ['serve', '送达'],
    ['record_payment', '执行'],
  ];
  for (const [action, stage] of cases) assert.equal(stageOfAction(action).name, stage, String(action));
  const photos = [
    { id: 'c', stepAction: 'serve', at: '2026-03-01T10:00:00Z' },
    { id: 'b', stepAction: null, at: '2026-03-02T10:00:00Z' },
    { id: 'a', stepAction: 'seize', at: '2026-03-01T10:00:00Z' },
    { id: 'z', stepAction: 'check', at: '2026-03-05T10:00:00Z' },
  ];
  assert.deepEqual(orderPhotos(photos).map((p) => p.id), ['z', 'a', 'b', 'c']);
});

test('documents of a 卷宗: issued 文号 as they are, unnumbered types once their step is reached', () => {
  const numbers = [
    { docType: 'filing_approval', ref: '', number: 'A1' },
    { docType: 'penalty_decision', ref: '', number: 'D1' },
  ];
  const cases: [string, string[], string[]][] = [
    ['a lead: nothing without a number', ['create_lead', 'check'], ['filing_approval', 'penalty_decision']],
    ['filed: the 笔录 of any step', ['create_lead', 'check', 'approve_filing'], ['filing_approval', 'penalty_decision', 'inspection_record', 'inquiry_record']],
    [
      'a full general case',
      ['approve_filing', 'seize', 'close_investigation', 'notify', 'hold_hearing', 'collective_discussion', 'decide', 'serve', 'close', 'archive'],
      ['filing_approval', 'penalty_decision', 'inspection_record', 'inquiry_record', 'seizure_list', 'hearing_record', 'investigation_report', 'collective_discussion_record', 'service_receipt', 'closing_report'],
    ],
    ['simple procedure', ['simple_decide', 'file_record'], ['filing_approval', 'penalty_decision', 'inspection_record', 'inquiry_record', 'service_receipt']],
  ];
  for (const [name, actions, types] of cases) assert.deepEqual(documentsOf(actions, numbers).map((d) => d.docType), types, name);
  assert.deepEqual(documentsOf(['decide'], [])[0], { docType: 'service_receipt', ref: '', number: null });
});

const ev = (over: Partial<EvidenceForZip>): EvidenceForZip => ({
  id: 'e1',
  kind: 'documentary',
  title: '营业执照',
  fileName: 'a.jpg',
  mimeType: 'image/jpeg',
  sizeBytes: 10,
  sha256: 'a'.repeat(64),
  uploadedByName: '王明',
  uploadedAt: '2026-03-01T01:00:00.000Z',
  supersededBy: null,
  supersededReason: null,
  deletedAt: null,
  ...over,
});

test('zip entries: folder per kind, numbered in upload order, superseded marked, withdrawn left out, no collisions', () => {
  const entries = zipEntries([
    ev({ id: 'e3', kind: 'scene_record', fileName: 'p.jpg', uploadedAt: '2026-03-01T03:00:00.000Z' }),
    ev({ id: 'e2', fileName: 'a.jpg', uploadedAt: '2026-03-01T02:00:00.000Z' }),
    ev({ id: 'e1', fileName: 'a.jpg', supersededBy: 'e2', supersededReason: '模糊', uploadedAt: '2026-03-01T01:00:00.000Z' }),
    ev({ id: 'e4', fileName: 'x.pdf', deletedAt: '2026-03-02T00:00:00.000Z' }),
    ev({ id: 'e5', kind: 'inspection_record', fileName: '../../etc/passwd', uploadedAt: '2026-03-01T04:00:00.000Z' }),
    ev({ id: 'e6', kind: 'mystery', fileName: 'm.txt', uploadedAt: '2026-03-01T05:00:00.000Z' }),
  ]);
  assert.deepEqual(
    entries.map((e) => [e.evidenceId, e.path, e.status]),
    [
      ['e1', '01-书证/01-已替换-a.jpg', 'superseded'],
      ['e2', '01-书证/02-a.jpg', 'current'],
      ['e3', '08-现场笔录/01-p.jpg', 'current'],
      ['e5', '08-勘验笔录/01-__.._etc_passwd', 'current'],
      ['e6', '09-其他/01-m.txt', 'current'],
    ],
  );
  assert.equal(new Set(entries.map((e) => e.path)).size, entries.length);
  assert.equal(Object.keys(KIND_FOLDERS).length, 9);
});

test('safe file names', () => {
  const cases: [string, string][] = [
    ['现场照片.jpg', '现场照片.jpg'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['..', '_'],
    ['.hidden', '_hidden'],
    ['', 'file'],
    ['  ', 'file'],
    ['tab\there', 'tab_here'],
    ['x'.repeat(300), 'x'.repeat(120)],
  ];
  for (const [input, out] of cases) assert.equal(safeFileName(input), out, JSON.stringify(input));
});

test('manifest: totals, stable bytes; CSV with BOM, CRLF, quoting and formula guard', () => {
  const entries = zipEntries([ev({ title: '说明,含"引号"', sizeBytes: 7 }), ev({ id: 'e2', kind: 'physical', title: '=HYPERLINK("x")', sizeBytes: 5, uploadedAt: '2026-03-02T00:00:00.000Z' })]);
  const m = buildManifest({ caseId: 'c1', caseNo: '通崇城管立字〔2026〕第0001号', unitName: '演示队' }, entries, '2026-04-01T00:00:00.000Z');
  assert.equal(m.fileCount, 2);
  assert.equal(m.totalBytes, 12);
  assert.deepEqual(manifestBytes(m), manifestBytes(JSON.parse(manifestBytes(m).toString('utf8'))));
  const csv = manifestCsv(entries);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[0], '文件,证据种类,说明,原文件名,大小(字节),SHA-256,上传人,上传时间,状态,替换原因');
  assert.equal(lines[1], `01-书证/01-a.jpg,书证,"说明,含""引号""",a.jpg,7,${'a'.repeat(64)},王明,2026-03-01T01:00:00.000Z,有效,`);
  assert.ok(lines[2]!.includes(`,"'=HYPERLINK(""x"")",`), lines[2]);
  assert.equal(lines[3], '');
  const cells: [string | number | null, string][] = [
    [null, ''],
    [12, '12'],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['a\nb', '"a\nb"'],
  ];
  for (const [v, out] of cells) assert.equal(csvCell(v), out);
});

test('retention: nearest policy up the tree, else the local default marked; keep-until counted from the next year', () => {
  const policies = [
    { unitPath: '/r/', years: null, note: '局档案制度' },
    { unitPath: '/r/d/', years: 10, note: '区局规定' },
  ];
  const cases: [string, string, { years: number | null; source: string; keepUntil: string | null; label: string }][] = [
    ['/r/d/t/', '2026-05-01', { years: 10, source: 'policy', keepUntil: '2036-12-31', label: '10年' }],
    ['/r/x/', '2026-05-01', { years: null, source: 'policy', keepUntil: null, label: '永久' }],
    ['/other/', '2026-12-31', { years: 30, source: 'local_default', keepUntil: '2056-12-31', label: '30年' }],
  ];
  for (const [path, on, want] of cases) {
    const r = resolveRetention(path, on, policies);
    assert.deepEqual({ years: r.years, source: r.source, keepUntil: r.keepUntil, label: r.label }, want, path);
  }
  assert.equal(resolveRetention('/x/', '2026-01-01', []).note, RETENTION_DEFAULT_NOTE);
  assert.equal(DEFAULT_RETENTION_YEARS, 30);
  assert.equal(keepUntil('2026-01-01', null), null);
  assert.equal(retentionIssue(10), null);
  assert.equal(retentionIssue(null), null);
  assert.match(retentionIssue(15)!, /retention must be one of/);
});

test('photos the 卷宗 can draw: a JPEG with a frame, a PNG with its header; signatures alone are not enough', () => {
  // SOI, an APP0 segment, a baseline frame (8 bits, 8 × 16, one component), the scan.
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]);
  const zeroJpeg = Buffer.from(jpeg);
  zeroJpeg.writeUInt16BE(0, 13);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 8);
  ihdr.write('IHDR', 12, 'latin1');
  ihdr.writeUInt32BE(4, 16);
  ihdr.writeUInt32BE(3, 20);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr.subarray(8)]);
  const zeroPng = Buffer.from(png);
  zeroPng.writeUInt32BE(0, 16);
  const cases: [string, Buffer, boolean][] = [
    ['a real JPEG', jpeg, true],
    ['a JPEG cut before its frame', jpeg.subarray(0, 10), false],
    ['a JPEG of zero height', zeroJpeg, false],
    ['a scan before any frame', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]), false],
    ['JPEG markers and nothing else', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), false],
    ['a JPEG whose segment length runs past the end', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 0x01]), false],
    ['a PNG header', png, true],
    ['a PNG of zero width', zeroPng, false],
    ['a PNG signature alone', png.subarray(0, 8), false],
    ['a PDF', Buffer.from('%PDF-1.7'), false],
    ['empty', Buffer.alloc(0), false],
  ];
  for (const [name, b, ok] of cases) assert.equal(embeddablePhoto(b), ok, name);
});
