/** Syntax tree of a rule. Every node carries its source span [start, end) as string offsets. */

export interface Span {
  start: number;
  end: number;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/';
export type LogicalOp = 'and' | 'or';
export type BinaryOp = ComparisonOp | ArithmeticOp | LogicalOp;
export type AggregateFn = 'sum' | 'avg' | 'min' | 'max';

export type RuleExpr =
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'boolean'; value: boolean } & Span)
  /** A bare name inside `where`: a field of the entity being filtered. */
  | ({ kind: 'field'; name: string } & Span)
  | ({ kind: 'not'; operand: RuleExpr } & Span)
  | ({ kind: 'negate'; operand: RuleExpr } & Span)
  | ({ kind: 'binary'; op: BinaryOp; opSpan: Span; left: RuleExpr; right: RuleExpr } & Span)
  | ({ kind: 'count'; entity: string; entitySpan: Span; where: RuleExpr | null } & Span)
  | ({ kind: 'aggregate'; fn: AggregateFn; entity: string; entitySpan: Span; field: string; fieldSpan: Span; where: RuleExpr | null } & Span)
  | ({ kind: 'exists'; entity: string; entitySpan: Span; where: RuleExpr } & Span)
  | ({ kind: 'metric'; name: string; nameSpan: Span } & Span);

/** A parsed rule: the tree plus the source it came from (terms and explanations quote it). */
export interface RuleAst {
  source: string;
  expr: RuleExpr;
}

export const COMPARISON_OPS: readonly ComparisonOp[] = ['=', '!=', '<', '<=', '>', '>='];

export function isComparison(op: BinaryOp): op is ComparisonOp {
  return (COMPARISON_OPS as readonly string[]).includes(op);
}
export function isArithmetic(op: BinaryOp): op is ArithmeticOp {
  return op === '+' || op === '-' || op === '*' || op === '/';
}

/** Aggregates and metrics: the nodes that read ledger rows or KPI data. */
export type TermExpr = Extract<RuleExpr, { kind: 'count' | 'aggregate' | 'exists' | 'metric' }>;

export function isTerm(e: RuleExpr): e is TermExpr {
  return e.kind === 'count' || e.kind === 'aggregate' || e.kind === 'exists' || e.kind === 'metric';
}

export function children(e: RuleExpr): RuleExpr[] {
  switch (e.kind) {
    case 'not':
    case 'negate':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'count':
    case 'aggregate':
      return e.where ? [e.where] : [];
    case 'exists':
      return [e.where];
    default:
      return [];
  }
}

/** Pre-order walk (source order). */
export function walk(e: RuleExpr, visit: (node: RuleExpr) => void): void {
  visit(e);
  for (const c of children(e)) walk(c, visit);
}

export interface RuleReferences {
  /** Ledger entities whose rows the rule reads (sorted). */
  entities: string[];
  /** Metrics the rule reads (sorted). */
  metrics: string[];
}

/** What data a rule reads: load these, and recompute the rule when any of them changes. */
export function referencedEntities(ast: RuleAst): RuleReferences {
  const entities = new Set<string>();
  const metrics = new Set<string>();
  walk(ast.expr, (n) => {
    if (n.kind === 'count' || n.kind === 'aggregate' || n.kind === 'exists') entities.add(n.entity);
    else if (n.kind === 'metric') metrics.add(n.name);
  });
  return { entities: [...entities].sort(), metrics: [...metrics].sort() };
}
