/** The publication module's public surface (公示 of penalty decisions, 行政处罚法 第四十八条). */
export { casePublication, publicationSetting, type PublishedContent } from './publication.tables';
export { createPublicationService, type PublicationService, type PublicationLegal } from './publication.service';
export { publicationRoutes, publicDecisionRoutes } from './publication.routes';
export { DEFAULT_CRITERIA, publicationReasons, type PublicationCriteria } from './domain/rules';
export { redactParty, redactText, maskName } from './domain/redact';
