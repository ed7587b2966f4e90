/**
 * Where does a request's CPU go? Starts the guifan server with `--cpu-prof`, logs in as admin, loads one path
 * with autocannon for a bounded time, stops the server and prints the hottest functions and packages.
 *
 *   node --import tsx bench/profile.ts /api/identity/users [seconds=8]
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

/** Self time per function and per package, in ms, from a V8 .cpuprofile. */
export function summarize(profile: CpuProfile, top = 25): string {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
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

async function main(): Promise<void> {
  const target = process.argv[2] ?? '/api/identity/users';
  const seconds = Number(process.argv[3] ?? '8');
  const port = await freePort();
  const dataDir = tempDataDir('prof');
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-prof-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], guifanEnv({ port, dataDir, databaseUrl }), ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
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
    const r = await autocannon(`${base}${target}`, { connections: 10, durationS: seconds, headers: { cookie } });
    console.log(`${target} on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ${fmt(r.reqPerSec)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}`);
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${profDir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8')) as CpuProfile;
  console.log(`profile: ${path.join(profDir, file)} (includes start-up and seeding)\n`);
  console.log(summarize(profile));
}

if (isMain(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
