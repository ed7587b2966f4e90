import { loadExcel, readSheets, WorkbookError } from '../../platform/excel';

export { WorkbookError };
import { orderTree, type CatalogNodeData } from './domain/tree';
import { CATALOG_SHEET, COLUMNS, INFO_SHEET, nodeToCells, parseCatalogRows, type Cell, type ParsedRows } from './domain/workbook-rows';

/** The template's sheet is not in the file; the import report names it and the sheets the file has. */
export class MissingSheetError extends WorkbookError {
  constructor(
    readonly sheet: string,
    readonly sheets: readonly string[],
  ) {
    super(`sheet "${sheet}" not found (sheets: ${sheets.join(', ') || 'none'})`);
  }
}

export interface WorkbookInfo {
  standardCode: string;
  standardName: string;
  issuer: string;
  versionLabel: string;
  status: string;
  note: string | null;
}

/** Writes a version as the documented template: sheet 说明 (metadata and instructions) and sheet 目录. */
export async function writeCatalogWorkbook(info: WorkbookInfo, nodes: readonly CatalogNodeData[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'guifan';
  const meta = wb.addWorksheet(INFO_SHEET);
  meta.columns = [{ width: 16 }, { width: 80 }];
  meta.addRows([
    ['标准编码', info.standardCode],
    ['标准名称', info.standardName],
    ['发布机关', info.issuer],
    ['版本', info.versionLabel],
    ['状态', info.status],
    ['说明', info.note ?? ''],
    [],
    ['填写说明', `每行一个节点。编码唯一；上级编码为空表示顶层（方面）；末级节点为评分项，须填分值与评分方式（${'是否 / 分级 / 计算'}）；计算项须填计算规则；一票否决填 是/否；适用层级填 部门/执法队/全部。`],
  ]);
  meta.getColumn(1).font = { bold: true };
  const sheet = wb.addWorksheet(CATALOG_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const { node, depth } of orderTree(nodes)) {
    const row = sheet.addRow(nodeToCells(node, depth).map((c) => (c === null || c === undefined ? '' : c)));
    if (depth < 2) row.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}



export interface ReadWorkbook extends ParsedRows {
  info: Partial<Record<'标准编码' | '标准名称' | '发布机关' | '版本', string>>;
}

/**
 * Reads a catalog workbook (bounded and off the request thread, see readSheets); throws AppError
 * `import.not_xlsx` / `import.too_large`, or WorkbookError when the 目录 sheet is missing.
 */
export async function readCatalogWorkbook(buf: Buffer): Promise<ReadWorkbook> {
  const read = await readSheets(buf, [
    { name: CATALOG_SHEET, minWidth: COLUMNS.length },
    { name: INFO_SHEET, minWidth: 2 },
  ]);
  const sheet = read.sheets.get(CATALOG_SHEET);
  if (!sheet) throw new MissingSheetError(CATALOG_SHEET, read.names);
  const header: Cell[] = [...(sheet[0] ?? [])];
  while (header.length && (header[header.length - 1] === null || header[header.length - 1] === '')) header.pop();
  const info: ReadWorkbook['info'] = {};
  for (const row of read.sheets.get(INFO_SHEET) ?? []) {
    const [k, v] = [row[0] ?? null, row[1] ?? null];
    if (k === '标准编码' || k === '标准名称' || k === '发布机关' || k === '版本') info[k] = v === null ? '' : String(v);
  }
  return { ...parseCatalogRows(header, sheet.slice(1)), info };
}
