export { orgUnit, type GeoJsonGeometry } from './org.tables';
export { createOrgService, geometryCenter, type OrgService } from './org.service';
export { orgRoutes } from './org.routes';
export { orgRepository, type OrgUnitRow } from './org.repository';
export { ORG_KINDS, pathOf, type OrgKind } from './domain/org-kinds';
export { pointInRing, type Ring } from './domain/geometry';
export { buildSpatialIndex, type LocatableUnit, type LocateResult, type SpatialIndex } from './domain/spatial-index';
import { OrgUnitOut } from './org.schemas';
/** Schemas referenced by $ref; registered once at the root (see app.ts). */
export const orgSharedSchemas = [OrgUnitOut];
export { createAreaImport, type AreaImport } from './area-import.service';
export { areaImportRoutes } from './area-import.routes';
