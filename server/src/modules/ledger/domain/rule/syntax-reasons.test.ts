import { test } from 'node:test';
import assert from 'node:assert/strict';
import i18next from 'i18next';
import zhCN from '../../../../../../web/src/shared/i18n/zh-CN';
import en from '../../../../../../web/src/shared/i18n/en';
import { parseRule, ruleProblem, RULE_SYNTAX_REASONS } from './index';

/**
 * A syntax error keeps code `rule_syntax` and says why in the `reason` param, from a closed set the web translates
 * (fieldErrors.rule_syntax_reason.<reason>) with the values listed here: [source, reason, params besides line/column].
 */
const REASONS: [string, string, Record<string, string | number>][] = [
  ["'abc", 'unterminated_string', {}],
  ["1 = 'ab\ncd'", 'unterminated_string', {}],
  ['1.', 'number_digit_after_dot', { number: '1.' }],
  ['12abc > 1', 'number_followed', { number: '12', found: 'a' }],
  [`${'9'.repeat(400)} > 1`, 'number_too_large', {}],
  ['COUNT(person) > 1', 'keyword_case', { found: 'COUNT', write: 'count' }],
  ['count(Person) > 1', 'name_case', { found: 'Person', write: 'person' }],
  ['count(person) ≥ 1', 'lookalike', { found: '≥', write: '>=' }],
  ['count（person) > 1', 'lookalike', { found: '（', write: '(' }],
  ['count(person where kind = "officer") > 1', 'lookalike', { found: '"', write: "'" }],
  ['true && false', 'lookalike', { found: '&&', write: 'and' }],
  ['!true', 'lookalike_not', {}],
  ['count(人员) > 1', 'text_unquoted', { found: '人' }],
  ['count(person) > 1 # c', 'unexpected_character', { found: '#' }],
  ['count(person) > 1 \u0007', 'unexpected_character', { found: '\\u0007' }],
  ['1 +', 'unexpected_end', {}],
  ['1 + * 2', 'expected_value', {}],
  ['where', 'expected_value', {}],
  ['(1 = 1', 'expected_token', { expected: ')' }],
  ["metric(case_on_time_rate where kind = 'x')", 'expected_token', { expected: ')' }],
  ['count person', 'expected_token', { expected: '(' }],
  ['1 = 1 2', 'expected_operator', {}],
  ['count(12) > 1', 'expected_entity', {}],
  ["metric('x') > 1", 'expected_metric', {}],
  ['exists(room)', 'expected_where', {}],
  ['sum(office) > 1', 'aggregate_needs_field', { fn: 'sum' }],
  ['avg(office.) > 1', 'aggregate_needs_field', { fn: 'avg' }],
  ['max(1) > 1', 'aggregate_needs_field', { fn: 'max' }],
  ['count(person.kind) > 1', 'count_field', { entity: 'person' }],
  ['kind = 1', 'field_outside_where', { name: 'kind' }],
  ['1 = 1)', 'unmatched_paren', {}],
  ['1 < 2 <= 3', 'chained_comparison', { previous: '<', found: '<=' }],
];

test('syntax errors: each carries its reason and the values its text shows', () => {
  for (const [src, reason, params] of REASONS) {
    const r = parseRule(src);
    assert.ok(!r.ok, src);
    assert.equal(r.error.code, 'rule_syntax', src);
    assert.deepEqual(r.error.params, { line: r.error.line, column: r.error.column, reason, ...params }, src);
    // The import and the node edit show the same code and params (ruleProblem), beside the English message.
    assert.deepEqual(ruleProblem(src)?.params, r.error.params, src);
  }
  const notText = parseRule(42 as unknown as string);
  assert.ok(!notText.ok);
  assert.equal(notText.error.params.reason, 'not_text');
});

test('syntax reasons: the table covers the closed set, and every reason is translated', () => {
  const covered = new Set([...REASONS.map(([, reason]) => reason), 'not_text']);
  assert.deepEqual(RULE_SYNTAX_REASONS.filter((r) => !covered.has(r)), []);
  for (const [lang, res] of [['zh-CN', zhCN], ['en', en]] as const) {
    const texts = (res.fieldErrors as unknown as { rule_syntax_reason: Record<string, unknown> }).rule_syntax_reason;
    assert.deepEqual(RULE_SYNTAX_REASONS.filter((r) => typeof texts[r] !== 'string'), [], lang);
    assert.deepEqual(Object.keys(texts).filter((k) => !(RULE_SYNTAX_REASONS as readonly string[]).includes(k)), [], `${lang}: texts of no reason`);
  }
});

test('syntax errors read in Chinese with their position and reason (i18next, as the web renders them)', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  const text = (src: string, lng = 'zh-CN') => {
    const p = ruleProblem(src);
    assert.ok(p, src);
    return i18n.t(`fieldErrors.${p.code}`, { ...p.params, lng });
  };
  assert.equal(text("count(person) >= 1\nand exists(room where type = '备勤室' and (area > 5)"), '计算规则第 2 行第 50 个字符处：此处应为「)」');
  assert.equal(text('count(person) >= '), '计算规则第 1 行第 18 个字符处：规则意外结束，此处还缺少一个值');
  assert.equal(text('count(person) ≥ 1'), '计算规则第 1 行第 15 个字符处：不能使用「≥」，请改为半角的「>=」');
  assert.equal(text('sum(office) > 1'), '计算规则第 1 行第 11 个字符处：sum 需要“台账.字段”，如 sum(office.area)');
  assert.equal(text('(1 = 1', 'en'), "Rule, line 1, character 7: ')' is needed here");
  // Other rule problems are unchanged: their own code, no reason.
  assert.equal(text('count(rooms) > 0'), '计算规则第 1 行第 7 个字符处：未知的台账「rooms」');
  // An issue without a reason (from an older server) still reads as a syntax error, never as a raw key.
  assert.equal(i18n.t('fieldErrors.rule_syntax', { line: 1, column: 3 }), '计算规则第 1 行第 3 个字符处：有语法错误');
});
