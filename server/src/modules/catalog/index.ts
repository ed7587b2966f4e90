export { standard, standardVersion, catalogNode } from './catalog.tables';
export { createCatalogService, nodeRows, toNodeData, type CatalogService, type RuleChecker } from './catalog.service';
export { catalogRoutes } from './catalog.routes';
export { catalogRepository, type NodeRow, type VersionRow } from './catalog.repository';
export { leaves, aspectOf, orderTree, treeIssues, type CatalogNodeData, type ScoringMethod } from './domain/tree';
export { JIANGSU_2018_DEMO } from './demo/jiangsu-2018';
export { NANTONG_PROFILE_DEMO } from './demo/nantong-profile';
export type { CatalogSeed, CatalogSeedNode, ProfileSeed } from './demo/types';
