/**
 * A computed requirement in words a team leader reads: what the rule asks ("在用执法车辆数量不少于 2 辆") and how the
 * team stands ("1 辆，未达标，差 1 辆"), from the rule's syntax tree and the evaluated term values. The rule text
 * itself stays available (the overview shows it on demand); this is the sentence shown by default. Pure.
 */
import { checkRule, type RuleEvaluation, type RuleExpr } from './rule';
import { isArithmetic, isComparison, type TermExpr } from './rule/ast';
import { ASSET_STATUS_LABELS, ASSET_TYPE_LABELS, PERSON_KIND_LABELS, PERSON_STATUS_LABELS } from './ledger-kinds';

export interface RequirementWords {
  /** e.g. "持有效执法证的在岗执法人员人数等于在岗执法人员人数". */
  requirement: string;
  /** e.g. "5 人（在岗执法人员人数 6 人），未达标，差 1 人"; for a combination, each part ("没有业务受理室；有来访接待室"). */
  actual: string;
}

/** Chinese names of the metrics (rates 0..1) the rules may read. */
export const METRIC_NAMES: Readonly<Record<string, string>> = {
  case_on_time_rate: '案件按时办结率',
  legal_review_rate_major: '重大案件法制审核率',
  body_camera_coverage: '执法记录仪使用率',
  complaint_response_rate: '投诉按时回复率',
  satisfaction_rate: '群众满意率',
  patrol_coverage_rate: '巡查覆盖率',
  certificate_rate: '执法人员持证率',
  duty_compliance_rate: '排班在岗率',
  device_online_rate: '终端在线率',
};

const ENTITY_NOUN: Record<string, string> = { person: '人员', room: '功能用房', office: '办公用房', asset: '装备', signage: '标识标牌' };
const ENTITY_UNIT: Record<string, string> = { person: '人', room: '间', office: '处', asset: '件', signage: '块' };
const ASSET_UNIT: Record<string, string> = { vehicle: '辆', ebike: '辆', computer: '台', body_camera: '台', radio: '台' };
const FIELD_NAME: Record<string, string> = { area: '面积', floor: '楼层', training_hours: '培训学时' };
const FIELD_UNIT: Record<string, string> = { area: ' m²', training_hours: ' 学时', floor: ' 层' };
/** Yes / no qualifiers of boolean fields. */
const FLAG: Record<string, [string, string]> = {
  certificate_valid: ['持有效执法证', '无有效执法证'],
  has_certificate: ['持执法证', '无执法证'],
  party_member: ['是党员', '非党员'],
  uniform_issued: ['已配发制服', '未配发制服'],
  independent: ['独立', '非独立'],
  conforms: ['合规', '不合规'],
};
const COMPARE: Record<string, string> = { '>=': '不少于', '<=': '不超过', '>': '多于', '<': '少于', '=': '等于', '!=': '不等于' };
const ARITH: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };
const AGG: Record<string, string> = { sum: '合计', avg: '平均', min: '最小', max: '最大' };

type Num = number | boolean | null;

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}
const pct = (n: number) => `${fmt(n * 100)}%`;

/** What the rows of an aggregate are: "持有效执法证的在岗执法人员", with its measure word. */
function rowsPhrase(entity: string, where: RuleExpr | null, source: string): { noun: string; unit: string } {
  let noun = ENTITY_NOUN[entity] ?? entity;
  let unit = ENTITY_UNIT[entity] ?? '';
  const prefixes: string[] = [];
  const qualifiers: string[] = [];
  const conds: RuleExpr[] = [];
  const flatten = (e: RuleExpr): void => {
    if (e.kind === 'binary' && e.op === 'and') {
      flatten(e.left);
      flatten(e.right);
    } else conds.push(e);
  };
  if (where) flatten(where);
  for (const c of conds) {
    const field = c.kind === 'binary' && c.left.kind === 'field' ? c.left.name : null;
    const lit = c.kind === 'binary' ? c.right : null;
    if (c.kind === 'binary' && c.op === '=' && field && lit?.kind === 'string') {
      const v = lit.value;
      if (entity === 'person' && field === 'kind') noun = PERSON_KIND_LABELS[v as keyof typeof PERSON_KIND_LABELS] ?? v;
      else if (entity === 'person' && field === 'status') prefixes.push(PERSON_STATUS_LABELS[v as keyof typeof PERSON_STATUS_LABELS] ?? v);
      else if (entity === 'asset' && field === 'type') {
        noun = ASSET_TYPE_LABELS[v as keyof typeof ASSET_TYPE_LABELS] ?? v;
        unit = ASSET_UNIT[v] ?? unit;
      } else if (entity === 'asset' && field === 'status') prefixes.push(ASSET_STATUS_LABELS[v as keyof typeof ASSET_STATUS_LABELS] ?? v);
      else if (field === 'type') noun = v;
      else qualifiers.push(`${FIELD_NAME[field] ?? field}为${v}`);
      continue;
    }
    if (c.kind === 'binary' && c.op === '=' && field && lit?.kind === 'boolean' && FLAG[field]) {
      qualifiers.push(FLAG[field][lit.value ? 0 : 1]);
      continue;
    }
    if (c.kind === 'binary' && isComparison(c.op) && field && lit?.kind === 'number') {
      qualifiers.push(`${FIELD_NAME[field] ?? field}${COMPARE[c.op]} ${fmt(lit.value)}${FIELD_UNIT[field] ?? ''}`);
      continue;
    }
    // Anything else (or / not inside the filter) is quoted: precise, if less fluent.
    qualifiers.push(`满足「${source.slice(c.start, c.end).replace(/\s+/g, ' ')}」`);
  }
  const q = qualifiers.length ? `${qualifiers.join('、')}的` : '';
  return { noun: `${q}${prefixes.join('')}${noun}`, unit };
}

class Words {
  private readonly values = new Map<string, Num>();

  constructor(
    evaluation: Pick<RuleEvaluation, 'terms'>,
    private readonly source: string,
  ) {
    for (const t of evaluation.terms) this.values.set(`${t.start}:${t.end}`, t.value);
  }

  private termValue(e: TermExpr): Num {
    return this.values.get(`${e.start}:${e.end}`) ?? null;
  }

  /** Whether an expression is a rate (a metric): its numbers are shown as percentages. */
  private isRate(e: RuleExpr): boolean {
    return e.kind === 'metric' || (e.kind === 'negate' && this.isRate(e.operand));
  }

  /** Unit of a number-valued expression (" 人", " m²"), '' when mixed or none. */
  private unit(e: RuleExpr): string {
    if (e.kind === 'count') return ` ${rowsPhrase(e.entity, e.where, this.source).unit}`;
    if (e.kind === 'aggregate') return FIELD_UNIT[e.field] ?? '';
    return '';
  }

  /** The name of a value: "在用执法车辆数量", "办公用房面积合计", "巡查覆盖率". */
  name(e: RuleExpr): string {
    switch (e.kind) {
      case 'number':
        return fmt(e.value);
      case 'string':
        return e.value;
      case 'boolean':
        return e.value ? '是' : '否';
      case 'field':
        return FIELD_NAME[e.name] ?? e.name;
      case 'metric':
        return METRIC_NAMES[e.name] ?? e.name;
      case 'count': {
        const r = rowsPhrase(e.entity, e.where, this.source);
        return `${r.noun}${e.entity === 'person' ? '人数' : '数量'}`;
      }
      case 'exists':
        return `有${rowsPhrase(e.entity, e.where, this.source).noun}`;
      case 'aggregate': {
        const r = rowsPhrase(e.entity, e.where, this.source);
        const field = FIELD_NAME[e.field] ?? e.field;
        return e.fn === 'avg' ? `${r.noun}平均${field}` : `${r.noun}${field}${AGG[e.fn]}`;
      }
      case 'negate':
        return `−${this.name(e.operand)}`;
      case 'not':
        return `并非${this.name(e.operand)}`;
      case 'binary':
        if (isArithmetic(e.op)) return `${this.name(e.left)} ${ARITH[e.op]} ${this.name(e.right)}`;
        return this.requirement(e);
    }
  }

  /** A number literal compared with a rate reads as a percentage. */
  private literal(e: RuleExpr, rate: boolean): string {
    if (e.kind === 'number') return rate ? pct(e.value) : fmt(e.value);
    return this.name(e);
  }

  requirement(e: RuleExpr): string {
    if (e.kind === 'exists') return `设有${rowsPhrase(e.entity, e.where, this.source).noun}`;
    if (e.kind === 'not' && e.operand.kind === 'exists') return `没有${rowsPhrase(e.operand.entity, e.operand.where, this.source).noun}`;
    if (e.kind === 'not') return `不满足：${this.requirement(e.operand)}`;
    if (e.kind !== 'binary') return this.name(e);
    if (e.op === 'and' || e.op === 'or') return `${this.requirement(e.left)}${e.op === 'and' ? '，且' : '，或'}${this.requirement(e.right)}`;
    if (isComparison(e.op)) {
      const rate = this.isRate(e.left) || this.isRate(e.right);
      // Spaces around numbers only, as in the rest of the UI ("不少于 2 辆", "等于在岗执法人员人数").
      const right = e.right.kind === 'number' ? ` ${this.literal(e.right, rate)}${rate ? '' : this.unit(e.left)}` : this.name(e.right);
      const left = this.name(e.left);
      return `${left}${/[\d²]$/.test(left) ? ' ' : ''}${COMPARE[e.op]}${right}`;
    }
    return this.name(e);
  }

  /** The value of a number-valued expression (terms from the evaluation, arithmetic recomputed). */
  value(e: RuleExpr): Num {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return e.value;
      case 'count':
      case 'aggregate':
      case 'exists':
      case 'metric':
        return this.termValue(e);
      case 'negate': {
        const v = this.value(e.operand);
        return typeof v === 'number' ? -v : null;
      }
      case 'binary': {
        if (!isArithmetic(e.op)) return null;
        const l = this.value(e.left);
        const r = this.value(e.right);
        if (typeof l !== 'number' || typeof r !== 'number') return null;
        if (e.op === '/') return r === 0 ? null : l / r;
        return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r;
      }
      default:
        return null;
    }
  }

  /**
   * How the team stands on one part of the rule. `named`: the part is one of several, so it names what it measures
   * ("没有业务受理室；有来访接待室"); a rule of one comparison just says "1 辆，未达标，差 1 辆".
   */
  actual(e: RuleExpr, met: boolean | null, named: boolean): string {
    if (e.kind === 'exists') {
      const v = this.termValue(e);
      const what = rowsPhrase(e.entity, e.where, this.source).noun;
      return v === null ? `${what}无数据` : `${v ? '有' : '没有'}${what}`;
    }
    if (e.kind === 'not' && e.operand.kind === 'exists') return this.actual(e.operand, met === null ? null : !met, named);
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
      const parts: RuleExpr[] = [];
      const flatten = (x: RuleExpr): void => {
        if (x.kind === 'binary' && x.op === e.op) {
          flatten(x.left);
          flatten(x.right);
        } else parts.push(x);
      };
      flatten(e);
      return parts.map((p) => this.actual(p, null, true)).join('；');
    }
    if (e.kind === 'binary' && isComparison(e.op)) {
      const l = this.value(e.left);
      const r = this.value(e.right);
      const rate = this.isRate(e.left) || this.isRate(e.right);
      const unit = rate ? '' : this.unit(e.left);
      const show = (n: number) => (rate ? pct(n) : `${fmt(n)}${unit}`);
      const leftName = this.name(e.left);
      const sep = /[\d²]$/.test(leftName) ? ' = ' : ' ';
      if (typeof l !== 'number') return named ? `${leftName}无数据` : `${leftName}无数据，无法计算`;
      if (typeof r !== 'number') return named ? `${this.name(e.right)}无数据` : `${this.name(e.right)}无数据，无法计算`;
      const against = e.right.kind === 'number' ? '' : named ? `，${this.name(e.right)} ${show(r)}` : `（${this.name(e.right)} ${show(r)}）`;
      const ok = met ?? compare(e.op, l, r);
      const gapOf = (n: number) => (rate ? `${fmt(Math.abs(n) * 100)} 个百分点` : `${fmt(Math.abs(n))}${unit}`);
      // A strict bound on whole numbers (count < 1) is one further away than the difference.
      const step = (e.op === '>' || e.op === '<') && !rate && Number.isInteger(l) && Number.isInteger(r) ? 1 : 0;
      let verdict: string;
      if (ok) verdict = (e.op === '>=' || e.op === '>') && l > r ? `达标，超出 ${gapOf(l - r)}` : '达标';
      else if (e.op === '>=' || e.op === '>') verdict = `未达标，差 ${gapOf(r - l + step)}`;
      else if (e.op === '<=' || e.op === '<') verdict = `未达标，超出 ${gapOf(l - r + step)}`;
      else verdict = e.op === '=' ? `未达标，相差 ${gapOf(l - r)}` : '未达标';
      return named ? `${leftName}${sep}${show(l)}${against}，${verdict}` : `${show(l)}${against}，${verdict}`;
    }
    const v = this.value(e);
    return `${this.name(e)} ${typeof v === 'number' ? fmt(v) : '无数据'}`;
  }
}

function compare(op: string, l: number, r: number): boolean {
  const eq = Math.abs(l - r) <= 1e-9 * Math.max(1, Math.abs(l), Math.abs(r));
  if (op === '>=') return l > r || eq;
  if (op === '<=') return l < r || eq;
  if (op === '>') return l > r && !eq;
  if (op === '<') return l < r && !eq;
  if (op === '=') return eq;
  return !eq;
}

/**
 * The requirement and the team's standing in words; null when the rule does not type-check (the overview then
 * shows the evaluator's own message).
 */
export function requirementWords(rule: string, evaluation: Pick<RuleEvaluation, 'value' | 'terms'>): RequirementWords | null {
  const checked = checkRule(rule);
  if (!checked.ok) return null;
  const w = new Words(evaluation, checked.ast.source);
  const expr = checked.ast.expr;
  // A single comparison says 达标 / 未达标 with the gap; a combination lists how each part stands.
  const single = expr.kind === 'binary' && isComparison(expr.op);
  return { requirement: w.requirement(expr), actual: w.actual(expr, single ? evaluation.value : null, !single) };
}
