/**
 * Lexer of the rule language. Keywords are lower-case only; names are ASCII `[a-z_][a-z0-9_]*`;
 * strings are single-quoted with '' as the escape for a quote and may contain any text except a line
 * break; numbers are decimal (`12`, `0.95`). Full-width punctuation gets a hint to use the ASCII one.
 */
import { RULE_LIMITS, ruleError, syntaxError, type RuleError, type RuleSyntaxReason } from './position';

export const KEYWORDS = ['and', 'or', 'not', 'where', 'true', 'false', 'count', 'sum', 'avg', 'min', 'max', 'exists', 'metric'] as const;
export type Keyword = (typeof KEYWORDS)[number];
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

export const OPERATORS = ['<=', '>=', '!=', '=', '<', '>', '+', '-', '*', '/', '(', ')', '.'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Token =
  | { kind: 'number'; text: string; value: number; start: number; end: number }
  | { kind: 'string'; text: string; value: string; start: number; end: number }
  | { kind: 'name'; text: string; start: number; end: number }
  | { kind: 'keyword'; text: Keyword; start: number; end: number }
  | { kind: 'op'; text: Operator; start: number; end: number }
  | { kind: 'eof'; text: ''; start: number; end: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: RuleError };

/** Characters people type by accident on a Chinese keyboard, and what to write instead. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '（': '(',
  '）': ')',
  '＝': '=',
  '＜': '<',
  '＞': '>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '＋': '+',
  '－': '-',
  '＊': '*',
  '／': '/',
  '．': '.',
  '。': '.',
  '‘': "'",
  '’': "'",
  '“': "'",
  '”': "'",
  '"': "'",
  '==': '=',
  '&&': 'and',
  '||': 'or',
  '!': "'not' or '!='",
};

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\u3000', '\u00a0']);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}
function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c);
}

export function tokenize(src: string): LexResult {
  const tokens: Token[] = [];
  const fail = (offset: number, reason: string, why: RuleSyntaxReason, params: Record<string, string | number> = {}): LexResult => ({ ok: false, error: syntaxError(src, offset, reason, why, params) });
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (tokens.length >= RULE_LIMITS.maxTokens) {
      return { ok: false, error: ruleError(src, i, `rule has too many tokens (more than ${RULE_LIMITS.maxTokens})`, 'rule_too_complex', { limit: RULE_LIMITS.maxTokens }) };
    }
    const start = i;
    if (isDigit(c)) {
      while (isDigit(src[i])) i++;
      if (src[i] === '.') {
        if (!isDigit(src[i + 1])) return fail(i + 1, `expected a digit after '.' in number '${src.slice(start, i + 1)}'`, 'number_digit_after_dot', { number: src.slice(start, i + 1) });
        i++;
        while (isDigit(src[i])) i++;
      }
      if (isNamePart(src[i]) || src[i] === '.') return fail(i, `unexpected '${src[i]}' right after number '${src.slice(start, i)}'`, 'number_followed', { number: src.slice(start, i), found: src[i]! });
      const text = src.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value)) return fail(start, `number '${text.slice(0, 20)}…' is too large`, 'number_too_large');
      tokens.push({ kind: 'number', text, value, start, end: i });
      continue;
    }
    if (isNameStart(c)) {
      while (isNamePart(src[i])) i++;
      const text = src.slice(start, i);
      const lower = text.toLowerCase();
      if (text !== lower) {
        return KEYWORD_SET.has(lower)
          ? fail(start, `keywords are lower-case: write '${lower}' instead of '${text}'`, 'keyword_case', { found: text, write: lower })
          : fail(start, `names are lower-case: write '${lower}' instead of '${text}'`, 'name_case', { found: text, write: lower });
      }
      if (KEYWORD_SET.has(text)) tokens.push({ kind: 'keyword', text: text as Keyword, start, end: i });
      else tokens.push({ kind: 'name', text, start, end: i });
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        const d = src[i];
        if (d === undefined) return fail(start, "unterminated string: missing closing quote (')", 'unterminated_string');
        if (d === '\n' || d === '\r') return fail(start, "unterminated string: missing closing quote (') before the end of the line", 'unterminated_string');
        if (d === "'") {
          if (src[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'string', text: src.slice(start, i), value, start, end: i });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=') {
      tokens.push({ kind: 'op', text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if (two === '==' || two === '&&' || two === '||') return fail(start, `unexpected '${two}'; write ${quoteHint(LOOKALIKES[two]!)} instead`, 'lookalike', { found: two, write: LOOKALIKES[two]! });
    if ('=<>+-*/().'.includes(c)) {
      tokens.push({ kind: 'op', text: c as Operator, start, end: i + 1 });
      i++;
      continue;
    }
    const cp = String.fromCodePoint(src.codePointAt(i) ?? 0);
    const hint = LOOKALIKES[cp];
    if (hint !== undefined) return fail(start, `unexpected character '${cp}'; write ${quoteHint(hint)} instead`, cp === '!' ? 'lookalike_not' : 'lookalike', cp === '!' ? {} : { found: cp, write: hint });
    if (/\p{L}/u.test(cp)) return fail(start, `unexpected character '${cp}'; text must be in single quotes, e.g. '${cp}'`, 'text_unquoted', { found: cp });
    return fail(start, `unexpected character '${printable(cp)}'`, 'unexpected_character', { found: printable(cp) });
  }
  tokens.push({ kind: 'eof', text: '', start: src.length, end: src.length });
  return { ok: true, tokens };
}

function quoteHint(h: string): string {
  if (h === "'") return "a straight single quote (')";
  return h.startsWith("'") && h.length > 1 ? h : `'${h}'`;
}

function printable(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 32 || code === 127 ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}
