import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { InjectOptions } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { ManualClock } from '../src/platform/clock';
import { createTestContext, multipartFile, openTestDatabase, type TestContext } from './helpers';

/**
 * Attacks that once worked and must now fail (security issue): each test performs the attack.
 */

interface Operation {
  method: string;
  path: string;
  public: boolean;
  parameters: { name: string; in: string; schema?: { type?: string; enum?: string[] } }[];
  body: { properties?: Record<string, { type?: string | string[]; maximum?: number }> } | null;
}

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

async function operations(t: TestContext): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { security?: unknown[]; parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: Operation['body'] }> } }>>;
  };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      out.push({
        method: method.toUpperCase(),
        path,
        public: Array.isArray(op.security) && op.security.length === 0,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

/** The operation's path with every parameter filled: an enumerated one (e.g. a case action) with its first value, an id with a placeholder. */
const concrete = (path: string, parameters: Operation['parameters'] = []) =>
  path.replace(/\{([^}]+)\}/g, (_m, name: string) => parameters.find((p) => p.in === 'path' && p.name === name)?.schema?.enum?.[0] ?? PLACEHOLDER_ID);

/** One request over a raw socket, so the request line is sent exactly as written (absolute form, escapes). */
function rawRequest(port: number, method: string, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      data += d;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) {
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`no status line for ${method} ${target}: ${data.slice(0, 200)}`)));
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
}

describe('security: attacks that must fail', () => {
  let t: TestContext;
  let ops: Operation[];
  before(async () => {
    t = await createTestContext();
    ops = await operations(t);
  });
  after(() => t.close());

  test('the public operations are exactly the intended ones', () => {
    const pub = ops.filter((o) => o.public).map((o) => `${o.method} ${o.path}`).sort();
    assert.deepEqual(pub, [
      'GET /api/health',
      'GET /api/platform/config',
      'GET /api/public/decisions/',
      'GET /api/public/decisions/{id}',
      'GET /api/public/service/categories',
      'GET /api/public/service/photos/{id}',
      'GET /api/public/service/reports/{code}',
      'GET /api/tracking/osmand',
      // Open311 GeoReport v2: reads public by the spec (no contact data), a POST needs its api_key (docs/open311.md).
      'GET /open311/v2/requests.json',
      'GET /open311/v2/requests.xml',
      'GET /open311/v2/requests/{file}',
      'GET /open311/v2/services.json',
      'GET /open311/v2/services.xml',
      'GET /open311/v2/services/{file}',
      'POST /api/identity/login',
      'POST /api/identity/logout',
      'POST /api/public/service/challenge',
      'POST /api/public/service/reports',
      'POST /api/public/service/reports/{code}/rating',
      'POST /api/tracking/osmand',
      'POST /open311/v2/requests.json',
      'POST /open311/v2/requests.xml',
    ]);
  });

  test('no operation answers an anonymous caller, in plain, percent-encoded or absolute form', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => !o.public)) {
      const path = concrete(op.path);
      for (const target of [path, path.replace(/^\/api\//, '/%61pi/'), path.replace('/audit/', '/%61udit/'), `http://127.0.0.1:${port}${path}`]) {
        const status = await rawRequest(port, op.method, target);
        checked += 1;
        if (status !== 401) wrong.push(`${op.method} ${target} → ${status}`);
      }
    }
    assert.ok(checked > 300, `only ${checked} requests checked`);
    assert.deepEqual(wrong, []);
  });

  test('an anonymous caller gets 401, not a 400 that names the fields', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/identity/users?limit=abc&bogus=1' });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().code, 'identity.unauthenticated');
    assert.equal(r.json().details, undefined);
    const body = await t.app.inject({ method: 'POST', url: '/api/identity/users', payload: { nonsense: true } });
    assert.equal(body.statusCode, 401);
  });

  test('after a password reset every route but changing the password, who-am-I and sign-out answers 403', async () => {
    const admin = await t.login('admin');
    const users = (await t.app.inject({ method: 'GET', url: '/api/identity/users?q=chengdong.officer1', headers: { cookie: admin } })).json().items;
    const id = users.find((u: { username: string }) => u.username === 'chengdong.officer1').id;
    const reset = await t.app.inject({ method: 'POST', url: `/api/identity/users/${id}/reset-password`, headers: { cookie: admin }, payload: { password: 'Temp-pass-2026' } });
    assert.equal(reset.statusCode, 204, reset.body);
    const cookie = await t.login('chengdong.officer1', 'Temp-pass-2026');
    const me = await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } });
    assert.equal(me.json().user.mustChangePassword, true);
    for (const url of ['/api/org/units', '/api/catalog/standards', '/api/tracking/devices', '/api/audit/records']) {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      assert.equal(r.statusCode, 403, url);
      assert.equal(r.json().code, 'identity.password_change_required', url);
    }
    const change = await t.app.inject({ method: 'POST', url: '/api/identity/password', headers: { cookie }, payload: { currentPassword: 'Temp-pass-2026', newPassword: 'Mein-neues-2026' } });
    assert.equal(change.statusCode, 204, change.body);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/org/units', headers: { cookie } })).statusCode, 200);
  });

  test('every answer carries the security headers; the web app gets its CSP, JSON a closed one', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['referrer-policy'], 'same-origin');
    assert.match(String(r.headers['content-security-policy']), /default-src 'none'; frame-ancestors 'none'/);
    assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    const https = await createTestContext({ config: { secureCookies: true, tileUrl: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}' } });
    try {
      const h = await https.app.inject({ method: 'GET', url: '/api/health' });
      assert.match(String(h.headers['strict-transport-security']), /max-age=\d+/);
    } finally {
      await https.close();
    }
  });

  test('a state-changing request from another site is refused (bodyless POST to logout and recompute)', async () => {
    const cookie = await t.login('zhuhang.leader');
    const assessments = (await t.app.inject({ method: 'GET', url: '/api/assessment/campaigns', headers: { cookie } })).json();
    assert.ok(assessments.items.length > 0);
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }]) {
      const logout = await t.app.inject({ method: 'POST', url: '/api/identity/logout', headers: { cookie, ...headers } });
      assert.equal(logout.statusCode, 403, JSON.stringify(headers));
      assert.equal(logout.json().code, 'request.cross_site');
      const recompute = await t.app.inject({ method: 'POST', url: `/api/assessment/assessments/${PLACEHOLDER_ID}/recompute`, headers: { cookie, ...headers } });
      assert.equal(recompute.statusCode, 403);
    }
    // The session survived every forged sign-out.
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } })).statusCode, 200);
    // The app itself (same origin) and non-browser clients still work.
    const same = await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    assert.equal(same.statusCode, 200);
    const sameOrigin = await t.app.inject({ method: 'POST', url: '/api/identity/logout', headers: { cookie, origin: 'http://guifan.local:3000', host: 'guifan.local:3000' } });
    assert.equal(sameOrigin.statusCode, 204);
  });

  test('an officer may not recompute an assessment (only who may edit it)', async () => {
    const leader = await t.login('zhuhang.leader');
    const campaigns = (await t.app.inject({ method: 'GET', url: '/api/assessment/campaigns', headers: { cookie: leader } })).json().items;
    const c = (await t.app.inject({ method: 'GET', url: `/api/assessment/campaigns/${campaigns[0].id}`, headers: { cookie: leader } })).json();
    const mine = c.assessments.find((a: { orgUnitName: string }) => a.orgUnitName === '竹行街道综合执法队');
    const officer = await t.login('zhuhang.officer1');
    const r = await t.app.inject({ method: 'POST', url: `/api/assessment/assessments/${mine.id}/recompute`, headers: { cookie: officer } });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 'auth.forbidden');
  });

  test('a team leader may link a ledger person only to an account of his own team', async () => {
    const leader = await t.login('zhuhang.leader');
    const admin = await t.login('admin');
    const persons = (await t.app.inject({ method: 'GET', url: '/api/ledger/persons?limit=1', headers: { cookie: leader } })).json().items;
    const person = persons[0];
    const userId = async (username: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/identity/users?q=${username}`, headers: { cookie: admin } })).json().items.find((u: { username: string }) => u.username === username).id as string;
    const foreign = await t.app.inject({ method: 'PATCH', url: `/api/ledger/persons/${person.id}`, headers: { cookie: leader }, payload: { version: person.version, userId: await userId('chengdong.officer1') } });
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.equal(foreign.json().details.issues[0].field, 'userId');
    const own = await t.app.inject({ method: 'PATCH', url: `/api/ledger/persons/${person.id}`, headers: { cookie: leader }, payload: { version: person.version, userId: await userId('zhuhang.officer1') } });
    assert.equal(own.statusCode, 200, own.body);
  });

  test('evidence is downloaded as an attachment, sandboxed: a PDF with script is never rendered in our origin', async () => {
    const leader = await t.login('zhuhang.leader');
    const campaigns = (await t.app.inject({ method: 'GET', url: '/api/assessment/campaigns', headers: { cookie: leader } })).json().items;
    const c = (await t.app.inject({ method: 'GET', url: `/api/assessment/campaigns/${campaigns[0].id}`, headers: { cookie: leader } })).json();
    const editable = c.assessments.find((a: { orgUnitName: string }) => a.orgUnitName === '竹行街道综合执法队');
    const a = (await t.app.inject({ method: 'GET', url: `/api/assessment/assessments/${editable.id}`, headers: { cookie: leader } })).json();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const up = multipartFile('file', '现场照片.pdf', pdf, 'application/pdf');
    const r = await t.app.inject({ method: 'POST', url: `/api/assessment/assessments/${editable.id}/items/${a.items[0].code}/evidence`, headers: { cookie: leader, ...up.headers }, payload: up.payload });
    if (r.statusCode !== 201) {
      // The assessment of this team may be past the editable state in the demo: any uploaded evidence will do.
      assert.fail(`upload refused: ${r.statusCode} ${r.body}`);
    }
    const dl = await t.app.inject({ method: 'GET', url: `/api/assessment/evidence/${r.json().id}`, headers: { cookie: leader } });
    assert.equal(dl.statusCode, 200);
    assert.match(String(dl.headers['content-disposition']), /^attachment;/);
    assert.match(String(dl.headers['content-security-policy']), /sandbox/);
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
  });

  test('an unknown status filter is refused, not silently ignored', async () => {
    const cookie = await t.login('zhuhang.leader');
    for (const url of ['/api/ledger/persons?status=bogus', '/api/ledger/assets?status=left', '/api/ledger/offices?status=active', '/api/tracking/devices?status=bogus', '/api/assessment/rectifications?status=bogus']) {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.json().code, 'request.validation', url);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/ledger/persons?status=left', headers: { cookie } })).statusCode, 200);
  });

  test('text the database cannot hold and out-of-range numbers are refused with the field named, on every route', async () => {
    const cookie = await t.login('admin');
    const failures: string[] = [];
    let probes = 0;
    const expect400 = async (what: string, req: InjectOptions, field: string) => {
      const r = await t.app.inject(req);
      probes += 1;
      if (r.statusCode !== 400) {
        failures.push(`${what} → ${r.statusCode} ${r.body.slice(0, 120)}`);
        return;
      }
      const issues = (r.json().details?.issues ?? []) as { field: string }[];
      if (!issues.some((i) => i.field === field || i.field.endsWith(`.${field}`) || i.field.startsWith(`${field}.`))) failures.push(`${what} → 400 without field ${field}: ${r.body.slice(0, 160)}`);
    };
    for (const op of ops.filter((o) => !o.public && o.path !== '/api/tracking/live')) {
      const url = concrete(op.path, op.parameters);
      for (const p of op.parameters.filter((x) => x.in === 'query')) {
        if (p.schema?.type === 'string') await expect400(`${op.method} ${op.path} ?${p.name}=NUL`, { method: op.method as 'GET', url: `${url}?${p.name}=a%00b`, headers: { cookie } }, p.name);
        if (p.schema?.type === 'integer') await expect400(`${op.method} ${op.path} ?${p.name}=1e20`, { method: op.method as 'GET', url: `${url}?${p.name}=100000000000000000000`, headers: { cookie } }, p.name);
      }
      if (op.body?.properties && op.method !== 'GET') {
        for (const [name, schema] of Object.entries(op.body.properties)) {
          const types = Array.isArray(schema.type) ? schema.type : [schema.type];
          if (types.includes('string')) {
            for (const bad of ['a\u0000b', 'x\ud800y']) {
              await expect400(`${op.method} ${op.path} ${name}=${JSON.stringify(bad)}`, { method: op.method as 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ [name]: bad }) }, name);
            }
          }
          if (types.includes('integer') || types.includes('number')) {
            // Integers beyond a PostgreSQL integer (or beyond the field's own declared maximum, e.g. an amount in fen
            // stored as bigint) and beyond 2^53; for any number, JSON's 1e400 (Infinity).
            const over = schema.maximum !== undefined && schema.maximum > 2147483647 ? String(schema.maximum + 1) : '2147483648';
            for (const bad of types.includes('integer') ? [over, '9007199254740993', '1e400'] : ['1e400']) {
              await expect400(`${op.method} ${op.path} ${name}=${bad}`, { method: op.method as 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: `{"${name}":${bad}}` }, name);
            }
          }
        }
      }
    }
    // A NUL in a path parameter, in the username at sign-in, and an audit cursor beyond any sequence.
    await expect400('GET /api/org/units/{id} NUL', { method: 'GET', url: '/api/org/units/a%00b', headers: { cookie } }, 'id');
    await expect400('POST /api/identity/login NUL', { method: 'POST', url: '/api/identity/login', payload: { username: 'adm\u0000in', password: 'x' } }, 'username');
    await expect400('GET /api/audit/records beforeSeq=2^63', { method: 'GET', url: '/api/audit/records?beforeSeq=9223372036854775808', headers: { cookie } }, 'beforeSeq');
    assert.ok(probes > 100, `only ${probes} probes`);
    assert.deepEqual(failures, []);
  });
});

describe('security: no secrets in logs', () => {
  test('a failed statement is logged without its parameters or the values PostgreSQL names', async () => {
    const { database, drop } = await openTestDatabase();
    const lines: string[] = [];
    const base = loadConfig({});
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-log-'));
    const app = await buildApp({ config: { ...base, dataDir }, database, clock: new ManualClock(new Date()), logger: { level: 'info' }, logStream: { write: (l) => void lines.push(l) } });
    const hash = 'scrypt$16384$8$1$c2VjcmV0LXNhbHQ$SECRET-HASH-VALUE-0123456789';
    const idNumber = '32060219800101123X';
    // Routes that fail inside the database the way a bug would: a duplicate key carrying a password hash, and a cast
    // of a 身份证号 (PostgreSQL repeats the value in its message).
    app.get('/api/test/duplicate', { config: { public: true } }, async () => {
      await database.db.execute(sql`insert into app_user (id, username, display_name, password_hash, role, org_unit_id, password_changed_at, created_at, updated_at)
        select gen_random_uuid(), 'admin', 'x', ${hash}, 'officer', org_unit_id, now(), now(), now() from app_user where username = 'admin'`);
      return {};
    });
    app.get('/api/test/cast', { config: { public: true } }, async () => {
      await database.db.execute(sql`select ${idNumber}::int as n`);
      return {};
    });
    await app.ready();
    try {
      for (const url of ['/api/test/duplicate', '/api/test/cast']) {
        const r = await app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 500, url);
        assert.equal(r.json().code, 'internal.error');
        assert.ok(!r.body.includes(idNumber) && !r.body.includes('SECRET-HASH'));
      }
      // A search for a person by ID number: the query string is not logged either.
      await app.inject({ method: 'GET', url: `/api/ledger/persons?q=${idNumber}` });
      const log = lines.join('');
      assert.match(log, /unhandled error/, 'the errors were logged');
      assert.match(log, /23505|duplicate key/, 'with what went wrong');
      assert.ok(!log.includes('SECRET-HASH'), 'no password hash in the log');
      assert.ok(!log.includes(idNumber) && !log.includes(idNumber.slice(0, 14)), 'no ID number in the log');
    } finally {
      await app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
