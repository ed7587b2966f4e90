import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError } from '../../shared/api/client';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  orgUnitId: string;
  orgUnitName: string;
  permissions: string[];
  mustChangePassword: boolean;
  locale: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  orgUnitId: string;
  orgUnitName: string;
  disabled: boolean;
  version: number;
  actions: string[];
}

export interface UserList {
  items: UserRow[];
  actions: string[];
  assignableRoles: string[];
}

export const ME_KEY = ['identity', 'me'] as const;

export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}

/** The current user, or null when not signed in (a 401 here is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async (): Promise<Me | null> => {
      try {
        const r = await apiFetch<{ user: Me }>('/api/identity/me', { quiet401: true });
        return r.user;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      apiFetch<{ user: Me }>('/api/identity/login', { method: 'POST', body, quiet401: true }),
    onSuccess: (r) => {
      // Drop anything cached for a previous user, then seed "me".
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'platform' });
      qc.setQueryData(ME_KEY, r.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/api/identity/logout', { method: 'POST', quiet401: true }),
    onSettled: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'platform' });
      qc.setQueryData(ME_KEY, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/identity/password', body),
    onSuccess: () => {
      qc.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, mustChangePassword: false } : me));
    },
  });
}

export interface UserFilter {
  q?: string;
  role?: string;
  orgUnitId?: string;
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: ['identity', 'users', filter],
    queryFn: ({ signal }) =>
      api.get<UserList>('/api/identity/users', { q: filter.q, role: filter.role, orgUnitId: filter.orgUnitId }, signal),
    placeholderData: (prev) => prev,
  });
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: string;
  orgUnitId: string;
  password: string;
}

export interface UpdateUserBody {
  version: number;
  displayName?: string;
  role?: string;
  orgUnitId?: string;
  disabled?: boolean;
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<UserRow>('/api/identity/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['identity', 'users'] }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      api.patch<UserRow>(`/api/identity/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['identity', 'users'] }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api.post<void>(`/api/identity/users/${encodeURIComponent(id)}/reset-password`, { password }),
  });
}
