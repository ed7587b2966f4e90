import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../../shared/api/client';
import type { Body, ItemOf, Ok, QueryOf } from '../../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type Board = Ok<'/api/service/board/', 'get'>;
export type BoardQuery = QueryOf<'/api/service/board/', 'get'>;
export type BoardItem = ItemOf<Board['items']>;
export type BoardTeam = ItemOf<Board['teams']>;
export type BoardFlag = BoardItem['flag'];
export type CategoryList = Ok<'/api/service/categories', 'get'>;
export type Category = ItemOf<CategoryList['items']>;
export type CreateCategoryBody = Body<'/api/service/categories', 'post'>;
export type UpdateCategoryBody = Body<'/api/service/categories/{id}', 'put'>;
export type WorkingHours = Ok<'/api/service/settings/hours', 'get'>;
export type SaveHoursBody = Body<'/api/service/settings/hours', 'put'>;

export const BOARD_FLAGS = ['overdue', 'due_soon', 'on_time', 'suspended', 'unknown'] as const satisfies readonly BoardFlag[];
/** The colour of each flag (with its words beside it, never colour alone). */
export const FLAG_COLORS: Record<BoardFlag, string> = { overdue: 'red', due_soon: 'orange', on_time: 'green', suspended: 'default', unknown: 'gold' };

const KEY = ['service', 'board'] as const;
const CATEGORIES = ['service', 'categories'] as const;

export function useServiceBoard(query: BoardQuery) {
  return useQuery({
    queryKey: [...KEY, query],
    queryFn: ({ signal }) => api.get<Board>('/api/service/board/', query, signal),
    placeholderData: keepPreviousData,
    // Flags move with the clock: refreshed each minute while the page is open.
    refetchInterval: 60_000,
  });
}

export function useServiceCategories() {
  return useQuery({ queryKey: CATEGORIES, queryFn: ({ signal }) => api.get<CategoryList>('/api/service/categories', undefined, signal) });
}

export function useCreateCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCategoryBody) => api.post<Category>('/api/service/categories', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['service'] }),
  });
}

export function useUpdateCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCategoryBody }) => apiFetch<Category>(`/api/service/categories/${id}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['service'] }),
  });
}

export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/service/categories/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['service'] }),
  });
}

export function useWorkingHours() {
  return useQuery({ queryKey: [...CATEGORIES, 'hours'], queryFn: ({ signal }) => api.get<WorkingHours>('/api/service/settings/hours', undefined, signal) });
}

export function useSaveWorkingHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveHoursBody) => apiFetch<WorkingHours>('/api/service/settings/hours', { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['service'] }),
  });
}

/** Beijing wall-clock 'YYYY-MM-DD HH:MM' of an ISO instant (whatever the browser's zone). */
export function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
