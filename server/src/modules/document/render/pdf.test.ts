import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDocumentPdf } from './pdf';
import { pdfPageTexts } from './pdf-text';
import { sampleModel } from './sample-model';

test('a 文书 PDF parses and carries header, title, 文号, body, signatures, seal and 第X页 共Y页', async () => {
  const pdf = await renderDocumentPdf(sampleModel());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = pdfPageTexts(pdf);
  assert.equal(pages.length, 1);
  const text = pages[0]!;
  for (const s of ['南通市崇川区城市管理局', '行政处罚决定书', '通崇城管罚决字〔2026〕第0007号', '当事人王某某', '一、违法事实和证据', '擅自占用城市道路经营', '执法人员（签名）：李明2026年12月1日', '拒绝签名（当事人拒绝签名，已录像）', '见证人（签名）：______年____月____日', '（印章）', '2026年12月1日', '第1页 共1页']) {
    assert.ok(text.includes(s), `missing ${s} in ${text}`);
  }
  // The order of the form: header, title, number, body, signatures, seal.
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('行政处罚决定书') < at('第0007号') && at('第0007号') < at('当事人王某某') && at('擅自占用') < at('执法人员（签名）') && at('执法人员（签名）') < at('（印章）'));
});

test('a long 笔录 runs over pages, each numbered; no seal and no 文号 when the model has none', async () => {
  const body = Array.from({ length: 40 }, (_, i) => ({ kind: 'paragraph' as const, text: `问：第${i + 1}个问题，请如实回答。答：这是第${i + 1}个回答，内容较长，用于检验换页以后页码是否正确。` }));
  const pdf = await renderDocumentPdf(sampleModel({ docType: 'inquiry_record', title: '询问笔录', number: null, seal: false, body, signatures: [{ role: 'party', name: null, signedAt: null, refused: false, note: null }] }));
  const pages = pdfPageTexts(pdf);
  assert.ok(pages.length >= 2, String(pages.length));
  pages.forEach((p, i) => assert.ok(p.includes(`第${i + 1}页 共${pages.length}页`), `page ${i + 1}: ${p.slice(-40)}`));
  const all = pages.join('');
  assert.ok(all.includes('第40个回答'));
  assert.ok(!all.includes('（印章）'));
  assert.ok(!all.includes('文字〔'));
});
