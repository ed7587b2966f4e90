/**
 * Where does a request's CPU go? Starts the guifan server with `--cpu-prof`, logs in as admin, loads one path
 * with autocannon for a bounded time, stops the server and prints the hottest functions and packages.
 *
 *   node --import tsx bench/profile.ts /api/identity/users [seconds=8]
 *   node --import tsx bench/profile.ts --osmand [seconds=8]     (the OsmAnd port under bench/osmand-load.ts;
 *                                   BENCH_SERVER_NODE_ARGS adds Node.js flags to the server, e.g. GC sizes)
 *   BENCH_DATABASE_URL=postgres://…/guifan_bench node --import tsx bench/profile.ts /api/identity/me
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BENCH_ADMIN_PASSWORD,
  GUIFAN_MAIN,
  LOOPBACK,
  autocannon,
  fmt,
  freePort,
  guifanEnv,
  isMain,
  spawnNode,
  stopChild,
  tempDataDir,
  waitForOk,
} from './lib';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (url === '') return '(native/V8)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node core';
  const i = url.indexOf('/server/src/');
  return i >= 0 ? `guifan ${url.slice(i + 1).split('/').slice(0, 4).join('/')}` : url;
}

/**
 * Self time per function and per package, in ms, from a V8 .cpuprofile; only the samples inside `window` when given
 * (µs of the monotonic clock, which V8's profile timestamps and `process.hrtime` share on Linux: `monotonicUs()`).
 */
export function summarize(profile: CpuProfile, top = 25, window?: { fromUs: number; toUs: number }): string {
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const d = profile.timeDeltas[i] ?? 0;
    t += d;
    if (window && (t < window.fromUs || t > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + d);
  });
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const us = selfUs.get(n.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const pkg = f.functionName === '(idle)' ? '(idle)' : f.functionName === '(garbage collector)' ? '(garbage collector)' : where(f.url);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${fmt((100 * us) / total, 1)}%`;
  const lines = [`total sampled ${fmt(total / 1000)} ms`, '', 'by package / area (self time):'];
  for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(v).padStart(6)}  ${k}`);
  lines.push('', `top ${top} functions (self time):`);
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v).padStart(6)}  ${k}`);
  return lines.join('\n');
}

/** Now on the clock of a V8 .cpuprofile's timestamps (CLOCK_MONOTONIC, system-wide), µs. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** The one .cpuprofile a server wrote into `dir`, parsed. */
export function readProfile(dir: string): { file: string; profile: CpuProfile } {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  return { file: path.join(dir, file), profile: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile };
}

/** `--osmand`: guifan's OsmAnd port under bench/osmand-load.ts (1,000 connections over 1,000 auto-registered devices). */
async function profileOsmAnd(seconds: number): Promise<void> {
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-prof-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const { startTrackingServer, runJsonChild } = await import('./tracking-lib');
  const server = await startTrackingServer({ databaseUrl, tag: 'prof-osmand', nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])] });
  const url = `http://${LOOPBACK}:${server.osmandPort}/`;
  const load = (s: number) => runJsonChild<{ okPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number }>('bench/osmand-load.ts', [url, '1000', '1000', String(s)], (s + 90) * 1000);
  let window: { fromUs: number; toUs: number };
  try {
    await load(5); // warm-up: registers the devices
    const fromUs = monotonicUs();
    const r = await load(seconds);
    window = { fromUs, toUs: monotonicUs() };
    console.log(`OsmAnd on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ${fmt(r.okPerSecond)} 200/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}`);
  } finally {
    await server.stop();
  }
  const { file, profile } = readProfile(profDir);
  console.log(`profile: ${file} (summary: the measured load only)\n`);
  console.log(summarize(profile, 40, window));
}

async function main(): Promise<void> {
  const target = process.argv[2] ?? '/api/identity/users';
  const seconds = Number(process.argv[3] ?? '8');
  if (target === '--osmand') return profileOsmAnd(seconds);
  const port = await freePort();
  const dataDir = tempDataDir('prof');
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-prof-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], guifanEnv({ port, dataDir, databaseUrl }), ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  let window: { fromUs: number; toUs: number };
  try {
    const base = `http://${LOOPBACK}:${port}`;
    await waitForOk(`${base}/api/health`, child, Date.now(), 120_000);
    const res = await fetch(`${base}/api/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
    });
    await res.arrayBuffer();
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('guifan_session=')) ?? '';
    await autocannon(`${base}${target}`, { connections: 10, durationS: 2, headers: { cookie } }); // warm-up
    const fromUs = monotonicUs();
    const r = await autocannon(`${base}${target}`, { connections: 10, durationS: seconds, headers: { cookie } });
    window = { fromUs, toUs: monotonicUs() };
    console.log(`${target} on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ${fmt(r.reqPerSec)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}`);
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const { file, profile } = readProfile(profDir);
  console.log(`profile: ${file} (summary: the measured load only, after start-up, seeding and a 2 s warm-up)\n`);
  console.log(summarize(profile, 40, window));
}

if (isMain(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
