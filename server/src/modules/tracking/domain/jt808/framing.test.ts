import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader, checksum, escape, unescape } from './framing';
import { decodeMessage } from './decode';
import { encodeFrame, encodeMessage } from './encode';
import { CAPTURED, hex } from './test-helpers';

// ── escape / unescape / checksum ──
const escapeCases = [
  { raw: '307e08', escaped: '307d0208' },
  { raw: '7d55', escaped: '7d0155' },
  { raw: '307e087d55', escaped: '307d02087d0155' }, // traccar HuabaoFrameDecoderTest: 7e307d02087d01557e → 307e087d55
  { raw: '7e7e7d7d', escaped: '7d027d027d017d01' },
  { raw: '', escaped: '' },
  { raw: '0102', escaped: '0102' },
];
for (const c of escapeCases) {
  test(`escape/unescape ${c.raw || '(empty)'}`, () => {
    assert.equal(escape(hex(c.raw)).toString('hex'), c.escaped);
    assert.equal(unescape(hex(c.escaped))?.toString('hex'), c.raw);
  });
}

for (const bad of ['7d', '7d03', '017d00', '7e', '7d7d']) {
  test(`unescape rejects ${bad}`, () => assert.equal(unescape(hex(bad)), null));
}

test('checksum is the XOR of header + body', () => {
  assert.equal(checksum(hex('')), 0);
  assert.equal(checksum(hex('0102')), 0x03);
  const f = hex(CAPTURED.heartbeat2013).subarray(1, -1);
  assert.equal(checksum(f, 0, f.length - 1), f[f.length - 1]);
});

// ── FrameReader ──
const wire = hex(CAPTURED.location2019);
const inner = wire.subarray(1, -1);

test('one frame in one chunk', () => {
  const r = new FrameReader().push(wire);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.frames.map((f) => f.toString('hex')), [inner.toString('hex')]);
});

test('a frame split at every byte offset gives the same message', () => {
  const expected = decodeMessage(inner);
  for (let cut = 0; cut <= wire.length; cut++) {
    const fr = new FrameReader();
    const a = fr.push(wire.subarray(0, cut));
    const b = fr.push(wire.subarray(cut));
    const frames = [...a.frames, ...b.frames];
    assert.equal(frames.length, 1, `cut ${cut}`);
    assert.deepEqual([...a.errors, ...b.errors], [], `cut ${cut}`);
    assert.deepEqual(decodeMessage(frames[0] ?? Buffer.alloc(0)), expected, `cut ${cut}`);
  }
});

test('escaped frame split inside every 7D xx pair and byte-by-byte', () => {
  // a frame with 7E/7D in the body and in the checksum
  const w = escapedChecksumFrame();
  const fr = new FrameReader();
  const frames: Buffer[] = [];
  for (const b of w) {
    const r = fr.push(Buffer.from([b]));
    assert.deepEqual(r.errors, []);
    frames.push(...r.frames);
  }
  assert.equal(frames.length, 1);
  assert.ok(decodeMessage(frames[0] ?? Buffer.alloc(0)).ok);
});

/** A heartbeat whose serial makes the checksum 0x7E (escaped as 7D 02), plus a location whose TLV carries 7E and 7D. */
function escapedChecksumFrame(): Buffer {
  const h = { phone: '13800138000', version: '2013' as const, serial: 0 };
  const base = encodeFrame(0x0002, h, Buffer.alloc(0));
  const un = unescape(base.subarray(1, -1)) ?? Buffer.alloc(0);
  const sum = un[un.length - 1] ?? 0;
  // changing the serial's low byte from 0 to x changes the checksum by x
  return encodeFrame(0x0002, { ...h, serial: sum ^ 0x7e }, Buffer.alloc(0));
}

test('escapes 7D 01 / 7D 02 in the body and in the checksum', () => {
  const w = escapedChecksumFrame();
  assert.equal(w.subarray(-3).toString('hex'), '7d027e'); // checksum 0x7E escaped
  const r = new FrameReader().push(w);
  assert.equal(r.frames.length, 1);
  const d = decodeMessage(r.frames[0] ?? Buffer.alloc(0));
  assert.ok(d.ok && d.message.kind === 'heartbeat');

  const loc = encodeMessage({
    kind: 'location',
    header: { phone: '13800138000', version: '2013', serial: 0x7d7e },
    body: { alarm: 0x7e7d, status: 0, located: true, south: false, west: false, acc: false, lat: 1, lon: 2, altitude: 0x7e, speedKmh: 0, course: 0x7d, time: new Date('2026-01-01T00:00:00Z'), extras: { raw: [{ id: 0xe0, bytes: '7e7d7e7d' }] } },
  })[0] ?? Buffer.alloc(0);
  assert.ok(loc.includes(hex('7d02')) && loc.includes(hex('7d01')));
  assert.equal(loc.subarray(1, -1).includes(0x7e), false);
  const r2 = new FrameReader().push(loc);
  const d2 = decodeMessage(r2.frames[0] ?? Buffer.alloc(0));
  assert.ok(d2.ok && d2.message.kind === 'location');
  if (d2.ok && d2.message.kind === 'location') {
    assert.equal(d2.message.header.serial, 0x7d7e);
    assert.equal(d2.message.body.alarm, 0x7e7d);
    assert.deepEqual(d2.message.body.extras.raw, [{ id: 0xe0, bytes: '7e7d7e7d' }]);
  }
});

test('100 frames in one chunk', () => {
  const frames = Array.from({ length: 100 }, (_, i) => encodeFrame(0x0002, { phone: '13800138000', version: i % 2 ? '2019' : '2013', serial: i }, Buffer.alloc(0)));
  const r = new FrameReader().push(Buffer.concat(frames));
  assert.deepEqual(r.errors, []);
  assert.equal(r.frames.length, 100);
  r.frames.forEach((f, i) => {
    const d = decodeMessage(f);
    assert.ok(d.ok);
    if (d.ok) assert.equal(d.message.header.serial, i);
  });
});

const garbageCases = [
  { name: 'before', chunks: ['0102030405', CAPTURED.heartbeat2013], frames: 1, errors: ['garbage'] },
  { name: 'after (reported at the end of the chunk)', chunks: [CAPTURED.heartbeat2013 + 'aabbcc'], frames: 1, errors: ['garbage'] },
  { name: 'between two frames', chunks: [CAPTURED.heartbeat2013 + 'ffff' + CAPTURED.auth2013], frames: 2, errors: ['garbage'] },
  { name: 'empty frame 7E7E', chunks: ['7e7e', CAPTURED.heartbeat2013], frames: 1, errors: [] },
  { name: 'frames back to back sharing no delimiter', chunks: [CAPTURED.heartbeat2013 + CAPTURED.heartbeat2013.slice(2)], frames: 1, errors: ['garbage'] },
  { name: 'joined mid-frame: tail of a frame, then a frame', chunks: ['0200112233' + '7e', CAPTURED.heartbeat2013], frames: 1, errors: ['garbage'] },
];
for (const c of garbageCases) {
  test(`garbage ${c.name}`, () => {
    const fr = new FrameReader();
    const frames: Buffer[] = [];
    const errors: string[] = [];
    for (const ch of c.chunks) {
      const r = fr.push(hex(ch));
      frames.push(...r.frames);
      errors.push(...r.errors.map((e) => e.code));
    }
    // every frame that came out decodes to a message or is the 1-byte leftover of a desync
    assert.equal(frames.filter((f) => decodeMessage(f).ok).length, c.frames, c.name);
    assert.deepEqual(errors, c.errors);
  });
}

test('bad escape drops that frame only; the next frame is read', () => {
  const fr = new FrameReader();
  const r = fr.push(Buffer.concat([hex('7e0002000004307d0332546500b7ca7e'), hex(CAPTURED.heartbeat2013)]));
  assert.deepEqual(r.errors.map((e) => [e.code, e.fatal]), [['bad_escape', false]]);
  assert.equal(r.frames.length, 1);
  assert.ok(decodeMessage(r.frames[0] ?? Buffer.alloc(0)).ok);
});

test('7D right before the closing 7E is a bad escape', () => {
  const r = new FrameReader().push(hex('7e0002000004307d7e'));
  assert.deepEqual(r.errors.map((e) => e.code), ['bad_escape']);
  assert.equal(r.frames.length, 0);
});

test('overflow: a frame longer than maxFrameSize is fatal, memory stays bounded', () => {
  const fr = new FrameReader({ maxFrameSize: 64 });
  const a = fr.push(Buffer.concat([hex('7e'), Buffer.alloc(40, 1)]));
  assert.deepEqual(a.errors, []);
  assert.equal(fr.buffered, 40);
  const b = fr.push(Buffer.alloc(40, 1));
  assert.deepEqual(b.errors.map((e) => [e.code, e.fatal]), [['overflow', true]]);
  assert.equal(fr.buffered, 0);
  // if the caller keeps reading anyway, the reader resynchronises on the next delimiter
  const c = fr.push(Buffer.concat([Buffer.alloc(1000, 2), hex(CAPTURED.heartbeat2013)]));
  assert.equal(c.frames.length, 1);
});

test('overflow: default limit is 2 KiB after unescape (7D 02 counts once)', () => {
  const fr = new FrameReader();
  const ok2048 = fr.push(Buffer.concat([hex('7e'), Buffer.alloc(2048 * 2, 0).fill(hex('7d02')), hex('7e')]));
  assert.deepEqual(ok2048.errors, []);
  assert.equal(ok2048.frames[0]?.length, 2048);
  const over = fr.push(Buffer.concat([hex('7e'), Buffer.alloc(2049, 3), hex('7e')]));
  assert.deepEqual(over.errors.map((e) => e.code), ['overflow']);
});

test('overflow: a client that never sends a delimiter', () => {
  const fr = new FrameReader({ maxGarbageRun: 4096 });
  const errors: string[] = [];
  for (let i = 0; i < 100; i++) errors.push(...fr.push(Buffer.alloc(1000, 0x41)).errors.filter((e) => e.fatal).map((e) => e.code));
  assert.deepEqual(errors, ['overflow']);
  assert.equal(fr.buffered, 0);
});

test('maxFrameSize below 16 is refused', () => {
  assert.throws(() => new FrameReader({ maxFrameSize: 8 }), RangeError);
});
