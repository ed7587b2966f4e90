// Seeded fuzz: random and mutated frames never throw and always yield a message or a coded error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader } from './framing';
import { decodeMessage, decodeBody } from './decode';
import { SubpackageAssembler } from './subpackage';
import { CAPTURED, hex, rng } from './test-helpers';

const CODES = new Set(['too_short', 'bad_checksum', 'bad_length', 'encrypted', 'bad_body', 'bad_time', 'bad_terminal_number']);
const FRAME_CODES = new Set(['garbage', 'bad_escape', 'overflow']);
const SEEDS = Object.values(CAPTURED).map((h) => hex(h));

function check(frames: Buffer[], asm: SubpackageAssembler, now: number): void {
  for (const f of frames) {
    const r = decodeMessage(f);
    if (!r.ok) {
      assert.ok(CODES.has(r.error.code), r.error.code);
      assert.equal(typeof r.error.message, 'string');
      continue;
    }
    if (r.message.kind === 'fragment') {
      const s = asm.push(r.message.header, r.message.body, now);
      if (s.status === 'complete') {
        const d = decodeBody(s.header, s.body);
        if (!d.ok) assert.ok(CODES.has(d.error.code));
      }
    }
  }
}

test('fuzz: random byte streams (seeded)', () => {
  const rand = rng(808);
  const fr = new FrameReader({ maxFrameSize: 512 });
  const asm = new SubpackageAssembler();
  for (let i = 0; i < 3000; i++) {
    const n = Math.floor(rand() * 200);
    const chunk = Buffer.alloc(n);
    for (let j = 0; j < n; j++) chunk[j] = rand() < 0.08 ? 0x7e : rand() < 0.05 ? 0x7d : Math.floor(rand() * 256);
    const r = fr.push(chunk);
    for (const e of r.errors) assert.ok(FRAME_CODES.has(e.code));
    check(r.frames, asm, i);
    assert.ok(fr.buffered <= 512);
  }
});

test('fuzz: mutated captured frames (seeded)', () => {
  const rand = rng(2019);
  const asm = new SubpackageAssembler();
  let decodedOk = 0;
  for (let i = 0; i < 20000; i++) {
    const seed = SEEDS[Math.floor(rand() * SEEDS.length)] ?? Buffer.alloc(0);
    const inner = Buffer.from(seed.subarray(1, -1));
    // unescape is not needed for the captured seeds (none contains 7D); mutate the content directly
    const m = Math.floor(rand() * 4);
    let f: Buffer = inner;
    if (m === 0) f[Math.floor(rand() * f.length)] = Math.floor(rand() * 256);
    else if (m === 1) f = f.subarray(0, Math.floor(rand() * f.length));
    else if (m === 2) f = Buffer.concat([f, Buffer.from([Math.floor(rand() * 256)])]);
    else {
      // mutate then fix the checksum and the declared length so the body decoders get exercised
      for (let k = 0; k < 3; k++) f[4 + Math.floor(rand() * (f.length - 4))] = Math.floor(rand() * 256);
      const props = f.readUInt16BE(2);
      if (rand() < 0.5) f.writeUInt16BE((props & ~0x2000 & ~0x1c00) | (rand() < 0.5 ? 0x4000 : 0), 2);
      const hl = (f.readUInt16BE(2) & 0x4000 ? 17 : 12) + (f.readUInt16BE(2) & 0x2000 ? 4 : 0);
      if (f.length > hl) {
        f.writeUInt16BE((f.readUInt16BE(2) & ~0x3ff) | Math.min(f.length - hl - 1, 0x3ff), 2);
        let x = 0;
        for (let k = 0; k < f.length - 1; k++) x ^= f[k] ?? 0;
        f[f.length - 1] = x;
      }
    }
    const r = decodeMessage(f);
    if (r.ok) decodedOk++;
    check([f], asm, i);
    // and through the reader, escaped as on the wire, split randomly
    const fr = new FrameReader();
    const wire = Buffer.concat([hex('7e'), escapeBytes(f), hex('7e')]);
    const cut = Math.floor(rand() * wire.length);
    const a = fr.push(wire.subarray(0, cut));
    const b = fr.push(wire.subarray(cut));
    const frames = [...a.frames, ...b.frames];
    if (f.length > 0) assert.deepEqual(frames.map((x) => x.toString('hex')), [f.toString('hex')]);
  }
  assert.ok(decodedOk > 1000, `only ${decodedOk} mutated frames decoded`);
});

function escapeBytes(b: Buffer): Buffer {
  const out: number[] = [];
  for (const x of b) {
    if (x === 0x7e) out.push(0x7d, 0x02);
    else if (x === 0x7d) out.push(0x7d, 0x01);
    else out.push(x);
  }
  return Buffer.from(out);
}
