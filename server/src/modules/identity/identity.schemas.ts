import { Type } from 'typebox';
import { ROLES, type Role } from '../../platform/permissions';

export const RoleSchema = Type.Unsafe<Role>(Type.String({ enum: [...ROLES] }));

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const Me = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    orgUnitId: Type.String(),
    orgUnitName: Type.String(),
    permissions: Type.Array(Type.String()),
    mustChangePassword: Type.Boolean(),
    locale: Type.String(),
  },
  { $id: 'Me' },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const UserRow = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    orgUnitId: Type.String(),
    orgUnitName: Type.String(),
    disabled: Type.Boolean(),
    version: Type.Integer(),
    actions: Type.Array(Type.String(), { description: 'update, resetPassword' }),
  },
  { $id: 'UserRow' },
);

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    orgUnitId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    role: RoleSchema,
    orgUnitId: Type.String({ format: 'uuid' }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    role: Type.Optional(RoleSchema),
    orgUnitId: Type.Optional(Type.String({ format: 'uuid' })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ResetPasswordBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
