export { appUser, userSession, loginAttempt } from './identity.tables';
export { createIdentityService, hashToken, type IdentityService } from './identity.service';
export { identityRoutes } from './identity.routes';
export { hashPassword } from './domain/password';
import { Me, UserRow } from './identity.schemas';
/** Schemas referenced by $ref; registered once at the root (see app.ts). */
export const identitySharedSchemas = [Me, UserRow];
