/**
 * Seed shapes for 规范化 standard catalogues (demo data and, later, Excel import).
 *
 * A catalogue is a three-level tree: aspect (方面) → sub-item (子项) → item (小项).
 * Only items (depth 3, the leaves) carry points, a scoring method and evidence.
 */

/** pass_fail: 达标/不达标; graded: assessor awards 0..points; computed: evaluated from ledgers/KPIs by `rule`. */
export type ScoringMethod = 'pass_fail' | 'graded' | 'computed';

/** Who the item is assessed against: the city/district bureau, the street team, or both. */
export type AppliesTo = 'department' | 'team' | 'all';

export interface CatalogSeedNode {
  /** Hierarchical code: '1' (aspect), '1.2' (sub-item), '1.2.3' (item). */
  code: string;
  /** Short title (≤ 40 chars). */
  title: string;
  /** Requirement text of an item (1–3 sentences, checkable); optional for aspects and sub-items. */
  text?: string;
  /** Items only; positive integer. */
  points?: number;
  /** Items only. */
  method?: ScoringMethod;
  /**
   * Only for method 'computed'. Grammar (parser comes later):
   *   expr  := or/and/not over comparisons (= != < <= > >=), arithmetic + - * /, parentheses
   *   atoms := number | 'string' | true | false
   *          | count(ENTITY [where COND]) | sum|avg|min|max(ENTITY.FIELD [where COND])
   *          | exists(ENTITY where COND) | metric(NAME)
   */
  rule?: string;
  /** Items only: what the team must show (台账, 照片, 文件, 记录 …). */
  evidence?: string;
  /** 一票否决: failing this item fails the whole assessment regardless of score. */
  veto?: boolean;
  /** Items only. */
  appliesTo?: AppliesTo;
  /** How an assessor checks it, citing the legal source where there is one. */
  guidance?: string;
  children?: CatalogSeedNode[];
}

export interface CatalogSeed {
  standardCode: string;
  name: string;
  issuer: string;
  versionLabel: string;
  note: string;
  /** The aspects (depth 1). */
  nodes: CatalogSeedNode[];
}

/** Fields of an item a local profile may change. */
export type CatalogItemChanges = Partial<
  Pick<CatalogSeedNode, 'title' | 'text' | 'points' | 'method' | 'rule' | 'evidence' | 'veto' | 'guidance'>
>;

/** A local (city) profile layered over a provincial catalogue: tightened items and additions. */
export interface ProfileSeed {
  standardCode: string;
  name: string;
  issuer: string;
  versionLabel: string;
  baseStandardCode: string;
  note: string;
  /** Changes relative to the provincial catalogue. */
  tighten: { code: string; changes: CatalogItemChanges; reason: string }[];
  /**
   * New items under existing sub-items (code continues the parent's numbering, e.g. '5.3.4'),
   * or new sub-items (parentCode is an aspect) carrying their own items.
   */
  add: { parentCode: string; node: CatalogSeedNode; reason: string }[];
}
