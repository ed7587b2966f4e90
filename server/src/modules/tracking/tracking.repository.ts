import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import type { GeoJsonGeometry } from '../org';
import { bitsToFlags } from './domain/position-flags';
import type { TrackPoint } from './domain/analytics/track';

/** The only place that builds tracking queries (raw SQL: the positions table is partitioned and hot). */
const rows = rowsOf;

/** Text for a LIKE pattern that matches itself only: the escape character \ and the wildcards % _ escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const ts = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export interface DeviceRow {
  id: string;
  identifier: string;
  protocol: 'osmand' | 'jt808';
  kind: 'phone' | 'vehicle_terminal' | 'body_camera';
  name: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  orgPath: string | null;
  status: 'active' | 'unassigned' | 'disabled';
  lastSeenAt: Date | null;
  lastFixTime: Date | null;
  lastLat: number | null;
  lastLon: number | null;
  lastSpeedKmh: number | null;
  lastCourse: number | null;
  lastFlags: number | null;
  note: string | null;
  hasAuthCode: boolean;
  isDemo: boolean;
  version: number;
  createdAt: Date;
}

const DEVICE_COLUMNS = sql`d.id, d.identifier, d.protocol, d.kind, d.name, d.org_unit_id, u.name AS org_unit_name, u.path AS org_path, d.status,
  d.last_seen_at, d.last_fix_time, d.last_lat, d.last_lon, d.last_speed_kmh, d.last_course, d.last_flags, d.note,
  d.auth_code IS NOT NULL AS has_auth_code, d.is_demo, d.version, d.created_at`;

function toDevice(r: Record<string, unknown>): DeviceRow {
  return {
    id: r.id as string,
    identifier: r.identifier as string,
    protocol: r.protocol as DeviceRow['protocol'],
    kind: r.kind as DeviceRow['kind'],
    name: r.name as string,
    orgUnitId: (r.org_unit_id as string | null) ?? null,
    orgUnitName: (r.org_unit_name as string | null) ?? null,
    orgPath: (r.org_path as string | null) ?? null,
    status: r.status as DeviceRow['status'],
    lastSeenAt: ts(r.last_seen_at as Date | null),
    lastFixTime: ts(r.last_fix_time as Date | null),
    lastLat: r.last_lat as number | null,
    lastLon: r.last_lon as number | null,
    lastSpeedKmh: r.last_speed_kmh as number | null,
    lastCourse: r.last_course as number | null,
    lastFlags: r.last_flags as number | null,
    note: r.note as string | null,
    hasAuthCode: r.has_auth_code === true,
    isDemo: r.is_demo as boolean,
    version: r.version as number,
    createdAt: ts(r.created_at as Date) as Date,
  };
}

export interface BindingRow {
  id: string;
  deviceId: string;
  personId: string | null;
  personName: string | null;
  assetId: string | null;
  assetLabel: string | null;
  validFrom: Date;
  validTo: Date | null;
}

function toBinding(r: Record<string, unknown>): BindingRow {
  return {
    id: r.id as string,
    deviceId: r.device_id as string,
    personId: r.person_id as string | null,
    personName: r.person_name as string | null,
    assetId: r.asset_id as string | null,
    assetLabel: r.asset_label as string | null,
    validFrom: ts(r.valid_from as Date) as Date,
    validTo: ts(r.valid_to as Date | null),
  };
}

const BINDING_SELECT = sql`SELECT b.id, b.device_id, b.person_id, p.name AS person_name, b.asset_id,
  CASE WHEN a.id IS NULL THEN NULL ELSE coalesce(a.plate, a.serial) END AS asset_label, b.valid_from, b.valid_to
  FROM tracking_binding b LEFT JOIN ledger_person p ON p.id = b.person_id LEFT JOIN ledger_asset a ON a.id = b.asset_id`;

/** A track point with the course, for the map's heading. */
export type TrackFix = TrackPoint & { course: number | null };

export interface UnitRow {
  id: string;
  name: string;
  path: string;
  kind: string;
  geometry: GeoJsonGeometry | null;
}

export const trackingRepository = {
  async devices(tx: DbOrTx, f: { underPath?: string; includeUnassigned: boolean; status?: string; q?: string; ids?: string[] }): Promise<DeviceRow[]> {
    const conds: SQL[] = [];
    if (f.underPath !== undefined) {
      conds.push(f.includeUnassigned ? sql`(u.path LIKE ${f.underPath + '%'} OR d.org_unit_id IS NULL)` : sql`u.path LIKE ${f.underPath + '%'}`);
    } else if (!f.includeUnassigned) conds.push(sql`d.org_unit_id IS NOT NULL`);
    if (f.status) conds.push(sql`d.status = ${f.status}`);
    if (f.q) {
      // The search text is matched literally: % and _ in it are not wildcards (a "%" listed every device).
      const pattern = `%${escapeLike(f.q)}%`;
      conds.push(sql`(d.identifier ILIKE ${pattern} ESCAPE '\\' OR d.name ILIKE ${pattern} ESCAPE '\\')`);
    }
    if (f.ids) conds.push(sql`d.id IN (SELECT unnest(${sql.param(f.ids)}::uuid[]))`);
    const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
    const r = await rows<Record<string, unknown>>(tx, sql`SELECT ${DEVICE_COLUMNS} FROM tracking_device d LEFT JOIN org_unit u ON u.id = d.org_unit_id ${where} ORDER BY u.path NULLS FIRST, d.name, d.identifier`);
    return r.map(toDevice);
  },
  async device(tx: DbOrTx, id: string): Promise<DeviceRow | null> {
    const r = await rows<Record<string, unknown>>(tx, sql`SELECT ${DEVICE_COLUMNS} FROM tracking_device d LEFT JOIN org_unit u ON u.id = d.org_unit_id WHERE d.id = ${id}`);
    return r[0] ? toDevice(r[0]) : null;
  },
  /** Forget a JT/T 808 terminal's authentication code: the number may register again and get a new one. */
  async clearAuthCode(tx: DbOrTx, id: string, at: Date): Promise<void> {
    await tx.execute(sql`UPDATE tracking_device SET auth_code = NULL, version = version + 1, updated_at = ${at} WHERE id = ${id}`);
  },
  async insertDevice(tx: DbOrTx, d: { id: string; identifier: string; protocol: string; kind: string; name: string; orgUnitId: string; note: string | null; at: Date }): Promise<void> {
    await tx.execute(sql`INSERT INTO tracking_device (id, identifier, protocol, kind, name, org_unit_id, status, note, created_at, updated_at)
      VALUES (${d.id}, ${d.identifier}, ${d.protocol}, ${d.kind}, ${d.name}, ${d.orgUnitId}, 'active', ${d.note}, ${d.at}, ${d.at})`);
  },
  async updateDevice(tx: DbOrTx, id: string, d: { name: string; kind: string; orgUnitId: string | null; status: string; note: string | null; at: Date }): Promise<void> {
    await tx.execute(sql`UPDATE tracking_device SET name = ${d.name}, kind = ${d.kind}, org_unit_id = ${d.orgUnitId}, status = ${d.status}, note = ${d.note},
      version = version + 1, updated_at = ${d.at} WHERE id = ${id}`);
  },
  /** What the ingest caches about a device (its state for the filters, its team, its JT/T 808 code). */
  async ingestState(tx: DbOrTx, protocol: string, identifier: string) {
    const r = await rows<{
      id: string;
      status: 'active' | 'unassigned' | 'disabled';
      org_unit_id: string | null;
      path: string | null;
      auth_code: string | null;
      last_fix_time: Date | string | null;
      last_lat: number | null;
      last_lon: number | null;
      last_seen_at: Date | string | null;
    }>(
      tx,
      sql`SELECT d.id, d.status, d.org_unit_id, u.path, d.auth_code, d.last_fix_time, d.last_lat, d.last_lon, d.last_seen_at
          FROM tracking_device d LEFT JOIN org_unit u ON u.id = d.org_unit_id
          WHERE d.protocol = ${protocol} AND d.identifier = ${identifier}`,
    );
    return r[0] ?? null;
  },
  /** An unknown device, auto-registered as unassigned. ON CONFLICT: two connections of the same new terminal race. */
  async insertUnassignedDevice(tx: DbOrTx, d: { id: string; identifier: string; protocol: string; kind: string; name: string; at: Date }): Promise<void> {
    await tx.execute(sql`INSERT INTO tracking_device (id, identifier, protocol, kind, name, org_unit_id, status, created_at, updated_at)
      VALUES (${d.id}, ${d.identifier}, ${d.protocol}, ${d.kind}, ${d.name}, NULL, 'unassigned', ${d.at}, ${d.at}) ON CONFLICT (protocol, identifier) DO NOTHING`);
  },
  /** Heartbeat-only devices: last seen times saved in one statement (never moved back). */
  async saveLastSeen(tx: DbOrTx, ids: string[], at: string[]): Promise<void> {
    await tx.execute(sql`UPDATE tracking_device d SET last_seen_at = GREATEST(d.last_seen_at, v.at) FROM (SELECT unnest(${sql.param(ids)}::uuid[]) AS id, unnest(${sql.param(at)}::timestamptz[]) AS at) v WHERE d.id = v.id`);
  },
  /** Stores a JT/T 808 authentication code unless the device already has one; false when another code won. */
  async claimAuthCode(tx: DbOrTx, id: string, code: string): Promise<boolean> {
    const r = await rows<{ id: string }>(tx, sql`UPDATE tracking_device SET auth_code = ${code} WHERE id = ${id} AND auth_code IS NULL RETURNING id`);
    return r.length > 0;
  },
  async deviceByIdentifier(tx: DbOrTx, protocol: string, identifier: string): Promise<{ id: string } | null> {
    const r = await rows<{ id: string }>(tx, sql`SELECT id FROM tracking_device WHERE protocol = ${protocol} AND identifier = ${identifier}`);
    return r[0] ?? null;
  },
  async bindingsOf(tx: DbOrTx, deviceIds: string[]): Promise<BindingRow[]> {
    if (!deviceIds.length) return [];
    const r = await rows<Record<string, unknown>>(tx, sql`${BINDING_SELECT} WHERE b.device_id IN (SELECT unnest(${sql.param(deviceIds)}::uuid[])) ORDER BY b.device_id, b.valid_from`);
    return r.map(toBinding);
  },
  async bindingsOfPerson(tx: DbOrTx, personId: string, from: Date, to: Date): Promise<BindingRow[]> {
    const r = await rows<Record<string, unknown>>(
      tx,
      sql`${BINDING_SELECT} WHERE b.person_id = ${personId} AND b.valid_from < ${to} AND (b.valid_to IS NULL OR b.valid_to > ${from}) ORDER BY b.valid_from`,
    );
    return r.map(toBinding);
  },
  async insertBinding(tx: DbOrTx, b: { id: string; deviceId: string; personId: string | null; assetId: string | null; validFrom: Date; createdBy: string; createdAt: Date }): Promise<void> {
    await tx.execute(sql`INSERT INTO tracking_binding (id, device_id, person_id, asset_id, valid_from, valid_to, created_by, created_at)
      VALUES (${b.id}, ${b.deviceId}, ${b.personId}, ${b.assetId}, ${b.validFrom}, NULL, ${b.createdBy}, ${b.createdAt})`);
  },
  async closeBinding(tx: DbOrTx, id: string, at: Date): Promise<void> {
    await tx.execute(sql`UPDATE tracking_binding SET valid_to = ${at} WHERE id = ${id}`);
  },
  async unit(tx: DbOrTx, id: string): Promise<UnitRow | null> {
    const r = await rows<UnitRow>(tx, sql`SELECT id, name, path, kind, geometry FROM org_unit WHERE id = ${id}`);
    return r[0] ?? null;
  },
  async unitsUnder(tx: DbOrTx, path: string, kinds: string[]): Promise<UnitRow[]> {
    return rows<UnitRow>(tx, sql`SELECT id, name, path, kind, geometry FROM org_unit WHERE path LIKE ${path + '%'} AND kind IN (SELECT unnest(${sql.param(kinds)}::text[])) AND valid_to IS NULL ORDER BY code`);
  },
  /** The team a unit belongs to (the unit itself when it is a team). */
  async teamOf(tx: DbOrTx, unitPath: string): Promise<UnitRow | null> {
    const ids = unitPath.split('/').filter(Boolean);
    const r = await rows<UnitRow>(tx, sql`SELECT id, name, path, kind, geometry FROM org_unit WHERE id IN (SELECT unnest(${sql.param(ids)}::uuid[])) AND kind = 'team'`);
    return r[0] ?? null;
  },
  async person(tx: DbOrTx, id: string): Promise<{ id: string; name: string; orgUnitId: string; path: string; status: string } | null> {
    const r = await rows<{ id: string; name: string; org_unit_id: string; path: string; status: string }>(
      tx,
      sql`SELECT p.id, p.name, p.org_unit_id, u.path, p.status FROM ledger_person p JOIN org_unit u ON u.id = p.org_unit_id WHERE p.id = ${id}`,
    );
    const p = r[0];
    return p ? { id: p.id, name: p.name, orgUnitId: p.org_unit_id, path: p.path, status: p.status } : null;
  },
  async asset(tx: DbOrTx, id: string): Promise<{ id: string; type: string; label: string; path: string } | null> {
    const r = await rows<{ id: string; type: string; label: string; path: string }>(
      tx,
      sql`SELECT a.id, a.type, coalesce(a.plate, a.serial) AS label, u.path FROM ledger_asset a JOIN org_unit u ON u.id = a.org_unit_id WHERE a.id = ${id}`,
    );
    return r[0] ?? null;
  },
  /** A device's positions in [from, to), oldest first: the covering index (device_id, fix_time) INCLUDE (…). */
  async track(tx: DbOrTx, deviceId: string, from: Date, to: Date, limit: number): Promise<TrackFix[]> {
    const r = await rows<{ fix_time: Date | string; lat: number; lon: number; speed_kmh: number | null; course: number | null; flags: number }>(
      tx,
      sql`SELECT fix_time, lat, lon, speed_kmh, course, flags FROM tracking_position
          WHERE device_id = ${deviceId} AND fix_time >= ${from} AND fix_time < ${to} ORDER BY fix_time LIMIT ${limit}`,
    );
    return r.map((p) => ({ time: ts(p.fix_time) as Date, lat: p.lat, lon: p.lon, speedKmh: p.speed_kmh, course: p.course, flags: bitsToFlags(p.flags) }));
  },
  /** Beijing days (YYYY-MM-DD) in [from, to) on which any of the devices reported a fix: the days worth analysing. */
  async daysWithFixes(tx: DbOrTx, deviceIds: string[], from: Date, to: Date): Promise<string[]> {
    if (!deviceIds.length) return [];
    const r = await rows<{ day: string }>(
      tx,
      sql`SELECT DISTINCT to_char(fix_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM tracking_position
          WHERE device_id IN (SELECT unnest(${sql.param(deviceIds)}::uuid[])) AND fix_time >= ${from} AND fix_time < ${to} ORDER BY 1`,
    );
    return r.map((x) => x.day);
  },
  /**
   * The positions of the devices bound to these persons, each fix inside [from, to] (both ends included) and inside
   * the binding's own period, oldest first per person; with every device bound in the window (a person may have a
   * device that sent nothing). For the on-site check of case steps (onsite module).
   */
  async personFixes(tx: DbOrTx, personIds: string[], from: Date, to: Date, limit: number) {
    if (!personIds.length) return { devices: [], fixes: [] };
    const devices = await rows<{ person_id: string; device_id: string; name: string; kind: string }>(
      tx,
      sql`SELECT DISTINCT b.person_id, b.device_id, d.name, d.kind FROM tracking_binding b JOIN tracking_device d ON d.id = b.device_id
          WHERE b.person_id IN (SELECT unnest(${sql.param(personIds)}::uuid[])) AND b.valid_from <= ${to} AND (b.valid_to IS NULL OR b.valid_to > ${from}) ORDER BY b.person_id, d.name`,
    );
    const fixes = await rows<{ person_id: string; device_id: string; fix_time: Date | string; received_at: Date | string; lat: number; lon: number; flags: number }>(
      tx,
      sql`SELECT b.person_id, p.device_id, p.fix_time, p.received_at, p.lat, p.lon, p.flags FROM tracking_binding b
          JOIN tracking_position p ON p.device_id = b.device_id AND p.fix_time >= b.valid_from AND (b.valid_to IS NULL OR p.fix_time < b.valid_to)
          WHERE b.person_id IN (SELECT unnest(${sql.param(personIds)}::uuid[])) AND b.valid_from <= ${to} AND (b.valid_to IS NULL OR b.valid_to > ${from})
            AND p.fix_time >= ${from} AND p.fix_time <= ${to}
          ORDER BY b.person_id, p.fix_time LIMIT ${limit}`,
    );
    return {
      devices: devices.map((d) => ({ personId: d.person_id, deviceId: d.device_id, name: d.name, kind: d.kind as DeviceRow['kind'] })),
      fixes: fixes.map((p) => ({ personId: p.person_id, deviceId: p.device_id, time: ts(p.fix_time) as Date, receivedAt: ts(p.received_at) as Date, lat: p.lat, lon: p.lon, flags: bitsToFlags(p.flags) })),
    };
  },
  /** Full rows for the positions API (altitude, accuracy, received time). */
  async positions(tx: DbOrTx, deviceId: string, from: Date, to: Date, limit: number, includeFlagged: boolean) {
    const r = await rows<{ fix_time: Date | string; received_at: Date | string; lat: number; lon: number; speed_kmh: number | null; course: number | null; altitude: number | null; accuracy_m: number | null; flags: number }>(
      tx,
      sql`SELECT fix_time, received_at, lat, lon, speed_kmh, course, altitude, accuracy_m, flags FROM tracking_position
          WHERE device_id = ${deviceId} AND fix_time >= ${from} AND fix_time < ${to} ${includeFlagged ? sql`` : sql`AND flags = 0`} ORDER BY fix_time LIMIT ${limit}`,
    );
    return r.map((p) => ({
      time: ts(p.fix_time) as Date,
      receivedAt: ts(p.received_at) as Date,
      lat: p.lat,
      lon: p.lon,
      speedKmh: p.speed_kmh,
      course: p.course,
      altitude: p.altitude,
      accuracyM: p.accuracy_m,
      flags: bitsToFlags(p.flags),
    }));
  },
};

export type TrackingRepository = typeof trackingRepository;
