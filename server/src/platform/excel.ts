import type ExcelJS from 'exceljs';

let excel: typeof import('exceljs') | undefined;

/** exceljs takes most of a second to load: it is loaded on first use, not at server start. */
export async function loadExcel(): Promise<typeof import('exceljs')> {
  excel ??= (await import('exceljs')).default;
  return excel;
}

/** A workbook that cannot be read as the expected template (not .xlsx, missing sheet …); the message says why. */
export class WorkbookError extends Error {}

export type PlainCell = string | number | boolean | Date | null;

/** exceljs cell values can be rich text, formulas, hyperlinks: reduce each to a plain value. */
export function plainCell(v: ExcelJS.CellValue): PlainCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainCell((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return `#${String((v as { error: unknown }).error)}`;
  }
  return String(v);
}
