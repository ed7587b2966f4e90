/**
 * The one HTTP client of the web app. Every call goes through `apiFetch`, which:
 *  - sends the session cookie (`credentials: 'same-origin'`),
 *  - turns non-2xx answers into an `ApiError` carrying the server's stable dotted `code`,
 *  - tells the app (via `onUnauthenticated`) when the session is gone, so it can go to /login.
 */
export interface FieldIssue {
  field: string;
  message: string;
  /** Translated by the web as fieldErrors.<code> (see issueText). */
  code?: string;
  params?: Record<string, string | number>;
  row?: number;
  column?: string;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level validation issues (`request.validation` → details.issues). */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: unknown } | undefined;
    if (!d || !Array.isArray(d.issues)) return [];
    return d.issues.filter(
      (i): i is FieldIssue => typeof i === 'object' && i !== null && typeof (i as FieldIssue).field === 'string',
    );
  }
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Subscribe to "the session is gone" (401 identity.unauthenticated). Returns an unsubscribe function. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not broadcast a 401 (used by the "who am I" probe and the login call). */
  quiet401?: boolean;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, quiet401 } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network.unreachable', e instanceof Error ? e.message : String(e));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = data as { code?: unknown; message?: unknown; details?: unknown } | undefined;
    const code = typeof err?.code === 'string' ? err.code : `http.${res.status}`;
    const message = typeof err?.message === 'string' ? err.message : res.statusText;
    const apiError = new ApiError(res.status, code, message, err?.details);
    if (res.status === 401 && !quiet401) {
      for (const l of unauthenticatedListeners) l();
    }
    throw apiError;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiFetch<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiFetch<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiFetch<T>(path, { method: 'PATCH', body }),
};

/** POST a file as multipart/form-data (field "file"); errors become ApiError like every other call. */
export async function postFile<T>(path: string, file: File | Blob, query?: Query, fileName?: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, fileName ?? (file instanceof File ? file.name : 'upload'));
  const res = await fetch(withQuery(path, query), { method: 'POST', body: form, credentials: 'same-origin' });
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
  return data as T;
}
