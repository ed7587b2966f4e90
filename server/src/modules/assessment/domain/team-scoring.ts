/**
 * The one scoring path for a street team: which items of a standard version a team is assessed on, and its
 * grade from its answers. The assessment service (live score, submission, acceptance), the demo seed and the
 * progress module (dashboard, snapshots, meeting report) all grade through here, so a team's percentage,
 * its aspects and its failing items are the same number everywhere.
 */
import { gradeAssessment, type GradeResult, type GradingRule, type ItemResult, type ScoredItem } from './scoring';

/** The catalog fields grading reads (a `catalog_node` row has them all). */
export interface GradingNode {
  code: string;
  parentCode: string | null;
  title: string;
  points: number | null;
  isVeto: boolean;
  method: string | null;
  /** 'team' | 'department' | 'all'. Missing means 'team', the catalog column's own default. */
  appliesTo?: string | undefined;
}

export interface TeamItem {
  code: string;
  title: string;
  aspectCode: string;
  points: number;
  isVeto: boolean;
  method: ScoredItem['method'];
}

/** A version's team items with their aspect, and the aspects that have any: computed once per version. */
export interface TeamCatalog {
  /** Aspects (top-level nodes) holding at least one team item, in catalog order. */
  aspects: { code: string; title: string }[];
  items: TeamItem[];
  byCode: Map<string, TeamItem>;
}

export interface ItemAnswer {
  result: ItemResult | null;
  score: number | null;
}

/** Items at the department level (执法部门) are the bureau's own duties: no team is assessed on them. */
export const appliesToTeams = (appliesTo: string | undefined): boolean => appliesTo === undefined || appliesTo === 'team' || appliesTo === 'all';

export function teamCatalog(nodes: readonly GradingNode[]): TeamCatalog {
  const byNode = new Map(nodes.map((n) => [n.code, n]));
  const parents = new Set<string>();
  for (const n of nodes) if (n.parentCode !== null) parents.add(n.parentCode);
  const aspectOf = (n: GradingNode): string => {
    let cur = n;
    // The guard stops a malformed (cyclic) tree; published trees are checked acyclic.
    for (let guard = 0; cur.parentCode !== null && guard < 64; guard++) {
      const p = byNode.get(cur.parentCode);
      if (!p) break;
      cur = p;
    }
    return cur.code;
  };
  const items: TeamItem[] = nodes
    .filter((n) => !parents.has(n.code) && appliesToTeams(n.appliesTo))
    .map((n) => ({ code: n.code, title: n.title, aspectCode: aspectOf(n), points: n.points ?? 0, isVeto: n.isVeto, method: (n.method ?? 'pass_fail') as ScoredItem['method'] }));
  const withItems = new Set(items.map((i) => i.aspectCode));
  return {
    aspects: nodes.filter((n) => n.parentCode === null && withItems.has(n.code)).map((n) => ({ code: n.code, title: n.title })),
    items,
    byCode: new Map(items.map((i) => [i.code, i])),
  };
}

/** Every team item, answered or not (an item without an answer counts as unanswered); other answers are ignored. */
export function teamScoredItems(catalog: TeamCatalog, answers: ReadonlyMap<string, ItemAnswer>): ScoredItem[] {
  return catalog.items.map((i) => {
    const a = answers.get(i.code);
    return { code: i.code, title: i.title, aspectCode: i.aspectCode, points: i.points, method: i.method, isVeto: i.isVeto, result: a?.result ?? null, score: a?.score ?? null };
  });
}

export const answerMap = (rows: readonly { nodeCode: string; result: string | null; score: number | null }[]): Map<string, ItemAnswer> =>
  new Map(rows.map((r) => [r.nodeCode, { result: r.result as ItemResult | null, score: r.score }]));

/** A team's grade under a campaign's rule. */
export const gradeTeam = (catalog: TeamCatalog, answers: ReadonlyMap<string, ItemAnswer>, rule: GradingRule): GradeResult => gradeAssessment(teamScoredItems(catalog, answers), rule);
