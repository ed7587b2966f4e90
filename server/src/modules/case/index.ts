/** The case module's public surface (执法办案: leads, simple and general procedure, deadlines watched). */
export { enforcementCase, caseParty, caseEvent, caseDeadline, caseSeizure, caseCounter, caseDeadlineRevision } from './case.tables';
export { createCaseService, type CaseService } from './case.service';
export { caseRoutes } from './case.routes';
export { createCaseMetrics } from './case.metrics';
export { legalSourceOf, violationSourceOf, caseLegalView, type LegalSource, type ViolationSource, type CaseLegalView } from './case.sources';
export { CASE_STATES, CASE_ACTIONS, CASE_SOURCES, ACTIONS, availableActions, transition, type CaseState, type CaseAction } from './domain/workflow';
export { caseDeadlines, DEADLINE_RULES, type CaseDeadline, type TimelineEvent } from './domain/deadlines';
export type { CaseStep, CaseStepHook } from './case.hooks';
export { SERVICE_METHODS, type ServiceMethod } from './domain/facts';
