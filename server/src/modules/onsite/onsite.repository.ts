import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import type { OnsiteReason, OnsiteSettings, OnsiteStatus } from './domain/onsite';

const ts = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export interface CaseRef {
  id: string;
  orgUnitId: string;
  unitPath: string;
  lat: number | null;
  lon: number | null;
  isDemo: boolean;
}

export interface StepEvent {
  id: number;
  caseId: string;
  action: string;
  onDate: string;
  at: Date;
  officers: { personId: string; name: string }[];
  payload: Record<string, unknown>;
}

export interface CheckRow {
  eventId: number;
  personId: string;
  caseId: string;
  orgUnitId: string;
  action: string;
  onDate: string;
  status: OnsiteStatus;
  reason: OnsiteReason | null;
  minDistanceM: number | null;
  nearestAt: Date | null;
  points: number;
  settingsRadiusM: number;
  settingsMarginMin: number;
  lastReceivedAt: Date | null;
  computedAt: Date;
  isDemo: boolean;
}

function toCheck(r: Record<string, unknown>): CheckRow {
  return {
    eventId: Number(r.event_id),
    personId: r.person_id as string,
    caseId: r.case_id as string,
    orgUnitId: r.org_unit_id as string,
    action: r.action as string,
    onDate: String(r.on_date).slice(0, 10),
    status: r.status as OnsiteStatus,
    reason: (r.reason as OnsiteReason | null) ?? null,
    minDistanceM: r.min_distance_m === null ? null : Number(r.min_distance_m),
    nearestAt: ts(r.nearest_at as Date | null),
    points: Number(r.points),
    settingsRadiusM: Number(r.settings_radius_m),
    settingsMarginMin: Number(r.settings_margin_min),
    lastReceivedAt: ts(r.last_received_at as Date | null),
    computedAt: ts(r.computed_at as Date) as Date,
    isDemo: r.is_demo === true,
  };
}

/** The only place that builds onsite queries (raw SQL on the case tables it reads: the case module's rows as stored). */
export const onsiteRepository = {
  async findCase(tx: DbOrTx, id: string): Promise<CaseRef | null> {
    const r = await rowsOf<{ id: string; org_unit_id: string; path: string; lat: number | null; lon: number | null; is_demo: boolean }>(
      tx,
      sql`SELECT c.id, c.org_unit_id, u.path, c.lat, c.lon, c.is_demo FROM enforcement_case c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = ${id}`,
    );
    const c = r[0];
    return c ? { id: c.id, orgUnitId: c.org_unit_id, unitPath: c.path, lat: c.lat, lon: c.lon, isDemo: c.is_demo } : null;
  },
  /** The case's recorded steps of these actions, oldest first. */
  async stepsOf(tx: DbOrTx, caseId: string, actions: readonly string[]): Promise<StepEvent[]> {
    const r = await rowsOf<{ id: number | string; case_id: string; action: string; on_date: string; at: Date | string; officers: { personId: string; name: string }[]; payload: Record<string, unknown> }>(
      tx,
      sql`SELECT id, case_id, action, on_date, at, officers, payload FROM case_event
          WHERE case_id = ${caseId} AND action IN (SELECT unnest(${sql.param([...actions])}::text[])) ORDER BY id`,
    );
    return r.map((e) => ({
      id: Number(e.id),
      caseId: e.case_id,
      action: e.action,
      onDate: String(e.on_date).slice(0, 10),
      at: ts(e.at) as Date,
      officers: (e.officers ?? []).map((o) => ({ personId: o.personId, name: o.name })),
      payload: e.payload ?? {},
    }));
  },
  async checksOfCase(tx: DbOrTx, caseId: string): Promise<CheckRow[]> {
    const r = await rowsOf<Record<string, unknown>>(tx, sql`SELECT * FROM onsite_check WHERE case_id = ${caseId} ORDER BY event_id, person_id`);
    return r.map(toCheck);
  },
  /** Insert or replace the result of one officer of one step. */
  async upsertCheck(tx: DbOrTx, c: CheckRow): Promise<void> {
    await tx.execute(sql`INSERT INTO onsite_check (event_id, person_id, case_id, org_unit_id, action, on_date, status, reason, min_distance_m, nearest_at, points,
        settings_radius_m, settings_margin_min, last_received_at, computed_at, is_demo)
      VALUES (${c.eventId}, ${c.personId}, ${c.caseId}, ${c.orgUnitId}, ${c.action}, ${c.onDate}, ${c.status}, ${c.reason}, ${c.minDistanceM}, ${c.nearestAt}, ${c.points},
        ${c.settingsRadiusM}, ${c.settingsMarginMin}, ${c.lastReceivedAt}, ${c.computedAt}, ${c.isDemo})
      ON CONFLICT (event_id, person_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, min_distance_m = EXCLUDED.min_distance_m,
        nearest_at = EXCLUDED.nearest_at, points = EXCLUDED.points, settings_radius_m = EXCLUDED.settings_radius_m, settings_margin_min = EXCLUDED.settings_margin_min,
        last_received_at = EXCLUDED.last_received_at, computed_at = EXCLUDED.computed_at`);
  },
  async settings(tx: DbOrTx): Promise<(OnsiteSettings & { version: number; updatedAt: Date | null }) | null> {
    const r = await rowsOf<{ radius_m: number; margin_min: number; version: number; updated_at: Date | string }>(tx, sql`SELECT radius_m, margin_min, version, updated_at FROM onsite_setting WHERE id = 'default'`);
    const s = r[0];
    return s ? { radiusM: Number(s.radius_m), marginMin: Number(s.margin_min), version: Number(s.version), updatedAt: ts(s.updated_at) } : null;
  },
  /**
   * Write the settings if they are still at `version` (0: never written). False when someone else changed them first.
   * The first write inserts; a concurrent first write loses on the primary key (ON CONFLICT DO NOTHING → false).
   */
  async saveSettings(tx: DbOrTx, version: number, s: OnsiteSettings, by: string, at: Date): Promise<boolean> {
    if (version === 0) {
      const r = await rowsOf<{ id: string }>(tx, sql`INSERT INTO onsite_setting (id, radius_m, margin_min, version, updated_by, updated_at)
        VALUES ('default', ${s.radiusM}, ${s.marginMin}, 1, ${by}, ${at}) ON CONFLICT (id) DO NOTHING RETURNING id`);
      return r.length === 1;
    }
    const r = await rowsOf<{ id: string }>(tx, sql`UPDATE onsite_setting SET radius_m = ${s.radiusM}, margin_min = ${s.marginMin}, version = version + 1, updated_by = ${by}, updated_at = ${at}
      WHERE id = 'default' AND version = ${version} RETURNING id`);
    return r.length === 1;
  },
  /**
   * The stored outcomes of the steps of teams under `underPath` with a step date in [from, to]: one row per step
   * event with its officers' outcomes (the caller folds them into the step's outcome).
   */
  async stepOutcomes(tx: DbOrTx, f: { underPath: string | null; from: string; to: string; includeDemo: boolean }): Promise<{ eventId: number; orgUnitId: string; unitName: string; statuses: OnsiteStatus[] }[]> {
    const r = await rowsOf<{ event_id: number | string; org_unit_id: string; unit_name: string; statuses: OnsiteStatus[] }>(
      tx,
      sql`SELECT k.event_id, k.org_unit_id, u.name AS unit_name, array_agg(k.status ORDER BY k.person_id) AS statuses
          FROM onsite_check k JOIN org_unit u ON u.id = k.org_unit_id
          WHERE k.on_date >= ${f.from} AND k.on_date <= ${f.to} ${f.underPath === null ? sql`` : sql`AND u.path LIKE ${f.underPath + '%'}`} ${f.includeDemo ? sql`` : sql`AND NOT k.is_demo`}
          GROUP BY k.event_id, k.org_unit_id, u.name ORDER BY u.name, k.event_id`,
    );
    return r.map((x) => ({ eventId: Number(x.event_id), orgUnitId: x.org_unit_id, unitName: x.unit_name, statuses: x.statuses }));
  },
};
