/**
 * The 卷宗 (case file) as one PDF: 案卷封面, 卷内目录 with page numbers, the 文书 in the order given (the archive module
 * orders them), the evidence photos (with caption, time taken and SHA-256), and the 备考表 last.
 *
 * One layout pass: the page numbers printed in the 卷内目录 (and the page total on the cover and the 备考表) are
 * pdfmake page references to the sections' first and last nodes, resolved when the pages are drawn; the index returned
 * to the caller comes from the same layout (pdfmake's pageBreakBefore hook sees every node with its pages and is
 * asked only to observe). A second pass would double the time of a 40-page file for nothing.
 */
import crypto from 'node:crypto';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { dateZh } from '../domain/fill';
import type { DocumentModel } from '../domain/template-types';
import { baseDefinition, CONTENT_WIDTH, documentContent, pdfmakeWithFonts } from './pdf';

export interface DossierInput {
  cover: {
    caseNo: string | null;
    party: string | null;
    cause: string | null;
    unit: string;
    filedOn: string | null;
    closedOn: string | null;
    archivedOn: string | null;
    /** 保管期限 as printed (永久 / 30年 …). */
    retention: string;
    /** The 行政机关 printed above 行政处罚案卷 (optional). */
    bureau?: string | null | undefined;
  };
  /** Filled 文书 in the order of the 卷宗 (no 卷内目录 or 备考表: those are drawn here). */
  documents: DocumentModel[];
  /** JPEG or PNG photos in order. */
  photos: { data: Buffer; caption: string; takenAt: string | null; sha256: string }[];
  note: {
    evidenceCount: number;
    photoCount: number;
    archivedByName: string | null;
    archivedOn: string | null;
    checkerName?: string | null | undefined;
    checkedOn?: string | null | undefined;
    /** Anything the filer adds to 本卷情况说明. */
    remark?: string | null | undefined;
  };
}

export interface DossierIndexEntry {
  title: string;
  number: string | null;
  fromPage: number;
  toPage: number;
}

export interface DossierOutput {
  pdf: Buffer;
  pageCount: number;
  index: DossierIndexEntry[];
}

export const PHOTO_SECTION_TITLE = '证据照片';
export const NOTE_TITLE = '备考表';
const END_ID = 'dossier-end';

const blankDate = (d: string | null | undefined) => (d ? dateZh(d) : '______年____月____日');
const orBlank = (s: string | null | undefined) => (s && s.trim() ? s : '________');

/**
 * A 1-point invisible line opening or closing a section: its page is the section's first or last (pdfmake resolves a
 * page reference to a text node, not to a stack).
 */
const marker = (id: string): Content => ({ text: '\u200b', id, fontSize: 1, lineHeight: 1, color: '#ffffff' });

function imageKind(b: Buffer): 'jpeg' | 'png' | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
}

export class UnsupportedPhotoError extends Error {
  constructor(readonly sha256: string) {
    super(`photo ${sha256} is neither JPEG nor PNG`);
  }
}

/**
 * 共 N 页 with N a page reference: laid out at a placeholder's width, so it sits centred in a fixed blank between 共
 * and 页 (inline, it would leave a gap before 页).
 */
const pageTotal = (): Content =>
  ({
    columns: [
      { width: 'auto', text: '共' },
      { width: 36, pageReference: END_ID, alignment: 'center' },
      { width: 'auto', text: '页' },
    ],
    columnGap: 2,
  }) as Content;

interface Section {
  id: string;
  title: string;
  number: string | null;
  date: string | null;
  content: Content[];
}

export async function renderDossierPdf(input: DossierInput): Promise<DossierOutput> {
  for (const p of input.photos) if (!imageKind(p.data)) throw new UnsupportedPhotoError(p.sha256);
  const pdfmake = await pdfmakeWithFonts();
  // The photos go to pdfmake through its virtual file system under names of this render: as data URLs they would be
  // base64-encoded, lower-cased whole by pdfmake's URL check and decoded again (about a third of the time of a file
  // with 30 photos). Each is embedded once, a JPEG as it is (no re-encoding). The names are removed afterwards.
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(p: string, b: Buffer): void; storage: Record<string, unknown> } }).virtualfs;
  const run = `dossier-${crypto.randomUUID()}`;
  const images: Record<string, string> = {};
  input.photos.forEach((p, i) => {
    images[`photo-${i}`] = `${run}/photo-${i}`;
    vfs.writeFileSync(`${run}/photo-${i}`, p.data);
  });

  const sections: Section[] = input.documents.map((m, i) => ({ id: `sec-doc-${i}`, title: m.title, number: m.number, date: m.date, content: documentContent(m) }));
  if (input.photos.length) {
    const photoBlocks: Content[] = input.photos.map((p, i) => ({
      unbreakable: true,
      margin: [0, 0, 0, 14],
      stack: [
        { image: `photo-${i}`, fit: [CONTENT_WIDTH, 250], alignment: 'center', margin: [0, 0, 0, 4] },
        {
          table: {
            widths: [70, '*'],
            body: [
              [{ text: '照片说明', bold: true }, `${i + 1}. ${p.caption}`],
              [{ text: '拍摄时间', bold: true }, p.takenAt ?? '（照片未记录拍摄时间）'],
              [{ text: 'SHA-256', bold: true }, { text: p.sha256, fontSize: 8 }],
            ],
          },
          fontSize: 9,
        },
      ],
    }));
    sections.push({ id: 'sec-photos', title: PHOTO_SECTION_TITLE, number: null, date: null, content: [{ text: PHOTO_SECTION_TITLE, style: 'docTitle' }, ...photoBlocks] });
  }
  const n = input.note;
  sections.push({
    id: 'sec-note',
    title: NOTE_TITLE,
    number: null,
    date: n.archivedOn,
    content: [
      { text: NOTE_TITLE, style: 'docTitle', margin: [0, 0, 0, 14] },
      {
        table: {
          widths: [90, '*'],
          heights: (row: number) => (row === 0 ? 200 : 28),
          body: [
            [
              { text: '本卷情况说明', bold: true },
              {
                text: `本卷共有文书材料${input.documents.length}件，证据${n.evidenceCount}件（其中照片${n.photoCount}张，附卷${input.photos.length}张）。${n.remark ? `\n${n.remark}` : ''}`,
              },
            ],
            [{ text: '全卷页数', bold: true }, pageTotal()],
            [{ text: '立卷人', bold: true }, orBlank(n.archivedByName)],
            [{ text: '立卷时间', bold: true }, blankDate(n.archivedOn)],
            [{ text: '检查人', bold: true }, orBlank(n.checkerName)],
            [{ text: '检查时间', bold: true }, blankDate(n.checkedOn)],
          ],
        },
      },
      marker(END_ID),
    ],
  });

  const c = input.cover;
  const cover: Content[] = [
    ...(c.bureau ? [{ text: c.bureau, fontSize: 18, bold: true, alignment: 'center', margin: [0, 90, 0, 10] } as Content] : [{ text: '', margin: [0, 120, 0, 0] } as Content]),
    { text: '行政处罚案卷', fontSize: 30, bold: true, alignment: 'center', characterSpacing: 6, margin: [0, 0, 0, 50] },
    {
      table: {
        widths: [110, '*'],
        body: (
          [
            ['案　　号', orBlank(c.caseNo)],
            ['当 事 人', orBlank(c.party)],
            ['案　　由', orBlank(c.cause)],
            ['承办单位', c.unit],
            ['立案日期', blankDate(c.filedOn)],
            ['结案日期', blankDate(c.closedOn)],
            ['归档日期', blankDate(c.archivedOn)],
            ['保管期限', c.retention],
          ] as [string, string][]
        )
          .map(([k, v]): Content[] => [{ text: k, bold: true, fontSize: 13 }, { text: v, fontSize: 13 }])
          .concat([[{ text: '本卷页数', bold: true, fontSize: 13 }, { ...(pageTotal() as object), fontSize: 13 } as Content]]),
      },
      layout: { hLineWidth: () => 0.8, vLineWidth: () => 0.8, paddingTop: () => 8, paddingBottom: () => 8 },
      margin: [30, 0, 30, 0],
    },
  ];

  // Two page references in one text resolve only the first (pdfmake 0.3): first page, dash and last page are columns,
  // the first page right-aligned and the last left-aligned against the dash (a reference is laid out at the width of
  // a placeholder and drawn at its alignment).
  const pageCell = (s: Section): Content =>
    ({
      columns: [
        { width: '*', pageReference: s.id, alignment: 'right' },
        { width: 'auto', text: '–' },
        { width: '*', pageReference: `${s.id}-end`, alignment: 'left' },
      ],
      columnGap: 1,
    }) as Content;
  const indexPage: Content[] = [
    { text: '卷内目录', style: 'docTitle', margin: [0, 0, 0, 12] },
    {
      table: {
        headerRows: 1,
        widths: [28, 150, '*', 78, 56],
        body: [
          ['序号', '文号', '题名', '日期', '页号'].map((h) => ({ text: h, bold: true, alignment: 'center' as const, fillColor: '#f0f0f0' })),
          ...sections.map((s, i) => [{ text: String(i + 1), alignment: 'center' as const }, { text: s.number ?? '', fontSize: 9 }, s.title, { text: s.date ? dateZh(s.date) : '', fontSize: 9 }, pageCell(s)]),
        ],
      },
      layout: { hLineWidth: () => 0.7, vLineWidth: () => 0.7, paddingTop: () => 5, paddingBottom: () => 5 },
    },
  ];

  const content: Content[] = [
    { stack: cover },
    { stack: indexPage, pageBreak: 'before' },
    // Each section starts on a new page with a marker `<id>` and ends with a marker `<id>-end`.
    ...sections.map((s): Content => ({ stack: [marker(s.id), ...s.content, marker(`${s.id}-end`)], pageBreak: 'before' })),
  ];

  const pages = new Map<string, { from: number; to: number }>();
  const observe = (node: { id?: string; pageNumbers?: number[] }) => {
    if (node.id && node.pageNumbers?.length) pages.set(node.id, { from: Math.min(...node.pageNumbers), to: Math.max(...node.pageNumbers) });
    return false;
  };
  const definition: TDocumentDefinitions = {
    ...baseDefinition(`卷宗 ${c.caseNo ?? ''}`.trim()),
    images,
    content,
    pageBreakBefore: observe as TDocumentDefinitions['pageBreakBefore'],
  };
  let pdf: Buffer;
  try {
    pdf = await pdfmake.createPdf(definition).getBuffer();
  } finally {
    for (const name of Object.values(images)) delete vfs.storage[name];
  }
  const pageCount = pages.get(END_ID)?.to ?? 0;
  const index = sections.map((s) => {
    const from = pages.get(s.id)?.from;
    const to = pages.get(`${s.id}-end`)?.to;
    if (from === undefined || to === undefined) throw new Error(`the layout did not place section ${s.id}`);
    return { title: s.title, number: s.number, fromPage: from, toPage: to };
  });
  return { pdf, pageCount, index };
}
