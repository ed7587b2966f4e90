import path from 'node:path';
import crypto from 'node:crypto';

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
    sessionTtlHours: intVar(env, 'GUIFAN_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    logLevel,
    webDistDir: path.resolve(cwd, env.GUIFAN_WEB_DIST ?? 'web/dist'),
    bodyLimitBytes: intVar(env, 'GUIFAN_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    tileUrl: env.GUIFAN_TILE_URL || null,
    tileAttribution: env.GUIFAN_TILE_ATTRIBUTION || null,
    tileCrs: tileCrs(env.GUIFAN_TILE_CRS),
  };
}

function tileCrs(v: string | undefined): 'wgs84' | 'gcj02' {
  if (v === undefined || v === '' || v === 'wgs84') return 'wgs84';
  if (v === 'gcj02') return 'gcj02';
  throw new ConfigError(`GUIFAN_TILE_CRS must be wgs84 or gcj02, got "${v}"`);
}

export function randomPassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}
