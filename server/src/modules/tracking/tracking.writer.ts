import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/client';

/** One position as stored (tracking_position). */
export interface PositionRow {
  deviceId: string;
  fixTime: Date;
  receivedAt: Date;
  lat: number;
  lon: number;
  altitude: number | null;
  speedKmh: number | null;
  course: number | null;
  accuracyM: number | null;
  battery: number | null;
  valid: boolean;
  flags: number;
  /** 1 = OsmAnd HTTP, 2 = JT/T 808. */
  source: 1 | 2;
  alarm: number | null;
  status: number | null;
  attributes: Record<string, unknown> | null;
  /** Not stored in the row: whether this fix may become the device's last position (clean, located). */
  usableForLast: boolean;
}

export interface PositionWriterOptions {
  /** Longest a position waits before its batch is written (the batch may start sooner: see below). */
  flushMs: number;
  /** A batch is written as soon as it holds this many rows. */
  batchRows: number;
  /**
   * Also update the devices' last position in the same transaction (default true: the seed and tools). The live
   * ingest passes false and saves last positions itself once a second, off the acknowledgement path.
   */
  updateLastPositions?: boolean;
  /** Rows allowed to wait; beyond, writes are refused at once (the database is down or far behind). Default 50,000. */
  maxQueuedRows?: number;
  onCommitted?: (rows: readonly PositionRow[]) => void;
  onError?: (err: unknown, rows: number) => void;
}

/**
 * One batch as it forms: the rows of whole requests, in arrival order, and the one promise every request in it
 * waits for (thousands of requests a second: no promise, resolver pair and closure per request, which would
 * survive the ~100 ms wait, be promoted and then be marked by every old-generation collection).
 */
interface Batch {
  rows: PositionRow[];
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every caller handles the outcome; this keeps a batch nobody waits for any more from being an unhandled rejection.
  done.catch(() => undefined);
  return { rows: [], done, resolve, reject };
}

export class WriterOverloaded extends Error {
  constructor(readonly queued: number) {
    super(`position writer overloaded: ${queued} rows waiting`);
  }
}

const COLUMNS = 'device_id, fix_time, received_at, lat, lon, altitude, speed_kmh, course, accuracy_m, battery, valid, flags, source, alarm, status, attributes';
const COPY_SQL = `COPY tracking_position (${COLUMNS}) FROM STDIN`;

/**
 * Group commit of positions. `write()` resolves only after the rows are committed, so a device is acknowledged
 * (HTTP 200, JT/T 808 0x8001) only for stored positions. Rows are batched: a batch starts `flushMs` after the
 * first row arrives, or at once when `batchRows` are waiting; while a batch is being written the next one
 * accumulates, so throughput adapts to load without holding a position longer than one write + flushMs.
 * PostgreSQL gets COPY; PGlite gets COPY from an in-memory blob. Either way one transaction per batch also
 * updates the devices' last position.
 */
export class PositionWriter {
  /** Batches waiting to be written, oldest first; only the last one still takes rows. */
  private queue: Batch[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private closed = false;
  /** Counters for the health endpoint and benchmarks. */
  readonly stats = { batches: 0, rows: 0, failedBatches: 0, maxBatchRows: 0 };

  constructor(
    private readonly database: Database,
    private readonly opts: PositionWriterOptions,
  ) {}

  write(rows: PositionRow[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('position writer is closed'));
    if (rows.length === 0) return Promise.resolve();
    // Bounded memory: when the database cannot keep up, refuse rather than queue without limit. Devices are not
    // acknowledged and resend from their own buffers (Traccar Client's offline buffer, 808 blind-area storage).
    if (this.queuedRows + rows.length > (this.opts.maxQueuedRows ?? 50_000)) return Promise.reject(new WriterOverloaded(this.queuedRows));
    // Whole requests only: an acknowledgement covers all of a request's rows or none. A request joins the
    // forming batch while it fits in batchRows (a larger one gets a batch of its own).
    let batch = this.queue[this.queue.length - 1];
    if (!batch || (batch.rows.length > 0 && batch.rows.length + rows.length > this.opts.batchRows)) {
      batch = newBatch();
      this.queue.push(batch);
    }
    for (const r of rows) batch.rows.push(r);
    this.queuedRows += rows.length;
    this.schedule();
    return batch.done;
  }

  get pendingRows(): number {
    return this.queuedRows;
  }

  /** Write everything queued, then refuse new rows. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing || this.queue.length) {
      if (this.writing) await this.writing;
      else this.startWrite();
    }
  }

  private schedule(): void {
    if (this.writing) return; // the running write picks the queue up when it ends
    if (this.queuedRows >= this.opts.batchRows) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.startWrite();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!this.writing) this.startWrite();
      }, this.opts.flushMs);
    }
  }

  private startWrite(): void {
    const batch = this.queue.shift();
    if (!batch) return;
    const rows = batch.rows;
    this.queuedRows -= rows.length;
    this.writing = this.commit(rows).then(
      () => {
        this.stats.batches++;
        this.stats.rows += rows.length;
        this.stats.maxBatchRows = Math.max(this.stats.maxBatchRows, rows.length);
        batch.resolve();
        try {
          this.opts.onCommitted?.(rows);
        } catch {
          // a listener's failure must not un-acknowledge stored rows
        }
      },
      (err: unknown) => {
        this.stats.failedBatches++;
        this.opts.onError?.(err, rows.length);
        batch.reject(err);
      },
    );
    void this.writing.finally(() => {
      this.writing = null;
      // Rows that arrived during the write have waited already: write them now.
      if (this.queue.length) {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.startWrite();
      }
    });
  }

  /** Last seen / last position of the devices of committed rows (when the ingest keeps it off the commit). */
  async saveLastPositions(rows: readonly PositionRow[]): Promise<void> {
    if (!rows.length) return;
    const params = lastPositions(rows);
    if (this.database.pglite) await this.database.pglite.query(UPDATE_LAST_SQL, params);
    else if (this.database.pool) await this.database.pool.query(UPDATE_LAST_SQL, params);
  }

  private async commit(rows: PositionRow[]): Promise<void> {
    const text = toCopyText(rows);
    const last = this.opts.updateLastPositions === false ? null : lastPositions(rows);
    if (this.database.pglite) {
      await this.database.pglite.transaction(async (tx) => {
        await tx.query(`COPY tracking_position (${COLUMNS}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
        if (last) await tx.query(UPDATE_LAST_SQL, last);
      });
      return;
    }
    const pool = this.database.pool;
    if (!pool) throw new Error('no database connection');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await pipeline(Readable.from([text]), client.query(copyFrom(COPY_SQL)));
      if (last) await client.query(UPDATE_LAST_SQL, last);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/**
 * Last seen (any report) and last position (latest clean fix, only when newer than the stored one) per device.
 * Arrays in parameter order: ids, seen, fix time, lat, lon, speed, course, flags.
 */
const UPDATE_LAST_SQL = `
UPDATE tracking_device d SET
  last_seen_at = GREATEST(d.last_seen_at, v.seen),
  last_fix_time = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR v.fix_time >= d.last_fix_time) THEN v.fix_time ELSE d.last_fix_time END,
  last_lat = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR v.fix_time >= d.last_fix_time) THEN v.lat ELSE d.last_lat END,
  last_lon = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR v.fix_time >= d.last_fix_time) THEN v.lon ELSE d.last_lon END,
  last_speed_kmh = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR v.fix_time >= d.last_fix_time) THEN v.speed ELSE d.last_speed_kmh END,
  last_course = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR v.fix_time >= d.last_fix_time) THEN v.course ELSE d.last_course END,
  last_flags = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR v.fix_time >= d.last_fix_time) THEN v.flags ELSE d.last_flags END
FROM (
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::real[], $7::real[], $8::int[])
    AS t(id, seen, fix_time, lat, lon, speed, course, flags)
) v
WHERE d.id = v.id`;

function lastPositions(rows: readonly PositionRow[]): unknown[] {
  const seen = new Map<string, Date>();
  const best = new Map<string, PositionRow>();
  for (const r of rows) {
    const s = seen.get(r.deviceId);
    if (!s || r.receivedAt > s) seen.set(r.deviceId, r.receivedAt);
    if (!r.usableForLast) continue;
    const b = best.get(r.deviceId);
    if (!b || r.fixTime >= b.fixTime) best.set(r.deviceId, r);
  }
  const ids = [...seen.keys()];
  const b = ids.map((id) => best.get(id));
  return [
    ids,
    ids.map((id) => (seen.get(id) as Date).toISOString()),
    b.map((r) => r?.fixTime.toISOString() ?? null),
    b.map((r) => r?.lat ?? null),
    b.map((r) => r?.lon ?? null),
    b.map((r) => r?.speedKmh ?? null),
    b.map((r) => r?.course ?? null),
    b.map((r) => r?.flags ?? null),
  ];
}

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. */
export function toCopyText(rows: readonly PositionRow[]): string {
  let out = '';
  // Rows received in the same millisecond (one request's, or a burst's) share the text of their receive time.
  let receivedMs = NaN;
  let receivedIso = '';
  for (const r of rows) {
    const ms = r.receivedAt.getTime();
    if (ms !== receivedMs) {
      receivedMs = ms;
      receivedIso = r.receivedAt.toISOString();
    }
    out +=
      r.deviceId +
      '\t' +
      r.fixTime.toISOString() +
      '\t' +
      receivedIso +
      '\t' +
      num(r.lat) +
      '\t' +
      num(r.lon) +
      '\t' +
      num(r.altitude) +
      '\t' +
      num(r.speedKmh) +
      '\t' +
      num(r.course) +
      '\t' +
      num(r.accuracyM) +
      '\t' +
      num(r.battery) +
      '\t' +
      (r.valid ? 't' : 'f') +
      '\t' +
      r.flags +
      '\t' +
      r.source +
      '\t' +
      num(r.alarm) +
      '\t' +
      num(r.status) +
      '\t' +
      (r.attributes === null ? '\\N' : copyEscape(JSON.stringify(r.attributes))) +
      '\n';
  }
  return out;
}

function num(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '\\N' : String(v);
}

function copyEscape(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
