import crypto from 'node:crypto';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { TrackingConfig } from '../../config';
import { classifyFix, type FixFlag } from './domain/osmand/filters';
import type { PositionFix } from './domain/osmand/osmand';
import type { Location } from './domain/jt808/types';
import { bitsToFlags, flagsToBits } from './domain/position-flags';
import { normalizeOsmAndId, normalizeTerminalNo } from './domain/identifiers';
import { PositionWriter, type PositionRow } from './tracking.writer';
import type { LiveHub } from './tracking.live';
import { trackingRepository as repo } from './tracking.repository';

export type Protocol = 'osmand' | 'jt808';

/** What ingestion needs to know about a device, cached in memory. */
export interface DeviceState {
  id: string;
  protocol: Protocol;
  identifier: string;
  status: 'active' | 'unassigned' | 'disabled';
  orgUnitId: string | null;
  orgPath: string | null;
  authCode: string | null;
  /** Last clean fix: the reference for the jump / duplicate filters. */
  ref: { time: Date; lat: number; lon: number; valid: boolean; accuracyM: number | null } | null;
  lastSeenMs: number;
  online: boolean;
  /** Fix time of the device's last position (what the device list shows), ms; null before the first usable fix. */
  lastFixMs: number | null;
}

export class IngestRefused extends Error {
  constructor(
    readonly reason: 'unknown_device' | 'disabled_device' | 'autoregister_limit',
    message: string,
  ) {
    super(message);
  }
}

/** What a gateway knows of an unknown device, for auto-registration. */
export interface DeviceHint {
  name?: string;
  kind?: string;
  /** Network address it came from: auto-registration is limited per address (AutoregisterLimiter). */
  source?: string;
}

export interface Ingest {
  /** Resolve a device by protocol identifier; creates an unassigned one when auto-registration is on (and within its limits). */
  resolveDevice(protocol: Protocol, rawIdentifier: string, hint?: DeviceHint): Promise<DeviceState>;
  /** Store OsmAnd fixes of one request; resolves after commit. */
  ingestOsmAnd(fixes: readonly PositionFix[]): Promise<void>;
  /** Store JT/T 808 locations of one authenticated device; resolves after commit. */
  ingestJt808(device: DeviceState, locations: readonly Location[]): Promise<void>;
  /** A report without a position (heartbeat) still proves the device is alive. */
  markSeen(device: DeviceState): void;
  /**
   * Give a device its JT/T 808 authentication code if it has none (atomically: of two connections racing, one wins).
   * False when the device already has a code: a registered terminal keeps its code until an administrator resets it.
   */
  claimAuthCode(device: DeviceState, code: string): Promise<boolean>;
  /** Forget cached devices after a registry change. */
  invalidate(deviceId?: string): void;
  isOnline(lastSeenAt: Date | null): boolean;
  /** Save the device state (last position, last seen) now instead of at the next second. */
  saveState(): Promise<void>;
  readonly writer: PositionWriter;
  close(): Promise<void>;
}

export interface IngestDeps {
  database: Database;
  clock: Clock;
  config: TrackingConfig;
  live: LiveHub;
  log: { debug(obj: object, msg?: string): void; info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

const NEGATIVE_TTL_MS = 30_000;
/** Warn lines of one kind (unknown device, auto-registration refused) at most once per this interval, with a count. */
const WARN_INTERVAL_MS = 10_000;

/**
 * Limits of auto-registration: per source address in a sliding hour, and in total in a sliding day. A fuzzed or
 * hostile stream of made-up terminal numbers must not fill the device registry (1,532 devices from one fuzz run).
 * Pure: `now` is passed in. Windows are fixed-start (the first registration opens the window), bounded in memory.
 */
export class AutoregisterLimiter {
  private readonly perSource = new Map<string, { start: number; n: number }>();
  private day = { start: -Infinity, n: 0 };
  constructor(
    readonly perSourcePerHour: number,
    readonly perDay: number,
  ) {}

  /** null when one more device may be created now (and counts it), else why not. */
  take(source: string | undefined, now: number): string | null {
    if (now - this.day.start >= 86_400_000) this.day = { start: now, n: 0 };
    if (this.day.n >= this.perDay) return `${this.perDay} devices auto-registered within a day (GUIFAN_DEVICE_AUTOREGISTER_PER_DAY)`;
    if (source !== undefined) {
      let s = this.perSource.get(source);
      if (!s || now - s.start >= 3_600_000) {
        if (this.perSource.size >= 10_000) {
          for (const [k, v] of this.perSource) if (now - v.start >= 3_600_000) this.perSource.delete(k);
          if (this.perSource.size >= 10_000) this.perSource.clear(); // still full: forget rather than grow
        }
        s = { start: now, n: 0 };
        this.perSource.set(source, s);
      }
      if (s.n >= this.perSourcePerHour) return `${this.perSourcePerHour} devices auto-registered from ${source} within an hour (GUIFAN_DEVICE_AUTOREGISTER_PER_ADDRESS_HOUR)`;
      s.n++;
    }
    this.day.n++;
    return null;
  }
}

/** At most one line per interval; the lines held back are counted and reported with the next one. */
export class WarnLimiter {
  private last = -Infinity;
  private held = 0;
  constructor(readonly intervalMs: number) {}
  /** The number of lines held back since the last one, when this line may be written; null when it is held back. */
  take(now: number): number | null {
    if (now - this.last < this.intervalMs) {
      this.held++;
      return null;
    }
    this.last = now;
    const n = this.held;
    this.held = 0;
    return n;
  }
}

/** True when the object has an own key (without building the key array, once per report). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

export function createIngest(deps: IngestDeps): Ingest {
  const { database, clock, config, live, log } = deps;
  // Per protocol, keyed by the normalized identifier (no key string built per report).
  const devices: Record<Protocol, Map<string, DeviceState>> = { osmand: new Map(), jt808: new Map() };
  const byId = new Map<string, DeviceState>();
  const unknown = new Map<string, number>(); // key → refused until (ms)
  const loading = new Map<string, Promise<DeviceState | null>>();
  const seenDirty = new Map<string, Date>();
  const offlineAfterMs = config.offlineAfterMinutes * 60_000;
  const limiter = new AutoregisterLimiter(config.autoregisterPerAddressPerHour, config.autoregisterPerDay);
  const unknownWarn = new WarnLimiter(WARN_INTERVAL_MS);
  const limitWarn = new WarnLimiter(WARN_INTERVAL_MS);

  /** Committed rows whose device state (last seen, last position) is not saved yet: saved once a second. */
  let lastDirty: PositionRow[] = [];
  const writer = new PositionWriter(database, {
    flushMs: config.flushMs,
    batchRows: config.batchRows,
    updateLastPositions: false,
    onCommitted: (rows) => {
      for (const r of rows) lastDirty.push(r);
      for (const r of rows) {
        // The reason is stored with each position; the log line helps whoever watches a device misbehave.
        if (r.flags !== 0) log.debug({ deviceId: r.deviceId, fixTime: r.fixTime, flags: bitsToFlags(r.flags) }, 'tracking: position flagged');
      }
      for (const r of rows) {
        const d = byId.get(r.deviceId);
        if (!d) continue;
        // The one rule for "the device's last position", decided here and sent with the event so that the live
        // map never decides it again: a usable fix (usable()) not older than the current last one. The same test
        // as the writer's UPDATE of tracking_device.last_* (v.fix_time >= d.last_fix_time), so the live marker and
        // the device list agree.
        const isLast = r.usableForLast && (d.lastFixMs === null || r.fixTime.getTime() >= d.lastFixMs);
        if (isLast) d.lastFixMs = r.fixTime.getTime();
        if (!d.orgPath || !live.wants(d.orgPath)) continue;
        live.publish(d.orgPath, 'position', {
          deviceId: r.deviceId,
          time: r.fixTime.toISOString(),
          lat: r.lat,
          lon: r.lon,
          speedKmh: r.speedKmh,
          course: r.course,
          flags: bitsToFlags(r.flags),
          isLast,
        });
      }
    },
    onError: (err, n) => log.error({ err, rows: n }, 'tracking: writing positions failed; devices are not acknowledged and will resend'),
  });

  const key = (p: Protocol, id: string) => `${p}:${id}`;
  const normalize = (p: Protocol, raw: string) => (p === 'jt808' ? normalizeTerminalNo(raw) : normalizeOsmAndId(raw));

  async function load(protocol: Protocol, identifier: string): Promise<DeviceState | null> {
    const r = await repo.ingestState(database.db, protocol, identifier);
    if (!r) return null;
    const lastSeen = r.last_seen_at ? new Date(r.last_seen_at).getTime() : 0;
    const state: DeviceState = {
      id: r.id,
      protocol,
      identifier,
      status: r.status,
      orgUnitId: r.org_unit_id,
      orgPath: r.path,
      authCode: r.auth_code,
      ref: r.last_fix_time && r.last_lat !== null && r.last_lon !== null ? { time: new Date(r.last_fix_time), lat: r.last_lat, lon: r.last_lon, valid: true, accuracyM: null } : null,
      lastSeenMs: lastSeen,
      online: clock.now().getTime() - lastSeen < offlineAfterMs,
      lastFixMs: r.last_fix_time ? new Date(r.last_fix_time).getTime() : null,
    };
    return state;
  }

  async function autoregister(protocol: Protocol, identifier: string, hint?: DeviceHint): Promise<DeviceState | null> {
    const refused = limiter.take(hint?.source, Date.now());
    if (refused) {
      const held = limitWarn.take(Date.now());
      if (held !== null) log.warn({ protocol, identifier, source: hint?.source, limit: refused, heldBack: held }, `tracking: auto-registration refused: limit reached (${refused})`);
      throw new IngestRefused('autoregister_limit', `auto-registration of ${identifier} refused: ${refused}`);
    }
    const now = clock.now();
    const id = crypto.randomUUID();
    const kind = hint?.kind ?? (protocol === 'osmand' ? 'phone' : 'vehicle_terminal');
    const name = hint?.name?.trim() || identifier;
    // ON CONFLICT: two connections of the same new terminal race; the second one loads the first one's row.
    await repo.insertUnassignedDevice(database.db, { id, identifier, protocol, kind, name, at: now });
    log.info({ protocol, identifier, source: hint?.source }, 'tracking: unknown device auto-registered as unassigned');
    return load(protocol, identifier);
  }

  function refuseUnknown(k: string): void {
    unknown.set(k, Date.now() + NEGATIVE_TTL_MS);
    if (unknown.size > 10_000) unknown.clear(); // bounded under a flood of made-up ids
  }

  /**
   * The cached device, without a promise: the OsmAnd path asks once per report, and almost always the device is
   * known. Undefined when it is not cached (resolveDevice loads it); throws for a disabled one, as resolveDevice.
   */
  function cachedDevice(protocol: Protocol, rawIdentifier: string): DeviceState | undefined {
    const d = devices[protocol].get(normalize(protocol, rawIdentifier));
    if (d?.status === 'disabled') throw new IngestRefused('disabled_device', `device ${d.identifier} is disabled`);
    return d;
  }

  async function resolveDevice(protocol: Protocol, rawIdentifier: string, hint?: DeviceHint): Promise<DeviceState> {
    const identifier = normalize(protocol, rawIdentifier);
    const k = key(protocol, identifier);
    let d = devices[protocol].get(identifier);
    if (!d) {
      const refusedUntil = unknown.get(k);
      if (refusedUntil !== undefined && refusedUntil > Date.now()) throw new IngestRefused('unknown_device', `unknown device ${identifier}`);
      let p = loading.get(k);
      if (!p) {
        p = load(protocol, identifier).then((s) => (s || !config.autoregister ? s : autoregister(protocol, identifier, hint)));
        loading.set(k, p);
        void p.finally(() => loading.delete(k)).catch(() => undefined);
      }
      let s: DeviceState | null;
      try {
        s = await p;
      } catch (err) {
        if (err instanceof IngestRefused) refuseUnknown(k); // the limit holds for a while: no query per frame
        throw err;
      }
      if (!s) {
        refuseUnknown(k);
        // One line per interval whatever the flood of made-up ids (the log grew 1.2 GB in one fuzz run).
        const held = unknownWarn.take(Date.now());
        if (held !== null) log.warn({ protocol, identifier, heldBack: held }, 'tracking: report from an unknown device refused (enable GUIFAN_DEVICE_AUTOREGISTER to accept it as unassigned)');
        throw new IngestRefused('unknown_device', `unknown device ${identifier}`);
      }
      d = devices[protocol].get(identifier) ?? s;
      devices[protocol].set(identifier, d);
      byId.set(d.id, d);
    }
    if (d.status === 'disabled') throw new IngestRefused('disabled_device', `device ${identifier} is disabled`);
    return d;
  }

  function touch(d: DeviceState, at: Date): void {
    d.lastSeenMs = at.getTime();
    if (!d.online) {
      d.online = true;
      if (d.orgPath) live.publish(d.orgPath, 'status', { deviceId: d.id, online: true, lastSeenAt: at.toISOString() });
    }
  }

  function classify(d: DeviceState, fix: { time: Date; lat: number; lon: number; valid: boolean; accuracyM: number | null }, now: Date): FixFlag[] {
    const { flags } = classifyFix(fix, d.ref, now);
    // Only clean fixes move the reference, so one jump does not make the next good fix a "jump" back.
    if (flags.length === 0 || (flags.length === 1 && flags[0] === 'low_accuracy')) d.ref = fix;
    return flags;
  }

  function usable(flags: readonly FixFlag[]): boolean {
    for (const f of flags) if (f === 'not_located' || f === 'zero_coords' || f === 'future' || f === 'jump') return false;
    return true;
  }

  /**
   * Resolves after the commit with the promise of the whole batch, shared by every request in it (no promise or
   * closure of its own per request: see PositionWriter). Flagged positions are logged when their batch commits.
   */
  function store(rows: PositionRow[]): Promise<void> {
    return writer.write(rows);
  }

  /** The rows of one OsmAnd request whose devices are resolved (`devs[i]` is the device of `fixes[i]`), stored. */
  function storeOsmAnd(fixes: readonly PositionFix[], devs: readonly DeviceState[]): Promise<void> {
    const now = clock.now();
    const rows: PositionRow[] = [];
    for (let i = 0; i < fixes.length; i++) {
      const fix = fixes[i] as PositionFix;
      const d = devs[i] as DeviceState;
      const flags = classify(d, fix, now);
      touch(d, now);
      rows.push({
        deviceId: d.id,
        fixTime: fix.time,
        receivedAt: now,
        lat: fix.lat,
        lon: fix.lon,
        altitude: fix.altitude,
        speedKmh: fix.speedKmh,
        course: fix.course,
        accuracyM: fix.accuracyM,
        battery: fix.battery,
        valid: fix.valid,
        flags: flagsToBits(flags),
        source: 1,
        alarm: null,
        status: null,
        attributes: hasKeys(fix.attributes) ? fix.attributes : null,
        usableForLast: usable(flags),
      });
    }
    return store(rows);
  }

  async function resolveThenStoreOsmAnd(fixes: readonly PositionFix[]): Promise<void> {
    const devs: DeviceState[] = [];
    for (const fix of fixes) devs.push(await resolveDevice('osmand', fix.deviceKey));
    return storeOsmAnd(fixes, devs);
  }

  let savingLast: Promise<unknown> = Promise.resolve();
  /** Device state off the acknowledgement path: last position and last seen of the rows committed since. */
  function saveLastPositions(): Promise<unknown> {
    if (!lastDirty.length) return savingLast;
    const rows = lastDirty;
    lastDirty = [];
    savingLast = savingLast
      .then(() => writer.saveLastPositions(rows))
      .catch((err: unknown) => log.error({ err }, 'tracking: saving last positions failed'));
    return savingLast;
  }

  const seenTimer = setInterval(() => {
    void saveLastPositions();
    // Heartbeat-only devices: persist last_seen_at every few seconds rather than per heartbeat.
    if (seenDirty.size) {
      const ids = [...seenDirty.keys()];
      const at = ids.map((id) => (seenDirty.get(id) as Date).toISOString());
      seenDirty.clear();
      void repo
        .saveLastSeen(database.db, ids, at)
        .catch((err: unknown) => log.error({ err }, 'tracking: saving last-seen times failed'));
    }
    // Online → offline transitions for the live map.
    const nowMs = clock.now().getTime();
    for (const d of byId.values()) {
      if (d.online && nowMs - d.lastSeenMs >= offlineAfterMs) {
        d.online = false;
        if (d.orgPath) live.publish(d.orgPath, 'status', { deviceId: d.id, online: false, lastSeenAt: d.lastSeenMs ? new Date(d.lastSeenMs).toISOString() : null });
      }
    }
  }, 1_000);
  seenTimer.unref();

  return {
    writer,
    resolveDevice,
    ingestOsmAnd(fixes) {
      // Nearly always every device is cached: then no promise but the write's (one report per request, thousands
      // of requests a second). Otherwise the devices are loaded (or refused) first, then the rows are built.
      const devs: DeviceState[] = [];
      try {
        for (const fix of fixes) {
          const d = cachedDevice('osmand', fix.deviceKey);
          if (!d) return resolveThenStoreOsmAnd(fixes);
          devs.push(d);
        }
      } catch (err) {
        return Promise.reject(err);
      }
      return storeOsmAnd(fixes, devs);
    },
    async ingestJt808(d, locations) {
      const now = clock.now();
      const rows: PositionRow[] = [];
      for (const l of locations) {
        const fix = { time: l.time, lat: l.lat, lon: l.lon, valid: l.located, accuracyM: null };
        const flags = classify(d, fix, now);
        const { raw, ...known } = l.extras;
        const attributes: Record<string, unknown> = { ...known };
        if (raw.length) attributes.tlv = raw;
        rows.push({
          deviceId: d.id,
          fixTime: l.time,
          receivedAt: now,
          lat: l.lat,
          lon: l.lon,
          altitude: l.altitude,
          speedKmh: l.speedKmh,
          course: l.course,
          accuracyM: null,
          battery: null,
          valid: l.located,
          flags: flagsToBits(flags),
          source: 2,
          alarm: l.alarm,
          status: l.status,
          attributes: Object.keys(attributes).length ? attributes : null,
          usableForLast: usable(flags),
        });
      }
      touch(d, now);
      return store(rows);
    },
    markSeen(d) {
      const now = clock.now();
      touch(d, now);
      seenDirty.set(d.id, now);
    },
    async claimAuthCode(d, code) {
      if (!(await repo.claimAuthCode(database.db, d.id, code))) {
        // Someone else's code won (or an administrator's change we have not seen): read it back, never overwrite.
        const fresh = await load(d.protocol, d.identifier);
        d.authCode = fresh?.authCode ?? d.authCode;
        return false;
      }
      d.authCode = code;
      return true;
    },
    invalidate(deviceId) {
      unknown.clear();
      if (deviceId === undefined) {
        devices.osmand.clear();
        devices.jt808.clear();
        byId.clear();
        return;
      }
      const d = byId.get(deviceId);
      if (d) {
        devices[d.protocol].delete(d.identifier);
        byId.delete(deviceId);
      }
    },
    isOnline(lastSeenAt) {
      return lastSeenAt !== null && clock.now().getTime() - lastSeenAt.getTime() < offlineAfterMs;
    },
    async saveState() {
      await saveLastPositions();
    },
    async close() {
      clearInterval(seenTimer);
      await writer.close();
      await saveLastPositions();
    },
  };
}
