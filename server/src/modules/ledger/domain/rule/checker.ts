/**
 * Type checker: names exist in the schema, operands have the right types (number / string / boolean),
 * enum fields are compared only with their values, and the whole rule is a boolean. Collects every
 * error (sorted by position); an ill-typed sub-expression does not cascade into more errors.
 */
import { isArithmetic, isComparison, type RuleAst, type RuleExpr } from './ast';
import { parseRule } from './parser';
import { ruleError, suggest, type RuleError, type RuleProblemCode } from './position';
import { DEFAULT_RULE_SCHEMA, type FieldSpec, type RuleSchema, type RuleType } from './schema';

export type CheckResult = { ok: true; type: RuleType; ast: RuleAst } | { ok: false; errors: RuleError[] };

interface Info {
  /** null: already reported, do not complain again. */
  type: RuleType | null;
  enumOf?: { label: string; values: readonly string[] };
  literal?: string;
}

interface Scope {
  entity: string;
  fields: Readonly<Record<string, FieldSpec>>;
}

function article(t: RuleType): string {
  return t === 'number' ? 'a number' : t === 'string' ? 'a string' : 'a boolean';
}

function oneOf(names: readonly string[], quote = false): string {
  return names.map((n) => (quote ? `'${n}'` : n)).join(', ');
}

function unknownName(kind: string, name: string, known: readonly string[], quote = false): string {
  const s = suggest(name, known);
  return `${kind} '${name}'${s ? ` (did you mean '${s}'?)` : ''}; expected one of ${oneOf(known, quote)}`;
}

export function checkRule(input: RuleAst | string, schema: RuleSchema = DEFAULT_RULE_SCHEMA): CheckResult {
  let ast: RuleAst;
  if (typeof input === 'string') {
    const parsed = parseRule(input);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    ast = parsed.ast;
  } else {
    ast = input;
  }
  const src = ast.source;
  const errors: RuleError[] = [];
  // Without a code, a problem is one of types (a condition where a number is needed, or the other way round).
  const report = (offset: number, reason: string, code: Exclude<RuleProblemCode, 'rule_syntax'> = 'rule_type_mismatch', params: Record<string, string | number> = {}) =>
    errors.push(ruleError(src, offset, reason, code, params));
  const entityNames = Object.keys(schema.entities);

  function entityScope(name: string, at: number): Scope | null {
    const fields = Object.hasOwn(schema.entities, name) ? schema.entities[name] : undefined;
    if (!fields) {
      report(at, unknownName('unknown entity', name, entityNames), 'rule_unknown_entity', { name });
      return null;
    }
    return { entity: name, fields };
  }

  function fieldSpec(scope: Scope, name: string, at: number): FieldSpec | null {
    const spec = Object.hasOwn(scope.fields, name) ? scope.fields[name] : undefined;
    if (!spec) {
      const s = suggest(name, Object.keys(scope.fields));
      report(at, `${scope.entity} has no field '${name}'${s ? ` (did you mean '${s}'?)` : ''}; expected one of ${oneOf(Object.keys(scope.fields))}`, 'rule_unknown_field', { entity: scope.entity, name });
      return null;
    }
    return spec;
  }

  function expectBoolean(e: RuleExpr, scope: Scope | null, what: string): void {
    const i = check(e, scope);
    if (i.type !== null && i.type !== 'boolean') report(e.start, `${what} must be a condition (boolean) but is ${article(i.type)}`);
  }

  function check(e: RuleExpr, scope: Scope | null): Info {
    switch (e.kind) {
      case 'number':
        return { type: 'number' };
      case 'string':
        return { type: 'string', literal: e.value };
      case 'boolean':
        return { type: 'boolean' };
      case 'field': {
        if (!scope) return { type: null }; // the parser rejects fields outside `where`; reached only for an unknown entity
        const spec = fieldSpec(scope, e.name, e.start);
        if (!spec) return { type: null };
        if (spec.type === 'string' && spec.values) return { type: 'string', enumOf: { label: `${scope.entity}.${e.name}`, values: spec.values } };
        return { type: spec.type };
      }
      case 'not': {
        const i = check(e.operand, scope);
        if (i.type !== null && i.type !== 'boolean') report(e.operand.start, `'not' needs a condition (boolean) but found ${article(i.type)}`);
        return { type: 'boolean' };
      }
      case 'negate': {
        const i = check(e.operand, scope);
        if (i.type !== null && i.type !== 'number') report(e.start, `'-' needs a number but found ${article(i.type)}`);
        return { type: 'number' };
      }
      case 'binary': {
        const l = check(e.left, scope);
        const r = check(e.right, scope);
        const at = e.opSpan.start;
        if (e.op === 'and' || e.op === 'or') {
          for (const [side, i] of [['left', l], ['right', r]] as const) {
            if (i.type !== null && i.type !== 'boolean') report(at, `'${e.op}' needs conditions (boolean) on both sides but the ${side} side is ${article(i.type)}`);
          }
          return { type: 'boolean' };
        }
        if (isArithmetic(e.op)) {
          for (const [side, i] of [['left', l], ['right', r]] as const) {
            if (i.type !== null && i.type !== 'number') report(at, `'${e.op}' needs numbers on both sides but the ${side} side is ${article(i.type)}`);
          }
          return { type: 'number' };
        }
        if (isComparison(e.op) && l.type !== null && r.type !== null) {
          if (l.type !== r.type) {
            report(at, `cannot compare ${article(l.type)} with ${article(r.type)} using '${e.op}'`);
          } else if (e.op !== '=' && e.op !== '!=' && l.type !== 'number') {
            report(at, `'${e.op}' compares numbers but both sides are ${l.type === 'string' ? 'strings' : 'booleans'}; use '=' or '!='`);
          } else {
            for (const [f, lit, litNode] of [
              [l, r, e.right],
              [r, l, e.left],
            ] as const) {
              if (f.enumOf && lit.literal !== undefined && !f.enumOf.values.includes(lit.literal)) {
                const s = suggest(lit.literal, f.enumOf.values);
                report(
                  litNode.start,
                  `${f.enumOf.label} has no value '${lit.literal}'${s ? ` (did you mean '${s}'?)` : ''}; expected one of ${oneOf(f.enumOf.values, true)}`,
                  'rule_unknown_value',
                  { field: f.enumOf.label, value: lit.literal },
                );
              }
            }
          }
        }
        return { type: 'boolean' };
      }
      case 'count': {
        const inner = entityScope(e.entity, e.entitySpan.start);
        if (inner && e.where) expectBoolean(e.where, inner, "the 'where' condition");
        return { type: 'number' };
      }
      case 'aggregate': {
        const inner = entityScope(e.entity, e.entitySpan.start);
        if (inner) {
          const spec = fieldSpec(inner, e.field, e.fieldSpan.start);
          if (spec && spec.type !== 'number') report(e.fieldSpan.start, `${e.fn} needs a number field but ${e.entity}.${e.field} is ${article(spec.type)}`);
          if (e.where) expectBoolean(e.where, inner, "the 'where' condition");
        }
        return { type: 'number' };
      }
      case 'exists': {
        const inner = entityScope(e.entity, e.entitySpan.start);
        if (inner) expectBoolean(e.where, inner, "the 'where' condition");
        return { type: 'boolean' };
      }
      case 'metric':
        if (!schema.metrics.includes(e.name)) report(e.nameSpan.start, unknownName('unknown metric', e.name, schema.metrics), 'rule_unknown_metric', { name: e.name });
        return { type: 'number' };
    }
  }

  const top = check(ast.expr, null);
  if (top.type !== null && top.type !== 'boolean') {
    report(ast.expr.start, `a rule must be a condition (boolean) but this expression is ${article(top.type)}; compare it, e.g. '… >= 1'`);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.offset - b.offset);
    return { ok: false, errors };
  }
  return { ok: true, type: 'boolean', ast };
}
