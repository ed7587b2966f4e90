import path from 'node:path';
import { createFsBlobStore } from '../platform/blob-store';
import fs from 'node:fs';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { randomPassword, type Config } from '../config';
import { migrationsFolder, type Database } from '../db/client';
import { openDatabase } from '../db/open';
import { systemClock } from '../platform/clock';
import { ROLES } from '../platform/permissions';
import { ensureAdmin } from '../bootstrap';
import { seedDemo, DEMO_PASSWORD } from '../seed/demo';
import { createIdentityService } from '../modules/identity';
import { verifyAuditChain, type VerifyResult } from '../modules/audit';
import { orgRepository } from '../modules/org';
import { appliedMigrations, createBackup, restoreBackup, type Progress } from '../backup';
import { formatStatus, formatSummary, runSimulation, SimulationError, type ProtocolChoice } from '../simulator';
import { UsageError, type OptionSpec, type ParsedOptions } from './args';

/** An expected failure (unknown user, database not migrated …): exit code 1, message only. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Io {
  /** Results, for the operator and for scripts. */
  out(line: string): void;
  /** Progress and warnings. */
  err(line: string): void;
}

export interface CommandContext {
  config: Config;
  opts: ParsedOptions;
  io: Io;
}

export interface Command {
  summary: string;
  options: Record<string, OptionSpec>;
  /** Returns the exit code. */
  run(ctx: CommandContext): Promise<number>;
}

const str = (o: ParsedOptions, k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Commands that work on app data need the schema of this release. */
async function requireCurrentSchema(database: Database): Promise<void> {
  const known = readMigrationFiles({ migrationsFolder });
  const applied = new Set((await appliedMigrations(database.db)).map((m) => m.hash));
  const pending = known.filter((m) => !applied.has(m.hash)).length;
  if (applied.size === 0) throw new CliError('the database has no schema yet: run `guifan migrate` first');
  if (pending) throw new CliError(`the database schema is not up to date (${pending} migration(s) pending): run \`guifan migrate\` first`);
}

function describeAudit(r: VerifyResult): string {
  if (r.ok) return `OK: ${r.checked} records, chain intact`;
  const b = r.firstBroken!;
  const detail = b.reason === 'sequence_gap' ? `sequence gap, expected seq ${b.expectedSeq}` : b.reason === 'prev_hash_mismatch' ? 'does not point back to the previous record' : 'record content does not match its hash';
  return `BROKEN at seq ${b.seq}: ${b.reason} (${detail}); ${r.checked} records before it verified`;
}

function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** Progress on stderr: a line per table, and for large tables at most one line a second. */
function progressPrinter(io: Io, verb: string): (p: Progress) => void {
  let last = Date.now();
  return (p) => {
    const now = Date.now();
    if (!p.done && now - last < 1000) return;
    last = now;
    const width = String(p.tableCount).length;
    const pos = `[${String(p.tableIndex).padStart(width)}/${p.tableCount}]`;
    io.err(p.done ? `  ${pos} ${p.table}: ${p.rows} rows ${verb}` : `  ${pos} ${p.table}: ${p.rows}/${p.tableRows} rows …`);
  };
}

/** A numeric option: undefined when absent, else a number in [min, max] (integer when asked). */
function numOpt(opts: ParsedOptions, name: string, min: number, max: number, integer = false): number | undefined {
  const raw = str(opts, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got "${raw}"`, 'simulate');
  }
  return n;
}

/** A port option: a number, or "off" (null). */
function portOpt(opts: ParsedOptions, name: string, fallback: number | null): number | null {
  if (str(opts, name) === 'off') return null;
  return numOpt(opts, name, 1, 65535, true) ?? fallback;
}

const ms = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The content-addressed store of evidence files and photos, where app.ts keeps it. */
const evidenceDir = (config: Config) => path.join(config.dataDir, 'evidence');

export const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'apply pending database migrations',
    options: {},
    run: ({ config, io }) =>
      withDatabase(config, async (database) => {
        const before = (await appliedMigrations(database.db)).length;
        await database.migrate();
        const after = (await appliedMigrations(database.db)).length;
        io.out(`migrations: ${after - before} applied, ${after} in total (${database.kind})`);
        return 0;
      }),
  },

  'seed-demo': {
    summary: 'migrate, then load the Nantong demo org units and users (idempotent)',
    options: {},
    run: ({ config, io }) =>
      withDatabase(config, async (database) => {
        await database.migrate();
        const admin = await ensureAdmin(database, systemClock, config.adminPassword);
        if (admin.generatedPassword) io.out(`created user "admin" with password: ${admin.generatedPassword}  (shown once; change it at first sign-in)`);
        const r = await seedDemo(database, systemClock, { adminPassword: config.adminPassword, blobs: createFsBlobStore(evidenceDir(config)) });
        if (r.seeded) io.out(`demo data seeded: ${r.units} org units, ${r.users} users (demo password "${DEMO_PASSWORD}")`);
        else io.out('demo data already present: nothing to do');
        return 0;
      }),
  },

  'create-user': {
    summary: 'create a user in an org unit (audited as the system)',
    options: {
      username: { type: 'string', required: true, value: 'U', description: 'login name (2-40 letters, digits, . _ -)' },
      name: { type: 'string', required: true, value: '显示名', description: 'display name' },
      role: { type: 'string', required: true, value: 'ROLE', description: `one of ${ROLES.join(', ')}` },
      unit: { type: 'string', required: true, value: 'UNIT_CODE', description: 'code of the org unit, e.g. NTCGJ' },
      password: { type: 'string', value: 'P', description: 'initial password; generated and printed once when omitted (then to be changed at first sign-in)' },
    },
    run: ({ config, opts, io }) =>
      withDatabase(config, async (database) => {
        await requireCurrentSchema(database);
        const role = str(opts, 'role')!;
        if (!(ROLES as readonly string[]).includes(role)) throw new CliError(`unknown role "${role}" (one of ${ROLES.join(', ')})`);
        const code = str(opts, 'unit')!;
        const unit = await orgRepository.findByCode(database.db, code);
        if (!unit) throw new CliError(`no org unit with code "${code}"`);
        const given = str(opts, 'password');
        const password = given ?? randomPassword();
        const identity = createIdentityService({ database, clock: systemClock, sessionTtlHours: config.sessionTtlHours });
        const user = await identity.createUser(
          null,
          { username: str(opts, 'username')!, displayName: str(opts, 'name')!, role, orgUnitId: unit.id, password },
          { mustChangePassword: given === undefined },
        );
        io.out(`created user "${user.username}" (${user.displayName}, ${user.role}) in ${unit.name} [${unit.code}], id ${user.id}`);
        if (given === undefined) io.out(`password: ${password}  (shown once; to be changed at first sign-in)`);
        return 0;
      }),
  },

  'reset-password': {
    summary: "set a user's password; they must change it at next sign-in (audited)",
    options: {
      username: { type: 'string', required: true, value: 'U', description: 'login name' },
      password: { type: 'string', value: 'P', description: 'new password; generated and printed once when omitted' },
    },
    run: ({ config, opts, io }) =>
      withDatabase(config, async (database) => {
        await requireCurrentSchema(database);
        const username = str(opts, 'username')!;
        const identity = createIdentityService({ database, clock: systemClock, sessionTtlHours: config.sessionTtlHours });
        const user = await identity.findUserByUsername(username);
        if (!user) throw new CliError(`no user "${username}"`);
        const given = str(opts, 'password');
        const password = given ?? randomPassword();
        await identity.resetPassword(null, user.id, password);
        io.out(`password of "${user.username}" reset; their sessions were ended and they must choose a new password at next sign-in`);
        if (given === undefined) io.out(`password: ${password}  (shown once)`);
        return 0;
      }),
  },

  'audit-verify': {
    summary: 'verify the hash chain of the audit trail (exit 1 when broken)',
    options: {},
    run: ({ config, io }) =>
      withDatabase(config, async (database) => {
        await requireCurrentSchema(database);
        const r = await verifyAuditChain(database);
        io.out(describeAudit(r));
        return r.ok ? 0 : 1;
      }),
  },

  backup: {
    summary: 'write the whole database and every evidence/photo file to one file (gzip)',
    options: { out: { type: 'string', required: true, value: 'FILE', description: 'file to write, e.g. guifan-2025-01-31.backup.gz' } },
    run: ({ config, opts, io }) =>
      withDatabase(config, async (database) => {
        const started = Date.now();
        const blobDir = evidenceDir(config);
        io.err(`backup of the ${database.kind} database and the files in ${blobDir} …`);
        const s = await createBackup(database, str(opts, 'out')!, { appVersion: appVersion(), blobDir, onProgress: progressPrinter(io, 'saved'), onWarning: (m) => io.err(`warning: ${m}`) });
        io.out(
          `backup written: ${s.file} (${s.tables.length} tables, ${s.rows} rows, ${s.migrations} migrations, ${s.blobs} files of ${mib(s.blobBytes)}; ` +
            `${mib(s.bytes)} in all) in ${ms(started)}`,
        );
        // The backup is still written (it holds everything that can be saved), but the operator must know it is not whole.
        if (s.corruptBlobs.length || s.missingBlobs.length) {
          io.out(`incomplete: ${s.missingBlobs.length} file(s) the database refers to are missing and ${s.corruptBlobs.length} are damaged in ${blobDir} (see the warnings above)`);
          return 1;
        }
        return 0;
      }),
  },

  restore: {
    summary: 'restore a backup file (database and files) into a new data dir or an empty database',
    options: {
      in: { type: 'string', required: true, value: 'FILE', description: 'backup file made by `guifan backup`' },
      force: { type: 'boolean', description: 'replace all data the target already holds' },
    },
    run: ({ config, opts, io }) =>
      withDatabase(config, async (database) => {
        const started = Date.now();
        const blobDir = evidenceDir(config);
        io.err(`restore into the ${database.kind} database and ${blobDir} …`);
        const r = await restoreBackup(database, str(opts, 'in')!, { blobDir, force: opts.force === true, onProgress: progressPrinter(io, 'restored'), onWarning: (m) => io.err(`warning: ${m}`) });
        if (r.migrated) io.out('the target had no schema: migrated it first');
        io.out(
          `restored ${r.tables} tables, ${r.rows} rows and ${r.blobs} files (${mib(r.blobBytes)}) from a backup of ${r.header.createdAt} ` +
            `(${r.header.source.kind}, guifan ${r.header.appVersion}, format ${r.header.formatVersion}) in ${ms(started)}`,
        );
        io.out(`audit chain: ${describeAudit(r.audit)}`);
        return r.audit.ok ? 0 : 1;
      }),
  },

  simulate: {
    summary: 'drive simulated phones (OsmAnd HTTP) and terminals (JT/T 808 TCP) against a running server',
    options: {
      server: { type: 'string', value: 'URL', description: 'API of the running server (default http://127.0.0.1:3000)' },
      host: { type: 'string', value: 'HOST', description: 'host of the device ports (default: the host of --server)' },
      'osmand-port': { type: 'string', value: 'PORT', description: 'OsmAnd HTTP port (default $GUIFAN_OSMAND_PORT or 5055); "off" = the API\'s /api/tracking/osmand' },
      'jt808-port': { type: 'string', value: 'PORT', description: 'JT/T 808 TCP port (default $GUIFAN_JT808_PORT or 5015)' },
      devices: { type: 'string', value: 'N', description: 'devices to drive (default: every active registered one); beyond those: sim-<n> / 0199… (server needs GUIFAN_DEVICE_AUTOREGISTER=true)' },
      protocol: { type: 'string', value: 'P', description: 'osmand | jt808 | both (default both: phones over OsmAnd, vehicles and body cameras over 808)' },
      interval: { type: 'string', value: 'S', description: 'seconds of simulated time between two positions of a device (default 10)' },
      duration: { type: 'string', value: 'S', description: 'seconds to run (default: until Ctrl-C)' },
      speedup: { type: 'string', value: 'F', description: 'simulated time runs F× faster, starting in the past so fixes never lie in the future (default 1)' },
      username: { type: 'string', value: 'U', description: 'account that reads the devices and areas (default admin)' },
      password: { type: 'string', value: 'P', description: 'its password (default $GUIFAN_ADMIN_PASSWORD)' },
      seed: { type: 'string', value: 'N', description: 'seed of routes and device mix (default 1): same seed, same patrols' },
      'jt808-2019': { type: 'string', value: 'FRACTION', description: 'share of 808 terminals using 2019 headers (default 0.25)' },
      'osmand-method': { type: 'string', value: 'M', description: 'post (Traccar Client, default) or get' },
      'auth-codes': { type: 'string', value: 'FILE', description: 'where the JT/T 808 terminals keep their auth codes between runs (default <data dir>/simulator/jt808-auth-codes.json)' },
    },
    run: async ({ config, opts, io }) => {
      const protocol = str(opts, 'protocol') ?? 'both';
      if (!['osmand', 'jt808', 'both'].includes(protocol)) throw new UsageError(`--protocol must be osmand, jt808 or both, got "${protocol}"`, 'simulate');
      const method = str(opts, 'osmand-method') ?? 'post';
      if (method !== 'get' && method !== 'post') throw new UsageError(`--osmand-method must be get or post, got "${method}"`, 'simulate');
      const jt808Port = portOpt(opts, 'jt808-port', config.tracking.jt808Port ?? 5015);
      if (jt808Port === null) throw new UsageError('--jt808-port cannot be off (use --protocol osmand)', 'simulate');
      const controller = new AbortController();
      let interrupts = 0;
      const onSigint = () => {
        interrupts++;
        if (interrupts === 1) {
          io.err('stopping: waiting for the outstanding acks (Ctrl-C again to quit at once) …');
          controller.abort();
        } else process.exit(130);
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      try {
        const stats = await runSimulation({
          server: str(opts, 'server') ?? 'http://127.0.0.1:3000',
          ...(str(opts, 'host') ? { host: str(opts, 'host')! } : {}),
          osmandPort: portOpt(opts, 'osmand-port', config.tracking.osmandPort ?? 5055),
          jt808Port,
          ...(opts.devices !== undefined ? { devices: numOpt(opts, 'devices', 1, 100_000, true)! } : {}),
          protocol: protocol as ProtocolChoice,
          intervalS: numOpt(opts, 'interval', 1, 86_400) ?? 10,
          ...(opts.duration !== undefined ? { durationS: numOpt(opts, 'duration', 1, 30 * 86_400)! } : {}),
          speedup: numOpt(opts, 'speedup', 1, 10_000) ?? 1,
          username: str(opts, 'username') ?? 'admin',
          ...((str(opts, 'password') ?? config.adminPassword) ? { password: (str(opts, 'password') ?? config.adminPassword)! } : {}),
          seed: numOpt(opts, 'seed', 0, 2 ** 32 - 1, true) ?? 1,
          fraction2019: numOpt(opts, 'jt808-2019', 0, 1) ?? 0.25,
          osmandMethod: method,
          authCodesFile: path.resolve(str(opts, 'auth-codes') ?? path.join(config.dataDir, 'simulator', 'jt808-auth-codes.json')),
          signal: controller.signal,
          onStatus: (s) => io.err(formatStatus(s)),
          onLog: (line) => io.err(line),
        });
        for (const line of formatSummary(stats)) io.out(line);
        return stats.ok ? 0 : 1;
      } catch (e) {
        if (e instanceof SimulationError) throw new CliError(e.message);
        throw e;
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
    },
  },
};
