import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { decodeMessage, encode8001, encode8100, FrameReader, type Jt808Header, type Location } from '../modules/tracking/domain/jt808';
import { pointInGeometry } from '../modules/tracking/domain/geo';
import type { OrgArea } from './fleet';
import { runSimulation, simClock, formatSummary, formatStatus, type SimulationStatus } from './simulate';
import { Jt808Terminal } from './jt808-client';
import { ProtocolCounters } from './stats';

const TEAM: OrgArea = {
  id: 't1',
  parentId: null,
  kind: 'team',
  name: '竹行',
  geometry: { type: 'Polygon', coordinates: [[[120.86, 32.0], [120.89, 32.0], [120.89, 32.025], [120.86, 32.025], [120.86, 32.0]]] },
};

interface Fake808Options {
  /** Close a terminal's connection once, after its n-th location (resend test). */
  dropAfter?: number;
  /** Refuse the first authentication of every terminal (re-register test). */
  refuseFirstAuth?: boolean;
  /**
   * As the real gateway: a number keeps the code it was issued (in `codes`), a register of a number holding one is
   * refused with 0x8100 result 3, and only that code authenticates.
   */
  holdCodes?: boolean;
}

/** A minimal JT/T 808 platform: register → auth code, auth → ok, every location / batch / heartbeat acked. */
async function fake808(o: Fake808Options = {}) {
  const locations: Array<{ phone: string; version: string; loc: Location; batch: boolean }> = [];
  const ids: number[] = [];
  const sockets = new Set<net.Socket>();
  const dropped = new Set<string>();
  const refused = new Set<string>();
  const perPhone = new Map<string, number>();
  const codes = new Map<string, string>();
  let issued = 0;
  let serial = 0;
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    const reader = new FrameReader();
    sock.on('data', (chunk) => {
      for (const f of reader.push(chunk).frames) {
        const d = decodeMessage(f);
        if (!d.ok) continue;
        const m = d.message;
        const h: Jt808Header = m.header;
        ids.push(h.id);
        const reply = { phone: h.phone, version: h.version, serial: serial++ & 0xffff };
        const ack = (result: 0 | 1 = 0) => sock.write(encode8001({ ...reply, replySerial: h.serial, replyId: h.id, result }));
        if (m.kind === 'register' && o.holdCodes) {
          if (codes.has(h.phone)) sock.write(encode8100({ ...reply, replySerial: h.serial, result: 3 }));
          else {
            codes.set(h.phone, `code${++issued}`);
            sock.write(encode8100({ ...reply, replySerial: h.serial, result: 0, authCode: codes.get(h.phone)! }));
          }
        } else if (m.kind === 'register') sock.write(encode8100({ ...reply, replySerial: h.serial, result: 0, authCode: `AC${h.phone.slice(-6)}` }));
        else if (m.kind === 'auth' && o.holdCodes) ack(codes.get(h.phone) === m.body.authCode ? 0 : 1);
        else if (m.kind === 'auth') {
          if (o.refuseFirstAuth && !refused.has(h.phone)) {
            refused.add(h.phone);
            ack(1);
          } else ack(m.body.authCode === `AC${h.phone.slice(-6)}` ? 0 : 1);
        } else if (m.kind === 'location' || m.kind === 'batch') {
          const locs = m.kind === 'location' ? [m.body] : m.body.locations;
          for (const loc of locs) locations.push({ phone: h.phone, version: h.version, loc, batch: m.kind === 'batch' });
          const n = (perPhone.get(h.phone) ?? 0) + 1;
          perPhone.set(h.phone, n);
          if (o.dropAfter && n === o.dropAfter && !dropped.has(h.phone)) {
            dropped.add(h.phone);
            sock.destroy(); // no ack: the terminal must resend it
            return;
          }
          ack();
        } else if (m.kind === 'heartbeat') ack();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    locations,
    ids,
    codes,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A minimal OsmAnd endpoint: records the query, answers 200 (or 503 to the first request of each device). */
async function fakeOsmAnd(o: { failFirst?: boolean } = {}) {
  const requests: Array<{ method: string; query: URLSearchParams }> = [];
  const failed = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const id = url.searchParams.get('id') ?? '';
    req.resume();
    req.on('end', () => {
      if (o.failFirst && !failed.has(id)) {
        failed.add(id);
        res.writeHead(503).end('busy');
        return;
      }
      requests.push({ method: req.method ?? '', query: url.searchParams });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

test('simulated clock: real time at 1×; with a speedup it starts in the past and meets the present', () => {
  const t0 = 1_800_000_000_000;
  const one = simClock(t0, 1, undefined);
  assert.equal(one.simAt(t0 + 5000), t0 + 5000);
  assert.equal(one.realAt(t0 + 5000), t0 + 5000);
  const fast = simClock(t0, 10, 60);
  assert.equal(fast.simStart, t0 - 540_000);
  assert.equal(fast.simAt(t0 + 60_000), t0 + 60_000, 'meets real time at the end');
  assert.equal(fast.simAt(t0 + 30_000), t0 - 540_000 + 300_000);
  assert.equal(fast.realAt(t0 - 540_000 + 100_000), t0 + 10_000);
  assert.equal(fast.simAt(t0 + 90_000), t0 + 90_000, 'then real time');
  assert.equal(fast.realAt(t0 + 90_000), t0 + 90_000);
  const open = simClock(t0, 100, undefined);
  assert.equal(open.simStart, t0 - 8 * 3_600_000);
  for (const real of [t0, t0 + 1000, t0 + 300_000, t0 + 10_000_000]) assert.ok(open.simAt(real) <= real, 'never in the future');
});

test('drives both protocols: every position acked, plausible fields, some 2019 headers, sped-up clock', async () => {
  const jt = await fake808();
  const osm = await fakeOsmAnd();
  try {
    const statuses: SimulationStatus[] = [];
    const started = Date.now();
    const stats = await runSimulation({
      server: 'http://127.0.0.1:9',
      osmandPort: osm.port,
      jt808Port: jt.port,
      devices: 10,
      protocol: 'both',
      intervalS: 10,
      durationS: 2,
      speedup: 300, // 10 simulated minutes in 2 s: ~60 positions per device
      seed: 3,
      statusEveryS: 0.5,
      onStatus: (s) => statuses.push(s),
      fleet: { registered: [], areas: [TEAM] },
    });
    assert.ok(stats.ok, formatSummary(stats).join('\n'));
    assert.equal(stats.devices, 10);
    assert.equal(stats.osmand.devices, 6);
    assert.equal(stats.jt808.devices, 4);
    assert.ok(stats.sent > 10 * 40, `${stats.sent} sent`);
    assert.equal(stats.acked, stats.sent);
    assert.equal(stats.unacked, 0);
    assert.equal(osm.requests.length, stats.osmand.acked);
    assert.equal(jt.locations.length, stats.jt808.acked);
    assert.ok(stats.jt808.heartbeatsAcked > 0 && stats.jt808.heartbeatsAcked === stats.jt808.heartbeatsSent);
    assert.ok(stats.latencyMs.count === stats.acked && stats.latencyMs.p99 > 0);
    assert.ok(statuses.length >= 2 && statuses.some((s) => s.online === 10), 'status lines report devices online');
    assert.match(formatStatus(statuses.at(-1)!), /online \d+\/10 · sent/);

    // OsmAnd: Traccar Client's parameters, inside the team area, fix times on the simulated clock.
    const ids = new Set(osm.requests.map((r) => r.query.get('id')));
    assert.deepEqual([...ids].sort(), ['sim-1', 'sim-2', 'sim-3', 'sim-4', 'sim-5', 'sim-6']);
    for (const r of osm.requests) {
      assert.equal(r.method, 'POST');
      const q = r.query;
      for (const k of ['lat', 'lon', 'timestamp', 'speed', 'bearing', 'altitude', 'accuracy', 'batt']) assert.ok(Number.isFinite(Number(q.get(k))), `${k}=${q.get(k)}`);
      assert.ok(pointInGeometry(Number(q.get('lon')), Number(q.get('lat')), { type: 'Polygon', coordinates: [[[120.859, 31.999], [120.891, 31.999], [120.891, 32.026], [120.859, 32.026], [120.859, 31.999]]] }));
      assert.ok(Number(q.get('speed')) < 40 / 1.852 * 1.2, 'speed in knots');
      assert.ok(Number(q.get('timestamp')) * 1000 <= Date.now());
    }
    const times = osm.requests.filter((r) => r.query.get('id') === 'sim-1').map((r) => Number(r.query.get('timestamp')));
    for (let i = 1; i < times.length; i++) assert.equal(times[i]! - times[i - 1]!, 10, 'one fix every 10 simulated seconds');
    assert.ok(times[0]! * 1000 < started - 500_000, 'the sped-up clock started in the past');

    // 808: register, auth, locations; the fourth terminal speaks 2019.
    assert.ok(jt.ids.includes(0x0100) && jt.ids.includes(0x0102) && jt.ids.includes(0x0200) && jt.ids.includes(0x0002));
    const phones = new Map(jt.locations.map((l) => [l.phone, l.version]));
    assert.deepEqual(
      [...phones.entries()].sort(),
      [
        ['00000000019900000004', '2019'],
        ['019900000001', '2013'],
        ['019900000002', '2013'],
        ['019900000003', '2013'],
      ],
    );
    for (const { loc } of jt.locations) {
      assert.ok(loc.located);
      assert.ok(loc.lat > 31.99 && loc.lat < 32.03 && loc.lon > 120.85 && loc.lon < 120.9);
      assert.ok(loc.time.getTime() <= Date.now());
    }
  } finally {
    await jt.close();
    await osm.close();
  }
});

test('a dropped connection: the terminal reconnects and resends what was not acked', async () => {
  const jt = await fake808({ dropAfter: 3 });
  try {
    const stats = await runSimulation({
      server: 'http://127.0.0.1:9',
      osmandPort: 9,
      jt808Port: jt.port,
      devices: 3,
      protocol: 'jt808',
      intervalS: 1,
      durationS: 3.5,
      seed: 1,
      ackTimeoutS: 5,
      fleet: { registered: [], areas: [TEAM] },
    });
    assert.ok(stats.ok, formatSummary(stats).join('\n'));
    assert.equal(stats.jt808.reconnects, 3);
    assert.ok(stats.jt808.resent >= 3, `${stats.jt808.resent} resent`);
    assert.ok(stats.errors >= 3);
    // Each terminal's dropped third position arrived again after re-authenticating.
    for (const phone of ['019900000001', '019900000002', '019900000003']) {
      const times = jt.locations.filter((l) => l.phone === phone).map((l) => l.loc.time.getTime());
      assert.equal(new Set(times).size, times.length - 1, `${phone}: exactly one position received twice`);
    }
  } finally {
    await jt.close();
  }
});

test('a refused authentication makes the terminal register again', async () => {
  const jt = await fake808({ refuseFirstAuth: true });
  try {
    const stats = await runSimulation({
      server: 'http://127.0.0.1:9',
      osmandPort: 9,
      jt808Port: jt.port,
      devices: 1,
      protocol: 'jt808',
      intervalS: 1,
      durationS: 3,
      seed: 1,
      fleet: { registered: [], areas: [TEAM] },
    });
    assert.ok(stats.ok, formatSummary(stats).join('\n'));
    assert.equal(jt.ids.filter((id) => id === 0x0100).length, 2, 'registered twice');
    assert.match(stats.topErrors[0]!.message, /authentication refused/);
  } finally {
    await jt.close();
  }
});

test('OsmAnd: a 503 is retried, GET works, and everything ends acked', async () => {
  const osm = await fakeOsmAnd({ failFirst: true });
  try {
    const stats = await runSimulation({
      server: 'http://127.0.0.1:9',
      osmandPort: osm.port,
      jt808Port: 9,
      devices: 2,
      protocol: 'osmand',
      intervalS: 1,
      durationS: 1.5,
      seed: 1,
      osmandMethod: 'get',
      fleet: { registered: [], areas: [TEAM] },
    });
    assert.ok(stats.ok, formatSummary(stats).join('\n'));
    assert.equal(stats.osmand.resent, 2);
    assert.ok(osm.requests.every((r) => r.method === 'GET'));
    assert.match(stats.topErrors[0]!.message, /HTTP 503/);
  } finally {
    await osm.close();
  }
});

test('nothing listening: errors are counted, the run ends, and it is not ok', async () => {
  const stats = await runSimulation({
    server: 'http://127.0.0.1:9',
    osmandPort: 9,
    jt808Port: 9,
    devices: 5,
    protocol: 'both',
    intervalS: 1,
    durationS: 1.2,
    ackTimeoutS: 1,
    seed: 1,
    fleet: { registered: [], areas: [] },
  });
  assert.equal(stats.ok, false);
  assert.equal(stats.acked, 0);
  assert.ok(stats.sent > 0 && stats.unacked === stats.sent);
  assert.ok(stats.topErrors.some((e) => /ECONNREFUSED/.test(e.message)));
  assert.match(formatSummary(stats).at(-1)!, /NOT OK/);
});

test('an aborted signal ends the run early', async () => {
  const osm = await fakeOsmAnd();
  try {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 500);
    const t0 = Date.now();
    const stats = await runSimulation({
      server: 'http://127.0.0.1:9',
      osmandPort: osm.port,
      jt808Port: 9,
      devices: 2,
      protocol: 'osmand',
      intervalS: 1,
      seed: 1,
      signal: ac.signal,
      fleet: { registered: [], areas: [TEAM] },
    });
    assert.ok(Date.now() - t0 < 3000);
    assert.ok(stats.ok);
  } finally {
    await osm.close();
  }
});

async function until(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A terminal against a gateway that holds codes; `reset` is what the administrator's reset does. */
function heldTerminal(port: number, o: { authCode?: string; reset: (reason: string) => Promise<boolean> }) {
  const counters = new ProtocolCounters();
  const kept: Array<string | null> = [];
  const term = new Jt808Terminal({
    host: '127.0.0.1',
    port,
    phone: '013900000001',
    version: '2013',
    kind: 'vehicle_terminal',
    identifier: '13900000001',
    counters,
    ackTimeoutMs: 5_000,
    ...(o.authCode ? { authCode: o.authCode } : {}),
    onAuthCode: (c) => kept.push(c),
    resetAuthCode: o.reset,
  });
  return { term, counters, kept };
}

test('a kept code: the terminal authenticates with it and never registers', async () => {
  const jt = await fake808({ holdCodes: true });
  const resets: string[] = [];
  jt.codes.set('013900000001', 'kept-code');
  const { term, counters, kept } = heldTerminal(jt.port, { authCode: 'kept-code', reset: async (r) => (resets.push(r), true) });
  try {
    term.start();
    await until('online', () => term.isOnline);
    assert.deepEqual(jt.ids, [0x0102]);
    assert.deepEqual(resets, []);
    assert.deepEqual(kept, []);
    assert.equal(counters.errors.count, 0);
  } finally {
    term.close();
    await jt.close();
  }
});

test('a lost code (register refused, result 3): one reset, registered again at once, the new code handed over to be kept', async () => {
  const jt = await fake808({ holdCodes: true });
  jt.codes.set('013900000001', 'forgotten');
  const resets: string[] = [];
  const { term, counters, kept } = heldTerminal(jt.port, {
    reset: async (r) => {
      resets.push(r);
      jt.codes.delete('013900000001');
      return true;
    },
  });
  try {
    term.start();
    await until('online', () => term.isOnline);
    assert.deepEqual(resets, ['code lost']);
    assert.deepEqual(jt.ids, [0x0100, 0x0100, 0x0102]);
    assert.deepEqual(kept, [jt.codes.get('013900000001')]);
    assert.equal(counters.errors.count, 0, 'a recovered refusal is not a problem');
  } finally {
    term.close();
    await jt.close();
  }
});

test('a refused kept code: forgotten, one reset, registered again', async () => {
  const jt = await fake808({ holdCodes: true });
  jt.codes.set('013900000001', 'current');
  const resets: string[] = [];
  const { term, kept } = heldTerminal(jt.port, {
    authCode: 'stale',
    reset: async (r) => {
      resets.push(r);
      jt.codes.delete('013900000001');
      return true;
    },
  });
  try {
    term.start();
    await until('online', () => term.isOnline);
    assert.deepEqual(resets, ['code refused']);
    assert.deepEqual(jt.ids, [0x0102, 0x0100, 0x0102]);
    assert.deepEqual(kept, [null, jt.codes.get('013900000001')]);
  } finally {
    term.close();
    await jt.close();
  }
});

test('never a loop: when the server still refuses after the reset, it is a problem counted as before, and no second reset', async () => {
  const jt = await fake808({ holdCodes: true });
  jt.codes.set('013900000001', 'held');
  let resets = 0;
  // The reset "succeeds" but the gateway keeps refusing (another administrator, a race): no second reset.
  const { term, counters } = heldTerminal(jt.port, { reset: async () => (resets++, true) });
  try {
    term.start();
    // The first session registers twice (before and after the reset), the reconnection after the backoff once more.
    await until('a reconnection registers again', () => jt.ids.filter((id) => id === 0x0100).length >= 3);
    await until('its refusal counted', () => counters.errors.count >= 2);
    assert.equal(resets, 1);
    assert.equal(term.isOnline, false);
    assert.ok(jt.ids.every((id) => id === 0x0100), 'never authenticated');
    assert.deepEqual(counters.errors.top(5).map((e) => e.message), ['jt808: register refused: result 3 (terminal already registered)']);
  } finally {
    term.close();
    await jt.close();
  }
});
