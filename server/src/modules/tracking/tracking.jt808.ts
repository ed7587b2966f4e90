import crypto from 'node:crypto';
import net from 'node:net';
import { FrameReader } from './domain/jt808/framing';
import { decodeBody, decodeMessage } from './domain/jt808/decode';
import { encode8001, encode8100, RESULT_8001, RESULT_8100 } from './domain/jt808/encode';
import { SubpackageAssembler, type SubpackageOptions } from './domain/jt808/subpackage';
import type { Jt808Header, Jt808Message, Location } from './domain/jt808/types';
import { IngestRefused, type DeviceState, type Ingest } from './tracking.ingest';

export interface Jt808GatewayOptions {
  ingest: Ingest;
  port: number;
  host: string;
  maxConnections: number;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void; debug(obj: object, msg?: string): void };
  /** Unacknowledged messages per connection before the socket stops being read (back-pressure). Default 256. */
  maxInflight?: number;
  /**
   * Sustained frames per second per connection, good or bad; bursts up to 10 s worth. Beyond, the connection is
   * closed. Default 200.
   */
  maxMessagesPerSecond?: number;
  /** Sustained bytes per second per connection (everything read, garbage included); bursts up to 10 s worth. Default 64 KiB. */
  maxBytesPerSecond?: number;
  /**
   * Frames dropped (framing or decoding errors, bytes outside frames, wrong authentication codes) a connection may
   * send in a burst before it is closed; the allowance comes back at badFramesPerMinute. Default 20.
   */
  maxBadFrames?: number;
  /** Default 6 (one every 10 s: a terminal on a noisy link stays, a fuzzer does not). */
  badFramesPerMinute?: number;
  /** Replies queued for a client that does not read them, in bytes, before it is closed. Default 64 KiB. */
  maxWriteBuffer?: number;
  /** Subpackage reassembly per connection. Defaults: 8 assemblies, 64 KiB per message, 64 KiB in all. */
  subpackage?: SubpackageOptions;
  /** A connection silent for this long is closed (terminals heartbeat every 60 s by default). Default 5 min. */
  idleTimeoutMs?: number;
  /** Largest frame accepted (bounded buffer). Default 2048 bytes. */
  maxFrameSize?: number;
  /** Warn lines of one kind per connection at most once per this interval (the others are counted). Default 10 s. */
  warnIntervalMs?: number;
  /** Warn lines per second for the whole gateway at most (the others are counted). Default 20. */
  maxWarnsPerSecond?: number;
}

export interface Jt808GatewayStats {
  framesIn: number;
  bytesIn: number;
  badFrames: number;
  acked: number;
  refused: number;
  closedForAbuse: number;
  /** Re-registrations of a terminal that has a code, refused (a takeover attempt or a terminal that lost its code). */
  reregistrationsRefused: number;
  /** Log lines held back by the rate limits. */
  warningsHeldBack: number;
}

export interface Jt808Gateway {
  readonly port: number;
  readonly connections: number;
  readonly stats: Jt808GatewayStats;
  close(): Promise<void>;
}

type Reply8001Result = (typeof RESULT_8001)[keyof typeof RESULT_8001];

/** Token bucket: `rate` per second, up to `burst`. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }
  /** Take n; false when the bucket is overdrawn. */
  take(n: number, now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    this.tokens -= n;
    return this.tokens >= 0;
  }
}

/** Constant-time comparison of two authentication codes. */
function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * JT/T 808 TCP gateway. Per connection: a bounded FrameReader (half frames, many frames per read, garbage and
 * overflow), subpackage reassembly, register (0x0100 → 0x8100 with an auth code), authentication (0x0102),
 * heartbeat / deregister (→ 0x8001), location 0x0200 and batch 0x0704 (→ 0x8001 only after the positions are
 * committed), anything else → 0x8001 "not supported". Control messages are handled in order; location reports are
 * pipelined up to maxInflight.
 *
 * A terminal keeps its authentication code until an administrator resets it: a 0x0100 for a number that has a code
 * is refused (0x8100 result 3, "terminal already registered"), a 0x0003 ends the session but keeps the code. So a
 * second connection claiming a registered number can neither obtain a code nor lock the real terminal out.
 *
 * Budgets count everything a client sends: bytes, frames (good or dropped) and dropped frames on their own (a small
 * allowance). A connection beyond any of them is closed. Dropped frames are logged per connection at most once per
 * warnIntervalMs, the gateway at most maxWarnsPerSecond lines, and each connection that dropped anything ends with a
 * summary line ("N bad frames, M bytes").
 */
export async function startJt808Gateway(opts: Jt808GatewayOptions): Promise<Jt808Gateway> {
  const { ingest, log } = opts;
  const maxInflight = opts.maxInflight ?? 256;
  const rate = opts.maxMessagesPerSecond ?? 200;
  const byteRate = opts.maxBytesPerSecond ?? 64 * 1024;
  const maxBadFrames = opts.maxBadFrames ?? 20;
  const badRate = (opts.badFramesPerMinute ?? 6) / 60;
  const maxWriteBuffer = opts.maxWriteBuffer ?? 64 * 1024;
  const subpackage: SubpackageOptions = { maxPending: 8, maxBytes: 64 * 1024, maxTotalBytes: 64 * 1024, ...opts.subpackage };
  const idleTimeoutMs = opts.idleTimeoutMs ?? 5 * 60_000;
  const warnIntervalMs = opts.warnIntervalMs ?? 10_000;
  const stats: Jt808GatewayStats = { framesIn: 0, bytesIn: 0, badFrames: 0, acked: 0, refused: 0, closedForAbuse: 0, reregistrationsRefused: 0, warningsHeldBack: 0 };
  const sockets = new Set<net.Socket>();
  const warnBudget = new Bucket(opts.maxWarnsPerSecond ?? 20, opts.maxWarnsPerSecond ?? 20, Date.now());
  let heldBackGlobally = 0;
  /** A warn line through the gateway-wide budget; false when held back. */
  const globalWarn = (obj: object, msg: string): boolean => {
    if (!warnBudget.take(1, Date.now())) {
      // An overdrawn bucket stays at most one line below zero, so it refills in a second whatever the flood.
      warnBudget.take(-1, Date.now());
      heldBackGlobally++;
      stats.warningsHeldBack++;
      return false;
    }
    const held = heldBackGlobally;
    heldBackGlobally = 0;
    log.warn(held ? { ...obj, heldBackGateway: held } : obj, msg);
    return true;
  };

  const server = net.createServer((socket) => {
    if (sockets.size >= opts.maxConnections) {
      globalWarn({ remote: socket.remoteAddress }, 'jt808: connection limit reached, refusing');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(idleTimeoutMs);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    const source = socket.remoteAddress;
    const openedAt = Date.now();
    const reader = new FrameReader({ maxFrameSize: opts.maxFrameSize ?? 2048 });
    const assembler = new SubpackageAssembler(subpackage);
    let serial = 0;
    let inflight = 0;
    let paused = false;
    let closed = false;
    let closeReason: string | null = null;
    /** The terminal this connection authenticated as, and the code it proved: a reset of the code ends the session. */
    let session: { identifier: string; code: string } | null = null;
    let control: Promise<void> = Promise.resolve();
    const messages = new Bucket(rate, rate * 10, openedAt);
    const bytes = new Bucket(byteRate, byteRate * 10, openedAt);
    const bad = new Bucket(badRate, maxBadFrames, openedAt);
    const counts = { frames: 0, badFrames: 0, bytes: 0, heldBack: 0 };
    const phones = new Set<string>();
    /** Per connection and kind of line: at most one per warnIntervalMs. */
    const lastWarn = new Map<string, { at: number; held: number }>();
    const warn = (obj: object, msg: string) => {
      const now = Date.now();
      const w = lastWarn.get(msg);
      if (w && now - w.at < warnIntervalMs) {
        w.held++;
        counts.heldBack++;
        stats.warningsHeldBack++;
        return;
      }
      const held = w?.held ?? 0;
      if (!lastWarn.has(msg) && lastWarn.size >= 32) lastWarn.clear(); // a handful of kinds; bounded anyway
      lastWarn.set(msg, { at: now, held: 0 });
      if (!globalWarn({ remote, ...obj, ...(held ? { heldBack: held } : {}) }, msg)) counts.heldBack++;
    };

    const nextSerial = () => (serial = (serial + 1) & 0xffff);
    const abuse = (reason: string) => {
      if (closed) return;
      closed = true;
      closeReason = reason;
      stats.closedForAbuse++;
      globalWarn({ remote, reason, frames: counts.frames, badFrames: counts.badFrames, bytes: counts.bytes }, 'jt808: closing connection');
      socket.destroy();
    };
    let corked = false;
    const send = (frame: Buffer) => {
      if (closed || socket.destroyed) return;
      // One commit acknowledges many reports at once: coalesce the replies of one tick into one write.
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(() => {
          corked = false;
          socket.uncork();
        });
      }
      socket.write(frame);
      // A client that never reads its replies would make this buffer grow without end.
      if (socket.writableLength > maxWriteBuffer) abuse(`more than ${maxWriteBuffer} bytes of replies not read`);
    };
    /** Encode a reply; null (logged) if it cannot be written, which the decoder's checks should make impossible. */
    const encodeReply = (h: Jt808Header, result: Reply8001Result, replySerial: number): Buffer | null => {
      try {
        return encode8001({ phone: h.phone, version: h.version, protocolVersion: h.protocolVersion, serial: nextSerial(), replySerial, replyId: h.id, result });
      } catch (err) {
        log.error({ remote, phone: h.phone, err }, 'jt808: reply cannot be encoded');
        return null;
      }
    };
    const reply = (h: Jt808Header, result: Reply8001Result, replySerial = h.serial) => {
      const f = encodeReply(h, result, replySerial);
      if (f) send(f);
    };
    const reply8100 = (h: Jt808Header, result: (typeof RESULT_8100)[keyof typeof RESULT_8100], authCode?: string) => {
      try {
        send(encode8100({ phone: h.phone, version: h.version, protocolVersion: h.protocolVersion, serial: nextSerial(), replySerial: h.serial, result, ...(authCode ? { authCode } : {}) }));
      } catch (err) {
        log.error({ remote, phone: h.phone, err }, 'jt808: register reply cannot be encoded');
      }
    };
    /** A frame or message dropped: counts against the bad-frame allowance (frames already count against the rate). */
    const badFrame = (obj: object, msg: string) => {
      stats.badFrames++;
      counts.badFrames++;
      warn(obj, msg);
      if (!bad.take(1, Date.now())) abuse(`more than ${maxBadFrames} bad frames`);
    };

    const begin = () => {
      inflight++;
      if (inflight >= maxInflight && !paused) {
        paused = true;
        socket.pause();
      }
    };
    const end = () => {
      inflight--;
      if (paused && inflight < maxInflight / 2) {
        paused = false;
        socket.resume();
      }
    };

    /** Device of an authenticated session, re-resolved each time so that a disable or a code reset takes effect at once. */
    const sessionDevice = async (h: Jt808Header): Promise<DeviceState | null> => {
      if (session === null) return null;
      const d = await ingest.resolveDevice('jt808', h.phone, { source });
      return d.identifier === session.identifier && d.authCode !== null && sameCode(d.authCode, session.code) ? d : null;
    };

    const handleLocations = async (h: Jt808Header, locations: Location[], replySerial: number) => {
      await control; // an authentication sent just before must be settled first
      let d: DeviceState | null;
      try {
        d = await sessionDevice(h);
      } catch (err) {
        stats.refused++;
        warn({ phone: h.phone, err: (err as Error).message }, 'jt808: location refused');
        return reply(h, RESULT_8001.fail, replySerial);
      }
      if (!d) {
        stats.refused++;
        warn({ phone: h.phone }, 'jt808: location before authentication refused');
        return reply(h, RESULT_8001.fail, replySerial);
      }
      // Never store what cannot be acknowledged (the terminal would resend it forever): the ack is built first.
      const ack = encodeReply(h, RESULT_8001.ok, replySerial);
      if (!ack) return;
      if (locations.length === 0) return send(ack);
      try {
        await ingest.ingestJt808(d, locations);
      } catch (err) {
        // Not stored: no positive acknowledgement, the terminal keeps the fixes (blind-area store) and resends.
        log.error({ remote, phone: h.phone, err }, 'jt808: positions not stored');
        return reply(h, RESULT_8001.fail, replySerial);
      }
      stats.acked += locations.length;
      send(ack);
    };

    const handleControl = async (m: Jt808Message) => {
      if (closed) return;
      const h = m.header;
      switch (m.kind) {
        case 'register': {
          let d: DeviceState;
          try {
            d = await ingest.resolveDevice('jt808', h.phone, { name: m.body.plate || undefined, kind: 'vehicle_terminal', source });
          } catch (err) {
            stats.refused++;
            warn({ phone: h.phone, reason: err instanceof IngestRefused ? err.reason : String(err) }, 'jt808: registration refused');
            return reply8100(h, RESULT_8100.noSuchTerminal);
          }
          // A terminal that has a code keeps it: only an administrator's reset lets the number register again.
          const code = crypto.randomBytes(8).toString('hex');
          if (d.authCode !== null || !(await ingest.claimAuthCode(d, code))) {
            stats.refused++;
            stats.reregistrationsRefused++;
            warn({ phone: h.phone, deviceId: d.id }, 'jt808: registration of a terminal that already has an authentication code refused (an administrator resets the code to let it register again)');
            return reply8100(h, RESULT_8100.terminalRegistered);
          }
          log.info({ remote, phone: h.phone, deviceId: d.id }, 'jt808: terminal registered, authentication code issued');
          return reply8100(h, RESULT_8100.ok, code);
        }
        case 'auth': {
          try {
            const d = await ingest.resolveDevice('jt808', h.phone, { source });
            const given = m.body.authCode;
            // A terminal configured for another platform arrives with its own code: the first one is learnt.
            if (d.authCode === null && given !== '') await ingest.claimAuthCode(d, given);
            if (d.authCode === null || !sameCode(d.authCode, given)) {
              stats.refused++;
              reply(h, RESULT_8001.fail);
              // Guessing codes costs the bad-frame allowance.
              return badFrame({ phone: h.phone }, 'jt808: wrong authentication code');
            }
            session = { identifier: d.identifier, code: d.authCode };
            ingest.markSeen(d);
            return reply(h, RESULT_8001.ok);
          } catch (err) {
            stats.refused++;
            warn({ phone: h.phone, reason: err instanceof IngestRefused ? err.reason : String(err) }, 'jt808: authentication refused');
            return reply(h, RESULT_8001.fail);
          }
        }
        case 'heartbeat': {
          const d = await sessionDevice(h).catch(() => null);
          if (d) ingest.markSeen(d);
          return reply(h, d ? RESULT_8001.ok : RESULT_8001.fail);
        }
        case 'deregister': {
          const d = await sessionDevice(h).catch(() => null);
          if (!d) return reply(h, RESULT_8001.fail);
          // The session ends; the code stays (clearing it would let anyone register the number next).
          session = null;
          log.info({ remote, phone: h.phone, deviceId: d.id }, 'jt808: terminal deregistered (authentication code kept)');
          return reply(h, RESULT_8001.ok);
        }
        default:
          return;
      }
    };

    const dispatch = (m: Jt808Message, replySerial: number) => {
      const h = m.header;
      phones.add(h.phone);
      if (phones.size > 8) phones.clear(); // for the summary line only; a fuzzer sends thousands
      switch (m.kind) {
        case 'location':
        case 'batch': {
          const locations = m.kind === 'location' ? [m.body] : m.body.locations;
          if (m.kind === 'batch' && m.body.rejected.length) warn({ phone: h.phone, rejected: m.body.rejected.length }, 'jt808: batch items not decodable, skipped');
          begin();
          handleLocations(h, locations, replySerial)
            .catch((err: unknown) => log.error({ err, remote }, 'jt808: location handling failed'))
            .finally(end);
          return;
        }
        case 'register':
        case 'auth':
        case 'heartbeat':
        case 'deregister':
          begin();
          control = control
            .then(() => handleControl(m))
            .catch((err: unknown) => log.error({ err, remote }, 'jt808: control message failed'))
            .finally(end);
          return;
        case 'terminalReply':
        case 'platformReply':
        case 'registerReply':
          return; // replies to us (or echoes): nothing to answer
        case 'unsupported':
          return reply(h, RESULT_8001.notSupported);
        case 'fragment':
          return; // handled by the caller
      }
    };

    const onFrame = (frame: Buffer) => {
      stats.framesIn++;
      counts.frames++;
      const r = decodeMessage(frame);
      if (!r.ok) {
        // A readable header lets the terminal know (result 2), except for a bad checksum: the header may be wrong too.
        if (r.error.header && r.error.code !== 'bad_checksum') reply(r.error.header, RESULT_8001.badMessage);
        return badFrame({ code: r.error.code, message: r.error.message }, 'jt808: bad frame dropped');
      }
      const m = r.message;
      if (m.kind !== 'fragment') return dispatch(m, m.header.serial);
      const res = assembler.push(m.header, m.body, Date.now());
      for (const d of res.dropped) warn({ ...d, missing: d.missing.length }, 'jt808: incomplete subpackaged message dropped');
      if (res.status === 'rejected') {
        reply(m.header, RESULT_8001.badMessage);
        return badFrame({ reason: res.reason }, 'jt808: subpackage rejected');
      }
      if (res.status === 'pending') return reply(m.header, RESULT_8001.ok); // this packet received
      const whole = decodeBody(res.header, res.body);
      if (!whole.ok) {
        reply(m.header, RESULT_8001.badMessage);
        return badFrame({ code: whole.error.code, message: whole.error.message }, 'jt808: reassembled message not decodable');
      }
      // The last packet's serial is acknowledged once the whole message is handled.
      dispatch(whole.message, m.header.serial);
    };

    socket.on('data', (chunk: Buffer) => {
      if (closed) return;
      const now = Date.now();
      stats.bytesIn += chunk.length;
      counts.bytes += chunk.length;
      if (!bytes.take(chunk.length, now)) return abuse(`more than ${byteRate} bytes per second`);
      let out;
      try {
        out = reader.push(chunk);
      } catch (err) {
        log.error({ remote, err }, 'jt808: framing failed');
        closed = true;
        closeReason = 'framing failed';
        socket.destroy();
        return;
      }
      for (const e of out.errors) {
        if (e.fatal) return abuse(`${e.code}: ${e.message}`);
        // Dropped by the framer, never decoded: still a frame against the rate (5.5 million of them went uncounted).
        if (!messages.take(1, now)) return abuse(`more than ${rate} frames per second`);
        badFrame({ code: e.code, bytes: e.bytes }, e.code === 'garbage' ? 'jt808: bytes outside frames dropped' : 'jt808: bad frame dropped');
        if (closed) return;
      }
      for (const f of out.frames) {
        if (!messages.take(1, now)) return abuse(`more than ${rate} frames per second`);
        try {
          onFrame(f);
        } catch (err) {
          // A decoder bug must never take the gateway down.
          stats.badFrames++;
          counts.badFrames++;
          log.error({ remote, err }, 'jt808: frame handling failed');
        }
        if (closed) return;
        if (inflight > maxInflight * 4) return abuse(`more than ${maxInflight * 4} messages in flight`);
      }
    });
    socket.on('timeout', () => {
      closeReason ??= 'idle';
      log.info({ remote }, 'jt808: idle connection closed');
      socket.destroy();
    });
    socket.on('error', (err) => log.debug({ remote, err: err.message }, 'jt808: socket error'));
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      // One summary per connection instead of a line per dropped frame.
      const summary = { remote, phones: [...phones], frames: counts.frames, badFrames: counts.badFrames, bytes: counts.bytes, heldBack: counts.heldBack, seconds: Math.round((Date.now() - openedAt) / 1000), reason: closeReason ?? 'closed by peer' };
      const text = `jt808: connection closed: ${counts.badFrames} bad frames, ${counts.bytes} bytes`;
      if (counts.badFrames > 0 || closeReason) globalWarn(summary, text);
      else log.debug(summary, text);
    });
  });
  server.on('error', (err) => log.error({ err }, 'jt808: server error'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  log.info({ port }, 'jt808: gateway listening');
  return {
    port,
    get connections() {
      return sockets.size;
    },
    stats,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.end();
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 2_000).unref();
      });
    },
  };
}

