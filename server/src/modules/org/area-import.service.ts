import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { badRequest, conflict, forbidden } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { checkAreaImport, type AreaCheckResult } from './domain/area-check';
import { pathOf } from './domain/org-kinds';
import { parseAreaFile, type ParsedAreaFile } from './area-import.parse';
import type { AreaImportAppliedT, AreaImportPreviewT, AreaImportQueryT } from './area-import.schemas';
import { invalidateLocateIndex } from './org.locate';
import { canCreateChild, canUpdateUnit } from './org.policy';
import { orgRepository, type OrgUnitRow } from './org.repository';
import { geometryCenter } from './org.service';
import type { GeoJsonGeometry } from './org.tables';

interface Deps {
  database: Database;
  clock: Clock;
}

/** Asia/Shanghai civil date of an instant (China has no daylight saving time). */
const shanghaiDay = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** What the audit trail keeps of a unit (geometry summarised, as org.service does). */
function auditView(u: OrgUnitRow) {
  const { geometry, createdAt: _c, updatedAt: _u, ...rest } = u;
  return { ...rest, hasGeometry: geometry !== null };
}

/**
 * 辖区与网格导入: preview (a dry run returning every problem and every change) and apply (the same checks, then
 * one transaction, only when no check is an error). The file is sent to both: nothing is kept between them.
 */
export function createAreaImport({ database, clock }: Deps) {
  const { db } = database;

  async function run(actor: Actor, query: AreaImportQueryT, buf: Buffer): Promise<{ file: ParsedAreaFile; result: AreaCheckResult; byId: Map<string, OrgUnitRow> }> {
    const file = parseAreaFile(buf);
    const all = await orgRepository.findAll(db);
    const current = all.filter((u) => u.validTo === null);
    const result = checkAreaImport(file.features, current, {
      crs: query.crs,
      codeProperty: query.codeProperty,
      nameProperty: query.nameProperty,
      gridTeamCode: query.gridTeamCode,
      closedCodes: new Set(all.filter((u) => u.validTo !== null).map((u) => u.code)),
      prj: file.prj ?? undefined,
    });
    const byId = new Map(current.map((u) => [u.id, u]));
    // Every unit written must be one the caller may change: a district manager imports for its own district only.
    for (const c of result.changes) {
      const allowed = c.action === 'update' ? canUpdateUnit(actor, byId.get(c.unitId!)!) : canCreateChild(actor, byId.get(c.parentId)!, 'grid');
      if (!allowed) throw forbidden('auth.out_of_scope', `You may not change unit ${c.unitCode}`, { unitCode: c.unitCode });
    }
    return { file, result, byId };
  }

  return {
    async preview(actor: Actor, query: AreaImportQueryT, buf: Buffer): Promise<AreaImportPreviewT> {
      const { file, result } = await run(actor, query, buf);
      return {
        fileKind: file.fileKind,
        featureCount: file.features.length,
        properties: file.properties,
        prj: file.prj,
        problems: result.problems,
        changes: result.changes.map(({ geometry: _g, ...c }) => c),
        errorCount: result.errorCount,
        warningCount: result.warningCount,
        map: {
          type: 'FeatureCollection',
          features: result.changes.map((c) => ({
            type: 'Feature' as const,
            properties: { featureIndex: c.featureIndex, unitCode: c.unitCode, name: c.name, kind: c.kind, action: c.action },
            geometry: c.geometry,
          })),
        },
      };
    },

    async apply(actor: Actor, query: AreaImportQueryT, buf: Buffer): Promise<AreaImportAppliedT> {
      const { result, byId } = await run(actor, query, buf);
      if (result.errorCount > 0) {
        throw badRequest('org.area_import.has_errors', `The file has ${result.errorCount} problem(s) to fix first; see the preview`, { errorCount: result.errorCount, problems: result.problems.slice(0, 50) });
      }
      if (result.changes.length === 0) throw badRequest('org.area_import.nothing_to_import', 'No feature of the file maps to a unit');
      const now = clock.now();
      const out = await db.transaction(async (tx) => {
        let updated = 0;
        let created = 0;
        for (const c of result.changes) {
          const geometry = c.geometry as GeoJsonGeometry;
          if (c.action === 'update') {
            const before = byId.get(c.unitId!)!;
            const after = await orgRepository.updateVersioned(tx, before.id, before.version, { geometry, ...geometryCenter(geometry), updatedAt: now });
            // Changed since the check read it: the whole import is refused, the user previews again.
            if (!after) throw conflict('conflict.stale_version', `Unit ${c.unitCode} was changed by someone else; preview again`, { unitCode: c.unitCode });
            await recordAudit(tx, clock, actor, { action: 'org.unit.import', entityType: 'org_unit', entityId: before.id, orgUnitId: before.id, before: auditView(before), after: { ...auditView(after), crs: query.crs } });
            updated++;
          } else {
            const parent = byId.get(c.parentId)!;
            const id = newId();
            const row: OrgUnitRow = {
              id,
              parentId: parent.id,
              path: pathOf(parent.path, id),
              depth: parent.depth + 1,
              code: c.unitCode,
              name: c.name,
              shortName: null,
              kind: 'grid',
              validFrom: shanghaiDay(now),
              validTo: null,
              geometry,
              ...geometryCenter(geometry),
              isDemo: false,
              note: null,
              version: 1,
              createdAt: now,
              updatedAt: now,
            };
            await orgRepository.insert(tx, row);
            await recordAudit(tx, clock, actor, { action: 'org.unit.import', entityType: 'org_unit', entityId: id, orgUnitId: id, after: { ...auditView(row), crs: query.crs } });
            created++;
          }
        }
        return { updated, created, warningCount: result.warningCount };
      });
      invalidateLocateIndex(database);
      return out;
    },
  };
}
export type AreaImport = ReturnType<typeof createAreaImport>;
