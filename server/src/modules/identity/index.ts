export { appUser, userSession, loginAttempt } from './identity.tables';
export { createIdentityService, hashToken, type IdentityService } from './identity.service';
export { identityRoutes } from './identity.routes';
export { hashPassword } from './domain/password';
import type { DbOrTx } from '../../db/client';
import { identityRepository } from './identity.repository';

/** The org unit of a user account (for other modules' checks, e.g. linking a ledger person to an account). */
export async function findUserUnit(tx: DbOrTx, userId: string): Promise<{ orgUnitId: string; orgUnitPath: string } | undefined> {
  const u = await identityRepository.findWithUnit(tx, userId);
  return u ? { orgUnitId: u.orgUnitId, orgUnitPath: u.orgUnitPath } : undefined;
}
import { Me, UserRow } from './identity.schemas';
/** Schemas referenced by $ref; registered once at the root (see app.ts). */
export const identitySharedSchemas = [Me, UserRow];
