import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDatabase } from '../src/db/client';
import { systemClock } from '../src/platform/clock';

/**
 * The CLI as an operator runs it: a child process on a temp data dir (embedded PGlite), checked by
 * exit code and output. Each spawn that opens PGlite costs 1-2 s, so the journey is one sequence.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-cli-test-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const ADMIN_PASSWORD = 'cli-admin-pass-1';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { bin?: boolean; cwd?: string; dataDir?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, GUIFAN_DATA_DIR: opts.dataDir ?? dataDir, GUIFAN_ADMIN_PASSWORD: ADMIN_PASSWORD };
  delete env.DATABASE_URL;
  const argv = opts.bin ? [path.join(root, 'bin/guifan.mjs'), ...args] : ['--import', 'tsx', path.join(root, 'server/src/cli.ts'), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: opts.cwd ?? root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Signs in on the CLI's database in-process (the CLI must not be running: PGlite is single-process). */
async function login(username: string, password: string): Promise<{ status: number; mustChangePassword?: boolean }> {
  const database = await createDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  const app = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent' }, database, clock: systemClock, logger: false });
  try {
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username, password }, remoteAddress: '10.66.0.1' });
    const body = res.json<{ user?: { mustChangePassword?: boolean } }>();
    return { status: res.statusCode, ...(body.user ? { mustChangePassword: body.user.mustChangePassword } : {}) };
  } finally {
    await app.close();
    await database.close();
  }
}

describe('guifan CLI', () => {
  test('help through the bin launcher, from another directory', async () => {
    const r = await run(['help'], { bin: true, cwd: os.tmpdir() });
    assert.equal(r.code, 0, r.stderr);
    for (const c of ['migrate', 'seed-demo', 'create-user', 'reset-password', 'audit-verify', 'backup', 'restore']) assert.match(r.stdout, new RegExp(`^  ${c} +\\S`, 'm'));
  });

  test('usage errors exit 2 with a message and the usage line', async () => {
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const missing = await run(['create-user', '--username', 'x', '--role', 'officer']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /guifan create-user: missing --name\nusage: guifan create-user --username U --name 显示名 --role ROLE --unit UNIT_CODE \[--password P\]/);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
  });

  test('migrate, then seed-demo (idempotent state)', async () => {
    const m = await run(['migrate']);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /migrations: \d+ applied, \d+ in total \(pglite\)/);
    const s = await run(['seed-demo']);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /demo data seeded: \d+ org units, \d+ users/);
  });

  let generated = '';
  test('create-user with a generated password, printed once; the user can sign in', async () => {
    const r = await run(['create-user', '--username', 'li.si', '--name', '李四', '--role', 'officer', '--unit', '320602001']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created user "li\.si" \(李四, officer\) in .+ \[320602001\]/);
    generated = /password: (\S+)/.exec(r.stdout)?.[1] ?? '';
    assert.ok(generated.length >= 12);
    assert.deepEqual(await login('li.si', generated), { status: 200, mustChangePassword: true });
  });

  test('reset-password: unknown user exits 1 with a message; a known one gets the new password', async () => {
    const unknown = await run(['reset-password', '--username', 'nobody.here']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.trim(), 'guifan reset-password: no user "nobody.here"');
    const r = await run(['reset-password', '--username', 'li.si', '--password', 'Neues-Passwort-2025']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Neues-Passwort-2025/, 'a given password is not echoed');
    assert.equal((await login('li.si', generated)).status, 401);
    assert.deepEqual(await login('li.si', 'Neues-Passwort-2025'), { status: 200, mustChangePassword: true });
  });

  test('audit-verify: every change above is on an intact chain', async () => {
    const r = await run(['audit-verify']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK: \d+ records, chain intact$/m);
  });

  test('backup, then restore into a new data dir: database and evidence files, served again', async () => {
    const backupFile = path.join(dataDir, 'all.backup.gz');
    const b = await run(['backup', '--out', backupFile]);
    assert.equal(b.code, 0, b.stderr);
    // seed-demo stored demo evidence photos: the backup must carry them.
    const files = Number(/, (\d+) files of [\d.]+ MiB/.exec(b.stdout)?.[1]);
    assert.ok(files > 0, b.stdout);

    const restoredDir = path.join(dataDir, 'restored');
    const r = await run(['restore', '--in', backupFile], { dataDir: restoredDir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^the target had no schema: migrated it first$/m);
    assert.match(r.stdout, new RegExp(`restored \\d+ tables, \\d+ rows and ${files} files`));
    assert.match(r.stdout, /^audit chain: OK: \d+ records, chain intact$/m);

    const database = await createDatabase({ pgliteDir: path.join(restoredDir, 'pglite') });
    const app = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent', dataDir: restoredDir }, database, clock: systemClock, logger: false });
    try {
      await app.ready();
      const login = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, remoteAddress: '10.66.0.2' });
      assert.equal(login.statusCode, 200, login.body);
      const cookie = `guifan_session=${login.cookies.find((c) => c.name === 'guifan_session')!.value}`;
      const evidence = await database.rows<{ id: string; sha256: string }>(sql`select id, sha256 from evidence_file`);
      assert.equal(new Set(evidence.map((e) => e.sha256)).size, files, 'one stored file per distinct content');
      for (const e of evidence) {
        const res = await app.inject({ method: 'GET', url: `/api/assessment/evidence/${e.id}`, headers: { cookie } });
        assert.equal(res.statusCode, 200, res.body.slice(0, 200));
        assert.equal(crypto.createHash('sha256').update(res.rawPayload).digest('hex'), e.sha256);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});
