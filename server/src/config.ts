import path from 'node:path';
import crypto from 'node:crypto';
import net from 'node:net';

/**
 * The only reader of process.env. Every setting the product understands is listed here,
 * validated once at start, and passed down explicitly.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When set, PostgreSQL via node-postgres; otherwise embedded PGlite under dataDir/pglite. */
  databaseUrl: string | undefined;
  /** Initial password of user `admin` on first start; when unset a random one is generated and printed once. */
  adminPassword: string | undefined;
  /** Cookie `Secure` flag: on when served behind HTTPS. */
  secureCookies: boolean;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); empty = none. The client address
   * is the last one in the chain that is not a trusted proxy, so a client cannot pick its address by sending the
   * header itself (that would walk around the per-address sign-in limits).
   */
  trustedProxies: string[];
  sessionTtlHours: number;
  logLevel: string;
  /** Directory with the built web app (served at /). */
  webDistDir: string;
  bodyLimitBytes: number;
  /** Basemap tiles (Tianditu, AMap …); none by default: maps draw on a plain background. */
  tileUrl: string | null;
  tileAttribution: string | null;
  /** CRS of the basemap: GCJ-02 basemaps (AMap) need display-time conversion of stored WGS-84. */
  tileCrs: 'wgs84' | 'gcj02';
  /** Open311 GeoReport v2 `jurisdiction_id` this server answers for (the spec suggests the city's website root). */
  open311JurisdictionId: string;
  tracking: TrackingConfig;
}

/** 执法轨迹 settings: device gateways, ingest batching, retention. */
export interface TrackingConfig {
  /** OsmAnd / Traccar Client HTTP port; null = off (the same protocol is always served at /api/tracking/osmand). */
  osmandPort: number | null;
  /** JT/T 808 TCP gateway port; null = off. */
  jt808Port: number | null;
  /** Accept unknown devices into the "unassigned" list instead of refusing them. */
  autoregister: boolean;
  /** Auto-registrations from one network address within an hour, at most (JT/T 808: per terminal's address). */
  autoregisterPerAddressPerHour: number;
  /** Auto-registrations within a day, at most, whatever their source. */
  autoregisterPerDay: number;
  /** A batch of positions is committed at most this long after its first position arrived. */
  flushMs: number;
  /** …or as soon as it holds this many rows. */
  batchRows: number;
  /** Days of positions kept; older daily partitions are dropped. null = keep forever. */
  retentionDays: number | null;
  /** A device without a report for this long is shown offline. */
  offlineAfterMinutes: number;
  /** Offset east of UTC for OsmAnd date-times sent without a zone (Traccar Client sends unix time; some forks do not). */
  osmandNaiveOffsetMinutes: number;
  /** Most simultaneous JT/T 808 connections. */
  jt808MaxConnections: number;
}

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const logLevel = env.GUIFAN_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`GUIFAN_LOG_LEVEL must be one of fatal,error,warn,info,debug,trace,silent`);
  }
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.GUIFAN_DATA_DIR ?? './data'),
    databaseUrl,
    adminPassword: env.GUIFAN_ADMIN_PASSWORD || undefined,
    secureCookies: env.GUIFAN_SECURE_COOKIES === 'true',
    trustedProxies: trustedProxies(env.GUIFAN_TRUST_PROXY),
    sessionTtlHours: intVar(env, 'GUIFAN_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    logLevel,
    webDistDir: path.resolve(cwd, env.GUIFAN_WEB_DIST ?? 'web/dist'),
    bodyLimitBytes: intVar(env, 'GUIFAN_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    tileUrl: env.GUIFAN_TILE_URL || null,
    tileAttribution: env.GUIFAN_TILE_ATTRIBUTION || null,
    tileCrs: tileCrs(env.GUIFAN_TILE_CRS),
    open311JurisdictionId: env.GUIFAN_OPEN311_JURISDICTION?.trim() || 'guifan.local',
    tracking: {
      osmandPort: optionalPort(env, 'GUIFAN_OSMAND_PORT', 5055),
      jt808Port: optionalPort(env, 'GUIFAN_JT808_PORT', 5015),
      autoregister: boolVar(env, 'GUIFAN_DEVICE_AUTOREGISTER', false),
      autoregisterPerAddressPerHour: intVar(env, 'GUIFAN_DEVICE_AUTOREGISTER_PER_ADDRESS_HOUR', 10, 0, 1_000_000),
      autoregisterPerDay: intVar(env, 'GUIFAN_DEVICE_AUTOREGISTER_PER_DAY', 200, 0, 10_000_000),
      flushMs: intVar(env, 'GUIFAN_POSITION_FLUSH_MS', 100, 1, 1000),
      batchRows: intVar(env, 'GUIFAN_POSITION_BATCH_ROWS', 1000, 1, 1000),
      retentionDays: env.GUIFAN_POSITION_RETENTION_DAYS === '0' ? null : intVar(env, 'GUIFAN_POSITION_RETENTION_DAYS', 365, 0, 36500),
      offlineAfterMinutes: intVar(env, 'GUIFAN_DEVICE_OFFLINE_MINUTES', 5, 1, 24 * 60),
      osmandNaiveOffsetMinutes: intVar(env, 'GUIFAN_OSMAND_NAIVE_OFFSET_MINUTES', 480, -720, 840),
      jt808MaxConnections: intVar(env, 'GUIFAN_JT808_MAX_CONNECTIONS', 5000, 1, 100000),
    },
  };
}

/** A port, or null when set to "off"; 0 asks the OS for a free port (tests). */
function optionalPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number | null {
  if (env[name] === 'off') return null;
  return intVar(env, name, fallback, 0, 65535);
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** `false` (default): none; `true`: a proxy on this machine (loopback); otherwise a comma list of addresses or CIDRs. */
export function trustedProxies(v: string | undefined): string[] {
  if (v === undefined || v.trim() === '' || v === 'false') return [];
  if (v === 'true') return ['127.0.0.1', '::1'];
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, bits, extra] = entry.split('/');
    const kind = net.isIP(addr ?? '');
    const maxBits = kind === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!kind || !bitsOk || extra !== undefined) {
      throw new ConfigError(`GUIFAN_TRUST_PROXY must be false, true (loopback) or a comma list of proxy addresses or CIDR ranges, got "${entry}"`);
    }
  }
  return list;
}

function tileCrs(v: string | undefined): 'wgs84' | 'gcj02' {
  if (v === undefined || v === '' || v === 'wgs84') return 'wgs84';
  if (v === 'gcj02') return 'gcj02';
  throw new ConfigError(`GUIFAN_TILE_CRS must be wgs84 or gcj02, got "${v}"`);
}

export function randomPassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}
