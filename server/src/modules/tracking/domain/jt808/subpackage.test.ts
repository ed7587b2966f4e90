import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SubpackageAssembler } from './subpackage';
import type { Jt808Header } from './types';

function pkt(serial: number, index: number, total: number, over: Partial<Jt808Header> = {}): Jt808Header {
  return { id: 0x0704, bodyLength: 1, encryption: 0, version: '2013', phone: '013800138000', serial, subpackage: { total, index }, ...over };
}

test('in order: pending, pending, complete', () => {
  const a = new SubpackageAssembler();
  assert.equal(a.push(pkt(10, 1, 3), Buffer.from('a'), 0).status, 'pending');
  assert.equal(a.push(pkt(11, 2, 3), Buffer.from('b'), 1).status, 'pending');
  const r = a.push(pkt(12, 3, 3), Buffer.from('c'), 2);
  assert.equal(r.status, 'complete');
  if (r.status === 'complete') {
    assert.equal(r.body.toString(), 'abc');
    assert.equal(r.header.serial, 10);
    assert.equal(r.header.bodyLength, 3);
    assert.deepEqual(r.serials, [10, 11, 12]);
  }
  assert.equal(a.size, 0);
});

test('serials wrap around 0xFFFF', () => {
  const a = new SubpackageAssembler();
  a.push(pkt(0, 2, 2), Buffer.from('y'), 0);
  const r = a.push(pkt(0xffff, 1, 2), Buffer.from('x'), 0);
  assert.equal(r.status, 'complete');
  if (r.status === 'complete') assert.deepEqual([r.body.toString(), r.serials], ['xy', [0xffff, 0]]);
});

test('a retransmitted packet replaces the earlier copy', () => {
  const a = new SubpackageAssembler();
  a.push(pkt(1, 1, 2), Buffer.from('x'), 0);
  assert.equal(a.push(pkt(1, 1, 2), Buffer.from('X'), 0).status, 'pending');
  const r = a.push(pkt(2, 2, 2), Buffer.from('y'), 0);
  assert.ok(r.status === 'complete' && r.body.toString() === 'Xy');
});

test('interleaved messages from two phones and two ids stay apart', () => {
  const a = new SubpackageAssembler();
  a.push(pkt(1, 1, 2), Buffer.from('a'), 0);
  a.push(pkt(1, 1, 2, { phone: '013900000000' }), Buffer.from('p'), 0);
  a.push(pkt(1, 1, 2, { id: 0x0801 }), Buffer.from('m'), 0);
  assert.equal(a.size, 3);
  const r = a.push(pkt(2, 2, 2, { phone: '013900000000' }), Buffer.from('q'), 0);
  assert.ok(r.status === 'complete' && r.body.toString() === 'pq');
});

test('expiry reports the missing indexes', () => {
  const a = new SubpackageAssembler({ ttlMs: 1000 });
  a.push(pkt(5, 1, 3), Buffer.from('a'), 0);
  assert.deepEqual(a.expire(1000), []);
  assert.deepEqual(a.expire(1001), [{ phone: '013800138000', id: 0x0704, firstSerial: 5, total: 3, missing: [2, 3], reason: 'expired' }]);
  assert.equal(a.size, 0);
});

test('bounded pending: the least recently updated assembly is evicted', () => {
  const a = new SubpackageAssembler({ maxPending: 2 });
  a.push(pkt(100, 1, 2), Buffer.from('a'), 0);
  a.push(pkt(200, 1, 2), Buffer.from('b'), 5);
  const r = a.push(pkt(300, 1, 2), Buffer.from('c'), 6);
  assert.equal(a.size, 2);
  assert.deepEqual(r.dropped.map((d) => [d.firstSerial, d.reason]), [[100, 'evicted']]);
});

const rejects: { name: string; h: Jt808Header; opts?: ConstructorParameters<typeof SubpackageAssembler>[0]; size?: number }[] = [
  { name: 'not a subpackage', h: { ...pkt(1, 1, 1), subpackage: undefined } },
  { name: 'index 0', h: pkt(1, 0, 2) },
  { name: 'index > total', h: pkt(1, 3, 2) },
  { name: 'total above maxPackets', h: pkt(1, 1, 1000) },
  { name: 'body above maxBytes', h: pkt(1, 1, 2), opts: { maxBytes: 4 }, size: 5 },
];
for (const c of rejects) {
  test(`rejected: ${c.name}`, () => {
    const a = new SubpackageAssembler(c.opts);
    assert.equal(a.push(c.h, Buffer.alloc(c.size ?? 1), 0).status, 'rejected');
    assert.equal(a.size, 0);
  });
}

test('bounded bytes: assemblies together hold at most maxTotalBytes; the oldest make room, completed ones free theirs', () => {
  const a = new SubpackageAssembler({ maxPending: 16, maxBytes: 100, maxTotalBytes: 250 });
  a.push(pkt(100, 1, 3), Buffer.alloc(100), 0);
  a.push(pkt(200, 1, 3), Buffer.alloc(100), 1);
  assert.equal(a.bytes, 200);
  const r = a.push(pkt(300, 1, 3), Buffer.alloc(100), 2);
  assert.equal(r.status, 'pending');
  assert.deepEqual(r.dropped.map((d) => [d.firstSerial, d.reason]), [[100, 'over_budget']]);
  assert.equal(a.bytes, 200);
  assert.equal(a.size, 2);
  // A retransmitted packet replaces its earlier copy: no double count.
  a.push(pkt(300, 1, 3), Buffer.alloc(60), 3);
  assert.equal(a.bytes, 160);
  // Completion and expiry give the bytes back.
  a.push(pkt(301, 2, 3), Buffer.alloc(10), 4);
  assert.equal(a.push(pkt(302, 3, 3), Buffer.alloc(10), 5).status, 'complete');
  assert.equal(a.bytes, 100);
  a.expire(1_000_000);
  assert.equal(a.bytes, 0);
  assert.equal(a.size, 0);
});

test('bounded bytes under a flood of random packets: never above the budget', () => {
  const a = new SubpackageAssembler({ maxPending: 8, maxBytes: 2000, maxTotalBytes: 4000 });
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 20_000; i++) {
    const total = 1 + Math.floor(rand() * 20);
    a.push(pkt(Math.floor(rand() * 65536), 1 + Math.floor(rand() * total), total), Buffer.alloc(Math.floor(rand() * 1000)), i);
    assert.ok(a.bytes <= 4000 && a.size <= 8, `${a.bytes} bytes in ${a.size} assemblies`);
  }
});
