/**
 * Recursive-descent parser of the rule language (grammar in docs/rule-language.md). Never throws:
 * returns the tree or one error naming what was expected and what was found, with its position.
 */
import { isComparison, type AggregateFn, type BinaryOp, type RuleAst, type RuleExpr, type Span } from './ast';
import { tokenize, type Token } from './lexer';
import { RULE_LIMITS, ruleError, syntaxError, type RuleError, type RuleSyntaxReason } from './position';

export type ParseResult = { ok: true; ast: RuleAst } | { ok: false; error: RuleError };

class ParseFailure {
  constructor(
    readonly offset: number,
    readonly reason: string,
    /** A syntax error's translatable reason, or null for nesting too deep (rule_too_complex). */
    readonly why: RuleSyntaxReason | null,
    readonly params: Record<string, string | number> = {},
  ) {}
}

const VALUE_EXPECTED = "a value (number, 'text', true, false, '(', count, sum, avg, min, max, exists or metric)";

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of rule';
    case 'string':
      return `string ${t.text.length > 24 ? `${t.text.slice(0, 20)}…'` : t.text}`;
    case 'number':
      return `number ${t.text}`;
    default:
      return `'${t.text}'`;
  }
}

export function parseRule(src: string): ParseResult {
  if (typeof src !== 'string') return { ok: false, error: syntaxError('', 0, 'rule must be text', 'not_text') };
  if (src.length > RULE_LIMITS.maxLength) {
    return { ok: false, error: ruleError(src, RULE_LIMITS.maxLength, `rule is too long: ${src.length} characters (max ${RULE_LIMITS.maxLength})`, 'rule_too_long', { limit: RULE_LIMITS.maxLength }) };
  }
  const lexed = tokenize(src);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  if (tokens.length === 1) return { ok: false, error: ruleError(src, 0, 'rule is empty', 'rule_empty') };
  try {
    const expr = new Parser(tokens).parseRule();
    return { ok: true, ast: { source: src, expr } };
  } catch (e) {
    if (e instanceof ParseFailure) {
      return { ok: false, error: e.why === null ? ruleError(src, e.offset, e.reason, 'rule_too_complex', e.params) : syntaxError(src, e.offset, e.reason, e.why, e.params) };
    }
    throw e;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  private whereDepth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseRule(): RuleExpr {
    const e = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') {
      if (t.kind === 'op' && t.text === ')') this.fail(t, "unexpected ')' without a matching '('", 'unmatched_paren');
      this.fail(t, `expected an operator or end of rule but found ${describeToken(t)}`, 'expected_operator');
    }
    return e;
  }

  private peek(): Token {
    return this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  private isKeyword(text: string): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.text === text;
  }
  private fail(t: Token, reason: string, why: RuleSyntaxReason, params?: Record<string, string | number>): never {
    throw new ParseFailure(t.start, reason, why, params);
  }
  /** `why` replaces the plain "expected ')'" where the context says more (sum needs ENTITY.FIELD). */
  private expectOp(text: string, hint = '', why?: [RuleSyntaxReason, Record<string, string | number>]): Token {
    if (!this.isOp(text)) {
      const [reason, params] = why ?? ['expected_token', { expected: text }];
      this.fail(this.peek(), `expected '${text}' but found ${describeToken(this.peek())}${hint}`, reason, params);
    }
    return this.next();
  }
  private expectName(what: string, why: RuleSyntaxReason, hint = '', params?: Record<string, string | number>): Token & { kind: 'name' } {
    const t = this.peek();
    if (t.kind !== 'name') this.fail(t, `expected ${what} but found ${describeToken(t)}${hint}`, why, params);
    this.next();
    return t;
  }
  private enter(t: Token): void {
    if (++this.depth > RULE_LIMITS.maxDepth) throw new ParseFailure(t.start, `nesting is too deep (more than ${RULE_LIMITS.maxDepth} levels)`, null, { limit: RULE_LIMITS.maxDepth });
  }
  private leave(): void {
    this.depth--;
  }

  private binary(op: BinaryOp, opTok: Token, left: RuleExpr, right: RuleExpr): RuleExpr {
    return { kind: 'binary', op, opSpan: { start: opTok.start, end: opTok.end }, left, right, start: left.start, end: right.end };
  }

  private parseOr(): RuleExpr {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      const op = this.next();
      left = this.binary('or', op, left, this.parseAnd());
    }
    return left;
  }

  private parseAnd(): RuleExpr {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      const op = this.next();
      left = this.binary('and', op, left, this.parseNot());
    }
    return left;
  }

  private parseNot(): RuleExpr {
    if (this.isKeyword('not')) {
      const t = this.next();
      this.enter(t);
      const operand = this.parseNot();
      this.leave();
      return { kind: 'not', operand, start: t.start, end: operand.end };
    }
    return this.parseComparison();
  }

  private parseComparison(): RuleExpr {
    const left = this.parseSum();
    const t = this.peek();
    if (t.kind === 'op' && isComparison(t.text as BinaryOp)) {
      this.next();
      const e = this.binary(t.text as BinaryOp, t, left, this.parseSum());
      const u = this.peek();
      if (u.kind === 'op' && isComparison(u.text as BinaryOp)) {
        this.fail(u, `comparisons cannot be chained: found '${u.text}' after '${t.text}'; combine two comparisons with 'and'`, 'chained_comparison', { previous: t.text, found: u.text });
      }
      return e;
    }
    return left;
  }

  private parseSum(): RuleExpr {
    let left = this.parseProduct();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, op, left, this.parseProduct());
    }
    return left;
  }

  private parseProduct(): RuleExpr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, op, left, this.parseUnary());
    }
    return left;
  }

  private parseUnary(): RuleExpr {
    if (this.isOp('-')) {
      const t = this.next();
      this.enter(t);
      const operand = this.parseUnary();
      this.leave();
      return { kind: 'negate', operand, start: t.start, end: operand.end };
    }
    return this.parseAtom();
  }

  private parseAtom(): RuleExpr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.next();
        return { kind: 'number', value: t.value, start: t.start, end: t.end };
      case 'string':
        this.next();
        return { kind: 'string', value: t.value, start: t.start, end: t.end };
      case 'name':
        if (this.whereDepth === 0) {
          this.fail(t, `expected ${VALUE_EXPECTED} but found '${t.text}' (bare field names are only allowed inside 'where')`, 'field_outside_where', { name: t.text });
        }
        this.next();
        return { kind: 'field', name: t.text, start: t.start, end: t.end };
      case 'op':
        if (t.text === '(') {
          this.next();
          this.enter(t);
          const e = this.parseOr();
          this.expectOp(')');
          this.leave();
          return e;
        }
        break;
      case 'keyword':
        switch (t.text) {
          case 'true':
          case 'false':
            this.next();
            return { kind: 'boolean', value: t.text === 'true', start: t.start, end: t.end };
          case 'count':
            return this.parseCount();
          case 'sum':
          case 'avg':
          case 'min':
          case 'max':
            return this.parseAggregate(t.text);
          case 'exists':
            return this.parseExists();
          case 'metric':
            return this.parseMetric();
          default:
            break;
        }
        break;
      default:
        break;
    }
    return this.fail(t, `expected ${VALUE_EXPECTED} but found ${describeToken(t)}`, t.kind === 'eof' ? 'unexpected_end' : 'expected_value');
  }

  /** `fn (` — enters one nesting level; the caller leaves after `)`. */
  private open(fn: Token): void {
    this.next();
    this.enter(fn);
    if (!this.isOp('(')) this.fail(this.peek(), `expected '(' after '${fn.text}' but found ${describeToken(this.peek())}`, 'expected_token', { expected: '(' });
    this.next();
  }

  private close(start: number): Span {
    const end = this.expectOp(')').end;
    this.leave();
    return { start, end };
  }

  private parseWhere(): RuleExpr {
    this.next();
    this.whereDepth++;
    const cond = this.parseOr();
    this.whereDepth--;
    return cond;
  }

  private parseCount(): RuleExpr {
    const fn = this.peek();
    this.open(fn);
    const entity = this.expectName('an entity name (person, room, office, asset, signage …)', 'expected_entity');
    if (this.isOp('.')) this.fail(this.peek(), `count takes an entity, not a field: write count(${entity.text} where …)`, 'count_field', { entity: entity.text });
    const where = this.isKeyword('where') ? this.parseWhere() : null;
    const span = this.close(fn.start);
    return { kind: 'count', entity: entity.text, entitySpan: { start: entity.start, end: entity.end }, where, ...span };
  }

  private parseAggregate(fnName: AggregateFn): RuleExpr {
    const fn = this.peek();
    this.open(fn);
    const example = ` (${fnName} needs ENTITY.FIELD, e.g. ${fnName}(office.area))`;
    const entity = this.expectName('an entity name', 'aggregate_needs_field', example, { fn: fnName });
    this.expectOp('.', example, ['aggregate_needs_field', { fn: fnName }]);
    const field = this.expectName('a field name', 'aggregate_needs_field', example, { fn: fnName });
    const where = this.isKeyword('where') ? this.parseWhere() : null;
    const span = this.close(fn.start);
    return {
      kind: 'aggregate',
      fn: fnName,
      entity: entity.text,
      entitySpan: { start: entity.start, end: entity.end },
      field: field.text,
      fieldSpan: { start: field.start, end: field.end },
      where,
      ...span,
    };
  }

  private parseExists(): RuleExpr {
    const fn = this.peek();
    this.open(fn);
    const entity = this.expectName('an entity name (person, room, office, asset, signage …)', 'expected_entity');
    if (!this.isKeyword('where')) {
      this.fail(this.peek(), `expected 'where' but found ${describeToken(this.peek())} (exists needs a condition, e.g. exists(room where type = '…'))`, 'expected_where');
    }
    const where = this.parseWhere();
    const span = this.close(fn.start);
    return { kind: 'exists', entity: entity.text, entitySpan: { start: entity.start, end: entity.end }, where, ...span };
  }

  private parseMetric(): RuleExpr {
    const fn = this.peek();
    this.open(fn);
    const name = this.expectName('a metric name', 'expected_metric', ' (e.g. metric(case_on_time_rate))');
    const span = this.close(fn.start);
    return { kind: 'metric', name: name.text, nameSpan: { start: name.start, end: name.end }, ...span };
  }
}
