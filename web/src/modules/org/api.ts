import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, postFile } from '../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../shared/api/contract';
import { ORG_UNITS_KEY, type OrgUnit, type OrgUnitList } from '../../shared/org';

// The org tree is shared (many modules scope by unit); re-exported for this module's pages.
export {
  ancestorIds,
  buildOrgTree,
  descendantIds,
  ORG_UNITS_KEY,
  useOrgMap,
  useOrgUnits,
  type OrgFeatureProps,
  type OrgMap,
  type OrgTreeNode,
  type OrgUnit,
  type OrgUnitList,
} from '../../shared/org';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type UpdateOrgUnitBody = Body<'/api/org/units/{id}', 'patch'>;

export function useUpdateOrgUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrgUnitBody }) =>
      api.patch<OrgUnit>(`/api/org/units/${encodeURIComponent(id)}`, body),
    onSuccess: (unit) => {
      qc.setQueryData<OrgUnitList>(ORG_UNITS_KEY, (list) =>
        list ? { ...list, items: list.items.map((u) => (u.id === unit.id ? unit : u)) } : list,
      );
      void qc.invalidateQueries({ queryKey: ['org'] });
    },
  });
}

// 辖区与网格导入 (POST /api/org/area-import/preview|apply, multipart field "file").
export type AreaImportQuery = QueryOf<'/api/org/area-import/preview', 'post'>;
export type AreaImportPreview = Ok<'/api/org/area-import/preview', 'post'>;
export type AreaProblem = ItemOf<AreaImportPreview['problems']>;
export type AreaChange = ItemOf<AreaImportPreview['changes']>;
export type AreaImportApplied = Ok<'/api/org/area-import/apply', 'post'>;

export function useAreaImport() {
  const qc = useQueryClient();
  return {
    preview: useMutation({
      mutationFn: (v: { file: File; query: AreaImportQuery }) => postFile<AreaImportPreview>('/api/org/area-import/preview', v.file, v.query),
    }),
    apply: useMutation({
      mutationFn: (v: { file: File; query: AreaImportQuery }) => postFile<AreaImportApplied>('/api/org/area-import/apply', v.file, v.query),
      // The map and the tree (new grids) change.
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['org'] }),
    }),
  };
}
