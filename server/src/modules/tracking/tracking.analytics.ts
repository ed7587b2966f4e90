import type { Static } from 'typebox';
import type { Actor } from '../../platform/permissions';
import { addDays, cnDay, cnDayRange } from './domain/partitions';
import { summarizeDay, type DaySummary } from './domain/analytics/patrol';
import { checkpointVisits, gridCoverage } from './domain/analytics/coverage';
import { trackingRepository as repo, type DeviceRow, type TrackFix, type UnitRow } from './tracking.repository';
import { trackingDutyRepository as dutyRepo } from './tracking.duty.repository';
import { canReadTracking } from './tracking.policy';
import { createDutyCompliance, shiftsOut, type ShiftCompliance } from './tracking.duty';
import { currentBinding, dayWindow, fieldError, gridsOf, iso, MAX_POINTS, parseWindow, placeFinder, type TrackingContext } from './tracking.context';
import type { TeamStatsOut } from './tracking.schemas';

/** Positions, replay, 巡查统计 (team and device statistics), and the team metrics the standard's computed items read. */

/** A checkpoint counts as visited after one minute inside its circle (passing by in a car does not count). */
const CHECKPOINT_MIN_DWELL_MS = 60_000;

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

/** Names of the metrics tracking supplies to the rule language (`metric(name)`); see docs/rule-language.md. */
export const TRACKING_METRICS = ['patrol_coverage_rate', 'duty_compliance_rate', 'device_online_rate'] as const;
export type TrackingMetric = (typeof TRACKING_METRICS)[number];
export type TeamMetrics = Record<TrackingMetric, number | null>;

/** Days a team's metrics cover: the 30 Beijing days ending yesterday (a finished day's data no longer changes). */
export const METRICS_PERIOD_DAYS = 30;
export function metricsPeriod(today: string): { firstDay: string; lastDay: string; start: Date; end: Date } {
  const firstDay = addDays(today, -METRICS_PERIOD_DAYS);
  const lastDay = addDays(today, -1);
  return { firstDay, lastDay, start: cnDayRange(firstDay).start, end: cnDayRange(lastDay).end };
}

/** Analytics over a tracking context; `compliance` is the duty module's (one definition for the list and the stats). */
export function createTrackingAnalytics(ctx: TrackingContext, compliance: (s: Parameters<ReturnType<typeof createDutyCompliance>>[0]) => Promise<ShiftCompliance | null> = createDutyCompliance(ctx)) {
  const { db, clock } = ctx;

  async function deviceDay(d: DeviceRow, day: { start: Date; end: Date }) {
    const team = d.orgPath ? await ctx.teamOfPath(d.orgPath) : null;
    // Independent reads in parallel (PostgreSQL runs them on separate connections; PGlite queues them).
    const [units, points] = await Promise.all([team ? ctx.areasOf(team) : Promise.resolve([]), repo.track(db, d.id, day.start, day.end, MAX_POINTS)]);
    const summary = summarizeDay(points, { window: day });
    const grids = gridsOf(units);
    const coverage = gridCoverage(points, grids, { window: day });
    return { team, units, points, summary, grids, coverage };
  }

  /**
   * One day of a team's patrols: every device's day and the team's grid coverage (a grid is covered when any
   * device covered it). The one computation behind 巡查统计 and the patrol_coverage_rate metric.
   */
  async function teamDay(unit: UnitRow, day: { start: Date; end: Date }, devices?: DeviceRow[]) {
    const list = devices ?? (await repo.devices(db, { underPath: unit.path, includeUnassigned: false }));
    const days = [];
    let distanceM = 0;
    const covered = new Set<string>();
    const allGrids = new Set<string>();
    for (const d of list) {
      const dd = await deviceDay(d, day);
      for (const g of dd.grids) allGrids.add(g.id);
      for (const c of dd.coverage.grids) if (c.covered) covered.add(c.id);
      distanceM += dd.summary.distanceM;
      days.push({ device: d, ...dd });
    }
    return { devices: days, distanceM, gridsCovered: covered.size, gridsTotal: allGrids.size, coverageRatio: allGrids.size ? covered.size / allGrids.size : 0 };
  }

  /**
   * The team metrics of the period (see metricsPeriod and docs/rule-language.md):
   * - patrol_coverage_rate: the mean, over the period's days on which the team's devices reported, of that day's
   *   team grid coverage as 巡查统计 shows it; null without grids or without any report in the period;
   * - duty_compliance_rate: Σ time in the assigned area / Σ shift time over the shifts ending in the period;
   * - device_online_rate: Σ time with a usable position / Σ shift time over the same shifts;
   *   both null without a (started, area-drawn) shift.
   */
  async function teamMetrics(orgUnitId: string, today: string = cnDay(clock.now())): Promise<TeamMetrics> {
    const none: TeamMetrics = { patrol_coverage_rate: null, duty_compliance_rate: null, device_online_rate: null };
    const unit = await repo.unit(db, orgUnitId);
    if (!unit) return none;
    const period = metricsPeriod(today);
    const devices = await repo.devices(db, { underPath: unit.path, includeUnassigned: false });
    const ratios: number[] = [];
    let hasGrids = false;
    for (const day of await repo.daysWithFixes(
      db,
      devices.map((d) => d.id),
      period.start,
      period.end,
    )) {
      const td = await teamDay(unit, cnDayRange(day), devices);
      if (td.gridsTotal === 0) continue;
      hasGrids = true;
      ratios.push(td.coverageRatio);
    }
    let shiftMs = 0;
    let inAreaMs = 0;
    let onDutyMs = 0;
    for (const s of await dutyRepo.shiftsUnder(db, unit.path, period.start, period.end)) {
      if (s.endsAt > period.end) continue; // a shift ending after the period counts in the next one
      const c = await compliance(s);
      if (!c) continue;
      shiftMs += c.shiftMs;
      inAreaMs += c.inAreaMs;
      onDutyMs += c.onDutyMs;
    }
    return {
      patrol_coverage_rate: hasGrids && ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : null,
      duty_compliance_rate: shiftMs > 0 ? inAreaMs / shiftMs : null,
      device_online_rate: shiftMs > 0 ? onDutyMs / shiftMs : null,
    };
  }

  const service = {
    async positions(actor: Actor, q: { deviceId: string; from: string; to: string; includeFlagged?: boolean }) {
      await ctx.readableDevice(actor, q.deviceId);
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
      if ((q.deviceId === undefined) === (q.orgUnitId === undefined)) throw fieldError('tracking.bad_replay', 'deviceId', 'give a deviceId or a team (orgUnitId)', 'replay_target');
      const w = parseWindow(q.from, q.to);
      let list: DeviceRow[];
      if (q.deviceId) list = [await ctx.readableDevice(actor, q.deviceId)];
      else {
        const unit = await ctx.unitInScope(actor, q.orgUnitId as string, canReadTracking, 'replay');
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
        const team = d.orgPath ? await ctx.teamOfPath(d.orgPath) : null;
        const place = placeFinder(team ? await ctx.areasOf(team) : []);
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
      const unit = await ctx.unitInScope(actor, q.orgUnitId, canReadTracking, 'statistics');
      const day = dayWindow(q.date);
      const td = await teamDay(unit, day);
      const bindings = await repo.bindingsOf(
        db,
        td.devices.map((x) => x.device.id),
      );
      const shifts = await dutyRepo.shiftsUnder(db, unit.path, day.start, day.end);
      const rowsOut: Static<typeof TeamStatsOut>['rows'] = [];
      for (const { device: d, summary, coverage } of td.devices) {
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
          distanceM: Math.round(td.distanceM),
          gridsCovered: td.gridsCovered,
          gridsTotal: td.gridsTotal,
          coverageRatio: td.coverageRatio,
          devices: rowsOut.filter((r) => r.points > 0).length,
          // Officers scheduled that day, with or without a device.
          onDuty: new Set(shifts.map((s) => s.personId)).size,
        },
        rows: rowsOut,
      };
    },

    async deviceStats(actor: Actor, q: { deviceId: string; date: string }) {
      const d = await ctx.readableDevice(actor, q.deviceId);
      const day = dayWindow(q.date);
      const team = d.orgPath ? await ctx.teamOfPath(d.orgPath) : null;
      const [{ units, points, summary, coverage }, bindings, cps] = await Promise.all([deviceDay(d, day), repo.bindingsOf(db, [d.id]), team ? dutyRepo.activeCheckpointsOfTeam(db, team.id) : Promise.resolve([])]);
      const b = currentBinding(bindings, summary.firstFix ?? day.start);
      const visits = checkpointVisits(
        points,
        cps.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon, radiusM: c.radiusM, minDwellMs: CHECKPOINT_MIN_DWELL_MS })),
      );
      const names = new Map(units.map((u) => [u.id, u.name]));
      const shifts = b?.personId ? await dutyRepo.shiftsOfPerson(db, b.personId, day.start, day.end) : [];
      const shiftList = await shiftsOut(db, shifts);
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
  };

  return { service, teamMetrics };
}
