import { inScope, type Actor } from '../../platform/permissions';

/**
 * Who may see and manage field tracking. Positions are personal data of the officers: reading needs
 * `tracking.read` and the team in the actor's subtree (an officer sees his own team, a district manager his
 * district, the city everything). Devices and bindings need `tracking.manage`; duty schedules, checkpoints and
 * acknowledging alerts need `tracking.duty`.
 */
export const canReadTracking = (actor: Actor, unitPath: string): boolean => actor.permissions.has('tracking.read') && inScope(actor, unitPath);
export const canManageDevices = (actor: Actor, unitPath: string): boolean => actor.permissions.has('tracking.manage') && inScope(actor, unitPath);
export const canManageDuty = (actor: Actor, unitPath: string): boolean => actor.permissions.has('tracking.duty') && inScope(actor, unitPath);
/** Auto-registered devices belong to no team yet: whoever manages devices may see and claim them for a team of theirs. */
export const canSeeUnassigned = (actor: Actor): boolean => actor.permissions.has('tracking.manage');
