/**
 * Demo field-tracking data (labelled demo): devices for the demo teams (officers' phones on OsmAnd, patrol cars'
 * JT/T 808 terminals, body cameras), their bindings, yesterday's patrol tracks for three teams generated along
 * their grids, yesterday's and today's shifts, checkpoints, and the duty alerts yesterday's tracks raise
 * (computed by the same pure rules as live alerts). Live positions come from `guifan simulate`.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { orgUnit } from '../modules/org/org.tables';
import { ledgerAsset, ledgerPerson } from '../modules/ledger/ledger.tables';
import { trackingAlert, trackingBinding, trackingCheckpoint, trackingDevice, trackingShift } from '../modules/tracking/tracking.tables';
import { PositionWriter, type PositionRow } from '../modules/tracking/tracking.writer';
import { normalizeTerminalNo } from '../modules/tracking/domain/identifiers';
import { addDays, cnDay, cnDayRange } from '../modules/tracking/domain/partitions';
import { haversineM, offsetM, type AreaGeometry } from '../modules/tracking/domain/geo';
import { dutyAlerts } from '../modules/tracking/domain/analytics/duty';
import type { TrackPoint } from '../modules/tracking/domain/analytics/track';
import { ZHUHANG_CODE } from './demo-ledgers';

// No note: the pages mark demo rows with their own label (演示数据 / Demo data, from is_demo), in the reader's language.
const DEMO_NOTE = null;
/** Teams with yesterday's tracks, shifts and checkpoints: 竹行 and the next two demo teams. */
const TRACKED_TEAMS = 3;
const PHONES_PER_TEAM = 6;
// Yesterday's demo tracks report every 30 s (phones usually report every 10–30 s): enough for replay and
// statistics while keeping the demo database (and every backup of it) small.
const REPORT_EVERY_S = 30;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface TrackingSeedResult {
  seeded: boolean;
  devices: number;
  positions: number;
  shifts: number;
  alerts: number;
}

interface Leg {
  lat: number;
  lon: number;
}

/** Beijing wall-clock time on a day → instant. */
function at(day: string, hh: number, mm: number): Date {
  return new Date(cnDayRange(day).start.getTime() + (hh * 60 + mm) * 60_000);
}

/**
 * A patrol between `start` and `end`: walk (or drive) through the waypoints in order at `kmh`, with a stop of
 * `stopMin` minutes at every third waypoint, a fix every REPORT_EVERY_S with a few metres of noise.
 */
function patrol(waypoints: Leg[], start: Date, end: Date, kmh: number, stopMin: number, rand: () => number): TrackPoint[] {
  const out: TrackPoint[] = [];
  const step = REPORT_EVERY_S * 1000;
  let t = start.getTime();
  let i = 0;
  let pos = { ...(waypoints[0] as Leg) };
  const mps = kmh / 3.6;
  while (t < end.getTime()) {
    const target = waypoints[(i + 1) % waypoints.length] as Leg;
    const d = haversineM(pos.lat, pos.lon, target.lat, target.lon);
    const move = mps * REPORT_EVERY_S;
    let speed = kmh;
    if (d <= move) {
      pos = { ...target };
      i++;
      if (i % 3 === 0 && stopMin > 0) {
        const stopEnd = Math.min(end.getTime(), t + stopMin * 60_000);
        for (; t < stopEnd; t += step) out.push(noisy(pos, t, 0, rand));
        continue;
      }
    } else {
      const f = move / d;
      pos = { lat: pos.lat + (target.lat - pos.lat) * f, lon: pos.lon + (target.lon - pos.lon) * f };
      speed = kmh * (0.85 + rand() * 0.3);
    }
    out.push(noisy(pos, t, speed, rand));
    t += step;
  }
  return out;
}

function noisy(p: Leg, t: number, speed: number, rand: () => number): TrackPoint {
  const n = offsetM(p.lat, p.lon, (rand() - 0.5) * 6, (rand() - 0.5) * 6);
  return { time: new Date(t), lat: n.lat, lon: n.lon, speedKmh: Math.round(speed * 10) / 10, flags: [] };
}

export async function seedDemoTracking(database: Database, clock: Clock): Promise<TrackingSeedResult> {
  const { db } = database;
  const none = { seeded: false, devices: 0, positions: 0, shifts: 0, alerts: 0 };
  if ((await db.select({ id: trackingDevice.id }).from(trackingDevice).where(eq(trackingDevice.isDemo, true)).limit(1)).length) return none;
  const teams = await db
    .select({ id: orgUnit.id, code: orgUnit.code, path: orgUnit.path, geometry: orgUnit.geometry })
    .from(orgUnit)
    .where(and(eq(orgUnit.kind, 'team'), eq(orgUnit.isDemo, true)))
    .orderBy(asc(orgUnit.code));
  if (!teams.length) return none;
  // 竹行 first: it is the demo story's model team.
  teams.sort((a, b) => (a.code === ZHUHANG_CODE ? -1 : b.code === ZHUHANG_CODE ? 1 : a.code.localeCompare(b.code)));
  const now = clock.now();
  const today = cnDay(now);
  const yesterday = addDays(today, -1);
  const rand = rng(20261127);
  const base = { isDemo: true, createdAt: now, updatedAt: now, version: 1 };
  const persons = await db
    .select({ id: ledgerPerson.id, orgUnitId: ledgerPerson.orgUnitId, name: ledgerPerson.name })
    .from(ledgerPerson)
    .where(and(inArray(ledgerPerson.orgUnitId, teams.map((t) => t.id)), eq(ledgerPerson.kind, 'officer'), eq(ledgerPerson.status, 'active')))
    .orderBy(asc(ledgerPerson.name));
  const assets = await db
    .select({ id: ledgerAsset.id, orgUnitId: ledgerAsset.orgUnitId, type: ledgerAsset.type, plate: ledgerAsset.plate, serial: ledgerAsset.serial, terminalNo: ledgerAsset.terminalNo, deviceId: ledgerAsset.deviceId, assignedPersonId: ledgerAsset.assignedPersonId })
    .from(ledgerAsset)
    .where(and(inArray(ledgerAsset.orgUnitId, teams.map((t) => t.id)), inArray(ledgerAsset.type, ['vehicle', 'body_camera']), eq(ledgerAsset.status, 'in_use')))
    .orderBy(asc(ledgerAsset.serial));
  const grids = await db
    .select({ id: orgUnit.id, path: orgUnit.path, lat: orgUnit.centerLat, lon: orgUnit.centerLon, geometry: orgUnit.geometry })
    .from(orgUnit)
    .where(and(eq(orgUnit.kind, 'grid'), eq(orgUnit.isDemo, true)))
    .orderBy(asc(orgUnit.code));

  const devices: (typeof trackingDevice.$inferInsert)[] = [];
  const bindings: (typeof trackingBinding.$inferInsert)[] = [];
  const shifts: (typeof trackingShift.$inferInsert)[] = [];
  const checkpoints: (typeof trackingCheckpoint.$inferInsert)[] = [];
  const tracks: { deviceId: string; source: 1 | 2; points: TrackPoint[] }[] = [];
  const personTracks = new Map<string, TrackPoint[]>();
  const boundFrom = at(addDays(today, -30), 8, 0);
  let phoneSeq = 0;

  for (const [ti, team] of teams.entries()) {
    const teamGrids = grids.filter((g) => g.path.startsWith(team.path) && g.lat !== null && g.lon !== null);
    const waypoints = teamGrids.map((g) => ({ lat: g.lat as number, lon: g.lon as number }));
    const tracked = ti < TRACKED_TEAMS && waypoints.length >= 2;
    const officers = persons.filter((p) => p.orgUnitId === team.id).slice(0, PHONES_PER_TEAM);
    for (const [k, p] of officers.entries()) {
      const id = newId();
      phoneSeq++;
      devices.push({ ...base, id, identifier: `demo-phone-${String(phoneSeq).padStart(3, '0')}`, protocol: 'osmand', kind: 'phone', name: `${p.name}的执法终端`, orgUnitId: team.id, status: 'active', note: DEMO_NOTE });
      bindings.push({ id: newId(), deviceId: id, personId: p.id, assetId: null, validFrom: boundFrom, validTo: null, createdAt: now });
      if (!tracked) continue;
      // Each officer starts at a different grid; officer 2 strays out of the team area for a while, officer 3's
      // phone goes silent for 25 minutes, so that yesterday's shifts raise the alerts a duty officer would see.
      const rot = waypoints.slice(k % waypoints.length).concat(waypoints.slice(0, k % waypoints.length));
      const morning = patrol(rot, at(yesterday, 8, 30), at(yesterday, 11, 30), 4.5 + rand(), 8, rand);
      const afternoon = patrol([...rot].reverse(), at(yesterday, 14, 0), at(yesterday, 17, 0), 4.5 + rand(), 8, rand);
      let pts = [...morning, ...afternoon];
      if (k === 1) {
        const away = at(yesterday, 15, 0).getTime();
        pts = pts.map((q) => (q.time.getTime() >= away && q.time.getTime() < away + 12 * 60_000 ? { ...q, ...offsetM(q.lat, q.lon, 0, 2500) } : q));
      }
      if (k === 2) {
        const gap = at(yesterday, 9, 40).getTime();
        pts = pts.filter((q) => q.time.getTime() < gap || q.time.getTime() >= gap + 25 * 60_000);
      }
      tracks.push({ deviceId: id, source: 1, points: pts });
      personTracks.set(p.id, pts);
      for (const [s, e] of [
        [at(yesterday, 8, 30), at(yesterday, 11, 30)],
        [at(yesterday, 14, 0), at(yesterday, 17, 0)],
        [at(today, 8, 30), at(today, 11, 30)],
        [at(today, 14, 0), at(today, 17, 0)],
      ] as [Date, Date][]) {
        shifts.push({ ...base, id: newId(), orgUnitId: team.id, personId: p.id, areaUnitId: team.id, startsAt: s, endsAt: e, note: DEMO_NOTE });
      }
    }
    const teamAssets = assets.filter((a) => a.orgUnitId === team.id);
    for (const a of teamAssets.filter((x) => x.type === 'vehicle' && x.terminalNo)) {
      const id = newId();
      devices.push({ ...base, id, identifier: normalizeTerminalNo(a.terminalNo as string), protocol: 'jt808', kind: 'vehicle_terminal', name: `${a.plate ?? a.serial} 车载终端`, orgUnitId: team.id, status: 'active', note: DEMO_NOTE });
      bindings.push({ id: newId(), deviceId: id, personId: null, assetId: a.id, validFrom: boundFrom, validTo: null, createdAt: now });
      if (tracked) tracks.push({ deviceId: id, source: 2, points: patrol(waypoints, at(yesterday, 9, 0), at(yesterday, 12, 0), 25, 5, rand) });
    }
    for (const a of teamAssets.filter((x) => x.type === 'body_camera' && x.deviceId && /^\d{1,20}$/.test(x.deviceId)).slice(0, 2)) {
      const id = newId();
      devices.push({ ...base, id, identifier: normalizeTerminalNo(a.deviceId as string), protocol: 'jt808', kind: 'body_camera', name: `执法记录仪 ${a.serial}`, orgUnitId: team.id, status: 'active', note: DEMO_NOTE });
      bindings.push({ id: newId(), deviceId: id, personId: null, assetId: a.id, validFrom: boundFrom, validTo: null, createdAt: now });
    }
    if (tracked) {
      for (const [ci, g] of teamGrids.filter((_, i) => i % 3 === 0).slice(0, 3).entries()) {
        checkpoints.push({ ...base, id: newId(), orgUnitId: team.id, name: ['农贸市场入口', '学校门口', '地铁站口'][ci] ?? `巡查点${ci + 1}`, lat: g.lat as number, lon: g.lon as number, radiusM: 60 });
      }
    }
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < devices.length; i += 200) await tx.insert(trackingDevice).values(devices.slice(i, i + 200));
    for (let i = 0; i < bindings.length; i += 200) await tx.insert(trackingBinding).values(bindings.slice(i, i + 200));
    for (let i = 0; i < shifts.length; i += 200) await tx.insert(trackingShift).values(shifts.slice(i, i + 200));
    if (checkpoints.length) await tx.insert(trackingCheckpoint).values(checkpoints);
  });

  const writer = new PositionWriter(database, { flushMs: 1, batchRows: 1000 });
  let positions = 0;
  const pending: Promise<void>[] = [];
  for (const t of tracks) {
    for (let i = 0; i < t.points.length; i += 1000) {
      const rows: PositionRow[] = t.points.slice(i, i + 1000).map((p) => ({
        deviceId: t.deviceId,
        fixTime: p.time,
        receivedAt: new Date(p.time.getTime() + 2_000),
        lat: p.lat,
        lon: p.lon,
        altitude: 5,
        speedKmh: p.speedKmh,
        course: null,
        accuracyM: t.source === 1 ? 8 : null,
        battery: null,
        valid: true,
        flags: 0,
        source: t.source,
        alarm: t.source === 2 ? 0 : null,
        status: t.source === 2 ? 3 : null,
        attributes: null,
        usableForLast: true,
      }));
      positions += rows.length;
      pending.push(writer.write(rows));
    }
  }
  await Promise.all(pending);
  await writer.close();

  // Yesterday's alerts, by the same rules as the live evaluator.
  const teamGeometry = new Map(teams.map((t) => [t.id, t.geometry as AreaGeometry | null]));
  const alerts: (typeof trackingAlert.$inferInsert)[] = [];
  const yEnd = cnDayRange(yesterday).end;
  for (const s of shifts) {
    if ((s.endsAt as Date) > yEnd) continue;
    const area = teamGeometry.get(s.orgUnitId as string);
    const pts = personTracks.get(s.personId as string);
    if (!area || !pts) continue;
    for (const a of dutyAlerts(pts, { start: s.startsAt as Date, end: s.endsAt as Date, areaGeometry: area }, s.endsAt as Date)) {
      alerts.push({
        id: newId(),
        shiftId: s.id as string,
        orgUnitId: s.orgUnitId as string,
        personId: s.personId as string,
        kind: a.kind,
        since: a.since,
        until: a.until,
        durationMs: a.detail.durationMs,
        lat: a.detail.lat,
        lon: a.detail.lon,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (alerts.length) await db.insert(trackingAlert).values(alerts);
  return { seeded: true, devices: devices.length, positions, shifts: shifts.length, alerts: alerts.length };
}
