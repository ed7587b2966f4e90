/** The legal module's public surface: the pure core (rules as data, calendar, deadline engine) and its services. */
export * from './domain';
export { legalRuleSetVersion, legalRule, legalCalendarYear, legalCalendarDay } from './legal.tables';
export { createLegalService, ensureLegalBaseline, inForceOn, revisionOf, type LegalService, type LegalChangeListener } from './legal.service';
export { createLegalCalculator, PROCEDURE_STEPS, type LegalCalculator } from './legal.calculator';
export { legalRoutes } from './legal.routes';
/** TypeBox schemas other modules reuse so that the web gets exact types (e.g. a case deadline's explanation). */
export { ExplanationStepS, CitationS, LawRefS } from './legal.schemas';
