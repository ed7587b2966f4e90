import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Actor } from '../../platform/permissions';
import { badRequest, forbidden, notFound } from '../../platform/errors';
import type { FieldIssueCode } from '../../platform/validation';
import { cnDayRange } from './domain/partitions';
import { prepareArea, type AreaGeometry, type PreparedArea } from './domain/geo';
import type { Grid } from './domain/analytics/coverage';
import type { TrackPoint } from './domain/analytics/track';
import { trackingRepository as repo, type BindingRow, type DeviceRow, type UnitRow } from './tracking.repository';
import { canManageDevices, canReadTracking, canSeeUnassigned } from './tracking.policy';
import type { Ingest } from './tracking.ingest';
import type { LiveHub } from './tracking.live';

/**
 * What the tracking services (devices, duty, analytics) share: the dependencies, the scope checks, and the
 * caches of org areas and units (org units change rarely; a minute of staleness is harmless).
 */

export interface TrackingServiceDeps {
  database: Database;
  clock: Clock;
  ingest: Ingest;
  live: LiveHub;
}

/** What the read side (analytics, duty compliance) needs: no ingest, no live feed. */
export type TrackingContextDeps = Pick<TrackingServiceDeps, 'database' | 'clock'>;

/**
 * A 400 naming the field, in the shape the web's form helpers read (`details.issues`): `issue` (and `params`) say
 * what is wrong in the terms the web translates (fieldErrors.<issue>), `code` is the error's own code.
 */
export function fieldError(code: string, field: string, message: string, issue: FieldIssueCode, params?: Record<string, string | number>) {
  return badRequest(code, message, { field, issues: [{ field, message: message.replace(/^[A-Za-z]+: /, ''), code: issue, ...(params ? { params } : {}) }] });
}

/** Most points returned for one device and period (a day at 1 s reporting is 86,400). */
export const MAX_POINTS = 100_000;
/** Longest replay / positions window. */
export const MAX_WINDOW_MS = 7 * 86_400_000;

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function parseWindow(from: string, to: string): { from: Date; to: Date } {
  const f = new Date(from);
  const t = new Date(to);
  if (Number.isNaN(f.getTime())) throw fieldError('tracking.bad_time', 'from', `from: not a date-time: ${from}`, 'not_date_time');
  if (Number.isNaN(t.getTime())) throw fieldError('tracking.bad_time', 'to', `to: not a date-time: ${to}`, 'not_date_time');
  if (t <= f) throw fieldError('tracking.bad_window', 'to', 'to must be after from', 'not_after_start');
  if (t.getTime() - f.getTime() > MAX_WINDOW_MS) throw fieldError('tracking.window_too_long', 'to', 'a period of at most 7 days', 'period_too_long', { days: MAX_WINDOW_MS / 86_400_000 });
  return { from: f, to: t };
}

export function dayWindow(date: string): { start: Date; end: Date } {
  try {
    return cnDayRange(date);
  } catch {
    throw fieldError('tracking.bad_date', 'date', `date: expected YYYY-MM-DD, got ${date}`, 'date_format');
  }
}

export function currentBinding(bs: BindingRow[], at: Date): BindingRow | null {
  return bs.find((b) => b.validFrom <= at && (b.validTo === null || b.validTo > at)) ?? null;
}

export type AreaUnit = UnitRow & { area: PreparedArea | null };

/** The most specific named area containing a point (grid, else community, else team). */
export function placeFinder(units: AreaUnit[]) {
  const rank = (k: string) => (k === 'grid' ? 0 : k === 'community' ? 1 : 2);
  const sorted = [...units].sort((a, b) => rank(a.kind) - rank(b.kind));
  return (lat: number, lon: number) => sorted.find((u) => u.area?.contains(lon, lat))?.name ?? null;
}

export function gridsOf(units: AreaUnit[]): Grid[] {
  return units.filter((u) => u.kind === 'grid' && u.geometry && u.geometry.type !== 'Point').map((u) => ({ id: u.id, geometry: u.geometry as AreaGeometry }));
}

/** A small time-limited cache (per service instance). */
function cached<K, V>(ttlMs: number, load: (k: K) => Promise<V>): (k: K) => Promise<V> {
  const hits = new Map<K, { at: number; v: V }>();
  return async (k) => {
    const hit = hits.get(k);
    if (hit && Date.now() - hit.at < ttlMs) return hit.v;
    const v = await load(k);
    hits.set(k, { at: Date.now(), v });
    return v;
  };
}

export function createTrackingContext(deps: TrackingContextDeps) {
  const { database, clock } = deps;
  const { db } = database;

  /** Areas (team, communities, grids) of a team with their prepared geometry. */
  const areasOfTeam = cached(60_000, async (teamId: string) => {
    const team = await repo.unit(db, teamId);
    if (!team) return [] as AreaUnit[];
    return (await repo.unitsUnder(db, team.path, ['team', 'community', 'grid'])).map((u) => ({ ...u, area: u.geometry && u.geometry.type !== 'Point' ? prepareArea(u.geometry as AreaGeometry) : null }));
  });
  /** Org units by id: a week of shifts names the same few units over and over. */
  const unitCached = cached(60_000, (id: string) => repo.unit(db, id));
  /** The team of a unit path. */
  const teamOfPath = cached(60_000, (path: string) => repo.teamOf(db, path));

  async function unitInScope(actor: Actor, id: string, can: (a: Actor, path: string) => boolean, what: string): Promise<UnitRow> {
    const u = await repo.unit(db, id);
    if (!u) throw notFound('org.unit_not_found', `org unit ${id} not found`);
    if (!can(actor, u.path)) throw forbidden('tracking.out_of_scope', `${what}: ${u.name} is outside your scope`);
    return u;
  }

  async function readableDevice(actor: Actor, id: string): Promise<DeviceRow> {
    const d = await repo.device(db, id);
    if (!d) throw notFound('tracking.device_not_found', `device ${id} not found`);
    const ok = d.orgPath ? canReadTracking(actor, d.orgPath) : canSeeUnassigned(actor);
    if (!ok) throw notFound('tracking.device_not_found', `device ${id} not found`);
    return d;
  }

  async function manageableDevice(actor: Actor, id: string): Promise<DeviceRow> {
    const d = await readableDevice(actor, id);
    const ok = d.orgPath ? canManageDevices(actor, d.orgPath) : canSeeUnassigned(actor);
    if (!ok) throw forbidden('tracking.forbidden', 'you may not manage this device');
    return d;
  }

  /** A person's track over every device bound to them in the period, oldest first. */
  async function personDevicesTrack(personId: string, from: Date, to: Date): Promise<TrackPoint[]> {
    const bs = await repo.bindingsOfPerson(db, personId, from, to);
    const points: TrackPoint[] = [];
    for (const b of bs) {
      const f = b.validFrom > from ? b.validFrom : from;
      const t = b.validTo && b.validTo < to ? b.validTo : to;
      points.push(...(await repo.track(db, b.deviceId, f, t, MAX_POINTS)));
    }
    return points.sort((a, b) => a.time.getTime() - b.time.getTime());
  }

  return {
    database,
    db,
    clock,
    areasOf: (team: UnitRow) => areasOfTeam(team.id),
    unitCached,
    teamOfPath,
    unitInScope,
    readableDevice,
    manageableDevice,
    personDevicesTrack,
  };
}

export type TrackingContext = ReturnType<typeof createTrackingContext>;
