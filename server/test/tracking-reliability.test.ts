/**
 * Reliability of ingest: the real server process under sustained OsmAnd and JT/T 808 load is killed with SIGKILL,
 * restarted on the same database, and every position it acknowledged (HTTP 200, 0x8001 result 0) must be there.
 * Runs on the embedded database (a data dir) or PostgreSQL (GUIFAN_TEST_DB=pg: a database cloned from the template).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Jt808Message } from '../src/modules/tracking/domain/jt808';
import { loc, Terminal } from './jt808-terminal';
import { PG_TEMPLATE_DB, pgAdminUrl, pgUrlFor, TEST_ADMIN_PASSWORD, testDbKind } from './template';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The PostgreSQL clone already has the template's admin; a fresh embedded data dir creates it with this password.
const ADMIN_PASSWORD = TEST_ADMIN_PASSWORD;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

interface Server {
  proc: ChildProcess;
  exited: Promise<number | null>;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out.slice(-2000)}`)), 120_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes('guifan: devices:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
  return { proc, exited };
}

function httpGet(port: number, p: string, headers: Record<string, string> = {}, agent?: http.Agent): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const r = http.get({ host: '127.0.0.1', port, path: p, headers, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    r.on('error', reject);
  });
}

describe(`tracking reliability on ${testDbKind() === 'pg' ? 'PostgreSQL' : 'the embedded database'}: SIGKILL during ingest loses no acknowledged position`, () => {
  const env: NodeJS.ProcessEnv = {};
  let dataDir: string;
  let dbName: string | null = null;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-rel-'));
    Object.assign(env, {
      GUIFAN_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      GUIFAN_OSMAND_PORT: String(await freePort()),
      GUIFAN_JT808_PORT: String(await freePort()),
      GUIFAN_DEVICE_AUTOREGISTER: 'true',
      GUIFAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      GUIFAN_LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
    });
    if (testDbKind() === 'pg') {
      dbName = `guifan_rel_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgAdminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${PG_TEMPLATE_DB}`);
      await admin.end();
      env.DATABASE_URL = pgUrlFor(dbName);
    }
  });
  after(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: pgAdminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  });

  test('every acknowledged OsmAnd and JT/T 808 position is stored after a SIGKILL and restart', { timeout: 240_000 }, async (t) => {
    const server = await startServer(env);
    const osmandPort = Number(env.GUIFAN_OSMAND_PORT);
    const jtPort = Number(env.GUIFAN_JT808_PORT);
    const acked = new Map<string, Set<number>>(); // identifier → acknowledged fix times (s)
    const ack = (id: string, t: number) => {
      const s = acked.get(id) ?? new Set<number>();
      s.add(t);
      acked.set(id, s);
    };
    let stop = false;
    const base = Math.floor(Date.now() / 1000) - 3 * 3600;

    // 16 phones, one request at a time each (as Traccar Client), a fix per second of device time.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const phones = Array.from({ length: 16 }, (_, i) =>
      (async () => {
        const id = `rel-phone-${i}`;
        for (let k = 0; !stop; k++) {
          const t = base + k;
          try {
            const r = await httpGet(osmandPort, `/?id=${id}&lat=${(31.98 + k * 1e-5).toFixed(6)}&lon=120.89&timestamp=${t}`, {}, agent);
            if (r.status === 200) ack(id, t);
          } catch {
            return; // the server is gone
          }
        }
      })(),
    );
    // 6 terminals: register, authenticate, then locations, several in flight.
    const terminals = Array.from({ length: 6 }, (_, i) =>
      (async () => {
        const phone = `01990007${String(1000 + i)}`;
        const term = new Terminal(phone);
        await term.connect(jtPort);
        const reg = (await term.reply(term.send({ kind: 'register', header: term.header(), body: { province: 32, city: 600, manufacturer: 'REL01', model: 'M', terminalId: `R${i}`, plateColor: 1, plate: `苏F9${i}` } }))) as Extract<Jt808Message, { kind: 'registerReply' }>;
        await term.reply(term.send({ kind: 'auth', header: term.header(), body: { authCode: reg.body.authCode! } }));
        const ident = phone.replace(/^0+/, '');
        for (let k = 0; !stop && !term.closed; k += 8) {
          const batch = [];
          for (let j = 0; j < 8; j++) {
            const t = base + k + j;
            const serial = term.send({ kind: 'location', header: term.header(), body: loc(31.97 + (k + j) * 1e-5, 120.9, new Date(t * 1000)) });
            batch.push(
              term.reply(serial, 10_000).then(
                (r) => {
                  if (r.kind === 'platformReply' && r.body.result === 0) ack(ident, t);
                },
                () => undefined,
              ),
            );
          }
          await Promise.all(batch);
        }
        term.close();
      })().catch(() => undefined),
    );

    // Let the load run, then kill the server in the middle of it.
    const total = () => [...acked.values()].reduce((s, v) => s + v.size, 0);
    const started = Date.now();
    while (total() < 1000 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
    server.proc.kill('SIGKILL');
    await server.exited;
    stop = true;
    await Promise.all([...phones, ...terminals]);
    agent.destroy();
    const ackedTotal = total();
    assert.ok(ackedTotal >= 500, `sustained ingest before the kill (${ackedTotal} acknowledged)`);

    // Restart on the same database and read back through the API.
    const again = await startServer(env);
    try {
      const port = Number(env.PORT);
      const login = await new Promise<string>((resolve, reject) => {
        const r = http.request({ host: '127.0.0.1', port, path: '/api/identity/login', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          const c = (res.headers['set-cookie'] ?? []).find((x) => x.startsWith('guifan_session='));
          if (res.statusCode !== 200 || !c) reject(new Error(`login ${res.statusCode}`));
          else resolve(c.split(';')[0]!);
        });
        r.end(JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
      });
      const devices = JSON.parse((await httpGet(port, '/api/tracking/devices', { cookie: login })).body).items as { id: string; identifier: string }[];
      const from = new Date((base - 60) * 1000).toISOString();
      const to = new Date((base + 6 * 86_400 - 120) * 1000).toISOString();
      let missing = 0;
      let stored = 0;
      for (const [ident, times] of acked) {
        const d = devices.find((x) => x.identifier === ident);
        assert.ok(d, `device ${ident} registered`);
        const items = JSON.parse((await httpGet(port, `/api/tracking/positions?deviceId=${d.id}&from=${from}&to=${to}`, { cookie: login })).body).items as { time: string }[];
        const have = new Set(items.map((p) => Math.floor(Date.parse(p.time) / 1000)));
        stored += have.size;
        for (const t of times) if (!have.has(t)) missing++;
      }
      assert.equal(missing, 0, `${missing} of ${ackedTotal} acknowledged positions missing after the kill`);
      assert.ok(stored >= ackedTotal);
      t.diagnostic(`${ackedTotal} positions acknowledged before SIGKILL, all ${ackedTotal} found after restart (${stored} stored in all)`);
    } finally {
      again.proc.kill('SIGTERM');
      await again.exited;
    }
  });
});
