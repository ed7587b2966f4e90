export { appUser, userSession, loginAttempt } from './identity.tables';
export { createIdentityService, hashToken, type IdentityService } from './identity.service';
export { identityRoutes } from './identity.routes';
export { hashPassword } from './domain/password';
