import crypto from 'node:crypto';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { badRequest, conflict, forbidden, notFound, tooMany, unauthorized, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { ASSIGNABLE_ROLES, isRole, permissionsOf, type Actor, type Role } from '../../platform/permissions';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit';
import { orgRepository } from '../org';
import { defaultLockoutPolicy, lockoutState, type LockoutPolicy } from './domain/lockout';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './domain/password';
import { canAssign, canManageUser, canReadUser, userActions } from './identity.policy';
import { identityRepository, type UserWithUnit } from './identity.repository';
import type { Me, UserRow } from './identity.schemas';
import type { Static } from 'typebox';

interface Deps {
  database: Database;
  clock: Clock;
  sessionTtlHours: number;
  lockoutPolicy?: LockoutPolicy;
}

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

function actorFrom(u: UserWithUnit): Actor {
  const role: Role = isRole(u.role) ? u.role : 'auxiliary';
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role,
    orgUnitId: u.orgUnitId,
    scopePath: u.orgUnitPath,
    permissions: permissionsOf(role),
    mustChangePassword: u.mustChangePassword,
  };
}

export function meView(u: UserWithUnit): Static<typeof Me> {
  const actor = actorFrom(u);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: actor.role,
    orgUnitId: u.orgUnitId,
    orgUnitName: u.orgUnitName,
    permissions: [...actor.permissions].sort(),
    mustChangePassword: u.mustChangePassword,
    locale: u.locale,
  };
}

function userRowView(actor: Actor, u: UserWithUnit): Static<typeof UserRow> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    // Stored roles are checked on every write (isRole), so the column holds one of ROLES.
    role: u.role as Role,
    orgUnitId: u.orgUnitId,
    orgUnitName: u.orgUnitName,
    disabled: u.disabled,
    version: u.version,
    actions: userActions(actor, { id: u.id, role: u.role, orgUnitPath: u.orgUnitPath }),
  };
}

/** What the audit trail keeps of a user: never the password hash. */
function auditUser(u: { id: string; username: string; displayName: string; role: string; orgUnitId: string; disabled: boolean }) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, orgUnitId: u.orgUnitId, disabled: u.disabled };
}

function assertPassword(password: string, username: string, field: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw badRequest('identity.weak_password', `Password rejected: ${problems.join(', ')}`, {
      issues: problems.map((p) => ({ field, message: p, code: `password_${p}`, ...(p === 'too_short' ? { params: { limit: 8 } } : {}) })),
    });
  }
}

/**
 * Resolved sessions are kept for a few seconds so that a burst of requests costs one lookup. Changes
 * made here (logout, password, role, disabling) evict at once; another instance behind the same
 * database sees them within SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 10_000;
const SESSION_CACHE_MAX = 10_000;

export function createIdentityService({ database, clock, sessionTtlHours, lockoutPolicy = defaultLockoutPolicy }: Deps) {
  const { db } = database;
  const ttlMs = sessionTtlHours * 3600_000;
  const cache = new Map<string, { actor: Actor; until: number }>();
  const evictUser = (userId: string) => {
    for (const [k, v] of cache) if (v.actor.userId === userId) cache.delete(k);
  };

  return {
    /** Resolves a session cookie; sliding expiry, refreshed at most once a minute to spare writes. */
    async resolveSession(token: string): Promise<Actor | null> {
      const now = clock.now();
      const key = hashToken(token);
      const hit = cache.get(key);
      if (hit && hit.until > now.getTime()) return hit.actor;
      cache.delete(key);
      const found = await identityRepository.findLiveSession(db, key, now);
      if (!found || found.user.disabled) return null;
      if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) {
        await identityRepository.touchSession(db, found.session.tokenHash, now, new Date(now.getTime() + ttlMs));
      }
      const actor = actorFrom(found.user);
      if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value as string);
      cache.set(key, { actor, until: Math.min(now.getTime() + SESSION_CACHE_MS, found.session.expiresAt.getTime()) });
      return actor;
    },

    async login(input: { username: string; password: string; ip: string; userAgent: string | undefined }) {
      const now = clock.now();
      const usernameKey = input.username.trim().toLowerCase();
      const since = new Date(now.getTime() - lockoutPolicy.windowMs);
      const [userFailures, addressFailures] = await Promise.all([
        identityRepository.userFailuresSince(db, usernameKey, since),
        identityRepository.ipFailuresSince(db, input.ip, since),
      ]);
      const state = lockoutState({ userFailures, addressFailures, ip: input.ip }, now, lockoutPolicy);
      if (state.locked) {
        throw state.reason === 'user_address'
          ? tooMany('identity.locked', 'Too many failed sign-in attempts; try again later', { retryAfterSeconds: state.retryAfterSeconds })
          : tooMany('identity.throttled', 'Too many sign-in attempts; wait a moment', { retryAfterSeconds: state.retryAfterSeconds });
      }
      const user = await identityRepository.findByUsername(db, usernameKey);
      // Always pay for one hash check, so a missing user is not faster than a wrong password.
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
      if (!user || !ok || user.disabled) {
        await db.transaction(async (tx) => {
          await identityRepository.recordAttempt(tx, { usernameKey, ip: input.ip, at: now, success: false });
          await recordAudit(tx, clock, SYSTEM_ACTOR, {
            action: 'identity.login_failed',
            entityType: 'login',
            entityId: usernameKey.slice(0, 100),
            orgUnitId: user?.orgUnitId ?? null,
            after: { ip: input.ip },
          });
        });
        throw unauthorized('identity.invalid_credentials', 'Wrong username or password');
      }
      const token = crypto.randomBytes(32).toString('base64url');
      await db.transaction(async (tx) => {
        await identityRepository.recordAttempt(tx, { usernameKey, ip: input.ip, at: now, success: true });
        await identityRepository.insertSession(tx, {
          tokenHash: hashToken(token),
          userId: user.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + ttlMs),
          ip: input.ip,
          userAgent: input.userAgent?.slice(0, 300) ?? null,
        });
        await recordAudit(tx, clock, { userId: user.id, displayName: user.displayName }, {
          action: 'identity.login',
          entityType: 'user',
          entityId: user.id,
          orgUnitId: user.orgUnitId,
          after: { ip: input.ip },
        });
      });
      const withUnit = await identityRepository.findWithUnit(db, user.id);
      if (!withUnit) throw notFound('identity.user_not_found', 'User not found');
      return { token, me: meView(withUnit), expiresAt: new Date(now.getTime() + ttlMs) };
    },

    async logout(token: string, actor: Actor | null): Promise<void> {
      cache.delete(hashToken(token));
      await db.transaction(async (tx) => {
        await identityRepository.deleteSession(tx, hashToken(token));
        if (actor) {
          await recordAudit(tx, clock, actor, { action: 'identity.logout', entityType: 'user', entityId: actor.userId, orgUnitId: actor.orgUnitId });
        }
      });
    },

    async me(actor: Actor) {
      const u = await identityRepository.findWithUnit(db, actor.userId);
      if (!u) throw notFound('identity.user_not_found', 'User not found');
      return meView(u);
    },

    async changePassword(actor: Actor, token: string, currentPassword: string, newPassword: string): Promise<void> {
      const user = await identityRepository.findById(db, actor.userId);
      if (!user) throw notFound('identity.user_not_found', 'User not found');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw badRequest('identity.wrong_password', 'The current password is wrong', { issues: [{ field: 'currentPassword', message: 'wrong password', code: 'wrong_password' }] });
      }
      assertPassword(newPassword, user.username, 'newPassword');
      const hash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await identityRepository.setPassword(tx, user.id, hash, clock.now(), false);
        // Other sessions of this user end: a changed password must lock out whoever knew the old one.
        await identityRepository.deleteSessionsOfUser(tx, user.id, hashToken(token));
        await recordAudit(tx, clock, actor, { action: 'identity.password_change', entityType: 'user', entityId: user.id, orgUnitId: user.orgUnitId });
      });
      evictUser(user.id);
    },

    async listUsers(actor: Actor, f: { q?: string | undefined; role?: string | undefined; orgUnitId?: string | undefined }) {
      const rows = await identityRepository.listInScope(db, actor.scopePath, f);
      return {
        items: rows.map((u) => userRowView(actor, u)),
        actions: actor.permissions.has('identity.users.manage') && ASSIGNABLE_ROLES[actor.role].length ? ['create'] : [],
        assignableRoles: [...ASSIGNABLE_ROLES[actor.role]],
      };
    },

    /** `by` is the signed-in manager, or null for the system (bootstrap, CLI), which is not scope-checked. */
    async createUser(by: Actor | null, input: { username: string; displayName: string; role: string; orgUnitId: string; password: string }, opts: { mustChangePassword?: boolean } = {}) {
      if (!isRole(input.role)) throw validationFailed('Unknown role', [{ field: 'role', message: `unknown role ${input.role}`, code: 'role_unknown', params: { role: input.role } }]);
      const unit = await orgRepository.findById(db, input.orgUnitId);
      const actor: AuditActor = by ?? SYSTEM_ACTOR;
      if (by) {
        const signedIn = by;
        if (!unit || !canReadUser(signedIn, { id: '', role: input.role, orgUnitPath: unit.path })) throw notFound('org.unit_not_found', 'Org unit not found');
        if (!canAssign(signedIn, input.role, unit.path)) throw forbidden('auth.out_of_scope', `You may not create a ${input.role} here`);
      } else if (!unit) {
        throw notFound('org.unit_not_found', 'Org unit not found');
      }
      const username = input.username.trim();
      if (!/^[A-Za-z0-9._-]{2,40}$/.test(username)) {
        throw validationFailed('Invalid username', [{ field: 'username', message: '2-40 letters, digits, dot, dash or underscore', code: 'username_format', params: { min: 2, max: 40 } }]);
      }
      assertPassword(input.password, username, 'password');
      if (await identityRepository.findByUsername(db, username)) throw conflict('identity.username_taken', 'That username is taken', { issues: [{ field: 'username', message: 'That username is taken', code: 'username_taken' }] });
      const now = clock.now();
      const row = {
        id: newId(),
        username,
        displayName: input.displayName.trim(),
        passwordHash: await hashPassword(input.password),
        role: input.role,
        orgUnitId: unit.id,
        disabled: false,
        mustChangePassword: opts.mustChangePassword ?? false,
        isDemo: false,
        locale: 'zh-CN',
        version: 1,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction(async (tx) => {
        await identityRepository.insertUser(tx, row);
        await recordAudit(tx, clock, actor, { action: 'identity.user.create', entityType: 'user', entityId: row.id, orgUnitId: unit.id, after: auditUser(row) });
      });
      const created = await identityRepository.findWithUnit(db, row.id);
      if (!created) throw notFound('identity.user_not_found', 'User not found');
      return by ? userRowView(by, created) : { ...userRowView(actorFrom(created), created), actions: [] };
    },

    async updateUser(actor: Actor, id: string, body: { version: number; displayName?: string | undefined; role?: string | undefined; orgUnitId?: string | undefined; disabled?: boolean | undefined }) {
      const target = await identityRepository.findWithUnit(db, id);
      if (!target || !canReadUser(actor, { id, role: target.role, orgUnitPath: target.orgUnitPath })) throw notFound('identity.user_not_found', 'User not found');
      if (!canManageUser(actor, { id, role: target.role, orgUnitPath: target.orgUnitPath })) throw forbidden('auth.out_of_scope', 'You may not change this user');
      let unitId = target.orgUnitId;
      let unitPath = target.orgUnitPath;
      if (body.orgUnitId && body.orgUnitId !== target.orgUnitId) {
        const unit = await orgRepository.findById(db, body.orgUnitId);
        if (!unit) throw validationFailed('Unknown org unit', [{ field: 'orgUnitId', message: 'unknown org unit', code: 'org_unit_unknown' }]);
        unitId = unit.id;
        unitPath = unit.path;
      }
      const role = body.role ?? target.role;
      if (!isRole(role)) throw validationFailed('Unknown role', [{ field: 'role', message: `unknown role ${role}`, code: 'role_unknown', params: { role } }]);
      if ((body.role || body.orgUnitId) && !canAssign(actor, role, unitPath)) throw forbidden('auth.out_of_scope', `You may not make this user a ${role} there`);
      const before = await identityRepository.findById(db, id);
      return db.transaction(async (tx) => {
        const updated = await identityRepository.updateUserVersioned(tx, id, body.version, {
          ...(body.displayName !== undefined ? { displayName: body.displayName.trim() } : {}),
          ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
          role,
          orgUnitId: unitId,
          updatedAt: clock.now(),
        });
        if (!updated || !before) throw conflict('conflict.stale_version', 'The user was changed by someone else; reload and try again', { currentVersion: target.version });
        if (updated.disabled) await identityRepository.deleteSessionsOfUser(tx, id);
        evictUser(id);
        await recordAudit(tx, clock, actor, { action: 'identity.user.update', entityType: 'user', entityId: id, orgUnitId: unitId, before: auditUser(before), after: auditUser(updated) });
        const view = await identityRepository.findWithUnit(tx, id);
        if (!view) throw notFound('identity.user_not_found', 'User not found');
        return userRowView(actor, view);
      });
    },

    /** `by` null: the system (CLI reset-password), not scope-checked. */
    async resetPassword(by: Actor | null, id: string, password: string): Promise<void> {
      const target = await identityRepository.findWithUnit(db, id);
      if (!target) throw notFound('identity.user_not_found', 'User not found');
      if (by) {
        if (!canReadUser(by, { id, role: target.role, orgUnitPath: target.orgUnitPath })) throw notFound('identity.user_not_found', 'User not found');
        if (!canManageUser(by, { id, role: target.role, orgUnitPath: target.orgUnitPath })) throw forbidden('auth.out_of_scope', 'You may not change this user');
      }
      const actor: AuditActor = by ?? SYSTEM_ACTOR;
      assertPassword(password, target.username, 'password');
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        // The holder must choose their own password at next sign-in; old sessions end now.
        await identityRepository.setPassword(tx, id, hash, clock.now(), true);
        await identityRepository.deleteSessionsOfUser(tx, id);
        await recordAudit(tx, clock, actor, { action: 'identity.password_reset', entityType: 'user', entityId: id, orgUnitId: target.orgUnitId });
      });
      evictUser(id);
    },

    findUserByUsername: (username: string) => identityRepository.findByUsername(db, username),
    countUsers: () => identityRepository.countUsers(db),
  };
}
export type IdentityService = ReturnType<typeof createIdentityService>;
