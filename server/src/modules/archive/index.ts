/** The archive module's public surface (卷宗: the whole case as one PDF, the evidence ZIP with its manifest, 保管期限). */
export { caseArchive, archiveRetentionPolicy } from './archive.tables';
export { createArchiveService, type ArchiveService, type DossierComposer, type DossierRequest, type DossierResult } from './archive.service';
export { archiveRoutes } from './archive.routes';
export { dossierComposerOf } from './archive.sources';
export { DOSSIER_SOURCE, DOSSIER_STAGES, orderDocuments, orderPhotos, documentsOf } from './domain/order';
export { RETENTION_DEFAULT_NOTE, DEFAULT_RETENTION_YEARS, resolveRetention } from './domain/retention';
