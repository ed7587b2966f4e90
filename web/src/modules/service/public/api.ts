import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../shared/api/client';
import type { Body, ItemOf, Ok } from '../../../shared/api/contract';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type PublicCategories = Ok<'/api/public/service/categories', 'get'>;
export type PublicCategory = ItemOf<PublicCategories['items']>;
export type Challenge = Ok<'/api/public/service/challenge', 'post'>;
export type Submitted = Ok<'/api/public/service/reports', 'post'>;
export type PublicStatus = Ok<'/api/public/service/reports/{code}', 'get'>;
export type RatingBody = Body<'/api/public/service/reports/{code}/rating', 'post'>;
export type Satisfaction = RatingBody['satisfaction'];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const satisfies readonly Satisfaction[];
/** What the server accepts (public.schemas.ts PUBLIC_FORM): checked here first so a resident is told before sending. */
export const FORM = { descriptionMin: 5, descriptionMax: 1000, maxPhotos: 6, maxPhotoBytes: 10 * 1024 * 1024 } as const;

const KEY = ['service', 'public'] as const;

export function usePublicCategories() {
  return useQuery({ queryKey: [...KEY, 'categories'], queryFn: ({ signal }) => api.get<PublicCategories>('/api/public/service/categories', undefined, signal), staleTime: 10 * 60_000 });
}

/** A fresh question each time it is asked for (a token is good for one answer). */
export function useChallenge() {
  return useQuery({ queryKey: [...KEY, 'challenge'], queryFn: () => api.post<Challenge>('/api/public/service/challenge'), staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false });
}

/** The report as multipart/form-data (fields, then photos in "photos"); errors become ApiError like every other call. */
export async function submitReport(fields: Record<string, string>, photos: File[]): Promise<Submitted> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== '') form.append(k, v);
  for (const p of photos) form.append('photos', p, p.name);
  let res: Response;
  try {
    res = await fetch('/api/public/service/reports', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network.unreachable', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = data as { code?: string; message?: string; details?: unknown } | undefined;
    throw new ApiError(res.status, err?.code ?? `http.${res.status}`, err?.message ?? res.statusText, err?.details);
  }
  return data as Submitted;
}

export function usePublicStatus(code: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'status', code],
    queryFn: ({ signal }) => api.get<PublicStatus>(`/api/public/service/reports/${encodeURIComponent(code ?? '')}`, undefined, signal),
    enabled: !!code,
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });
}

export function useRate(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RatingBody) => api.post<PublicStatus>(`/api/public/service/reports/${encodeURIComponent(code)}/rating`, body),
    onSuccess: (status) => qc.setQueryData([...KEY, 'status', code], status),
  });
}

export const photoUrl = (id: string) => `/api/public/service/photos/${id}`;
