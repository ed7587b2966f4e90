import type { FieldIssueCode } from '../../../platform/validation';
import {
  BAND_LABELS,
  BAND_LEVELS,
  FINE_BASIS_LABELS,
  FINE_BASES,
  itemIssues,
  PARTY_TYPE_LABELS,
  PARTY_TYPES,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
  type BandLevel,
  type FineBasis,
  type PartyType,
  type PenaltyKind,
  type ViolationItemData,
} from './item';

/**
 * The documented workbook of the violation catalogue: sheet 违法行为, one row per item, bands as column groups.
 * Amounts are written in 元 (two decimals at most) and kept as fen; a fine stated as a multiple is written in %
 * (one decimal at most) of its base and kept as per-mille. Pure mapping between cells and items.
 */
export const ITEMS_SHEET = '违法行为';
export const INFO_SHEET = '说明';

const bandColumns = (level: BandLevel) =>
  [
    { key: `${level}Min`, header: `${BAND_LABELS[level]}下限`, width: 10 },
    { key: `${level}Max`, header: `${BAND_LABELS[level]}上限`, width: 10 },
    { key: `${level}Conditions`, header: `${BAND_LABELS[level]}情形`, width: 36 },
  ] as const;

export const COLUMNS = [
  { key: 'code', header: '编码', width: 10 },
  { key: 'name', header: '违法行为', width: 30 },
  { key: 'partyTypes', header: '适用对象', width: 14 },
  { key: 'violatedLaw', header: '违反法律', width: 24 },
  { key: 'violatedVersion', header: '违反法律版本', width: 12 },
  { key: 'violatedArticle', header: '违反条款', width: 16 },
  { key: 'violatedQuote', header: '违反条款原文', width: 50 },
  { key: 'basisLaw', header: '处罚依据法律', width: 24 },
  { key: 'basisVersion', header: '处罚依据版本', width: 12 },
  { key: 'basisArticle', header: '处罚依据条款', width: 16 },
  { key: 'basisQuote', header: '处罚依据原文', width: 50 },
  { key: 'kinds', header: '处罚种类', width: 16 },
  { key: 'fineBasis', header: '罚款方式', width: 10 },
  { key: 'fineMin', header: '法定罚款下限', width: 12 },
  { key: 'fineMax', header: '法定罚款上限', width: 12 },
  { key: 'multipleOf', header: '倍数基数', width: 14 },
  { key: 'orders', header: '责令措施', width: 20 },
  ...bandColumns('minor'),
  ...bandColumns('general'),
  ...bandColumns('serious'),
  ...bandColumns('severe'),
  { key: 'firstOffence', header: '首违不罚情形', width: 36 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];
const REQUIRED: readonly ColumnKey[] = ['code', 'name', 'partyTypes', 'violatedLaw', 'violatedArticle', 'basisLaw', 'basisArticle', 'kinds', 'fineBasis'];

export type Cell = string | number | boolean | Date | null | undefined;

export interface RowIssue {
  /** 1-based sheet row (1 = header). */
  row: number;
  /** Column letter, '' for a problem of the whole row or sheet. */
  column: string;
  itemCode: string;
  field: string;
  message: string;
  code: FieldIssueCode;
  params?: Record<string, string | number>;
}

export interface ParsedItems {
  items: (ViolationItemData & { row: number })[];
  issues: RowIssue[];
}

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

const header = (k: ColumnKey) => COLUMNS.find((c) => c.key === k)!.header;

/** The column of a domain issue's field (`bands.2.fineMin` → seriousMin, `violated.quote` → violatedQuote). */
function columnOfField(field: string): ColumnKey | null {
  const band = /^bands\.(\d)\.(fineMin|fineMax|conditions)$/.exec(field);
  if (band) {
    const level = BAND_LEVELS[Number(band[1])];
    if (!level) return null;
    return `${level}${band[2] === 'fineMin' ? 'Min' : band[2] === 'fineMax' ? 'Max' : 'Conditions'}` as ColumnKey;
  }
  const map: Record<string, ColumnKey> = {
    code: 'code',
    name: 'name',
    partyTypes: 'partyTypes',
    'violated.law': 'violatedLaw',
    'violated.version': 'violatedVersion',
    'violated.article': 'violatedArticle',
    'violated.quote': 'violatedQuote',
    'penaltyBasis.law': 'basisLaw',
    'penaltyBasis.version': 'basisVersion',
    'penaltyBasis.article': 'basisArticle',
    'penaltyBasis.quote': 'basisQuote',
    'statutory.kinds': 'kinds',
    'statutory.fineMin': 'fineMin',
    'statutory.fineMax': 'fineMax',
    'statutory.multipleOf': 'multipleOf',
    'statutory.orders': 'orders',
    firstOffenceExemption: 'firstOffence',
    bands: 'minorMin',
  };
  return map[field] ?? null;
}

/** A money cell: 元 with ≤ 2 decimals → fen, or % with ≤ 1 decimal → per-mille. No floating point on the way. */
function parseMoney(raw: string, basis: FineBasis): number | null | 'bad' {
  if (raw === '') return null;
  const s = raw.replace(/[,，\s]/g, '').replace(/(元|%)$/, '');
  const m = basis === 'multiple' ? /^(\d{1,9})(?:\.(\d))?$/.exec(s) : /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return 'bad';
  return basis === 'multiple' ? Number(m[1]) * 10 + Number(m[2] ?? 0) : Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function listOf<T extends string>(raw: string, labels: Record<T, string>, all: readonly T[]): { values: T[]; unknown: string[] } {
  const values: T[] = [];
  const unknown: string[] = [];
  for (const part of raw.split(/[、,，;；/\s]+/).filter(Boolean)) {
    const v = (Object.entries(labels) as [T, string][]).find(([, l]) => l === part)?.[0] ?? (all.includes(part as T) ? (part as T) : undefined);
    if (v === undefined) unknown.push(part);
    else if (!values.includes(v)) values.push(v);
  }
  return { values: all.filter((a) => values.includes(a)), unknown };
}

/**
 * Parses the data rows of the 违法行为 sheet (`rows[i]` is sheet row i + 2) and checks every item as the API does;
 * every problem carries its row, column letter and the reason.
 */
export function parseItemRows(headerRow: readonly Cell[], rows: readonly (readonly Cell[])[]): ParsedItems {
  const issues: RowIssue[] = [];
  const index = new Map<ColumnKey, number>();
  const seen = headerRow.map(text);
  const known = new Set<string>(COLUMNS.map((c) => c.header));
  seen.forEach((h, i) => {
    const column = columnLetter(i);
    if (!h) return;
    if (!known.has(h)) issues.push({ row: 1, column, itemCode: '', field: h, message: `${column}1: unknown column "${h}"`, code: 'column_unknown', params: { header: h, column } });
    else if (seen.indexOf(h) !== i) issues.push({ row: 1, column, itemCode: '', field: h, message: `${column}1: column "${h}" appears twice`, code: 'column_twice', params: { header: h } });
  });
  for (const col of COLUMNS) {
    const i = seen.indexOf(col.header);
    if (i >= 0) index.set(col.key, i);
    else issues.push({ row: 1, column: '', itemCode: '', field: col.key, message: `missing column "${col.header}" (wrong template?)`, code: 'column_missing', params: { header: col.header } });
  }
  if (issues.length) return { items: [], issues };
  const letter = (k: ColumnKey) => columnLetter(index.get(k)!);

  const items: (ViolationItemData & { row: number })[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => text(c) === '')) return; // blank rows are skipped
    const get = (k: ColumnKey) => text(cells[index.get(k)!]);
    const code = get('code');
    const bad = new Set<ColumnKey>();
    const issue = (k: ColumnKey, message: string, c: FieldIssueCode, params?: Record<string, string | number>) => {
      bad.add(k);
      issues.push({ row, column: letter(k), itemCode: code, field: k, message: `${letter(k)}${row}: ${message}`, code: c, ...(params ? { params } : {}) });
    };
    for (const k of REQUIRED) if (get(k) === '') issue(k, `${header(k)} is required`, 'cell_required', { header: header(k) });

    const party = listOf<PartyType>(get('partyTypes'), PARTY_TYPE_LABELS, PARTY_TYPES);
    const partyOptions = Object.values(PARTY_TYPE_LABELS).join('、');
    for (const u of party.unknown) issue('partyTypes', `unknown party type "${u}" (use ${partyOptions})`, 'violation_party_unknown', { value: u, options: partyOptions });
    const kinds = listOf<PenaltyKind>(get('kinds'), PENALTY_KIND_LABELS, PENALTY_KINDS);
    const kindOptions = Object.values(PENALTY_KIND_LABELS).join('、');
    for (const u of kinds.unknown) issue('kinds', `unknown penalty kind "${u}" (use ${kindOptions})`, 'cell_not_option', { header: header('kinds'), value: u, options: kindOptions });

    const basisRaw = get('fineBasis');
    let fineBasis: FineBasis = 'amount';
    if (basisRaw !== '') {
      const b = (Object.entries(FINE_BASIS_LABELS) as [FineBasis, string][]).find(([, l]) => l === basisRaw)?.[0] ?? (FINE_BASES.includes(basisRaw as FineBasis) ? (basisRaw as FineBasis) : undefined);
      const options = Object.values(FINE_BASIS_LABELS).join('、');
      if (b) fineBasis = b;
      else issue('fineBasis', `unknown fine basis "${basisRaw}" (use ${options})`, 'cell_not_option', { header: header('fineBasis'), value: basisRaw, options });
    }
    const money = (k: ColumnKey, required: boolean): number | null => {
      const v = parseMoney(get(k), fineBasis);
      if (v === 'bad') {
        issue(k, `"${get(k)}" is not ${fineBasis === 'multiple' ? 'a share in % (one decimal at most)' : 'an amount in 元 (two decimals at most)'}`, 'violation_money_format', { header: header(k), value: get(k) });
        return null;
      }
      if (v === null && required) issue(k, `${header(k)} is required`, 'cell_required', { header: header(k) });
      return v;
    };
    const hasFine = kinds.values.includes('fine');
    const fineMin = money('fineMin', false);
    const fineMax = money('fineMax', false);
    const bands = BAND_LEVELS.map((level) => {
      const min = money(`${level}Min` as ColumnKey, hasFine);
      const max = money(`${level}Max` as ColumnKey, hasFine);
      return { level, fineMin: min ?? 0, fineMax: max ?? 0, conditions: get(`${level}Conditions` as ColumnKey) };
    });
    const opt = (k: ColumnKey) => get(k) || null;
    const item: ViolationItemData & { row: number } = {
      row,
      code,
      name: get('name'),
      partyTypes: party.values,
      violated: { law: get('violatedLaw'), version: get('violatedVersion'), article: get('violatedArticle'), quote: get('violatedQuote') },
      penaltyBasis: { law: get('basisLaw'), version: get('basisVersion'), article: get('basisArticle'), quote: get('basisQuote') },
      statutory: { kinds: kinds.values, fineBasis, fineMin, fineMax, multipleOf: opt('multipleOf'), orders: opt('orders') },
      bands,
      firstOffenceExemption: opt('firstOffence'),
    };
    // The item's own checks, each placed on its cell; a cell already reported is not reported twice.
    for (const p of itemIssues(item)) {
      const k = columnOfField(p.field);
      if (k === null) continue;
      if (bad.has(k)) continue;
      if (p.code === 'cell_required' && (k === 'partyTypes' || k === 'kinds') && get(k) !== '') continue; // only unknown words were given: reported above
      const params = p.code === 'cell_required' || p.code === 'cell_too_long' ? { ...p.params, header: header(k) } : p.params;
      issue(k, p.message, p.code, params);
    }
    if (code !== '') {
      const first = firstRowOf.get(code);
      if (first !== undefined) issue('code', `code ${code} is already used in row ${first}`, 'duplicate_in_file', { label: header('code'), value: code, row: first });
      else firstRowOf.set(code, row);
    }
    items.push(item);
  });
  if (items.length === 0 && issues.length === 0) issues.push({ row: 2, column: '', itemCode: '', field: 'code', message: 'the sheet has no rows', code: 'sheet_empty' });
  return { items, issues };
}

function moneyCell(v: number | null, basis: FineBasis): string | number {
  if (v === null) return '';
  if (basis === 'multiple') return v % 10 === 0 ? v / 10 : `${Math.trunc(v / 10)}.${v % 10}`;
  return v % 100 === 0 ? v / 100 : `${Math.trunc(v / 100)}.${String(v % 100).padStart(2, '0')}`;
}

/** The row of cells for one item, in template column order. */
export function itemToCells(item: ViolationItemData): Cell[] {
  const s = item.statutory;
  const v: Partial<Record<ColumnKey, Cell>> = {
    code: item.code,
    name: item.name,
    partyTypes: item.partyTypes.map((p) => PARTY_TYPE_LABELS[p]).join('、'),
    violatedLaw: item.violated.law,
    violatedVersion: item.violated.version,
    violatedArticle: item.violated.article,
    violatedQuote: item.violated.quote,
    basisLaw: item.penaltyBasis.law,
    basisVersion: item.penaltyBasis.version,
    basisArticle: item.penaltyBasis.article,
    basisQuote: item.penaltyBasis.quote,
    kinds: s.kinds.map((k) => PENALTY_KIND_LABELS[k]).join('、'),
    fineBasis: FINE_BASIS_LABELS[s.fineBasis],
    fineMin: moneyCell(s.fineMin, s.fineBasis),
    fineMax: moneyCell(s.fineMax, s.fineBasis),
    multipleOf: s.multipleOf ?? '',
    orders: s.orders ?? '',
    firstOffence: item.firstOffenceExemption ?? '',
  };
  for (const b of item.bands) {
    v[`${b.level}Min` as ColumnKey] = moneyCell(b.fineMin, s.fineBasis);
    v[`${b.level}Max` as ColumnKey] = moneyCell(b.fineMax, s.fineBasis);
    v[`${b.level}Conditions` as ColumnKey] = b.conditions;
  }
  return COLUMNS.map((c) => v[c.key] ?? '');
}
