/** The document module's public surface (执法文书: 文号 numbering so far). */
export { documentCounter, documentNumber } from './document.tables';
export { createDocumentService, type DocumentService } from './document.service';
export { documentRoutes } from './document.routes';
export { DOCUMENT_TYPES, NUMBERED_TYPE_CODES, formatDocumentNumber, sequenceGaps, type DocumentTypeCode } from './domain/numbering';
export { documentTemplateSet } from './template.tables';
export { createTemplateService, ensureTemplateBaseline, TEMPLATE_BASELINE_LABEL, type TemplateService } from './template.service';
export { templateRoutes } from './template.routes';
export { documentSignature, documentService } from './record.tables';
export { createRecordService, type RecordService } from './record.service';
export { recordRoutes } from './record.routes';
export { createRenderService, type RenderService, type SignatureSource, type TemplateSource } from './render.service';
export { renderRoutes } from './render.routes';
export { DEFAULT_TEMPLATE_SET } from './domain/templates';
export { renderDossierPdf, UnsupportedPhotoError, type DossierIndexEntry, type DossierInput, type DossierOutput } from './render/archive-pdf';
