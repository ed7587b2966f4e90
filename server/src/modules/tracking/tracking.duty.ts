import crypto from 'node:crypto';
import type { Actor } from '../../platform/permissions';
import { conflict, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import type { AreaGeometry } from './domain/geo';
import { dutyAlerts, dutyCompliance } from './domain/analytics/duty';
import { trackingRepository as repo } from './tracking.repository';
import { trackingDutyRepository as dutyRepo, type AlertRecord, type ShiftRow } from './tracking.duty.repository';
import { canManageDuty, canReadTracking } from './tracking.policy';
import type { LiveHub } from './tracking.live';
import { fieldError, gridsOf, iso, parseWindow, type TrackingContext } from './tracking.context';

/** 排班 (duty schedules), checkpoints, and the duty alerts evaluated every minute. */

/** Longest shift: a 24-hour duty is the most a schedule allows. */
const MAX_SHIFT_MS = 24 * 3_600_000;

export type ShiftCompliance = { shiftMs: number; onDutyMs: number; inAreaMs: number; outOfAreaMs: number; offlineMs: number; coverageRatio: number | null };

/** Duty compliance of a shift (排班 kept in its area, on line), shared by the duty list and the statistics. */
export function createDutyCompliance(ctx: TrackingContext) {
  const { clock } = ctx;
  return async function compliance(s: ShiftRow): Promise<ShiftCompliance | null> {
    const [area, team] = await Promise.all([ctx.unitCached(s.areaUnitId), ctx.unitCached(s.orgUnitId)]);
    if (!area?.geometry || area.geometry.type === 'Point' || !team) return null;
    const now = clock.now();
    if (s.startsAt > now) return null;
    const points = await ctx.personDevicesTrack(s.personId, s.startsAt, s.endsAt);
    const grids = gridsOf(await ctx.areasOf(team)).filter((g) => area.kind !== 'grid' || g.id === area.id);
    const c = dutyCompliance(points, { start: s.startsAt, end: s.endsAt, areaGeometry: area.geometry as AreaGeometry }, grids, { now });
    return { shiftMs: c.shiftMs, onDutyMs: c.onDutyMs, inAreaMs: c.inAreaMs, outOfAreaMs: c.outOfAreaMs, offlineMs: c.offlineMs, coverageRatio: c.coverage.grids.length ? c.coverage.coveredCount / c.coverage.grids.length : null };
  };
}

/** Names of a list of shifts' teams and areas, for the responses. */
export async function shiftsOut(db: TrackingContext['db'], list: ShiftRow[]) {
  const names = await dutyRepo.unitNames(db, [...new Set(list.flatMap((s) => [s.orgUnitId, s.areaUnitId]))]);
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

export function createTrackingDuty(ctx: TrackingContext, live: LiveHub) {
  const { db, clock } = ctx;
  const compliance = createDutyCompliance(ctx);

  async function validateShift(actor: Actor, b: { orgUnitId: string; personId: string; areaUnitId: string; startsAt: Date; endsAt: Date }, exceptId: string | null) {
    const team = await ctx.unitInScope(actor, b.orgUnitId, canManageDuty, 'shift');
    const person = await repo.person(db, b.personId);
    if (!person || !person.path.startsWith(team.path)) throw fieldError('tracking.person_not_in_team', 'personId', 'personId: not a member of this team', 'person_not_in_team');
    if (person.status !== 'active') throw fieldError('tracking.person_inactive', 'personId', `personId: ${person.name} has left`, 'person_inactive', { name: person.name });
    const area = await repo.unit(db, b.areaUnitId);
    if (!area || !area.path.startsWith(team.path)) throw fieldError('tracking.area_not_in_team', 'areaUnitId', 'areaUnitId: must be the team or one of its communities / grids', 'area_not_in_team');
    if (!area.geometry || area.geometry.type === 'Point') throw fieldError('tracking.area_without_geometry', 'areaUnitId', `areaUnitId: ${area.name} has no area drawn`, 'area_without_geometry', { name: area.name });
    if (b.endsAt <= b.startsAt) throw fieldError('tracking.bad_shift', 'endsAt', 'endsAt: must be after startsAt', 'not_after_start');
    if (b.endsAt.getTime() - b.startsAt.getTime() > MAX_SHIFT_MS) throw fieldError('tracking.bad_shift', 'endsAt', 'endsAt: a shift lasts at most 24 hours', 'shift_too_long', { hours: MAX_SHIFT_MS / 3_600_000 });
    const other = (await dutyRepo.shiftClashes(db, b.personId, b.startsAt, b.endsAt)).find((c) => c.id !== exceptId);
    if (other) throw conflict('tracking.shift_overlap', `${person.name} is already on duty ${other.startsAt.toISOString()} – ${other.endsAt.toISOString()}`, { shiftId: other.id });
    return { team, person, area };
  }

  async function alertsOut(list: AlertRecord[]) {
    const [persons, units, users] = await Promise.all([
      dutyRepo.personNames(db, [...new Set(list.map((a) => a.personId))]),
      dutyRepo.unitNames(db, [...new Set(list.map((a) => a.orgUnitId))]),
      dutyRepo.userNames(db, [...new Set(list.map((a) => a.acknowledgedBy).filter((x): x is string => x !== null))]),
    ]);
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

  async function shiftOut(id: string) {
    const s = await dutyRepo.shift(db, id);
    return (await shiftsOut(db, s ? [s] : []))[0];
  }

  const service = {
    // ---------------------------------------------------------------- duty schedules
    async listShifts(actor: Actor, q: { orgUnitId: string; from: string; to: string }) {
      const unit = await ctx.unitInScope(actor, q.orgUnitId, canReadTracking, 'shifts');
      const w = parseWindow(q.from, q.to.length ? q.to : q.from);
      const list = await dutyRepo.shiftsUnder(db, unit.path, w.from, w.to);
      const items = await shiftsOut(db, list);
      const withCompliance = [];
      for (const [i, s] of list.entries()) withCompliance.push({ ...items[i], compliance: await compliance(s) });
      return { items: withCompliance, actions: canManageDuty(actor, unit.path) ? ['create'] : [] };
    },

    async createShift(actor: Actor, b: { orgUnitId: string; personId: string; areaUnitId: string; startsAt: string; endsAt: string; note?: string | null }) {
      const startsAt = new Date(b.startsAt);
      const endsAt = new Date(b.endsAt);
      if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw fieldError('tracking.bad_time', 'startsAt', 'startsAt / endsAt: not a date-time', 'not_date_time');
      const { team } = await validateShift(actor, { ...b, startsAt, endsAt }, null);
      const id = crypto.randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await dutyRepo.insertShift(tx, { id, orgUnitId: team.id, personId: b.personId, areaUnitId: b.areaUnitId, startsAt, endsAt, note: b.note ?? null, createdBy: actor.userId, createdAt: now, updatedAt: now });
        await recordAudit(tx, clock, actor, { action: 'tracking.shift.create', entityType: 'tracking_shift', entityId: id, orgUnitId: team.id, after: { personId: b.personId, areaUnitId: b.areaUnitId, startsAt: b.startsAt, endsAt: b.endsAt } });
      });
      return shiftOut(id);
    },

    async patchShift(actor: Actor, id: string, b: { version: number; personId?: string; areaUnitId?: string; startsAt?: string; endsAt?: string; note?: string | null }) {
      const s = await dutyRepo.shiftRecord(db, id);
      if (!s) throw notFound('tracking.shift_not_found', `shift ${id} not found`);
      if (s.version !== b.version) throw conflict('conflict.stale_version', 'the shift was changed by someone else; reload', { version: s.version });
      const next = {
        orgUnitId: s.orgUnitId,
        personId: b.personId ?? s.personId,
        areaUnitId: b.areaUnitId ?? s.areaUnitId,
        startsAt: b.startsAt ? new Date(b.startsAt) : s.startsAt,
        endsAt: b.endsAt ? new Date(b.endsAt) : s.endsAt,
      };
      if (Number.isNaN(next.startsAt.getTime()) || Number.isNaN(next.endsAt.getTime())) throw fieldError('tracking.bad_time', 'startsAt', 'startsAt / endsAt: not a date-time', 'not_date_time');
      await validateShift(actor, next, id);
      await db.transaction(async (tx) => {
        await dutyRepo.updateShift(tx, id, { ...next, note: b.note === undefined ? s.note : b.note, version: s.version + 1, updatedAt: clock.now() });
        await recordAudit(tx, clock, actor, { action: 'tracking.shift.update', entityType: 'tracking_shift', entityId: id, orgUnitId: s.orgUnitId, before: { personId: s.personId, areaUnitId: s.areaUnitId, startsAt: s.startsAt, endsAt: s.endsAt }, after: next });
      });
      return shiftOut(id);
    },

    async deleteShift(actor: Actor, id: string, version: number) {
      const s = await dutyRepo.shiftRecord(db, id);
      if (!s) throw notFound('tracking.shift_not_found', `shift ${id} not found`);
      await ctx.unitInScope(actor, s.orgUnitId, canManageDuty, 'shift');
      if (s.version !== version) throw conflict('conflict.stale_version', 'the shift was changed by someone else; reload', { version: s.version });
      if (await dutyRepo.shiftHasAlerts(db, id)) throw conflict('tracking.shift_has_alerts', 'the shift has raised alerts and is kept as their record; shorten it instead');
      await db.transaction(async (tx) => {
        await dutyRepo.deleteShift(tx, id);
        await recordAudit(tx, clock, actor, { action: 'tracking.shift.delete', entityType: 'tracking_shift', entityId: id, orgUnitId: s.orgUnitId, before: { personId: s.personId, areaUnitId: s.areaUnitId, startsAt: s.startsAt, endsAt: s.endsAt } });
      });
    },

    // ---------------------------------------------------------------- checkpoints
    async listCheckpoints(actor: Actor, q: { orgUnitId: string }) {
      const unit = await ctx.unitInScope(actor, q.orgUnitId, canReadTracking, 'checkpoints');
      const list = await dutyRepo.activeCheckpointsUnder(db, unit.path);
      return { items: list, actions: canManageDuty(actor, unit.path) ? ['create', 'delete'] : [] };
    },

    async createCheckpoint(actor: Actor, b: { orgUnitId: string; name: string; lat: number; lon: number; radiusM: number }) {
      const unit = await ctx.unitInScope(actor, b.orgUnitId, canManageDuty, 'checkpoint');
      if (b.lat < -90 || b.lat > 90) throw fieldError('tracking.bad_coordinates', 'lat', 'lat: between -90 and 90', 'latitude_range');
      if (b.lon < -180 || b.lon > 180) throw fieldError('tracking.bad_coordinates', 'lon', 'lon: between -180 and 180', 'longitude_range');
      const id = crypto.randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await dutyRepo.insertCheckpoint(tx, { id, orgUnitId: unit.id, name: b.name.trim(), lat: b.lat, lon: b.lon, radiusM: b.radiusM, createdAt: now, updatedAt: now });
        await recordAudit(tx, clock, actor, { action: 'tracking.checkpoint.create', entityType: 'tracking_checkpoint', entityId: id, orgUnitId: unit.id, after: b });
      });
      return { id, orgUnitId: unit.id, name: b.name.trim(), lat: b.lat, lon: b.lon, radiusM: b.radiusM, active: true };
    },

    async deleteCheckpoint(actor: Actor, id: string) {
      const c = await dutyRepo.checkpoint(db, id);
      if (!c || !c.active) throw notFound('tracking.checkpoint_not_found', `checkpoint ${id} not found`);
      await ctx.unitInScope(actor, c.orgUnitId, canManageDuty, 'checkpoint');
      // Retired, not deleted: past statistics keep naming it.
      await db.transaction(async (tx) => {
        await dutyRepo.retireCheckpoint(tx, id, clock.now(), c.version + 1);
        await recordAudit(tx, clock, actor, { action: 'tracking.checkpoint.retire', entityType: 'tracking_checkpoint', entityId: id, orgUnitId: c.orgUnitId, before: { name: c.name } });
      });
    },

    // ---------------------------------------------------------------- alerts
    async listAlerts(actor: Actor, q: { orgUnitId?: string; status?: 'open' | 'acknowledged' | 'all'; from?: string; to?: string }) {
      const unit = q.orgUnitId ? await ctx.unitInScope(actor, q.orgUnitId, canReadTracking, 'alerts') : null;
      const path = unit?.path ?? actor.scopePath;
      const list = await dutyRepo.alertsUnder(db, { path, status: q.status, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit: 500 });
      return { items: await alertsOut(list), actions: canManageDuty(actor, path) ? ['acknowledge'] : [] };
    },

    async acknowledgeAlert(actor: Actor, id: string, b: { note: string }) {
      const a = await dutyRepo.alert(db, id);
      if (!a) throw notFound('tracking.alert_not_found', `alert ${id} not found`);
      await ctx.unitInScope(actor, a.orgUnitId, canManageDuty, 'alert');
      if (a.acknowledgedAt) throw conflict('tracking.alert_acknowledged', 'the alert was already acknowledged');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await dutyRepo.acknowledgeAlert(tx, id, actor.userId, b.note.trim(), now);
        await recordAudit(tx, clock, actor, { action: 'tracking.alert.acknowledge', entityType: 'tracking_alert', entityId: id, orgUnitId: a.orgUnitId, after: { note: b.note.trim() } });
      });
      const fresh = (await dutyRepo.alert(db, id)) as AlertRecord;
      return (await alertsOut([fresh]))[0];
    },

    /**
     * Duty alerts of every shift running now or ended in the last 15 minutes (so that an ongoing alert gets its
     * end). Called every minute by the scheduler and by the tests with a manual clock. New alerts are pushed live.
     */
    async evaluateAlerts(): Promise<{ shifts: number; raised: number; updated: number }> {
      const now = clock.now();
      const shifts = await dutyRepo.shiftsToEvaluate(db, now, new Date(now.getTime() - 15 * 60_000));
      let raised = 0;
      let updated = 0;
      for (const { s, area, path } of shifts) {
        if (!area || area.type === 'Point') continue;
        const points = await ctx.personDevicesTrack(s.personId, new Date(s.startsAt.getTime() - 60 * 60_000), s.endsAt < now ? s.endsAt : now);
        const found = dutyAlerts(points, { start: s.startsAt, end: s.endsAt, areaGeometry: area as AreaGeometry }, now);
        if (!found.length) continue;
        // One read of the shift's alerts; each found alert is then new (insert) or known (maybe its end changed).
        const known = new Map((await dutyRepo.alertsOfShift(db, s.id)).map((e) => [`${e.kind}|${e.since.getTime()}`, e]));
        for (const a of found) {
          const durationMs = Math.min(2_000_000_000, a.detail.durationMs);
          const e = known.get(`${a.kind}|${a.since.getTime()}`);
          if (e) {
            if ((e.until?.getTime() ?? null) !== (a.until?.getTime() ?? null) || e.durationMs !== durationMs) {
              await dutyRepo.updateAlertEnd(db, e.id, a.until, durationMs, now);
              updated++;
            }
            continue;
          }
          const row = await dutyRepo.insertAlert(db, { id: crypto.randomUUID(), shiftId: s.id, orgUnitId: s.orgUnitId, personId: s.personId, kind: a.kind, since: a.since, until: a.until, durationMs, lat: a.detail.lat, lon: a.detail.lon, createdAt: now, updatedAt: now });
          if (!row) continue; // another instance raised it first
          raised++;
          live.publish(path, 'alert', (await alertsOut([row]))[0]);
        }
      }
      return { shifts: shifts.length, raised, updated };
    },
  };

  return service;
}
