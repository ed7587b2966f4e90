import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { renderDossierPdf, UnsupportedPhotoError, type DossierInput } from './archive-pdf';
import { pdfPageTexts } from './pdf-text';
import { encodeJpeg, streetPhoto } from './jpeg-fixture';
import { sampleModel } from './sample-model';

/** A small real PNG (RGB, no filter) built by hand: the 卷宗 takes PNG photos as well as JPEG. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const t = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(t));
    return Buffer.concat([len, t, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([x % 256, y % 256, 128], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function input(): DossierInput {
  const long = sampleModel({
    docType: 'inquiry_record',
    title: '询问笔录',
    number: null,
    seal: false,
    body: Array.from({ length: 45 }, (_, i) => ({ kind: 'paragraph' as const, text: `问：第${i + 1}个问题？答：第${i + 1}个回答，内容较长，用来让笔录跨越多页，以检验卷内目录的起止页号。` })),
  });
  const photos = [encodeJpeg(streetPhoto(320, 240, 1), 320, 240), png(200, 150), encodeJpeg(streetPhoto(400, 300, 2), 400, 300)];
  return {
    cover: { caseNo: '竹行城管罚〔2026〕0003号', party: '竹行张记小吃（演示）', cause: '擅自占用城市道路经营', unit: '竹行街道综合执法队', filedOn: '2026-02-04', closedOn: '2026-03-20', archivedOn: '2026-03-25', retention: '30年', bureau: '南通市城市管理局' },
    documents: [sampleModel({ docType: 'filing_approval', title: '立案审批表', number: '竹行城管立审字〔2026〕第0001号', date: '2026-02-04' }), long, sampleModel()],
    photos: photos.map((data, i) => ({ data, caption: `现场照片${i + 1}：占道摊位`, takenAt: `2026-02-03 10:0${i}`, sha256: sha(data) })),
    note: { evidenceCount: 5, photoCount: 3, archivedByName: '李明', archivedOn: '2026-03-25' },
  };
}

test('卷宗: cover, 卷内目录, documents in order, photos, 备考表 last; the index pages are where the titles are', async () => {
  const inp = input();
  const out = await renderDossierPdf(inp);
  const pages = pdfPageTexts(out.pdf);
  assert.equal(out.pageCount, pages.length);
  assert.deepEqual(out.index.map((e) => e.title), ['立案审批表', '询问笔录', '行政处罚决定书', '证据照片', '备考表']);
  assert.deepEqual(out.index.map((e) => e.number), ['竹行城管立审字〔2026〕第0001号', null, '通崇城管罚决字〔2026〕第0007号', null, null]);
  // Cover on page 1, 卷内目录 on page 2, then the sections one after the other, each from a new page.
  assert.ok(pages[0]!.includes('行政处罚案卷') && pages[0]!.includes('竹行城管罚〔2026〕0003号') && pages[0]!.includes('30年'));
  assert.ok(pages[0]!.includes(`共${pages.length}页`), 'the cover states the page total');
  assert.ok(pages[1]!.startsWith('卷内目录'));
  assert.equal(out.index[0]!.fromPage, 3);
  out.index.forEach((e, i) => {
    assert.ok(e.fromPage <= e.toPage, JSON.stringify(e));
    if (i > 0) assert.equal(e.fromPage, out.index[i - 1]!.toPage + 1, `${e.title} follows ${out.index[i - 1]!.title}`);
    // The page the index names carries the section's title, the page before it does not (it ends the section before).
    const first = pages[e.fromPage - 1]!;
    assert.ok(first.includes(e.title), `${e.title} is not on page ${e.fromPage}: ${first.slice(0, 60)}`);
    assert.ok(!pages[e.fromPage - 2]!.includes(e.title) || e.fromPage - 2 === 1, `${e.title} already on page ${e.fromPage - 1}`);
    assert.ok(pages[1]!.includes(`${e.fromPage}–${e.toPage}`), `the 卷内目录 prints ${e.fromPage}–${e.toPage} for ${e.title}`);
  });
  const inquiry = out.index[1]!;
  assert.ok(inquiry.toPage > inquiry.fromPage, 'the long 笔录 spans pages');
  assert.ok(pages[inquiry.toPage - 1]!.includes('第45个回答'), 'its last page is where it ends');
  assert.equal(out.index.at(-1)!.toPage, pages.length, '备考表 is last');
  // Photos: each with its caption, time and SHA-256 within the photo section.
  const photoText = pages.slice(out.index[3]!.fromPage - 1, out.index[3]!.toPage).join('');
  for (const p of inp.photos) for (const s of [p.caption, p.takenAt!, p.sha256]) assert.ok(photoText.includes(s), s);
  assert.equal((out.pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length, 3, 'each photo embedded once');
  const note = pages.at(-1)!;
  for (const s of ['备考表', '本卷情况说明', '立卷人', '李明', '检查人', '2026年3月25日', `全卷页数共${pages.length}页`, '本卷共有文书材料3件，证据5件（其中照片3张，附卷3张）。']) assert.ok(note.includes(s), s);
  pages.forEach((p, i) => assert.ok(p.includes(`第${i + 1}页 共${pages.length}页`), `footer of page ${i + 1}`));
});

test('卷宗 without photos has no photo section; a photo that is neither JPEG nor PNG is refused', async () => {
  const out = await renderDossierPdf({ ...input(), photos: [] });
  assert.deepEqual(out.index.map((e) => e.title), ['立案审批表', '询问笔录', '行政处罚决定书', '备考表']);
  await assert.rejects(renderDossierPdf({ ...input(), photos: [{ data: Buffer.from('GIF89a...'), caption: 'x', takenAt: null, sha256: 'abc' }] }), UnsupportedPhotoError);
});
