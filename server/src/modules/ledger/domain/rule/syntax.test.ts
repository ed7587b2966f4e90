import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './lexer';
import { parseRule, RULE_LIMITS, type RuleExpr } from './index';

/** Compact token listing: kind:value. */
function toks(src: string): string[] {
  const r = tokenize(src);
  assert.ok(r.ok, `tokenize ${src}: ${r.ok ? '' : r.error.message}`);
  return r.tokens.filter((t) => t.kind !== 'eof').map((t) => `${t.kind}:${t.kind === 'string' || t.kind === 'number' ? t.value : t.text}`);
}

test('tokens: table', () => {
  const cases: [string, string[]][] = [
    ['12', ['number:12']],
    ['0.95', ['number:0.95']],
    ['3.25 * 2', ['number:3.25', 'op:*', 'number:2']],
    ["'业务受理室'", ['string:业务受理室']],
    ["'it''s'", ["string:it's"]],
    ["''''", ["string:'"]],
    ["''", ['string:']],
    ["'队名标牌 (南通)'", ['string:队名标牌 (南通)']],
    ['person.training_hours', ['name:person', 'op:.', 'name:training_hours']],
    ['a<=b>=c!=d<e>f=g', ['name:a', 'op:<=', 'name:b', 'op:>=', 'name:c', 'op:!=', 'name:d', 'op:<', 'name:e', 'op:>', 'name:f', 'op:=', 'name:g']],
    ['count where and or not true false', ['keyword:count', 'keyword:where', 'keyword:and', 'keyword:or', 'keyword:not', 'keyword:true', 'keyword:false']],
    ['sum avg min max exists metric', ['keyword:sum', 'keyword:avg', 'keyword:min', 'keyword:max', 'keyword:exists', 'keyword:metric']],
    ['_x1 x_2', ['name:_x1', 'name:x_2']],
    ['\t1\n+\r\n2\u3000', ['number:1', 'op:+', 'number:2']],
    ['-1', ['op:-', 'number:1']],
  ];
  for (const [src, want] of cases) assert.deepEqual(toks(src), want, src);
});

test('tokens: spans point into the source', () => {
  const r = tokenize("count(room where type = '备勤室')");
  assert.ok(r.ok);
  const s = r.tokens.find((t) => t.kind === 'string')!;
  assert.deepEqual([s.start, s.end], [24, 29]);
  assert.equal(r.tokens.at(-1)!.kind, 'eof');
});

/** [source, column, message] — line 1 unless the source has line breaks. */
const SYNTAX_ERRORS: [string, number, string, number?][] = [
  ['', 1, 'rule is empty'],
  ['   ', 1, 'rule is empty'],
  ["'abc", 1, "unterminated string: missing closing quote (')"],
  ["1 = 'ab\ncd'", 5, "unterminated string: missing closing quote (') before the end of the line"],
  ['1.', 3, "expected a digit after '.' in number '1.'"],
  ['12abc > 1', 3, "unexpected 'a' right after number '12'"],
  ['1.2.3', 4, "unexpected '.' right after number '1.2'"],
  ['COUNT(person) > 1', 1, "keywords are lower-case: write 'count' instead of 'COUNT'"],
  ['count(Person) > 1', 7, "names are lower-case: write 'person' instead of 'Person'"],
  ['count(person) ≥ 1', 15, "unexpected character '≥'; write '>=' instead"],
  ['count（person) > 1', 6, "unexpected character '（'; write '(' instead"],
  ["count(person where kind = ‘officer’) > 1", 27, "unexpected character '‘'; write a straight single quote (') instead"],
  ['count(person where kind = "officer") > 1', 27, "unexpected character '\"'; write a straight single quote (') instead"],
  ['count(person) == 1', 15, "unexpected '=='; write '=' instead"],
  ['true && false', 6, "unexpected '&&'; write 'and' instead"],
  ['true || false', 6, "unexpected '||'; write 'or' instead"],
  ['!true', 1, "unexpected character '!'; write 'not' or '!=' instead"],
  ['count(person) > 1 # c', 19, "unexpected character '#'"],
  ['count(人员) > 1', 7, "unexpected character '人'; text must be in single quotes, e.g. '人'"],
  ["metric(case_on_time_rate where kind = 'x')", 26, "expected ')' but found 'where'"],
  ['count(person where kind', 24, "expected ')' but found end of rule"],
  ['count person', 7, "expected '(' after 'count' but found 'person'"],
  ['count(person.kind) > 1', 13, 'count takes an entity, not a field: write count(person where …)'],
  ['count(12) > 1', 7, 'expected an entity name (person, room, office, asset, signage …) but found number 12'],
  ['sum(office) > 1', 11, "expected '.' but found ')' (sum needs ENTITY.FIELD, e.g. sum(office.area))"],
  ['avg(office.) > 1', 12, "expected a field name but found ')' (avg needs ENTITY.FIELD, e.g. avg(office.area))"],
  ['exists(room)', 12, "expected 'where' but found ')' (exists needs a condition, e.g. exists(room where type = '…'))"],
  ["metric('x') > 1", 8, "expected a metric name but found string 'x' (e.g. metric(case_on_time_rate))"],
  ['kind = 1', 1, "expected a value (number, 'text', true, false, '(', count, sum, avg, min, max, exists or metric) but found 'kind' (bare field names are only allowed inside 'where')"],
  ['1 +', 4, "expected a value (number, 'text', true, false, '(', count, sum, avg, min, max, exists or metric) but found end of rule"],
  ['1 + * 2', 5, "expected a value (number, 'text', true, false, '(', count, sum, avg, min, max, exists or metric) but found '*'"],
  ['(1 = 1', 7, "expected ')' but found end of rule"],
  ['1 = 1)', 6, "unexpected ')' without a matching '('"],
  ['1 = 1 2', 7, 'expected an operator or end of rule but found number 2'],
  ['true true', 6, "expected an operator or end of rule but found 'true'"],
  ['1 < 2 < 3', 7, "comparisons cannot be chained: found '<' after '<'; combine two comparisons with 'and'"],
  ['where', 1, "expected a value (number, 'text', true, false, '(', count, sum, avg, min, max, exists or metric) but found 'where'"],
  ['count(signage) >= 1\nand count(signage where conforms = false) = 0)', 46, "unexpected ')' without a matching '('", 2],
];

test('syntax errors: message and exact position', () => {
  for (const [src, column, reason, line = 1] of SYNTAX_ERRORS) {
    const r = parseRule(src);
    assert.ok(!r.ok, `should fail: ${src}`);
    assert.equal(r.error.reason, reason, src);
    assert.equal(r.error.line, line, `line of ${src}`);
    assert.equal(r.error.column, column, `column of ${src}`);
    assert.equal(r.error.message, `line ${line}, column ${column}: ${reason}`, src);
  }
});

test('columns count characters, offsets count UTF-16 units', () => {
  const r = parseRule("exists(room where type = '业务受理室' x)");
  assert.ok(!r.ok);
  assert.equal(r.error.column, 34);
  assert.equal(r.error.offset, 33);
  const astral = parseRule("exists(signage where type = '𠀀' x)");
  assert.ok(!astral.ok);
  assert.equal(astral.error.column, 33);
  assert.equal(astral.error.offset, 33);
});

test('limits: length, tokens, nesting depth', () => {
  const long = `1 = 1 and ${"'x' = 'x' and ".repeat(200)}true`;
  const r1 = parseRule(long);
  assert.ok(!r1.ok);
  assert.equal(r1.error.reason, `rule is too long: ${long.length} characters (max 2000)`);
  assert.equal(r1.error.offset, 2000);

  const many = Array.from({ length: 300 }, () => '1').join('+') + ' = 1';
  const r2 = parseRule(many);
  assert.ok(!r2.ok);
  assert.equal(r2.error.reason, 'rule has too many tokens (more than 500)');
  assert.equal(r2.error.offset, 500); // the 501st token, one character each
  assert.ok(parseRule(Array.from({ length: 249 }, () => '1').join('+') + ' = 1').ok, '499 tokens are fine');

  const deep = (n: number) => `${'('.repeat(n)}1${')'.repeat(n)} = 1`;
  assert.ok(parseRule(deep(RULE_LIMITS.maxDepth)).ok);
  const r3 = parseRule(deep(RULE_LIMITS.maxDepth + 1));
  assert.ok(!r3.ok);
  assert.equal(r3.error.reason, 'nesting is too deep (more than 32 levels)');
  assert.equal(r3.error.column, 33);
  const r4 = parseRule(`${'not '.repeat(40)}true`);
  assert.ok(!r4.ok);
  assert.equal(r4.error.reason, 'nesting is too deep (more than 32 levels)');
  assert.equal(r4.error.column, 129);
  const r5 = parseRule(`${'-'.repeat(33)}1 = 1`);
  assert.ok(!r5.ok);
  assert.equal(r5.error.column, 33);
});

/** Fully parenthesised rendering of the tree, to test precedence and associativity. */
function show(e: RuleExpr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return `'${e.value}'`;
    case 'boolean':
      return String(e.value);
    case 'field':
      return e.name;
    case 'not':
      return `(not ${show(e.operand)})`;
    case 'negate':
      return `(-${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'count':
      return `count(${e.entity}${e.where ? ` where ${show(e.where)}` : ''})`;
    case 'aggregate':
      return `${e.fn}(${e.entity}.${e.field}${e.where ? ` where ${show(e.where)}` : ''})`;
    case 'exists':
      return `exists(${e.entity} where ${show(e.where)})`;
    case 'metric':
      return `metric(${e.name})`;
  }
}

test('precedence and associativity', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3 = 7', '((1 + (2 * 3)) = 7)'],
    ['(1 + 2) * 3 = 9', '(((1 + 2) * 3) = 9)'],
    ['10 - 4 - 3 = 3', '(((10 - 4) - 3) = 3)'],
    ['12 / 2 / 3 = 2', '(((12 / 2) / 3) = 2)'],
    ['2 * 3 / 4 = 1.5', '(((2 * 3) / 4) = 1.5)'],
    ['-2 * 3 = -6', '(((-2) * 3) = (-6))'],
    ['- - 1 = 1', '((-(-1)) = 1)'],
    ['1 - -1 = 2', '((1 - (-1)) = 2)'],
    ['not 1 = 2', '(not (1 = 2))'],
    ['not not true', '(not (not true))'],
    ['true or false and false', '(true or (false and false))'],
    ['true and false or true', '((true and false) or true)'],
    ['not true and false', '((not true) and false)'],
    ['a or b or c'.replace(/[abc]/g, 'true'), '((true or true) or true)'],
    ['true and true and false', '((true and true) and false)'],
    ['1 + 1 >= 2 and 3 != 4', '(((1 + 1) >= 2) and (3 != 4))'],
    ["count(person where kind = 'officer' and not party_member = true) > 0", "(count(person where ((kind = 'officer') and (not (party_member = true)))) > 0)"],
    ["sum(office.area where floor <= 2) / count(person) >= 12", '((sum(office.area where (floor <= 2)) / count(person)) >= 12)'],
    ['exists(room where area > avg(room.area)) = true', '(exists(room where (area > avg(room.area))) = true)'],
    ['metric(case_on_time_rate) >= 0.95', '(metric(case_on_time_rate) >= 0.95)'],
    ["'a''b' = 'x'", "('a'b' = 'x')"],
  ];
  for (const [src, want] of cases) {
    const r = parseRule(src);
    assert.ok(r.ok, `${src}: ${r.ok ? '' : r.error.message}`);
    assert.equal(show(r.ast.expr), want, src);
  }
});

test('spans: aggregates cover their source text', () => {
  const src = "count(asset where type = 'radio') * 2 >= 3";
  const r = parseRule(src);
  assert.ok(r.ok);
  assert.equal(r.ast.expr.kind, 'binary');
  if (r.ast.expr.kind === 'binary' && r.ast.expr.left.kind === 'binary') {
    const c = r.ast.expr.left.left;
    assert.equal(src.slice(c.start, c.end), "count(asset where type = 'radio')");
    assert.deepEqual(r.ast.expr.opSpan, { start: 38, end: 40 });
  } else assert.fail('shape');
});
