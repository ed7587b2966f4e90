/**
 * Counters and a latency histogram for the simulator. Pure, bounded memory whatever the run length.
 */

/**
 * Log-linear histogram of durations in milliseconds: 0.01 ms buckets below 1 ms, then buckets 1 % wide up to
 * ~1 hour. A percentile is answered with its bucket's upper edge: at most 1 % (or 0.01 ms) above the truth.
 */
export class LatencyHistogram {
  private static readonly LINEAR = 100; // 0.00–0.99 ms in 0.01 ms steps
  private static readonly GROWTH = 1.01;
  private static readonly LOG_BUCKETS = Math.ceil(Math.log(3_600_000) / Math.log(LatencyHistogram.GROWTH)) + 1;
  private readonly counts = new Uint32Array(LatencyHistogram.LINEAR + LatencyHistogram.LOG_BUCKETS);
  private n = 0;
  private maxMs = 0;
  private sumMs = 0;

  record(ms: number): void {
    if (!(ms >= 0)) return;
    this.counts[LatencyHistogram.bucketOf(ms)]! += 1;
    this.n++;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  get count(): number {
    return this.n;
  }

  get max(): number {
    return this.maxMs;
  }

  get mean(): number {
    return this.n ? this.sumMs / this.n : 0;
  }

  /** q in [0, 1]; 0 when empty. */
  percentile(q: number): number {
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      // The last bucket also holds everything beyond it: answer the maximum there.
      if (seen >= rank) return i === this.counts.length - 1 ? this.maxMs : Math.min(LatencyHistogram.upperEdge(i), this.maxMs);
    }
    return this.maxMs;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.n += other.n;
    this.sumMs += other.sumMs;
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  reset(): void {
    this.counts.fill(0);
    this.n = 0;
    this.sumMs = 0;
    this.maxMs = 0;
  }

  private static bucketOf(ms: number): number {
    if (ms < 1) return Math.floor(ms * 100);
    const i = LatencyHistogram.LINEAR + Math.floor(Math.log(ms) / Math.log(LatencyHistogram.GROWTH));
    return Math.min(i, LatencyHistogram.LINEAR + LatencyHistogram.LOG_BUCKETS - 1);
  }

  private static upperEdge(i: number): number {
    if (i < LatencyHistogram.LINEAR) return (i + 1) / 100;
    return LatencyHistogram.GROWTH ** (i - LatencyHistogram.LINEAR + 1);
  }
}

/** The most frequent distinct error messages, bounded (the least frequent is evicted when full). */
export class ErrorTally {
  private readonly counts = new Map<string, number>();
  private total = 0;
  last: string | null = null;

  constructor(private readonly capacity = 20) {}

  add(message: string): void {
    this.total++;
    this.last = message;
    const c = this.counts.get(message);
    if (c !== undefined) {
      this.counts.set(message, c + 1);
      return;
    }
    if (this.counts.size >= this.capacity) {
      let minKey: string | null = null;
      let min = Infinity;
      for (const [k, v] of this.counts) {
        if (v < min) {
          min = v;
          minKey = k;
        }
      }
      if (minKey !== null) this.counts.delete(minKey);
    }
    this.counts.set(message, 1);
  }

  get count(): number {
    return this.total;
  }

  /** Most frequent first. */
  top(n = 5): Array<{ message: string; count: number }> {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([message, count]) => ({ message, count }));
  }
}

/** What one protocol's devices did; shared by its clients, read by the status line and the summary. */
export class ProtocolCounters {
  devices = 0;
  /** OsmAnd: devices whose last request got an answer; JT/T 808: authenticated connections. */
  online = 0;
  /** Distinct positions handed to a client (a resend is not counted again). */
  sent = 0;
  /** Positions the server confirmed (HTTP 200 / 0x8001 result 0): committed. */
  acked = 0;
  /** Positions the server refused (HTTP 4xx / 0x8001 result ≠ 0); not retried. */
  rejected = 0;
  /** Positions sent again after a lost connection, a timeout or a 5xx. */
  resent = 0;
  /** Positions dropped because a device's offline buffer was full. */
  dropped = 0;
  reconnects = 0;
  heartbeatsSent = 0;
  heartbeatsAcked = 0;
  readonly latency = new LatencyHistogram();
  /** Latency since the last status line. */
  readonly window = new LatencyHistogram();
  readonly errors = new ErrorTally();

  ack(n: number, latencyMs: number): void {
    this.acked += n;
    for (let i = 0; i < n; i++) {
      this.latency.record(latencyMs);
      this.window.record(latencyMs);
    }
  }
}
