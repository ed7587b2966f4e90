/**
 * Rule language for computed standard items (规范 小项 with method 'computed').
 * See docs/rule-language.md for the grammar, semantics and error messages.
 */
import type { IssueProblem } from '../../../../platform/validation';
import { checkRule } from './checker';
import { shortPosition } from './position';
import type { RuleSchema } from './schema';

export { parseRule, type ParseResult } from './parser';
export { checkRule, type CheckResult } from './checker';
export { evaluateRule, outcomeText, MAX_ROW_IDS, type RuleData, type RuleEvaluation, type RuleRow, type RuleTerm } from './evaluator';
export { referencedEntities, type RuleAst, type RuleExpr, type RuleReferences, type Span } from './ast';
export { RULE_LIMITS, RULE_SYNTAX_REASONS, type RuleError, type RuleSyntaxReason } from './position';
export {
  DEFAULT_RULE_SCHEMA,
  DEFAULT_ENTITIES,
  DEFAULT_METRICS,
  ROOM_TYPE_EXAMPLES,
  type DefaultEntity,
  type FieldSpec,
  type RuleSchema,
  type RuleType,
} from './schema';

/**
 * The problem for the catalog's checks (imports, node edits, publishing), or null when the rule parses and
 * type-checks: a one-line English message ("column 27: expected ')' but found 'where'") and the first problem's
 * code with its line and column for the web. With several problems the first is shown and the rest counted.
 */
export function ruleProblem(src: string, schema?: RuleSchema): IssueProblem | null {
  const r = checkRule(src, schema);
  if (r.ok) return null;
  const first = r.errors[0]!;
  const more = r.errors.length - 1;
  return {
    code: first.code,
    message: `${shortPosition(first)}: ${first.reason}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
    params: first.params,
  };
}
