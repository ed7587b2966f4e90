import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { renderDocumentDocx } from './docx';
import { sampleModel } from './sample-model';

/** The visible text of a WordprocessingML part (runs concatenated). */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

test('a 文书 DOCX is a valid zip whose document.xml carries title, 文号, body, signatures and seal; the footer numbers pages', async () => {
  const docx = await renderDocumentDocx(sampleModel());
  assert.equal(docx.subarray(0, 2).toString(), 'PK');
  const zip = await JSZip.loadAsync(docx);
  for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']) assert.ok(zip.file(part), part);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = textOf(xml);
  for (const s of ['南通市崇川区城市管理局', '行政处罚决定书', '通崇城管罚决字〔2026〕第0007号', '当事人', '王某某', '一、违法事实和证据', '擅自占用城市道路经营', '执法人员（签名）：', '李明', '拒绝签名（当事人拒绝签名，已录像）', '（印章）', '2026年12月1日']) {
    assert.ok(text.includes(s), `missing ${s}`);
  }
  assert.ok(text.indexOf('行政处罚决定书') < text.indexOf('第0007号') && text.indexOf('第0007号') < text.indexOf('擅自占用'));
  assert.match(xml, /<w:jc w:val="right"\/>[\s\S]*第0007号/, 'the 文号 is right-aligned');
  const footerName = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f));
  assert.ok(footerName, 'a footer part');
  const footer = await zip.file(footerName)!.async('string');
  assert.match(footer, /PAGE/);
  assert.match(footer, /NUMPAGES/);
  assert.ok(textOf(footer).includes('第') && textOf(footer).includes('页 共'));
});

test('a DOCX without 文号 or seal has neither', async () => {
  const zip = await JSZip.loadAsync(await renderDocumentDocx(sampleModel({ number: null, seal: false, title: '询问笔录', docType: 'inquiry_record' })));
  const text = textOf(await zip.file('word/document.xml')!.async('string'));
  assert.ok(text.includes('询问笔录'));
  assert.ok(!text.includes('第0007号'));
  assert.ok(!text.includes('（印章）'));
});
