import { inScope, type Actor } from '../../platform/permissions';
import type { ReviewLevel } from './domain/workflow';

/**
 * The levels at which an actor works on a team's assessment: the team's own leader self-assesses,
 * a district manager above it reviews, bureau staff accept. Everyone else may at most read it.
 */
export function levelsFor(actor: Actor, unitPath: string): ReviewLevel[] {
  if (!inScope(actor, unitPath)) return [];
  const levels: ReviewLevel[] = [];
  if (actor.permissions.has('assessment.edit') && actor.role === 'team_leader' && unitPath === actor.scopePath) levels.push('team');
  if (actor.permissions.has('assessment.review') && actor.role === 'district_manager' && unitPath !== actor.scopePath) levels.push('district');
  if (actor.permissions.has('assessment.review') && (actor.role === 'city_admin' || actor.role === 'bureau_staff')) levels.push('city');
  return levels;
}

export const canReadAssessment = (actor: Actor, unitPath: string): boolean => actor.permissions.has('assessment.read') && inScope(actor, unitPath);

/** Rectification: the owner (or the team leader) works the task; a reviewer above the team verifies it. */
export function rectificationRoles(actor: Actor, task: { ownerUserId: string | null }, unitPath: string): ('owner' | 'verifier')[] {
  if (!inScope(actor, unitPath)) return [];
  const roles: ('owner' | 'verifier')[] = [];
  const levels = levelsFor(actor, unitPath);
  if (actor.permissions.has('rectification.work') && (task.ownerUserId === actor.userId || levels.includes('team'))) roles.push('owner');
  if (levels.includes('district') || levels.includes('city')) roles.push('verifier');
  return roles;
}
