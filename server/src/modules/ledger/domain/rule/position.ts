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

/**
 * Why a rule does not parse: the `reason` param of a `rule_syntax` problem, a closed set so that the web can translate
 * it (fieldErrors.rule_syntax_reason.<reason>, with the other params) where the English `reason` text is detail for
 * API readers. Params by reason: number_digit_after_dot {number}; number_followed {number, found}; keyword_case and
 * name_case {found, write}; lookalike {found, write}; text_unquoted and unexpected_character {found}; expected_token
 * {expected}; aggregate_needs_field {fn}; field_outside_where {name}; count_field {entity}; chained_comparison
 * {previous, found}.
 */
export const RULE_SYNTAX_REASONS = [
  // lexer
  'unterminated_string',
  'number_digit_after_dot',
  'number_followed',
  'number_too_large',
  'keyword_case',
  'name_case',
  'lookalike', // full-width or look-alike punctuation ('（', '≥', '“', '==', '&&' …): write the ASCII one
  'lookalike_not', // '!': 'not' or '!='
  'text_unquoted', // a letter (Chinese text) outside quotes
  'unexpected_character',
  // parser
  'not_text',
  'unexpected_end', // the rule stops where a value is needed
  'expected_value',
  'expected_token', // a fixed token: ')', '(' after a function name, '.'
  'expected_operator', // something after a complete rule
  'expected_entity',
  'expected_metric',
  'expected_where', // exists(…) without 'where'
  'aggregate_needs_field', // sum/avg/min/max need ENTITY.FIELD
  'count_field', // count(entity.field)
  'field_outside_where',
  'unmatched_paren',
  'chained_comparison',
] as const;
export type RuleSyntaxReason = (typeof RULE_SYNTAX_REASONS)[number];

/** A problem at `offset` of the given kind; `reason` is the English detail (see syntaxError for syntax problems). */
export function ruleError(src: string, offset: number, reason: string, code: Exclude<RuleProblemCode, 'rule_syntax'>, params: Record<string, string | number> = {}): RuleError {
  return located(src, offset, reason, code, params);
}

/** A syntax error at `offset`: code `rule_syntax` with its translatable `why` as the `reason` param. */
export function syntaxError(src: string, offset: number, reason: string, why: RuleSyntaxReason, params: Record<string, string | number> = {}): RuleError {
  return located(src, offset, reason, 'rule_syntax', { reason: why, ...params });
}

function located(src: string, offset: number, reason: string, code: RuleProblemCode, params: Record<string, string | number>): RuleError {
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
