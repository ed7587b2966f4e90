/**
 * Helpers of the field-tracking benchmarks: a guifan server child with its device ports, a scratch PostgreSQL
 * database per run, a TCP readiness probe, medians. Loopback only.
 */
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { GUIFAN_MAIN, LOOPBACK, freePort, guifanEnv, sleep, spawnNode, stopChild, tempDataDir, waitForOk, type Child } from './lib';

export function intEnv(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? '');
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export const median = (xs: readonly number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const quantile = (xs: readonly number[], q: number): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForTcp(port: number, child: Child, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.proc.exitCode !== null) throw new Error(`server exited before port ${port} listened:\n${child.output()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: LOOPBACK, port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nothing listened on ${port} within ${timeoutMs} ms:\n${child.output()}`);
}

export interface TrackingServer {
  base: string;
  port: number;
  osmandPort: number;
  jt808Port: number;
  child: Child;
  /** Embedded data dir (removed by stop) — also set on PostgreSQL, for evidence files. */
  dataDir: string;
  /** Time from spawn to healthy, ms. */
  startMs: number;
  /** SIGTERM (the server flushes its position writer), then remove the data dir unless `keepData`. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** guifan with both device ports on free loopback ports and auto-registration on. */
export async function startTrackingServer(opts: {
  databaseUrl?: string;
  seedDemo?: boolean;
  dataDir?: string;
  env?: Record<string, string>;
  tag: string;
  /** Node.js flags of the server process (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<TrackingServer> {
  const [port, osmandPort, jt808Port] = [await freePort(), await freePort(), await freePort()];
  const dataDir = opts.dataDir ?? tempDataDir(opts.tag);
  const env = guifanEnv({ port, dataDir, databaseUrl: opts.databaseUrl });
  Object.assign(env, {
    GUIFAN_OSMAND_PORT: String(osmandPort),
    GUIFAN_JT808_PORT: String(jt808Port),
    GUIFAN_DEVICE_AUTOREGISTER: 'true',
    // Thousands of invented terminals from one loopback address: far beyond the production limits.
    GUIFAN_DEVICE_AUTOREGISTER_PER_ADDRESS_HOUR: '1000000',
    GUIFAN_DEVICE_AUTOREGISTER_PER_DAY: '10000000',
    ...opts.env,
  });
  const started = Date.now();
  const child = spawnNode(GUIFAN_MAIN, opts.seedDemo ? ['--seed-demo'] : [], env, opts.nodeArgs ?? []);
  const base = `http://${LOOPBACK}:${port}`;
  try {
    const startMs = await waitForOk(`${base}/api/health`, child, started, 180_000);
    await waitForTcp(osmandPort, child, 30_000);
    await waitForTcp(jt808Port, child, 30_000);
    return {
      base,
      port,
      osmandPort,
      jt808Port,
      child,
      dataDir,
      startMs,
      async stop(o) {
        await stopChild(child, 60_000);
        if (!o?.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Runs `fn` on a fresh database created next to the one `url` names (`<db>_<tag>_<pid>`) and drops it afterwards,
 * so that a tracking benchmark starts from empty tables and leaves the bench database as it was. Needs CREATEDB.
 */
export async function withScratchPg<T>(url: string, tag: string, fn: (scratchUrl: string) => Promise<T>): Promise<T> {
  const u = new URL(url);
  const base = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  const name = `${base}_${tag}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (e) {
    await admin.end();
    throw new Error(`cannot create the scratch database ${name} (the BENCH_DATABASE_URL role needs CREATEDB): ${(e as Error).message}`);
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  try {
    return await fn(scratch.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((e: unknown) => console.error(`[bench] could not drop ${name}: ${(e as Error).message}`));
    await admin.end();
  }
}

/** Peak and last VmRSS of a process, sampled every `everyMs` until stopped. */
export function rssSampler(pid: number, everyMs = 1000): { stop(): { peakKib: number; lastKib: number; samples: number } } {
  let peak = 0;
  let last = 0;
  let samples = 0;
  const sample = () => {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m?.[1]) {
        last = Number(m[1]);
        peak = Math.max(peak, last);
        samples++;
      }
    } catch {
      // process gone
    }
  };
  sample();
  const t = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(t);
      sample();
      return { peakKib: peak, lastKib: last, samples };
    },
  };
}

/** Runs a bench helper script as a child and parses the last JSON line it prints. */
export async function runJsonChild<T>(script: string, args: string[], timeoutMs: number): Promise<T> {
  const child = spawnNode(script, args, { ...process.env });
  let out = '';
  child.proc.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`${script} exited ${code}:\n${child.output()}`);
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${script} printed no JSON:\n${child.output()}`);
  }
}
