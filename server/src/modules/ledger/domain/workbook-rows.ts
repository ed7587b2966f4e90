import type { FieldIssueCode, IssueProblem } from '../../../platform/validation';
import { idNumberProblem, maskIdNumber, normalizeIdNumber } from './id-number';
import { ASSET_STATUS_LABELS, ASSET_TYPE_LABELS, PERSON_KIND_LABELS, PERSON_STATUS_LABELS, type Ledger } from './ledger-kinds';

/**
 * The documented workbook template of each ledger (one sheet, one row per record) and the pure
 * checks of its rows. Every problem is reported with its spreadsheet row and column letter; reading
 * and writing the .xlsx itself is in ledger.workbook.ts.
 */
export type Cell = string | number | boolean | Date | null | undefined;
export type Value = string | number | boolean | null;

type ColumnType = 'text' | 'int' | 'number' | 'bool' | 'date' | 'enum' | 'team';
export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** enum: code → label; a cell may hold either. */
  labels?: Record<string, string>;
  /** Value when the cell is empty. */
  fallback?: Value;
  width: number;
  hint?: string;
}

const team: Column = { key: 'team', header: '执法队', type: 'team', required: true, width: 24, hint: '执法队编码或名称' };
const note: Column = { key: 'note', header: '备注', type: 'text', maxLength: 500, width: 30 };

export interface LedgerSheet {
  sheet: string;
  columns: Column[];
  /** Natural keys that prevent duplicates: fields, and whether unique city-wide or per team. */
  keys: { name: string; fields: string[]; perTeam: boolean }[];
}

export const LEDGER_SHEETS: Record<Ledger, LedgerSheet> = {
  persons: {
    sheet: '人员',
    columns: [
      team,
      { key: 'name', header: '姓名', type: 'text', required: true, maxLength: 40, width: 10 },
      { key: 'idNumber', header: '身份证号', type: 'text', required: true, width: 22 },
      { key: 'kind', header: '类别', type: 'enum', required: true, labels: PERSON_KIND_LABELS, width: 10 },
      { key: 'position', header: '职务', type: 'text', maxLength: 40, width: 12 },
      { key: 'certificateNo', header: '执法证号', type: 'text', maxLength: 40, width: 18 },
      { key: 'certificateIssuedOn', header: '发证日期', type: 'date', width: 12 },
      { key: 'certificateExpiresOn', header: '有效期至', type: 'date', width: 12 },
      { key: 'trainingHours', header: '年度培训学时', type: 'number', min: 0, max: 2000, fallback: 0, width: 12 },
      { key: 'partyMember', header: '党员', type: 'bool', fallback: false, width: 6 },
      { key: 'uniformIssuedOn', header: '制服发放日期', type: 'date', width: 12 },
      { key: 'status', header: '状态', type: 'enum', labels: PERSON_STATUS_LABELS, fallback: 'active', width: 8 },
      note,
    ],
    keys: [
      { name: 'idNumber', fields: ['idNumber'], perTeam: false },
      { name: 'certificateNo', fields: ['certificateNo'], perTeam: false },
    ],
  },
  offices: {
    sheet: '办公场所',
    columns: [
      team,
      { key: 'name', header: '名称', type: 'text', required: true, maxLength: 60, width: 20 },
      { key: 'address', header: '地址', type: 'text', required: true, maxLength: 200, width: 30 },
      { key: 'lon', header: '经度', type: 'number', min: -180, max: 180, width: 12, hint: 'WGS-84' },
      { key: 'lat', header: '纬度', type: 'number', min: -90, max: 90, width: 12, hint: 'WGS-84' },
      { key: 'area', header: '面积(㎡)', type: 'number', required: true, min: 0, max: 1_000_000, width: 10 },
      { key: 'floor', header: '楼层', type: 'int', min: -5, max: 200, fallback: 1, width: 6 },
      { key: 'independent', header: '独立办公', type: 'bool', fallback: false, width: 8 },
      note,
    ],
    keys: [{ name: 'name', fields: ['name'], perTeam: true }],
  },
  rooms: {
    sheet: '功能用房',
    columns: [
      team,
      { key: 'name', header: '名称', type: 'text', required: true, maxLength: 60, width: 18 },
      { key: 'type', header: '类型', type: 'text', required: true, maxLength: 40, width: 14 },
      { key: 'area', header: '面积(㎡)', type: 'number', required: true, min: 0, max: 100_000, width: 10 },
      { key: 'office', header: '所在办公场所', type: 'text', maxLength: 60, width: 20 },
      note,
    ],
    keys: [{ name: 'name', fields: ['name'], perTeam: true }],
  },
  signage: {
    sheet: '标识标牌',
    columns: [
      team,
      { key: 'type', header: '类型', type: 'text', required: true, maxLength: 40, width: 14 },
      { key: 'location', header: '位置', type: 'text', required: true, maxLength: 100, width: 24 },
      { key: 'conforms', header: '是否规范', type: 'bool', required: true, width: 10 },
      note,
    ],
    keys: [{ name: 'typeLocation', fields: ['type', 'location'], perTeam: true }],
  },
  assets: {
    sheet: '装备',
    columns: [
      team,
      { key: 'type', header: '类型', type: 'enum', required: true, labels: ASSET_TYPE_LABELS, width: 12 },
      { key: 'serial', header: '编号', type: 'text', required: true, maxLength: 60, width: 18 },
      { key: 'model', header: '品牌型号', type: 'text', maxLength: 100, width: 16 },
      { key: 'plate', header: '车牌号', type: 'text', maxLength: 20, width: 10 },
      { key: 'terminalNo', header: '终端号(JT/T 808)', type: 'text', maxLength: 20, width: 16 },
      { key: 'deviceId', header: '设备编号', type: 'text', maxLength: 40, width: 22 },
      { key: 'assignee', header: '使用人', type: 'text', maxLength: 40, width: 16, hint: '执法证号或本队人员姓名' },
      { key: 'status', header: '状态', type: 'enum', labels: ASSET_STATUS_LABELS, fallback: 'in_use', width: 8 },
      { key: 'acquiredOn', header: '购置日期', type: 'date', width: 12 },
      note,
    ],
    keys: [{ name: 'serial', fields: ['serial'], perTeam: false }],
  },
};

/** Column letter of a 0-based index (A … Z, AA …). */
export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface RowIssue {
  /** Spreadsheet row (1 = header). */
  row: number;
  /** Column letter, or '' for a problem with the whole row or file. */
  column: string;
  field: string;
  /** English, for API readers: `C12: 身份证号 check digit is 9, expected X`. */
  message: string;
  /** Translated by the web (`fieldErrors.<code>` with `params`); absent only in reports stored before codes existed. */
  code?: FieldIssueCode;
  params?: Record<string, string | number>;
}

export interface ParsedRecord {
  row: number;
  orgUnitId: string;
  values: Record<string, Value>;
  /** Resolved references: office (rooms), assigned person (assets). */
  refs: { officeId?: string | null; assignedPersonId?: string | null };
}

export interface RowContext {
  /** Team by code or name, within the importer's scope. */
  resolveTeam(value: string): { id: string } | { error: IssueProblem };
  roomTypes: ReadonlySet<string>;
  /** Natural-key strings already in the database, per key name (see `keyString`). */
  existing: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Of those, the ones held by teams the importer manages, for the key names where this is known. A
   * key held elsewhere is reported as "registered in another unit", without naming the unit.
   */
  existingOwn?: ReadonlyMap<string, ReadonlySet<string>>;
  resolveOffice(orgUnitId: string, name: string): string | null;
  resolvePerson(orgUnitId: string, value: string): { id: string } | { error: IssueProblem };
  /**
   * The API's own check of one field's value as it would be stored (ledger.fields.ts: the request
   * body schema and the date bounds), so an import stores nothing the API refuses.
   */
  fieldProblem(field: string, value: Value): IssueProblem | null;
}

export const keyString = (orgUnitId: string | null, values: readonly Value[]): string => [orgUnitId ?? '', ...values.map((v) => String(v ?? ''))].join('|');

function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** A calendar date from a cell: a date cell, or text such as 2021-03-05 / 2021/3/5 / 2021.3.5. */
export function parseDay(v: Cell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text(v));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1950 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

const TRUE = ['是', 'Y', 'y', 'yes', 'true', 'TRUE', '1', '√'];
const FALSE = ['否', 'N', 'n', 'no', 'false', 'FALSE', '0', '×'];

const problem = (code: FieldIssueCode, message: string, params: Record<string, string | number>): { error: IssueProblem } => ({ error: { code, message, params } });

/** One cell to a value, or the problem saying why not. */
export function parseCell(col: Column, cell: Cell): { value: Value } | { error: IssueProblem } {
  const raw = text(cell);
  const header = col.header;
  if (raw === '') {
    if (col.required) return problem('cell_required', `${header} is required`, { header });
    return { value: col.fallback ?? null };
  }
  switch (col.type) {
    case 'text':
    case 'team':
      if (col.maxLength && raw.length > col.maxLength) return problem('cell_too_long', `${header} is longer than ${col.maxLength} characters`, { header, limit: col.maxLength });
      return { value: raw };
    case 'int':
    case 'number': {
      const n = typeof cell === 'number' ? cell : Number(raw);
      if (!Number.isFinite(n)) return problem('cell_not_number', `${header} must be a number, got "${raw}"`, { header, value: raw });
      if (col.type === 'int' && !Number.isInteger(n)) return problem('cell_not_integer', `${header} must be a whole number, got "${raw}"`, { header, value: raw });
      if (col.min !== undefined && n < col.min) return problem('cell_below_min', `${header} must be ≥ ${col.min}, got ${n}`, { header, limit: col.min, value: n });
      if (col.max !== undefined && n > col.max) return problem('cell_above_max', `${header} must be ≤ ${col.max}, got ${n}`, { header, limit: col.max, value: n });
      return { value: n };
    }
    case 'bool':
      if (cell === true || TRUE.includes(raw)) return { value: true };
      if (cell === false || FALSE.includes(raw)) return { value: false };
      return problem('cell_not_yes_no', `${header}: use 是 or 否, got "${raw}"`, { header, value: raw });
    case 'date': {
      const d = parseDay(cell);
      return d ? { value: d } : problem('cell_not_date', `${header} is not a valid date (use YYYY-MM-DD), got "${raw}"`, { header, value: raw });
    }
    case 'enum': {
      const labels = col.labels ?? {};
      const code = Object.entries(labels).find(([k, label]) => label === raw || k === raw)?.[0];
      const options = Object.values(labels).join(' / ');
      return code ? { value: code } : problem('cell_not_option', `${header}: unknown value "${raw}" (use ${options})`, { header, value: raw, options });
    }
  }
}

export interface ParsedSheet {
  records: ParsedRecord[];
  issues: RowIssue[];
  /** A problem with the file as a whole (unknown or missing columns): nothing can be imported. */
  fatal: boolean;
  /** Non-blank data rows. */
  totalRows: number;
}

/**
 * Checks the rows of one ledger sheet. `header` is the first row as read; `rows[i]` is spreadsheet
 * row `i + 2`. Rows with any problem are left out of `records`; the caller decides whether that
 * means nothing is written (all_or_nothing) or only the good rows are (valid_only).
 */
export function parseLedgerRows(ledger: Ledger, header: readonly Cell[], rows: readonly (readonly Cell[])[], ctx: RowContext): ParsedSheet {
  const def = LEDGER_SHEETS[ledger];
  const issues: RowIssue[] = [];
  const index = new Map<string, number>();
  const seen = header.map(text);
  seen.forEach((h, i) => {
    if (!h) return;
    const col = def.columns.find((c) => c.header === h);
    const column = columnLetter(i);
    if (!col) issues.push({ row: 1, column, field: h, message: `unknown column "${h}" (template columns: ${def.columns.map((c) => c.header).join(', ')})`, code: 'column_unknown', params: { header: h, column } });
    else if (index.has(col.key)) issues.push({ row: 1, column, field: col.key, message: `column "${h}" appears twice`, code: 'column_twice', params: { header: h, column } });
    else index.set(col.key, i);
  });
  for (const col of def.columns) {
    if (col.required && !index.has(col.key)) issues.push({ row: 1, column: '', field: col.key, message: `missing column "${col.header}"`, code: 'column_missing', params: { header: col.header } });
  }
  const dataRows = rows.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => !cells.every((c) => text(c) === ''));
  if (issues.length) return { records: [], issues, fatal: true, totalRows: dataRows.length };

  const records: ParsedRecord[] = [];
  const firstSeen = new Map<string, Map<string, number>>(def.keys.map((k) => [k.name, new Map()]));
  for (const { cells, row } of dataRows) {
    const before = issues.length;
    const letter = (key: string) => columnLetter(index.get(key) ?? 0);
    const bad = (key: string, p: IssueProblem) =>
      issues.push({ row, column: index.has(key) ? letter(key) : '', field: key, message: `${index.has(key) ? `${letter(key)}${row}` : `row ${row}`}: ${p.message}`, code: p.code, ...(p.params ? { params: p.params } : {}) });
    const values: Record<string, Value> = {};
    for (const col of def.columns) {
      const i = index.get(col.key);
      const r = parseCell(col, i === undefined ? null : cells[i]);
      if ('error' in r) {
        bad(col.key, r.error);
        continue;
      }
      const value = ledger === 'persons' && col.key === 'idNumber' && typeof r.value === 'string' ? normalizeIdNumber(r.value) : r.value;
      // An empty optional cell is an absent field for the API: nothing to check.
      const refused = value === null ? null : ctx.fieldProblem(col.key, value);
      if (refused) bad(col.key, { ...refused, message: `${col.header}: ${refused.message}`, params: { header: col.header, ...refused.params } });
      else values[col.key] = value;
    }
    let orgUnitId = '';
    if (typeof values.team === 'string') {
      const t = ctx.resolveTeam(values.team);
      if ('error' in t) bad('team', t.error);
      else orgUnitId = t.id;
    }
    const refs: ParsedRecord['refs'] = {};
    // Ledger-specific checks.
    if (ledger === 'persons') {
      if (typeof values.idNumber === 'string') {
        const p = idNumberProblem(values.idNumber);
        if (p) bad('idNumber', p);
      }
      if (values.certificateNo && !values.certificateExpiresOn && !issues.some((x) => x.row === row && x.field === 'certificateExpiresOn')) bad('certificateExpiresOn', { code: 'certificate_expiry_required', message: '有效期至 is required when 执法证号 is given' });
      if (!values.certificateNo && (values.certificateIssuedOn || values.certificateExpiresOn)) bad('certificateNo', { code: 'certificate_no_required', message: '执法证号 is required when certificate dates are given' });
      if (typeof values.certificateIssuedOn === 'string' && typeof values.certificateExpiresOn === 'string' && values.certificateExpiresOn < values.certificateIssuedOn) bad('certificateExpiresOn', { code: 'expiry_before_issue', message: 'expiry is before the issue date' });
      if (values.kind === 'auxiliary' && values.certificateNo) bad('certificateNo', { code: 'auxiliary_no_certificate', message: 'an auxiliary (协管员) holds no 执法证' });
    }
    if (ledger === 'rooms' && typeof values.type === 'string' && !ctx.roomTypes.has(values.type)) {
      bad('type', { code: 'room_type_unknown', message: `unknown room type "${values.type}" (configured: ${[...ctx.roomTypes].join('、')})`, params: { type: values.type } });
    }
    if (ledger === 'rooms' && typeof values.office === 'string' && orgUnitId) {
      const officeId = ctx.resolveOffice(orgUnitId, values.office);
      if (!officeId) bad('office', { code: 'office_unknown', message: `no office "${values.office}" in this team`, params: { value: values.office } });
      refs.officeId = officeId;
    }
    if (ledger === 'assets' && typeof values.assignee === 'string' && orgUnitId) {
      const p = ctx.resolvePerson(orgUnitId, values.assignee);
      if ('error' in p) bad('assignee', p.error);
      else refs.assignedPersonId = p.id;
    }
    // Natural keys: against the database and against earlier rows of this file.
    for (const k of def.keys) {
      const parts = k.fields.map((f) => values[f] ?? null);
      if (parts.some((p) => p === null || p === '') || (k.perTeam && !orgUnitId)) continue;
      const ks = keyString(k.perTeam ? orgUnitId : null, parts);
      const field = k.fields[k.fields.length - 1]!;
      const label = k.fields.map((f) => def.columns.find((c) => c.key === f)?.header ?? f).join('+');
      // An ID number is never echoed in full: the report is stored and read by others in scope.
      const shown = (k.name === 'idNumber' ? parts.map((p) => maskIdNumber(String(p))) : parts).join(' ');
      const earlier = firstSeen.get(k.name)!.get(ks);
      const params = { label, value: shown };
      if (earlier !== undefined) bad(field, { code: 'duplicate_in_file', message: `duplicate ${label} "${shown}" (same as row ${earlier})`, params: { ...params, row: earlier } });
      else {
        firstSeen.get(k.name)!.set(ks, row);
        if (ctx.existing.get(k.name)?.has(ks)) {
          const own = ctx.existingOwn?.get(k.name);
          bad(
            field,
            own && !own.has(ks)
              ? { code: 'registered_elsewhere', message: `${label} "${shown}" is already registered in another unit`, params }
              : { code: 'already_exists', message: `${label} "${shown}" already exists`, params },
          );
        }
      }
    }
    if (issues.length === before) records.push({ row, orgUnitId, values, refs });
  }
  return { records, issues, fatal: false, totalRows: dataRows.length };
}

/** A value as written to a cell: enum labels, 是/否, dates as text. */
export function formatCell(col: Column, value: Value | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (col.type === 'bool') return value ? '是' : '否';
  if (col.type === 'enum') return col.labels?.[String(value)] ?? String(value);
  if (typeof value === 'number') return value;
  return String(value);
}
