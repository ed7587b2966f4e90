import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../shared/api/client';
import type { Body, Ok, QueryOf, Schema } from '../../shared/api/contract';
import { ME_KEY, type Me } from '../../shared/session';

// The signed-in user is shared (every module reads it); re-exported for this module's pages.
export { hasPermission, ME_KEY, useMe, type Me } from '../../shared/session';

// DTOs are the generated contract (shared/api/schema.d.ts, npm run gen:api), never written by hand here.
export type UserRow = Schema<'UserRow'>;
export type Role = UserRow['role'];
export type UserList = Ok<'/api/identity/users', 'get'>;
export type UserFilter = QueryOf<'/api/identity/users', 'get'>;
export type CreateUserBody = Body<'/api/identity/users', 'post'>;
export type UpdateUserBody = Body<'/api/identity/users/{id}', 'patch'>;

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/identity/login', 'post'>) =>
      apiFetch<Ok<'/api/identity/login', 'post'>>('/api/identity/login', { method: 'POST', body, quiet401: true }),
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
    mutationFn: (body: Body<'/api/identity/password', 'post'>) =>
      api.post<void>('/api/identity/password', body),
    onSuccess: () => {
      qc.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, mustChangePassword: false } : me));
    },
  });
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: ['identity', 'users', filter],
    queryFn: ({ signal }) =>
      api.get<UserList>('/api/identity/users', { q: filter.q, role: filter.role, orgUnitId: filter.orgUnitId }, signal),
    placeholderData: (prev) => prev,
  });
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
      api.post<void>(`/api/identity/users/${encodeURIComponent(id)}/reset-password`, { password } satisfies Body<'/api/identity/users/{id}/reset-password', 'post'>),
  });
}
