/**
 * A filled 文书 (DocumentModel) as a Word document (the `docx` package), laid out like the paper form and like the
 * PDF of pdf.ts: header and title centred, 文号 right-aligned, label/value rows in a bordered table, paragraphs with a
 * two-character indent, ruled blank lines, signature lines, the seal area (a box marked （印章）, the issuer and the
 * date) and 第X页 共Y页 in the footer (Word fields, so the numbers stay right after an officer edits the text).
 */
import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild, type IBorderOptions } from 'docx';
import type { DocumentModel, TemplateBlock } from '../domain/template-types';
import { dateOrBlank, signatureLine } from './pdf';

/** 宋体 for Chinese (every Chinese Word installation has it), Times New Roman for Latin letters and digits. */
const FONT = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
/** Half-points: 小四 (12 pt) body, 小二 (18 pt) title, 三号 (16 pt) header. */
const SIZE = { body: 24, title: 36, header: 32, number: 22 };
/** Twips: A4 width 11906 minus 1.8 cm margins each side. */
const MARGIN = 1020;
const CONTENT_TWIPS = 11906 - 2 * MARGIN;

const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const allBorders = { top: line, bottom: line, left: line, right: line };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

const run = (text: string, opts: { bold?: boolean; size?: number; color?: string } = {}) => new TextRun({ text, bold: opts.bold, size: opts.size ?? SIZE.body, color: opts.color, font: FONT });

function blockChildren(b: TemplateBlock): FileChild[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 160, after: 80 }, children: [run(b.text, { bold: true })] })];
    case 'paragraph':
      // A salutation line (王某某：) starts at the margin; other paragraphs are indented two characters.
      return [new Paragraph({ indent: b.text.endsWith('：') ? undefined : { firstLine: 480 }, spacing: { after: 80, line: 360 }, children: [run(b.text)] })];
    case 'fields':
      return [
        new Table({
          width: { size: CONTENT_TWIPS, type: WidthType.DXA },
          columnWidths: [2600, CONTENT_TWIPS - 2600],
          borders: { ...allBorders, insideHorizontal: line, insideVertical: line },
          rows: b.rows.map(
            (r) =>
              new TableRow({
                children: [
                  new TableCell({ width: { size: 2600, type: WidthType.DXA }, children: [new Paragraph({ children: [run(r.label, { bold: true })] })] }),
                  new TableCell({ width: { size: CONTENT_TWIPS - 2600, type: WidthType.DXA }, children: [new Paragraph({ children: [run(r.value)] })] }),
                ],
              }),
          ),
        }),
        new Paragraph({ children: [] }),
      ];
    case 'blank_lines':
      return Array.from({ length: b.count }, () => new Paragraph({ spacing: { before: 200 }, border: { bottom: { ...line, size: 4, space: 1 } }, children: [] }));
  }
}

function signatureChildren(m: DocumentModel): FileChild[] {
  if (m.signatures.length === 0) return [];
  return [
    new Paragraph({ children: [] }),
    new Table({
      width: { size: CONTENT_TWIPS, type: WidthType.DXA },
      columnWidths: [2600, CONTENT_TWIPS - 2600 - 3000, 3000],
      borders: noBorders,
      rows: m.signatures.map((s) => {
        const l = signatureLine(m.docType, s);
        return new TableRow({
          children: [
            new TableCell({ borders: noBorders, children: [new Paragraph({ spacing: { before: 200 }, children: [run(l.label)] })] }),
            // The line to sign on.
            new TableCell({ borders: { ...noBorders, bottom: line }, children: [new Paragraph({ spacing: { before: 200 }, children: [run(l.signed)] })] }),
            new TableCell({ borders: noBorders, children: [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 200 }, children: [run(l.date)] })] }),
          ],
        });
      }),
    }),
  ];
}

function sealChildren(m: DocumentModel): FileChild[] {
  if (!m.seal) return [];
  const red = 'B03A2E';
  return [
    new Paragraph({ children: [] }),
    new Table({
      alignment: AlignmentType.RIGHT,
      width: { size: 1700, type: WidthType.DXA },
      columnWidths: [1700],
      borders: { top: { ...line, color: red }, bottom: { ...line, color: red }, left: { ...line, color: red }, right: { ...line, color: red } },
      rows: [new TableRow({ height: { value: 1500, rule: 'atLeast' }, children: [new TableCell({ verticalAlign: 'center', children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('（印章）', { color: red })] })] })] })],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 120 }, children: [run(m.issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(dateOrBlank(m.date))] }),
  ];
}

export async function renderDocumentDocx(m: DocumentModel): Promise<Buffer> {
  const children: FileChild[] = [
    ...(m.header ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(m.header, { bold: true, size: SIZE.header })] })] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(m.title, { bold: true, size: SIZE.title })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 200 }, children: m.number ? [run(m.number, { size: SIZE.number })] : [] }),
    ...m.body.flatMap(blockChildren),
    ...signatureChildren(m),
    ...sealChildren(m),
  ];
  const doc = new Document({
    creator: 'guifan',
    title: m.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: MARGIN, right: MARGIN } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: 18, children: ['第', PageNumber.CURRENT, '页 共', PageNumber.TOTAL_PAGES, '页'] })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
