export { auditRecord, auditChainHead } from './audit.tables';
export { recordAudit, verifyAuditChain, auditService, type AuditEntry, type AuditActor, type VerifyResult } from './audit.service';
export { auditRoutes } from './audit.routes';
export { SYSTEM_ACTOR } from './audit.actor';
