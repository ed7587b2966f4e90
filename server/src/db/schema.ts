// Schema barrel: every module's tables, for drizzle-kit and the typed db handle.
export * from '../modules/org/org.tables';
export * from '../modules/identity/identity.tables';
export * from '../modules/audit/audit.tables';
export * from '../modules/catalog/catalog.tables';
export * from '../modules/assessment/assessment.tables';
export * from '../modules/progress/progress.tables';
export * from '../modules/ledger/ledger.tables';
export * from '../modules/tracking/tracking.tables';
export * from '../modules/legal/legal.tables';
export * from '../modules/violation/violation.tables';
export * from '../modules/case/case.tables';
export * from '../modules/document/document.tables';
export * from '../modules/evidence/evidence.tables';
export * from '../modules/document/template.tables';
export * from '../modules/document/record.tables';
export * from '../modules/onsite/onsite.tables';
export * from '../modules/archive/archive.tables';
