import { loadExcel, readSheets } from '../../platform/excel';
import type { ViolationItemData } from './domain/item';
import { COLUMNS, INFO_SHEET, ITEMS_SHEET, itemToCells, parseItemRows, type Cell, type ParsedItems } from './domain/workbook-rows';

export interface WorkbookInfo {
  label: string;
  status: string;
  effectiveFrom: string;
  note: string | null;
  isDemo: boolean;
}

const INSTRUCTIONS =
  '每行一个违法行为。编码在本版本内唯一。适用对象填 个人、个体工商户、单位（多个用顿号分隔）；处罚种类填 警告、罚款、没收、责令停产停业、责令关闭。' +
  '罚款方式：金额（法定罚款上下限与各档次以“元”填写，最多两位小数）、倍数（以基数的“%”填写，最多一位小数，并在“倍数基数”写明基数，如建设工程造价）、未规定（法律未规定金额，上下限留空）。' +
  '轻微、一般、较重、严重四档须依次递增、互不重叠（相邻档可共用边界），且在法定范围之内；无罚款的违法行为各档下限、上限填 0。' +
  '法律依据只引用法律法规原文，并注明版本日期（YYYY-MM-DD）与条款。导入的工作簿生成新的草稿版本，任何一处错误都不导入。';

/** Writes a version (or the empty template) as the documented workbook: sheet 说明 and sheet 违法行为. */
export async function writeViolationWorkbook(info: WorkbookInfo | null, items: readonly ViolationItemData[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'guifan';
  const meta = wb.addWorksheet(INFO_SHEET);
  meta.columns = [{ width: 16 }, { width: 100 }];
  meta.addRows([
    ['版本', info?.label ?? ''],
    ['状态', info?.status ?? ''],
    ['生效日期', info?.effectiveFrom ?? ''],
    ['说明', info ? `${info.note ?? ''}${info.isDemo ? '（演示数据：裁量档次为演示，须按本局裁量基准替换）' : ''}` : ''],
    [],
    ['填写说明', INSTRUCTIONS],
  ]);
  meta.getColumn(1).font = { bold: true };
  meta.getCell('B6').alignment = { wrapText: true, vertical: 'top' };
  const sheet = wb.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const item of items) sheet.addRow(itemToCells(item).map((c) => (c === null || c === undefined ? '' : c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export class MissingSheetError extends Error {
  constructor(
    readonly sheet: string,
    readonly sheets: readonly string[],
  ) {
    super(`sheet "${sheet}" not found (sheets: ${sheets.join(', ') || 'none'})`);
  }
}

/**
 * Reads an uploaded workbook through the shared bounded reader (zip checked first, exceljs in a worker with a
 * capped heap); throws AppError `import.not_xlsx` / `import.too_large`, or MissingSheetError.
 */
export async function readViolationWorkbook(buf: Buffer): Promise<ParsedItems> {
  const read = await readSheets(buf, [{ name: ITEMS_SHEET, minWidth: COLUMNS.length }]);
  const sheet = read.sheets.get(ITEMS_SHEET);
  if (!sheet) throw new MissingSheetError(ITEMS_SHEET, read.names);
  const header: Cell[] = [...(sheet[0] ?? [])];
  while (header.length && (header[header.length - 1] === null || header[header.length - 1] === '')) header.pop();
  return parseItemRows(header, sheet.slice(1));
}
