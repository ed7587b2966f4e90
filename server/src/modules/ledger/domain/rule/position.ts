/** Positions and errors shared by the lexer, parser and checker of the rule language. */
import type { FieldIssueCode } from '../../../../platform/validation';

/** Hard limits against abusive or runaway input. */
export const RULE_LIMITS = Object.freeze({ maxLength: 2000, maxDepth: 32, maxTokens: 500 });

/** A problem at a place in the rule's source. */
export interface RuleError {
  /** Full message with position: "line 1, column 27: expected ')' but found 'where'". */
  message: string;
  /** The message without its position prefix. */
  reason: string;
  /** 0-based offset in UTF-16 code units (a JavaScript string index). */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in characters (code points) from the start of the line. */
  column: number;
  /** The kind of problem, translated by the web (`fieldErrors.<code>`) with `params` (always line and column). */
  code: RuleProblemCode;
  params: Record<string, string | number>;
}

/** The field-issue codes of rule problems (see FIELD_ISSUE_CODES). */
export type RuleProblemCode = Extract<FieldIssueCode, `rule_${string}`>;

export function lineColumn(src: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, src.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Array.from(src.slice(lineStart, at)).length + 1 };
}

/** A problem at `offset`; without a code it is a syntax error (the rest of the reason is English detail). */
export function ruleError(src: string, offset: number, reason: string, code: RuleProblemCode = 'rule_syntax', params: Record<string, string | number> = {}): RuleError {
  const at = Math.max(0, Math.min(offset, src.length));
  const { line, column } = lineColumn(src, at);
  return { message: `line ${line}, column ${column}: ${reason}`, reason, offset: at, line, column, code, params: { line, column, ...params } };
}

/** Short position prefix for one-line messages: "column 27" on line 1, else "line 2, column 4". */
export function shortPosition(e: Pick<RuleError, 'line' | 'column'>): string {
  return e.line === 1 ? `column ${e.column}` : `line ${e.line}, column ${e.column}`;
}

/** Closest candidate within edit distance 2 (for "did you mean …?"). */
export function suggest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
