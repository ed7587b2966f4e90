/**
 * Grading (达标 / 基本达标 / 未达标). Configurable per campaign: the pass percentage, the 基本达标 band,
 * and veto items (一票否决) that force 未达标. Items marked 不适用 leave the denominator.
 *
 * The item rule (documented in docs/grading.md): 符合 earns the item's full points, 不符合 earns 0, 基本符合
 * (graded items only) earns the score the assessor enters, more than 0 and less than the item's points;
 * 不适用 leaves the denominator; an unanswered item counts 0 in the live score (submission needs every item
 * answered). The result decides the points: a score that contradicts it is refused at input
 * (`scoreProblem`) and never counted.
 */
import type { FieldIssueCode, IssueProblem } from '../../../platform/validation';

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
  /** The assessor's score: counts for 基本符合 only (符合 and 不符合 are graded by the result). */
  score: number | null;
  /** For the plain-language reasons (a failed veto item is named with its title). */
  title?: string | undefined;
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
      return i.points;
    case 'partially_compliant':
      // 基本符合: the assessor's score. A stored row without one (input always has one) counts half.
      return i.score !== null ? clamp(i.score, 0, i.points) : i.points / 2;
    case 'non_compliant':
      return 0;
    case null:
      return 0;
  }
}

/** The score the rule gives a result, or null when the assessor's own score is what counts (基本符合). */
export function ruleScore(result: ItemResult | null, points: number): number | null {
  if (result === 'compliant') return points;
  if (result === 'non_compliant') return 0;
  return null;
}

export interface ScoreProblem {
  /** Completes `assessment.<code>` (the API's error code). */
  code: 'score_out_of_range' | 'partial_not_allowed' | 'partial_score_required' | 'score_contradicts_result';
  field: 'score' | 'result';
  message: string;
  /** The field issue's code (the web translates it) and the values its text shows. */
  issue: { code: FieldIssueCode; params?: Record<string, string | number> };
}

/**
 * Does a result and score entered for an item contradict the grading rule? `score` may always be left out
 * (null) for 符合 / 不符合 / 不适用 / unanswered; when given it must be what the rule gives. 基本符合 is for
 * graded items and needs a score above 0 and below the item's points (0 would be 不符合, full points 符合).
 */
export function scoreProblem(method: ScoredItem['method'], points: number, result: ItemResult | null, score: number | null): ScoreProblem | null {
  if (score !== null && (score < 0 || score > points)) return { code: 'score_out_of_range', field: 'score', message: `must be between 0 and ${points}`, issue: { code: 'score_out_of_range', params: { points } } };
  switch (result) {
    case 'partially_compliant':
      if (method !== 'graded') return { code: 'partial_not_allowed', field: 'result', message: '基本符合 (partially_compliant) is for graded items; this item is 符合 or 不符合', issue: { code: 'partial_not_allowed' } };
      if (score === null || score <= 0 || score >= points) return { code: 'partial_score_required', field: 'score', message: `基本符合 needs a score above 0 and below ${points}`, issue: { code: 'partial_score_required', params: { points } } };
      return null;
    case 'compliant':
    case 'non_compliant': {
      const expected = ruleScore(result, points)!;
      if (score !== null && score !== expected) return { code: 'score_contradicts_result', field: 'score', message: `${result === 'compliant' ? '符合 scores the full' : '不符合 scores'} ${expected} point(s); a score of ${score} contradicts the result (use 基本符合 for a partial score)`, issue: { code: 'score_contradicts_result', params: { expected, score } } };
      return null;
    }
    case 'not_applicable':
    case null:
      if (score !== null) return { code: 'score_contradicts_result', field: 'score', message: `${result === null ? 'an unanswered item' : '不适用'} has no score`, issue: { code: 'score_not_expected' } };
      return null;
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

export function gradeAssessment(items: readonly ScoredItem[], rule: GradingRule): GradeResult {
  const aspects = new Map<string, AspectScore>();
  let score = 0;
  let max = 0;
  const vetoFailed: string[] = [];
  const vetoTitles = new Map<string, string>();
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
      // Listed once even if an item were given twice (each code is one line of the explanation).
      if (i.isVeto && !vetoTitles.has(i.code)) {
        vetoFailed.push(i.code);
        vetoTitles.set(i.code, i.title ?? '');
      }
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
    // The one place a failed veto item is named: the grade page shows these reasons and nothing else about it.
    reasons.push(`一票否决项不符合: ${vetoFailed.map((c) => `${c} ${vetoTitles.get(c) ?? ''}`.trim()).join('；')}`);
  }
  reasons.push(`得分 ${round2(score)} / ${max} (${pct}%)，达标线 ${rule.passPct}%，基本达标线 ${rule.basicPct}%`);
  if (notApplicable.length) reasons.push(`不适用项 ${notApplicable.length} 个，不计入总分`);
  if (unanswered.length) reasons.push(`未填报项 ${unanswered.length} 个，按 0 分计（提交前须全部填报）`);
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
  return gradingRuleIssues(r).map((p) => p.message);
}

/** The problems of gradingRuleProblems on their field, with the field-issue code the web translates. */
export function gradingRuleIssues(r: GradingRule): (IssueProblem & { field: 'passPct' | 'basicPct' })[] {
  const p: (IssueProblem & { field: 'passPct' | 'basicPct' })[] = [];
  if (!(r.passPct > 0 && r.passPct <= 100)) p.push({ field: 'passPct', code: 'pass_pct_range', message: 'passPct must be in (0, 100]' });
  if (!(r.basicPct >= 0 && r.basicPct < r.passPct)) p.push({ field: 'basicPct', code: 'basic_pct_range', message: 'basicPct must be in [0, passPct)', params: { passPct: r.passPct } });
  return p;
}
