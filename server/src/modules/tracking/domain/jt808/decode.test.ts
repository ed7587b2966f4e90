import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, decodeLocation } from './decode';
import { checksum } from './framing';
import { encodeLocationBody, encodeFrame } from './encode';
import { CAPTURED, decodeWire, hex } from './test-helpers';
import type { Jt808Message } from './types';

function ok(r: ReturnType<typeof decodeMessage>): Jt808Message {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.message;
}

// ── Captured frames: header fields and typed bodies ──
const headerCases: { name: string; wire: string; kind: Jt808Message['kind']; version: '2013' | '2019'; phone: string; serial: number; protocolVersion?: number }[] = [
  { name: 'T register 2013', wire: CAPTURED.register2013, kind: 'register', version: '2013', phone: '013511221122', serial: 5 },
  { name: 'T register 2011 layout', wire: CAPTURED.register2011, kind: 'register', version: '2013', phone: '094027849470', serial: 18 },
  { name: 'T auth 2013', wire: CAPTURED.auth2013, kind: 'auth', version: '2013', phone: '013511221122', serial: 6 },
  { name: 'T heartbeat', wire: CAPTURED.heartbeat2013, kind: 'heartbeat', version: '2013', phone: '043048325465', serial: 183 },
  { name: 'T location west', wire: CAPTURED.locationWest, kind: 'location', version: '2013', phone: '094027587492', serial: 10 },
  { name: 'T location TLVs', wire: CAPTURED.locationTlvs, kind: 'location', version: '2013', phone: '001601285614', serial: 2 },
  { name: 'T batch 2013', wire: CAPTURED.batch2013, kind: 'batch', version: '2013', phone: '013567777777', serial: 2037 },
  { name: 'X location 2019', wire: CAPTURED.location2019, kind: 'location', version: '2019', phone: '00000000013912344329', serial: 0, protocolVersion: 1 },
  { name: 'X batch 2019', wire: CAPTURED.batch2019, kind: 'batch', version: '2019', phone: '00000000013912344329', serial: 0, protocolVersion: 1 },
  { name: 'X 8001 2019', wire: CAPTURED.reply8001_2019, kind: 'platformReply', version: '2019', phone: '00000000013912344329', serial: 0, protocolVersion: 1 },
  { name: 'X 8100 2019', wire: CAPTURED.reply8100_2019, kind: 'registerReply', version: '2019', phone: '00000000013912344329', serial: 0, protocolVersion: 1 },
  { name: 'X 0005 unsupported', wire: CAPTURED.unsupported0005, kind: 'unsupported', version: '2019', phone: '00000000013912344329', serial: 0, protocolVersion: 1 },
];
for (const c of headerCases) {
  test(`captured header: ${c.name}`, () => {
    const m = ok(decodeWire(c.wire));
    assert.equal(m.kind, c.kind);
    assert.equal(m.header.version, c.version);
    assert.equal(m.header.phone, c.phone);
    assert.equal(m.header.serial, c.serial);
    assert.equal(m.header.protocolVersion, c.protocolVersion);
    assert.equal(m.header.encryption, 0);
    assert.equal(m.header.subpackage, undefined);
  });
}

test('captured 0x0100 2013: fixed fields and GBK plate', () => {
  const m = ok(decodeWire(CAPTURED.register2013));
  assert.equal(m.kind, 'register');
  if (m.kind !== 'register') return;
  assert.deepEqual(m.body, { province: 0, city: 0, manufacturer: '70107', model: 'HB-R03GBD', terminalId: '2366104', plateColor: 2, plate: '苏BA6860' });
});

test('captured 0x0100 with a 2011-layout body (model 8 bytes)', () => {
  const m = ok(decodeWire(CAPTURED.register2011));
  if (m.kind !== 'register') throw new Error(m.kind);
  assert.deepEqual(m.body, { province: 0, city: 0, manufacturer: '', model: '', terminalId: '', plateColor: 0, plate: '' });
});

test('captured 0x0102 2013: the whole body is the auth code', () => {
  const m = ok(decodeWire(CAPTURED.auth2013));
  if (m.kind !== 'auth') throw new Error(m.kind);
  assert.deepEqual(m.body, { authCode: 'authentication' });
});

test('captured 0x0200: located + west hemisphere, mileage TLV', () => {
  const m = ok(decodeWire(CAPTURED.locationWest));
  if (m.kind !== 'location') throw new Error(m.kind);
  const l = m.body;
  assert.equal(l.alarm, 1);
  assert.equal(l.status, 0x0a);
  assert.deepEqual([l.acc, l.located, l.south, l.west], [false, true, false, true]);
  assert.equal(l.lat, 50.871735);
  assert.equal(l.lon, -1.255923);
  assert.equal(l.speedKmh, 2);
  assert.equal(l.time.toISOString(), '2013-04-12T08:49:52.000Z'); // BCD 130412164952 GMT+8
  assert.equal(l.extras.mileageKm, 1.8);
  assert.deepEqual(l.extras.raw.map((r) => r.id), [0x01, 0x36]);
  assert.deepEqual(m.warnings, []);
});

test('captured 0x0200 2019: south hemisphere, fuel and mileage', () => {
  const m = ok(decodeWire(CAPTURED.location2019));
  if (m.kind !== 'location') throw new Error(m.kind);
  const l = m.body;
  assert.equal(l.alarm, 111);
  assert.deepEqual([l.acc, l.located, l.south, l.west], [false, true, true, false]);
  assert.equal(l.lat, -31.234567);
  assert.equal(l.lon, 121.987654);
  assert.equal(l.altitude, 123);
  assert.equal(l.speedKmh, 6.6);
  assert.equal(l.course, 3);
  assert.equal(l.time.toISOString(), '2025-01-29T14:33:44.000Z');
  assert.equal(l.extras.fuelL, 10);
  assert.equal(l.extras.mileageKm, 1.2);
  assert.deepEqual(l.extras.raw, [{ id: 2, bytes: '0064' }, { id: 1, bytes: '0000000c' }]);
});

test('captured 0x0200: not located (status bit 1 clear), signal and satellites TLVs', () => {
  const m = ok(decodeWire(CAPTURED.locationTlvs));
  if (m.kind !== 'location') throw new Error(m.kind);
  assert.equal(m.body.located, false);
  assert.equal(m.body.acc, true);
  assert.equal(m.body.extras.mileageKm, 4326.4);
  assert.equal(m.body.extras.signalStrength, 27);
  assert.equal(m.body.extras.satellites, 3);
  assert.deepEqual(m.body.extras.raw.map((r) => r.id), [0x01, 0x2a, 0x30, 0x31]);
});

test('captured 0x0704 2013: 8 blind-area items', () => {
  const m = ok(decodeWire(CAPTURED.batch2013));
  if (m.kind !== 'batch') throw new Error(m.kind);
  assert.equal(m.body.type, 1);
  assert.equal(m.body.count, 8);
  assert.equal(m.body.locations.length, 8);
  assert.deepEqual(m.body.rejected, []);
  assert.equal(m.body.locations[0]?.lat, 22.639634);
  assert.equal(m.body.locations[0]?.time.toISOString(), '2016-05-27T01:06:24.000Z');
  assert.equal(m.body.locations[7]?.time.toISOString(), '2016-05-27T01:10:02.000Z');
});

test('captured 0x0704 2019: type 0, two not-located items', () => {
  const m = ok(decodeWire(CAPTURED.batch2019));
  if (m.kind !== 'batch') throw new Error(m.kind);
  assert.equal(m.body.type, 0);
  assert.deepEqual(m.body.locations.map((l) => [l.lat, l.lon, l.altitude, l.speedKmh, l.course, l.located]), [
    [31.000562, 121.451372, 666, 3.3, 89, false],
    [31.000563, 121.451373, 777, 6.7, 90, false],
  ]);
});

test('captured 0x8001 / 0x8100 2019 replies decode', () => {
  const a = ok(decodeWire(CAPTURED.reply8001_2019));
  assert.deepEqual(a.kind === 'platformReply' && a.body, { replySerial: 111, replyId: 0x0200, result: 0 });
  const b = ok(decodeWire(CAPTURED.reply8100_2019));
  assert.deepEqual(b.kind === 'registerReply' && b.body, { replySerial: 111, result: 0, authCode: 'ok..ok..ok' });
});

test('unsupported id keeps the header for a "not supported" reply', () => {
  const m = ok(decodeWire(CAPTURED.unsupported0005));
  assert.equal(m.kind, 'unsupported');
  if (m.kind === 'unsupported') assert.equal(m.id, 0x0005);
});

// ── Built frames: location details ──
const H13 = { phone: '13800138000', version: '2013' as const, serial: 1 };
const BASE = { alarm: 0, status: 0, located: true, south: false, west: false, acc: true, lat: 32.0, lon: 120.86, altitude: 5, speedKmh: 36.5, course: 90, time: new Date('2026-11-26T00:00:00Z') };

test('time zone: BCD 261126080000 (GMT+8) is 2026-11-26T00:00:00Z, both ways', () => {
  const body = encodeLocationBody(BASE);
  assert.equal(body.subarray(22, 28).toString('hex'), '261126080000');
  const r = decodeLocation(body);
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.location.time.toISOString(), '2026-11-26T00:00:00.000Z');
});

const hemiCases = [
  { name: 'north-east', south: false, west: false, lat: 32.05, lon: 120.86 },
  { name: 'south-east', south: true, west: false, lat: -33.8688, lon: 151.2093 },
  { name: 'north-west', south: false, west: true, lat: 40.7128, lon: -74.006 },
  { name: 'south-west', south: true, west: true, lat: -34.6037, lon: -58.3816 },
];
for (const c of hemiCases) {
  test(`hemisphere bits: ${c.name}`, () => {
    const body = encodeLocationBody({ ...BASE, south: c.south, west: c.west, lat: c.lat, lon: c.lon });
    assert.equal(body.readUInt32BE(4) & 0xc, (c.south ? 4 : 0) | (c.west ? 8 : 0));
    assert.equal(body.readUInt32BE(8), Math.round(Math.abs(c.lat) * 1e6)); // unsigned on the wire
    const r = decodeLocation(body);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.location.lat, c.lat);
    assert.equal(r.location.lon, c.lon);
  });
}

const badTimes = [
  { name: 'non-BCD nibble', bcd: '2611260800a0' },
  { name: 'month 13', bcd: '261326080000' },
  { name: 'Feb 30', bcd: '260230080000' },
  { name: 'hour 24', bcd: '261126240000' },
  { name: 'all zero (no fix yet)', bcd: '000000000000' },
];
for (const c of badTimes) {
  test(`bad BCD time → bad_time: ${c.name}`, () => {
    const body = encodeLocationBody(BASE);
    hex(c.bcd).copy(body, 22);
    const r = decodeMessage(frameContent(0x0200, body));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, 'bad_time');
      assert.equal(r.error.header?.id, 0x0200);
    }
  });
}

/** Unescaped frame content (header + body + checksum) for a 2013 header. */
function frameContent(id: number, body: Buffer, props?: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(id, 0);
  h.writeUInt16BE(props ?? body.length, 2);
  hex('013800138000').copy(h, 4);
  h.writeUInt16BE(7, 10);
  const c = Buffer.concat([h, body, Buffer.alloc(1)]);
  c[c.length - 1] = checksum(c, 0, c.length - 1);
  return c;
}

const tlvCases: { name: string; tlvs: string; expect: Record<string, number | undefined>; rawIds: number[]; warnings: number }[] = [
  { name: 'mileage 0x01', tlvs: '0104000004d2', expect: { mileageKm: 123.4 }, rawIds: [1], warnings: 0 },
  { name: 'fuel, record speed, signal, satellites', tlvs: '020201f4030203e8300119310109', expect: { fuelL: 50, speedRecordKmh: 100, signalStrength: 25, satellites: 9 }, rawIds: [2, 3, 0x30, 0x31], warnings: 0 },
  { name: 'unknown ids kept raw', tlvs: 'e10301020325020000', expect: {}, rawIds: [0xe1, 0x25], warnings: 0 },
  { name: 'truncated TLV: value cut', tlvs: '0104000004d2' + '3104000000', expect: { mileageKm: 123.4 }, rawIds: [1], warnings: 1 },
  { name: 'truncated TLV: one dangling byte', tlvs: '0104000004d2' + '30', expect: { mileageKm: 123.4 }, rawIds: [1], warnings: 1 },
  { name: 'known id with wrong length', tlvs: '010200ff', expect: { mileageKm: undefined }, rawIds: [1], warnings: 1 },
  { name: 'zero-length TLV', tlvs: 'ee00' + '300110', expect: { signalStrength: 16 }, rawIds: [0xee, 0x30], warnings: 0 },
];
for (const c of tlvCases) {
  test(`TLVs: ${c.name}`, () => {
    const body = Buffer.concat([encodeLocationBody(BASE), hex(c.tlvs)]);
    const m = ok(decodeMessage(frameContent(0x0200, body)));
    if (m.kind !== 'location') throw new Error(m.kind);
    for (const [k, v] of Object.entries(c.expect)) assert.equal((m.body.extras as unknown as Record<string, unknown>)[k], v, k);
    assert.deepEqual(m.body.extras.raw.map((r) => r.id), c.rawIds);
    assert.equal(m.warnings.length, c.warnings, m.warnings.join('; '));
  });
}

// ── Errors ──
test('captured frame with a wrong body length → bad_length (header kept)', () => {
  const r = decodeWire(CAPTURED.locationBadLength);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'bad_length');
    assert.equal(r.error.header?.phone, '013511221122');
  }
});

test('bad checksum → bad_checksum', () => {
  const c = frameContent(0x0002, Buffer.alloc(0));
  c[c.length - 1] = (c[c.length - 1] ?? 0) ^ 0x55;
  const r = decodeMessage(c);
  assert.equal(!r.ok && r.error.code, 'bad_checksum');
});

test('a flipped body bit → bad_checksum', () => {
  const c = frameContent(0x0200, encodeLocationBody(BASE));
  c[20] = (c[20] ?? 0) ^ 0x01;
  const r = decodeMessage(c);
  assert.equal(!r.ok && r.error.code, 'bad_checksum');
});

const errorCases: { name: string; frame: () => Buffer; code: string }[] = [
  { name: 'empty', frame: () => Buffer.alloc(0), code: 'too_short' },
  { name: '3 bytes', frame: () => hex('000200'), code: 'too_short' },
  { name: '2019 header cut short', frame: () => hex('0002400001000000000001391234'), code: 'too_short' },
  { name: 'declared length longer than the frame', frame: () => frameContent(0x0002, Buffer.alloc(0), 5), code: 'bad_length' },
  { name: 'declared length shorter than the frame', frame: () => frameContent(0x0002, Buffer.alloc(3), 0), code: 'bad_length' },
  { name: 'encrypted (RSA bit)', frame: () => frameContent(0x0002, Buffer.alloc(0), 0x0400), code: 'encrypted' },
  { name: '0x0200 body shorter than 28', frame: () => frameContent(0x0200, Buffer.alloc(27)), code: 'bad_body' },
  { name: '0x0001 body shorter than 5', frame: () => frameContent(0x0001, Buffer.alloc(4)), code: 'bad_body' },
  { name: '0x0100 body too short', frame: () => frameContent(0x0100, Buffer.alloc(10)), code: 'bad_body' },
  { name: '0x0704 body too short', frame: () => frameContent(0x0704, Buffer.alloc(2)), code: 'bad_body' },
  { name: 'subpackage index 0 (fields 0002 0000)', frame: () => frameContent(0x0200, hex('00020000'), 0x2000), code: 'bad_body' },
];
for (const c of errorCases) {
  test(`error: ${c.name} → ${c.code}`, () => {
    const r = decodeMessage(c.frame());
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, c.code);
  });
}

test('subpackage with index 0 (well-formed lengths) → bad_body', () => {
  const f = unescapedFromWire(encodeFrame(0x0200, { ...H13, subpackage: { total: 2, index: 0 } }, Buffer.alloc(4)));
  const r = decodeMessage(f);
  assert.equal(!r.ok && r.error.code, 'bad_body');
});

test('0x0704 with one bad item keeps the others, rejects the bad one', () => {
  const good = encodeLocationBody(BASE);
  const bad = Buffer.from(good);
  hex('991326080000').copy(bad, 22);
  const item = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, b.length]), b]);
  const body = Buffer.concat([hex('000301'), item(good), item(bad), item(good)]);
  const m = ok(decodeMessage(frameContent(0x0704, body)));
  if (m.kind !== 'batch') throw new Error(m.kind);
  assert.equal(m.body.locations.length, 2);
  assert.deepEqual(m.body.rejected.map((x) => [x.index, x.error.code]), [[1, 'bad_time']]);
});

test('0x0704 declaring more items than present warns and keeps the complete ones', () => {
  const good = encodeLocationBody(BASE);
  const body = Buffer.concat([hex('000500'), Buffer.from([0, good.length]), good, Buffer.from([0, 200]), good]);
  const m = ok(decodeMessage(frameContent(0x0704, body)));
  if (m.kind !== 'batch') throw new Error(m.kind);
  assert.equal(m.body.count, 5);
  assert.equal(m.body.locations.length, 1);
  assert.equal(m.warnings.length, 1);
});

function unescapedFromWire(wire: Buffer): Buffer {
  const inner = wire.subarray(1, wire.length - 1);
  const out: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    const b = inner[i] ?? 0;
    if (b === 0x7d) out.push((inner[++i] ?? 0) === 0x01 ? 0x7d : 0x7e);
    else out.push(b);
  }
  return Buffer.from(out);
}

// ── Terminal numbers that are not decimal BCD ──
/** A valid frame with the phone bytes replaced (checksum recomputed), as a hostile or broken terminal sends it. */
function withPhoneBytes(version: '2013' | '2019', phoneHex: string): Buffer {
  const wire = encodeFrame(0x0002, { phone: '0', version, serial: 7 }, Buffer.alloc(0));
  const content = Buffer.from(wire.subarray(1, wire.length - 1));
  hex(phoneHex).copy(content, version === '2019' ? 5 : 4);
  content[content.length - 1] = checksum(content, 0, content.length - 1);
  return content;
}
const nonBcdCases = [
  { name: '2013, hex letters (01390000abcd)', version: '2013' as const, phone: '01390000abcd', ok: false },
  { name: '2013, one nibble F at the end', version: '2013' as const, phone: '01390000111f', ok: false },
  { name: '2019, A in the padding', version: '2019' as const, phone: 'a0000000013912344329', ok: false },
  { name: '2013, decimal digits', version: '2013' as const, phone: '013900001111', ok: true },
  { name: '2019, decimal digits', version: '2019' as const, phone: '00000000013912344329', ok: true },
];
for (const c of nonBcdCases) {
  test(`terminal number: ${c.name} → ${c.ok ? 'decoded' : 'bad_terminal_number, no header to reply to'}`, () => {
    const r = decodeMessage(withPhoneBytes(c.version, c.phone));
    if (c.ok) {
      assert.equal(ok(r).header.phone, c.phone);
      return;
    }
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'bad_terminal_number');
    // Without a header the gateway cannot (and must not try to) address a reply: the encoder only writes digits.
    assert.equal(r.error.header, undefined);
  });
}
