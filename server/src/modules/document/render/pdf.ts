/**
 * A filled 文书 (DocumentModel) as a PDF that looks like the paper form: the bureau's header and the title centred,
 * the 文号 right-aligned under the title, the body (label/value rows in a bordered table, paragraphs, ruled blank
 * lines), the signature lines, the seal area (issuer, date, a circle marked （印章）) and 第X页 共Y页 at the foot.
 *
 * pdfmake with Noto Sans CJK, loaded as the meeting report (progress.report.ts) loads it: the same files and faces,
 * pdfmake imported on first use (it takes seconds to load). The font files are read once into pdfmake's virtual
 * file system (not from disk for every document) under a family name of our own, added next to the report's.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces';
import { dateZh } from '../domain/fill';
import type { DocumentModel, SignatureRole, TemplateBlock } from '../domain/template-types';

export const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';
export const CJK_REGULAR = path.join(CJK_FONT_DIR, 'NotoSansCJK-Regular.ttc');
export const CJK_BOLD = path.join(CJK_FONT_DIR, 'NotoSansCJK-Bold.ttc');
/** Our family name (pdfmake's font table is shared with the report, which calls its family NotoSansCJK). */
export const DOC_FONT = 'GuifanDocCJK';

type PdfMake = Awaited<ReturnType<typeof importPdfmake>>;
const importPdfmake = async () => (await import('pdfmake')).default;
interface PdfMakeInternals {
  urlAccessPolicy?: unknown;
  localAccessPolicy?: unknown;
  virtualfs: { existsSync(p: string): boolean; writeFileSync(p: string, b: Buffer): void };
  setLocalAccessPolicy(f: (p: string) => boolean): void;
}

let loaded: Promise<PdfMake> | undefined;

/** A missing font is an installation fault (not an outcome the user can fix): say which package to install. */
export class CjkFontMissingError extends Error {}

/** pdfmake with our CJK family registered: call it right before each createPdf. */
export async function pdfmakeWithFonts(): Promise<PdfMake> {
  loaded ??= (async () => {
    for (const f of [CJK_REGULAR, CJK_BOLD]) {
      if (!fs.existsSync(f)) throw new CjkFontMissingError(`缺少中文字体 ${f}：请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk）`);
    }
    const pdfmake = await importPdfmake();
    const internals = pdfmake as unknown as PdfMakeInternals;
    for (const f of [CJK_REGULAR, CJK_BOLD]) internals.virtualfs.writeFileSync(vfsName(f), await fs.promises.readFile(f));
    return pdfmake;
  })().catch((e: unknown) => {
    loaded = undefined;
    throw e;
  });
  const pdfmake = await loaded;
  const internals = pdfmake as unknown as PdfMakeInternals;
  // Registered afresh before every document: pdfmake replaces the file name in the table it was given by the font's
  // bytes once a document has read them (a second document would then fail on that entry). addFonts makes a new
  // table, so a document still being laid out keeps the one it started with.
  const regular = () => [vfsName(CJK_REGULAR), 'NotoSansCJKsc-Regular'];
  const bold = () => [vfsName(CJK_BOLD), 'NotoSansCJKsc-Bold'];
  pdfmake.addFonts({ [DOC_FONT]: { normal: regular(), bold: bold(), italics: regular(), bolditalics: bold() } } as never);
  // Documents never fetch anything; the policies are the report's (set only if no one has set them yet).
  if (internals.urlAccessPolicy === undefined) pdfmake.setUrlAccessPolicy(() => false);
  if (internals.localAccessPolicy === undefined) internals.setLocalAccessPolicy((p) => p.startsWith(`${CJK_FONT_DIR}/`));
  return pdfmake;
}

const vfsName = (file: string) => `guifan-document-fonts/${path.basename(file)}`;

export const PAGE_MARGINS: [number, number, number, number] = [56, 50, 56, 56];
/** A4 width minus the margins, in points. */
export const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const ROLE_ZH: Record<SignatureRole, string> = { officer: '执法人员', party: '当事人', witness: '见证人', reviewer: '法制审核人员', leader: '负责人' };
/** Words of a role on particular forms (a 送达回证 is signed by the 受送达人 and the 送达人). */
const ROLE_ZH_OF: Partial<Record<DocumentModel['docType'], Partial<Record<SignatureRole, string>>>> = {
  service_receipt: { party: '受送达人', officer: '送达人' },
  hearing_record: { officer: '调查人员' },
  file_note: { officer: '立卷人', leader: '检查人' },
  legal_review_opinion: { reviewer: '审核人' },
  collective_discussion_record: { leader: '主持人' },
};

export const DOC_STYLES: TDocumentDefinitions['styles'] = {
  docHeader: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
  docTitle: { fontSize: 21, bold: true, alignment: 'center', characterSpacing: 2, margin: [0, 0, 0, 6] },
  docNumber: { fontSize: 11, alignment: 'right', margin: [0, 0, 0, 10] },
  docHeading: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
  docLabel: { bold: true },
};

export const pageFooter = (page: number, pages: number): Content => ({ text: `第${page}页 共${pages}页`, alignment: 'center', fontSize: 9, margin: [0, 18, 0, 0] });

const ruledLine = (): Content => ({ canvas: [{ type: 'line', x1: 0, y1: 20, x2: CONTENT_WIDTH, y2: 20, lineWidth: 0.5, lineColor: '#444' }] });

function blockContent(b: TemplateBlock): Content {
  switch (b.kind) {
    case 'heading':
      return { text: b.text, style: 'docHeading' };
    case 'paragraph':
      // A salutation line (王某某：) starts at the margin; other paragraphs are indented two characters.
      return { text: b.text, leadingIndent: b.text.endsWith('：') ? 0 : 24, margin: [0, 2, 0, 4] };
    case 'fields':
      return {
        table: { widths: [130, '*'], body: b.rows.map((r) => [{ text: r.label, style: 'docLabel' }, { text: r.value }]) },
        layout: { hLineWidth: () => 0.7, vLineWidth: () => 0.7, paddingTop: () => 4, paddingBottom: () => 4 },
        margin: [0, 4, 0, 8],
      } satisfies ContentTable;
    case 'blank_lines':
      return { stack: Array.from({ length: b.count }, ruledLine), margin: [0, 0, 0, 8] };
  }
}

/** A civil date, or a signing time (ISO instant) as its day in Asia/Shanghai; blank to write in by hand. */
export function dateOrBlank(iso: string | null): string {
  if (!iso) return '______年____月____日';
  const day = iso.length > 10 ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : iso;
  return dateZh(day);
}

/** The words of one signature line: the name, or 拒绝签名 with the note, and the date. */
export function signatureLine(docType: DocumentModel['docType'], s: DocumentModel['signatures'][number]): { label: string; signed: string; date: string } {
  const label = ROLE_ZH_OF[docType]?.[s.role] ?? ROLE_ZH[s.role];
  const signed = s.refused ? `拒绝签名${s.note ? `（${s.note}）` : ''}` : (s.name ?? '');
  return { label: `${label}（签名）：`, signed, date: dateOrBlank(s.signedAt) };
}

function signaturesContent(m: DocumentModel): Content[] {
  if (m.signatures.length === 0) return [];
  const rows = m.signatures.map((s) => {
    const l = signatureLine(m.docType, s);
    return [
      { text: l.label, noWrap: true },
      // A line to sign on (the name printed above it once the signature is recorded).
      { text: l.signed, border: [false, false, false, true] },
      { text: l.date, noWrap: true, alignment: 'right' as const },
    ];
  });
  return [
    {
      table: { widths: ['auto', '*', 'auto'], body: rows },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 12, defaultBorder: false },
      margin: [0, 14, 0, 0],
      unbreakable: true,
    } as Content,
  ];
}

/** The seal area at the foot, right: a circle marked （印章）, the issuing unit and the date (第五十九条（六）). */
function sealContent(m: DocumentModel): Content[] {
  if (!m.seal) return [];
  const w = 200;
  return [
    {
      columns: [
        { width: '*', text: '' },
        {
          width: w,
          stack: [
            { canvas: [{ type: 'ellipse', x: w / 2, y: 42, r1: 40, r2: 40, lineWidth: 0.8, lineColor: '#b03a2e', dash: { length: 3 } }] },
            { text: '（印章）', alignment: 'center', color: '#b03a2e', relativePosition: { x: 0, y: -50 } },
            { text: m.issuer, alignment: 'center', margin: [0, 6, 0, 2] },
            { text: dateOrBlank(m.date), alignment: 'center' },
          ],
        },
      ],
      margin: [0, 18, 0, 0],
      unbreakable: true,
    } as Content,
  ];
}

/** The content of one document (used alone, and inside a 卷宗 where each document starts on a new page). */
export function documentContent(m: DocumentModel): Content[] {
  return [
    ...(m.header ? [{ text: m.header, style: 'docHeader' } as Content] : []),
    { text: m.title, style: 'docTitle' },
    ...(m.number ? [{ text: m.number, style: 'docNumber' } as Content] : [{ text: '', margin: [0, 0, 0, 6] } as Content]),
    ...m.body.map(blockContent),
    ...signaturesContent(m),
    ...sealContent(m),
  ];
}

export const baseDefinition = (title: string): Omit<TDocumentDefinitions, 'content'> => ({
  pageSize: 'A4',
  pageMargins: PAGE_MARGINS,
  info: { title, creator: 'guifan' },
  defaultStyle: { font: DOC_FONT, fontSize: 11, lineHeight: 1.35 },
  styles: DOC_STYLES,
  footer: pageFooter,
});

export async function renderDocumentPdf(m: DocumentModel): Promise<Buffer> {
  const pdfmake = await pdfmakeWithFonts();
  return pdfmake.createPdf({ ...baseDefinition(m.title), content: documentContent(m) }).getBuffer();
}
