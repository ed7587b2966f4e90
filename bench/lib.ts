/**
 * Shared helpers of the benchmark scripts: child servers on loopback, autocannon runs, RSS, markdown.
 * Only 127.0.0.1 is ever targeted; every load run is bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOOPBACK = '127.0.0.1';

/** Password of user `admin` in the benchmark databases (fixed, so a PostgreSQL bench database can be reused). */
export const BENCH_ADMIN_PASSWORD = 'Bench-admin-2024!';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free on loopback a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, LOOPBACK, () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('no port'));
        return;
      }
      const { port } = addr;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** Last few KB of stdout+stderr, for error messages. */
  output(): string;
  exited: Promise<number | null>;
}

/** Spawns `node [nodeArgs] script [args]` from the repo root with tsx loaded. */
export function spawnNode(script: string, args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`could not spawn ${script}`);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, pid: proc.pid, output: () => tail, exited };
}

/** Polls `url` until it answers 200; returns ms since `since`. Fails fast when the child exits. */
export async function waitForOk(url: string, child: Child, since: number, timeoutMs: number): Promise<number> {
  let dead = false;
  void child.exited.then(() => {
    dead = true;
  });
  while (Date.now() - since < timeoutMs) {
    if (dead) throw new Error(`server exited before ${url} answered:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return Date.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.output()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Resident set size of a process in KiB (Linux /proc). */
export function rssKib(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * CPU time a process has used so far (user + system, all threads), ms, from /proc/<pid>/stat; null off Linux.
 * Per request, it is what a server costs regardless of how much of the machine its neighbours take.
 */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

export interface LoadResult {
  url: string;
  connections: number;
  durationS: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

function isAutocannonJson(v: unknown): v is AutocannonJson {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const req = o.requests as Record<string, unknown> | undefined;
  const lat = o.latency as Record<string, unknown> | undefined;
  return typeof req?.average === 'number' && typeof lat?.p50 === 'number' && typeof lat.p99 === 'number';
}

const AUTOCANNON = path.join(repoRoot, 'node_modules', 'autocannon', 'autocannon.js');

/**
 * Runs autocannon in its own process (so its CPU is not charged to the server process) and returns its summary.
 * The load is bounded by `durationS`.
 */
export function autocannon(url: string, opts: { connections: number; durationS: number; headers?: Record<string, string> }): Promise<LoadResult> {
  if (!url.startsWith(`http://${LOOPBACK}:`)) throw new Error(`refusing to load a non-loopback URL: ${url}`);
  const args = [AUTOCANNON, '--json', '-c', String(opts.connections), '-d', String(opts.durationS)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    proc.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-2000)));
    const killer = setTimeout(() => proc.kill('SIGKILL'), (opts.durationS + 30) * 1000);
    proc.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) {
        reject(new Error(`autocannon exited ${code}: ${err}`));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(out.trim().split('\n').pop() ?? '');
      } catch {
        reject(new Error(`autocannon printed no JSON: ${out.slice(0, 500)} ${err}`));
        return;
      }
      if (!isAutocannonJson(parsed)) {
        reject(new Error(`unexpected autocannon output: ${out.slice(0, 500)}`));
        return;
      }
      resolve({
        url,
        connections: opts.connections,
        durationS: opts.durationS,
        reqPerSec: parsed.requests.average,
        p50Ms: parsed.latency.p50,
        p99Ms: parsed.latency.p99,
        total: parsed.requests.total,
        non2xx: parsed.non2xx,
        errors: parsed.errors,
        timeouts: parsed.timeouts,
      });
    });
  });
}

/** Warm-up run (discarded), then the measured run. */
export async function measure(url: string, opts: { connections: number; durationS: number; warmupS: number; headers?: Record<string, string> }): Promise<LoadResult> {
  if (opts.warmupS > 0) await autocannon(url, { connections: opts.connections, durationS: opts.warmupS, headers: opts.headers ?? {} });
  return autocannon(url, opts);
}

export function passFail(ok: boolean): string {
  return ok ? '**PASS**' : '**FAIL**';
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function mdTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** When run from bench/run.sh, each script also leaves its markdown section in $BENCH_OUT/<name>.md. */
export function emitSection(name: string, markdown: string): void {
  console.log(markdown);
  const dir = process.env.BENCH_OUT;
  if (dir) fs.writeFileSync(path.join(dir, `${name}.md`), markdown + '\n');
}

/** A fresh temporary data directory, removed by the caller. */
export function tempDataDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `guifan-bench-${tag}-`));
}

/** Environment for a guifan server child: only what the bench means to set, on top of the inherited PATH etc. */
export function guifanEnv(opts: { port: number; dataDir: string; databaseUrl?: string | undefined }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.GUIFAN_SEED_DEMO;
  Object.assign(env, {
    PORT: String(opts.port),
    HOST: LOOPBACK,
    GUIFAN_DATA_DIR: opts.dataDir,
    GUIFAN_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    GUIFAN_LOG_LEVEL: 'warn',
  });
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return env;
}

export const GUIFAN_MAIN = 'server/src/main.ts';

/** True when this module is the process entry point (`node --import tsx bench/x.ts`). */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(metaUrl);
}
