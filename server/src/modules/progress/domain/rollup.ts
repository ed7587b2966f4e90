/**
 * Compliance roll-up (目标与差距): from catalog nodes and every team's item results to per-team grade and
 * aspect percentages, counts per district and aspect, the gap list, the ranking and the burn-up series.
 * Pure: the service and the province-scale benchmark (bench/progress.ts) call the same functions.
 */
// Grading is the assessment module's: one scoring path for a team (its team items only, the same rule), so
// the dashboard, the snapshots and the meeting report show the numbers the assessment page shows.
import { gradeTeam, teamCatalog, teamScoredItems, type Grade, type GradingNode, type GradingRule, type ItemAnswer, type TeamCatalog, type TeamItem } from '../../assessment';

export type CatalogNodeRef = GradingNode;
export type CatalogItem = TeamItem;
/** A version's team items with their aspect, and the aspects that have any: computed once per version. */
export type CatalogIndex = TeamCatalog;
export type { ItemAnswer };
/** The team catalog of a version (department-level items left out; see assessment/domain/team-scoring.ts). */
export const indexCatalog = teamCatalog;
/** Every team item, answered or not (an item without a row counts as unanswered). */
export const scoredItems = teamScoredItems;

export interface TeamRef {
  id: string;
  name: string;
  districtId: string | null;
  districtName: string;
}

export interface AssessmentRef {
  status: string;
  /** Live percentage kept current by the assessment service. */
  pct: number;
  /** Official grade: set only when accepted. */
  grade: string | null;
}

export interface ItemRef {
  code: string;
  title: string;
  points: number;
  isVeto: boolean;
}

export interface TeamState {
  team: TeamRef;
  status: string;
  pct: number;
  /** Official grade (accepted assessments only), else null. */
  grade: Grade | null;
  /** Live grade by the campaign's rule (what acceptance would give today). */
  liveGrade: Grade;
  aspectPcts: Record<string, number>;
  failing: ItemRef[];
  vetoFailed: { code: string; title: string }[];
  openRectifications: number;
}

const officialGrade = (a: AssessmentRef): Grade | null =>
  a.status === 'accepted' && (a.grade === 'pass' || a.grade === 'basic_pass' || a.grade === 'fail') ? a.grade : null;

/** One team's state from its assessment row and item answers. */
export function teamState(
  catalog: CatalogIndex,
  rule: GradingRule,
  team: TeamRef,
  a: AssessmentRef,
  answers: ReadonlyMap<string, ItemAnswer>,
  openRectifications = 0,
): TeamState {
  const g = gradeTeam(catalog, answers, rule);
  const aspectPcts: Record<string, number> = {};
  for (const asp of g.aspects) aspectPcts[asp.aspectCode] = asp.pct;
  const ref = (code: string): ItemRef => {
    const i = catalog.byCode.get(code)!;
    return { code, title: i.title, points: i.points, isVeto: i.isVeto };
  };
  return {
    team,
    status: a.status,
    pct: a.pct,
    grade: officialGrade(a),
    liveGrade: g.grade,
    aspectPcts,
    failing: g.failing.map(ref),
    vetoFailed: g.vetoFailed.map((code) => ({ code, title: catalog.byCode.get(code)!.title })),
    openRectifications,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const avg = (xs: readonly number[]) => (xs.length ? round1(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);

export interface NowCounts {
  pass: number;
  basicPass: number;
  fail: number;
  notAccepted: number;
  total: number;
}

export function countNow(states: readonly TeamState[]): NowCounts {
  const c: NowCounts = { pass: 0, basicPass: 0, fail: 0, notAccepted: 0, total: states.length };
  for (const s of states) {
    if (s.grade === 'pass') c.pass++;
    else if (s.grade === 'basic_pass') c.basicPass++;
    else if (s.grade === 'fail') c.fail++;
    else c.notAccepted++;
  }
  return c;
}

export interface DistrictRow {
  orgUnitId: string | null;
  name: string;
  pass: number;
  basicPass: number;
  fail: number;
  total: number;
  avgPct: number;
}

/** Official grades per district (`fail` counts accepted 未达标 only; not yet accepted is total − the rest). */
export function byDistrict(states: readonly TeamState[]): DistrictRow[] {
  const m = new Map<string, { row: DistrictRow; pcts: number[] }>();
  for (const s of states) {
    const key = s.team.districtId ?? '';
    let d = m.get(key);
    if (!d) {
      d = { row: { orgUnitId: s.team.districtId, name: s.team.districtName, pass: 0, basicPass: 0, fail: 0, total: 0, avgPct: 0 }, pcts: [] };
      m.set(key, d);
    }
    d.row.total++;
    if (s.grade === 'pass') d.row.pass++;
    else if (s.grade === 'basic_pass') d.row.basicPass++;
    else if (s.grade === 'fail') d.row.fail++;
    d.pcts.push(s.pct);
  }
  return [...m.values()].map(({ row, pcts }) => ({ ...row, avgPct: avg(pcts) })).sort((a, b) => compareNames(a.name, b.name));
}

export interface AspectRow {
  aspectCode: string;
  title: string;
  avgPct: number;
  /** Teams whose percentage in this aspect is below `minPct` (the campaign's pass line). */
  teamsBelow: string[];
}

/**
 * Per aspect; an aspect no team is assessed on (department-level items only, e.g. 1 执法部门) is not in the
 * team catalog's aspects and has no percentage in any team state, so it is left out.
 */
export function byAspect(states: readonly TeamState[], aspects: readonly { code: string; title: string }[], minPct: number): AspectRow[] {
  return aspects.flatMap((a) => {
    const pcts: number[] = [];
    const below: string[] = [];
    for (const s of states) {
      const p = s.aspectPcts[a.code];
      if (p === undefined) continue;
      pcts.push(p);
      if (p < minPct) below.push(s.team.name);
    }
    if (pcts.length === 0) return [];
    return [{ aspectCode: a.code, title: a.title, avgPct: avg(pcts), teamsBelow: below.sort(compareNames) }];
  });
}

const collator = new Intl.Collator('zh-Hans-CN');
export const compareNames = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

export interface RankingRow {
  rank: number;
  orgUnitId: string;
  name: string;
  pct: number;
  grade: Grade | null;
  status: string;
}

/** By live percentage, highest first; equal percentages in name order (pinyin), ranks 1..n. */
export function ranking(states: readonly TeamState[]): RankingRow[] {
  return [...states]
    .sort((a, b) => b.pct - a.pct || compareNames(a.team.name, b.team.name))
    .map((s, i) => ({ rank: i + 1, orgUnitId: s.team.id, name: s.team.name, pct: s.pct, grade: s.grade, status: s.status }));
}

export interface GapRow {
  orgUnitId: string;
  name: string;
  districtName: string;
  status: string;
  pct: number;
  grade: Grade | null;
  vetoFailed: { code: string; title: string }[];
  failing: ItemRef[];
  openRectifications: number;
}

/**
 * Teams not (yet) officially 达标, with what blocks them: failed veto items first, then the failing items
 * by points (the biggest gain first). Closest to the line first, so a meeting sees who is nearly there.
 */
export function gapList(states: readonly TeamState[]): GapRow[] {
  return states
    .filter((s) => s.grade !== 'pass')
    .sort((a, b) => b.pct - a.pct || compareNames(a.team.name, b.team.name))
    .map((s) => ({
      orgUnitId: s.team.id,
      name: s.team.name,
      districtName: s.team.districtName,
      status: s.status,
      pct: s.pct,
      grade: s.grade,
      vetoFailed: s.vetoFailed,
      failing: [...s.failing].sort((x, y) => Number(y.isVeto) - Number(x.isVeto) || y.points - x.points || (x.code < y.code ? -1 : 1)),
      openRectifications: s.openRectifications,
    }));
}

export interface TargetRule {
  aspectCode: string | null;
  aspectMinPct: number | null;
}

/**
 * Does a team count towards a target? Officially accepted teams only: graded 达标 for a grade target, or
 * with the aspect's percentage at least `aspectMinPct` for an aspect target.
 */
export function meetsTarget(s: { status: string; grade: string | null; aspectPcts: Record<string, number> }, t: TargetRule): boolean {
  if (s.status !== 'accepted') return false;
  if (t.aspectCode === null) return s.grade === 'pass';
  return (s.aspectPcts[t.aspectCode] ?? -1) >= (t.aspectMinPct ?? 100);
}

export interface BurnUpPoint {
  day: string;
  pass: number;
  basicPass: number;
  accepted: number;
  avgPct: number;
}

const DAY_MS = 86_400_000;
const dayNo = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * One point per day; when the series spans more than `maxDays` days, one point per ISO week (Monday to
 * Sunday), the week's last snapshot standing for it (counts are states, not sums).
 */
export function bucketBurnUp(points: readonly BurnUpPoint[], maxDays = 400): BurnUpPoint[] {
  const sorted = [...points].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (sorted.length < 2) return sorted;
  const span = dayNo(sorted[sorted.length - 1]!.day) - dayNo(sorted[0]!.day);
  if (span <= maxDays) return sorted;
  const out: BurnUpPoint[] = [];
  let week = Number.NaN;
  for (const p of sorted) {
    // 1970-01-01 was a Thursday: (dayNo + 3) / 7 starts weeks on Mondays.
    const w = Math.floor((dayNo(p.day) + 3) / 7);
    if (w === week) out[out.length - 1] = p;
    else out.push(p);
    week = w;
  }
  return out;
}

/** Today in Asia/Shanghai (UTC+8, no daylight saving) as YYYY-MM-DD. */
export const shanghaiDay = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
