/**
 * `runSimulation(opts)`: drives simulated devices against a running guifan server over its real device ports.
 *
 * Clock. Fix times come from a simulated clock. With `speedup` 1 it is the real clock. With `speedup` F > 1 it
 * starts in the past and runs F times faster until it meets the real time, then runs in real time: with a
 * duration D it starts D × (F − 1) seconds ago and meets the present at the end of the run; without one it
 * starts 8 hours ago (a shift replayed quickly, then live). Fix times therefore never lie in the future (the
 * server flags fixes more than 5 minutes ahead). Devices report every `intervalS` simulated seconds, staggered
 * evenly over the first interval.
 *
 * End. At the end of the duration, or when `signal` aborts, no new positions are made; the clients get up to the
 * ack timeout to have everything acked (and resend what is outstanding), then connections are closed.
 *
 * JT/T 808 auth codes. The gateway issues a terminal one code and refuses to register the number again until an
 * administrator resets it. With `authCodesFile` the terminals keep their codes there between runs (auth-codes.ts)
 * and authenticate with them; when the gateway still refuses (file lost, code refused), the simulator, signed in as
 * an administrator, resets that device's code through the API once, logs it, and the terminal registers again.
 */
import http from 'node:http';
import type { AreaGeometry } from '../modules/tracking/domain/geo';
import { ApiStatusError, fetchActiveDevices, fetchAreas, findJt808DeviceId, login, resetAuthCode, SimulationError } from './api';
import { AuthCodeStore } from './auth-codes';
import type { DeviceClient, Report } from './device';
import { planFleet, type OrgArea, type ProtocolChoice, type RegisteredDevice, type SimDevice } from './fleet';
import { Jt808Terminal } from './jt808-client';
import { OsmAndPhone, type OsmAndTarget } from './osmand-client';
import { buildStreetGraph, createPatrol, createRng, MODES, seedFrom, type Patrol, type PatrolMode, type StreetGraph } from './route';
import { LatencyHistogram, ProtocolCounters } from './stats';

export interface SimulationOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:3000. */
  server: string;
  /** Host of the device ports; default the host of `server`. */
  host?: string;
  /** OsmAnd HTTP port; null = the API's /api/tracking/osmand. */
  osmandPort: number | null;
  jt808Port: number;
  /** Devices to drive; default every active registered device of the chosen protocol(s). */
  devices?: number;
  protocol: ProtocolChoice;
  /** Simulated seconds between two positions of a device (≥ 1). */
  intervalS: number;
  /** Real seconds to run; undefined = until `signal` aborts. */
  durationS?: number;
  /** Simulated time factor (≥ 1). */
  speedup?: number;
  username?: string;
  password?: string;
  seed?: number;
  /** Share of JT/T 808 terminals with 2019 headers (0–1, default 0.25). */
  fraction2019?: number;
  osmandMethod?: 'get' | 'post';
  /** Seconds to wait for an ack (and the drain at the end); default 30. */
  ackTimeoutS?: number;
  /** Seconds between status callbacks; default 10. */
  statusEveryS?: number;
  signal?: AbortSignal;
  onStatus?: (s: SimulationStatus) => void;
  /** One-off notes (plan, skipped devices). */
  onLog?: (line: string) => void;
  /** Drive these instead of asking the API (benchmarks, tests). */
  fleet?: { registered: RegisteredDevice[]; areas: OrgArea[] };
  /**
   * JSON file where the JT/T 808 terminals keep their auth codes between runs (keyed by server URL and terminal
   * number); undefined = not kept. Refused terminals fall back on an administrator's reset when a password is given.
   */
  authCodesFile?: string;
}

export interface ProtocolSummary {
  devices: number;
  online: number;
  sent: number;
  acked: number;
  rejected: number;
  resent: number;
  dropped: number;
  /** Sent but neither acked nor rejected when the run ended. */
  unacked: number;
  reconnects: number;
  heartbeatsSent: number;
  heartbeatsAcked: number;
  errors: number;
  latencyMs: { p50: number; p99: number; max: number; count: number };
}

export interface SimulationStatus {
  elapsedS: number;
  /** Simulated clock (ISO). */
  simTime: string;
  devices: number;
  online: number;
  sent: number;
  acked: number;
  rejected: number;
  errors: number;
  lastError: string | null;
  /** Ack latency since the previous status. */
  windowLatencyMs: { p50: number; p99: number; count: number };
  osmand: ProtocolSummary;
  jt808: ProtocolSummary;
}

export interface SimulationStats {
  startedAt: string;
  endedAt: string;
  elapsedS: number;
  simulatedS: number;
  devices: number;
  sent: number;
  acked: number;
  rejected: number;
  unacked: number;
  errors: number;
  latencyMs: { p50: number; p99: number; max: number; count: number };
  osmand: ProtocolSummary;
  jt808: ProtocolSummary;
  topErrors: Array<{ message: string; count: number }>;
  /** Everything sent was acked (and something was sent). */
  ok: boolean;
}

/** Used when no org unit has an area: a 3 km × 2.8 km box in central Nantong. */
export const FALLBACK_AREA: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120.86, 31.99],
      [120.89, 31.99],
      [120.89, 32.015],
      [120.86, 32.015],
      [120.86, 31.99],
    ],
  ],
};

const REPLAY_WITHOUT_DURATION_S = 8 * 3600;

/** Simulated clock: see the file comment. Times in ms since the epoch. */
export function simClock(realStart: number, speedup: number, durationS: number | undefined): { simStart: number; simAt(real: number): number; realAt(sim: number): number } {
  const f = Math.max(1, speedup);
  const lead = f === 1 ? 0 : (durationS !== undefined ? durationS * (f - 1) : REPLAY_WITHOUT_DURATION_S) * 1000;
  const simStart = realStart - lead;
  // Sim meets real at realStart + lead / (f − 1).
  const meetReal = f === 1 ? realStart : realStart + lead / (f - 1);
  return {
    simStart,
    simAt: (real) => (real >= meetReal ? real : simStart + (real - realStart) * f),
    realAt: (sim) => {
      const real = realStart + (sim - simStart) / f;
      return real >= meetReal ? sim : real;
    },
  };
}

function summary(c: ProtocolCounters): ProtocolSummary {
  return {
    devices: c.devices,
    online: c.online,
    sent: c.sent,
    acked: c.acked,
    rejected: c.rejected,
    resent: c.resent,
    dropped: c.dropped,
    unacked: Math.max(0, c.sent - c.acked - c.rejected - c.dropped),
    reconnects: c.reconnects,
    heartbeatsSent: c.heartbeatsSent,
    heartbeatsAcked: c.heartbeatsAcked,
    errors: c.errors.count,
    latencyMs: { p50: c.latency.percentile(0.5), p99: c.latency.percentile(0.99), max: c.latency.max, count: c.latency.count },
  };
}

interface Driven {
  device: SimDevice;
  client: DeviceClient;
  patrol: Patrol;
  tick: number;
  nextSim: number;
  timer: NodeJS.Timeout | null;
  batteryStart: number;
  odometerStart: number;
}

export async function runSimulation(opts: SimulationOptions): Promise<SimulationStats> {
  const intervalS = opts.intervalS;
  if (!(intervalS >= 1)) throw new SimulationError('the interval must be at least 1 second');
  const speedup = opts.speedup ?? 1;
  if (!(speedup >= 1)) throw new SimulationError('speedup must be at least 1');
  const seed = opts.seed ?? 1;
  const ackTimeoutMs = (opts.ackTimeoutS ?? 30) * 1000;
  const log = opts.onLog ?? (() => {});
  const server = opts.server.replace(/\/+$/, '');
  let serverUrl: URL;
  try {
    serverUrl = new URL(server);
  } catch {
    throw new SimulationError(`not a URL: ${opts.server}`);
  }
  const host = opts.host ?? serverUrl.hostname.replace(/^\[|\]$/g, '');

  // 1. Who to drive.
  let fleet = opts.fleet;
  let cookie: string | null = null;
  if (!fleet) {
    if (!opts.password) throw new SimulationError('a password is needed to read the devices (--password or GUIFAN_ADMIN_PASSWORD)');
    cookie = await login(server, opts.username ?? 'admin', opts.password);
    const [registered, areas] = await Promise.all([fetchActiveDevices(server, cookie), fetchAreas(server, cookie)]);
    fleet = { registered, areas };
  }
  const plan = planFleet({ registered: fleet.registered, areas: fleet.areas, protocol: opts.protocol, count: opts.devices, seed, fraction2019: opts.fraction2019 ?? 0.25 });
  if (plan.devices.length === 0) {
    throw new SimulationError(
      `no devices to drive: the server lists ${fleet.registered.length} active device(s) for --protocol ${opts.protocol}; ` +
        'pass --devices N to add simulated ones (the server must run with GUIFAN_DEVICE_AUTOREGISTER=true to accept them)',
    );
  }
  for (const s of plan.skipped.slice(0, 10)) log(`skipped ${s.identifier}: ${s.reason}`);
  if (plan.skipped.length > 10) log(`… and ${plan.skipped.length - 10} more skipped`);
  const extras = plan.devices.filter((d) => !d.registered).length;
  if (extras) log(`${extras} simulated device(s) beyond the registered ones (sim-<n> / 0199…): the server accepts them only with GUIFAN_DEVICE_AUTOREGISTER=true`);

  // 2. Streets per (area, mode), shared by the devices of one team.
  const geometry = new Map(fleet.areas.filter((a) => a.geometry).map((a) => [a.id, a.geometry!]));
  const graphs = new Map<string, StreetGraph>();
  const graphFor = (areaId: string | null, mode: PatrolMode): StreetGraph => {
    const key = `${areaId ?? '-'}:${mode}`;
    let g = graphs.get(key);
    if (!g) {
      const area = (areaId && geometry.get(areaId)) || FALLBACK_AREA;
      g = buildStreetGraph(area, { spacingM: MODES[mode].spacingM, seed: seedFrom(seed, 'streets', areaId ?? '-', mode) });
      graphs.set(key, g);
    }
    return g;
  };

  // 3. Auth codes: kept between runs, and the administrator's reset when the gateway refuses a terminal.
  const codes = opts.authCodesFile && plan.devices.some((d) => d.protocol === 'jt808') ? await AuthCodeStore.open(opts.authCodesFile, server, log) : null;
  if (codes?.size) log(`${codes.size} JT/T 808 auth code(s) kept for ${server} in ${codes.file}`);
  const deviceIds = new Map(fleet.registered.filter((d) => d.protocol === 'jt808').map((d) => [d.identifier, d.id]));
  const password = opts.password;
  const adminCall = async <T>(fn: (cookie: string) => Promise<T>): Promise<T> => {
    cookie ??= await login(server, opts.username ?? 'admin', password!);
    try {
      return await fn(cookie);
    } catch (e) {
      if (!(e instanceof ApiStatusError && e.status === 401)) throw e;
      // The session lapsed during a long run: sign in again once.
      cookie = await login(server, opts.username ?? 'admin', password!);
      return await fn(cookie);
    }
  };
  // A few at a time: after a lost file every terminal of a large fleet asks at once.
  const resets = limiter(4);
  const resetFor = (identifier: string) =>
    password
      ? (reason: 'code lost' | 'code refused') =>
          resets(async () => {
            const id = deviceIds.get(identifier) ?? (await adminCall((c) => findJt808DeviceId(server, c, identifier)));
            if (!id) throw new SimulationError(`${identifier} is not in the server's device list`);
            await adminCall((c) => resetAuthCode(server, c, id));
            deviceIds.set(identifier, id);
            log(`simulate: ${identifier}: auth code reset by the administrator (${reason})`);
            return true;
          })
      : undefined;

  // 4. Clients.
  const counters = { osmand: new ProtocolCounters(), jt808: new ProtocolCounters() };
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, keepAliveMsecs: 30_000 });
  const osmandTarget: OsmAndTarget = {
    host: opts.osmandPort === null ? serverUrl.hostname.replace(/^\[|\]$/g, '') : host,
    port: opts.osmandPort ?? Number(serverUrl.port || (serverUrl.protocol === 'https:' ? 443 : 80)),
    path: opts.osmandPort === null ? `${serverUrl.pathname.replace(/\/+$/, '')}/api/tracking/osmand` : '/',
    method: opts.osmandMethod ?? 'post',
    agent,
    timeoutMs: ackTimeoutMs,
  };
  const realStart = Date.now();
  const clock = simClock(realStart, speedup, opts.durationS);
  const simStartS = Math.floor(clock.simStart / 1000) * 1000;
  const n = plan.devices.length;
  const driven: Driven[] = plan.devices.map((device, i) => {
    const c = counters[device.protocol];
    c.devices++;
    const reset = device.protocol === 'jt808' ? resetFor(device.identifier) : undefined;
    const client: DeviceClient =
      device.protocol === 'osmand'
        ? new OsmAndPhone({ target: osmandTarget, identifier: device.identifier, counters: c })
        : new Jt808Terminal({
            host,
            port: opts.jt808Port,
            phone: device.jt808!.phone,
            version: device.jt808!.version,
            kind: device.kind,
            identifier: device.identifier,
            counters: c,
            ackTimeoutMs,
            authCode: codes?.get(device.identifier) ?? null,
            ...(codes ? { onAuthCode: (code: string | null) => codes.set(device.identifier, code) } : {}),
            ...(reset ? { resetAuthCode: reset } : {}),
          });
    const r = createRng(seedFrom(device.seed, 'device-state'));
    return {
      device,
      client,
      patrol: createPatrol({ graph: graphFor(device.areaId, device.mode), mode: device.mode, seed: device.seed }),
      tick: 0,
      // Staggered over the first interval, on whole seconds.
      nextSim: simStartS + Math.floor((i / n) * intervalS) * 1000,
      timer: null,
      batteryStart: r.between(60, 100),
      odometerStart: device.kind === 'vehicle_terminal' ? r.between(1_000, 80_000) : 0,
    };
  });
  const byProtocol = { osmand: plan.devices.filter((d) => d.protocol === 'osmand').length, jt808: plan.devices.filter((d) => d.protocol === 'jt808').length };
  log(
    `driving ${n} device(s): ${byProtocol.osmand} over OsmAnd (${osmandTarget.method.toUpperCase()} http://${osmandTarget.host}:${osmandTarget.port}${osmandTarget.path}), ` +
      `${byProtocol.jt808} over JT/T 808 (${host}:${opts.jt808Port}, ${plan.devices.filter((d) => d.jt808?.version === '2019').length} with 2019 headers); ` +
      `every ${intervalS} s${speedup > 1 ? ` of simulated time at ${speedup}× (clock starts ${new Date(simStartS).toISOString()})` : ''}`,
  );

  // 5. Run.
  let stopping = false;
  const noise = createRng(seedFrom(seed, 'radio'));
  const fire = (d: Driven) => {
    d.timer = null;
    if (stopping) return;
    const dtS = d.tick === 0 ? 0 : intervalS;
    const fix = d.tick === 0 ? d.patrol.current() : d.patrol.advance(dtS);
    const hours = (d.nextSim - simStartS) / 3_600_000;
    const report: Report = {
      time: new Date(d.nextSim),
      fix,
      battery: Math.max(5, d.batteryStart - 6 * hours),
      odometerKm: d.odometerStart + d.patrol.distanceM / 1000,
      satellites: 7 + noise.int(8),
      signal: 18 + noise.int(14),
    };
    d.client.report(report);
    if (d.device.protocol === 'jt808' && d.tick % 3 === 2) d.client.heartbeat();
    d.tick++;
    d.nextSim += intervalS * 1000;
    schedule(d);
  };
  const schedule = (d: Driven) => {
    if (stopping) return;
    const delay = Math.max(0, clock.realAt(d.nextSim) - Date.now());
    d.timer = setTimeout(() => fire(d), delay);
  };
  for (const d of driven) d.client.start();
  for (const d of driven) schedule(d);

  const statusEvery = (opts.statusEveryS ?? 10) * 1000;
  const window = new LatencyHistogram();
  const status = (): SimulationStatus => {
    window.reset();
    window.merge(counters.osmand.window);
    window.merge(counters.jt808.window);
    counters.osmand.window.reset();
    counters.jt808.window.reset();
    const o = summary(counters.osmand);
    const j = summary(counters.jt808);
    const lastError = counters.jt808.errors.last ?? counters.osmand.errors.last;
    return {
      elapsedS: (Date.now() - realStart) / 1000,
      simTime: new Date(clock.simAt(Date.now())).toISOString(),
      devices: n,
      online: o.online + j.online,
      sent: o.sent + j.sent,
      acked: o.acked + j.acked,
      rejected: o.rejected + j.rejected,
      errors: o.errors + j.errors,
      lastError,
      windowLatencyMs: { p50: window.percentile(0.5), p99: window.percentile(0.99), count: window.count },
      osmand: o,
      jt808: j,
    };
  };
  const statusTimer = opts.onStatus ? setInterval(() => opts.onStatus!(status()), statusEvery) : null;

  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | null = null;
    const done = () => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', done);
      resolve();
    };
    if (opts.signal?.aborted) return done();
    opts.signal?.addEventListener('abort', done, { once: true });
    if (opts.durationS !== undefined) timer = setTimeout(done, opts.durationS * 1000);
  });

  // 6. Stop making positions, let the outstanding ones be acked, close.
  stopping = true;
  const endedSim = clock.simAt(Date.now());
  for (const d of driven) if (d.timer) clearTimeout(d.timer);
  await Promise.all(driven.map((d) => d.client.drain(ackTimeoutMs)));
  if (statusTimer) clearInterval(statusTimer);
  for (const d of driven) d.client.close();
  agent.destroy();
  await codes?.flush();

  const o = summary(counters.osmand);
  const j = summary(counters.jt808);
  const all = new LatencyHistogram();
  all.merge(counters.osmand.latency);
  all.merge(counters.jt808.latency);
  const sent = o.sent + j.sent;
  const acked = o.acked + j.acked;
  const topErrors = [...counters.jt808.errors.top(5), ...counters.osmand.errors.top(5)].sort((a, b) => b.count - a.count).slice(0, 5);
  return {
    startedAt: new Date(realStart).toISOString(),
    endedAt: new Date().toISOString(),
    elapsedS: (Date.now() - realStart) / 1000,
    simulatedS: (endedSim - clock.simStart) / 1000,
    devices: n,
    sent,
    acked,
    rejected: o.rejected + j.rejected,
    unacked: o.unacked + j.unacked,
    errors: o.errors + j.errors,
    latencyMs: { p50: all.percentile(0.5), p99: all.percentile(0.99), max: all.max, count: all.count },
    osmand: o,
    jt808: j,
    topErrors,
    ok: sent > 0 && acked === sent,
  };
}

/** Runs at most `n` of the given tasks at a time, in order. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** One status line: `[  60 s] online 998/1000 · sent 6,000 · acked 5,990 (99.8 %) · errors 2 · ack p50 12 ms p99 85 ms`. */
export function formatStatus(s: SimulationStatus): string {
  const pct = s.sent ? ` (${((s.acked / s.sent) * 100).toFixed(1)} %)` : '';
  const lat = s.windowLatencyMs.count ? `ack p50 ${fmtMs(s.windowLatencyMs.p50)} p99 ${fmtMs(s.windowLatencyMs.p99)}` : 'no acks in this period';
  const rej = s.rejected ? ` · rejected ${num(s.rejected)}` : '';
  const err = s.errors ? ` · errors ${num(s.errors)} (last: ${s.lastError})` : '';
  return `[${s.elapsedS.toFixed(0).padStart(5)} s] online ${num(s.online)}/${num(s.devices)} · sent ${num(s.sent)} · acked ${num(s.acked)}${pct}${rej} · ${lat}${err}`;
}

export function formatSummary(st: SimulationStats): string[] {
  const line = (name: string, p: ProtocolSummary) =>
    `  ${name.padEnd(8)} ${num(p.devices)} devices · sent ${num(p.sent)} · acked ${num(p.acked)} · rejected ${num(p.rejected)} · unacked ${num(p.unacked)} · resent ${num(p.resent)}` +
    `${p.dropped ? ` · dropped ${num(p.dropped)}` : ''} · reconnects ${num(p.reconnects)}` +
    (name === 'jt808' ? ` · heartbeats ${num(p.heartbeatsAcked)}/${num(p.heartbeatsSent)} acked` : '') +
    (p.latencyMs.count ? ` · ack p50 ${fmtMs(p.latencyMs.p50)} p99 ${fmtMs(p.latencyMs.p99)} max ${fmtMs(p.latencyMs.max)}` : '');
  const out = [
    `simulation ended after ${st.elapsedS.toFixed(0)} s (${(st.simulatedS / 60).toFixed(1)} simulated minutes): ${num(st.devices)} devices, ` +
      `${num(st.sent)} positions sent, ${num(st.acked)} acked, ${num(st.rejected)} rejected, ${num(st.unacked)} unacked, ${num(st.errors)} errors`,
  ];
  if (st.osmand.devices) out.push(line('osmand', st.osmand));
  if (st.jt808.devices) out.push(line('jt808', st.jt808));
  for (const e of st.topErrors) out.push(`  error ×${num(e.count)}: ${e.message}`);
  out.push(st.ok ? 'OK: every position sent was acked' : 'NOT OK: not every position sent was acked');
  return out;
}

const num = (n: number) => n.toLocaleString('en-US');
const fmtMs = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);
