/**
 * JT/T 808 gateway security: each test performs an attack that used to work and checks that it no longer does.
 * Limits are injected small and explicit through the gateway options; waits are for conditions, never durations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { checksum, encodeMessage, wrapFrame, type Jt808Message, type RegisterBody } from '../src/modules/tracking/domain/jt808';
import { AutoregisterLimiter } from '../src/modules/tracking/tracking.ingest';
import { escapeLike } from '../src/modules/tracking/tracking.repository';
import { loc, Terminal } from './jt808-terminal';
import { startJt808Gateway, type Jt808Gateway } from '../src/modules/tracking';

type RegisterReply = Extract<Jt808Message, { kind: 'registerReply' }>;
type PlatformReply = Extract<Jt808Message, { kind: 'platformReply' }>;
type Json = Record<string, unknown> & { id: string; version: number };

const REG: RegisterBody = { province: 32, city: 600, manufacturer: 'SEC01', model: 'M1', terminalId: 'S000001', plateColor: 1, plate: '苏F5EC01' };

/** A logger that keeps the lines (the gateway's log volume is part of what is tested). */
function captureLog() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg: msg ?? '' });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } };
}

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function register(term: Terminal, body: RegisterBody = REG): Promise<RegisterReply['body']> {
  return ((await term.reply(term.send({ kind: 'register', header: term.header(), body }))) as RegisterReply).body;
}
async function authenticate(term: Terminal, authCode: string): Promise<number> {
  return ((await term.reply(term.send({ kind: 'auth', header: term.header(), body: { authCode } }))) as PlatformReply).body.result;
}
async function locate(term: Terminal, at: Date, lat = 31.97): Promise<number> {
  return ((await term.reply(term.send({ kind: 'location', header: term.header(), body: loc(lat, 120.9, at) }))) as PlatformReply).body.result;
}

/** A frame whose header carries these phone bytes (hex, BCD[6]), checksum made valid. */
function withPhone(m: Parameters<typeof encodeMessage>[0], phoneHex: string): Buffer {
  const wire = encodeMessage(m)[0]!;
  const content = Buffer.from(wire.subarray(1, wire.length - 1));
  Buffer.from(phoneHex, 'hex').copy(content, 4);
  content[content.length - 1] = checksum(content, 0, content.length - 1);
  return wrapFrame(content);
}

describe('JT/T 808 security', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let zhId: string;
  let gw: Jt808Gateway;
  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const count = async (q: ReturnType<typeof sql>) => (await t.database.rows<{ n: number }>(q))[0]!.n;
  const positionsOf = (deviceId: string) => count(sql`select count(*)::int as n from tracking_position where device_id = ${deviceId}`);
  let n = 0;
  /** A fresh terminal registered by the API in 竹行 (no code yet). */
  const newTerminal = async (): Promise<Json> => {
    const identifier = `1390077${String(1000 + ++n)}`;
    const r = await req('POST', '/api/tracking/devices', leader, { identifier, protocol: 'jt808', kind: 'vehicle_terminal', name: `安全测试车${n}`, orgUnitId: zhId });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as Json;
  };

  before(async () => {
    t = await createTestContext();
    zhId = await t.unitId(UNITS.zhuhang);
    const users = await t.database.rows<{ username: string; role: string; code: string }>(
      sql`select u.username, u.role, o.code from app_user u join org_unit o on o.id = u.org_unit_id where u.is_demo and u.role in ('team_leader','officer')`,
    );
    leader = await t.login(users.find((u) => u.code === UNITS.zhuhang && u.role === 'team_leader')!.username);
    officer = await t.login(users.find((u) => u.code === UNITS.zhuhang && u.role === 'officer')!.username);
    gw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 50, log: captureLog().log });
  });
  after(async () => {
    await gw.close();
    await t.close();
  });

  test('takeover: a second connection registering a registered number gets no code (0x8100 result 3), cannot authenticate or report, and the real terminal carries on', async () => {
    const car = await newTerminal();
    const real = new Terminal(`0${car.identifier}`);
    await real.connect(gw.port);
    const issued = await register(real);
    assert.equal(issued.result, 0);
    assert.equal(await authenticate(real, issued.authCode!), 0);

    const thief = new Terminal(`0${car.identifier}`);
    await thief.connect(gw.port);
    const refused = await register(thief, { ...REG, plate: '苏F0THEF' });
    assert.equal(refused.result, 3, 'terminal already registered');
    assert.equal(refused.authCode, undefined);
    assert.equal(gw.stats.reregistrationsRefused, 1);
    assert.notEqual(await authenticate(thief, 'guess'), 0);
    assert.notEqual(await authenticate(thief, ''), 0);
    const before = await positionsOf(car.id);
    assert.equal(await locate(thief, new Date(Date.now() - 60_000), 31.5), 1, 'the thief’s positions are refused');
    assert.equal(await positionsOf(car.id), before);

    // The real terminal is not locked out: same code, a new connection too.
    assert.equal(await locate(real, new Date(Date.now() - 50_000)), 0);
    const again = new Terminal(`00000000${car.identifier}`, '2019');
    await again.connect(gw.port);
    assert.equal(await authenticate(again, issued.authCode!), 0);
    assert.equal(await positionsOf(car.id), before + 1);
    for (const x of [real, thief, again]) x.close();
  });

  test('deregistration (0x0003) ends the session but keeps the code: no one registers or authenticates with another code afterwards', async () => {
    const car = await newTerminal();
    const real = new Terminal(car.identifier as string);
    await real.connect(gw.port);
    const { authCode } = await register(real);
    assert.equal(await authenticate(real, authCode!), 0);
    const dereg = ((await real.reply(real.send({ kind: 'deregister', header: real.header() }))) as PlatformReply).body.result;
    assert.equal(dereg, 0);
    assert.equal(await locate(real, new Date(Date.now() - 40_000)), 1, 'no session after deregistering');

    const thief = new Terminal(car.identifier as string);
    await thief.connect(gw.port);
    assert.equal((await register(thief)).result, 3);
    assert.equal(await authenticate(thief, 'anything'), 1);
    assert.equal(await authenticate(real, authCode!), 0, 'the terminal itself authenticates again with its code');
    real.close();
    thief.close();
  });

  test('administrator reset: permission and audit; the session of the old code ends; the terminal registers again and gets a new code', async () => {
    const car = await newTerminal();
    const term = new Terminal(car.identifier as string);
    await term.connect(gw.port);
    const first = await register(term);
    assert.equal(await authenticate(term, first.authCode!), 0);
    assert.equal((await req('GET', `/api/tracking/devices/${car.id}`, leader)).json().hasAuthCode, true);

    assert.equal((await req('POST', `/api/tracking/devices/${car.id}/reset-auth-code`, officer)).statusCode, 403, 'an officer may not manage devices');
    const reset = await req('POST', `/api/tracking/devices/${car.id}/reset-auth-code`, leader);
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(reset.json().hasAuthCode, false);
    const [audit] = await t.database.rows<{ action: string; before: unknown; after: unknown }>(
      sql`select action, before, after from audit_record where entity_id = ${car.id} and action = 'tracking.device.reset_auth_code'`,
    );
    assert.deepEqual(audit, { action: 'tracking.device.reset_auth_code', before: { hasAuthCode: true }, after: { hasAuthCode: false } });
    assert.ok(!JSON.stringify(audit).includes(first.authCode!), 'the code itself is never audited');

    // The connection that authenticated with the old code is no longer trusted.
    assert.equal(await locate(term, new Date(Date.now() - 30_000)), 1);
    // The terminal (factory reset, lost its code) registers again: a new code, the old one no longer works.
    const second = await register(term);
    assert.equal(second.result, 0);
    assert.notEqual(second.authCode, first.authCode);
    assert.equal(await authenticate(term, first.authCode!), 1);
    assert.equal(await authenticate(term, second.authCode!), 0);
    assert.equal(await locate(term, new Date(Date.now() - 20_000)), 0);
    term.close();

    const phone = (await req('POST', '/api/tracking/devices', leader, { identifier: 'sec-phone-1', protocol: 'osmand', kind: 'phone', name: '手机', orgUnitId: zhId })).json() as Json;
    const notJt = await req('POST', `/api/tracking/devices/${phone.id}/reset-auth-code`, leader);
    assert.equal(notJt.statusCode, 400);
    assert.equal(notJt.json().code, 'tracking.not_jt808');
  });

  test('terminal numbers with hex digits: refused at decode, nothing stored, no reply, the connection counts them', async () => {
    const car = await newTerminal();
    const term = new Terminal(car.identifier as string);
    await term.connect(gw.port);
    const bad = gw.stats.badFrames;
    const header = { phone: '000000000000', version: '2013' as const, serial: 900 };
    term.write(withPhone({ kind: 'register', header, body: REG }, '01390077abcd'));
    term.write(withPhone({ kind: 'location', header: { ...header, serial: 901 }, body: loc(31.9, 120.9, new Date()) }, `0${String(car.identifier).slice(0, 10)}f`));
    await until('both frames counted as bad', () => gw.stats.badFrames >= bad + 2);
    // The same connection stays usable for a well-formed terminal number.
    const { authCode } = await register(term);
    assert.equal(await authenticate(term, authCode!), 0);
    assert.equal(term.replies.some((m) => (m.kind === 'platformReply' || m.kind === 'registerReply') && [900, 901].includes(m.body.replySerial)), false, 'no reply to a number that cannot be written');
    assert.equal(await count(sql`select count(*)::int as n from tracking_device where identifier ~ '[a-f]' and protocol = 'jt808'`), 0);
    term.close();
  });

  test('dropped frames count: bad escapes and garbage close the connection beyond a small allowance, with a few log lines and a summary', async () => {
    const { lines, log } = captureLog();
    const strict = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 5, log, maxBadFrames: 10, badFramesPerMinute: 1, maxMessagesPerSecond: 1_000_000 });
    const badEscape = Buffer.from('7e01027d037e', 'hex'); // 7D 03 is no escape
    const junk = new Terminal('013900000001');
    await junk.connect(strict.port);
    junk.write(Buffer.concat(Array.from({ length: 5000 }, () => badEscape)));
    assert.equal(await junk.closedWithin(60_000), true, 'closed for bad frames');
    await until('connection summary logged', () => lines.some((l) => /^jt808: connection closed: \d+ bad frames, \d+ bytes$/.test(l.msg)));
    const summary = lines.find((l) => l.msg.startsWith('jt808: connection closed:'))!;
    assert.match(String(summary.obj.reason), /bad frames/);
    assert.ok((summary.obj.badFrames as number) >= 11);
    // One warning per kind per interval, the closing line and the summary: not one line per frame.
    assert.ok(lines.filter((l) => l.level === 'warn').length <= 5, JSON.stringify(lines.map((l) => l.msg)));

    // A well-behaved terminal on the same gateway is not affected.
    const car = await newTerminal();
    const good = new Terminal(car.identifier as string);
    await good.connect(strict.port);
    const { authCode } = await register(good);
    assert.equal(await authenticate(good, authCode!), 0);
    assert.equal(await locate(good, new Date(Date.now() - 10_000)), 0);

    // Bytes count too: valid frames beyond the byte budget (here 2,000/s, a burst of 20,000 bytes) close the connection.
    const bytesGw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 5, log, maxBytesPerSecond: 2_000, maxMessagesPerSecond: 1_000_000 });
    const chatty = new Terminal('013900000002');
    await chatty.connect(bytesGw.port);
    const hb = encodeMessage({ kind: 'heartbeat', header: { phone: '013900000002', version: '2013', serial: 1 } })[0]!;
    chatty.write(Buffer.concat(Array.from({ length: Math.ceil(40_000 / hb.length) }, () => hb)));
    assert.equal(await chatty.closedWithin(60_000), true, 'closed for bytes');
    await until('byte budget named', () => lines.some((l) => l.msg === 'jt808: closing connection' && /bytes per second/.test(String(l.obj.reason))));
    good.close();
    await Promise.all([strict.close(), bytesGw.close()]);
  });

  test('wrong authentication codes cost the allowance: guessing is cut off', async () => {
    const car = await newTerminal();
    const owner = new Terminal(car.identifier as string);
    await owner.connect(gw.port);
    await register(owner);
    owner.close();
    const guesser = new Terminal(car.identifier as string);
    await guesser.connect(gw.port);
    for (let i = 0; i < 100 && !guesser.closed; i++) await authenticate(guesser, `guess-${i}`).catch(() => undefined);
    assert.equal(guesser.closed, true);
  });

  test('device search: % _ and \\ in q match themselves', async () => {
    const names = ['搜索 100% 完成', '搜索 a_b', '搜索 a\\b', '搜索 aXb'];
    for (const [i, name] of names.entries()) {
      const r = await req('POST', '/api/tracking/devices', leader, { identifier: `like-${i}`, protocol: 'osmand', kind: 'phone', name, orgUnitId: zhId });
      assert.equal(r.statusCode, 201, r.body);
    }
    const search = async (q: string) => ((await req('GET', `/api/tracking/devices?q=${encodeURIComponent(q)}`, leader)).json().items as Json[]).map((d) => d.name).sort();
    assert.deepEqual(await search('%'), ['搜索 100% 完成']);
    assert.deepEqual(await search('a_b'), ['搜索 a_b']);
    assert.deepEqual(await search('a\\b'), ['搜索 a\\b']);
    assert.deepEqual(await search('搜索 a'), ['搜索 a\\b', '搜索 aXb', '搜索 a_b'].sort());
    assert.equal(escapeLike('50%_\\'), '50\\%\\_\\\\');
  });

  test('memory stays bounded and a good terminal keeps its acks under 200,000 random and mutated frames from 4 connections', async (ctx) => {
    // Collect garbage on demand without --expose-gc on the command line.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // Budgets high enough that the fuzz frames are decoded and dispatched (the memory bounds are what is tested);
    // the connections the framer closes (overflow) reconnect.
    const fuzzGw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 20, log: captureLog().log, maxMessagesPerSecond: 1e9, maxBytesPerSecond: 1e12, maxBadFrames: 1e9 });
    const car = await newTerminal();
    const good = new Terminal(car.identifier as string);
    await good.connect(fuzzGw.port);
    const { authCode } = await register(good);
    assert.equal(await authenticate(good, authCode!), 0);
    const baseline = heap();

    let seed = 808;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const now = new Date();
    const seeds = [
      ...encodeMessage({ kind: 'location', header: { phone: '013900099999', version: '2013', serial: 1 }, body: loc(31.9, 120.9, now) }),
      ...encodeMessage({ kind: 'register', header: { phone: '013900099999', version: '2013', serial: 2 }, body: REG }),
      ...encodeMessage({ kind: 'batch', header: { phone: '013900099999', version: '2013', serial: 3 }, body: { type: 1, locations: Array.from({ length: 30 }, () => loc(31.9, 120.9, now)) } }, { maxBodyLength: 200 }),
      ...encodeMessage({ kind: 'heartbeat', header: { phone: '00000000013900099999', version: '2019', serial: 9 } }),
    ].map((f) => Buffer.from(f.subarray(1, f.length - 1))); // unescaped content: none of these seeds contains 7D
    const mutated = (): Buffer => {
      const r = rand();
      if (r < 0.2) return Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 80) }, () => Math.floor(rand() * 256)));
      const f = Buffer.from(seeds[Math.floor(rand() * seeds.length)]!);
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) f[Math.floor(rand() * f.length)] = Math.floor(rand() * 256);
      // Half keep a valid checksum so that the body decoders, the subpackage assembler and the dispatch are reached.
      if (rand() < 0.5) f[f.length - 1] = checksum(f, 0, f.length - 1);
      return wrapFrame(f);
    };

    const TOTAL = 200_000;
    const PER_WRITE = 500;
    let sent = 0;
    let reconnects = 0;
    const fuzzers = await Promise.all(Array.from({ length: 4 }, async () => {
      const f = new Terminal('013900099999');
      await f.connect(fuzzGw.port);
      return f;
    }));
    let lastAckCheck = 0;
    let acks = 0;
    while (sent < TOTAL) {
      for (let i = 0; i < fuzzers.length && sent < TOTAL; i++) {
        let f = fuzzers[i]!;
        if (f.closed) {
          f = fuzzers[i] = new Terminal('013900099999');
          await f.connect(fuzzGw.port);
          reconnects++;
        }
        f.write(Buffer.concat(Array.from({ length: PER_WRITE }, mutated)));
        sent += PER_WRITE;
        await f.flushed();
        f.replies.length = 0; // the test's own client must not hold the replies (same process, same heap)
      }
      if (sent - lastAckCheck >= 20_000) {
        lastAckCheck = sent;
        // The well-behaved terminal is acknowledged throughout (its positions stored).
        assert.equal(await locate(good, new Date(Date.now() - 100_000 + acks * 1000), 31.97 + acks * 1e-4), 0);
        acks++;
      }
    }
    // Everything sent has been read once each fuzzer's connection is closed after our end.
    for (const f of fuzzers) f.end();
    await until('fuzz connections drained', () => fuzzGw.connections === 1);
    for (const f of fuzzers) f.replies.length = 0;
    assert.equal(await locate(good, new Date(Date.now() - 1000), 31.99), 0);
    const grown = heap() - baseline;
    // The ceiling is generous (a gc'd heap, loaded machine); unbounded buffers grew by more than 1 GB over 10 M frames.
    const CEILING = 150 * 1024 * 1024;
    ctx.diagnostic(`${sent} fuzz frames, ${fuzzGw.stats.framesIn} read as frames, ${fuzzGw.stats.badFrames} bad, ${reconnects} reconnects; heap +${Math.round(grown / 1024 / 1024)} MB`);
    assert.ok(grown < CEILING, `heap grew by ${Math.round(grown / 1024 / 1024)} MB`);
    assert.ok(acks >= 10);
    assert.ok(fuzzGw.stats.framesIn > TOTAL / 2, 'most fuzz frames were read and decoded');
    good.close();
    await fuzzGw.close();
  });
});

describe('JT/T 808 auto-registration limits', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ tracking: { autoregister: true, autoregisterPerAddressPerHour: 3, autoregisterPerDay: 4 } });
  });
  after(async () => t.close());

  test('a few per source address, a cap in total; refused registrations get "no such terminal" and create nothing', async () => {
    const gw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 20, log: captureLog().log });
    const results: number[] = [];
    const from = async (phone: string, localAddress: string) => {
      const term = new Terminal(phone);
      await term.connect(gw.port, localAddress);
      const r = await register(term, { ...REG, plate: `苏F${phone.slice(-5)}` });
      term.close();
      return r.result;
    };
    for (let i = 0; i < 5; i++) results.push(await from(`01390088${1000 + i}`, '127.0.0.1'));
    assert.deepEqual(results, [0, 0, 0, 4, 4], '3 per address within the hour');
    assert.equal(await from('013900882000', '127.0.0.2'), 0, 'another address may still register');
    assert.equal(await from('013900882001', '127.0.0.3'), 4, 'the total cap (4) is reached');
    const created = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from tracking_device where identifier like '13900881%' or identifier like '13900882%'`);
    assert.equal(created[0]!.n, 4);
    await gw.close();
  });

  test('limiter windows (pure)', () => {
    const l = new AutoregisterLimiter(2, 3);
    assert.equal(l.take('a', 0), null);
    assert.equal(l.take('a', 1), null);
    assert.match(l.take('a', 2) ?? '', /from a within an hour/);
    assert.equal(l.take('b', 3), null);
    assert.match(l.take('c', 4) ?? '', /3 devices auto-registered within a day/);
    assert.match(l.take('a', 3_600_001) ?? '', /within a day/, 'the day cap holds after the hour');
    assert.equal(l.take('a', 86_400_001), null, 'a new day');
  });
});
