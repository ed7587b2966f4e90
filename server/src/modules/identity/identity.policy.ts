import { ASSIGNABLE_ROLES, inScope, type Actor, type Role } from '../../platform/permissions';

interface UserRef {
  id: string;
  role: string;
  orgUnitPath: string;
}

export function canReadUser(actor: Actor, user: UserRef): boolean {
  return actor.permissions.has('identity.users.read') && inScope(actor, user.orgUnitPath);
}

/**
 * A manager manages accounts in their subtree whose role they could hand out themselves;
 * nobody edits their own role or unit (that is done by the level above).
 */
export function canManageUser(actor: Actor, user: UserRef): boolean {
  if (!actor.permissions.has('identity.users.manage')) return false;
  if (user.id === actor.userId) return false;
  if (actor.role === 'city_admin') return true;
  return inScope(actor, user.orgUnitPath) && (ASSIGNABLE_ROLES[actor.role] as readonly string[]).includes(user.role);
}

export function canAssign(actor: Actor, role: Role, unitPath: string): boolean {
  if (!actor.permissions.has('identity.users.manage')) return false;
  return (ASSIGNABLE_ROLES[actor.role] as readonly string[]).includes(role) && inScope(actor, unitPath);
}

export function userActions(actor: Actor, user: UserRef): string[] {
  return canManageUser(actor, user) ? ['update', 'resetPassword'] : [];
}
