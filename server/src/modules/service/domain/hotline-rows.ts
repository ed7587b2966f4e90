/**
 * The 12345 hotline work-order workbook (12345 工单): the columns the hotline's export carries, how each cell
 * becomes a value, and every problem of a row placed on its cell (row, column letter, why). Pure: cells in,
 * rows and issues out; the service checks the database (already imported orders) and writes.
 *
 * Columns are found by their header text, not their position, because the hotline's own exports add columns
 * of their own (承办意见, 督办 …) and order them as their system does: unknown columns are ignored, a missing
 * required one rejects the file. Times are Beijing wall-clock times (the hotline's system writes them so).
 */
export const ORDERS_SHEET = '12345工单';
/** A hotline system's plain export often keeps Excel's default sheet name. */
export const FALLBACK_SHEET = 'Sheet1';
export const MAPPING_SHEET = '类别对照';
export const INFO_SHEET = '说明';

export const COLUMNS = [
  { key: 'orderNo', header: '工单编号', width: 20, required: true },
  { key: 'calledAt', header: '来电时间', width: 20, required: true },
  { key: 'category', header: '诉求类别', width: 16, required: true },
  { key: 'description', header: '诉求内容', width: 50, required: true },
  { key: 'address', header: '事发地址', width: 30, required: true },
  { key: 'coordinates', header: '经纬度', width: 24, required: false },
  { key: 'contactName', header: '来电人', width: 10, required: false },
  { key: 'contactPhone', header: '联系电话', width: 16, required: false },
  { key: 'deadline', header: '办理时限', width: 20, required: false },
] as const;
/** Filled by the export (the reply back to the hotline); ignored on import, so an export imports back unchanged. */
export const REPLY_COLUMNS = [
  { key: 'state', header: '办理状态', width: 10 },
  { key: 'result', header: '办理结果', width: 50 },
  { key: 'repliedAt', header: '回复时间', width: 20 },
  { key: 'unit', header: '办理单位', width: 20 },
  { key: 'satisfaction', header: '满意度', width: 10 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export const MAX_ORDER_NO = 64;
export const MAX_DESCRIPTION = 2000;
export const MAX_ADDRESS = 200;
export const MAX_NAME = 50;

/** Why a cell is refused; the web translates the code with its params. */
export const HOTLINE_ISSUE_CODES = [
  'sheet_missing', // {sheet, sheets}
  'column_missing', // {header}
  'no_rows',
  'required', // {header}
  'too_long', // {max}
  'text_invalid', // NUL or an unpaired surrogate
  'date_time_format', // {value}
  'date_time_range', // {value}: before 2000 or after now
  'deadline_before_call',
  'duplicate_in_file', // {firstRow}
  'category_unknown', // {value}
  'category_inactive', // {value, category}
  'mapping_target_unknown', // {value}: the mapping names a category that does not exist
  'mapping_duplicate', // {value, firstRow}
  'coordinates_format', // {value}
  'coordinates_outside_china', // {value}
  'coordinates_swapped', // {value}: 纬度,经度 instead of 经度,纬度
  'phone_format', // {value}
] as const;
export type HotlineIssueCode = (typeof HOTLINE_ISSUE_CODES)[number];

export interface HotlineIssue {
  sheet: string;
  /** 1-based sheet row (1 = header); 0 for a problem of the whole file. */
  row: number;
  /** Column letter; '' for a problem of the whole row or file. */
  column: string;
  /** The order's 工单编号 when the row has one. */
  orderNo: string;
  code: HotlineIssueCode;
  message: string;
  params?: Record<string, string | number>;
}

export type Cell = string | number | boolean | Date | null | undefined;

export interface CategoryRef {
  id: string;
  code: string;
  name: string;
  bigClass: string | null;
  active: boolean;
}

export interface HotlineOrder {
  row: number;
  orderNo: string;
  calledAt: Date;
  /** The hotline's word, as written. */
  categoryWord: string;
  categoryId: string;
  description: string;
  address: string;
  lon: number | null;
  lat: number | null;
  contactName: string | null;
  contactPhone: string | null;
  /** The hotline's own 办理时限 (a deadline), when given. */
  deadline: Date | null;
}

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const BEIJING_MS = 8 * 3_600_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MIN_TIME = Date.UTC(2000, 0, 1) - BEIJING_MS;

function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatBeijing(new Date(v.getTime() - BEIJING_MS));
  return String(v).trim();
}

/** `YYYY-MM-DD HH:MM:SS` in Beijing time: how the workbook writes times (no time-zone guessing on the way back). */
export function formatBeijing(d: Date): string {
  return new Date(d.getTime() + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?:?)?$/;
/** Chinese and slashed spellings to `YYYY-M-D H:M:S` (年月日时分秒, `/`, `.`, `T`, full-width colons). */
const canonicalTime = (s: string) =>
  s.replace(/[年月/.]/g, '-').replace(/日|T/g, ' ').replace(/[时分：]/g, ':').replace(/秒/g, '').replace(/\s*-\s*/g, '-').replace(/\s*:\s*/g, ':').trim();

/**
 * A time cell as an instant. Excel dates carry no zone (exceljs hands them over as if UTC): they are Beijing
 * wall-clock times, as is text (`2026-03-01 09:15[:00]`, `2026/3/1 9:15`, `2026年3月1日 9时15分`) and an Excel
 * serial number. A date without a time is that day's start (`endOfDay`: its last second, for a deadline).
 * Returns null when the cell is not a time at all.
 */
export function parseBeijingTime(v: Cell, endOfDay = false): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : new Date(v.getTime() - BEIJING_MS);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0 || v > 2_958_465) return null;
    return new Date(Math.round(EXCEL_EPOCH_MS + v * 86_400_000) - BEIJING_MS);
  }
  const m = DATE_TIME.exec(canonicalTime(text(v)));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const timed = m[4] !== undefined;
  const [h, mi, s] = timed ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : endOfDay ? [23, 59, 59] : [0, 0, 0];
  if (h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return new Date(wall - BEIJING_MS);
}

/** China's bounding box (WGS-84), as the public report checks it. */
export const CHINA = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;
const inChina = (lon: number, lat: number) => lon >= CHINA.minLon && lon <= CHINA.maxLon && lat >= CHINA.minLat && lat <= CHINA.maxLat && !(lon === 0 && lat === 0);

/** `经度,纬度` (WGS-84, comma, Chinese comma, space or slash between) → the point, or why not. */
export function parseCoordinates(raw: string): { lon: number; lat: number } | { code: 'coordinates_format' | 'coordinates_outside_china' | 'coordinates_swapped' } {
  const parts = raw.split(/\s*[,，;；/]\s*|\s+/).filter(Boolean);
  const num = /^[-+]?\d{1,3}(?:\.\d+)?$/;
  if (parts.length !== 2 || !parts.every((p) => num.test(p))) return { code: 'coordinates_format' };
  const [lon, lat] = parts.map(Number) as [number, number];
  if (inChina(lon, lat)) return { lon, lat };
  if (inChina(lat, lon)) return { code: 'coordinates_swapped' };
  return { code: 'coordinates_outside_china' };
}

/** Digits with the usual separators; 5–20 digits (extension numbers included, 12345 writes landlines too). */
export function normalizePhone(raw: string): string | null {
  const s = raw.replace(/[\s\-－()（）]/g, '');
  return /^\+?\d{5,20}$/.test(s) ? s : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const badText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** Folded form of a category word: full-width spaces and separators ignored, so `市容环境 / 暴露垃圾` = `市容环境/暴露垃圾`. */
export const foldWord = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export interface CategoryResolver {
  resolve(word: string): { ok: true; category: CategoryRef } | { ok: false; code: 'category_unknown' | 'category_inactive'; category?: CategoryRef };
}

/**
 * How the hotline's words become guifan categories: the mapping first (word → category code or name, from the
 * workbook's 类别对照 sheet and the importer's choices on the preview), then by the category's code, then its
 * name, then `大类/小类` (`大类-小类`, `大类>小类`) whose last part is the name.
 */
export function categoryResolver(categories: readonly CategoryRef[], mapping: ReadonlyMap<string, string>): CategoryResolver {
  const byCode = new Map(categories.map((c) => [foldWord(c.code), c]));
  const byName = new Map<string, CategoryRef>();
  // An active category wins a name shared with a retired one.
  for (const c of [...categories].sort((a, b) => Number(a.active) - Number(b.active))) byName.set(foldWord(c.name), c);
  const find = (w: string) => byCode.get(w) ?? byName.get(w);
  const folded = new Map([...mapping].map(([k, v]) => [foldWord(k), foldWord(v)]));
  return {
    resolve(word) {
      const w = foldWord(word);
      const target = folded.get(w);
      let c = target !== undefined ? find(target) : find(w);
      if (!c && target === undefined) {
        const last = w.split(/[/>＞\-－—|]+/).filter(Boolean).pop();
        if (last && last !== w) c = find(last);
      }
      if (!c) return { ok: false, code: 'category_unknown' };
      if (!c.active) return { ok: false, code: 'category_inactive', category: c };
      return { ok: true, category: c };
    },
  };
}

/** The 类别对照 sheet: 12345类别 | 规范类别 (code or name). Problems of that sheet are placed like the orders'. */
export function parseMappingRows(rows: readonly (readonly Cell[])[], categories: readonly CategoryRef[]): { mapping: Map<string, string>; issues: HotlineIssue[] } {
  const mapping = new Map<string, string>();
  const issues: HotlineIssue[] = [];
  const known = new Set(categories.flatMap((c) => [foldWord(c.code), foldWord(c.name)]));
  const firstRow = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const word = text(cells[0]);
    const target = text(cells[1]);
    if (!word && !target) return;
    const at = (column: string, code: HotlineIssueCode, message: string, params?: Record<string, string | number>) =>
      issues.push({ sheet: MAPPING_SHEET, row, column, orderNo: '', code, message: `${column}${row}: ${message}`, ...(params ? { params } : {}) });
    if (!word) return at('A', 'required', '12345类别 is required', { header: '12345类别' });
    if (!target) return at('B', 'required', '规范类别 is required', { header: '规范类别' });
    const seen = firstRow.get(foldWord(word));
    if (seen !== undefined) return at('A', 'mapping_duplicate', `"${word}" is mapped already in row ${seen}`, { value: word, firstRow: seen });
    firstRow.set(foldWord(word), row);
    if (!known.has(foldWord(target))) return at('B', 'mapping_target_unknown', `no category has the code or name "${target}"`, { value: target });
    mapping.set(word, target);
  });
  return { mapping, issues };
}

/**
 * The order rows (row 1 = header). Every problem of every row is reported (nothing is written while any
 * remains); a row without 经纬度 is valid and goes to the city desk. `now` bounds the call times.
 */
export function parseOrderRows(sheetName: string, sheet: readonly (readonly Cell[])[], resolver: CategoryResolver, now: Date): { orders: HotlineOrder[]; issues: HotlineIssue[] } {
  const issues: HotlineIssue[] = [];
  const orders: HotlineOrder[] = [];
  const header = (sheet[0] ?? []).map((c) => foldWord(text(c)));
  const index = new Map<ColumnKey, number>();
  for (const c of COLUMNS) {
    const i = header.indexOf(foldWord(c.header));
    if (i >= 0) index.set(c.key, i);
    else if (c.required) issues.push({ sheet: sheetName, row: 1, column: '', orderNo: '', code: 'column_missing', message: `the header has no column "${c.header}"`, params: { header: c.header } });
  }
  if (issues.length) return { orders, issues };
  const firstRow = new Map<string, number>();
  sheet.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (k: ColumnKey): Cell => {
      const at = index.get(k);
      return at === undefined ? null : cells[at];
    };
    if (COLUMNS.every((c) => text(cell(c.key)) === '')) return;
    const orderNo = text(cell('orderNo'));
    const before = issues.length;
    const problem = (k: ColumnKey, code: HotlineIssueCode, message: string, params?: Record<string, string | number>) => {
      const column = columnLetter(index.get(k) ?? 0);
      issues.push({ sheet: sheetName, row, column, orderNo, code, message: `${column}${row}: ${message}`, ...(params ? { params } : {}) });
    };
    const str = (k: ColumnKey, max: number): string => {
      const h = COLUMNS.find((c) => c.key === k)!;
      const v = text(cell(k));
      if (!v && h.required) problem(k, 'required', `${h.header} is required`, { header: h.header });
      else if (v.length > max) problem(k, 'too_long', `at most ${max} characters`, { max });
      else if (badText(v)) problem(k, 'text_invalid', 'contains a NUL character or an unpaired surrogate');
      return v;
    };
    str('orderNo', MAX_ORDER_NO);
    if (orderNo) {
      const seen = firstRow.get(orderNo);
      if (seen !== undefined) problem('orderNo', 'duplicate_in_file', `工单编号 ${orderNo} is also in row ${seen}`, { firstRow: seen });
      else firstRow.set(orderNo, row);
    }
    const time = (k: 'calledAt' | 'deadline', endOfDay: boolean): Date | null => {
      const raw = cell(k);
      if (text(raw) === '') {
        if (k === 'calledAt') problem(k, 'required', '来电时间 is required', { header: '来电时间' });
        return null;
      }
      const t = parseBeijingTime(raw, endOfDay);
      if (!t) {
        problem(k, 'date_time_format', `"${text(raw)}" is not a date and time (YYYY-MM-DD HH:MM)`, { value: text(raw) });
        return null;
      }
      if (k === 'calledAt' && (t.getTime() < MIN_TIME || t.getTime() > now.getTime())) {
        problem(k, 'date_time_range', `${formatBeijing(t)} is before 2000 or in the future`, { value: formatBeijing(t) });
        return null;
      }
      return t;
    };
    const calledAt = time('calledAt', false);
    const deadline = time('deadline', true);
    if (calledAt && deadline && deadline.getTime() <= calledAt.getTime()) problem('deadline', 'deadline_before_call', '办理时限 is not after 来电时间');
    const categoryWord = str('category', 100);
    let categoryId = '';
    if (categoryWord) {
      const r = resolver.resolve(categoryWord);
      if (r.ok) categoryId = r.category.id;
      else if (r.code === 'category_inactive') problem('category', 'category_inactive', `"${categoryWord}" maps to the retired category ${r.category?.name ?? ''}`, { value: categoryWord, category: r.category?.name ?? '' });
      else problem('category', 'category_unknown', `"${categoryWord}" is no category and has no mapping (类别对照)`, { value: categoryWord });
    }
    const description = str('description', MAX_DESCRIPTION);
    const address = str('address', MAX_ADDRESS);
    let point: { lon: number; lat: number } | null = null;
    const rawPoint = text(cell('coordinates'));
    if (rawPoint) {
      const p = parseCoordinates(rawPoint);
      if ('lon' in p) point = p;
      else
        problem('coordinates', p.code, {
          coordinates_format: `"${rawPoint}" is not 经度,纬度`,
          coordinates_outside_china: `${rawPoint} is outside China`,
          coordinates_swapped: `${rawPoint} looks like 纬度,经度: write 经度 first`,
        }[p.code], { value: rawPoint });
    }
    const contactName = str('contactName', MAX_NAME);
    const rawPhone = str('contactPhone', 40);
    const phone = rawPhone ? normalizePhone(rawPhone) : null;
    if (rawPhone && !phone) problem('contactPhone', 'phone_format', `"${rawPhone}" is not a phone number`, { value: rawPhone });
    if (issues.length > before || !calledAt) return;
    orders.push({ row, orderNo, calledAt, categoryWord, categoryId, description, address, lon: point?.lon ?? null, lat: point?.lat ?? null, contactName: contactName || null, contactPhone: phone, deadline });
  });
  if (!issues.length && !orders.length) issues.push({ sheet: sheetName, row: 0, column: '', orderNo: '', code: 'no_rows', message: 'the sheet has no work orders' });
  return { orders, issues };
}
