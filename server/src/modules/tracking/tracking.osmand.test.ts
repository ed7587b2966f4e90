import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { ManualClock } from '../../platform/clock';
import type { PositionFix } from './domain/osmand/osmand';
import { IngestRefused, type Ingest } from './tracking.ingest';
import { handleOsmAnd, startOsmAndServer } from './tracking.osmand';

/** An ingest that refuses `unknown-*`, fails `broken-*` as a database would, stores the rest. */
function fakeIngest(stored: PositionFix[]): Ingest {
  return {
    ingestOsmAnd(fixes: readonly PositionFix[]) {
      for (const f of fixes) {
        if (f.deviceKey.startsWith('unknown')) return Promise.reject(new IngestRefused('unknown_device', `unknown device ${f.deviceKey}`));
        if (f.deviceKey.startsWith('broken')) return Promise.reject(new Error('connection lost'));
      }
      stored.push(...fixes);
      return Promise.resolve();
    },
  } as unknown as Ingest;
}

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

const ask = async (url: string, init?: RequestInit): Promise<Answer> => {
  const res = await fetch(url, init);
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
};

test('OsmAnd port: a GET report is answered without fastify exactly as through fastify (status, type, body, what is stored)', async () => {
  const clock = new ManualClock(new Date('2026-12-08T03:00:00Z'));
  const viaFastify: PositionFix[] = [];
  const viaFastPath: PositionFix[] = [];
  // The reference: the fastify route (what the main app serves at /api/tracking/osmand).
  const ref = Fastify({ logger: false });
  ref.route({ method: ['GET', 'POST'], url: '/*', handler: (req, reply) => handleOsmAnd(fakeIngest(viaFastify), clock, 480, req, reply) });
  await ref.listen({ port: 0, host: '127.0.0.1' });
  const port = await startOsmAndServer({ ingest: fakeIngest(viaFastPath), clock, port: 0, host: '127.0.0.1', naiveOffsetMinutes: 480, logLevel: 'silent' });
  try {
    const refBase = `http://127.0.0.1:${(ref.server.address() as AddressInfo).port}`;
    const base = `http://127.0.0.1:${(port.server.address() as AddressInfo).port}`;
    const t = Math.floor(clock.now().getTime() / 1000) - 30;
    const paths = [
      `/?id=phone-1&lat=31.98&lon=120.89&timestamp=${t}&speed=2.7&bearing=45&altitude=5&accuracy=8&batt=87`,
      `/some/path?deviceid=phone-2&location=31.98%2C120.89&timestamp=${t}`,
      `/?id=phone-3&lat=31.98&lon=120.89&timestamp=2026-12-08%2010:59:00`, // naive local time
      `/?id=phone-1&lat=31.98&lon=120.89&timestamp=${t}&id=phone-4`, // the last value wins
      '/?lat=31.98&lon=120.89', // no id: 400
      '/?id=phone-1&lat=91&lon=120.89', // out of range: 400
      '/?id=phone-1&lat=abc&lon=120.89', // not a number: 400
      '/', // nothing at all: 400
      `/?id=unknown-9&lat=31.98&lon=120.89&timestamp=${t}`, // 403
      `/?id=broken-1&lat=31.98&lon=120.89&timestamp=${t}`, // 503
    ];
    for (const p of paths) {
      const fast = await ask(base + p);
      assert.deepEqual(fast, await ask(refBase + p), p);
    }
    assert.deepEqual(viaFastPath, viaFastify);
    assert.equal(viaFastPath.length, 4);
    // A GET with a JSON content type is read as JSON, as before (and without a body it is refused the same way).
    const jsonGet = { headers: { 'content-type': 'application/json' } };
    assert.deepEqual(await ask(`${base}/?id=phone-1&lat=31.98&lon=120.89`, jsonGet), await ask(`${refBase}/?id=phone-1&lat=31.98&lon=120.89`, jsonGet));
    // POST still goes through fastify on the port: a form body is stored.
    const form = await ask(`${base}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `id=phone-5&lat=31.98&lon=120.89&timestamp=${t}` });
    assert.deepEqual(form, { status: 200, contentType: null, body: '' });
    assert.equal(viaFastPath.at(-1)?.deviceKey, 'phone-5');
  } finally {
    await port.close();
    await ref.close();
  }
});
