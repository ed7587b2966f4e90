/**
 * A simulated phone running Traccar Client (OsmAnd protocol) over HTTP.
 *
 * Each position is one request with the query form Traccar Client sends: `id`, `lat`, `lon`, `timestamp` (unix
 * seconds), `speed` (knots), `bearing`, `altitude`, `accuracy`, `batt`. Default POST with the parameters in the
 * URL and an empty body, as the Android client does; `method: 'get'` sends the same as a GET. The server answers
 * 200 once the position is committed.
 *
 * Like Traccar Client, a phone sends its positions one at a time, oldest first, and keeps the ones that failed
 * (network error, timeout, 5xx) in an offline buffer, retried after 5 s or with the next position. A 4xx is the
 * server refusing this position (unknown device, bad parameter): counted as rejected and not retried.
 */
import http from 'node:http';
import { KNOTS_TO_KMH } from '../modules/tracking/domain/osmand';
import type { DeviceClient, Report } from './device';
import type { ProtocolCounters } from './stats';

export interface OsmAndTarget {
  host: string;
  port: number;
  /** Path of the OsmAnd endpoint: `/` on the dedicated port, `/api/tracking/osmand` on the API port. */
  path: string;
  method: 'get' | 'post';
  agent: http.Agent;
  timeoutMs: number;
}

export interface OsmAndPhoneOptions {
  target: OsmAndTarget;
  identifier: string;
  counters: ProtocolCounters;
  maxBacklog?: number;
}

const RETRY_MS = 5_000;

/** The query string of one position (exported for tests and the benchmark). */
export function osmandQuery(identifier: string, r: Pick<Report, 'time' | 'fix' | 'battery'>): string {
  const q = new URLSearchParams({
    id: identifier,
    lat: r.fix.lat.toFixed(7),
    lon: r.fix.lon.toFixed(7),
    timestamp: String(Math.floor(r.time.getTime() / 1000)),
    speed: (r.fix.speedKmh / KNOTS_TO_KMH).toFixed(2),
    bearing: String(r.fix.course),
    altitude: String(r.fix.altitude),
    accuracy: String(r.fix.accuracyM),
    batt: String(Math.round(r.battery)),
  });
  return q.toString();
}

interface Entry {
  report: Report;
  attempts: number;
}

export class OsmAndPhone implements DeviceClient {
  private readonly backlog: Entry[] = [];
  private busy = false;
  private online = false;
  private closing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private current: http.ClientRequest | null = null;
  private readonly maxBacklog: number;

  constructor(private readonly o: OsmAndPhoneOptions) {
    this.maxBacklog = o.maxBacklog ?? 10_000;
  }

  get isOnline(): boolean {
    return this.online;
  }

  get outstanding(): number {
    return this.backlog.length;
  }

  start(): void {}

  heartbeat(): void {}

  report(r: Report): void {
    this.o.counters.sent++;
    this.backlog.push({ report: r, attempts: 0 });
    const over = this.backlog.length - this.maxBacklog;
    if (over > 0) {
      this.backlog.splice(0, over);
      this.o.counters.dropped += over;
      this.o.counters.errors.add('osmand: offline buffer full: oldest positions dropped');
    }
    void this.pump();
  }

  async drain(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      void this.pump();
    }
    while (Date.now() < until && (this.busy || this.backlog.length > 0)) {
      await new Promise((r) => setTimeout(r, 50));
      if (!this.busy && this.backlog.length > 0 && !this.retryTimer) void this.pump();
    }
  }

  close(): void {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.current?.destroy();
    this.setOnline(false);
  }

  private setOnline(v: boolean): void {
    if (v === this.online) return;
    this.online = v;
    this.o.counters.online += v ? 1 : -1;
  }

  private async pump(): Promise<void> {
    if (this.busy || this.closing) return;
    this.busy = true;
    try {
      while (this.backlog.length > 0 && !this.closing) {
        const e = this.backlog[0]!;
        if (e.attempts++ > 0) this.o.counters.resent++;
        const started = performance.now();
        let status: number;
        let body: string;
        try {
          ({ status, body } = await this.post(osmandQuery(this.o.identifier, e.report)));
        } catch (err) {
          this.setOnline(false);
          this.o.counters.errors.add(`osmand: ${err instanceof Error ? err.message : String(err)}`);
          this.scheduleRetry();
          return;
        }
        this.setOnline(true);
        if (status === 200) {
          this.backlog.shift();
          this.o.counters.ack(1, performance.now() - started);
        } else if (status >= 400 && status < 500) {
          this.backlog.shift();
          this.o.counters.rejected++;
          this.o.counters.errors.add(`osmand: HTTP ${status} ${body.slice(0, 120).replace(/\s+/g, ' ')}`);
        } else {
          this.o.counters.errors.add(`osmand: HTTP ${status}`);
          this.scheduleRetry();
          return;
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closing) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, RETRY_MS);
  }

  private post(query: string): Promise<{ status: number; body: string }> {
    const t = this.o.target;
    const sep = t.path.includes('?') ? '&' : '?';
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: t.host,
          port: t.port,
          method: t.method === 'get' ? 'GET' : 'POST',
          path: `${t.path}${sep}${query}`,
          agent: t.agent,
          headers: t.method === 'get' ? {} : { 'content-length': '0' },
          timeout: t.timeoutMs,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (body.length < 1000) body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', reject);
        },
      );
      this.current = req;
      req.on('timeout', () => req.destroy(new Error(`no answer within ${t.timeoutMs / 1000} s`)));
      req.on('error', (e) => {
        const code = (e as NodeJS.ErrnoException).code;
        reject(new Error(code ? `${code}${code === 'ECONNREFUSED' ? ' (is the OsmAnd port listening?)' : ''}` : e.message));
      });
      req.end();
    });
  }
}
