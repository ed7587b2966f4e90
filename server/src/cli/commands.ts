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
import type { OptionSpec, ParsedOptions } from './args';

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

const ms = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

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
        const r = await seedDemo(database, systemClock, { adminPassword: config.adminPassword, blobs: createFsBlobStore(path.join(config.dataDir, 'evidence')) });
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
    summary: 'write the whole database to one file (gzip JSON lines)',
    options: { out: { type: 'string', required: true, value: 'FILE', description: 'file to write, e.g. guifan-2025-01-31.backup.gz' } },
    run: ({ config, opts, io }) =>
      withDatabase(config, async (database) => {
        const started = Date.now();
        io.err(`backup of the ${database.kind} database …`);
        const s = await createBackup(database, str(opts, 'out')!, { appVersion: appVersion(), onProgress: progressPrinter(io, 'saved'), onWarning: (m) => io.err(`warning: ${m}`) });
        io.out(`backup written: ${s.file} (${s.tables.length} tables, ${s.rows} rows, ${s.migrations} migrations, ${(s.bytes / 1024).toFixed(1)} KiB) in ${ms(started)}`);
        return 0;
      }),
  },

  restore: {
    summary: 'restore a backup file into a freshly migrated database (one transaction)',
    options: {
      in: { type: 'string', required: true, value: 'FILE', description: 'backup file made by `guifan backup`' },
      force: { type: 'boolean', description: 'replace all data the target already holds' },
    },
    run: ({ config, opts, io }) =>
      withDatabase(config, async (database) => {
        const started = Date.now();
        io.err(`restore into the ${database.kind} database …`);
        const r = await restoreBackup(database, str(opts, 'in')!, { force: opts.force === true, onProgress: progressPrinter(io, 'restored') });
        io.out(`restored ${r.tables} tables, ${r.rows} rows from a backup of ${r.header.createdAt} (${r.header.source.kind}, guifan ${r.header.appVersion}) in ${ms(started)}`);
        io.out(`audit chain: ${describeAudit(r.audit)}`);
        return r.audit.ok ? 0 : 1;
      }),
  },
};
