import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode8001, encode8100, encodeMessage, type TerminalMessageInput } from './encode';
import { FrameReader } from './framing';
import { decodeMessage, decodeBody } from './decode';
import { SubpackageAssembler } from './subpackage';
import { CAPTURED, readAll } from './test-helpers';
import type { Jt808Version, Location } from './types';

test('encode8001 2019 reproduces the captured frame byte for byte (xtream-codec sample)', () => {
  const w = encode8001({ phone: '13912344329', version: '2019', serial: 0, replySerial: 111, replyId: 0x0200, result: 0 });
  assert.equal(w.toString('hex'), CAPTURED.reply8001_2019);
});

test('encode8100 2019 reproduces the captured frame byte for byte (xtream-codec sample)', () => {
  const w = encode8100({ phone: '13912344329', version: '2019', serial: 0, replySerial: 111, result: 0, authCode: 'ok..ok..ok' });
  assert.equal(w.toString('hex'), CAPTURED.reply8100_2019);
});

const replyCases: { version: Jt808Version; result: 0 | 1 | 2 | 3 | 4 }[] = [
  { version: '2013', result: 0 },
  { version: '2013', result: 3 },
  { version: '2019', result: 4 },
];
for (const c of replyCases) {
  test(`encode8001 ${c.version} result ${c.result} round trip`, () => {
    const { results } = readAll(encode8001({ phone: '13800138000', version: c.version, serial: 9, replySerial: 0xfffe, replyId: 0x0704, result: c.result }));
    const d = results[0];
    assert.ok(d?.ok && d.message.kind === 'platformReply');
    if (d?.ok && d.message.kind === 'platformReply') {
      assert.deepEqual(d.message.body, { replySerial: 0xfffe, replyId: 0x0704, result: c.result });
      assert.equal(d.message.header.phone, c.version === '2019' ? '00000000013800138000' : '013800138000');
      assert.equal(d.message.header.serial, 9);
    }
  });
}

for (const result of [0, 1, 2, 3, 4] as const) {
  test(`encode8100 2013 result ${result}: auth code only on success`, () => {
    const { results } = readAll(encode8100({ phone: '13800138000', version: '2013', serial: 1, replySerial: 5, result, authCode: result === 0 ? 'GF-abc123' : undefined }));
    const d = results[0];
    assert.ok(d?.ok && d.message.kind === 'registerReply');
    if (d?.ok && d.message.kind === 'registerReply') assert.deepEqual(d.message.body, result === 0 ? { replySerial: 5, result, authCode: 'GF-abc123' } : { replySerial: 5, result });
  });
}

test('encode8100 result 0 without an auth code throws', () => {
  assert.throws(() => encode8100({ phone: '1', version: '2013', serial: 1, replySerial: 1, result: 0 }), RangeError);
});

// ── terminal messages: encode → FrameReader → decode = input ──
function loc(over: Partial<Location> = {}): Location {
  return {
    alarm: 0, status: 0x3, located: true, south: false, west: false, acc: true,
    lat: 31.98, lon: 120.894, altitude: 12, speedKmh: 42.3, course: 271,
    time: new Date('2026-11-26T00:00:00Z'),
    extras: { mileageKm: 1234.5, satellites: 11, raw: [{ id: 0x01, bytes: '00003039' }, { id: 0x31, bytes: '0b' }] },
    ...over,
  };
}

const roundTrips: { name: string; msg: TerminalMessageInput }[] = [];
for (const version of ['2013', '2019'] as const) {
  const header = { phone: '13800138000', version, serial: 42, ...(version === '2019' ? { protocolVersion: 1 } : {}) };
  roundTrips.push(
    { name: `${version} heartbeat`, msg: { kind: 'heartbeat', header } },
    { name: `${version} deregister`, msg: { kind: 'deregister', header } },
    { name: `${version} terminal reply`, msg: { kind: 'terminalReply', header, body: { replySerial: 7, replyId: 0x8103, result: 0 } } },
    { name: `${version} register`, msg: { kind: 'register', header, body: { province: 32, city: 600, manufacturer: 'GUIFN', model: 'ZFJLY-4G', terminalId: 'T000001', plateColor: 1, plate: '苏F·C1234' } } },
    { name: `${version} auth`, msg: { kind: 'auth', header, body: version === '2019' ? { authCode: 'GF-7f3a', imei: '861234567890123', softwareVersion: 'V1.2.3' } : { authCode: 'GF-7f3a' } } },
    { name: `${version} location`, msg: { kind: 'location', header, body: loc() } },
    { name: `${version} location south-west, not located`, msg: { kind: 'location', header, body: loc({ status: 0xc, located: false, south: true, west: true, acc: false, lat: -12.5, lon: -77.03, extras: { raw: [] } }) } },
    { name: `${version} batch blind-area`, msg: { kind: 'batch', header, body: { type: 1, locations: [loc(), loc({ speedKmh: 0, time: new Date('2026-11-26T00:00:30Z') })] } } },
  );
}

for (const c of roundTrips) {
  test(`round trip: ${c.name}`, () => {
    const frames = encodeMessage(c.msg);
    assert.equal(frames.length, 1);
    const { results, frameErrors } = readAll(Buffer.concat(frames));
    assert.deepEqual(frameErrors, []);
    const d = results[0];
    assert.ok(d?.ok, JSON.stringify(d));
    if (!d?.ok) return;
    const m = d.message;
    assert.equal(m.kind, c.msg.kind);
    assert.equal(m.header.version, c.msg.header.version);
    assert.equal(m.header.serial, c.msg.header.serial);
    assert.equal(m.header.phone.replace(/^0+/, ''), c.msg.header.phone);
    if (c.msg.kind === 'batch' && m.kind === 'batch') {
      assert.deepEqual(m.body.locations, c.msg.body.locations);
      assert.equal(m.body.type, c.msg.body.type);
      assert.deepEqual(m.body.rejected, []);
    } else if ('body' in c.msg && 'body' in m) {
      assert.deepEqual(m.body, c.msg.body);
    }
  });
}

test('location known extras without raw are written as TLVs', () => {
  const [w] = encodeMessage({ kind: 'location', header: { phone: '1', version: '2013', serial: 1 }, body: { ...loc(), extras: { mileageKm: 10.1, fuelL: 33.3, speedRecordKmh: 55.5, signalStrength: 20, satellites: 7 } } });
  const d = decodeMessage(new FrameReader().push(w ?? Buffer.alloc(0)).frames[0] ?? Buffer.alloc(0));
  assert.ok(d.ok && d.message.kind === 'location');
  if (d.ok && d.message.kind === 'location') {
    const { raw, ...known } = d.message.body.extras;
    assert.deepEqual(known, { mileageKm: 10.1, fuelL: 33.3, speedRecordKmh: 55.5, signalStrength: 20, satellites: 7 });
    assert.deepEqual(raw.map((r) => r.id), [1, 2, 3, 0x30, 0x31]);
  }
});

for (const version of ['2013', '2019'] as const) {
  test(`${version} batch with subpackaging: split, reassemble, decode = input`, () => {
    const locations = Array.from({ length: 40 }, (_, i) => loc({ time: new Date(Date.UTC(2026, 10, 26, 0, 0, i)), course: i }));
    const msg: TerminalMessageInput = { kind: 'batch', header: { phone: '13800138000', version, serial: 0xfffe }, body: { type: 1, locations } };
    const frames = encodeMessage(msg, { maxBodyLength: 200 });
    assert.ok(frames.length > 5);
    const { results, frameErrors } = readAll(Buffer.concat(frames.reverse())); // out of order on purpose
    assert.deepEqual(frameErrors, []);
    const asm = new SubpackageAssembler();
    let whole: { header: import('./types').Jt808Header; body: Buffer } | null = null;
    for (const r of results) {
      assert.ok(r.ok && r.message.kind === 'fragment');
      if (!r.ok || r.message.kind !== 'fragment') return;
      const s = asm.push(r.message.header, r.message.body, 1000);
      if (s.status === 'complete') whole = s;
      else assert.equal(s.status, 'pending');
    }
    assert.ok(whole);
    if (!whole) return;
    assert.equal(whole.header.serial, 0xfffe);
    assert.equal(whole.header.subpackage, undefined);
    const d = decodeBody(whole.header, whole.body);
    assert.ok(d.ok && d.message.kind === 'batch');
    if (d.ok && d.message.kind === 'batch') assert.deepEqual(d.message.body.locations, locations);
  });
}

const throwCases: { name: string; fn: () => unknown }[] = [
  { name: 'phone with letters', fn: () => encode8001({ phone: '13a', version: '2013', serial: 1, replySerial: 1, replyId: 2, result: 0 }) },
  { name: 'phone too long for 2013', fn: () => encode8001({ phone: '1234567890123', version: '2013', serial: 1, replySerial: 1, replyId: 2, result: 0 }) },
  { name: 'register field too long', fn: () => encodeMessage({ kind: 'register', header: { phone: '1', version: '2013', serial: 1 }, body: { province: 0, city: 0, manufacturer: 'TOOLONG', model: '', terminalId: '', plateColor: 0, plate: '' } }) },
  { name: 'time before 2000', fn: () => encodeMessage({ kind: 'location', header: { phone: '1', version: '2013', serial: 1 }, body: loc({ time: new Date('1999-01-01T00:00:00Z') }) }) },
  { name: 'maxBodyLength above 1023', fn: () => encodeMessage({ kind: 'heartbeat', header: { phone: '1', version: '2013', serial: 1 } }, { maxBodyLength: 2000 }) },
];
for (const c of throwCases) {
  test(`encoder refuses: ${c.name}`, () => assert.throws(c.fn, RangeError));
}
