export { auditRecord, auditChainHead } from './audit.tables';
export { recordAudit, recordAuditMany, verifyAuditChain, auditService, type AuditEntry, type AuditActor, type VerifyResult } from './audit.service';
export { auditRoutes } from './audit.routes';
export { SYSTEM_ACTOR } from './audit.actor';
