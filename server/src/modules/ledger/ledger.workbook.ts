import { loadExcel, readSheets, WorkbookError } from '../../platform/excel';

export { WorkbookError };
import { LEDGER_SHEETS, formatCell, type Cell, type Value } from './domain/workbook-rows';
import type { Ledger } from './domain/ledger-kinds';

/** The template's sheet is not in the file; the import report names it and the sheets the file has. */
export class MissingSheetError extends WorkbookError {
  constructor(
    readonly sheet: string,
    readonly sheets: readonly string[],
  ) {
    super(`sheet "${sheet}" not found (sheets: ${sheets.join(', ') || 'none'})`);
  }
}

export const INFO_SHEET = '说明';



/** Writes a ledger sheet (template when `records` is empty) plus a 说明 sheet with the allowed values. */
export async function writeLedgerWorkbook(ledger: Ledger, records: readonly Record<string, Value>[], extra: { title: string; notes: string[] }): Promise<Buffer> {
  const def = LEDGER_SHEETS[ledger];
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'guifan';
  const sheet = wb.addWorksheet(def.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = def.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of records) sheet.addRow(def.columns.map((c) => formatCell(c, r[c.key])));
  const info = wb.addWorksheet(INFO_SHEET);
  info.columns = [{ width: 18 }, { width: 90 }];
  info.addRow([extra.title]).font = { bold: true };
  for (const n of extra.notes) info.addRow(['', n]);
  info.addRow([]);
  info.addRow(['列', '填写说明']).font = { bold: true };
  for (const c of def.columns) {
    const parts = [c.required ? '必填' : '选填'];
    if (c.type === 'enum' && c.labels) parts.push(`取值：${Object.values(c.labels).join(' / ')}`);
    if (c.type === 'bool') parts.push('是 / 否');
    if (c.type === 'date') parts.push('日期 YYYY-MM-DD');
    if (c.type === 'number' || c.type === 'int') parts.push(`数字${c.min !== undefined ? ` ≥ ${c.min}` : ''}`);
    if (c.hint) parts.push(c.hint);
    info.addRow([c.header, parts.join('；')]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the ledger's sheet (bounded and off the request thread, see readSheets); throws AppError
 * `import.not_xlsx` / `import.too_large`, or WorkbookError when the sheet is missing.
 */
export async function readLedgerWorkbook(ledger: Ledger, buf: Buffer): Promise<{ header: Cell[]; rows: Cell[][] }> {
  const def = LEDGER_SHEETS[ledger];
  const read = await readSheets(buf, [{ name: def.sheet, minWidth: def.columns.length }]);
  const sheet = read.sheets.get(def.sheet);
  if (!sheet) throw new MissingSheetError(def.sheet, read.names);
  const header: Cell[] = [...(sheet[0] ?? [])];
  while (header.length && (header[header.length - 1] === null || header[header.length - 1] === '')) header.pop();
  return { header, rows: sheet.slice(1) };
}
