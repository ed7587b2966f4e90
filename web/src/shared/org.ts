import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import type { ItemOf, Ok, Schema } from './api/contract';

/**
 * The org tree: units, the map of their areas, and the tree walks. Many modules scope their lists by unit, so
 * these live here; the org module (which edits units) re-exports them.
 */
export type OrgUnit = Schema<'OrgUnit'>;
export type OrgUnitList = Ok<'/api/org/units', 'get'>;
export type OrgMap = Ok<'/api/org/map', 'get'>;
export type OrgFeatureProps = ItemOf<OrgMap['features']>['properties'];

export const ORG_UNITS_KEY = ['org', 'units'] as const;

export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: ORG_UNITS_KEY,
    queryFn: ({ signal }) => api.get<OrgUnitList>('/api/org/units', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useOrgMap(rootId?: string) {
  return useQuery({
    queryKey: ['org', 'map', rootId ?? null],
    queryFn: ({ signal }) => api.get<OrgMap>('/api/org/map', { rootId }, signal),
    staleTime: 5 * 60_000,
  });
}

export interface OrgTreeNode {
  unit: OrgUnit;
  children: OrgTreeNode[];
}

/** Build the tree from the flat list by parentId. Units whose parent is not in the list become roots. */
export function buildOrgTree(units: readonly OrgUnit[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const u of units) nodes.set(u.id, { unit: u, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byCode = (a: OrgTreeNode, b: OrgTreeNode) => a.unit.code.localeCompare(b.unit.code);
  const sortDeep = (list: OrgTreeNode[]) => {
    list.sort(byCode);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Ids of `id` and everything below it. */
export function descendantIds(units: readonly OrgUnit[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const c of children.get(cur) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}

/** Ids of the ancestors of `id` (not including it). */
export function ancestorIds(units: readonly OrgUnit[], id: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: string[] = [];
  let cur = byId.get(id)?.parentId ?? null;
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return out;
}
