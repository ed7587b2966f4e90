/**
 * Which devices the simulator drives, over which protocol, how they move and in which area. Pure and
 * deterministic (same inputs and seed, same plan).
 *
 * - Registered devices (GET /api/tracking/devices?status=active) come first, in identifier order, filtered by
 *   the chosen protocol. With `--devices` larger than that, extra devices are invented: OsmAnd ids `sim-<n>`,
 *   JT/T 808 terminal numbers `019900000001`, `019900000002`, … The server accepts those only when it runs with
 *   GUIFAN_DEVICE_AUTOREGISTER=true (they land in its "unassigned" list).
 * - Extras with `--protocol both`: 3 of 5 are phones over OsmAnd, 1 of 5 a vehicle terminal, 1 of 5 a body
 *   camera over JT/T 808.
 * - Movement: vehicle terminals drive (car), body cameras walk, phones walk or (3 in 10) ride an e-bike.
 * - Area: the device's own org unit when it has an area, else its nearest ancestor with one, else a team under
 *   it, else any team (chosen by seed). Extras are spread over the team areas in turn.
 * - A fraction of the JT/T 808 terminals (default 1 in 4, spread evenly) use 2019 headers; a terminal number
 *   longer than 12 digits always does.
 */
import type { AreaGeometry } from '../modules/tracking/domain/geo';
import { createRng, seedFrom, type PatrolMode } from './route';

export type SimProtocol = 'osmand' | 'jt808';
export type ProtocolChoice = SimProtocol | 'both';

/** A device as the tracking API lists it (only the fields the simulator reads). */
export interface RegisteredDevice {
  id: string;
  identifier: string;
  protocol: string;
  kind: string;
  orgUnitId: string | null;
  name?: string;
}

/** An org unit with its area (WGS-84), from GET /api/org/units + /api/org/map. */
export interface OrgArea {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  geometry: AreaGeometry | null;
}

export interface SimDevice {
  /** What the server will know the device as: OsmAnd `id`, or the 808 terminal number without leading zeros. */
  identifier: string;
  protocol: SimProtocol;
  kind: 'phone' | 'vehicle_terminal' | 'body_camera';
  mode: PatrolMode;
  /** Org unit whose area the device patrols; null = the fallback area. */
  areaId: string | null;
  registered: boolean;
  /** JT/T 808 only. */
  jt808?: { version: '2013' | '2019'; phone: string };
  seed: number;
}

export interface FleetPlan {
  devices: SimDevice[];
  /** Registered devices not driven, with the reason (protocol filtered out, bad terminal number). */
  skipped: Array<{ identifier: string; reason: string }>;
}

export interface FleetOptions {
  registered: readonly RegisteredDevice[];
  areas: readonly OrgArea[];
  protocol: ProtocolChoice;
  /** Total devices to drive; default: every registered device of the chosen protocol(s). */
  count?: number;
  seed: number;
  /** Share of 808 terminals using 2019 headers, 0–1. */
  fraction2019: number;
}

/** Kinds an officer patrols: the smallest area wins. */
const PATROL_KINDS = new Set(['grid', 'community', 'team']);
/** Extra terminal numbers: 19900000001, … (019900000001 in a 2013 header). */
export const EXTRA_808_BASE = 19_900_000_001;

export function extraOsmAndId(n: number): string {
  return `sim-${n}`;
}

/** A terminal number → the digits written in a header of this version, or null when it cannot be. */
export function headerPhone(identifier: string, version: '2013' | '2019'): string | null {
  if (!/^\d+$/.test(identifier)) return null;
  const width = version === '2019' ? 20 : 12;
  const digits = identifier.replace(/^0+(?=\d)/, '');
  if (digits.length > width) return null;
  return digits.padStart(width, '0');
}

function normaliseKind(kind: string, protocol: SimProtocol): SimDevice['kind'] {
  if (kind === 'phone' || kind === 'vehicle_terminal' || kind === 'body_camera') return kind;
  return protocol === 'osmand' ? 'phone' : 'vehicle_terminal';
}

function modeFor(kind: SimDevice['kind'], seed: number): PatrolMode {
  if (kind === 'vehicle_terminal') return 'car';
  if (kind === 'body_camera') return 'foot';
  return createRng(seedFrom(seed, 'mode')).next() < 0.3 ? 'ebike' : 'foot';
}

/** Resolves a unit to the area its devices patrol (see the file comment). */
export function areaResolver(areas: readonly OrgArea[], seed: number): { areaFor(unitId: string | null, key: string): string | null; teamAreas: string[] } {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const patrolAreas = areas.filter((a) => a.geometry && PATROL_KINDS.has(a.kind));
  const teamAreas = patrolAreas.filter((a) => a.kind === 'team').map((a) => a.id);
  const anyAreas = teamAreas.length ? teamAreas : patrolAreas.length ? patrolAreas.map((a) => a.id) : areas.filter((a) => a.geometry).map((a) => a.id);
  const isUnder = (unit: OrgArea, ancestorId: string) => {
    let p = unit.parentId;
    for (let guard = 0; p && guard < 64; guard++) {
      if (p === ancestorId) return true;
      p = byId.get(p)?.parentId ?? null;
    }
    return false;
  };
  const pick = (ids: string[], key: string) => (ids.length ? ids[createRng(seedFrom(seed, 'area', key)).int(ids.length)]! : null);
  return {
    teamAreas: anyAreas,
    areaFor(unitId, key) {
      let u = unitId ? byId.get(unitId) : undefined;
      const start = u;
      for (let guard = 0; u && guard < 64; guard++) {
        if (u.geometry && PATROL_KINDS.has(u.kind)) return u.id;
        u = u.parentId ? byId.get(u.parentId) : undefined;
      }
      if (start) {
        const below = teamAreas.filter((id) => isUnder(byId.get(id)!, start.id));
        if (below.length) return pick(below, key);
      }
      return pick(anyAreas, key);
    },
  };
}

export function planFleet(opts: FleetOptions): FleetPlan {
  const { seed } = opts;
  const wanted = (p: string): p is SimProtocol => (p === 'osmand' || p === 'jt808') && (opts.protocol === 'both' || opts.protocol === p);
  const areas = areaResolver(opts.areas, seed);
  const skipped: FleetPlan['skipped'] = [];
  const devices: SimDevice[] = [];

  const registered = [...opts.registered].sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  for (const r of registered) {
    if (!wanted(r.protocol)) {
      skipped.push({ identifier: r.identifier, reason: `protocol ${r.protocol} not simulated` });
      continue;
    }
    if (r.protocol === 'jt808' && headerPhone(r.identifier, '2019') === null) {
      skipped.push({ identifier: r.identifier, reason: 'terminal number is not 1–20 digits' });
      continue;
    }
    const kind = normaliseKind(r.kind, r.protocol);
    const dseed = seedFrom(seed, 'device', r.protocol, r.identifier);
    devices.push({ identifier: r.identifier, protocol: r.protocol, kind, mode: modeFor(kind, dseed), areaId: areas.areaFor(r.orgUnitId, r.identifier), registered: true, seed: dseed });
  }
  const count = opts.count ?? devices.length;
  if (count < devices.length) devices.length = count;

  let nOsm = 0;
  let n808 = 0;
  for (let k = 0; devices.length < count; k++) {
    let protocol: SimProtocol;
    let kind: SimDevice['kind'];
    if (opts.protocol === 'osmand') [protocol, kind] = ['osmand', 'phone'];
    else if (opts.protocol === 'jt808') [protocol, kind] = ['jt808', k % 3 === 2 ? 'body_camera' : 'vehicle_terminal'];
    else {
      const slot = k % 5;
      [protocol, kind] = slot < 3 ? ['osmand', 'phone'] : slot === 3 ? ['jt808', 'vehicle_terminal'] : ['jt808', 'body_camera'];
    }
    const identifier = protocol === 'osmand' ? extraOsmAndId(++nOsm) : String(EXTRA_808_BASE + n808++);
    const dseed = seedFrom(seed, 'device', protocol, identifier);
    const areaId = areas.teamAreas.length ? areas.teamAreas[k % areas.teamAreas.length]! : null;
    devices.push({ identifier, protocol, kind, mode: modeFor(kind, dseed), areaId, registered: false, seed: dseed });
  }

  // Header versions: every 808 terminal whose number needs more than 12 digits, plus an evenly spread share.
  const f = Math.min(1, Math.max(0, opts.fraction2019));
  let j = 0;
  for (const d of devices) {
    if (d.protocol !== 'jt808') continue;
    const spread = Math.floor((j + 1) * f) > Math.floor(j * f);
    j++;
    const version: '2013' | '2019' = spread || headerPhone(d.identifier, '2013') === null ? '2019' : '2013';
    d.jt808 = { version, phone: headerPhone(d.identifier, version)! };
  }
  return { devices, skipped };
}
