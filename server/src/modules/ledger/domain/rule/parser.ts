/**
 * Recursive-descent parser of the rule language (grammar in docs/rule-language.md). Never throws:
 * returns the tree or one error naming what was expected and what was found, with its position.
 */
import { isComparison, type AggregateFn, type BinaryOp, type RuleAst, type RuleExpr, type Span } from './ast';
import { tokenize, type Token } from './lexer';
import { RULE_LIMITS, ruleError, type RuleError, type RuleProblemCode } from './position';

export type ParseResult = { ok: true; ast: RuleAst } | { ok: false; error: RuleError };

class ParseFailure {
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly code?: RuleProblemCode,
    readonly params?: Record<string, string | number>,
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
  if (typeof src !== 'string') return { ok: false, error: ruleError('', 0, 'rule must be text') };
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
    if (e instanceof ParseFailure) return { ok: false, error: ruleError(src, e.offset, e.reason, e.code, e.params) };
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
      if (t.kind === 'op' && t.text === ')') this.fail(t, "unexpected ')' without a matching '('");
      this.fail(t, `expected an operator or end of rule but found ${describeToken(t)}`);
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
  private fail(t: Token, reason: string, code?: RuleProblemCode, params?: Record<string, string | number>): never {
    throw new ParseFailure(t.start, reason, code, params);
  }
  private expectOp(text: string, hint = ''): Token {
    if (!this.isOp(text)) this.fail(this.peek(), `expected '${text}' but found ${describeToken(this.peek())}${hint}`);
    return this.next();
  }
  private expectName(what: string, hint = ''): Token & { kind: 'name' } {
    const t = this.peek();
    if (t.kind !== 'name') this.fail(t, `expected ${what} but found ${describeToken(t)}${hint}`);
    this.next();
    return t;
  }
  private enter(t: Token): void {
    if (++this.depth > RULE_LIMITS.maxDepth) this.fail(t, `nesting is too deep (more than ${RULE_LIMITS.maxDepth} levels)`, 'rule_too_complex', { limit: RULE_LIMITS.maxDepth });
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
        this.fail(u, `comparisons cannot be chained: found '${u.text}' after '${t.text}'; combine two comparisons with 'and'`);
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
          this.fail(t, `expected ${VALUE_EXPECTED} but found '${t.text}' (bare field names are only allowed inside 'where')`);
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
    return this.fail(t, `expected ${VALUE_EXPECTED} but found ${describeToken(t)}`);
  }

  /** `fn (` — enters one nesting level; the caller leaves after `)`. */
  private open(fn: Token): void {
    this.next();
    this.enter(fn);
    if (!this.isOp('(')) this.fail(this.peek(), `expected '(' after '${fn.text}' but found ${describeToken(this.peek())}`);
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
    const entity = this.expectName('an entity name (person, room, office, asset, signage …)');
    if (this.isOp('.')) this.fail(this.peek(), `count takes an entity, not a field: write count(${entity.text} where …)`);
    const where = this.isKeyword('where') ? this.parseWhere() : null;
    const span = this.close(fn.start);
    return { kind: 'count', entity: entity.text, entitySpan: { start: entity.start, end: entity.end }, where, ...span };
  }

  private parseAggregate(fnName: AggregateFn): RuleExpr {
    const fn = this.peek();
    this.open(fn);
    const example = ` (${fnName} needs ENTITY.FIELD, e.g. ${fnName}(office.area))`;
    const entity = this.expectName('an entity name', example);
    this.expectOp('.', example);
    const field = this.expectName('a field name', example);
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
    const entity = this.expectName('an entity name (person, room, office, asset, signage …)');
    if (!this.isKeyword('where')) {
      this.fail(this.peek(), `expected 'where' but found ${describeToken(this.peek())} (exists needs a condition, e.g. exists(room where type = '…'))`);
    }
    const where = this.parseWhere();
    const span = this.close(fn.start);
    return { kind: 'exists', entity: entity.text, entitySpan: { start: entity.start, end: entity.end }, where, ...span };
  }

  private parseMetric(): RuleExpr {
    const fn = this.peek();
    this.open(fn);
    const name = this.expectName('a metric name', ' (e.g. metric(case_on_time_rate))');
    const span = this.close(fn.start);
    return { kind: 'metric', name: name.text, nameSpan: { start: name.start, end: name.end }, ...span };
  }
}
