import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { Body, ItemOf, Ok, Schema } from '../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type OrgUnit = Schema<'OrgUnit'>;
export type OrgUnitList = Ok<'/api/org/units', 'get'>;
export type OrgMap = Ok<'/api/org/map', 'get'>;
export type OrgFeatureProps = ItemOf<OrgMap['features']>['properties'];
export type UpdateOrgUnitBody = Body<'/api/org/units/{id}', 'patch'>;

export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: ['org', 'units'],
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

export function useUpdateOrgUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrgUnitBody }) =>
      api.patch<OrgUnit>(`/api/org/units/${encodeURIComponent(id)}`, body),
    onSuccess: (unit) => {
      qc.setQueryData<OrgUnitList>(['org', 'units'], (list) =>
        list ? { ...list, items: list.items.map((u) => (u.id === unit.id ? unit : u)) } : list,
      );
      void qc.invalidateQueries({ queryKey: ['org'] });
    },
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
