import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, sql } from 'drizzle-orm';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDatabase, type Database } from '../src/db/client';
import { systemClock } from '../src/platform/clock';
import { appUser } from '../src/modules/identity';
import { orgUnit } from '../src/modules/org';
import { auditRecord } from '../src/modules/audit';
import { BackupError, createBackup, restoreBackup } from '../src/backup';
import { blobPath, listFsBlobs } from '../src/platform/blob-store';
import { queryRows, readCatalog } from '../src/backup/catalog';
import { qualified, quoteIdent, TEXT_FORM_SETTINGS } from '../src/backup/sql-text';
import { createPgDatabase, DEMO_PASSWORD, multipartFile, openTestDatabase, TEST_ADMIN_PASSWORD } from './helpers';
import { buildPgliteTemplate, PGLITE_TEMPLATE, testDbKind } from './template';

type Kind = 'pglite' | 'pg';
interface Opened {
  database: Database;
  drop: () => Promise<void>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-backup-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string) => path.join(tmp, name);
/** A new, empty folder for a file store (the `evidence` folder of a data dir). */
const newDir = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-`));

/** An empty PostgreSQL database without any schema: what `createdb` gives an operator. */
const emptyPgDatabase = (): Promise<Opened> => createPgDatabase('guifan_e');

/** What an operator restores into: a new data dir on disk (PGlite) or an empty database (PostgreSQL), never migrated. */
async function unmigratedTarget(kind: Kind, dataDir: string): Promise<Opened> {
  if (kind === 'pg') return emptyPgDatabase();
  const database = await createDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  return { database, drop: () => database.close() };
}

/** Every file of a store, by name. */
async function storeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const b of listFsBlobs(dir)) out.push(b.sha256);
  return out;
}

/** A freshly migrated, empty database of the given kind: the target of a restore. */
async function freshDatabase(kind: Kind): Promise<Opened> {
  if (kind === 'pglite') {
    const database = await createDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const opened = await createPgDatabase('guifan_r');
  await opened.database.migrate();
  return opened;
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
    const sourceBlobs = newDir(`src-${sourceKind}`);
    const targetBlobs = newDir(`dst-${targetKind}`);

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
      const s = await createBackup(source.database, backupFile, { appVersion: '9.9.9', pageSize: 100, blobDir: sourceBlobs });
      t.diagnostic(`backup of the demo db (${sourceKind}): ${Date.now() - started} ms, ${s.rows} rows, ${s.bytes} bytes`);
      const lines = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
      const header = JSON.parse(lines[0]!) as { format: string; formatVersion: number; appVersion: string; source: { kind: string }; migrations: unknown[]; tables: { name: string; rows: number }[] };
      assert.equal(header.format, 'guifan-backup');
      assert.equal(header.formatVersion, 2);
      assert.equal(header.appVersion, '9.9.9');
      assert.equal(header.source.kind, source.database.kind);
      assert.equal(header.migrations.length, fs.readdirSync(path.resolve(import.meta.dirname, '../drizzle')).filter((f) => f.endsWith('.sql')).length);
      assert.deepEqual(Object.fromEntries(header.tables.map((x) => [x.name, x.rows])), await rowCounts(source.database));
      assert.ok(!header.tables.some((x) => x.name.includes('drizzle')));
      const order = header.tables.map((x) => x.name);
      assert.ok(order.indexOf('org_unit') < order.indexOf('app_user'), 'parents before children');
      assert.ok(order.indexOf('app_user') < order.indexOf('user_session'));
      assert.deepEqual(JSON.parse(lines.at(-1)!), { end: true, tables: order.length, rows: s.rows, blobs: 0, blobBytes: 0 });
      assert.ok(!fs.readdirSync(tmp).some((f) => f.includes('.partial-')), 'no partial file left');
    });

    test('restore into a freshly migrated database gives the same database', async (t) => {
      const started = Date.now();
      const r = await restoreBackup(target.database, backupFile, { batchRows: 50, blobDir: targetBlobs });
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
      await assert.rejects(restoreBackup(target.database, backupFile, { blobDir: targetBlobs }), (e: unknown) => e instanceof BackupError && /already holds data \(.*app_user \d+.*audit_record \d+/.test(e.message) && /--force/.test(e.message));
      assert.deepEqual(await textDump(target.database), before);
      const r = await restoreBackup(target.database, backupFile, { force: true, blobDir: targetBlobs });
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
  const emptyStore = newDir('none');
  const targetBlobs = newDir('damaged-target');

  before(async () => {
    source = await openTestDatabase();
    target = await freshDatabase(kind);
    good = file('good.backup.gz');
    // No files here: the line-level damage below is done on the text of the file.
    await createBackup(source.database, good, { appVersion: 'test', blobDir: emptyStore });
    lines = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8').trimEnd().split('\n');
    // The target holds a restored copy, so that "unchanged" is checked against real data after TRUNCATE ran.
    await restoreBackup(target.database, good, { blobDir: targetBlobs });
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
    await assert.rejects(restoreBackup(target.database, f, { force: true, batchRows: 10, blobDir: targetBlobs }), (e: unknown) => {
      assert.ok(e instanceof BackupError, `BackupError expected, got ${String(e)}`);
      assert.match(e.message, message);
      return true;
    });
    assert.deepEqual(await textDump(target.database), targetDump, 'target unchanged');
    assert.deepEqual(fs.readdirSync(targetBlobs).filter((f) => f !== 'tmp'), [], 'no file put into the store');
    assert.deepEqual(fs.existsSync(path.join(targetBlobs, 'tmp')) ? fs.readdirSync(path.join(targetBlobs, 'tmp')) : [], [], 'no staging folder left behind');
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
    await assert.rejects(restoreBackup(target.database, writeGz('bad-value.backup.gz', ls), { force: true, blobDir: targetBlobs }));
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

  test('a stored file named by anything but a SHA-256 (a path) is refused before anything is written', async () => {
    const end = JSON.parse(lines.at(-1)!) as object;
    const evil = [...lines.slice(0, -1), JSON.stringify({ blob: '../../../outside', bytes: 1 }), 'x', JSON.stringify({ ...end, blobs: 1, blobBytes: 1 })];
    await refused(writeGz('path.backup.gz', evil), /corrupt at line \d+: a file is named "\.\.\/\.\.\/\.\.\/outside", not by a SHA-256/);
  });

  test('a version 1 backup (database only) is still restored, with a warning about the files', async () => {
    const header = JSON.parse(lines[0]!) as object;
    const { blobs: _b, blobBytes: _bb, ...end } = JSON.parse(lines.at(-1)!) as { blobs: number; blobBytes: number };
    const v1 = writeGz('v1.backup.gz', [JSON.stringify({ ...header, formatVersion: 1 }), ...lines.slice(1, -1), JSON.stringify(end)]);
    const warnings: string[] = [];
    const r = await restoreBackup(target.database, v1, { force: true, blobDir: targetBlobs, onWarning: (m) => warnings.push(m) });
    assert.equal(r.audit.ok, true);
    assert.equal(r.blobs, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /format version 1: it holds the database only, no evidence or photo files/);
    assert.deepEqual(r.warnings, warnings);
    assert.deepEqual(await textDump(target.database), await textDump(source.database));
    // Back to the state the other tests compare against.
    await queryRows(target.database.db, `UPDATE app_user SET display_name = 'changed after restore' WHERE username = 'admin'`);
    assert.deepEqual(await textDump(target.database), targetDump);
  });

  test('a target without schema is migrated by the restore itself', async () => {
    const dataDir = newDir('fresh-data-dir');
    const empty = await unmigratedTarget(kind, dataDir);
    try {
      const r = await restoreBackup(empty.database, good, { blobDir: path.join(dataDir, 'evidence') });
      assert.equal(r.migrated, true);
      assert.equal(r.audit.ok, true);
      assert.deepEqual(await textDump(empty.database), await textDump(source.database));
    } finally {
      await empty.drop();
    }
  });

  test('a target without schema is left untouched when the backup is of another schema version', async () => {
    const header = JSON.parse(lines[0]!) as { migrations: unknown[] };
    const older = writeGz('older-fresh.backup.gz', [JSON.stringify({ ...header, migrations: header.migrations.slice(0, -1) }), ...lines.slice(1)]);
    const dataDir = newDir('fresh-data-dir-older');
    const empty = await unmigratedTarget(kind, dataDir);
    try {
      await assert.rejects(restoreBackup(empty.database, older, { blobDir: path.join(dataDir, 'evidence') }), /different schema version .*restore it with the guifan release that made it/);
      assert.equal((await readCatalog(empty.database.db)).tables.size, 0, 'not migrated');
    } finally {
      await empty.drop();
    }
  });
});

/** Byte offset of the raw bytes of stored file `sha` in a decompressed version 2 backup. */
function blobOffset(raw: Buffer, sha: string): number {
  const head = Buffer.from(`${JSON.stringify({ blob: sha, bytes: 0 }).slice(0, -3)}`);
  const at = raw.indexOf(head);
  assert.ok(at >= 0, `file ${sha} in the backup`);
  return raw.indexOf(0x0a, at) + 1;
}

describe('evidence and photo files travel in the backup: restored into a fresh data dir, served again', () => {
  const kind = testDbKind();
  let source: Opened;
  const sourceDir = newDir('evidence-source');
  const backupFile = file('with-files.backup.gz');
  /** sha256 → bytes of every file uploaded through the API. */
  const uploaded = new Map<string, Buffer>();

  /** An app on a database and data dir, as `npm start` builds it, signed in as the 竹行 team leader. */
  async function appOn(database: Database, dataDir: string) {
    const app = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent', dataDir }, database, clock: systemClock, logger: false });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'zhuhang.leader', password: DEMO_PASSWORD }, remoteAddress: '10.78.0.1' });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = `guifan_session=${res.cookies.find((c) => c.name === 'guifan_session')!.value}`;
    return { app, cookie };
  }

  before(async () => {
    source = await openTestDatabase();
    const { app, cookie } = await appOn(source.database, sourceDir);
    try {
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
      const upload = async (url: string, name: string, data: Buffer, type: string) => {
        const f = multipartFile('file', name, data, type);
        const r = await app.inject({ method: 'POST', url, headers: { cookie, ...f.headers }, payload: f.payload });
        assert.equal(r.statusCode, 201, r.body);
        uploaded.set(crypto.createHash('sha256').update(data).digest('hex'), data);
      };
      const campaign = (await get('/api/assessment/campaigns')).json<{ items: { id: string; name: string }[] }>().items.find((c) => c.name.includes('复评'))!;
      const assessment = (await get(`/api/assessment/campaigns/${campaign.id}`)).json<{ assessments: { id: string; orgUnitName: string }[] }>().assessments.find((a) => a.orgUnitName === '竹行街道综合执法队')!;
      const items = (await get(`/api/assessment/assessments/${assessment.id}`)).json<{ items: { code: string }[] }>().items;
      const png = (body: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(body)]);
      // Bytes that are not text (zeros, newlines, every byte value) and one file larger than a read chunk.
      const binary = Buffer.concat([png(''), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n\n\r\n')]);
      const large = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(300 * 1024)]);
      await upload(`/api/assessment/assessments/${assessment.id}/items/${items[0]!.code}/evidence`, '功能用房.png', png('room photo'), 'image/png');
      await upload(`/api/assessment/assessments/${assessment.id}/items/${items[0]!.code}/evidence`, '制度.pdf', large, 'application/pdf');
      await upload(`/api/assessment/assessments/${assessment.id}/items/${items[1]!.code}/evidence`, '台账.txt', Buffer.from('执法记录\n第二行\n'), 'text/plain');
      await upload(`/api/assessment/assessments/${assessment.id}/items/${items[1]!.code}/evidence`, 'bytes.png', binary, 'image/png');
      const zhId = (await source.database.rows<{ id: string }>(sql`select id from org_unit where code = '320671003'`))[0]!.id;
      const room = (await get(`/api/ledger/rooms?orgUnitId=${zhId}&type=投诉处理室`)).json<{ items: { id: string }[] }>().items[0]!;
      await upload(`/api/ledger/rooms/photos?id=${room.id}`, '投诉处理室.png', png('complaints room'), 'image/png');
    } finally {
      await app.close();
    }
    assert.equal(uploaded.size, 5);
  });
  after(async () => {
    await source?.drop();
  });

  test('backup holds every stored file once, each named by its SHA-256', async () => {
    const warnings: string[] = [];
    const s = await createBackup(source.database, backupFile, { appVersion: 'test', blobDir: path.join(sourceDir, 'evidence'), onWarning: (m) => warnings.push(m) });
    assert.deepEqual(warnings, []);
    assert.equal(s.blobs, uploaded.size);
    assert.equal(s.blobBytes, [...uploaded.values()].reduce((n, b) => n + b.length, 0));
    assert.deepEqual(s.missingBlobs, []);
    const raw = zlib.gunzipSync(fs.readFileSync(backupFile));
    for (const [sha, data] of uploaded) {
      const at = blobOffset(raw, sha);
      assert.deepEqual(raw.subarray(at, at + data.length), data, `bytes of ${sha}`);
    }
  });

  test('a store that lost or damaged files: backup leaves the damaged one out and names both', async () => {
    const store = path.join(newDir('damaged-store'), 'evidence');
    fs.cpSync(path.join(sourceDir, 'evidence'), store, { recursive: true });
    const [lost, damaged] = [...uploaded.keys()].sort();
    fs.rmSync(blobPath(store, lost!));
    fs.appendFileSync(blobPath(store, damaged!), 'x');
    const warnings: string[] = [];
    const s = await createBackup(source.database, file('damaged-store.backup.gz'), { appVersion: 'test', blobDir: store, onWarning: (m) => warnings.push(m) });
    assert.deepEqual(s.missingBlobs, [lost]);
    assert.deepEqual(s.corruptBlobs, [damaged]);
    assert.equal(s.blobs, uploaded.size - 2);
    assert.equal(warnings.length, 2);
    assert.match(warnings.join('\n'), new RegExp(`1 file\\(s\\) the database refers to are missing .*first: ${lost}`));
    assert.match(warnings.join('\n'), new RegExp(`stored file .*${damaged} is damaged .*left out of the backup`));
  });

  test('restore into a fresh data dir / empty database; the app serves every evidence file and photo again', async () => {
    const dataDir = newDir('restored-data-dir');
    const target = await unmigratedTarget(kind, dataDir);
    try {
      const r = await restoreBackup(target.database, backupFile, { blobDir: path.join(dataDir, 'evidence') });
      assert.equal(r.migrated, true);
      assert.equal(r.blobs, uploaded.size);
      assert.equal(r.audit.ok, true);
      assert.deepEqual((await storeFiles(path.join(dataDir, 'evidence'))).sort(), [...uploaded.keys()].sort());
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp')), [], 'staging folder removed');

      const { app, cookie } = await appOn(target.database, dataDir);
      try {
        const evidence = await target.database.rows<{ id: string; sha256: string }>(sql`select id, sha256 from evidence_file`);
        const photos = await target.database.rows<{ id: string; sha256: string }>(sql`select id, sha256 from ledger_photo`);
        assert.equal(evidence.length + photos.length, uploaded.size);
        for (const [url, row] of [...evidence.map((e) => [`/api/assessment/evidence/${e.id}`, e] as const), ...photos.map((p) => [`/api/ledger/photos/${p.id}`, p] as const)]) {
          const res = await app.inject({ method: 'GET', url, headers: { cookie } });
          assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
          assert.equal(crypto.createHash('sha256').update(res.rawPayload).digest('hex'), row.sha256);
          assert.deepEqual(res.rawPayload, uploaded.get(row.sha256));
        }
      } finally {
        await app.close();
      }
    } finally {
      await target.drop();
    }
  });

  describe('a damaged file section is refused: database unchanged, no file in the store', () => {
    let raw: Buffer;
    let target: Opened;
    const targetDir = newDir('tamper-target');
    const targetBlobs = path.join(targetDir, 'evidence');
    let unchanged: Record<string, string[][]>;

    const refused = async (name: string, bytes: Buffer, message: RegExp, gzip = true) => {
      const f = file(name);
      fs.writeFileSync(f, gzip ? zlib.gzipSync(bytes) : bytes);
      await assert.rejects(restoreBackup(target.database, f, { force: true, blobDir: targetBlobs }), (e: unknown) => {
        assert.ok(e instanceof BackupError, `BackupError expected, got ${String(e)}`);
        assert.match(e.message, message);
        return true;
      });
      assert.deepEqual(await textDump(target.database), unchanged, 'database unchanged');
      assert.deepEqual(await storeFiles(targetBlobs), [], 'no file in the store');
      assert.deepEqual(fs.existsSync(path.join(targetBlobs, 'tmp')) ? fs.readdirSync(path.join(targetBlobs, 'tmp')) : [], [], 'no staging folder left behind');
    };

    before(async () => {
      raw = zlib.gunzipSync(fs.readFileSync(backupFile));
      target = await freshDatabase(kind);
      unchanged = await textDump(target.database);
    });
    after(async () => {
      await target?.drop();
    });

    test('one byte of one stored file changed: refused, naming the file', async () => {
      const [sha] = [...uploaded.keys()].sort();
      const tampered = Buffer.from(raw);
      const at = blobOffset(tampered, sha!) + 3;
      tampered[at] = tampered[at]! ^ 0x01;
      await refused('tampered.backup.gz', tampered, new RegExp(`backup file is corrupt: stored file ${sha} \\(line \\d+\\) does not match its SHA-256, its content hashes to [0-9a-f]{64}`));
    });

    test('a stored file replaced by other bytes of the same length: refused', async () => {
      const [, sha] = [...uploaded.keys()].sort();
      const tampered = Buffer.from(raw);
      const at = blobOffset(tampered, sha!);
      tampered.fill(0x41, at, at + uploaded.get(sha!)!.length);
      await refused('replaced.backup.gz', tampered, new RegExp(`stored file ${sha} .*does not match its SHA-256`));
    });

    test('a file cut inside a stored file: refused as truncated', async () => {
      const big = [...uploaded.entries()].find(([, b]) => b.length > 100_000)![0];
      const cut = raw.subarray(0, blobOffset(raw, big) + 1000);
      await refused('cut-in-file.backup.gz', cut, new RegExp(`truncated: it ends inside stored file ${big} \\(1000 of \\d+ bytes\\)`));
    });

    test('a stored file left out (counts disagree with the end marker): refused', async () => {
      const [sha] = [...uploaded.keys()].sort();
      const at = raw.indexOf(Buffer.from(`{"blob":"${sha}"`));
      const end = blobOffset(raw, sha!) + uploaded.get(sha!)!.length + 1;
      await refused('file-missing.backup.gz', Buffer.concat([raw.subarray(0, at), raw.subarray(end)]), /inconsistent: end marker counts 5 stored files .* read 4/);
    });
  });
});
