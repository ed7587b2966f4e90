import net from 'node:net';
import { encodeMessage, FrameReader, decodeMessage, type Jt808Message, type LocationInput } from '../src/modules/tracking/domain/jt808';

/** A JT/T 808 terminal over real TCP: sends frames, collects decoded replies. */
export class Terminal {
  private socket!: net.Socket;
  private reader = new FrameReader();
  readonly replies: Jt808Message[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  serial = 0;
  constructor(
    readonly phone: string,
    readonly version: '2013' | '2019' = '2013',
  ) {}
  /** localAddress: another loopback address (127.0.0.2, …) to appear as another source. */
  connect(port: number, localAddress?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket = net.connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () => resolve());
      this.socket.on('error', reject);
      this.socket.on('close', () => {
        this.closed = true;
        for (const w of this.waiters.splice(0)) w();
      });
      this.socket.on('data', (chunk) => {
        for (const f of this.reader.push(chunk).frames) {
          const r = decodeMessage(f);
          if (r.ok) this.replies.push(r.message);
        }
        for (const w of this.waiters.splice(0)) w();
      });
    });
  }
  header() {
    return { phone: this.phone, version: this.version, serial: ++this.serial };
  }
  write(buf: Buffer) {
    if (!this.closed) this.socket.write(buf);
  }
  /** Resolves once the bytes written so far are handed to the kernel (back-pressure for large writes). */
  flushed(): Promise<void> {
    return new Promise((resolve) => (this.closed || this.socket.writableLength === 0 ? resolve() : this.socket.once('drain', resolve).once('close', resolve)));
  }
  /** End our side: the gateway reads everything sent before, then closes. */
  end() {
    this.socket.end();
  }
  send(m: Parameters<typeof encodeMessage>[0]) {
    for (const f of encodeMessage(m)) this.socket.write(f);
    return m.header.serial;
  }
  /** The reply to one of our serials (0x8001 or 0x8100). */
  async reply(serial: number, timeoutMs = 5000): Promise<Jt808Message> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = this.replies.find((m) => (m.kind === 'platformReply' || m.kind === 'registerReply') && m.body.replySerial === serial);
      if (r) return r;
      if (this.closed) throw new Error('connection closed');
      if (Date.now() > end) throw new Error(`no reply to serial ${serial}`);
      await new Promise<void>((res) => {
        this.waiters.push(res);
        setTimeout(res, 50);
      });
    }
  }
  async closedWithin(ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (!this.closed && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return this.closed;
  }
  close() {
    this.socket.destroy();
  }
}

export const loc = (lat: number, lon: number, time: Date, extra: Partial<LocationInput> = {}): LocationInput => ({
  alarm: 0,
  status: 0,
  located: true,
  south: false,
  west: false,
  acc: true,
  lat,
  lon,
  altitude: 5,
  speedKmh: 20,
  course: 90,
  time: new Date(Math.floor(time.getTime() / 1000) * 1000),
  ...extra,
});

