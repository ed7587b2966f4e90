import crypto from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Actor } from '../../platform/permissions';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { appUser } from '../identity/identity.tables';
import { ledgerPerson } from '../ledger/ledger.tables';
import { orgUnit } from '../org/org.tables';
import { bitsToFlags } from './domain/position-flags';
import { normalizeOsmAndId, normalizeTerminalNo } from './domain/identifiers';
import { cnDayRange } from './domain/partitions';
import { prepareArea, type AreaGeometry, type PreparedArea } from './domain/geo';
import { summarizeDay, type DaySummary } from './domain/analytics/patrol';
import { checkpointVisits, gridCoverage, type Grid } from './domain/analytics/coverage';
import { dutyAlerts, dutyCompliance } from './domain/analytics/duty';
import type { TrackPoint } from './domain/analytics/track';
import { trackingRepository as repo, type BindingRow, type DeviceRow, type TrackFix, type UnitRow } from './tracking.repository';
import { trackingAlert, trackingCheckpoint, trackingShift } from './tracking.tables';
import { canManageDevices, canManageDuty, canReadTracking, canSeeUnassigned } from './tracking.policy';
import type { Ingest } from './tracking.ingest';
import type { LiveHub } from './tracking.live';
import type { Static } from 'typebox';
import type { TeamStatsOut } from './tracking.schemas';

export interface TrackingServiceDeps {
  database: Database;
  clock: Clock;
  ingest: Ingest;
  live: LiveHub;
}

/** A 400 naming the field, in the shape the web's form helpers read (`details.issues`). */
function fieldError(code: string, field: string, message: string) {
  return badRequest(code, message, { field, issues: [{ field, message: message.replace(/^[A-Za-z]+: /, '') }] });
}

/** Most points returned for one device and period (a day at 1 s reporting is 86,400). */
export const MAX_POINTS = 100_000;
/** Longest replay / positions window. */
export const MAX_WINDOW_MS = 7 * 86_400_000;
/** Longest shift: a 24-hour duty is the most a schedule allows. */
const MAX_SHIFT_MS = 24 * 3_600_000;
/** A checkpoint counts as visited after one minute inside its circle (passing by in a car does not count). */
const CHECKPOINT_MIN_DWELL_MS = 60_000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOut(s: DaySummary, place: (lat: number, lon: number) => string | null) {
  return {
    pointCount: s.pointCount,
    usablePointCount: s.usablePointCount,
    firstFix: iso(s.firstFix),
    lastFix: iso(s.lastFix),
    distanceM: Math.round(s.distanceM),
    tripDistanceM: Math.round(s.tripDistanceM),
    maxSpeedKmh: Math.round(s.maxSpeedKmh * 10) / 10,
    movingMs: s.movingMs,
    stoppedMs: s.stoppedMs,
    noDataMs: s.noDataMs,
    stops: s.stops.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString(), durationMs: p.durationMs, lat: p.lat, lon: p.lon, pointCount: p.pointCount, place: place(p.lat, p.lon) })),
    trips: s.trips.map((t) => ({
      start: t.start.toISOString(),
      end: t.end.toISOString(),
      distanceM: Math.round(t.distanceM),
      durationMs: t.durationMs,
      maxSpeedKmh: Math.round(t.maxSpeedKmh * 10) / 10,
      avgSpeedKmh: Math.round(t.avgSpeedKmh * 10) / 10,
      startLat: t.startLat,
      startLon: t.startLon,
      endLat: t.endLat,
      endLon: t.endLon,
    })),
  };
}

function pointOut(p: TrackFix) {
  return { time: p.time.toISOString(), lat: p.lat, lon: p.lon, speedKmh: p.speedKmh, course: p.course, altitude: null, accuracyM: null, flags: [...p.flags] };
}

function parseWindow(from: string, to: string): { from: Date; to: Date } {
  const f = new Date(from);
  const t = new Date(to);
  if (Number.isNaN(f.getTime())) throw fieldError('tracking.bad_time', 'from', `from: not a date-time: ${from}`);
  if (Number.isNaN(t.getTime())) throw fieldError('tracking.bad_time', 'to', `to: not a date-time: ${to}`);
  if (t <= f) throw fieldError('tracking.bad_window', 'to', 'to must be after from');
  if (t.getTime() - f.getTime() > MAX_WINDOW_MS) throw fieldError('tracking.window_too_long', 'to', 'a period of at most 7 days');
  return { from: f, to: t };
}

function dayWindow(date: string): { start: Date; end: Date } {
  try {
    return cnDayRange(date);
  } catch {
    throw fieldError('tracking.bad_date', 'date', `date: expected YYYY-MM-DD, got ${date}`);
  }
}

export function createTrackingService(deps: TrackingServiceDeps) {
  const { database, clock, ingest, live } = deps;
  const { db } = database;

  /** Areas (team, communities, grids) of a team with their prepared geometry, cached: org areas rarely change. */
  const areaCache = new Map<string, { at: number; units: (UnitRow & { area: PreparedArea | null })[] }>();
  async function areasOf(team: UnitRow) {
    const hit = areaCache.get(team.id);
    if (hit && Date.now() - hit.at < 60_000) return hit.units;
    const units = (await repo.unitsUnder(db, team.path, ['team', 'community', 'grid'])).map((u) => ({ ...u, area: u.geometry && u.geometry.type !== 'Point' ? prepareArea(u.geometry as AreaGeometry) : null }));
    areaCache.set(team.id, { at: Date.now(), units });
    return units;
  }
  /** The most specific named area containing a point (grid, else community, else team). */
  function placeFinder(units: (UnitRow & { area: PreparedArea | null })[]) {
    const rank = (k: string) => (k === 'grid' ? 0 : k === 'community' ? 1 : 2);
    const sorted = [...units].sort((a, b) => rank(a.kind) - rank(b.kind));
    return (lat: number, lon: number) => sorted.find((u) => u.area?.contains(lon, lat))?.name ?? null;
  }
  function gridsOf(units: (UnitRow & { area: PreparedArea | null })[]): Grid[] {
    return units.filter((u) => u.kind === 'grid' && u.geometry && u.geometry.type !== 'Point').map((u) => ({ id: u.id, geometry: u.geometry as AreaGeometry }));
  }

  async function unitInScope(actor: Actor, id: string, can: (a: Actor, path: string) => boolean, what: string): Promise<UnitRow> {
    const u = await repo.unit(db, id);
    if (!u) throw notFound('org.unit_not_found', `org unit ${id} not found`);
    if (!can(actor, u.path)) throw forbidden('tracking.out_of_scope', `${what}: ${u.name} is outside your scope`);
    return u;
  }

  function deviceOut(d: DeviceRow, binding: BindingRow | null) {
    return {
      id: d.id,
      identifier: d.identifier,
      protocol: d.protocol,
      kind: d.kind,
      name: d.name,
      orgUnitId: d.orgUnitId,
      orgUnitName: d.orgUnitName,
      status: d.status,
      online: ingest.isOnline(d.lastSeenAt),
      lastSeenAt: iso(d.lastSeenAt),
      lastPosition:
        d.lastFixTime && d.lastLat !== null && d.lastLon !== null
          ? { time: d.lastFixTime.toISOString(), lat: d.lastLat, lon: d.lastLon, speedKmh: d.lastSpeedKmh, course: d.lastCourse, flags: bitsToFlags(d.lastFlags ?? 0) }
          : null,
      binding: binding ? bindingOut(binding) : null,
      note: d.note,
      hasAuthCode: d.hasAuthCode,
      isDemo: d.isDemo,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
    };
  }
  const bindingOut = (b: BindingRow) => ({ ...b, validFrom: b.validFrom.toISOString(), validTo: iso(b.validTo) });

  function currentBinding(bs: BindingRow[], at: Date): BindingRow | null {
    return bs.find((b) => b.validFrom <= at && (b.validTo === null || b.validTo > at)) ?? null;
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

  function normalizeIdentifier(protocol: 'osmand' | 'jt808', raw: string): string {
    const id = protocol === 'jt808' ? normalizeTerminalNo(raw) : normalizeOsmAndId(raw);
    if (!id) throw fieldError('tracking.bad_identifier', 'identifier', 'identifier: must not be empty');
    if (protocol === 'jt808' && !/^\d{1,20}$/.test(id)) throw fieldError('tracking.bad_identifier', 'identifier', 'identifier: a JT/T 808 terminal number is up to 20 digits');
    return id;
  }

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

  const shiftSelect = () =>
    db
      .select({
        id: trackingShift.id,
        orgUnitId: trackingShift.orgUnitId,
        personId: trackingShift.personId,
        personName: ledgerPerson.name,
        areaUnitId: trackingShift.areaUnitId,
        startsAt: trackingShift.startsAt,
        endsAt: trackingShift.endsAt,
        note: trackingShift.note,
        version: trackingShift.version,
        isDemo: trackingShift.isDemo,
      })
      .from(trackingShift)
      .innerJoin(ledgerPerson, eq(ledgerPerson.id, trackingShift.personId));
  type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftSelect>['execute']>>[number];

  async function shiftsOut(list: ShiftRow[]) {
    const unitIds = [...new Set(list.flatMap((s) => [s.orgUnitId, s.areaUnitId]))];
    const names = new Map<string, string>();
    if (unitIds.length) for (const u of await db.select({ id: orgUnit.id, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.id, unitIds))) names.set(u.id, u.name);
    return list.map((s) => ({
      id: s.id,
      orgUnitId: s.orgUnitId,
      orgUnitName: names.get(s.orgUnitId) ?? '',
      personId: s.personId,
      personName: s.personName,
      areaUnitId: s.areaUnitId,
      areaUnitName: names.get(s.areaUnitId) ?? '',
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      note: s.note,
      version: s.version,
      isDemo: s.isDemo,
    }));
  }

  /** Org units by id, cached like the areas: a week of shifts names the same few units over and over. */
  const unitCache = new Map<string, { at: number; unit: UnitRow | null }>();
  async function unitCached(id: string): Promise<UnitRow | null> {
    const hit = unitCache.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.unit;
    const unit = await repo.unit(db, id);
    unitCache.set(id, { at: Date.now(), unit });
    return unit;
  }

  async function compliance(s: ShiftRow) {
    const [area, team] = await Promise.all([unitCached(s.areaUnitId), unitCached(s.orgUnitId)]);
    if (!area?.geometry || area.geometry.type === 'Point' || !team) return null;
    const now = clock.now();
    if (s.startsAt > now) return null;
    const points = await personDevicesTrack(s.personId, s.startsAt, s.endsAt);
    const grids = gridsOf(await areasOf(team)).filter((g) => area.kind !== 'grid' || g.id === area.id);
    const c = dutyCompliance(points, { start: s.startsAt, end: s.endsAt, areaGeometry: area.geometry as AreaGeometry }, grids, { now });
    return { shiftMs: c.shiftMs, onDutyMs: c.onDutyMs, inAreaMs: c.inAreaMs, outOfAreaMs: c.outOfAreaMs, offlineMs: c.offlineMs, coverageRatio: c.coverage.grids.length ? c.coverage.coveredCount / c.coverage.grids.length : null };
  }

  async function validateShift(actor: Actor, b: { orgUnitId: string; personId: string; areaUnitId: string; startsAt: Date; endsAt: Date }, exceptId: string | null) {
    const team = await unitInScope(actor, b.orgUnitId, canManageDuty, 'shift');
    const person = await repo.person(db, b.personId);
    if (!person || !person.path.startsWith(team.path)) throw fieldError('tracking.person_not_in_team', 'personId', 'personId: not a member of this team');
    if (person.status !== 'active') throw fieldError('tracking.person_inactive', 'personId', `personId: ${person.name} has left`);
    const area = await repo.unit(db, b.areaUnitId);
    if (!area || !area.path.startsWith(team.path)) throw fieldError('tracking.area_not_in_team', 'areaUnitId', 'areaUnitId: must be the team or one of its communities / grids');
    if (!area.geometry || area.geometry.type === 'Point') throw fieldError('tracking.area_without_geometry', 'areaUnitId', `areaUnitId: ${area.name} has no area drawn`);
    if (b.endsAt <= b.startsAt) throw fieldError('tracking.bad_shift', 'endsAt', 'endsAt: must be after startsAt');
    if (b.endsAt.getTime() - b.startsAt.getTime() > MAX_SHIFT_MS) throw fieldError('tracking.bad_shift', 'endsAt', 'endsAt: a shift lasts at most 24 hours');
    const clash = await db
      .select({ id: trackingShift.id, startsAt: trackingShift.startsAt, endsAt: trackingShift.endsAt })
      .from(trackingShift)
      .where(and(eq(trackingShift.personId, b.personId), lt(trackingShift.startsAt, b.endsAt), sql`${trackingShift.endsAt} > ${b.startsAt}`));
    const other = clash.find((c) => c.id !== exceptId);
    if (other) throw conflict('tracking.shift_overlap', `${person.name} is already on duty ${other.startsAt.toISOString()} – ${other.endsAt.toISOString()}`, { shiftId: other.id });
    return { team, person, area };
  }

  async function alertsOut(list: (typeof trackingAlert.$inferSelect)[]) {
    const personIds = [...new Set(list.map((a) => a.personId))];
    const unitIds = [...new Set(list.map((a) => a.orgUnitId))];
    const userIds = [...new Set(list.map((a) => a.acknowledgedBy).filter((x): x is string => x !== null))];
    const persons = new Map<string, string>();
    const units = new Map<string, string>();
    const users = new Map<string, string>();
    if (personIds.length) for (const p of await db.select({ id: ledgerPerson.id, name: ledgerPerson.name }).from(ledgerPerson).where(inArray(ledgerPerson.id, personIds))) persons.set(p.id, p.name);
    if (unitIds.length) for (const u of await db.select({ id: orgUnit.id, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.id, unitIds))) units.set(u.id, u.name);
    if (userIds.length) for (const u of await db.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(inArray(appUser.id, userIds))) users.set(u.id, u.name);
    return list.map((a) => ({
      id: a.id,
      shiftId: a.shiftId,
      orgUnitId: a.orgUnitId,
      orgUnitName: units.get(a.orgUnitId) ?? '',
      personId: a.personId,
      personName: persons.get(a.personId) ?? '',
      kind: a.kind as 'offline' | 'no_movement' | 'out_of_area',
      since: a.since.toISOString(),
      until: iso(a.until),
      durationMs: a.durationMs,
      lat: a.lat,
      lon: a.lon,
      acknowledgedAt: iso(a.acknowledgedAt),
      acknowledgedByName: a.acknowledgedBy ? (users.get(a.acknowledgedBy) ?? null) : null,
      ackNote: a.ackNote,
    }));
  }

  /** The team of a unit path, cached like the areas (org units change rarely; a minute of staleness is harmless). */
  const teamCache = new Map<string, { at: number; team: UnitRow | null }>();
  async function teamOfPath(path: string): Promise<UnitRow | null> {
    const hit = teamCache.get(path);
    if (hit && Date.now() - hit.at < 60_000) return hit.team;
    const team = await repo.teamOf(db, path);
    teamCache.set(path, { at: Date.now(), team });
    return team;
  }

  async function deviceDay(d: DeviceRow, day: { start: Date; end: Date }) {
    const team = d.orgPath ? await teamOfPath(d.orgPath) : null;
    // Independent reads in parallel (PostgreSQL runs them on separate connections; PGlite queues them).
    const [units, points] = await Promise.all([team ? areasOf(team) : Promise.resolve([]), repo.track(db, d.id, day.start, day.end, MAX_POINTS)]);
    const summary = summarizeDay(points, { window: day });
    const grids = gridsOf(units);
    const coverage = gridCoverage(points, grids, { window: day });
    return { team, units, points, summary, grids, coverage };
  }

  return {
    // ---------------------------------------------------------------- devices
    async listDevices(actor: Actor, f: { orgUnitId?: string; status?: string; q?: string }) {
      let underPath = actor.scopePath;
      if (f.orgUnitId) underPath = (await unitInScope(actor, f.orgUnitId, canReadTracking, 'devices')).path;
      const list = await repo.devices(db, { underPath, includeUnassigned: canSeeUnassigned(actor) && (f.status === 'unassigned' || !f.orgUnitId), status: f.status, q: f.q?.trim() || undefined });
      const bindings = await repo.bindingsOf(
        db,
        list.map((d) => d.id),
      );
      const now = clock.now();
      const byDevice = new Map<string, BindingRow[]>();
      for (const b of bindings) {
        const list = byDevice.get(b.deviceId);
        if (list) list.push(b);
        else byDevice.set(b.deviceId, [b]);
      }
      const actions = actor.permissions.has('tracking.manage') ? ['create'] : [];
      return { items: list.map((d) => deviceOut(d, currentBinding(byDevice.get(d.id) ?? [], now))), actions };
    },

    async getDevice(actor: Actor, id: string) {
      const d = await readableDevice(actor, id);
      const bs = await repo.bindingsOf(db, [id]);
      return { ...deviceOut(d, currentBinding(bs, clock.now())), bindings: bs.map(bindingOut) };
    },

    async createDevice(actor: Actor, b: { identifier: string; protocol: 'osmand' | 'jt808'; kind: DeviceRow['kind']; name: string; orgUnitId: string; note?: string | null }) {
      const unit = await unitInScope(actor, b.orgUnitId, canManageDevices, 'device');
      const identifier = normalizeIdentifier(b.protocol, b.identifier);
      if (await repo.deviceByIdentifier(db, b.protocol, identifier)) throw conflict('tracking.device_exists', `a ${b.protocol} device ${identifier} is already registered`, { issues: [{ field: 'identifier', message: `a ${b.protocol} device ${identifier} is already registered` }] });
      const id = crypto.randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO tracking_device (id, identifier, protocol, kind, name, org_unit_id, status, note, created_at, updated_at)
          VALUES (${id}, ${identifier}, ${b.protocol}, ${b.kind}, ${b.name.trim()}, ${unit.id}, 'active', ${b.note ?? null}, ${now}, ${now})`);
        await recordAudit(tx, clock, actor, { action: 'tracking.device.create', entityType: 'tracking_device', entityId: id, orgUnitId: unit.id, after: { identifier, protocol: b.protocol, kind: b.kind, name: b.name } });
      });
      ingest.invalidate();
      return this.getDevice(actor, id);
    },

    async patchDevice(actor: Actor, id: string, b: { version: number; name?: string; kind?: DeviceRow['kind']; orgUnitId?: string; status?: 'active' | 'disabled'; note?: string | null }) {
      const d = await manageableDevice(actor, id);
      if (d.version !== b.version) throw conflict('conflict.stale_version', 'the device was changed by someone else; reload', { version: d.version });
      let orgUnitId = d.orgUnitId;
      if (b.orgUnitId !== undefined && b.orgUnitId !== d.orgUnitId) orgUnitId = (await unitInScope(actor, b.orgUnitId, canManageDevices, 'device')).id;
      let status: DeviceRow['status'] = b.status ?? d.status;
      if (d.status === 'unassigned' && b.status === undefined && orgUnitId) status = 'active';
      if (status === 'active' && !orgUnitId) throw fieldError('tracking.device_needs_team', 'orgUnitId', 'orgUnitId: an active device belongs to a team');
      const now = clock.now();
      const after = { name: b.name ?? d.name, kind: b.kind ?? d.kind, orgUnitId, status, note: b.note === undefined ? d.note : b.note };
      await db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE tracking_device SET name = ${after.name}, kind = ${after.kind}, org_unit_id = ${after.orgUnitId}, status = ${after.status}, note = ${after.note},
          version = version + 1, updated_at = ${now} WHERE id = ${id}`);
        await recordAudit(tx, clock, actor, {
          action: d.status === 'unassigned' && status === 'active' ? 'tracking.device.assign' : 'tracking.device.update',
          entityType: 'tracking_device',
          entityId: id,
          orgUnitId: after.orgUnitId,
          before: { name: d.name, kind: d.kind, orgUnitId: d.orgUnitId, status: d.status, note: d.note },
          after,
        });
      });
      ingest.invalidate(id);
      return this.getDevice(actor, id);
    },

    /**
     * JT/T 808: forget the terminal's authentication code so that it can register again (a terminal reset to factory
     * settings, a replaced unit keeping the SIM). Until then a registration of the number is refused, so a second
     * connection cannot take the terminal over. Sessions authenticated with the old code end at their next message.
     */
    async resetAuthCode(actor: Actor, id: string) {
      const d = await manageableDevice(actor, id);
      if (d.protocol !== 'jt808') throw badRequest('tracking.not_jt808', `only a JT/T 808 terminal has an authentication code; ${d.identifier} is ${d.protocol}`);
      await db.transaction(async (tx) => {
        await repo.clearAuthCode(tx, id, clock.now());
        // The code itself is a credential: the audit says only whether there was one.
        await recordAudit(tx, clock, actor, { action: 'tracking.device.reset_auth_code', entityType: 'tracking_device', entityId: id, orgUnitId: d.orgUnitId, before: { hasAuthCode: d.hasAuthCode }, after: { hasAuthCode: false } });
      });
      ingest.invalidate(id);
      return this.getDevice(actor, id);
    },

    async bind(actor: Actor, id: string, b: { personId?: string; assetId?: string; validFrom?: string }) {
      const d = await manageableDevice(actor, id);
      if (!d.orgPath) throw fieldError('tracking.device_needs_team', 'orgUnitId', 'assign the device to a team before binding it');
      if ((b.personId === undefined) === (b.assetId === undefined)) throw fieldError('tracking.bad_binding', 'personId', 'exactly one of personId and assetId');
      const from = b.validFrom ? new Date(b.validFrom) : clock.now();
      if (Number.isNaN(from.getTime())) throw fieldError('tracking.bad_time', 'validFrom', 'validFrom: not a date-time');
      let label: string;
      if (b.personId) {
        const p = await repo.person(db, b.personId);
        if (!p || !canManageDevices(actor, p.path)) throw fieldError('tracking.person_not_found', 'personId', 'personId: no such person in your scope');
        label = p.name;
      } else {
        const a = await repo.asset(db, b.assetId as string);
        if (!a || !canManageDevices(actor, a.path)) throw fieldError('tracking.asset_not_found', 'assetId', 'assetId: no such vehicle or equipment in your scope');
        label = a.label;
      }
      const bs = await repo.bindingsOf(db, [id]);
      const later = bs.find((x) => x.validFrom >= from || (x.validTo !== null && x.validTo > from));
      if (later) throw conflict('tracking.binding_overlap', `the device is bound to ${later.personName ?? later.assetLabel} from ${later.validFrom.toISOString()}${later.validTo ? ` to ${later.validTo.toISOString()}` : ''}: a new binding starts after that`, { bindingId: later.id });
      const open = bs.find((x) => x.validTo === null);
      const bindingId = crypto.randomUUID();
      await db.transaction(async (tx) => {
        if (open) await repo.closeBinding(tx, open.id, from);
        await repo.insertBinding(tx, { id: bindingId, deviceId: id, personId: b.personId ?? null, assetId: b.assetId ?? null, validFrom: from, createdBy: actor.userId, createdAt: clock.now() });
        await recordAudit(tx, clock, actor, { action: 'tracking.device.bind', entityType: 'tracking_device', entityId: id, orgUnitId: d.orgUnitId, before: open ? { bindingId: open.id } : null, after: { bindingId, personId: b.personId ?? null, assetId: b.assetId ?? null, label, validFrom: from.toISOString() } });
      });
      const fresh = (await repo.bindingsOf(db, [id])).find((x) => x.id === bindingId) as BindingRow;
      return bindingOut(fresh);
    },

    async unbind(actor: Actor, id: string, b: { at?: string }) {
      const d = await manageableDevice(actor, id);
      const at = b.at ? new Date(b.at) : clock.now();
      if (Number.isNaN(at.getTime())) throw fieldError('tracking.bad_time', 'at', 'at: not a date-time');
      const open = (await repo.bindingsOf(db, [id])).find((x) => x.validTo === null);
      if (!open) throw conflict('tracking.not_bound', 'the device is not bound to anyone');
      if (at <= open.validFrom) throw fieldError('tracking.bad_time', 'at', 'at: must be after the binding started');
      await db.transaction(async (tx) => {
        await repo.closeBinding(tx, open.id, at);
        await recordAudit(tx, clock, actor, { action: 'tracking.device.unbind', entityType: 'tracking_device', entityId: id, orgUnitId: d.orgUnitId, after: { bindingId: open.id, validTo: at.toISOString() } });
      });
      return this.getDevice(actor, id);
    },

    // ---------------------------------------------------------------- positions, replay
    async positions(actor: Actor, q: { deviceId: string; from: string; to: string; includeFlagged?: boolean }) {
      await readableDevice(actor, q.deviceId);
      const w = parseWindow(q.from, q.to);
      const items = await repo.positions(db, q.deviceId, w.from, w.to, MAX_POINTS + 1, q.includeFlagged ?? true);
      const truncated = items.length > MAX_POINTS;
      return {
        deviceId: q.deviceId,
        truncated,
        items: items.slice(0, MAX_POINTS).map((p) => ({ time: p.time.toISOString(), receivedAt: p.receivedAt.toISOString(), lat: p.lat, lon: p.lon, speedKmh: p.speedKmh, course: p.course, altitude: p.altitude, accuracyM: p.accuracyM, flags: p.flags })),
      };
    },

    async replay(actor: Actor, q: { deviceId?: string; orgUnitId?: string; from: string; to: string }) {
      if ((q.deviceId === undefined) === (q.orgUnitId === undefined)) throw fieldError('tracking.bad_replay', 'deviceId', 'give a deviceId or a team (orgUnitId)');
      const w = parseWindow(q.from, q.to);
      let list: DeviceRow[];
      if (q.deviceId) list = [await readableDevice(actor, q.deviceId)];
      else {
        const unit = await unitInScope(actor, q.orgUnitId as string, canReadTracking, 'replay');
        list = await repo.devices(db, { underPath: unit.path, includeUnassigned: false });
      }
      const bindings = await repo.bindingsOf(
        db,
        list.map((d) => d.id),
      );
      const tracks = [];
      for (const d of list) {
        const points = await repo.track(db, d.id, w.from, w.to, MAX_POINTS);
        if (q.orgUnitId && points.length === 0) continue; // a team replay shows who moved
        const team = d.orgPath ? await teamOfPath(d.orgPath) : null;
        const place = placeFinder(team ? await areasOf(team) : []);
        const b = currentBinding(
          bindings.filter((x) => x.deviceId === d.id),
          points[0]?.time ?? w.from,
        );
        tracks.push({
          device: { id: d.id, name: d.name, kind: d.kind, identifier: d.identifier },
          person: b?.personId ? { id: b.personId, name: b.personName ?? '' } : null,
          points: points.map(pointOut),
          summary: summaryOut(summarizeDay(points, { window: { start: w.from, end: w.to } }), place),
        });
      }
      return { from: w.from.toISOString(), to: w.to.toISOString(), tracks };
    },

    // ---------------------------------------------------------------- statistics
    async teamStats(actor: Actor, q: { orgUnitId: string; date: string }) {
      const unit = await unitInScope(actor, q.orgUnitId, canReadTracking, 'statistics');
      const day = dayWindow(q.date);
      const list = await repo.devices(db, { underPath: unit.path, includeUnassigned: false });
      const bindings = await repo.bindingsOf(
        db,
        list.map((d) => d.id),
      );
      const shifts = await shiftSelect()
        .innerJoin(orgUnit, eq(orgUnit.id, trackingShift.orgUnitId))
        .where(and(sql`${orgUnit.path} LIKE ${unit.path + '%'}`, lt(trackingShift.startsAt, day.end), sql`${trackingShift.endsAt} > ${day.start}`));
      const rowsOut: Static<typeof TeamStatsOut>['rows'] = [];
      let teamDistance = 0;
      const covered = new Set<string>();
      const allGrids = new Set<string>();
      for (const d of list) {
        const { summary, coverage, grids } = await deviceDay(d, day);
        for (const g of grids) allGrids.add(g.id);
        for (const c of coverage.grids) if (c.covered) covered.add(c.id);
        teamDistance += summary.distanceM;
        const b = currentBinding(
          bindings.filter((x) => x.deviceId === d.id),
          summary.firstFix ?? day.start,
        );
        const mine = b?.personId ? shifts.filter((s) => s.personId === b.personId) : [];
        let shiftMs: number | null = null;
        let inAreaMs: number | null = null;
        let outOfAreaMs: number | null = null;
        let offlineMs: number | null = null;
        for (const s of mine) {
          const c = await compliance(s);
          if (!c) continue;
          shiftMs = (shiftMs ?? 0) + c.shiftMs;
          inAreaMs = (inAreaMs ?? 0) + c.inAreaMs;
          outOfAreaMs = (outOfAreaMs ?? 0) + c.outOfAreaMs;
          offlineMs = (offlineMs ?? 0) + c.offlineMs;
        }
        rowsOut.push({
          deviceId: d.id,
          deviceName: d.name,
          deviceKind: d.kind,
          personId: b?.personId ?? null,
          personName: b?.personName ?? null,
          distanceM: Math.round(summary.distanceM),
          movingMs: summary.movingMs,
          stoppedMs: summary.stoppedMs,
          stops: summary.stops.length,
          trips: summary.trips.length,
          points: summary.pointCount,
          firstFix: iso(summary.firstFix),
          lastFix: iso(summary.lastFix),
          gridsCovered: coverage.coveredCount,
          gridsTotal: coverage.grids.length,
          coverageRatio: coverage.grids.length ? coverage.coveredCount / coverage.grids.length : 0,
          shiftMs,
          inAreaMs,
          outOfAreaMs,
          offlineMs,
        });
      }
      return {
        date: q.date,
        orgUnitId: unit.id,
        orgUnitName: unit.name,
        team: {
          distanceM: Math.round(teamDistance),
          gridsCovered: covered.size,
          gridsTotal: allGrids.size,
          coverageRatio: allGrids.size ? covered.size / allGrids.size : 0,
          devices: rowsOut.filter((r) => r.points > 0).length,
          // Officers scheduled that day, with or without a device.
          onDuty: new Set(shifts.map((s) => s.personId)).size,
        },
        rows: rowsOut,
      };
    },

    async deviceStats(actor: Actor, q: { deviceId: string; date: string }) {
      const d = await readableDevice(actor, q.deviceId);
      const day = dayWindow(q.date);
      const team = d.orgPath ? await teamOfPath(d.orgPath) : null;
      const [{ units, points, summary, coverage }, bindings, cps] = await Promise.all([
        deviceDay(d, day),
        repo.bindingsOf(db, [d.id]),
        team ? db.select().from(trackingCheckpoint).where(and(eq(trackingCheckpoint.orgUnitId, team.id), eq(trackingCheckpoint.active, true))) : Promise.resolve([]),
      ]);
      const b = currentBinding(bindings, summary.firstFix ?? day.start);
      const visits = checkpointVisits(
        points,
        cps.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon, radiusM: c.radiusM, minDwellMs: CHECKPOINT_MIN_DWELL_MS })),
      );
      const names = new Map(units.map((u) => [u.id, u.name]));
      const shifts = b?.personId ? await shiftSelect().where(and(eq(trackingShift.personId, b.personId), lt(trackingShift.startsAt, day.end), sql`${trackingShift.endsAt} > ${day.start}`)) : [];
      const shiftList = await shiftsOut(shifts);
      const out = [];
      for (const [i, s] of shifts.entries()) out.push({ shift: shiftList[i], compliance: await compliance(s) });
      return {
        date: q.date,
        device: { id: d.id, name: d.name, kind: d.kind, identifier: d.identifier },
        person: b?.personId ? { id: b.personId, name: b.personName ?? '' } : null,
        summary: summaryOut(summary, placeFinder(units)),
        coverage: {
          cells: coverage.grids.map((c) => ({ gridId: c.id, gridName: names.get(c.id) ?? '', dwellMs: c.dwellMs, covered: c.covered })),
          covered: coverage.coveredCount,
          total: coverage.grids.length,
          ratio: coverage.grids.length ? coverage.coveredCount / coverage.grids.length : 0,
        },
        checkpoints: cps.map((c) => ({
          id: c.id,
          name: c.name,
          lat: c.lat,
          lon: c.lon,
          radiusM: c.radiusM,
          visits: (visits.find((v) => v.id === c.id)?.visits ?? []).map((v) => ({ start: v.enter.toISOString(), end: v.leave.toISOString(), durationMs: v.dwellMs })),
        })),
        shifts: out,
      };
    },

    // ---------------------------------------------------------------- duty schedules
    async listShifts(actor: Actor, q: { orgUnitId: string; from: string; to: string }) {
      const unit = await unitInScope(actor, q.orgUnitId, canReadTracking, 'shifts');
      const w = parseWindow(q.from, q.to.length ? q.to : q.from);
      const list = await shiftSelect()
        .innerJoin(orgUnit, eq(orgUnit.id, trackingShift.orgUnitId))
        .where(and(sql`${orgUnit.path} LIKE ${unit.path + '%'}`, lt(trackingShift.startsAt, w.to), sql`${trackingShift.endsAt} > ${w.from}`))
        .orderBy(trackingShift.startsAt);
      const items = await shiftsOut(list);
      const withCompliance = [];
      for (const [i, s] of list.entries()) withCompliance.push({ ...items[i], compliance: await compliance(s) });
      return { items: withCompliance, actions: canManageDuty(actor, unit.path) ? ['create'] : [] };
    },

    async createShift(actor: Actor, b: { orgUnitId: string; personId: string; areaUnitId: string; startsAt: string; endsAt: string; note?: string | null }) {
      const startsAt = new Date(b.startsAt);
      const endsAt = new Date(b.endsAt);
      if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw fieldError('tracking.bad_time', 'startsAt', 'startsAt / endsAt: not a date-time');
      const { team } = await validateShift(actor, { ...b, startsAt, endsAt }, null);
      const id = crypto.randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.insert(trackingShift).values({ id, orgUnitId: team.id, personId: b.personId, areaUnitId: b.areaUnitId, startsAt, endsAt, note: b.note ?? null, createdBy: actor.userId, createdAt: now, updatedAt: now });
        await recordAudit(tx, clock, actor, { action: 'tracking.shift.create', entityType: 'tracking_shift', entityId: id, orgUnitId: team.id, after: { personId: b.personId, areaUnitId: b.areaUnitId, startsAt: b.startsAt, endsAt: b.endsAt } });
      });
      const [row] = await shiftsOut(await shiftSelect().where(eq(trackingShift.id, id)));
      return row;
    },

    async patchShift(actor: Actor, id: string, b: { version: number; personId?: string; areaUnitId?: string; startsAt?: string; endsAt?: string; note?: string | null }) {
      const [s] = await db.select().from(trackingShift).where(eq(trackingShift.id, id));
      if (!s) throw notFound('tracking.shift_not_found', `shift ${id} not found`);
      if (s.version !== b.version) throw conflict('conflict.stale_version', 'the shift was changed by someone else; reload', { version: s.version });
      const next = {
        orgUnitId: s.orgUnitId,
        personId: b.personId ?? s.personId,
        areaUnitId: b.areaUnitId ?? s.areaUnitId,
        startsAt: b.startsAt ? new Date(b.startsAt) : s.startsAt,
        endsAt: b.endsAt ? new Date(b.endsAt) : s.endsAt,
      };
      if (Number.isNaN(next.startsAt.getTime()) || Number.isNaN(next.endsAt.getTime())) throw fieldError('tracking.bad_time', 'startsAt', 'startsAt / endsAt: not a date-time');
      await validateShift(actor, next, id);
      await db.transaction(async (tx) => {
        await tx
          .update(trackingShift)
          .set({ ...next, note: b.note === undefined ? s.note : b.note, version: s.version + 1, updatedAt: clock.now() })
          .where(eq(trackingShift.id, id));
        await recordAudit(tx, clock, actor, { action: 'tracking.shift.update', entityType: 'tracking_shift', entityId: id, orgUnitId: s.orgUnitId, before: { personId: s.personId, areaUnitId: s.areaUnitId, startsAt: s.startsAt, endsAt: s.endsAt }, after: next });
      });
      const [row] = await shiftsOut(await shiftSelect().where(eq(trackingShift.id, id)));
      return row;
    },

    async deleteShift(actor: Actor, id: string, version: number) {
      const [s] = await db.select().from(trackingShift).where(eq(trackingShift.id, id));
      if (!s) throw notFound('tracking.shift_not_found', `shift ${id} not found`);
      await unitInScope(actor, s.orgUnitId, canManageDuty, 'shift');
      if (s.version !== version) throw conflict('conflict.stale_version', 'the shift was changed by someone else; reload', { version: s.version });
      const [alert] = await db.select({ id: trackingAlert.id }).from(trackingAlert).where(eq(trackingAlert.shiftId, id)).limit(1);
      if (alert) throw conflict('tracking.shift_has_alerts', 'the shift has raised alerts and is kept as their record; shorten it instead');
      await db.transaction(async (tx) => {
        await tx.delete(trackingShift).where(eq(trackingShift.id, id));
        await recordAudit(tx, clock, actor, { action: 'tracking.shift.delete', entityType: 'tracking_shift', entityId: id, orgUnitId: s.orgUnitId, before: { personId: s.personId, areaUnitId: s.areaUnitId, startsAt: s.startsAt, endsAt: s.endsAt } });
      });
    },

    // ---------------------------------------------------------------- checkpoints
    async listCheckpoints(actor: Actor, q: { orgUnitId: string }) {
      const unit = await unitInScope(actor, q.orgUnitId, canReadTracking, 'checkpoints');
      const list = await db
        .select({ id: trackingCheckpoint.id, orgUnitId: trackingCheckpoint.orgUnitId, name: trackingCheckpoint.name, lat: trackingCheckpoint.lat, lon: trackingCheckpoint.lon, radiusM: trackingCheckpoint.radiusM, active: trackingCheckpoint.active })
        .from(trackingCheckpoint)
        .innerJoin(orgUnit, eq(orgUnit.id, trackingCheckpoint.orgUnitId))
        .where(and(sql`${orgUnit.path} LIKE ${unit.path + '%'}`, eq(trackingCheckpoint.active, true)))
        .orderBy(trackingCheckpoint.name);
      return { items: list, actions: canManageDuty(actor, unit.path) ? ['create', 'delete'] : [] };
    },

    async createCheckpoint(actor: Actor, b: { orgUnitId: string; name: string; lat: number; lon: number; radiusM: number }) {
      const unit = await unitInScope(actor, b.orgUnitId, canManageDuty, 'checkpoint');
      if (b.lat < -90 || b.lat > 90) throw fieldError('tracking.bad_coordinates', 'lat', 'lat: between -90 and 90');
      if (b.lon < -180 || b.lon > 180) throw fieldError('tracking.bad_coordinates', 'lon', 'lon: between -180 and 180');
      const id = crypto.randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.insert(trackingCheckpoint).values({ id, orgUnitId: unit.id, name: b.name.trim(), lat: b.lat, lon: b.lon, radiusM: b.radiusM, createdAt: now, updatedAt: now });
        await recordAudit(tx, clock, actor, { action: 'tracking.checkpoint.create', entityType: 'tracking_checkpoint', entityId: id, orgUnitId: unit.id, after: b });
      });
      return { id, orgUnitId: unit.id, name: b.name.trim(), lat: b.lat, lon: b.lon, radiusM: b.radiusM, active: true };
    },

    async deleteCheckpoint(actor: Actor, id: string) {
      const [c] = await db.select().from(trackingCheckpoint).where(eq(trackingCheckpoint.id, id));
      if (!c || !c.active) throw notFound('tracking.checkpoint_not_found', `checkpoint ${id} not found`);
      await unitInScope(actor, c.orgUnitId, canManageDuty, 'checkpoint');
      // Retired, not deleted: past statistics keep naming it.
      await db.transaction(async (tx) => {
        await tx.update(trackingCheckpoint).set({ active: false, updatedAt: clock.now(), version: c.version + 1 }).where(eq(trackingCheckpoint.id, id));
        await recordAudit(tx, clock, actor, { action: 'tracking.checkpoint.retire', entityType: 'tracking_checkpoint', entityId: id, orgUnitId: c.orgUnitId, before: { name: c.name } });
      });
    },

    // ---------------------------------------------------------------- alerts
    async listAlerts(actor: Actor, q: { orgUnitId?: string; status?: 'open' | 'acknowledged' | 'all'; from?: string; to?: string }) {
      const unit = q.orgUnitId ? await unitInScope(actor, q.orgUnitId, canReadTracking, 'alerts') : null;
      const path = unit?.path ?? actor.scopePath;
      const conds = [sql`${orgUnit.path} LIKE ${path + '%'}`];
      if (q.status === 'open' || q.status === undefined) conds.push(isNull(trackingAlert.acknowledgedAt));
      if (q.status === 'acknowledged') conds.push(sql`${trackingAlert.acknowledgedAt} IS NOT NULL`);
      if (q.from) conds.push(or(isNull(trackingAlert.until), gte(trackingAlert.until, new Date(q.from))) as ReturnType<typeof sql>);
      if (q.to) conds.push(lt(trackingAlert.since, new Date(q.to)));
      const list = await db
        .select({ a: trackingAlert })
        .from(trackingAlert)
        .innerJoin(orgUnit, eq(orgUnit.id, trackingAlert.orgUnitId))
        .where(and(...conds))
        .orderBy(desc(trackingAlert.since))
        .limit(500);
      return { items: await alertsOut(list.map((r) => r.a)), actions: canManageDuty(actor, path) ? ['acknowledge'] : [] };
    },

    async acknowledgeAlert(actor: Actor, id: string, b: { note: string }) {
      const [a] = await db.select().from(trackingAlert).where(eq(trackingAlert.id, id));
      if (!a) throw notFound('tracking.alert_not_found', `alert ${id} not found`);
      await unitInScope(actor, a.orgUnitId, canManageDuty, 'alert');
      if (a.acknowledgedAt) throw conflict('tracking.alert_acknowledged', 'the alert was already acknowledged');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.update(trackingAlert).set({ acknowledgedAt: now, acknowledgedBy: actor.userId, ackNote: b.note.trim(), updatedAt: now }).where(eq(trackingAlert.id, id));
        await recordAudit(tx, clock, actor, { action: 'tracking.alert.acknowledge', entityType: 'tracking_alert', entityId: id, orgUnitId: a.orgUnitId, after: { note: b.note.trim() } });
      });
      const [fresh] = await db.select().from(trackingAlert).where(eq(trackingAlert.id, id));
      return (await alertsOut([fresh as typeof trackingAlert.$inferSelect]))[0];
    },

    /**
     * Duty alerts of every shift running now or ended in the last 15 minutes (so that an ongoing alert gets its
     * end). Called every minute by the scheduler and by the tests with a manual clock. New alerts are pushed live.
     */
    async evaluateAlerts(): Promise<{ shifts: number; raised: number; updated: number }> {
      const now = clock.now();
      const shifts = await db
        .select({ s: trackingShift, area: orgUnit.geometry, path: orgUnit.path })
        .from(trackingShift)
        .innerJoin(orgUnit, eq(orgUnit.id, trackingShift.areaUnitId))
        .where(and(lt(trackingShift.startsAt, now), gte(trackingShift.endsAt, new Date(now.getTime() - 15 * 60_000))));
      let raised = 0;
      let updated = 0;
      for (const { s, area, path } of shifts) {
        if (!area || area.type === 'Point') continue;
        const points = await personDevicesTrack(s.personId, new Date(s.startsAt.getTime() - 60 * 60_000), s.endsAt < now ? s.endsAt : now);
        const found = dutyAlerts(points, { start: s.startsAt, end: s.endsAt, areaGeometry: area as AreaGeometry }, now);
        if (!found.length) continue;
        // One read of the shift's alerts; each found alert is then new (insert) or known (maybe its end changed).
        const known = new Map((await db.select().from(trackingAlert).where(eq(trackingAlert.shiftId, s.id))).map((e) => [`${e.kind}|${e.since.getTime()}`, e]));
        for (const a of found) {
          const durationMs = Math.min(2_000_000_000, a.detail.durationMs);
          const e = known.get(`${a.kind}|${a.since.getTime()}`);
          if (e) {
            if ((e.until?.getTime() ?? null) !== (a.until?.getTime() ?? null) || e.durationMs !== durationMs) {
              await db.update(trackingAlert).set({ until: a.until, durationMs, updatedAt: now }).where(eq(trackingAlert.id, e.id));
              updated++;
            }
            continue;
          }
          const row = await db
            .insert(trackingAlert)
            .values({ id: crypto.randomUUID(), shiftId: s.id, orgUnitId: s.orgUnitId, personId: s.personId, kind: a.kind, since: a.since, until: a.until, durationMs, lat: a.detail.lat, lon: a.detail.lon, createdAt: now, updatedAt: now })
            .onConflictDoNothing()
            .returning();
          if (!row[0]) continue; // another instance raised it first
          raised++;
          live.publish(path, 'alert', (await alertsOut(row))[0]);
        }
      }
      return { shifts: shifts.length, raised, updated };
    },

    /** The team subtree path for the live feed, checked against the actor's scope. */
    async livePath(actor: Actor, orgUnitId?: string): Promise<string> {
      if (!orgUnitId) return actor.scopePath;
      return (await unitInScope(actor, orgUnitId, canReadTracking, 'live map')).path;
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
export type { DbOrTx };
