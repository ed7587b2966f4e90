/**
 * Evaluator: computes a checked rule over ledger rows and metrics, with three-valued logic
 * (null = unknown), the value of every aggregate/metric term, and a one-line explanation.
 * Pure: no I/O, no clocks, never throws for a rule that type-checks.
 */
import { isArithmetic, isComparison, isTerm, walk, type RuleAst, type RuleExpr, type TermExpr } from './ast';
import { checkRule } from './checker';
import { shortPosition } from './position';
import { DEFAULT_RULE_SCHEMA, type RuleSchema } from './schema';

export type RuleRow = Readonly<Record<string, unknown>>;

export interface RuleData {
  /** Rows per entity. An entity the rule reads must be present (use [] for an empty ledger); an absent one makes its terms unknown. */
  rows: Readonly<Record<string, readonly RuleRow[] | undefined>>;
  /** Metric values (rates 0..1); null/absent = no data. */
  metrics: Readonly<Record<string, number | null | undefined>>;
}

export interface RuleTerm {
  /** Source text of the aggregate or metric (whitespace collapsed). */
  text: string;
  value: number | boolean | null;
  /** Rows matched by the `where` (all rows when there is none); aggregates only. */
  matched?: number;
  /** `id` of the matched rows, at most 50; aggregates only. */
  rowIds?: string[];
  /** Where the term is in the source. */
  start: number;
  end: number;
}

export interface RuleEvaluation {
  /** true = 符合, false = 不符合, null = 无法计算 (unknown). */
  value: boolean | null;
  /** Every aggregate and metric in source order. */
  terms: RuleTerm[];
  /** e.g. "count(asset where …) = 20 ≥ count(person where …) = 20 → 符合". */
  explanation: string;
  /** Metrics the rule reads that have no data. */
  missing: string[];
  /** Set (and value null) when the rule does not parse or type-check. */
  error?: string;
}

export const MAX_ROW_IDS = 50;

type Value = number | string | boolean | null;

interface TermResult {
  value: number | boolean | null;
  matched?: number;
  rowIds?: string[];
}

const EPSILON = 1e-9;

function numbersEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

function normalize(v: unknown): Value {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

function formatValue(v: Value, unknown: string): string {
  if (v === null) return unknown;
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

const SYMBOLS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '!=': '≠', '*': '×', '/': '÷' };

const AGG_LABEL = { avg: '平均值', min: '最小值', max: '最大值', sum: '合计' } as const;

function precedence(e: RuleExpr): number {
  if (e.kind === 'binary') {
    if (e.op === 'or') return 1;
    if (e.op === 'and') return 2;
    if (isComparison(e.op)) return 4;
    return e.op === '+' || e.op === '-' ? 5 : 6;
  }
  if (e.kind === 'not') return 3;
  if (e.kind === 'negate') return 7;
  return 8;
}

class Evaluation {
  readonly terms = new Map<TermExpr, TermResult>();
  readonly values = new Map<RuleExpr, Value>();
  readonly reasons = new Set<string>();
  readonly missing = new Set<string>();

  constructor(
    private readonly ast: RuleAst,
    private readonly data: RuleData,
  ) {}

  text(e: RuleExpr): string {
    return this.ast.source.slice(e.start, e.end).replace(/\s+/g, ' ');
  }

  private rowsOf(entity: string): readonly RuleRow[] | null {
    const rows = Object.hasOwn(this.data.rows, entity) ? this.data.rows[entity] : undefined;
    if (!Array.isArray(rows)) {
      this.reasons.add(`缺少台账数据: ${entity}`);
      return null;
    }
    return rows as readonly RuleRow[];
  }

  term(e: TermExpr): TermResult {
    const cached = this.terms.get(e);
    if (cached) return cached;
    const r = this.computeTerm(e);
    this.terms.set(e, r);
    return r;
  }

  private computeTerm(e: TermExpr): TermResult {
    if (e.kind === 'metric') {
      const raw = Object.hasOwn(this.data.metrics, e.name) ? this.data.metrics[e.name] : undefined;
      if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw };
      this.missing.add(e.name);
      this.reasons.add(`缺少指标数据: ${e.name}`);
      return { value: null };
    }
    const rows = this.rowsOf(e.entity);
    if (!rows) return { value: null };
    const where = e.where;
    const matched = where ? rows.filter((row) => row !== null && typeof row === 'object' && this.eval(where, row) === true) : rows;
    const rowIds: string[] = [];
    for (const row of matched) {
      if (rowIds.length >= MAX_ROW_IDS) break;
      const id: unknown = row?.id;
      if (typeof id === 'string' || typeof id === 'number') rowIds.push(String(id));
    }
    const base = { matched: matched.length, rowIds };
    if (e.kind === 'count') return { value: matched.length, ...base };
    if (e.kind === 'exists') return { value: matched.length > 0, ...base };
    const nums: number[] = [];
    for (const row of matched) {
      const v = normalize(row?.[e.field]);
      if (typeof v === 'number') nums.push(v);
    }
    if (e.fn === 'sum') return { value: nums.reduce((a, b) => a + b, 0), ...base };
    if (nums.length === 0) {
      this.reasons.add(`${AGG_LABEL[e.fn]}无数据: ${this.text(e)}`);
      return { value: null, ...base };
    }
    if (e.fn === 'avg') return { value: nums.reduce((a, b) => a + b, 0) / nums.length, ...base };
    let best = nums[0]!;
    for (const n of nums) if (e.fn === 'min' ? n < best : n > best) best = n;
    return { value: best, ...base };
  }

  /** Value of `e`; `row` is the row a `where` is looking at. Row-independent results are memoised. */
  eval(e: RuleExpr, row?: RuleRow): Value {
    if (!row) {
      if (this.values.has(e)) return this.values.get(e) ?? null;
      const v = this.compute(e);
      this.values.set(e, v);
      return v;
    }
    return this.compute(e, row);
  }

  private compute(e: RuleExpr, row?: RuleRow): Value {
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return e.value;
      case 'field':
        return row ? normalize(row[e.name]) : null;
      case 'count':
      case 'aggregate':
      case 'exists':
      case 'metric':
        return this.term(e).value;
      case 'not': {
        const v = this.eval(e.operand, row);
        return typeof v === 'boolean' ? !v : null;
      }
      case 'negate': {
        const v = this.eval(e.operand, row);
        return typeof v === 'number' ? -v : null;
      }
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          const stop = e.op === 'or'; // or: true wins; and: false wins
          const l = this.eval(e.left, row);
          if (l === stop) return stop;
          const r = this.eval(e.right, row);
          if (r === stop) return stop;
          return l === !stop && r === !stop ? !stop : null;
        }
        const l = this.eval(e.left, row);
        const r = this.eval(e.right, row);
        if (l === null || r === null) return null;
        if (isArithmetic(e.op)) {
          if (typeof l !== 'number' || typeof r !== 'number') return null;
          if (e.op === '/' && r === 0) {
            this.reasons.add('分母为0');
            return null;
          }
          const v = e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
          return Number.isFinite(v) ? v : null;
        }
        if (typeof l !== typeof r) return null;
        if (typeof l === 'number' && typeof r === 'number') {
          const eq = numbersEqual(l, r);
          switch (e.op) {
            case '=':
              return eq;
            case '!=':
              return !eq;
            case '<':
              return l < r && !eq;
            case '<=':
              return l < r || eq;
            case '>':
              return l > r && !eq;
            case '>=':
              return l > r || eq;
          }
        }
        if (e.op === '=') return l === r;
        if (e.op === '!=') return l !== r;
        return null;
      }
    }
  }

  /**
   * Human-readable rendering with the value of every term. `parent`: precedence of the enclosing node;
   * `ctx`: what encloses it (a logical operator marks comparisons ✓/✗/?, an arithmetic chain shows its result once).
   */
  render(e: RuleExpr, parent: number, ctx: 'logical' | 'arith' | 'other'): string {
    const prec = precedence(e);
    if (isTerm(e)) return `${this.text(e)} = ${formatValue(this.term(e).value, '无数据')}`;
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'boolean':
      case 'field':
        return this.text(e);
      case 'negate':
        return `-${this.render(e.operand, prec, 'arith')}`;
      case 'not': {
        const s = `not ${this.render(e.operand, prec, 'logical')}`;
        return prec < parent ? `(${s})` : s;
      }
      case 'binary': {
        const sym = SYMBOLS[e.op] ?? e.op;
        if (isArithmetic(e.op)) {
          const s = `${this.render(e.left, prec, 'arith')} ${sym} ${this.render(e.right, prec + 1, 'arith')}`;
          if (ctx !== 'arith') return `(${s}) = ${formatValue(this.eval(e), '无法计算')}`;
          return prec < parent ? `(${s})` : s;
        }
        if (isComparison(e.op)) {
          const s = `${this.render(e.left, prec + 1, 'other')} ${sym} ${this.render(e.right, prec + 1, 'other')}`;
          const withMark = ctx === 'logical' ? `${s} ${mark(this.eval(e))}` : s;
          return prec < parent ? `(${withMark})` : withMark;
        }
        const s = `${this.render(e.left, prec, 'logical')} ${e.op} ${this.render(e.right, prec + 1, 'logical')}`;
        return prec < parent ? `(${s}) ${mark(this.eval(e))}` : s;
      }
    }
  }
}

function mark(v: Value): string {
  return v === true ? '✓' : v === false ? '✗' : '?';
}

export function outcomeText(value: boolean | null, reasons: Iterable<string> = []): string {
  if (value === true) return '符合';
  if (value === false) return '不符合';
  const r = [...reasons];
  return r.length > 0 ? `无法计算: ${r.join('; ')}` : '无法计算';
}

export function evaluateRule(input: RuleAst | string, data: RuleData, schema: RuleSchema = DEFAULT_RULE_SCHEMA): RuleEvaluation {
  const checked = checkRule(input, schema);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    const error = `${shortPosition(first)}: ${first.reason}`;
    return { value: null, terms: [], explanation: `规则无效: ${error}`, missing: [], error };
  }
  const ast = checked.ast;
  const ev = new Evaluation(ast, data);
  // Every term is row-independent: compute them all (even in branches and/or would skip) so callers see each value.
  walk(ast.expr, (n) => {
    if (isTerm(n)) ev.term(n);
  });
  const v = ev.eval(ast.expr);
  const value = typeof v === 'boolean' ? v : null;
  const outcome = outcomeText(value, ev.reasons);
  const terms: RuleTerm[] = [];
  walk(ast.expr, (n) => {
    if (!isTerm(n)) return;
    const r = ev.term(n);
    const t: RuleTerm = { text: ev.text(n), value: r.value, start: n.start, end: n.end };
    if (r.matched !== undefined) t.matched = r.matched;
    if (r.rowIds !== undefined) t.rowIds = r.rowIds;
    terms.push(t);
  });
  const explanation = `${ev.render(ast.expr, 0, 'other')} → ${outcome}`;
  return { value, terms, explanation, missing: [...ev.missing].sort() };
}
