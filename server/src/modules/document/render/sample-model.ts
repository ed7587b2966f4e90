/** A filled 行政处罚决定书 with every kind of block and signature, for the renderers' tests and the 卷宗 benchmark. */
import type { DocumentModel } from '../domain/template-types';

export function sampleModel(over: Partial<DocumentModel> = {}): DocumentModel {
  return {
    docType: 'penalty_decision',
    header: '南通市崇川区城市管理局',
    title: '行政处罚决定书',
    number: '通崇城管罚决字〔2026〕第0007号',
    body: [
    { kind: 'fields', rows: [{ label: '当事人', value: '王某某' }, { label: '住址（地址）', value: '崇川区和平桥路12号' }] },
      { kind: 'heading', text: '一、违法事实和证据' },
      { kind: 'paragraph', text: '经查，当事人于2026年11月2日在和平桥路12号擅自占用城市道路经营。' },
      { kind: 'blank_lines', count: 3 },
    ],
    signatures: [
      // 17:00 UTC on 30 November is 1 December in Shanghai: the date printed must be the Shanghai day.
      { role: 'officer', name: '李明', signedAt: '2026-11-30T17:00:00.000Z', refused: false, note: null },
      { role: 'party', name: null, signedAt: '2026-12-01', refused: true, note: '当事人拒绝签名，已录像' },
      { role: 'witness', name: null, signedAt: null, refused: false, note: null },
    ],
    seal: true,
    issuer: '南通市崇川区城市管理局',
    date: '2026-12-01',
    ...over,
  };
}

