/**
 * Load generator of bench/tracking-ingest.ts (runs as its own process so that its CPU is not the server's):
 * T simulated JT/T 808 terminals connect to 127.0.0.1:PORT, register, authenticate, then each keeps W 0x0200
 * reports in flight — a new one as soon as a 0x8001 comes back (the gateway acks after commit). Prints one JSON
 * line: acked positions in the measured window, after a warm-up.
 *
 *   node --import tsx bench/jt808-flood.ts <port> <terminals> <window> <warmupS> <durationS>
 */
import { Jt808Session } from '../server/src/simulator/jt808-client';
import { buildStreetGraph, createPatrol, seedFrom, MODES } from '../server/src/simulator/route';
import { FALLBACK_AREA } from '../server/src/simulator/simulate';
import { headerPhone } from '../server/src/simulator/fleet';
import { LatencyHistogram } from '../server/src/simulator/stats';
import type { HeaderInput, LocationInput } from '../server/src/modules/tracking/domain/jt808';
import { LOOPBACK } from './lib';

const [port, terminals, window, warmupS, durationS] = process.argv.slice(2).map(Number) as [number, number, number, number, number];
if (![port, terminals, window, warmupS, durationS].every((n) => Number.isFinite(n) && n >= 0)) {
  console.error('usage: jt808-flood.ts <port> <terminals> <window> <warmupS> <durationS>');
  process.exit(2);
}

/** Terminal numbers of the benchmark: 19800000001 … (auto-registered by the server). */
const BASE = 19_800_000_001;
const graph = buildStreetGraph(FALLBACK_AREA, { spacingM: MODES.car.spacingM, seed: 1 });
let measuring = false;
let stopped = false;
let acked = 0;
let refused = 0;
let failed = 0;
let connected = 0;
const latency = new LatencyHistogram();
const errors = new Map<string, number>();
const note = (m: string) => errors.set(m, (errors.get(m) ?? 0) + 1);

async function terminal(i: number): Promise<void> {
  const identifier = String(BASE + i);
  const version: '2013' | '2019' = i % 4 === 3 ? '2019' : '2013';
  const phone = headerPhone(identifier, version)!;
  let serial = 0;
  const header = (): HeaderInput => {
    const h = { phone, version, serial };
    serial = (serial + 1) & 0xffff;
    return h;
  };
  const patrol = createPatrol({ graph, mode: 'car', seed: seedFrom('flood', i) });
  // Fix times: one second apart from two hours ago (never in the future during a bounded run).
  let fixMs = Math.floor(Date.now() / 1000) * 1000 - 2 * 3_600_000;
  let session: Jt808Session;
  try {
    session = await Jt808Session.open(LOOPBACK, port, header, 30_000, note);
    const reg = await session.request({ kind: 'register', header: header(), body: { province: 32, city: 600, manufacturer: 'GFSIM', model: 'BENCH', terminalId: identifier.slice(-7), plateColor: 1, plate: `苏F${identifier.slice(-5)}` } });
    if (reg.result !== 0 || !reg.authCode) throw new Error(`register refused: ${reg.result}`);
    const authCode = reg.authCode;
    const auth = await session.request({ kind: 'auth', header: header(), body: version === '2019' ? { authCode, imei: `86${identifier.padStart(13, '0')}`, softwareVersion: 'bench' } : { authCode } });
    if (auth.result !== 0) throw new Error(`auth refused: ${auth.result}`);
  } catch (e) {
    note((e as Error).message);
    return;
  }
  connected++;
  const location = (): LocationInput => {
    const f = patrol.advance(1);
    fixMs = Math.min(fixMs + 1000, Date.now());
    return { alarm: 0, status: 0, acc: true, located: true, south: false, west: false, lat: f.lat, lon: f.lon, altitude: f.altitude, speedKmh: f.speedKmh, course: f.course, time: new Date(fixMs), extras: { satellites: 9, signalStrength: 25 } };
  };
  const lane = async () => {
    while (!stopped && session.isOpen) {
      try {
        const r = await session.request({ kind: 'location', header: header(), body: location() });
        if (!measuring) continue;
        if (r.result === 0) {
          acked++;
          latency.record(r.latencyMs);
        } else refused++;
      } catch (e) {
        failed++;
        note((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
  session.close();
}

async function main(): Promise<void> {
  // Connect in waves of 50 (a real fleet does not connect in one SYN burst).
  const running: Promise<void>[] = [];
  for (let i = 0; i < terminals; i += 50) {
    const wave = Array.from({ length: Math.min(50, terminals - i) }, (_, k) => terminal(i + k));
    running.push(...wave);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, warmupS * 1000));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, durationS * 1000));
  measuring = false;
  const measuredS = (performance.now() - t0) / 1000;
  stopped = true;
  await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 35_000))]);
  console.log(
    JSON.stringify({
      terminals,
      window,
      connected,
      acked,
      refused,
      failed,
      measuredS,
      perSecond: acked / measuredS,
      p50Ms: latency.percentile(0.5),
      p99Ms: latency.percentile(0.99),
      errors: [...errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5),
    }),
  );
  process.exit(0);
}

void main();
