import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { ancestorIds, childKindAllowed, pathOf, type OrgKind } from './domain/org-kinds';
import { ringCentroid, ringIssues } from './domain/geometry';
import { canCreateChild, canReadUnit, canUpdateUnit, unitActions } from './org.policy';
import { invalidateLocateIndex, locatePoint } from './org.locate';
import { orgRepository, type OrgUnitListRow, type OrgUnitRow } from './org.repository';
import type { CreateOrgUnitBodyT, OrgUnitOutT, UpdateOrgUnitBodyT } from './org.schemas';
import type { GeoJsonGeometry } from './org.tables';

interface Deps {
  database: Database;
  clock: Clock;
}

function toOut(actor: Actor, u: OrgUnitListRow): OrgUnitOutT {
  return {
    id: u.id,
    parentId: u.parentId,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind as OrgKind,
    validFrom: u.validFrom,
    validTo: u.validTo,
    isDemo: u.isDemo,
    note: u.note,
    centerLon: u.centerLon,
    centerLat: u.centerLat,
    version: u.version,
    actions: unitActions(actor, u),
  };
}

/** What the audit trail keeps of a unit (geometry is summarised, not copied). */
function auditView(u: OrgUnitRow) {
  const { geometry, createdAt: _c, updatedAt: _u, ...rest } = u;
  return { ...rest, hasGeometry: geometry !== null };
}

export function geometryCenter(g: GeoJsonGeometry | undefined | null): { centerLon: number | null; centerLat: number | null } {
  if (!g || g.type === 'Point') return { centerLon: g?.coordinates[0] ?? null, centerLat: g?.coordinates[1] ?? null };
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0];
  if (!ring) return { centerLon: null, centerLat: null };
  const [lon, lat] = ringCentroid(ring);
  return { centerLon: lon, centerLat: lat };
}

export function createOrgService({ database, clock }: Deps) {
  const { db } = database;

  async function loadInScope(actor: Actor, id: string): Promise<OrgUnitRow> {
    const unit = await orgRepository.findById(db, id);
    // Out-of-scope units answer exactly like missing ones: their existence is not disclosed.
    if (!unit || !canReadUnit(actor, unit)) throw notFound('org.unit_not_found', 'Org unit not found');
    return unit;
  }

  return {
    async list(actor: Actor) {
      const rows = await orgRepository.findSubtreeWithAncestors(db, actor.scopePath, ancestorIds(actor.scopePath));
      const root = rows.find((r) => r.path === actor.scopePath);
      return { items: rows.map((r) => toOut(actor, r)), actions: root && canCreateChild(actor, root) ? ['createChild'] : [] };
    },

    async get(actor: Actor, id: string) {
      return toOut(actor, await loadInScope(actor, id));
    },

    async update(actor: Actor, id: string, body: UpdateOrgUnitBodyT) {
      const unit = await loadInScope(actor, id);
      if (!canUpdateUnit(actor, unit)) throw forbidden('auth.out_of_scope', 'You may not change this unit');
      if (body.validTo && body.validTo <= unit.validFrom) {
        throw validationFailed('validTo must be after validFrom', [{ field: 'validTo', message: `must be after ${unit.validFrom}`, code: 'valid_to_not_after_from', params: { validFrom: unit.validFrom } }]);
      }
      const { version, ...patch } = body;
      const out = await db.transaction(async (tx) => {
        const updated = await orgRepository.updateVersioned(tx, id, version, { ...patch, updatedAt: clock.now() });
        if (!updated) throw conflict('conflict.stale_version', 'The unit was changed by someone else; reload and try again', { currentVersion: unit.version });
        await recordAudit(tx, clock, actor, {
          action: 'org.unit.update',
          entityType: 'org_unit',
          entityId: id,
          orgUnitId: id,
          before: auditView(unit),
          after: auditView(updated),
        });
        return toOut(actor, updated);
      });
      // After the commit: a load racing the write is dropped with the old index (validTo may end a team's area).
      invalidateLocateIndex(database);
      return out;
    },

    async create(actor: Actor, body: CreateOrgUnitBodyT) {
      const parent = await loadInScope(actor, body.parentId);
      if (!childKindAllowed(parent.kind as OrgKind, body.kind)) {
        throw badRequest('org.kind_not_allowed', `A ${body.kind} cannot be placed under a ${parent.kind}`, { issues: [{ field: 'kind', message: `A ${body.kind} cannot be placed under a ${parent.kind}`, code: 'kind_not_allowed', params: { kind: body.kind, parentKind: parent.kind } }] });
      }
      if (!canCreateChild(actor, parent, body.kind)) throw forbidden('auth.out_of_scope', 'You may not add units here');
      if (body.geometry) {
        const rings = body.geometry.type === 'Polygon' ? body.geometry.coordinates : body.geometry.coordinates.flat();
        const issues = rings.flatMap((r, i) => ringIssues(r).map((p) => ({ field: `geometry.coordinates.${i}`, ...p })));
        if (issues.length) throw validationFailed('Invalid geometry', issues);
      }
      if (await orgRepository.findByCode(db, body.code)) {
        throw conflict('org.code_taken', `Code ${body.code} is already used`, { issues: [{ field: 'code', message: `Code ${body.code} is already used`, code: 'code_taken', params: { code: body.code } }] });
      }
      const id = newId();
      const now = clock.now();
      const geometry = (body.geometry as GeoJsonGeometry | undefined) ?? null;
      const row: OrgUnitRow = {
        id,
        parentId: parent.id,
        path: pathOf(parent.path, id),
        depth: parent.depth + 1,
        code: body.code,
        name: body.name,
        shortName: body.shortName ?? null,
        kind: body.kind,
        validFrom: body.validFrom,
        validTo: null,
        geometry,
        ...geometryCenter(geometry),
        isDemo: false,
        note: body.note ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const out = await db.transaction(async (tx) => {
        await orgRepository.insert(tx, row);
        await recordAudit(tx, clock, actor, { action: 'org.unit.create', entityType: 'org_unit', entityId: id, orgUnitId: id, after: auditView(row) });
        return toOut(actor, row);
      });
      invalidateLocateIndex(database);
      return out;
    },

    /**
     * The current team (validTo null) whose area, or whose community's or grid's area, contains the WGS-84 point,
     * and the unit grid containing it; both null outside every area (the report goes to the city desk). Served
     * from a per-process index rebuilt after any org write (org.locate.ts); no actor: routing is not a read of
     * the org tree on anyone's behalf.
     */
    async locate(lon: number, lat: number): Promise<{ teamId: string | null; gridId: string | null }> {
      return locatePoint(database, lon, lat);
    },

    async map(actor: Actor, rootId: string | undefined) {
      const root = rootId ? await loadInScope(actor, rootId) : undefined;
      const rows = await orgRepository.findGeometriesUnder(db, root?.path ?? actor.scopePath);
      return {
        type: 'FeatureCollection' as const,
        // The query keeps units that have a geometry; the filter says so to the type checker too.
        features: rows.flatMap((r) =>
          r.geometry ? [{ type: 'Feature' as const, properties: { id: r.id, parentId: r.parentId, name: r.name, kind: r.kind as OrgKind, isDemo: r.isDemo }, geometry: r.geometry }] : [],
        ),
      };
    },
  };
}
export type OrgService = ReturnType<typeof createOrgService>;
