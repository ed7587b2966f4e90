import type { CatalogNodeData } from './tree';

export type NodeField = Exclude<keyof CatalogNodeData, 'code'>;
export const NODE_FIELDS: readonly NodeField[] = ['parentCode', 'title', 'text', 'points', 'method', 'rule', 'evidence', 'isVeto', 'appliesTo', 'guidance'];

export interface VersionDiff {
  added: CatalogNodeData[];
  removed: CatalogNodeData[];
  changed: { code: string; changes: { field: NodeField; from: CatalogNodeData[NodeField]; to: CatalogNodeData[NodeField] }[] }[];
  unchanged: number;
}

/** Compares two versions node by node, matched by code. */
export function diffVersions(from: readonly CatalogNodeData[], to: readonly CatalogNodeData[]): VersionDiff {
  const a = new Map(from.map((n) => [n.code, n]));
  const b = new Map(to.map((n) => [n.code, n]));
  const out: VersionDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [code, n] of b) if (!a.has(code)) out.added.push(n);
  for (const [code, n] of a) if (!b.has(code)) out.removed.push(n);
  for (const [code, x] of a) {
    const y = b.get(code);
    if (!y) continue;
    const changes = NODE_FIELDS.filter((f) => (x[f] ?? null) !== (y[f] ?? null)).map((f) => ({ field: f, from: x[f] ?? null, to: y[f] ?? null }));
    if (changes.length) out.changed.push({ code, changes });
    else out.unchanged++;
  }
  return out;
}
