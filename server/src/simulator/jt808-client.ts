/**
 * A simulated JT/T 808 terminal over TCP, built on the pure codec (domain/jt808).
 *
 * Session: connect → 0x0100 register (only while it holds no auth code) → 0x8100 with the auth code →
 * 0x0102 authenticate → 0x8001 result 0 → online. The code may come from an earlier run (`authCode`, the
 * terminal's non-volatile memory) and every issued code is handed to `onAuthCode` to be kept. The gateway refuses a
 * 0x0100 from a number that already holds a code (0x8100 result 3) until an administrator resets it: when it refuses
 * (result 3 on register, or a refused 0x0102), `resetAuthCode` is asked once in the terminal's life to have the
 * code reset, and the terminal registers again at once. A second refusal is a problem like any other (no loop). Every position is a 0x0200 whose 0x8001 is awaited (pipelined,
 * matched by serial; the server acks after commit). A lost connection is re-opened with exponential backoff
 * (1 s doubling to 30 s, ±20 % jitter); the positions not acked by then are sent again after re-authenticating,
 * as 0x0704 blind-area batches (type 1) of at most 20 when there are several, which is what a real terminal does
 * with its blind-area store. A refused authentication drops the auth code, so the next attempt registers again.
 * Unknown platform commands get a 0x0001 reply with result 3 (not supported).
 */
import net from 'node:net';
import { decodeMessage, encodeMessage, FrameReader, MSG, type HeaderInput, type Jt808Message, type LocationInput, type TerminalMessageInput } from '../modules/tracking/domain/jt808';
import type { ProtocolCounters } from './stats';
import type { DeviceClient, Report } from './device';

export interface Jt808TerminalOptions {
  host: string;
  port: number;
  /** Terminal number in the header's width (12 digits for 2013, 20 for 2019). */
  phone: string;
  version: '2013' | '2019';
  kind: 'vehicle_terminal' | 'body_camera' | 'phone';
  /** Server-side identifier (for messages). */
  identifier: string;
  counters: ProtocolCounters;
  ackTimeoutMs: number;
  /** Most positions kept while offline; older ones are dropped beyond it. */
  maxBacklog?: number;
  /** First serial (tests); default 0. */
  firstSerial?: number;
  /** A code kept from an earlier run: authenticate with it instead of registering. */
  authCode?: string | null;
  /** Called with every code the platform issues, and with null when the platform refused the one held. */
  onAuthCode?: (code: string | null) => void;
  /**
   * Has an administrator reset the terminal's code on the platform (resolves true when done); asked at most once.
   * `reason`: 'code lost' (registration refused: the platform holds a code this terminal does not have) or
   * 'code refused' (the code held was refused).
   */
  resetAuthCode?: (reason: 'code lost' | 'code refused') => Promise<boolean>;
}

export class Jt808Error extends Error {}

interface Reply {
  result: number;
  authCode?: string;
  latencyMs: number;
}

interface PendingRequest {
  expect: number; // reply message id: 0x8001 or 0x8100
  requestId: number;
  sentAt: number;
  resolve(r: Reply): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/** One TCP session: frames out, replies matched to requests by serial. */
export class Jt808Session {
  private readonly reader = new FrameReader();
  private readonly pending = new Map<number, PendingRequest>();
  private closedError: Error | null = null;
  readonly closed: Promise<Error>;
  private resolveClosed!: (e: Error) => void;

  private constructor(
    private readonly socket: net.Socket,
    private readonly header: () => HeaderInput,
    private readonly ackTimeoutMs: number,
    private readonly onProblem: (message: string) => void,
  ) {
    this.closed = new Promise((r) => (this.resolveClosed = r));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.shut(new Jt808Error(describeSocketError(e))));
    socket.on('close', () => this.shut(new Jt808Error('connection closed by the server')));
  }

  static open(host: string, port: number, header: () => HeaderInput, ackTimeoutMs: number, onProblem: (m: string) => void): Promise<Jt808Session> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Jt808Error(`connect to ${host}:${port} timed out`));
      }, 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new Jt808Session(socket, header, ackTimeoutMs, onProblem));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(new Jt808Error(describeSocketError(e)));
      });
    });
  }

  get isOpen(): boolean {
    return this.closedError === null;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends a terminal message and resolves with the platform's reply to it (0x8100 for a register, else 0x8001). */
  request(msg: TerminalMessageInput): Promise<Reply> {
    if (this.closedError) return Promise.reject(this.closedError);
    const frames = encodeMessage(msg);
    // The reply names the first packet's serial.
    const serial = msg.header.serial;
    const requestId = idOf(msg.kind);
    const expect = msg.kind === 'register' ? MSG.REGISTER_REPLY : MSG.PLATFORM_REPLY;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.get(serial)?.timer === timer) this.pending.delete(serial);
        reject(new Jt808Error(`no reply to 0x${hex(requestId)} within ${this.ackTimeoutMs / 1000} s`));
      }, this.ackTimeoutMs);
      const old = this.pending.get(serial);
      if (old) {
        clearTimeout(old.timer);
        old.reject(new Jt808Error('serial reused before its reply arrived'));
      }
      this.pending.set(serial, { expect, requestId, sentAt: performance.now(), resolve, reject, timer });
      for (const f of frames) this.socket.write(f);
    });
  }

  close(): void {
    this.shut(new Jt808Error('closed by the simulator'));
    this.socket.destroy();
  }

  private shut(e: Error): void {
    if (this.closedError) return;
    this.closedError = e;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
    this.socket.destroy();
    this.resolveClosed(e);
  }

  private onData(chunk: Buffer): void {
    const { frames, errors } = this.reader.push(chunk);
    for (const e of errors) {
      this.onProblem(`framing: ${e.code}`);
      if (e.fatal) {
        this.shut(new Jt808Error(`unreadable stream from the server (${e.code})`));
        return;
      }
    }
    for (const f of frames) {
      const d = decodeMessage(f);
      if (!d.ok) {
        this.onProblem(`undecodable frame from the server: ${d.error.code}`);
        continue;
      }
      this.onMessage(d.message);
    }
  }

  private onMessage(m: Jt808Message): void {
    if (m.kind === 'platformReply' || m.kind === 'registerReply') {
      const serial = m.body.replySerial;
      const p = this.pending.get(serial);
      if (!p || p.expect !== m.header.id || (m.kind === 'platformReply' && m.body.replyId !== p.requestId)) {
        // A late reply to a request that timed out, or one we never sent.
        this.onProblem(`unexpected 0x${hex(m.header.id)} for serial ${serial}`);
        return;
      }
      this.pending.delete(serial);
      clearTimeout(p.timer);
      const r: Reply = { result: m.body.result, latencyMs: performance.now() - p.sentAt };
      if (m.kind === 'registerReply' && m.body.authCode !== undefined) r.authCode = m.body.authCode;
      p.resolve(r);
      return;
    }
    // A platform command the simulator does not implement: 0x0001 "not supported".
    const frames = encodeMessage({ kind: 'terminalReply', header: this.header(), body: { replySerial: m.header.serial, replyId: m.header.id, result: 3 } });
    for (const f of frames) this.socket.write(f);
  }
}

function idOf(kind: TerminalMessageInput['kind']): number {
  switch (kind) {
    case 'heartbeat':
      return MSG.HEARTBEAT;
    case 'deregister':
      return MSG.DEREGISTER;
    case 'register':
      return MSG.REGISTER;
    case 'auth':
      return MSG.AUTH;
    case 'terminalReply':
      return MSG.TERMINAL_REPLY;
    case 'location':
      return MSG.LOCATION;
    case 'batch':
      return MSG.BATCH;
  }
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

function describeSocketError(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ? `${code}${code === 'ECONNREFUSED' ? ' (is the JT/T 808 gateway listening?)' : ''}` : e.message;
}

const BATCH_MAX = 20;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const RESULT_8100 = ['ok', 'vehicle already registered', 'no such vehicle', 'terminal already registered', 'no such terminal'];
const TERMINAL_REGISTERED = 3;

interface Entry {
  report: Report;
  /** Times sent so far. */
  attempts: number;
}

/** A terminal: keeps a session up, reports positions, resends what was not acked. */
export class Jt808Terminal implements DeviceClient {
  private session: Jt808Session | null = null;
  private authCode: string | null = null;
  private serial: number;
  private closing = false;
  private backlog: Entry[] = [];
  private inFlight = 0;
  private heartbeatsInFlight = 0;
  private online = false;
  private wake: (() => void) | null = null;
  private readonly maxBacklog: number;
  private resetAsked = false;

  constructor(private readonly o: Jt808TerminalOptions) {
    this.serial = o.firstSerial ?? 0;
    this.maxBacklog = o.maxBacklog ?? 10_000;
    this.authCode = o.authCode ?? null;
  }

  get isOnline(): boolean {
    return this.online;
  }

  start(): void {
    void this.run();
  }

  report(r: Report): void {
    this.o.counters.sent++;
    if (this.online && this.session) {
      this.flushBacklog();
      void this.send([{ report: r, attempts: 0 }]);
    } else this.enqueue([{ report: r, attempts: 0 }]);
  }

  heartbeat(): void {
    const s = this.session;
    if (!this.online || !s) return;
    this.o.counters.heartbeatsSent++;
    this.heartbeatsInFlight++;
    s.request({ kind: 'heartbeat', header: this.nextHeader() })
      .then(
        (r) => {
          if (r.result === 0) this.o.counters.heartbeatsAcked++;
          else this.problem(`heartbeat answered with result ${r.result}`);
        },
        (e: unknown) => this.problem(errMessage(e)),
      )
      .finally(() => this.heartbeatsInFlight--);
  }

  /**
   * Waits until nothing is in flight or waiting (or the time is up). A terminal that is offline with positions
   * waiting reconnects at once instead of sleeping out its backoff, and keeps trying until the time is up.
   */
  async drain(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    if (this.backlog.length > 0 && !this.online) this.wake?.();
    while (Date.now() < until && (this.inFlight > 0 || this.heartbeatsInFlight > 0 || this.backlog.length > 0)) {
      if (this.online && this.inFlight === 0 && this.backlog.length > 0) this.flushBacklog();
      await sleep(50);
    }
  }

  /** Positions not acked (in flight or waiting for a connection). */
  get outstanding(): number {
    return this.inFlight + this.backlog.length;
  }

  close(): void {
    this.closing = true;
    this.wake?.();
    this.session?.close();
  }

  private nextHeader(): HeaderInput {
    const h: HeaderInput = { phone: this.o.phone, version: this.o.version, serial: this.serial };
    this.serial = (this.serial + 1) & 0xffff;
    return h;
  }

  private problem(message: string): void {
    this.o.counters.errors.add(`jt808: ${message}`);
  }

  private enqueue(entries: Entry[]): void {
    this.backlog.push(...entries);
    const over = this.backlog.length - this.maxBacklog;
    if (over > 0) {
      this.backlog.splice(0, over);
      this.o.counters.dropped += over;
      this.problem('offline buffer full: oldest positions dropped');
    }
  }

  private flushBacklog(): void {
    while (this.backlog.length && this.online) {
      void this.send(this.backlog.splice(0, BATCH_MAX));
    }
  }

  private async send(entries: Entry[]): Promise<void> {
    const s = this.session;
    if (!s) {
      this.enqueue(entries);
      return;
    }
    const header = this.nextHeader();
    const msg: TerminalMessageInput =
      entries.length === 1
        ? { kind: 'location', header, body: this.location(entries[0]!.report) }
        : { kind: 'batch', header, body: { type: 1, locations: entries.map((e) => this.location(e.report)) } };
    for (const e of entries) if (e.attempts++ > 0) this.o.counters.resent++;
    this.inFlight += entries.length;
    try {
      const r = await s.request(msg);
      if (r.result === 0) this.o.counters.ack(entries.length, r.latencyMs);
      else {
        this.o.counters.rejected += entries.length;
        this.problem(`0x${hex(idOf(msg.kind))} refused with result ${r.result}`);
      }
    } catch (e) {
      // Lost connection: resent after re-authenticating. Timeout on a live connection: resent with the next report.
      this.problem(errMessage(e));
      this.enqueue(entries);
    } finally {
      this.inFlight -= entries.length;
    }
  }

  private location(r: Report): LocationInput {
    const vehicle = this.o.kind === 'vehicle_terminal';
    const extras: LocationInput['extras'] = { satellites: r.satellites, signalStrength: r.signal };
    if (vehicle) extras.mileageKm = Math.round(r.odometerKm * 10) / 10;
    return {
      alarm: 0,
      status: 0,
      acc: vehicle,
      located: true,
      south: r.fix.lat < 0,
      west: r.fix.lon < 0,
      lat: r.fix.lat,
      lon: r.fix.lon,
      altitude: r.fix.altitude,
      speedKmh: r.fix.speedKmh,
      course: r.fix.course,
      time: r.time,
      extras,
    };
  }

  private async run(): Promise<void> {
    let backoff = BACKOFF_MIN_MS;
    let everOnline = false;
    while (!this.closing) {
      let s: Jt808Session | null = null;
      try {
        s = await Jt808Session.open(this.o.host, this.o.port, () => this.nextHeader(), this.o.ackTimeoutMs, (m) => this.problem(m));
        this.session = s;
        if (this.closing) break;
        await this.authenticate(s);
        if (this.closing) break;
        this.online = true;
        this.o.counters.online++;
        if (everOnline) this.o.counters.reconnects++;
        everOnline = true;
        backoff = BACKOFF_MIN_MS;
        this.flushBacklog();
        const why = await s.closed;
        if (!this.closing) this.problem(why.message);
      } catch (e) {
        if (!this.closing) this.problem(errMessage(e));
      } finally {
        if (this.online) this.o.counters.online--;
        this.online = false;
        s?.close();
        this.session = null;
      }
      if (this.closing) break;
      const jitter = 0.8 + Math.random() * 0.4;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, backoff * jitter);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  /** Register (unless a code is held) and authenticate on `s`, with at most one administrator's reset in a life. */
  private async authenticate(s: Jt808Session): Promise<void> {
    if (this.authCode === null) await this.register(s);
    const auth = await s.request({ kind: 'auth', header: this.nextHeader(), body: this.authBody(this.authCode!) });
    if (auth.result === 0) return;
    this.forgetCode();
    if (!(await this.askReset('code refused'))) throw new Jt808Error(`authentication refused: result ${auth.result}`);
    await this.register(s);
    const again = await s.request({ kind: 'auth', header: this.nextHeader(), body: this.authBody(this.authCode!) });
    if (again.result !== 0) {
      this.forgetCode();
      throw new Jt808Error(`authentication refused: result ${again.result}`);
    }
  }

  private async register(s: Jt808Session): Promise<void> {
    const body = this.registerBody();
    let reg = await s.request({ kind: 'register', header: this.nextHeader(), body });
    if (reg.result === TERMINAL_REGISTERED && (await this.askReset('code lost'))) {
      reg = await s.request({ kind: 'register', header: this.nextHeader(), body });
    }
    if (reg.result !== 0 || !reg.authCode) throw new Jt808Error(`register refused: result ${reg.result} (${RESULT_8100[reg.result] ?? 'unknown'})`);
    this.authCode = reg.authCode;
    this.o.onAuthCode?.(reg.authCode);
  }

  private forgetCode(): void {
    this.authCode = null;
    this.o.onAuthCode?.(null);
  }

  /** The administrator's reset, once: true when the platform forgot the code and the terminal may register. */
  private async askReset(reason: 'code lost' | 'code refused'): Promise<boolean> {
    if (!this.o.resetAuthCode || this.resetAsked || this.closing) return false;
    this.resetAsked = true;
    try {
      return await this.o.resetAuthCode(reason);
    } catch (e) {
      this.problem(`auth code reset failed: ${errMessage(e)}`);
      return false;
    }
  }

  private registerBody() {
    const id = this.o.identifier;
    const vehicle = this.o.kind === 'vehicle_terminal';
    return {
      province: 32, // 江苏
      city: 600, // 南通 (320600)
      manufacturer: 'GFSIM',
      model: vehicle ? 'GF-808V' : 'GF-808B',
      terminalId: id.slice(-7).padStart(7, '0'),
      plateColor: vehicle ? 1 : 0,
      plate: vehicle ? `苏F${id.slice(-5).padStart(5, '0')}` : '',
    };
  }

  private authBody(code: string) {
    if (this.o.version !== '2019') return { authCode: code };
    const digits = this.o.identifier.replace(/\D/g, '');
    return { authCode: code, imei: `86${digits.slice(-13).padStart(13, '0')}`, softwareVersion: 'guifan-sim 1.0' };
  }
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
