import { loadExcel, readSheets, type PlainCell } from '../../platform/excel';
import { COLUMNS, FALLBACK_SHEET, INFO_SHEET, MAPPING_SHEET, ORDERS_SHEET, REPLY_COLUMNS, type HotlineIssue } from './domain/hotline-rows';

/** The guifan categories listed in the template, for whoever fills 诉求类别 or 类别对照. */
export const CATEGORY_SHEET = '规范类别';

const INSTRUCTIONS =
  '每行一张 12345 工单。按表头名称识别列，列的顺序不限，多出的列不导入。必填：工单编号、来电时间、诉求类别、诉求内容、事发地址。' +
  '来电时间、办理时限填北京时间（YYYY-MM-DD HH:MM，或 Excel 日期）；办理时限只填日期时按当天 23:59:59。' +
  '诉求类别按“类别对照”表换成规范类别，未对照的按规范类别的编码或名称（也可写“大类/小类”）识别。' +
  '经纬度填“经度,纬度”（WGS-84），可不填：不填的工单交市级受理台派遣。联系电话只对办理单位和受理台可见。' +
  '导入前先预览：任何一行有错误，整个文件都不导入。工单编号已导入过的行不再新建（重复导入同一文件不产生新工单）。' +
  '导出时另填 办理状态、办理结果、回复时间、办理单位、满意度 五列；导出的文件可原样再导入。';

export interface ExportRow {
  orderNo: string;
  calledAt: string;
  category: string;
  description: string;
  address: string;
  coordinates: string;
  contactName: string;
  contactPhone: string;
  deadline: string;
  state: string;
  result: string;
  repliedAt: string;
  unit: string;
  satisfaction: string;
}

/** The template (no orders) or an export (orders with their reply columns), with the guifan categories listed. */
export async function writeHotlineWorkbook(categories: readonly { code: string; name: string; bigClass: string }[], rows: readonly ExportRow[] | null): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'guifan';
  const info = wb.addWorksheet(INFO_SHEET);
  info.columns = [{ width: 12 }, { width: 110 }];
  info.addRows([['模板', '12345 工单导入 / 办理结果导出'], ['填写说明', INSTRUCTIONS]]);
  info.getColumn(1).font = { bold: true };
  info.getCell('B2').alignment = { wrapText: true, vertical: 'top' };
  const columns = rows ? [...COLUMNS, ...REPLY_COLUMNS] : COLUMNS;
  const sheet = wb.addWorksheet(ORDERS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Times are written as text in Beijing time, so that a re-import reads exactly what was exported.
  for (const r of rows ?? []) sheet.addRow(columns.map((c) => r[c.key]));
  const mapping = wb.addWorksheet(MAPPING_SHEET);
  mapping.columns = [
    { header: '12345类别', width: 20 },
    { header: '规范类别', width: 20 },
  ];
  mapping.getRow(1).font = { bold: true };
  const list = wb.addWorksheet(CATEGORY_SHEET);
  list.columns = [
    { header: '编码', width: 10 },
    { header: '名称', width: 20 },
    { header: '大类', width: 14 },
  ];
  list.getRow(1).font = { bold: true };
  for (const c of categories) list.addRow([c.code, c.name, c.bigClass]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface HotlineSheets {
  /** The orders sheet's name as found (12345工单, else Sheet1), with its rows; null when neither is there. */
  orders: { name: string; rows: PlainCell[][] } | null;
  mapping: PlainCell[][] | null;
  names: string[];
}

/** Reads an upload through the shared bounded reader (zip checked first, exceljs in the worker); AppError import.* on a bad file. */
export async function readHotlineWorkbook(buf: Buffer): Promise<HotlineSheets> {
  const width = COLUMNS.length + REPLY_COLUMNS.length;
  const read = await readSheets(buf, [
    { name: ORDERS_SHEET, minWidth: width },
    { name: FALLBACK_SHEET, minWidth: width },
    { name: MAPPING_SHEET, minWidth: 2 },
  ]);
  const own = read.sheets.get(ORDERS_SHEET);
  const plain = read.sheets.get(FALLBACK_SHEET);
  return {
    orders: own ? { name: ORDERS_SHEET, rows: own } : plain ? { name: FALLBACK_SHEET, rows: plain } : null,
    mapping: read.sheets.get(MAPPING_SHEET)?.slice(1) ?? null,
    names: read.names,
  };
}

export const sheetMissing = (names: readonly string[]): HotlineIssue => ({
  sheet: ORDERS_SHEET,
  row: 0,
  column: '',
  orderNo: '',
  code: 'sheet_missing',
  message: `the workbook has no sheet "${ORDERS_SHEET}" (sheets: ${names.join(', ') || 'none'})`,
  params: { sheet: ORDERS_SHEET, sheets: names.join('、') },
});
