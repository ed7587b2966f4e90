import { inScope, type Actor } from '../../platform/permissions';

/**
 * Who may do what to a team's ledgers. Reading needs `ledger.read` and the team in the actor's subtree;
 * managing needs `ledger.manage` too (a team leader his own team, a district manager his district,
 * the city administrator everything). Bureau staff read everything and change nothing.
 */
export const canReadLedger = (actor: Actor, unitPath: string): boolean => actor.permissions.has('ledger.read') && inScope(actor, unitPath);
export const canManageLedger = (actor: Actor, unitPath: string): boolean => actor.permissions.has('ledger.manage') && inScope(actor, unitPath);
/** The full ID number is shown only to someone who manages that team's ledger, and every reveal is audited. */
export const canRevealIdNumber = canManageLedger;
/** Room types apply city-wide: only the city administrator adds them. */
export const canManageRoomTypes = (actor: Actor): boolean => actor.role === 'city_admin';
