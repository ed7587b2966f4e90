import type { CatalogSeed, CatalogSeedNode, ProfileSeed } from './types';

/** Sort key for hierarchical codes: '1.10' after '1.9'. */
function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function clone(n: CatalogSeedNode): CatalogSeedNode {
  return { ...n, ...(n.children ? { children: n.children.map(clone) } : {}) };
}

/**
 * The effective catalogue of a local profile: the base tree with `tighten` changes merged into the
 * named items and `add` nodes inserted under their parents (kept in code order). Pure; throws on a
 * code that does not exist, a parent that does not exist, or a colliding added code.
 */
export function applyProfile(base: CatalogSeed, profile: ProfileSeed): CatalogSeed {
  if (profile.baseStandardCode !== base.standardCode) {
    throw new Error(`profile ${profile.standardCode} is based on ${profile.baseStandardCode}, not ${base.standardCode}`);
  }
  const nodes = base.nodes.map(clone);
  const index = new Map<string, CatalogSeedNode>();
  const walk = (n: CatalogSeedNode) => {
    index.set(n.code, n);
    n.children?.forEach(walk);
  };
  nodes.forEach(walk);

  for (const t of profile.tighten) {
    const n = index.get(t.code);
    if (!n || n.children) throw new Error(`tighten: ${t.code} is not an item of ${base.standardCode}`);
    Object.assign(n, t.changes);
    if (n.method !== 'computed') delete n.rule;
  }
  for (const a of profile.add) {
    const parent = index.get(a.parentCode);
    if (!parent?.children) throw new Error(`add: parent ${a.parentCode} is not an aspect or sub-item`);
    const added = clone(a.node);
    const check = (n: CatalogSeedNode) => {
      if (index.has(n.code)) throw new Error(`add: code ${n.code} already exists`);
      index.set(n.code, n);
      n.children?.forEach(check);
    };
    check(added);
    parent.children = [...parent.children, added].sort((x, y) => compareCodes(x.code, y.code));
  }
  return {
    standardCode: profile.standardCode,
    name: profile.name,
    issuer: profile.issuer,
    versionLabel: profile.versionLabel,
    note: profile.note,
    nodes,
  };
}
