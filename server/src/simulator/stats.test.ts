import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorTally, LatencyHistogram } from './stats';

test('percentiles are within 1 % above the exact value', () => {
  const h = new LatencyHistogram();
  const xs: number[] = [];
  for (let i = 1; i <= 10_000; i++) xs.push(i * 0.037);
  for (const x of xs) h.record(x);
  const exact = (q: number) => xs[Math.ceil(q * xs.length) - 1]!;
  for (const q of [0.5, 0.9, 0.99, 1]) {
    const got = h.percentile(q);
    assert.ok(got >= exact(q) - 1e-9 && got <= exact(q) * 1.011 + 0.01, `p${q * 100}: ${got} vs ${exact(q)}`);
  }
  assert.equal(h.count, 10_000);
  assert.ok(Math.abs(h.max - 370) < 1e-9);
  assert.ok(Math.abs(h.mean - 185.0185) < 1e-3);
});

test('small values, empty, merge and reset', () => {
  const h = new LatencyHistogram();
  assert.equal(h.percentile(0.5), 0);
  h.record(0.004);
  h.record(0.5);
  h.record(-1); // ignored
  h.record(Number.NaN); // ignored
  assert.equal(h.count, 2);
  assert.equal(h.percentile(0.5), 0.01);
  assert.equal(h.percentile(1), 0.5);
  const o = new LatencyHistogram();
  o.record(5_000_000); // beyond the last bucket: clamped, max kept
  h.merge(o);
  assert.equal(h.count, 3);
  assert.equal(h.percentile(1), 5_000_000);
  h.reset();
  assert.equal(h.count, 0);
  assert.equal(h.max, 0);
});

test('the error tally keeps the most frequent messages within its capacity', () => {
  const t = new ErrorTally(3);
  for (let i = 0; i < 5; i++) t.add('ECONNREFUSED');
  t.add('a');
  t.add('b');
  t.add('b');
  t.add('c'); // evicts "a" (count 1)
  assert.equal(t.count, 9);
  assert.equal(t.last, 'c');
  assert.deepEqual(t.top(2), [
    { message: 'ECONNREFUSED', count: 5 },
    { message: 'b', count: 2 },
  ]);
  assert.equal(t.top().length, 3);
});
