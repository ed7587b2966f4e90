import { loadExcel, readSheets, type PlainCell } from '../../platform/excel';
import type { FieldIssue } from '../../platform/errors';
import type { HolidayNotice, IsoDate } from './domain';

/**
 * The holiday-calendar workbook: sheet 通知 (the notice: year, title, issued on, source) and sheet 日期 (one row per
 * day: date, 放假 or 调休上班, the festival's name). Reading checks every cell first and reports each problem with
 * its sheet row and column; the notice itself is then checked by the domain's validateNotice.
 */
export const NOTICE_SHEET = '通知';
export const DAYS_SHEET = '日期';
const INFO_KEYS = { year: '年度', title: '通知标题', issuedOn: '发布日期', source: '来源' } as const;
const COLUMNS = [
  { key: 'date', header: '日期', width: 14 },
  { key: 'kind', header: '类型', width: 12 },
  { key: 'name', header: '节日名称', width: 20 },
] as const;
const KIND_VALUES = { 放假: 'holiday', 调休上班: 'makeup_workday' } as const;

/** Where each date of the notice came from, so the domain's issues (which name a date) find their row. */
export interface ReadNotice {
  notice: HolidayNotice | null;
  issues: FieldIssue[];
  rowOfDate: Map<IsoDate, number>;
  rowOfInfo: Record<keyof typeof INFO_KEYS, number>;
}

const colLetter = (i: number) => String.fromCharCode(65 + i);

function dateOf(v: PlainCell): IsoDate | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(v);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const text = (v: PlainCell) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** Pure: the two sheets' rows (row 1 first) → the notice, or every problem found with its row and column. */
export function parseNoticeSheets(info: PlainCell[][] | null, days: PlainCell[][] | null, names: readonly string[]): ReadNotice {
  const issues: FieldIssue[] = [];
  const rowOfDate = new Map<IsoDate, number>();
  const rowOfInfo = { year: 0, title: 0, issuedOn: 0, source: 0 };
  for (const [sheet, rows] of [
    [NOTICE_SHEET, info],
    [DAYS_SHEET, days],
  ] as const) {
    if (!rows) issues.push({ field: 'file', message: `sheet "${sheet}" not found`, code: 'sheet_missing', params: { sheet, sheets: names.join('、') || '-' }, row: 0, column: '' });
  }
  if (!info || !days) return { notice: null, issues, rowOfDate, rowOfInfo };

  const values: Partial<Record<keyof typeof INFO_KEYS, PlainCell>> = {};
  info.forEach((r, i) => {
    const k = text(r[0] ?? null);
    for (const [field, label] of Object.entries(INFO_KEYS) as [keyof typeof INFO_KEYS, string][]) {
      if (k === label && rowOfInfo[field] === 0) {
        values[field] = r[1] ?? null;
        rowOfInfo[field] = i + 1;
      }
    }
  });
  const infoIssue = (field: keyof typeof INFO_KEYS, code: FieldIssue['code'], message: string, params: Record<string, string | number> = {}) =>
    issues.push({ field, message: `${NOTICE_SHEET}: ${message}`, code, params: { header: INFO_KEYS[field], ...params }, row: rowOfInfo[field], column: 'B' });
  const yearCell = values.year ?? null;
  const year = typeof yearCell === 'number' ? yearCell : Number(text(yearCell));
  if (text(yearCell) === '') infoIssue('year', 'cell_required', `${INFO_KEYS.year} is required`);
  else if (!Number.isInteger(year)) infoIssue('year', 'cell_not_integer', `${INFO_KEYS.year} is not a whole number`, { value: text(yearCell) });
  const title = text(values.title ?? null);
  if (!title) infoIssue('title', 'cell_required', `${INFO_KEYS.title} is required`);
  else if (title.length > 200) infoIssue('title', 'cell_too_long', `${INFO_KEYS.title} is longer than 200 characters`, { limit: 200 });
  const issuedOn = dateOf(values.issuedOn ?? null);
  if (text(values.issuedOn ?? null) === '') infoIssue('issuedOn', 'cell_required', `${INFO_KEYS.issuedOn} is required`);
  else if (!issuedOn) infoIssue('issuedOn', 'cell_not_date', `${INFO_KEYS.issuedOn} is not a date (YYYY-MM-DD)`, { value: text(values.issuedOn ?? null) });
  const source = text(values.source ?? null);
  if (source.length > 500) infoIssue('source', 'cell_too_long', `${INFO_KEYS.source} is longer than 500 characters`, { limit: 500 });

  const header = (days[0] ?? []).map((c) => text(c));
  const col: Record<string, number> = {};
  for (const c of COLUMNS) {
    const i = header.indexOf(c.header);
    if (i < 0) issues.push({ field: c.key, message: `${DAYS_SHEET}: column ${c.header} is missing`, code: 'column_missing', params: { header: c.header }, row: 1, column: '' });
    else col[c.key] = i;
  }
  const holidays: HolidayNotice['holidays'] = [];
  const makeupWorkdays: IsoDate[] = [];
  if (Object.keys(col).length === COLUMNS.length) {
    days.slice(1).forEach((r, i) => {
      const row = i + 2;
      const cell = (k: string) => r[col[k]!] ?? null;
      if (COLUMNS.every((c) => text(cell(c.key)) === '')) return;
      const at = (k: (typeof COLUMNS)[number]['key']) => ({ row, column: colLetter(col[k]!) });
      const date = dateOf(cell('date'));
      if (text(cell('date')) === '') issues.push({ field: 'date', message: `${DAYS_SHEET} row ${row}: 日期 is required`, code: 'cell_required', params: { header: '日期' }, ...at('date') });
      else if (!date) issues.push({ field: 'date', message: `${DAYS_SHEET} row ${row}: 日期 is not a date (YYYY-MM-DD)`, code: 'cell_not_date', params: { header: '日期', value: text(cell('date')) }, ...at('date') });
      const kindText = text(cell('kind'));
      const kind = (KIND_VALUES as Record<string, 'holiday' | 'makeup_workday'>)[kindText];
      if (!kindText) issues.push({ field: 'kind', message: `${DAYS_SHEET} row ${row}: 类型 is required`, code: 'cell_required', params: { header: '类型' }, ...at('kind') });
      else if (!kind) issues.push({ field: 'kind', message: `${DAYS_SHEET} row ${row}: 类型 must be 放假 or 调休上班`, code: 'cell_not_option', params: { header: '类型', value: kindText, options: Object.keys(KIND_VALUES).join(' / ') }, ...at('kind') });
      const name = text(cell('name'));
      if (kind === 'holiday' && !name) issues.push({ field: 'name', message: `${DAYS_SHEET} row ${row}: 节日名称 is required for a holiday`, code: 'cell_required', params: { header: '节日名称' }, ...at('name') });
      else if (name.length > 40) issues.push({ field: 'name', message: `${DAYS_SHEET} row ${row}: 节日名称 is longer than 40 characters`, code: 'cell_too_long', params: { header: '节日名称', limit: 40 }, ...at('name') });
      if (!date || !kind) return;
      if (!rowOfDate.has(date)) rowOfDate.set(date, row);
      if (kind === 'holiday') holidays.push({ date, name });
      else makeupWorkdays.push(date);
    });
    if (holidays.length + makeupWorkdays.length === 0 && issues.length === 0) issues.push({ field: 'date', message: `${DAYS_SHEET}: the sheet has no rows`, code: 'sheet_empty', row: 2, column: '' });
  }
  if (issues.length) return { notice: null, issues, rowOfDate, rowOfInfo };
  return { notice: { year, title, issuedOn: issuedOn!, source, holidays, makeupWorkdays }, issues, rowOfDate, rowOfInfo };
}

/** Reads an uploaded calendar workbook (bounded, in the worker thread; see readSheets). */
export async function readNoticeWorkbook(buf: Buffer): Promise<ReadNotice> {
  const read = await readSheets(buf, [
    { name: NOTICE_SHEET, minWidth: 2 },
    { name: DAYS_SHEET, minWidth: COLUMNS.length },
  ]);
  return parseNoticeSheets(read.sheets.get(NOTICE_SHEET) ?? null, read.sheets.get(DAYS_SHEET) ?? null, read.names);
}

/** The template (a notice's rows filled in when given: an export of a year, or an example to follow). */
export async function writeNoticeWorkbook(notice: HolidayNotice | null, year: number): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'guifan';
  const info = wb.addWorksheet(NOTICE_SHEET);
  info.columns = [{ width: 14 }, { width: 80 }];
  info.addRows([
    [INFO_KEYS.year, notice?.year ?? year],
    [INFO_KEYS.title, notice?.title ?? `国务院办公厅关于${year}年部分节假日安排的通知`],
    [INFO_KEYS.issuedOn, notice?.issuedOn ?? ''],
    [INFO_KEYS.source, notice?.source ?? ''],
    [],
    ['填写说明', `在“${DAYS_SHEET}”表中每行填一天：日期（YYYY-MM-DD）、类型（放假 / 调休上班）、节日名称（放假必填）。放假期间的每一天（含其中的周六、周日）都要列出；调休上班日须是周六或周日；同一天不能既放假又调休上班。`],
  ]);
  info.getColumn(1).font = { bold: true };
  const sheet = wb.addWorksheet(DAYS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const rows: [IsoDate, string, string][] = [...(notice?.holidays ?? []).map((h): [IsoDate, string, string] => [h.date, '放假', h.name]), ...(notice?.makeupWorkdays ?? []).map((d): [IsoDate, string, string] => [d, '调休上班', ''])];
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
