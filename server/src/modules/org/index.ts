export { orgUnit, type GeoJsonGeometry } from './org.tables';
export { createOrgService, geometryCenter, type OrgService } from './org.service';
export { orgRoutes } from './org.routes';
export { orgRepository, type OrgUnitRow } from './org.repository';
export { ORG_KINDS, pathOf, type OrgKind } from './domain/org-kinds';
