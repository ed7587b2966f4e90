/**
 * A/B of the OsmAnd port of two guifan trees (e.g. the commit before a change, unpacked with `git archive` next
 * to a `node_modules` link, and the working tree), both running side by side on fresh embedded databases,
 * loaded one at a time by bench/osmand-load.ts (1,000 connections, 1,000 devices) in alternating rounds of 5 s
 * after a 5 s warm-up each. Prints the server CPU per 200 answer of each side per round and over all rounds: on
 * a shared machine the per-round ratio B/A is the evidence, not the absolute rates.
 *
 *   node --import tsx bench/osmand-ab.ts /tmp/old/server/src/main.ts server/src/main.ts [rounds=6]
 *   NODE_ARGS_B='--max-semi-space-size=32' node --import tsx bench/osmand-ab.ts server/src/main.ts server/src/main.ts
 */
import fs from 'node:fs';
import { LOOPBACK, cpuMs, freePort, guifanEnv, spawnNode, stopChild, tempDataDir, waitForOk } from './lib';
import { runJsonChild } from './tracking-lib';
const [mainA, mainB, roundsS] = process.argv.slice(2);
const argsOf = (s: string | undefined) => (s ? s.split(' ').filter(Boolean) : []);
async function start(main: string, nodeArgs: string[]) {
  const [port, osm, jt] = [await freePort(), await freePort(), await freePort()];
  const dataDir = tempDataDir('osm-ab');
  const env = { ...guifanEnv({ port, dataDir }), GUIFAN_OSMAND_PORT: String(osm), GUIFAN_JT808_PORT: String(jt), GUIFAN_DEVICE_AUTOREGISTER: 'true', GUIFAN_DEVICE_AUTOREGISTER_PER_ADDRESS_HOUR: '1000000', GUIFAN_DEVICE_AUTOREGISTER_PER_DAY: '10000000' };
  const child = spawnNode(main, [], env, nodeArgs);
  await waitForOk(`http://${LOOPBACK}:${port}/api/health`, child, Date.now(), 180_000);
  return { child, url: `http://${LOOPBACK}:${osm}/`, stop: async () => { await stopChild(child, 60_000); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}
interface Load { ok: number; okPerSecond: number; p50Ms: number; non2xx: number }
const load = (url: string, s: number) => runJsonChild<Load>('bench/osmand-load.ts', [url, '1000', '1000', String(s)], (s + 90) * 1000);
if (!mainA || !mainB) {
  console.error('usage: osmand-ab.ts <main.ts of A> <main.ts of B> [rounds]');
  process.exit(2);
}
const A = await start(mainA, argsOf(process.env.NODE_ARGS_A));
const B = await start(mainB, argsOf(process.env.NODE_ARGS_B));
try {
  await load(A.url, 5); await load(B.url, 5);
  const acc = { A: { ms: 0, ok: 0, r: [] as number[] }, B: { ms: 0, ok: 0, r: [] as number[] } };
  for (let i = 0; i < Number(roundsS ?? 6); i++) {
    const per: Record<string, number> = {};
    for (const side of (i % 2 ? ['B', 'A'] : ['A', 'B']) as Array<'A' | 'B'>) {
      const s = side === 'A' ? A : B;
      const c0 = cpuMs(s.child.pid)!; const r = await load(s.url, 5); const c1 = cpuMs(s.child.pid)!;
      acc[side].ms += c1 - c0; acc[side].ok += r.ok; per[side] = ((c1 - c0) * 1000) / r.ok; acc[side].r.push(r.okPerSecond);
      if (r.non2xx) console.log('non2xx', side, r.non2xx);
    }
    console.log(`round ${i}: A ${per.A!.toFixed(1)} µs  B ${per.B!.toFixed(1)} µs  B/A ${(per.B! / per.A!).toFixed(3)}`);
  }
  for (const [k, v] of Object.entries(acc)) console.log(k, 'cpu µs/report', ((v.ms * 1000) / v.ok).toFixed(1), 'ok/s rounds', v.r.map((x) => x.toFixed(0)).join(' '));
} finally { await A.stop(); await B.stop(); }
