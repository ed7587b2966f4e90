import type net from 'node:net';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';
import { encodeMessage, wrapFrame, type Jt808Message } from '../src/modules/tracking/domain/jt808';
import { loc, Terminal } from './jt808-terminal';
import { startJt808Gateway, maintainPartitions, cnDay, partitionName, type Jt808Gateway } from '../src/modules/tracking';

type Json = Record<string, unknown> & { id: string; version: number };

describe('tracking: devices, OsmAnd, JT/T 808 gateway, storage, analytics, duty', () => {
  let t: TestContext;
  let admin: string;
  let zhLeader: string;
  let cdOfficer: string;
  let zhId: string;
  let gw: Jt808Gateway;
  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const count = async (q: ReturnType<typeof sql>) => (await t.database.rows<{ n: number }>(q))[0]!.n;
  const positionsOf = (deviceId: string) => count(sql`select count(*)::int as n from tracking_position where device_id = ${deviceId}`);
  let zhDevices: Json[];

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    zhId = await t.unitId(UNITS.zhuhang);
    const users = await t.database.rows<{ username: string; role: string; code: string }>(
      sql`select u.username, u.role, o.code from app_user u join org_unit o on o.id = u.org_unit_id where u.is_demo and u.role in ('team_leader','officer')`,
    );
    zhLeader = await t.login(users.find((u) => u.code === UNITS.zhuhang && u.role === 'team_leader')!.username);
    cdOfficer = await t.login(users.find((u) => u.code === UNITS.chengdong && u.role === 'officer')!.username);
    gw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 50, log: t.app.log, maxMessagesPerSecond: 500 });
    zhDevices = (await req('GET', `/api/tracking/devices?orgUnitId=${zhId}`, admin)).json().items;
  });
  after(async () => {
    await gw.close();
    await t.close();
  });

  test('demo devices: phones, car terminals and body cameras of a team, bound, with yesterday’s last position', async () => {
    const kinds = new Set(zhDevices.map((d) => d.kind));
    assert.deepEqual([...kinds].sort(), ['body_camera', 'phone', 'vehicle_terminal']);
    const phone = zhDevices.find((d) => d.kind === 'phone' && d.lastPosition)!;
    assert.ok(phone, 'a 竹行 phone with a last position');
    assert.ok((phone.binding as { personName: string }).personName);
    assert.equal(phone.online, false);
  });

  test('device registry: create, duplicate refused, 808 number normalised, edit with versions, audited', async () => {
    const bad = await req('POST', '/api/tracking/devices', zhLeader, { identifier: '13A', protocol: 'jt808', kind: 'vehicle_terminal', name: 'x', orgUnitId: zhId });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /identifier/);
    const created = await req('POST', '/api/tracking/devices', zhLeader, { identifier: '013900001111', protocol: 'jt808', kind: 'vehicle_terminal', name: '苏F测试 车载终端', orgUnitId: zhId });
    assert.equal(created.statusCode, 201, created.body);
    const d = created.json() as Json;
    assert.equal(d.identifier, '13900001111');
    const dup = await req('POST', '/api/tracking/devices', zhLeader, { identifier: '00000000013900001111', protocol: 'jt808', kind: 'vehicle_terminal', name: 'again', orgUnitId: zhId });
    assert.equal(dup.statusCode, 409);
    const other = await req('POST', '/api/tracking/devices', zhLeader, { identifier: 'p-1', protocol: 'osmand', kind: 'phone', name: 'x', orgUnitId: await t.unitId(UNITS.chengdong) });
    assert.equal(other.statusCode, 403, 'a team leader registers devices for his own team only');
    const edited = await req('PATCH', `/api/tracking/devices/${d.id}`, zhLeader, { version: d.version, name: '巡查车1' });
    assert.equal(edited.statusCode, 200);
    const stale = await req('PATCH', `/api/tracking/devices/${d.id}`, zhLeader, { version: d.version, name: 'stale' });
    assert.equal(stale.statusCode, 409);
    assert.equal(await count(sql`select count(*)::int as n from audit_record where entity_id = ${d.id}`), 2);
    // Another team cannot see it.
    assert.equal((await req('GET', `/api/tracking/devices/${d.id}`, cdOfficer)).statusCode, 404);
  });

  test('bindings: to an officer, then a colleague; overlapping periods refused; unbind', async () => {
    const persons = (await req('GET', `/api/ledger/persons?orgUnitId=${zhId}&status=active`, admin)).json().items as Json[];
    const created = (await req('POST', '/api/tracking/devices', zhLeader, { identifier: 'bind-test', protocol: 'osmand', kind: 'phone', name: '备用手机', orgUnitId: zhId })).json() as Json;
    const b1 = await req('POST', `/api/tracking/devices/${created.id}/bindings`, zhLeader, { personId: persons[0]!.id, validFrom: '2026-01-01T00:00:00Z' });
    assert.equal(b1.statusCode, 201, b1.body);
    const b2 = await req('POST', `/api/tracking/devices/${created.id}/bindings`, zhLeader, { personId: persons[1]!.id, validFrom: '2026-02-01T00:00:00Z' });
    assert.equal(b2.statusCode, 201);
    const early = await req('POST', `/api/tracking/devices/${created.id}/bindings`, zhLeader, { personId: persons[2]!.id, validFrom: '2026-01-15T00:00:00Z' });
    assert.equal(early.statusCode, 409, 'a binding inside an earlier period is refused');
    const both = await req('POST', `/api/tracking/devices/${created.id}/bindings`, zhLeader, { personId: persons[2]!.id, assetId: persons[2]!.id });
    assert.equal(both.statusCode, 400);
    const detail = (await req('GET', `/api/tracking/devices/${created.id}`, admin)).json();
    assert.equal(detail.bindings.length, 2);
    assert.equal(detail.bindings[0].validTo, '2026-02-01T00:00:00.000Z');
    assert.equal(detail.binding.personId, persons[1]!.id);
    const un = await req('POST', `/api/tracking/devices/${created.id}/unbind`, zhLeader, {});
    assert.equal(un.statusCode, 200);
    assert.equal(un.json().binding, null);
  });

  test('OsmAnd: query, form and JSON forms are stored before 200; unknown and disabled devices get 403; bad input 400 naming the field', async () => {
    const phone = zhDevices.find((d) => d.kind === 'phone')!;
    const id = phone.identifier as string;
    const before = await positionsOf(phone.id);
    const now = Math.floor(Date.now() / 1000);
    const g = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${id}&lat=31.98&lon=120.89&timestamp=${now - 30}&speed=2.7&bearing=90&batt=77&hdop=1.2&custom=x` });
    assert.equal(g.statusCode, 200, g.body);
    assert.equal(await positionsOf(phone.id), before + 1, 'stored by the time 200 is sent');
    const form = await t.app.inject({ method: 'POST', url: '/api/tracking/osmand', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `deviceid=${id}&location=31.9801,120.8901&timestamp=${now - 20}` });
    assert.equal(form.statusCode, 200, form.body);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/tracking/osmand',
      headers: { 'content-type': 'application/json' },
      payload: { device_id: id, location: { timestamp: new Date((now - 10) * 1000).toISOString(), coords: { latitude: 31.9802, longitude: 120.8902, accuracy: 6, speed: 1.2, heading: 45, altitude: 4 }, battery: { level: 0.6 } } },
    });
    assert.equal(json.statusCode, 200, json.body);
    assert.equal(await positionsOf(phone.id), before + 3);
    const [row] = await t.database.rows<{ speed_kmh: number; attributes: Record<string, unknown>; battery: number; source: number }>(
      sql`select speed_kmh, attributes, battery, source from tracking_position where device_id = ${phone.id} and fix_time = ${new Date((now - 30) * 1000)}`,
    );
    assert.ok(Math.abs(row!.speed_kmh - 2.7 * 1.852) < 0.01, 'knots → km/h');
    assert.equal(row!.attributes.custom, 'x');
    assert.equal(row!.battery, 77);
    assert.equal(row!.source, 1);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=nobody&lat=31.98&lon=120.89&timestamp=${now}` });
    assert.equal(unknown.statusCode, 403);
    const badLat = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${id}&lat=131.98&lon=120.89&timestamp=${now}` });
    assert.equal(badLat.statusCode, 400);
    assert.match(badLat.body, /^lat/);
    const badTime = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${id}&lat=31.98&lon=120.89&timestamp=yesterday` });
    assert.equal(badTime.statusCode, 400);
    assert.match(badTime.body, /timestamp/);
    // Disable → refused at once (the ingest cache is invalidated).
    const d = (await req('GET', `/api/tracking/devices/${phone.id}`, admin)).json() as Json;
    assert.equal((await req('PATCH', `/api/tracking/devices/${phone.id}`, admin, { version: d.version, status: 'disabled' })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${id}&lat=31.98&lon=120.89&timestamp=${now}` })).statusCode, 403);
    const d2 = (await req('GET', `/api/tracking/devices/${phone.id}`, admin)).json() as Json;
    await req('PATCH', `/api/tracking/devices/${phone.id}`, admin, { version: d2.version, status: 'active' });
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${id}&lat=31.98&lon=120.89&timestamp=${now}` })).statusCode, 200);
  });

  test('filters flag and never drop: jump, duplicate, future, not located; the last position stays the last clean fix', async () => {
    const phone = zhDevices.filter((d) => d.kind === 'phone')[1]!;
    const id = phone.identifier as string;
    const now = Math.floor(Date.now() / 1000);
    const send = (q: string) => t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${id}&${q}` });
    assert.equal((await send(`lat=31.98&lon=120.89&timestamp=${now - 60}`)).statusCode, 200);
    assert.equal((await send(`lat=31.98&lon=120.89&timestamp=${now - 60}`)).statusCode, 200); // duplicate
    assert.equal((await send(`lat=32.50&lon=120.89&timestamp=${now - 50}`)).statusCode, 200); // 58 km in 10 s
    assert.equal((await send(`lat=31.9801&lon=120.8901&timestamp=${now + 3600}`)).statusCode, 200); // an hour ahead
    assert.equal((await send(`lat=31.9802&lon=120.8902&timestamp=${now - 40}&valid=false`)).statusCode, 200);
    const list = (await req('GET', `/api/tracking/positions?deviceId=${phone.id}&from=${new Date((now - 70) * 1000).toISOString()}&to=${new Date((now + 7200) * 1000).toISOString()}`, admin)).json();
    const flags = list.items.map((p: { flags: string[] }) => p.flags.join('+'));
    assert.deepEqual(flags, ['', 'duplicate', 'jump', 'not_located', 'future']);
    await t.app.tracking.ingest.saveState(); // device state is saved once a second, off the acknowledgement path
    const d = (await req('GET', `/api/tracking/devices/${phone.id}`, admin)).json();
    assert.equal(d.lastPosition.lat, 31.98, 'flagged fixes do not move the marker');
    const clean = (await req('GET', `/api/tracking/positions?deviceId=${phone.id}&from=${new Date((now - 70) * 1000).toISOString()}&to=${new Date((now + 7200) * 1000).toISOString()}&includeFlagged=false`, admin)).json();
    assert.equal(clean.items.length, 1);
  });

  test('auto-registration off: an unknown 808 terminal gets 0x8100 "no such terminal"', async () => {
    const term = new Terminal('013999999999');
    await term.connect(gw.port);
    const s = term.send({ kind: 'register', header: term.header(), body: { province: 32, city: 600, manufacturer: 'TEST1', model: 'M1', terminalId: 'T000001', plateColor: 1, plate: '苏F00000' } });
    const r = await term.reply(s);
    assert.equal(r.kind, 'registerReply');
    assert.equal((r as Extract<Jt808Message, { kind: 'registerReply' }>).body.result, 4);
    term.close();
  });

  test('JT/T 808: register → auth code, authenticate, locations and batches acknowledged only once stored, heartbeat, unsupported, bad frames', async () => {
    const car = zhDevices.find((d) => d.kind === 'vehicle_terminal')!;
    let code: string | undefined;
    for (const version of ['2013', '2019'] as const) {
      const term = new Terminal(version === '2013' ? `0${car.identifier}` : `000000000${car.identifier}`, version);
      await term.connect(gw.port);
      // Location before authentication: refused.
      const early = term.send({ kind: 'location', header: term.header(), body: loc(31.97, 120.9, new Date()) });
      assert.equal(((await term.reply(early)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 1);
      const reg = term.send({ kind: 'register', header: term.header(), body: { province: 32, city: 600, manufacturer: 'TEST1', model: 'M1', terminalId: 'T000001', plateColor: 1, plate: '苏F12345' } });
      const regReply = (await term.reply(reg)) as Extract<Jt808Message, { kind: 'registerReply' }>;
      if (version === '2013') {
        assert.equal(regReply.body.result, 0);
        assert.ok(regReply.body.authCode);
        code = regReply.body.authCode;
      } else {
        // The same number (2019 header, other padding) already has its code: "terminal already registered", no new code.
        assert.equal(regReply.body.result, 3);
        assert.equal(regReply.body.authCode, undefined);
      }
      const wrong = term.send({ kind: 'auth', header: term.header(), body: { authCode: 'wrong', imei: '123456789012345', softwareVersion: '1.0' } });
      assert.equal(((await term.reply(wrong)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 1);
      const auth = term.send({ kind: 'auth', header: term.header(), body: { authCode: code!, imei: '123456789012345', softwareVersion: '1.0' } });
      assert.equal(((await term.reply(auth)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 0);

      const before = await positionsOf(car.id);
      const at = new Date(Date.now() - 5_000);
      const l = term.send({ kind: 'location', header: term.header(), body: loc(31.97, 120.9, at, { extras: { mileageKm: 1234.5 } }) });
      const ack = (await term.reply(l)) as Extract<Jt808Message, { kind: 'platformReply' }>;
      assert.equal(ack.body.result, 0);
      assert.equal(ack.body.replyId, 0x0200);
      assert.equal(await positionsOf(car.id), before + 1, 'stored when acknowledged');
      const [row] = await t.database.rows<{ lat: number; speed_kmh: number; attributes: { mileageKm?: number }; source: number; status: number }>(
        sql`select lat, speed_kmh, attributes, source, status from tracking_position where device_id = ${car.id} order by received_at desc, fix_time desc limit 1`,
      );
      assert.equal(row!.lat, 31.97);
      assert.equal(row!.source, 2);
      assert.equal(row!.attributes.mileageKm, 1234.5);
      const batch = term.send({ kind: 'batch', header: term.header(), body: { type: 1, locations: [1, 2, 3].map((k) => loc(31.97 + k * 0.0001, 120.9, new Date(at.getTime() - k * 60_000))) } });
      assert.equal(((await term.reply(batch)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 0);
      assert.equal(await positionsOf(car.id), before + 4);
      const hb = term.send({ kind: 'heartbeat', header: term.header() });
      assert.equal(((await term.reply(hb)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 0);
      // An unknown message id → 0x8001 result 3.
      const serial = ++term.serial;
      const unsupported = encodeMessage({ kind: 'heartbeat', header: { phone: term.phone, version, serial } })[0]!;
      const raw = Buffer.from(unsupported.subarray(1, unsupported.length - 1));
      raw.writeUInt16BE(0x0f01, 0);
      let cs = 0;
      for (let i = 0; i < raw.length - 1; i++) cs ^= raw[i]!;
      raw[raw.length - 1] = cs;
      term.write(wrapFrame(raw));
      assert.equal(((await term.reply(serial)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 3);
      // A bad checksum: dropped, no reply, the connection stays usable.
      const badSerial = ++term.serial;
      const bad = Buffer.from(encodeMessage({ kind: 'heartbeat', header: { phone: term.phone, version, serial: badSerial } })[0]!);
      bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0x01;
      term.write(bad);
      const after1 = term.send({ kind: 'heartbeat', header: term.header() });
      await term.reply(after1);
      assert.equal(term.replies.some((m) => m.kind === 'platformReply' && m.body.replySerial === badSerial), false);
      term.close();
    }
  });

  test('JT/T 808: a subpackaged batch is reassembled and stored; split TCP segments and many frames per segment work', async () => {
    const car = zhDevices.filter((d) => d.kind === 'vehicle_terminal')[1]!;
    const term = new Terminal(car.identifier as string);
    await term.connect(gw.port);
    const reg = term.send({ kind: 'register', header: term.header(), body: { province: 32, city: 600, manufacturer: 'TEST1', model: 'M1', terminalId: 'T000002', plateColor: 1, plate: '苏F22222' } });
    const code = ((await term.reply(reg)) as Extract<Jt808Message, { kind: 'registerReply' }>).body.authCode!;
    await term.reply(term.send({ kind: 'auth', header: term.header(), body: { authCode: code } }));
    const before = await positionsOf(car.id);
    const base = Date.now() - 3_600_000;
    const locations = Array.from({ length: 40 }, (_, k) => loc(31.96 + k * 0.0002, 120.91, new Date(base + k * 15_000)));
    const header = term.header();
    const frames = encodeMessage({ kind: 'batch', header, body: { type: 1, locations } }, { maxBodyLength: 300 });
    assert.ok(frames.length > 1);
    term.serial += frames.length - 1;
    // All packets in one buffer, then written in 7-byte slices.
    const wire = Buffer.concat(frames);
    for (let i = 0; i < wire.length; i += 7) term.write(wire.subarray(i, i + 7));
    const last = (header.serial + frames.length - 1) & 0xffff;
    const ack = (await term.reply(last)) as Extract<Jt808Message, { kind: 'platformReply' }>;
    assert.equal(ack.body.result, 0);
    assert.equal(await positionsOf(car.id), before + 40);
    term.close();
  });

  test('JT/T 808 abuse: garbage without delimiter closes that connection only; floods are cut; random and mutated frames never crash the gateway', async () => {
    const car = zhDevices.filter((d) => d.kind === 'vehicle_terminal')[2]!;
    const good = new Terminal(car.identifier as string);
    await good.connect(gw.port);
    const reg = good.send({ kind: 'register', header: good.header(), body: { province: 32, city: 600, manufacturer: 'TEST1', model: 'M1', terminalId: 'T000003', plateColor: 1, plate: '苏F33333' } });
    const code = ((await good.reply(reg)) as Extract<Jt808Message, { kind: 'registerReply' }>).body.authCode!;
    await good.reply(good.send({ kind: 'auth', header: good.header(), body: { authCode: code } }));

    const noDelimiter = new Terminal('013000000001');
    await noDelimiter.connect(gw.port);
    noDelimiter.write(Buffer.concat([Buffer.from([0x7e]), Buffer.alloc(5000, 0x41)]));
    assert.equal(await noDelimiter.closedWithin(60_000), true, 'an endless frame is cut at the buffer bound');

    // Fuzz: random bytes and mutated valid frames from several connections at once.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const valid = encodeMessage({ kind: 'location', header: { phone: '013000000002', version: '2013', serial: 1 }, body: loc(31.9, 120.9, new Date()) })[0]!;
    const fuzzers = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const f = new Terminal('013000000002');
        await f.connect(gw.port).catch(() => undefined);
        return f;
      }),
    );
    for (let round = 0; round < 200; round++) {
      const f = fuzzers[round % fuzzers.length]!;
      if (f.closed) continue;
      let buf: Buffer;
      if (rand() < 0.5) buf = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256)));
      else {
        buf = Buffer.from(valid);
        for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) buf[1 + Math.floor(rand() * (buf.length - 2))] = Math.floor(rand() * 256);
      }
      f.write(buf);
    }
    // The good terminal is unaffected.
    const at = new Date(Date.now() - 1000);
    const l = good.send({ kind: 'location', header: good.header(), body: loc(31.95, 120.92, at) });
    assert.equal(((await good.reply(l)) as Extract<Jt808Message, { kind: 'platformReply' }>).body.result, 0);
    // Flood: far beyond the per-connection rate → closed. The rate is explicit and small (5/s, a burst of 50) so
    // that the 6,000 frames exceed it however slowly a busy machine reads them (at 500/s the refill could keep up).
    const strict = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 5, log: t.app.log, maxMessagesPerSecond: 5 });
    const flood = new Terminal('013000000003');
    await flood.connect(strict.port);
    const hb = encodeMessage({ kind: 'heartbeat', header: { phone: '013000000003', version: '2013', serial: 1 } })[0]!;
    flood.write(Buffer.concat(Array.from({ length: 6000 }, () => hb)));
    // Wait for the condition (the bound is only a safety net for a hung test).
    assert.equal(await flood.closedWithin(60_000), true, 'a flood closes the connection');
    assert.equal(strict.stats.closedForAbuse, 1);
    await strict.close();
    assert.ok(gw.stats.closedForAbuse >= 1);
    for (const f of fuzzers) f.close();
    good.close();
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(health.statusCode, 200);
  });

  test('daily partitions: created ahead, rows in the default partition moved into their day, old days dropped by retention', async () => {
    const phone = zhDevices.filter((d) => d.kind === 'phone')[2]!;
    const today = cnDay(t.clock.now());
    const first = await maintainPartitions(t.database, t.clock, { retentionDays: null });
    assert.ok(first.created.includes(today), `today's partition created: ${JSON.stringify(first)}`);
    assert.ok(first.moved > 0, 'the demo tracks of yesterday moved out of the default partition');
    const parts = await t.database.rows<{ name: string }>(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'tracking_position'`);
    assert.ok(parts.some((p) => p.name === partitionName(today)));
    // A fix 40 days old arrives (an offline buffer): default partition, then maintenance gives it its own day.
    const old = new Date(t.clock.now().getTime() - 40 * 86_400_000);
    const r = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${phone.identifier}&lat=31.98&lon=120.89&timestamp=${Math.floor(old.getTime() / 1000)}` });
    assert.equal(r.statusCode, 200);
    assert.equal(await count(sql`select count(*)::int as n from tracking_position_default`), 1);
    const second = await maintainPartitions(t.database, t.clock, { retentionDays: null });
    assert.deepEqual(second.created, [cnDay(old)]);
    assert.equal(second.moved, 1);
    const oldDay = partitionName(cnDay(old));
    assert.equal(await count(sql`select count(*)::int as n from ${sql.identifier(oldDay)}`), 1);
    // Retention of 30 days drops that day.
    const third = await maintainPartitions(t.database, t.clock, { retentionDays: 30 });
    assert.deepEqual(third.dropped, [cnDay(old)]);
    assert.equal(await positionsOf(phone.id as string) > 0, true, 'recent positions kept');
  });

  test('replay and statistics of yesterday: a device and the whole team, scope enforced', async () => {
    const phone = zhDevices.find((d) => d.kind === 'phone' && d.lastPosition)!;
    const day = cnDay(new Date(t.clock.now().getTime() - 86_400_000));
    const from = new Date(`${day}T00:00:00+08:00`).toISOString();
    const to = new Date(`${day}T23:59:59+08:00`).toISOString();
    const one = await req('GET', `/api/tracking/replay?deviceId=${phone.id}&from=${from}&to=${to}`, zhLeader);
    assert.equal(one.statusCode, 200, one.body);
    const track = one.json().tracks[0];
    assert.ok(track.points.length > 500, `${track.points.length} points`);
    assert.ok(track.summary.distanceM > 5000);
    assert.ok(track.summary.stops.length > 0);
    assert.ok(track.summary.stops.every((s: { place: string | null }) => s.place !== null), 'stops are named by their grid');
    const team = (await req('GET', `/api/tracking/replay?orgUnitId=${zhId}&from=${from}&to=${to}`, zhLeader)).json();
    assert.ok(team.tracks.length >= 6);
    assert.equal((await req('GET', `/api/tracking/replay?deviceId=${phone.id}&from=${from}&to=${to}`, cdOfficer)).statusCode, 404, 'another team’s tracks are not visible');
    const tooLong = await req('GET', `/api/tracking/replay?deviceId=${phone.id}&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`, zhLeader);
    assert.equal(tooLong.statusCode, 400);
    const stats = (await req('GET', `/api/tracking/stats?orgUnitId=${zhId}&date=${day}`, zhLeader)).json();
    assert.ok(stats.team.gridsTotal > 0);
    assert.ok(stats.team.coverageRatio > 0.5);
    const row = stats.rows.find((r: { deviceId: string }) => r.deviceId === phone.id);
    assert.ok(row.distanceM > 5000 && row.shiftMs === 6 * 3_600_000);
    const dev = (await req('GET', `/api/tracking/stats/device?deviceId=${phone.id}&date=${day}`, zhLeader)).json();
    assert.ok(dev.coverage.cells.length > 0);
    assert.ok(dev.checkpoints.length > 0);
    assert.equal(dev.shifts.length, 2);
    assert.ok(dev.shifts[0].compliance.inAreaMs > 0);
    assert.equal((await req('GET', `/api/tracking/stats?orgUnitId=${zhId}&date=2026-02-30`, zhLeader)).statusCode, 400);
  });

  test('demo alerts from yesterday: out of area and offline, acknowledged with a note (audited)', async () => {
    const list = (await req('GET', `/api/tracking/alerts?orgUnitId=${zhId}&status=all`, zhLeader)).json();
    const kinds = new Set(list.items.map((a: { kind: string }) => a.kind));
    assert.ok(kinds.has('out_of_area') && kinds.has('offline'), JSON.stringify([...kinds]));
    const a = list.items.find((x: { acknowledgedAt: string | null }) => x.acknowledgedAt === null);
    const officerAck = await req('POST', `/api/tracking/alerts/${a.id}/acknowledge`, cdOfficer, { note: 'x' });
    assert.equal(officerAck.statusCode, 403);
    const ack = await req('POST', `/api/tracking/alerts/${a.id}/acknowledge`, zhLeader, { note: '已电话联系，处置违停' });
    assert.equal(ack.statusCode, 200);
    assert.equal(ack.json().ackNote, '已电话联系，处置违停');
    assert.equal((await req('POST', `/api/tracking/alerts/${a.id}/acknowledge`, zhLeader, { note: 'again' })).statusCode, 409);
    const open = (await req('GET', `/api/tracking/alerts?orgUnitId=${zhId}&status=open`, zhLeader)).json();
    assert.equal(
      open.items.some((x: { id: string }) => x.id === a.id),
      false,
    );
  });

  test('duty: a shift now, the officer leaves the area → out-of-area alert raised live; overlapping shifts refused', async () => {
    // An officer of the team without any demo shift or device.
    const [person] = await t.database.rows<{ id: string }>(
      sql`select p.id from ledger_person p where p.org_unit_id = ${zhId} and p.status = 'active'
          and not exists (select 1 from tracking_shift s where s.person_id = p.id) and not exists (select 1 from tracking_binding b where b.person_id = p.id) order by p.name limit 1`,
    );
    assert.ok(person);
    const device = (await req('POST', '/api/tracking/devices', zhLeader, { identifier: 'duty-phone', protocol: 'osmand', kind: 'phone', name: '值班手机', orgUnitId: zhId })).json() as Json;
    const startsAt = new Date(Date.now() - 40 * 60_000);
    await req('POST', `/api/tracking/devices/${device.id}/bindings`, zhLeader, { personId: person.id, validFrom: new Date(startsAt.getTime() - 60_000).toISOString() });
    const shift = await req('POST', '/api/tracking/shifts', zhLeader, { orgUnitId: zhId, personId: person.id, areaUnitId: zhId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString() });
    assert.equal(shift.statusCode, 201, shift.body);
    const overlap = await req('POST', '/api/tracking/shifts', zhLeader, { orgUnitId: zhId, personId: person.id, areaUnitId: zhId, startsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), endsAt: new Date(startsAt.getTime() + 5 * 3_600_000).toISOString() });
    assert.equal(overlap.statusCode, 409);
    const badArea = await req('POST', '/api/tracking/shifts', zhLeader, { orgUnitId: zhId, personId: person.id, areaUnitId: await t.unitId(UNITS.chengdongGrid), startsAt: new Date(startsAt.getTime() + 9 * 3_600_000).toISOString(), endsAt: new Date(startsAt.getTime() + 10 * 3_600_000).toISOString() });
    assert.equal(badArea.statusCode, 400);
    assert.match(badArea.json().message, /areaUnitId/);

    // Live stream over real HTTP.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const events: { event: string; data: Record<string, unknown> }[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: '127.0.0.1', port, path: `/api/tracking/live?orgUnitId=${zhId}`, headers: { cookie: zhLeader } }, resolve));
    assert.equal(stream.headers['content-type'], 'text/event-stream; charset=utf-8');
    let buf = '';
    stream.on('data', (c: Buffer) => {
      buf += c.toString();
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
      }
    });
    const zhCenter = (await t.database.rows<{ lat: number; lon: number }>(sql`select center_lat as lat, center_lon as lon from org_unit where id = ${zhId}`))[0]!;
    // 28 minutes at the centre, then 12 minutes walking away north of the team's area (half-height 0.0125°),
    // one fix a minute at plausible speeds (a jump would be flagged and ignored).
    for (let m = 40; m >= 0; m--) {
      const time = Math.floor((Date.now() - m * 60_000) / 1000);
      const lat = m > 12 ? zhCenter.lat : zhCenter.lat + 0.0135 + 0.001 * (12 - m);
      const r = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=duty-phone&lat=${lat + (m % 2) * 0.0003}&lon=${zhCenter.lon}&timestamp=${time}` });
      assert.equal(r.statusCode, 200, r.body);
    }
    const result = await t.app.tracking.service.evaluateAlerts();
    assert.ok(result.raised >= 1);
    const alerts = (await req('GET', `/api/tracking/alerts?orgUnitId=${zhId}&status=open`, zhLeader)).json().items as { personId: string; kind: string; until: string | null }[];
    const mine = alerts.filter((a) => a.personId === person.id);
    assert.deepEqual(
      mine.map((a) => a.kind),
      ['out_of_area'],
    );
    assert.equal(mine[0]!.until, null, 'ongoing');
    // Delivery over the socket is asynchronous: wait (bounded) for the alert event.
    for (let i = 0; i < 500 && !events.some((e) => e.event === 'alert'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(events.some((e) => e.event === 'position' && e.data.deviceId === device.id), 'positions pushed live');
    assert.ok(events.some((e) => e.event === 'alert' && e.data.kind === 'out_of_area'), 'alert pushed live');
    stream.destroy();
    // Compliance of the running shift.
    const shifts = (await req('GET', `/api/tracking/shifts?orgUnitId=${zhId}&from=${startsAt.toISOString()}&to=${new Date(startsAt.getTime() + 3_600_000).toISOString()}`, zhLeader)).json().items as Json[];
    const s = shifts.find((x) => x.id === shift.json().id)!;
    const c = s.compliance as { outOfAreaMs: number; inAreaMs: number };
    assert.ok(c.outOfAreaMs >= 9 * 60_000 && c.inAreaMs >= 25 * 60_000, JSON.stringify(c));
    // A shift with alerts is kept.
    assert.equal((await req('DELETE', `/api/tracking/shifts/${s.id}?version=${s.version}`, zhLeader)).statusCode, 409);
  });

  test('last position decided once: the live event says whether a fix moves the marker (a jump does not), and the device list shows the same fix', async () => {
    const device = (await req('POST', '/api/tracking/devices', zhLeader, { identifier: 'sse-last-phone', protocol: 'osmand', kind: 'phone', name: '实时定位手机', orgUnitId: zhId })).json() as Json;
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const events: Record<string, unknown>[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: '127.0.0.1', port, path: `/api/tracking/live?orgUnitId=${zhId}`, headers: { cookie: zhLeader } }, resolve));
    let buf = '';
    stream.on('data', (c: Buffer) => {
      buf += c.toString();
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (/^event: position$/m.test(block) && data) {
          const e = JSON.parse(data) as Record<string, unknown>;
          if (e.deviceId === device.id) events.push(e);
        }
      }
    });
    const now = Math.floor(Date.now() / 1000);
    const send = async (q: string) => assert.equal((await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=sse-last-phone&${q}` })).statusCode, 200);
    await send(`lat=31.98&lon=120.89&timestamp=${now - 30}`); // clean: the last position
    await send(`lat=32.50&lon=120.89&timestamp=${now - 20}`); // 58 km in 10 s: a jump, stored and flagged
    // Imprecise but located: the server's rule takes it as the last position (the web's old rule did not).
    await send(`lat=31.9801&lon=120.8901&timestamp=${now - 10}&accuracy=5000`);
    await send(`lat=31.9802&lon=120.8902&timestamp=${now - 40}`); // late (buffered): older than the last position
    // Delivery over the socket is asynchronous: wait (bounded) for the four events.
    for (let i = 0; i < 500 && events.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    stream.destroy();
    assert.deepEqual(
      events.map((e) => [(e.flags as string[]).join('+'), e.isLast]),
      [
        ['', true],
        ['jump', false],
        ['low_accuracy', true],
        ['', false],
      ],
    );
    const last = events.filter((e) => e.isLast).at(-1)!;
    await t.app.tracking.ingest.saveState();
    const listed = ((await req('GET', `/api/tracking/devices?orgUnitId=${zhId}`, zhLeader)).json().items as Json[]).find((d) => d.id === device.id)!;
    const p = listed.lastPosition as { time: string; lat: number; lon: number };
    assert.deepEqual([p.time, p.lat, p.lon], [last.time, last.lat, last.lon], 'the device list and the live marker show the same fix');
  });

  test('checkpoints: add, list, retire', async () => {
    const c = await req('POST', '/api/tracking/checkpoints', zhLeader, { orgUnitId: zhId, name: '小学门口', lat: 31.97, lon: 120.9, radiusM: 50 });
    assert.equal(c.statusCode, 201);
    assert.ok((await req('GET', `/api/tracking/checkpoints?orgUnitId=${zhId}`, zhLeader)).json().items.some((x: { id: string }) => x.id === c.json().id));
    assert.equal((await req('DELETE', `/api/tracking/checkpoints/${c.json().id}`, zhLeader)).statusCode, 204);
    assert.equal((await req('GET', `/api/tracking/checkpoints?orgUnitId=${zhId}`, zhLeader)).json().items.some((x: { id: string }) => x.id === c.json().id), false);
    assert.equal((await req('POST', '/api/tracking/checkpoints', cdOfficer, { orgUnitId: zhId, name: 'x', lat: 31.97, lon: 120.9, radiusM: 50 })).statusCode, 403);
  });
});

describe('tracking: auto-registration', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ tracking: { autoregister: true } });
  });
  after(async () => t.close());

  test('an unknown phone is accepted into the unassigned list, then assigned to a team', async () => {
    const admin = await t.login('admin');
    const now = Math.floor(Date.now() / 1000);
    const r = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=new-phone-77&lat=31.98&lon=120.89&timestamp=${now}` });
    assert.equal(r.statusCode, 200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/tracking/devices?status=unassigned', headers: { cookie: admin } })).json().items as Json[];
    const d = list.find((x) => x.identifier === 'new-phone-77')!;
    assert.ok(d);
    assert.equal(d.orgUnitId, null);
    const zh = await t.unitId(UNITS.zhuhang);
    const assigned = await t.app.inject({ method: 'PATCH', url: `/api/tracking/devices/${d.id}`, headers: { cookie: admin }, payload: { version: d.version, orgUnitId: zh, name: '新手机' } });
    assert.equal(assigned.statusCode, 200);
    assert.equal(assigned.json().status, 'active');
    const gw = await startJt808Gateway({ ingest: t.app.tracking.ingest, port: 0, host: '127.0.0.1', maxConnections: 5, log: t.app.log });
    const term = new Terminal('013912340000');
    await term.connect(gw.port);
    const s = term.send({ kind: 'register', header: term.header(), body: { province: 32, city: 600, manufacturer: 'TEST1', model: 'M1', terminalId: 'T000009', plateColor: 1, plate: '苏F99999' } });
    const reply = (await term.reply(s)) as Extract<Jt808Message, { kind: 'registerReply' }>;
    assert.equal(reply.body.result, 0);
    const again = (await t.app.inject({ method: 'GET', url: '/api/tracking/devices?status=unassigned', headers: { cookie: admin } })).json().items as Json[];
    const car = again.find((x) => x.identifier === '13912340000')!;
    assert.equal(car.name, '苏F99999', 'named after the plate it registered with');
    term.close();
    await gw.close();
  });
});

describe('tracking: shutdown with open live streams', () => {
  test('closing the server ends the open Server-Sent Events streams instead of waiting for them forever', async () => {
    const t = await createTestContext();
    const cookie = await t.login('admin');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const stream = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: '127.0.0.1', port, path: '/api/tracking/live', headers: { cookie } }, resolve));
    assert.equal(stream.statusCode, 200);
    const ended = new Promise<void>((resolve) => {
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.resume();
    });
    const started = Date.now();
    await Promise.race([t.close(), new Promise((_, reject) => setTimeout(() => reject(new Error('server close hung on an open live stream')), 10_000))]);
    await ended;
    assert.ok(Date.now() - started < 10_000);
  });
});
