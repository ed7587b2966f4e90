export { ledgerPerson, ledgerOffice, ledgerRoom, ledgerSignage, ledgerAsset, ledgerAssetTransfer, ledgerPhoto, ledgerImport, roomType } from './ledger.tables';
export { createLedgerService, type LedgerService } from './ledger.service';
export { ledgerRoutes } from './ledger.routes';
export { loadRuleData, ledgerOverview, type TeamMetricsProvider } from './ledger.facts';
export { buildRuleData, buildOverview, RULE_METRICS, type RuleData, type RuleMetric, type LedgerOverview, type PersonFacts, type RoomFacts, type OfficeFacts, type AssetFacts, type SignageFacts } from './domain/rule-data';
export { ASSET_TYPES, ASSET_TYPE_LABELS, ASSET_STATUSES, ENTITY_OF, PERSON_KINDS, LEDGERS, REQUIRED_ROOM_TYPES, type Ledger } from './domain/ledger-kinds';
export { idNumberProblem, maskIdNumber, makeIdNumber } from './domain/id-number';
export { createComputedItemEvaluator, ledgerRequirementsRoutes } from './ledger.requirements';
