/** The onsite module's public surface (现场核验: on-site case steps checked against the officers' trajectories). */
export { onsiteCheck, onsiteSetting } from './onsite.tables';
export { createOnsiteService, onsiteCounts, type OnsiteService } from './onsite.service';
export { onsiteRoutes } from './onsite.routes';
export { ONSITE_STEPS, ONSITE_ACTIONS, ONSITE_DEFAULTS, isOnsiteStep, countSteps, type OnsiteStatus, type OnsiteReason, type StepCounts } from './domain/onsite';
