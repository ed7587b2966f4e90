import type { FieldIssueCode, IssueProblem } from '../../../platform/validation';

/**
 * The catalog tree as plain data, and the checks a version must pass before it is imported or
 * published. Pure: callers pass rows, get back every problem at once (never just the first).
 */
export const SCORING_METHODS = ['pass_fail', 'graded', 'computed'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export const APPLIES_TO = ['department', 'team', 'all'] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

export interface CatalogNodeData {
  code: string;
  parentCode: string | null;
  title: string;
  text: string | null;
  points: number | null;
  method: ScoringMethod | null;
  rule: string | null;
  evidence: string | null;
  isVeto: boolean;
  appliesTo: AppliesTo;
  guidance: string | null;
}

export interface TreeIssue {
  /** 1-based spreadsheet row when the nodes came from a workbook. */
  row?: number;
  /** Sheet column letter when the nodes came from a workbook ('' for a problem with the whole row or sheet). */
  column?: string;
  /** The node's code ('' for a problem with the whole tree or sheet). */
  nodeCode: string;
  field: string;
  /** English, for API readers. */
  message: string;
  /** What is wrong, translated by the web (`fieldErrors.<code>` with `params`). */
  code: FieldIssueCode;
  params?: Record<string, string | number>;
}

export interface RowRef {
  row?: number;
}

/**
 * Checks codes, parents, cycles and leaf fields. `checkRule` lets the computed-rule language (ledger
 * module) veto a rule that does not parse; without it a computed item only needs a non-empty rule.
 */
export function treeIssues(nodes: readonly (CatalogNodeData & RowRef)[], checkRule?: (rule: string) => IssueProblem | null): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const issue = (at: RowRef, nodeCode: string, field: string, p: IssueProblem) => issues.push({ ...at, nodeCode, field, ...p });
  const byCode = new Map<string, CatalogNodeData & RowRef>();
  for (const n of nodes) {
    const at = n.row !== undefined ? { row: n.row } : {};
    if (!n.code.trim()) {
      issue(at, n.code, 'code', { code: 'code_empty', message: 'code is empty' });
      continue;
    }
    if (byCode.has(n.code)) {
      const first = byCode.get(n.code)!;
      issue(
        at,
        n.code,
        'code',
        first.row !== undefined ? { code: 'code_duplicate_row', message: `duplicate code (first used in row ${first.row})`, params: { row: first.row } } : { code: 'code_duplicate', message: 'duplicate code (first used)' },
      );
      continue;
    }
    byCode.set(n.code, n);
  }
  const children = new Map<string, string[]>();
  for (const n of byCode.values()) {
    const at = n.row !== undefined ? { row: n.row } : {};
    if (n.parentCode !== null) {
      if (n.parentCode === n.code) issue(at, n.code, 'parentCode', { code: 'parent_self', message: 'a node cannot be its own parent' });
      else if (!byCode.has(n.parentCode)) issue(at, n.code, 'parentCode', { code: 'parent_unknown', message: `unknown parent code ${n.parentCode}`, params: { parent: n.parentCode } });
      else children.set(n.parentCode, [...(children.get(n.parentCode) ?? []), n.code]);
    }
    if (!n.title.trim()) issue(at, n.code, 'title', { code: 'title_empty', message: 'title is empty' });
  }
  // Cycles: follow parents from every node; a path that revisits a node never reaches a root.
  for (const n of byCode.values()) {
    const seen = new Set<string>([n.code]);
    let p = n.parentCode;
    while (p !== null && byCode.has(p)) {
      if (seen.has(p)) {
        issue(n.row !== undefined ? { row: n.row } : {}, n.code, 'parentCode', { code: 'parent_cycle', message: `cycle through ${p}`, params: { via: p } });
        break;
      }
      seen.add(p);
      p = byCode.get(p)!.parentCode;
    }
  }
  if (byCode.size > 0 && ![...byCode.values()].some((n) => n.parentCode === null)) {
    issue({}, '', 'parentCode', { code: 'no_top_level', message: 'the tree has no top-level node' });
  }
  for (const n of byCode.values()) {
    const at = n.row !== undefined ? { row: n.row } : {};
    const leaf = !children.has(n.code);
    if (leaf) {
      if (n.points === null || !Number.isFinite(n.points) || n.points <= 0) issue(at, n.code, 'points', { code: 'points_required', message: 'an item needs points > 0' });
      if (n.method === null) issue(at, n.code, 'method', { code: 'method_required', message: 'an item needs a scoring method' });
      if (n.method === 'computed') {
        if (!n.rule?.trim()) issue(at, n.code, 'rule', { code: 'rule_required', message: 'a computed item needs a rule' });
        else if (checkRule) {
          const problem = checkRule(n.rule);
          if (problem) issue(at, n.code, 'rule', problem);
        }
      } else if (n.rule?.trim()) {
        issue(at, n.code, 'rule', { code: 'rule_not_computed', message: 'only computed items carry a rule' });
      }
    } else {
      if (n.method !== null) issue(at, n.code, 'method', { code: 'method_on_group', message: 'only items (leaves) are scored; this node has children' });
      if (n.isVeto) issue(at, n.code, 'isVeto', { code: 'veto_on_group', message: 'only items (leaves) can be veto items' });
    }
  }
  return issues;
}

export interface TreeNode<T> {
  node: T;
  depth: number;
  children: TreeNode<T>[];
}

/** Orders nodes depth-first (parents before children, siblings by natural code order) with depths. */
export function orderTree<T extends { code: string; parentCode: string | null }>(nodes: readonly T[]): { node: T; depth: number }[] {
  const kids = new Map<string | null, T[]>();
  for (const n of nodes) kids.set(n.parentCode, [...(kids.get(n.parentCode) ?? []), n]);
  for (const list of kids.values()) list.sort((a, b) => compareCodes(a.code, b.code));
  const out: { node: T; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of kids.get(parent) ?? []) {
      out.push({ node: n, depth });
      walk(n.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Natural order of dotted codes: 1.2 < 1.10 < 2. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split(/[.\-]/);
  const pb = b.split(/[.\-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Leaves of the tree: the assessable items. */
export function leaves<T extends { code: string; parentCode: string | null }>(nodes: readonly T[]): T[] {
  const parents = new Set(nodes.map((n) => n.parentCode).filter((c): c is string => c !== null));
  return nodes.filter((n) => !parents.has(n.code));
}

/** The top-level ancestor (aspect) code of each node. */
export function aspectOf<T extends { code: string; parentCode: string | null }>(nodes: readonly T[]): Map<string, string> {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const out = new Map<string, string>();
  for (const n of nodes) {
    let cur: T = n;
    const seen = new Set<string>();
    while (cur.parentCode !== null && byCode.has(cur.parentCode) && !seen.has(cur.code)) {
      seen.add(cur.code);
      cur = byCode.get(cur.parentCode)!;
    }
    out.set(n.code, cur.code);
  }
  return out;
}
