/**
 * Server memory under a realistic fleet: a guifan server on the embedded database (demo seed, auto-registration
 * on) while `runSimulation` drives 1,000 devices reporting every 10 s (the 224 demo devices plus sim-<n> phones
 * and 0199… terminals, over both protocols) for about 2 minutes. VmRSS of the server process sampled every
 * second; goal: peak < 1 GB (1,024 MiB).
 *
 *   node --import tsx bench/tracking-rss.ts
 *
 * Knobs: BENCH_RSS_DEVICES (1000), BENCH_RSS_DURATION (120 s), BENCH_RSS_INTERVAL (10 s).
 */
import { runSimulation, type SimulationStats } from '../server/src/simulator';
import { BENCH_ADMIN_PASSWORD, emitSection, fmt, isMain, mdTable, passFail, rssKib, sleep } from './lib';
import { intEnv, rssSampler, startTrackingServer } from './tracking-lib';

const GOAL_MIB = 1024;

export async function runTrackingRssBench(): Promise<{ markdown: string; pass: boolean }> {
  const devices = intEnv('BENCH_RSS_DEVICES', 1000);
  const durationS = intEnv('BENCH_RSS_DURATION', 120);
  const intervalS = intEnv('BENCH_RSS_INTERVAL', 10);
  console.error('[tracking-rss] server with the demo seed…');
  const server = await startTrackingServer({ seedDemo: true, tag: 'rss' });
  let stats: SimulationStats;
  let idleKib: number | null;
  let rss: { peakKib: number; lastKib: number; samples: number };
  try {
    await sleep(5_000);
    idleKib = rssKib(server.child.pid);
    const sampler = rssSampler(server.child.pid, 1000);
    console.error(`[tracking-rss] ${devices} devices every ${intervalS} s for ${durationS} s…`);
    stats = await runSimulation({
      server: server.base,
      osmandPort: server.osmandPort,
      jt808Port: server.jt808Port,
      devices,
      protocol: 'both',
      intervalS,
      durationS,
      username: 'admin',
      password: BENCH_ADMIN_PASSWORD,
      seed: 1,
      onStatus: (s) => console.error(`[tracking-rss] ${s.elapsedS.toFixed(0)} s: online ${s.online}, acked ${s.acked}/${s.sent}, server RSS ${fmt((rssKib(server.child.pid) ?? 0) / 1024)} MiB`),
    });
    rss = sampler.stop();
  } finally {
    await server.stop();
  }
  const peakMiB = rss.peakKib / 1024;
  const pass = peakMiB < GOAL_MIB && stats.ok;
  const mib = (k: number | null) => (k === null ? 'n/a' : `${fmt(k / 1024)} MiB`);
  const table = mdTable(
    ['devices (OsmAnd + 808)', 'positions sent / acked', 'ack p50 / p99 ms', 'RSS idle (seeded)', 'RSS peak under load', 'RSS at the end', `goal peak < ${fmt(GOAL_MIB)} MiB`],
    [
      [
        `${fmt(stats.devices)} (${stats.osmand.devices} + ${stats.jt808.devices}), every ${intervalS} s`,
        `${fmt(stats.sent)} / ${fmt(stats.acked)}${stats.unacked || stats.rejected ? ` ⚠ unacked ${stats.unacked}, rejected ${stats.rejected}` : ''}`,
        `${fmt(stats.latencyMs.p50, 0)} / ${fmt(stats.latencyMs.p99, 0)}`,
        mib(idleKib),
        mib(rss.peakKib),
        mib(rss.lastKib),
        passFail(peakMiB < GOAL_MIB),
      ],
    ],
  );
  const errs = stats.topErrors.map((e) => `${e.message} ×${e.count}`).join('; ');
  const markdown = [
    '### Server memory with 1,000 reporting devices (`bench/tracking-rss.ts`)',
    '',
    `Embedded PGlite, \`--seed-demo\`, \`GUIFAN_DEVICE_AUTOREGISTER=true\`; \`runSimulation\` (the code of \`guifan simulate\`) in the benchmark ` +
      `process drives ${fmt(devices)} devices with \`--protocol both\` (registered demo devices first, then sim-<n> phones over OsmAnd and ` +
      `0199… terminals over JT/T 808, a quarter of those with 2019 headers) for ${durationS} s; \`VmRSS\` of the server sampled every second ` +
      `(${rss.samples} samples).`,
    '',
    table,
    '',
    `Goal (peak RSS < ${fmt(GOAL_MIB)} MiB with every position acked): ${passFail(pass)}.` + (errs ? ` Simulator errors: ${errs}.` : ''),
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runTrackingRssBench()
    .then((r) => emitSection('tracking-rss', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
