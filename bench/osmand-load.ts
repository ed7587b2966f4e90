/**
 * Load generator of bench/tracking-osmand.ts (own process): autocannon with C keep-alive connections sending
 * OsmAnd reports as Traccar Client does (GET with the query form), device ids rotating over D devices
 * (`bench-<n>`), each device's fix time advancing one second per report from an hour ago, positions moving a few
 * metres. The same requests go to the bare baseline, which answers any query on `/`. Prints one JSON line.
 *
 *   node --import tsx bench/osmand-load.ts <url> <connections> <devices> <durationS>
 */
import autocannon from 'autocannon';

const [url, c, d, s] = process.argv.slice(2);
const connections = Number(c);
const devices = Number(d);
const durationS = Number(s);
if (!url?.startsWith('http://127.0.0.1:') || !(connections > 0 && devices > 0 && durationS > 0)) {
  console.error('usage: osmand-load.ts http://127.0.0.1:PORT/path <connections> <devices> <durationS>');
  process.exit(2);
}
const path = new URL(url).pathname;
const t0 = Math.floor(Date.now() / 1000) - 3600;
let k = 0;

const result = await autocannon({
  url,
  connections,
  duration: durationS,
  timeout: 30,
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => {
        const n = k % devices;
        const step = Math.floor(k / devices);
        k++;
        const lat = 31.99 + (n % 100) * 0.0003 + step * 0.00001;
        const lon = 120.86 + Math.floor(n / 100) * 0.0003 + step * 0.00001;
        const q = `id=bench-${n}&lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}&timestamp=${t0 + step}&speed=2.70&bearing=45&altitude=5&accuracy=8&batt=87`;
        return { ...req, path: `${path}?${q}` };
      },
    },
  ],
});
const ok = result['2xx'];
console.log(
  JSON.stringify({
    connections,
    devices,
    durationS: result.duration,
    ok,
    okPerSecond: ok / result.duration,
    reqPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, v]) => [code, v.count])),
  }),
);
