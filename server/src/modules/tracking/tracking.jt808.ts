import crypto from 'node:crypto';
import net from 'node:net';
import { FrameReader } from './domain/jt808/framing';
import { decodeBody, decodeMessage } from './domain/jt808/decode';
import { encode8001, encode8100, RESULT_8001, RESULT_8100 } from './domain/jt808/encode';
import { SubpackageAssembler } from './domain/jt808/subpackage';
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
  /** Sustained messages per second per connection; bursts up to 10 s worth. Beyond, the connection is closed. Default 200. */
  maxMessagesPerSecond?: number;
  /** A connection silent for this long is closed (terminals heartbeat every 60 s by default). Default 5 min. */
  idleTimeoutMs?: number;
  /** Largest frame accepted (bounded buffer). Default 2048 bytes. */
  maxFrameSize?: number;
}

export interface Jt808Gateway {
  readonly port: number;
  readonly connections: number;
  readonly stats: { framesIn: number; badFrames: number; acked: number; refused: number; closedForAbuse: number };
  close(): Promise<void>;
}

type Reply8001Result = (typeof RESULT_8001)[keyof typeof RESULT_8001];

/**
 * JT/T 808 TCP gateway. Per connection: a bounded FrameReader (half frames, many frames per read, garbage and
 * overflow), subpackage reassembly, register (0x0100 → 0x8100 with an auth code), authentication (0x0102),
 * heartbeat / deregister (→ 0x8001), location 0x0200 and batch 0x0704 (→ 0x8001 only after the positions are
 * committed), anything else → 0x8001 "not supported". A bad checksum drops the frame (logged), the connection
 * stays. Control messages are handled in order; location reports are pipelined up to maxInflight.
 */
export async function startJt808Gateway(opts: Jt808GatewayOptions): Promise<Jt808Gateway> {
  const { ingest, log } = opts;
  const maxInflight = opts.maxInflight ?? 256;
  const rate = opts.maxMessagesPerSecond ?? 200;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 5 * 60_000;
  const stats = { framesIn: 0, badFrames: 0, acked: 0, refused: 0, closedForAbuse: 0 };
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    if (sockets.size >= opts.maxConnections) {
      log.warn({ remote: socket.remoteAddress }, 'jt808: connection limit reached, refusing');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(idleTimeoutMs);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    const reader = new FrameReader({ maxFrameSize: opts.maxFrameSize ?? 2048 });
    const assembler = new SubpackageAssembler();
    let serial = 0;
    let inflight = 0;
    let paused = false;
    let closed = false;
    /** Terminal number this connection authenticated as (normalised by the ingest). */
    let authenticatedAs: string | null = null;
    let control: Promise<void> = Promise.resolve();
    let tokens = rate * 10;
    let lastRefill = Date.now();

    const nextSerial = () => (serial = (serial + 1) & 0xffff);
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
    };
    const reply = (h: Jt808Header, result: Reply8001Result, replySerial = h.serial) => {
      send(encode8001({ phone: h.phone, version: h.version, protocolVersion: h.protocolVersion, serial: nextSerial(), replySerial, replyId: h.id, result }));
    };
    const abuse = (reason: string) => {
      if (closed) return;
      stats.closedForAbuse++;
      log.warn({ remote, reason }, 'jt808: closing connection');
      socket.destroy();
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

    /** Device of an authenticated session, re-resolved each time so that a disable takes effect at once. */
    const sessionDevice = async (h: Jt808Header): Promise<DeviceState | null> => {
      if (authenticatedAs === null) return null;
      const d = await ingest.resolveDevice('jt808', h.phone);
      return d.identifier === authenticatedAs ? d : null;
    };

    const handleLocations = async (h: Jt808Header, locations: Location[], replySerial: number) => {
      await control; // an authentication sent just before must be settled first
      let d: DeviceState | null;
      try {
        d = await sessionDevice(h);
      } catch (err) {
        stats.refused++;
        log.warn({ remote, phone: h.phone, err: (err as Error).message }, 'jt808: location refused');
        return reply(h, RESULT_8001.fail, replySerial);
      }
      if (!d) {
        stats.refused++;
        log.warn({ remote, phone: h.phone }, 'jt808: location before authentication refused');
        return reply(h, RESULT_8001.fail, replySerial);
      }
      if (locations.length === 0) return reply(h, RESULT_8001.ok, replySerial);
      try {
        await ingest.ingestJt808(d, locations);
      } catch (err) {
        // Not stored: no positive acknowledgement, the terminal keeps the fixes (blind-area store) and resends.
        log.error({ remote, phone: h.phone, err }, 'jt808: positions not stored');
        return reply(h, RESULT_8001.fail, replySerial);
      }
      stats.acked += locations.length;
      reply(h, RESULT_8001.ok, replySerial);
    };

    const handleControl = async (m: Jt808Message) => {
      const h = m.header;
      switch (m.kind) {
        case 'register': {
          let d: DeviceState;
          try {
            d = await ingest.resolveDevice('jt808', h.phone, { name: m.body.plate || undefined, kind: 'vehicle_terminal' });
          } catch (err) {
            stats.refused++;
            log.warn({ remote, phone: h.phone, reason: err instanceof IngestRefused ? err.reason : String(err) }, 'jt808: registration refused');
            send(encode8100({ phone: h.phone, version: h.version, protocolVersion: h.protocolVersion, serial: nextSerial(), replySerial: h.serial, result: RESULT_8100.noSuchTerminal }));
            return;
          }
          const code = crypto.randomBytes(8).toString('hex');
          await ingest.setAuthCode(d, code);
          send(encode8100({ phone: h.phone, version: h.version, protocolVersion: h.protocolVersion, serial: nextSerial(), replySerial: h.serial, result: RESULT_8100.ok, authCode: code }));
          return;
        }
        case 'auth': {
          try {
            const d = await ingest.resolveDevice('jt808', h.phone);
            // A terminal configured for another platform arrives with its own code: the first one is learnt.
            if (d.authCode === null) await ingest.setAuthCode(d, m.body.authCode);
            else if (d.authCode !== m.body.authCode) {
              stats.refused++;
              log.warn({ remote, phone: h.phone }, 'jt808: wrong authentication code');
              return reply(h, RESULT_8001.fail);
            }
            authenticatedAs = d.identifier;
            ingest.markSeen(d);
            return reply(h, RESULT_8001.ok);
          } catch (err) {
            stats.refused++;
            log.warn({ remote, phone: h.phone, reason: err instanceof IngestRefused ? err.reason : String(err) }, 'jt808: authentication refused');
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
          await ingest.setAuthCode(d, null);
          authenticatedAs = null;
          return reply(h, RESULT_8001.ok);
        }
        default:
          return;
      }
    };

    const dispatch = (m: Jt808Message, replySerial: number) => {
      const h = m.header;
      switch (m.kind) {
        case 'location':
        case 'batch': {
          const locations = m.kind === 'location' ? [m.body] : m.body.locations;
          if (m.kind === 'batch' && m.body.rejected.length) log.warn({ remote, phone: h.phone, rejected: m.body.rejected.length }, 'jt808: batch items not decodable, skipped');
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
      const r = decodeMessage(frame);
      if (!r.ok) {
        stats.badFrames++;
        log.warn({ remote, code: r.error.code, message: r.error.message }, 'jt808: bad frame dropped');
        // A readable header lets the terminal know (result 2), except for a bad checksum: the header may be wrong too.
        if (r.error.header && r.error.code !== 'bad_checksum') reply(r.error.header, RESULT_8001.badMessage);
        return;
      }
      const m = r.message;
      if (m.kind !== 'fragment') return dispatch(m, m.header.serial);
      const res = assembler.push(m.header, m.body, Date.now());
      for (const d of res.dropped) log.warn({ remote, ...d }, 'jt808: incomplete subpackaged message dropped');
      if (res.status === 'rejected') {
        log.warn({ remote, reason: res.reason }, 'jt808: subpackage rejected');
        return reply(m.header, RESULT_8001.badMessage);
      }
      if (res.status === 'pending') return reply(m.header, RESULT_8001.ok); // this packet received
      const whole = decodeBody(res.header, res.body);
      if (!whole.ok) {
        stats.badFrames++;
        log.warn({ remote, code: whole.error.code, message: whole.error.message }, 'jt808: reassembled message not decodable');
        return reply(m.header, RESULT_8001.badMessage);
      }
      // The last packet's serial is acknowledged once the whole message is handled.
      dispatch(whole.message, m.header.serial);
    };

    socket.on('data', (chunk: Buffer) => {
      const now = Date.now();
      tokens = Math.min(rate * 10, tokens + ((now - lastRefill) / 1000) * rate);
      lastRefill = now;
      let out;
      try {
        out = reader.push(chunk);
      } catch (err) {
        log.error({ remote, err }, 'jt808: framing failed');
        socket.destroy();
        return;
      }
      for (const e of out.errors) {
        if (e.fatal) return abuse(`${e.code}: ${e.message}`);
        stats.badFrames++;
        log.warn({ remote, code: e.code, bytes: e.bytes }, 'jt808: bytes outside frames dropped');
      }
      for (const f of out.frames) {
        tokens -= 1;
        if (tokens < 0) return abuse(`more than ${rate} messages per second`);
        try {
          onFrame(f);
        } catch (err) {
          // A decoder bug must never take the gateway down.
          stats.badFrames++;
          log.error({ remote, err }, 'jt808: frame handling failed');
        }
      }
    });
    socket.on('timeout', () => {
      log.info({ remote }, 'jt808: idle connection closed');
      socket.destroy();
    });
    socket.on('error', (err) => log.debug({ remote, err: err.message }, 'jt808: socket error'));
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
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

