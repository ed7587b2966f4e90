export { violationVersion, violationItem } from './violation.tables';
export { createViolationService, toItemData, itemRows, type ViolationService } from './violation.service';
export { violationRoutes } from './violation.routes';
export { violationRepository } from './violation.repository';
export { DEMO_VIOLATION_ITEMS, DEMO_VIOLATION_LABEL, DEMO_VIOLATION_EFFECTIVE_FROM } from './demo/demo-items';
export {
  checkPenalty,
  itemIssues,
  bandIssues,
  formatFine,
  BAND_LEVELS,
  BAND_LABELS,
  PENALTY_KINDS,
  PENALTY_KIND_LABELS,
  PARTY_TYPES,
  FIRST_OFFENCE_BASIS,
  type BandLevel,
  type PenaltyKind,
  type PartyType,
  type PenaltyProposal,
  type PenaltyCheck,
  type CheckOutcome,
  type ViolationItemData,
  type LawRef,
  type Band,
  type StatutoryRange,
} from './domain/item';
