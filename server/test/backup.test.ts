import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { asc } from 'drizzle-orm';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDatabase, type Database } from '../src/db/client';
import { systemClock } from '../src/platform/clock';
import { appUser } from '../src/modules/identity';
import { orgUnit } from '../src/modules/org';
import { auditRecord } from '../src/modules/audit';
import { BackupError, createBackup, restoreBackup } from '../src/backup';
import { queryRows, readCatalog } from '../src/backup/catalog';
import { qualified, quoteIdent, TEXT_FORM_SETTINGS } from '../src/backup/sql-text';
import { openTestDatabase, TEST_ADMIN_PASSWORD } from './helpers';
import { buildPgliteTemplate, PGLITE_TEMPLATE, pgAdminUrl, pgUrlFor, testDbKind } from './template';

type Kind = 'pglite' | 'pg';
interface Opened {
  database: Database;
  drop: () => Promise<void>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-backup-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string) => path.join(tmp, name);

/** A freshly migrated, empty database of the given kind: the target of a restore. */
async function freshDatabase(kind: Kind): Promise<Opened> {
  if (kind === 'pglite') {
    const database = await createDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `guifan_r_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = await createDatabase({ databaseUrl: pgUrlFor(name), poolSize: 2 });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: pgAdminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A demo-seeded source of the given kind (PGlite from the template dump even in a pg run). */
async function seededDatabase(kind: Kind): Promise<Opened> {
  if (kind === testDbKind()) return openTestDatabase();
  if (!fs.existsSync(PGLITE_TEMPLATE)) await buildPgliteTemplate();
  const database = await createDatabase({ pgliteDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(PGLITE_TEMPLATE)]) });
  return { database, drop: () => database.close() };
}

/** Every table's rows as text, in primary-key order: equal dumps mean equal databases. */
async function textDump(database: Database): Promise<Record<string, string[][]>> {
  return database.db.transaction(async (tx) => {
    for (const s of TEXT_FORM_SETTINGS) await queryRows(tx, s);
    const catalog = await readCatalog(tx);
    const out: Record<string, string[][]> = {};
    for (const t of [...catalog.tables.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const cols = t.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
      const order = (t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name)).map((c) => `${quoteIdent(c)}::text`).join(', ');
      const rows = await queryRows<Record<string, string | null>>(tx, `SELECT ${cols} FROM ${qualified(t.name)} ORDER BY ${order}`);
      out[t.name] = rows.map((r) => Object.values(r).map((v) => (v === null ? '∅' : v)));
    }
    return out;
  });
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const dump = await textDump(database);
  return Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.length]));
}

/** Signs in through the HTTP API: proves hashes, sessions and the login_attempt sequence work. */
async function login(database: Database, username: string, password: string): Promise<number> {
  const app = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent' }, database, clock: systemClock, logger: false });
  try {
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username, password }, remoteAddress: '10.77.0.1' });
    return res.statusCode;
  } finally {
    await app.close();
  }
}

/**
 * Values that are easy to lose on the way through JSON and two drivers: microsecond timestamps,
 * infinities, shortest-exact doubles and -0, numerics wider than a double, jsonb with big numbers,
 * json whose whitespace and key order must survive, bytea, arrays, odd text; plus a
 * self-reference whose child has the smaller key, a generated column, an identity column, and a
 * BEFORE INSERT trigger that would refuse one of the rows.
 */
const ZOO_DDL = `CREATE TABLE zz_value_zoo (
  id bigserial PRIMARY KEY,
  parent_id bigint REFERENCES zz_value_zoo (id),
  ts timestamptz, d date, tm time, iv interval,
  j jsonb, js json, big bigint, f8 double precision, f4 real, num numeric(30, 10), flag boolean,
  bin bytea, txt text, arr text[], iarr integer[], u uuid,
  txt_len integer GENERATED ALWAYS AS (length(txt)) STORED,
  ident integer GENERATED ALWAYS AS IDENTITY
)`;
const ZOO_ROWS = `INSERT INTO zz_value_zoo (id, parent_id, ts, d, tm, iv, j, js, big, f8, f4, num, flag, bin, txt, arr, iarr, u) VALUES
 (3, NULL, '2024-02-29 23:59:59.999999+08', '2024-02-29', '23:59:59.123456', '1 year 2 mons 3 days 04:05:06.789', '{"b": [1, 2.50, null], "a": "南通", "big": 123456789012345678901234567890}', '{ "z" : 1,  "a" : [ ], "z": 2 }',
   9223372036854775807, 0.30000000000000004, 3.4028235e38, 12345678901234567890.0123456789, true, '\\x00ff10', e'line1\\nline2 "quoted" \\\\ back \\t tab 😀 城管 \u2028', '{"a,b","",NULL,"NULL","quote\\"d"}', '{1,NULL,-3}', 'a2c3dcd3-9f2c-414c-a3d2-3afcb8f5a528'),
 (1, 2, '-infinity', '0001-01-01', '00:00:00', '-1 days', '[]', 'null', -9223372036854775808, 5e-324, -0, -0.0000000001, false, '\\x', '', '{}', '{}', NULL),
 (2, 3, 'infinity', '9999-12-31', '24:00:00', '0', '"text only"', '"x"', 0, 'NaN', 'Infinity', 0, NULL, NULL, NULL, NULL, NULL, NULL),
 (4, 4, '1970-01-01 00:00:00+00', '1970-01-01', NULL, NULL, '{}', '{}', 1, -1.7976931348623157e308, '-Infinity', 'NaN', true, NULL, 'self', NULL, NULL, NULL)`;

const ZOO_TRIGGER = [
  `CREATE FUNCTION zz_refuse_self() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'zz: refused'; END; $$`,
  `CREATE TRIGGER zz_no_self BEFORE INSERT ON zz_value_zoo FOR EACH ROW WHEN (NEW.txt = 'self') EXECUTE FUNCTION zz_refuse_self()`,
];

for (const [sourceKind, targetKind] of testDbKind() === 'pg'
  ? ([['pg', 'pg'], ['pglite', 'pg'], ['pg', 'pglite']] as const)
  : ([['pglite', 'pglite']] as const)) {
  describe(`backup ${sourceKind} → restore ${targetKind}`, () => {
    let source: Opened;
    let target: Opened;
    let backupFile: string;
    let sourceDump: Record<string, string[][]>;

    before(async () => {
      source = await seededDatabase(sourceKind);
      target = await freshDatabase(targetKind);
      // Login attempts, a session and their audit records, so that sequences and sessions travel too.
      assert.equal(await login(source.database, 'admin', TEST_ADMIN_PASSWORD), 200);
      for (const d of [source.database, target.database]) await queryRows(d.db, ZOO_DDL);
      await queryRows(source.database.db, ZOO_ROWS);
      // Like catalog_node's draft-only trigger: restored rows must not be judged again by the app's triggers.
      for (const d of [source.database, target.database]) for (const q of ZOO_TRIGGER) await queryRows(d.db, q);
      sourceDump = await textDump(source.database);
      backupFile = file(`${sourceKind}-${targetKind}.backup.gz`);
    });
    after(async () => {
      await source?.drop();
      await target?.drop();
    });

    test('backup writes one gzip JSON-lines file with a header', async (t) => {
      const started = Date.now();
      const s = await createBackup(source.database, backupFile, { appVersion: '9.9.9', pageSize: 100 });
      t.diagnostic(`backup of the demo db (${sourceKind}): ${Date.now() - started} ms, ${s.rows} rows, ${s.bytes} bytes`);
      const lines = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
      const header = JSON.parse(lines[0]!) as { format: string; appVersion: string; source: { kind: string }; migrations: unknown[]; tables: { name: string; rows: number }[] };
      assert.equal(header.format, 'guifan-backup');
      assert.equal(header.appVersion, '9.9.9');
      assert.equal(header.source.kind, source.database.kind);
      assert.equal(header.migrations.length, fs.readdirSync(path.resolve(import.meta.dirname, '../drizzle')).filter((f) => f.endsWith('.sql')).length);
      assert.deepEqual(Object.fromEntries(header.tables.map((x) => [x.name, x.rows])), await rowCounts(source.database));
      assert.ok(!header.tables.some((x) => x.name.includes('drizzle')));
      const order = header.tables.map((x) => x.name);
      assert.ok(order.indexOf('org_unit') < order.indexOf('app_user'), 'parents before children');
      assert.ok(order.indexOf('app_user') < order.indexOf('user_session'));
      assert.deepEqual(JSON.parse(lines.at(-1)!), { end: true, tables: order.length, rows: s.rows });
      assert.ok(!fs.readdirSync(tmp).some((f) => f.includes('.partial-')), 'no partial file left');
    });

    test('restore into a freshly migrated database gives the same database', async (t) => {
      const started = Date.now();
      const r = await restoreBackup(target.database, backupFile, { batchRows: 50 });
      t.diagnostic(`restore of the demo db (${targetKind}): ${Date.now() - started} ms, ${r.rows} rows`);
      assert.equal(r.audit.ok, true);
      assert.ok(r.audit.checked > 300);
      const restored = await textDump(target.database);
      assert.deepEqual(Object.keys(restored), Object.keys(sourceDump));
      for (const table of Object.keys(sourceDump)) assert.deepEqual(restored[table], sourceDump[table], `table ${table}`);
    });

    test('typed reads through the app schema match: org units with geometry, users with timestamps, audit records', async () => {
      for (const [table, key] of [[orgUnit, orgUnit.id], [appUser, appUser.id], [auditRecord, auditRecord.seq]] as const) {
        const a = await source.database.db.select().from(table).orderBy(asc(key));
        const b = await target.database.db.select().from(table).orderBy(asc(key));
        assert.ok(a.length > 0);
        assert.deepEqual(b, a);
      }
      const geo = await target.database.db.select({ g: orgUnit.geometry }).from(orgUnit);
      assert.ok(geo.some((x) => x.g !== null && typeof x.g === 'object'));
    });

    test('after restore users sign in, and new rows get fresh keys (sequences reset)', async () => {
      assert.equal(await login(target.database, 'admin', TEST_ADMIN_PASSWORD), 200);
      assert.equal(await login(target.database, 'admin', 'wrong-password'), 401);
      const [zoo] = await queryRows<{ id: string; ident: number }>(target.database.db, `INSERT INTO zz_value_zoo (txt) VALUES ('new') RETURNING id::text, ident`);
      assert.equal(zoo?.id, '5');
      assert.equal(zoo?.ident, 5);
      // The trigger disabled during the restore is on again.
      await assert.rejects(queryRows(target.database.db, `INSERT INTO zz_value_zoo (txt) VALUES ('self')`), (e: unknown) => /zz: refused/.test(String((e as { cause?: unknown }).cause)));
    });

    test('a target with data is refused without --force, replaced with it', async () => {
      const before = await textDump(target.database);
      await assert.rejects(restoreBackup(target.database, backupFile), (e: unknown) => e instanceof BackupError && /already holds data \(.*app_user \d+.*audit_record \d+/.test(e.message) && /--force/.test(e.message));
      assert.deepEqual(await textDump(target.database), before);
      const r = await restoreBackup(target.database, backupFile, { force: true });
      assert.equal(r.audit.ok, true);
      assert.deepEqual(await textDump(target.database), sourceDump);
    });
  });
}

describe('restore refuses damaged and foreign files, leaving the target unchanged', () => {
  const kind = testDbKind();
  let source: Opened;
  let target: Opened;
  let good: string;
  let lines: string[];
  let targetDump: Record<string, string[][]>;

  before(async () => {
    source = await openTestDatabase();
    target = await freshDatabase(kind);
    good = file('good.backup.gz');
    await createBackup(source.database, good, { appVersion: 'test' });
    lines = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8').trimEnd().split('\n');
    // The target holds a restored copy, so that "unchanged" is checked against real data after TRUNCATE ran.
    await restoreBackup(target.database, good);
    await queryRows(target.database.db, `UPDATE app_user SET display_name = 'changed after restore' WHERE username = 'admin'`);
    targetDump = await textDump(target.database);
  });
  after(async () => {
    await source?.drop();
    await target?.drop();
  });

  const writeGz = (name: string, ls: string[]) => {
    const f = file(name);
    fs.writeFileSync(f, zlib.gzipSync(`${ls.join('\n')}\n`));
    return f;
  };
  const refused = async (f: string, message: RegExp) => {
    await assert.rejects(restoreBackup(target.database, f, { force: true, batchRows: 10 }), (e: unknown) => {
      assert.ok(e instanceof BackupError, `BackupError expected, got ${String(e)}`);
      assert.match(e.message, message);
      return true;
    });
    assert.deepEqual(await textDump(target.database), targetDump, 'target unchanged');
  };

  test('a file cut short in the middle of its compressed data', async () => {
    const bytes = fs.readFileSync(good);
    const f = file('cut.backup.gz');
    fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await refused(f, /truncated/);
  });

  test('a file cut at a line boundary (no end marker)', async () => {
    await refused(writeGz('no-end.backup.gz', lines.slice(0, lines.length - 40)), /truncated: it ends before its end marker/);
  });

  test('damaged compressed bytes', async () => {
    const bytes = Buffer.from(fs.readFileSync(good));
    for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 64; i++) bytes[i] = bytes[i]! ^ 0x5a;
    const f = file('damaged.backup.gz');
    fs.writeFileSync(f, bytes);
    await refused(f, /damaged|corrupt|truncated|inconsistent/);
  });

  test('a row missing (counts disagree with the header)', async () => {
    const i = lines.findIndex((l, n) => n > 2 && l.startsWith('['));
    await refused(writeGz('missing-row.backup.gz', lines.filter((_, n) => n !== i)), /inconsistent/);
  });

  test('a row the schema refuses (bad value)', async () => {
    const i = lines.findIndex((l) => l.startsWith('{"table":"app_user"'));
    const row = JSON.parse(lines[i + 1]!) as (string | null)[];
    row[0] = 'not-a-uuid';
    const ls = [...lines];
    ls[i + 1] = JSON.stringify(row);
    await assert.rejects(restoreBackup(target.database, writeGz('bad-value.backup.gz', ls), { force: true }));
    assert.deepEqual(await textDump(target.database), targetDump, 'target unchanged');
  });

  test('a backup of a different schema version', async () => {
    const header = JSON.parse(lines[0]!) as { migrations: unknown[] };
    await refused(writeGz('older.backup.gz', [JSON.stringify({ ...header, migrations: header.migrations.slice(0, -1) }), ...lines.slice(1)]), /backup was made by a different schema version/);
    const newer = { ...header, migrations: [...header.migrations, { hash: 'f'.repeat(64), createdAt: '1999999999999' }] };
    await refused(writeGz('newer.backup.gz', [JSON.stringify(newer), ...lines.slice(1)]), /different schema version.*guifan migrate/);
  });

  test('files that are no backup at all', async () => {
    const text = file('notes.txt');
    fs.writeFileSync(text, 'hello\n');
    await refused(text, /not a guifan backup file/);
    await refused(writeGz('other.json.gz', ['{"hello":1}']), /not a guifan backup file/);
    await refused(file('does-not-exist.gz'), /no such backup file/);
  });

  test('a target without schema is told to migrate first', async () => {
    const empty = await createDatabase({ pgliteDir: 'memory://' });
    try {
      await assert.rejects(restoreBackup(empty, good), /run `guifan migrate` on it first/);
    } finally {
      await empty.close();
    }
  });
});
