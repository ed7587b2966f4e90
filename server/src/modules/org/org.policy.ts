import { inScope, type Actor } from '../../platform/permissions';
import { childKindAllowed, type OrgKind } from './domain/org-kinds';

interface UnitRef {
  path: string;
  kind: string;
}

export function canReadUnit(actor: Actor, unit: UnitRef): boolean {
  return actor.permissions.has('org.read') && inScope(actor, unit.path);
}

/**
 * A manager edits units strictly below their own (a team leader keeps the team's communities and
 * grids; the team's own name and status are set by the level above). The city administrator edits all.
 */
export function canUpdateUnit(actor: Actor, unit: UnitRef): boolean {
  if (!actor.permissions.has('org.manage')) return false;
  if (actor.role === 'city_admin') return true;
  return inScope(actor, unit.path) && unit.path !== actor.scopePath;
}

export function canCreateChild(actor: Actor, parent: UnitRef, childKind?: OrgKind): boolean {
  if (!actor.permissions.has('org.manage') || !inScope(actor, parent.path)) return false;
  if (childKind && !childKindAllowed(parent.kind as OrgKind, childKind)) return false;
  return parent.kind !== 'grid';
}

export function unitActions(actor: Actor, unit: UnitRef): string[] {
  const a: string[] = [];
  if (!inScope(actor, unit.path)) return a;
  if (canUpdateUnit(actor, unit)) a.push('update');
  if (canCreateChild(actor, unit)) a.push('createChild');
  return a;
}
