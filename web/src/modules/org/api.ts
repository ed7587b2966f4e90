import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from '../../shared/api/client';
import type { UnitKind } from '../../shared/labels';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  validFrom: string;
  validTo: string | null;
  isDemo: boolean;
  note: string | null;
  centerLon: number | null;
  centerLat: number | null;
  version: number;
  actions: string[];
}

export interface OrgUnitList {
  items: OrgUnit[];
  actions: string[];
}

export interface OrgFeatureProps {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
  isDemo: boolean;
}

export type OrgMap = FeatureCollection<Geometry, OrgFeatureProps>;

export interface UpdateOrgUnitBody {
  version: number;
  name?: string;
  shortName?: string | null;
  note?: string | null;
  validTo?: string | null;
}

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
