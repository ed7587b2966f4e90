/**
 * Rule language for computed standard items (规范 小项 with method 'computed').
 * See docs/rule-language.md for the grammar, semantics and error messages.
 */
import { checkRule } from './checker';
import { shortPosition } from './position';
import type { RuleSchema } from './schema';

export { parseRule, type ParseResult } from './parser';
export { checkRule, type CheckResult } from './checker';
export { evaluateRule, outcomeText, MAX_ROW_IDS, type RuleData, type RuleEvaluation, type RuleRow, type RuleTerm } from './evaluator';
export { referencedEntities, type RuleAst, type RuleExpr, type RuleReferences, type Span } from './ast';
export { RULE_LIMITS, type RuleError } from './position';
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
 * One-line problem for the catalog's publish check ("column 27: expected ')' but found 'where'"), or null
 * when the rule parses and type-checks. With several problems the first is shown and the rest counted.
 */
export function ruleProblem(src: string, schema?: RuleSchema): string | null {
  const r = checkRule(src, schema);
  if (r.ok) return null;
  const first = r.errors[0]!;
  const more = r.errors.length - 1;
  return `${shortPosition(first)}: ${first.reason}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
}
