import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, postFile, withQuery } from '../../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type ImportResult = Ok<'/api/service/hotline/import', 'post'>;
export type ImportIssue = ItemOf<ImportResult['issues']>;
export type ImportRow = ItemOf<ImportResult['rows']>;
export type Mapping = Ok<'/api/service/hotline/mapping', 'get'>;
export type MappingBody = Body<'/api/service/hotline/mapping', 'put'>;

const KEY = ['service', 'hotline'] as const;

export const templateUrl = '/api/service/hotline/template.xlsx';
export const exportUrl = (from: string, to: string) => withQuery('/api/service/hotline/export', { from, to });

/** Checks (dryRun) or imports a 12345 workbook. */
export function useHotlineImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) => postFile<ImportResult>('/api/service/hotline/import', v.file, { dryRun: String(v.dryRun) }),
    onSuccess: (_r, v) => {
      if (!v.dryRun) void qc.invalidateQueries({ queryKey: ['service'] });
    },
  });
}

export function useHotlineMapping() {
  return useQuery({ queryKey: [...KEY, 'mapping'], queryFn: ({ signal }) => api.get<Mapping>('/api/service/hotline/mapping', undefined, signal) });
}

export function useSaveHotlineMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MappingBody) => apiFetch<Mapping>('/api/service/hotline/mapping', { method: 'PUT', body }),
    onSuccess: (m) => qc.setQueryData([...KEY, 'mapping'], m),
  });
}
