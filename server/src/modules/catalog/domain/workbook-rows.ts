import type { FieldIssueCode } from '../../../platform/validation';
import { APPLIES_TO, SCORING_METHODS, type AppliesTo, type CatalogNodeData, type ScoringMethod, type TreeIssue } from './tree';

/**
 * The documented catalog workbook template: sheet 目录 with one row per node. Pure mapping between
 * cell values and nodes; reading and writing the .xlsx itself is in catalog.workbook.ts.
 */
export const CATALOG_SHEET = '目录';
export const INFO_SHEET = '说明';

export const COLUMNS = [
  { key: 'code', header: '编码', width: 12 },
  { key: 'parentCode', header: '上级编码', width: 12 },
  { key: 'level', header: '层级', width: 6 },
  { key: 'title', header: '标题', width: 30 },
  { key: 'text', header: '要求', width: 60 },
  { key: 'points', header: '分值', width: 8 },
  { key: 'method', header: '评分方式', width: 10 },
  { key: 'isVeto', header: '一票否决', width: 10 },
  { key: 'evidence', header: '佐证材料', width: 40 },
  { key: 'appliesTo', header: '适用层级', width: 10 },
  { key: 'guidance', header: '指导说明', width: 40 },
  { key: 'rule', header: '计算规则', width: 50 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export const METHOD_LABELS: Record<ScoringMethod, string> = { pass_fail: '是否', graded: '分级', computed: '计算' };
export const APPLIES_LABELS: Record<AppliesTo, string> = { department: '部门', team: '执法队', all: '全部' };

export type Cell = string | number | boolean | Date | null | undefined;

/** Column letter of a 0-based index (A … Z, AA …). */
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

export interface ParsedRows {
  nodes: (CatalogNodeData & { row: number })[];
  issues: TreeIssue[];
  /** Sheet column letter of each template column found in the header. */
  columns: Partial<Record<ColumnKey, string>>;
}

/**
 * Parses the data rows of the 目录 sheet. `header` is the first row as read; `rows[i]` is the
 * spreadsheet row `i + 2`. Every problem is reported with its row and column letter.
 */
export function parseCatalogRows(header: readonly Cell[], rows: readonly (readonly Cell[])[]): ParsedRows {
  const issues: TreeIssue[] = [];
  const index = new Map<ColumnKey, number>();
  const seen = header.map(text);
  for (const col of COLUMNS) {
    const i = seen.indexOf(col.header);
    if (i >= 0) index.set(col.key, i);
    else if (['code', 'parentCode', 'title', 'points', 'method'].includes(col.key)) {
      issues.push({ row: 1, column: '', nodeCode: '', field: col.key, message: `missing column "${col.header}" (wrong template?)`, code: 'column_missing', params: { header: col.header } });
    }
  }
  const known = new Set<string>(COLUMNS.map((c) => c.header));
  seen.forEach((h, i) => {
    const column = columnLetter(i);
    if (h && !known.has(h)) issues.push({ row: 1, column, nodeCode: '', field: h, message: `${column}1: unknown column "${h}"`, code: 'column_unknown', params: { header: h, column } });
  });
  const columns: ParsedRows['columns'] = Object.fromEntries([...index].map(([k, i]) => [k, columnLetter(i)]));
  if (issues.length) return { nodes: [], issues, columns };

  const nodes: (CatalogNodeData & { row: number })[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    const get = (k: ColumnKey): string => {
      const idx = index.get(k);
      return idx === undefined ? '' : text(cells[idx]);
    };
    if (cells.every((c) => text(c) === '')) return; // blank rows are skipped, not errors
    const code = get('code');
    const bad = (k: ColumnKey, message: string, issue: FieldIssueCode, params?: Record<string, string | number>) =>
      issues.push(placed({ row, nodeCode: code, field: k, message, code: issue, ...(params ? { params } : {}) }, columns));
    const header = (k: ColumnKey) => COLUMNS.find((c) => c.key === k)!.header;

    const pointsRaw = get('points');
    let points: number | null = null;
    if (pointsRaw !== '') {
      const n = Number(pointsRaw);
      if (!Number.isFinite(n) || n < 0) bad('points', `points must be a number ≥ 0, got "${pointsRaw}"`, 'points_invalid', { value: pointsRaw });
      else points = n;
    }
    const methodRaw = get('method');
    let method: ScoringMethod | null = null;
    if (methodRaw !== '') {
      const m = (Object.entries(METHOD_LABELS).find(([, label]) => label === methodRaw)?.[0] ?? methodRaw) as ScoringMethod;
      if ((SCORING_METHODS as readonly string[]).includes(m)) method = m;
      else {
        const options = Object.values(METHOD_LABELS).join(' / ');
        bad('method', `unknown scoring method "${methodRaw}" (use ${options})`, 'cell_not_option', { header: header('method'), value: methodRaw, options });
      }
    }
    const vetoRaw = get('isVeto');
    let isVeto = false;
    if (['是', 'Y', 'y', 'yes', 'true', 'TRUE', '1'].includes(vetoRaw)) isVeto = true;
    else if (!['', '否', 'N', 'n', 'no', 'false', 'FALSE', '0'].includes(vetoRaw)) bad('isVeto', `use 是 or 否, got "${vetoRaw}"`, 'cell_not_yes_no', { header: header('isVeto'), value: vetoRaw });
    const appliesRaw = get('appliesTo');
    let appliesTo: AppliesTo = 'team';
    if (appliesRaw !== '') {
      const a = (Object.entries(APPLIES_LABELS).find(([, label]) => label === appliesRaw)?.[0] ?? appliesRaw) as AppliesTo;
      if ((APPLIES_TO as readonly string[]).includes(a)) appliesTo = a;
      else {
        const options = Object.values(APPLIES_LABELS).join(' / ');
        bad('appliesTo', `unknown level "${appliesRaw}" (use ${options})`, 'cell_not_option', { header: header('appliesTo'), value: appliesRaw, options });
      }
    }
    const levelRaw = get('level');
    if (levelRaw !== '' && !/^[1-9]\d*$/.test(levelRaw)) bad('level', `level must be a positive whole number, got "${levelRaw}"`, 'level_invalid', { value: levelRaw });
    if (code === '') bad('code', 'code is empty', 'code_empty');
    const opt = (k: ColumnKey) => get(k) || null;
    nodes.push({
      row,
      code,
      parentCode: opt('parentCode'),
      title: get('title'),
      text: opt('text'),
      points,
      method,
      rule: opt('rule'),
      evidence: opt('evidence'),
      isVeto,
      appliesTo,
      guidance: opt('guidance'),
      ...(levelRaw !== '' ? { level: Number(levelRaw) } : {}),
    } as CatalogNodeData & { row: number });
  });
  // The level column, when given, must agree with the position in the tree.
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  for (const n of nodes as (CatalogNodeData & { row: number; level?: number })[]) {
    if (n.level === undefined) continue;
    let depth = 1;
    let p = n.parentCode;
    const seen = new Set<string>();
    while (p !== null && byCode.has(p) && !seen.has(p)) {
      seen.add(p);
      depth++;
      p = byCode.get(p)!.parentCode;
    }
    if (p === null && depth !== n.level) {
      issues.push(placed({ row: n.row, nodeCode: n.code, field: 'level', message: `level ${n.level} does not match the parent chain (level ${depth})`, code: 'level_mismatch', params: { level: n.level, expected: depth } }, columns));
    }
    delete n.level;
  }
  return { nodes, issues, columns };
}

/**
 * An issue about one node field placed in the sheet: its column letter, and the cell (`F12: …`) in
 * front of the message, as the ledger imports do. A rule problem's own position (`column 37` of the
 * rule text) is reworded as a position inside the rule, so it cannot be read as a sheet column.
 */
function placed(issue: TreeIssue, columns: ParsedRows['columns']): TreeIssue {
  if (issue.column !== undefined) return issue;
  const column = columns[issue.field as ColumnKey] ?? '';
  const message = issue.field === 'rule' ? issue.message.replace(/^(?:line (\d+), )?column (\d+): /, (_, line: string | undefined, col: string) => `in the rule at ${line ? `line ${line}, ` : ''}character ${col}: `) : issue.message;
  const at = column && issue.row !== undefined ? `${column}${issue.row}: ` : '';
  return { ...issue, column, message: at + message };
}

/**
 * Places the tree checks' issues (which know nodes, not cells) in the sheet: every issue gets a row
 * and a column. A whole-tree problem (no top-level node) is put on the first data row.
 */
export function placeIssues(parsed: ParsedRows, issues: readonly TreeIssue[]): TreeIssue[] {
  const firstRow = parsed.nodes[0]?.row ?? 2;
  return issues.map((i) => placed(i.row === undefined ? { ...i, row: firstRow } : i, parsed.columns));
}

/** The row of cells for one node, in template column order. */
export function nodeToCells(n: CatalogNodeData, depth: number): Cell[] {
  const v: Record<ColumnKey, Cell> = {
    code: n.code,
    parentCode: n.parentCode ?? '',
    level: depth + 1,
    title: n.title,
    text: n.text ?? '',
    points: n.points ?? '',
    method: n.method ? METHOD_LABELS[n.method] : '',
    isVeto: n.isVeto ? '是' : '否',
    evidence: n.evidence ?? '',
    appliesTo: APPLIES_LABELS[n.appliesTo],
    guidance: n.guidance ?? '',
    rule: n.rule ?? '',
  };
  return COLUMNS.map((c) => v[c.key]);
}
