/**
 * Grading (达标 / 基本达标 / 未达标). Configurable per campaign: the pass percentage, the 基本达标 band,
 * and veto items (一票否决) that force 未达标. Items marked 不适用 leave the denominator.
 */
export const ITEM_RESULTS = ['compliant', 'partially_compliant', 'non_compliant', 'not_applicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
export const GRADES = ['pass', 'basic_pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradingRule {
  /** Percentage of applicable points needed for 达标 (e.g. 80). */
  passPct: number;
  /** Percentage needed for 基本达标 (below passPct). */
  basicPct: number;
}

export interface ScoredItem {
  code: string;
  aspectCode: string;
  points: number;
  method: 'pass_fail' | 'graded' | 'computed';
  isVeto: boolean;
  result: ItemResult | null;
  /** Score given for graded items or a partial result; ignored otherwise. */
  score: number | null;
}

export interface AspectScore {
  aspectCode: string;
  score: number;
  max: number;
  pct: number;
  failing: string[];
}

export interface GradeResult {
  score: number;
  max: number;
  pct: number;
  grade: Grade;
  aspects: AspectScore[];
  vetoFailed: string[];
  failing: string[];
  unanswered: string[];
  notApplicable: string[];
  /** Plain-language reasons, in order of weight, for the grade page. */
  reasons: string[];
}

/** Points an item earns; null when it does not count (不适用). */
export function itemScore(i: ScoredItem): number | null {
  switch (i.result) {
    case 'not_applicable':
      return null;
    case 'compliant':
      return i.method === 'graded' && i.score !== null ? clamp(i.score, 0, i.points) : i.points;
    case 'partially_compliant':
      // 基本符合: the assessor's score when given, otherwise half the points.
      return i.score !== null ? clamp(i.score, 0, i.points) : i.points / 2;
    case 'non_compliant':
      return i.method === 'graded' && i.score !== null ? clamp(i.score, 0, i.points) : 0;
    case null:
      return 0;
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

export function gradeAssessment(items: readonly ScoredItem[], rule: GradingRule): GradeResult {
  const aspects = new Map<string, AspectScore>();
  let score = 0;
  let max = 0;
  const vetoFailed: string[] = [];
  const failing: string[] = [];
  const unanswered: string[] = [];
  const notApplicable: string[] = [];
  for (const i of items) {
    const a = aspects.get(i.aspectCode) ?? { aspectCode: i.aspectCode, score: 0, max: 0, pct: 0, failing: [] };
    aspects.set(i.aspectCode, a);
    const s = itemScore(i);
    if (i.result === null) unanswered.push(i.code);
    if (s === null) {
      notApplicable.push(i.code);
      continue;
    }
    score += s;
    max += i.points;
    a.score += s;
    a.max += i.points;
    if (i.result === 'non_compliant') {
      failing.push(i.code);
      a.failing.push(i.code);
      if (i.isVeto) vetoFailed.push(i.code);
    }
  }
  for (const a of aspects.values()) {
    a.score = round2(a.score);
    a.pct = a.max > 0 ? round2((a.score / a.max) * 100) : 100;
  }
  const pct = max > 0 ? round2((score / max) * 100) : 0;
  let grade: Grade = pct >= rule.passPct ? 'pass' : pct >= rule.basicPct ? 'basic_pass' : 'fail';
  const reasons: string[] = [];
  if (vetoFailed.length) {
    grade = 'fail';
    reasons.push(`一票否决项不符合: ${vetoFailed.join(', ')}`);
  }
  reasons.push(`得分 ${round2(score)} / ${max} (${pct}%)，达标线 ${rule.passPct}%，基本达标线 ${rule.basicPct}%`);
  if (notApplicable.length) reasons.push(`不适用项 ${notApplicable.length} 个，不计入总分`);
  if (unanswered.length) reasons.push(`未填报项 ${unanswered.length} 个，按 0 分计`);
  return {
    score: round2(score),
    max,
    pct,
    grade,
    aspects: [...aspects.values()],
    vetoFailed,
    failing,
    unanswered,
    notApplicable,
    reasons,
  };
}

export function gradingRuleProblems(r: GradingRule): string[] {
  const p: string[] = [];
  if (!(r.passPct > 0 && r.passPct <= 100)) p.push('passPct must be in (0, 100]');
  if (!(r.basicPct >= 0 && r.basicPct < r.passPct)) p.push('basicPct must be in [0, passPct)');
  return p;
}
