import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCopyText, type PositionRow } from './tracking.writer';

const row = (over: Partial<PositionRow> = {}): PositionRow => ({
  deviceId: '11111111-1111-4111-8111-111111111111',
  fixTime: new Date('2026-11-27T01:02:03.456Z'),
  receivedAt: new Date('2026-11-27T01:02:05.000Z'),
  lat: 31.98,
  lon: 120.89,
  altitude: null,
  speedKmh: 5,
  course: null,
  accuracyM: null,
  battery: null,
  valid: true,
  flags: 0,
  source: 1,
  alarm: null,
  status: null,
  attributes: null,
  usableForLast: true,
  ...over,
});

test('COPY text: tab-separated columns in table order, \\N for null and non-finite numbers', () => {
  assert.equal(
    toCopyText([row()]),
    '11111111-1111-4111-8111-111111111111\t2026-11-27T01:02:03.456Z\t2026-11-27T01:02:05.000Z\t31.98\t120.89\t\\N\t5\t\\N\t\\N\t\\N\tt\t0\t1\t\\N\t\\N\t\\N\n',
  );
  assert.match(toCopyText([row({ speedKmh: Number.NaN, valid: false, flags: 17, source: 2 })]), /\t\\N\t\\N\t\\N\t\\N\tf\t17\t2\t/);
});

test('COPY text: attributes are JSON with backslashes, tabs and newlines escaped so a device cannot break the row', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ a: 'x\\y' }, '{"a":"x\\\\\\\\y"}'],
    [{ 'k\tk': 1 }, '{"k\\\\tk":1}'],
    [{ note: 'line1\nline2\r' }, '{"note":"line1\\\\nline2\\\\r"}'],
  ];
  for (const [attributes, want] of cases) {
    const text = toCopyText([row({ attributes })]);
    assert.equal(text.split('\n').length, 2, 'one line per row');
    assert.equal(text.split('\t').length, 16, 'sixteen columns');
    assert.ok(text.endsWith(`\t${want}\n`), `${JSON.stringify(attributes)} → ${text}`);
  }
});

test('the writer refuses at once beyond its queue bound instead of queueing without limit', async () => {
  const { PositionWriter, WriterOverloaded } = await import('./tracking.writer');
  // A database that never answers: the first batch hangs, so rows pile up in the queue.
  const never = { pglite: { transaction: () => new Promise(() => undefined) } } as unknown as ConstructorParameters<typeof PositionWriter>[0];
  const w = new PositionWriter(never, { flushMs: 1, batchRows: 10, maxQueuedRows: 25 });
  void w.write(Array.from({ length: 10 }, () => row())); // taken by the hanging batch
  await new Promise((r) => setTimeout(r, 10));
  void w.write(Array.from({ length: 20 }, () => row()));
  await assert.rejects(w.write(Array.from({ length: 6 }, () => row())), WriterOverloaded);
  assert.equal(w.pendingRows, 20);
});

test('the writer: the requests of a batch share one promise; whole requests per batch; a failed batch fails only its requests', async () => {
  const { PositionWriter } = await import('./tracking.writer');
  const commits: number[] = [];
  let failNext = false;
  // A database whose transaction counts the COPYed lines (one per row) and can be made to fail once.
  const db = {
    pglite: {
      transaction: async (fn: (tx: { query: (sql: string, params: unknown[], o?: { blob?: Blob }) => Promise<void> }) => Promise<void>) =>
        fn({
          query: async (_sql, _params, o) => {
            if (failNext) {
              failNext = false;
              throw new Error('disk full');
            }
            if (o?.blob) commits.push((await o.blob.text()).split('\n').length - 1);
          },
        }),
    },
  } as unknown as ConstructorParameters<typeof PositionWriter>[0];
  const w = new PositionWriter(db, { flushMs: 5, batchRows: 10, updateLastPositions: false });
  const rows = (n: number) => Array.from({ length: n }, () => row());
  const a = w.write(rows(4));
  const b = w.write(rows(6)); // fits: 10 rows, the same batch
  const c = w.write(rows(3)); // does not fit: the next batch
  const big = w.write(rows(12)); // larger than a batch: a batch of its own
  assert.equal(a, b);
  assert.notEqual(b, c);
  assert.notEqual(c, big);
  await Promise.all([a, b, c, big]);
  assert.deepEqual(commits, [10, 3, 12]);
  failNext = true;
  const d = w.write(rows(2));
  const e = w.write(rows(2));
  await assert.rejects(d, /disk full/);
  await assert.rejects(e, /disk full/);
  await w.write(rows(1)); // the next batch is written again
  assert.deepEqual(commits, [10, 3, 12, 1]);
  assert.equal(w.pendingRows, 0);
  await w.close();
});
