import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { cnDay, cnDayRange, partitionName, partitionPlan, PARTITION_PREFIX } from './domain/partitions';

export interface PartitionReport {
  created: string[];
  dropped: string[];
  /** Rows moved out of the default partition into their new day partition. */
  moved: number;
  /** Rows deleted from the default partition because they are older than the retention. */
  expired: number;
}

/**
 * Keeps tracking_position's daily partitions: creates today ± a window (and the day of any row that landed in the
 * DEFAULT partition, e.g. after a restore or a late upload), drops days beyond the retention. Creating the
 * partition of a day that has rows in DEFAULT moves them in the same transaction (PostgreSQL refuses to attach a
 * range the default partition still holds rows for). Idempotent; safe to run at any time.
 */
export async function maintainPartitions(database: Database, clock: Clock, opts: { retentionDays: number | null; aheadDays?: number; behindDays?: number }): Promise<PartitionReport> {
  const { db } = database;
  const today = cnDay(clock.now());
  const existing = (await database.rows<{ name: string }>(sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'tracking_position'`)).map((r) => r.name);
  const plan = partitionPlan(existing, today, { aheadDays: opts.aheadDays ?? 3, behindDays: opts.behindDays ?? 1, retentionDays: opts.retentionDays });
  // Days with rows waiting in the default partition (bounded: at most a year of distinct days per run).
  const waiting = (await database.rows<{ day: string }>(sql`SELECT DISTINCT to_char(fix_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM tracking_position_default ORDER BY 1 LIMIT 366`)).map((r) => r.day);
  const cutoff = plan.cutoffDay;
  const have = new Set(existing);
  const toCreate = [...new Set([...plan.create, ...waiting.filter((d) => (cutoff === null || d >= cutoff) && !have.has(partitionName(d)) && isRealDay(d))])].sort();
  const report: PartitionReport = { created: [], dropped: [], moved: 0, expired: 0 };
  for (const day of toCreate) {
    const name = partitionName(day);
    const { start, end } = cnDayRange(day);
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`CREATE TABLE IF NOT EXISTS "${name}" (LIKE tracking_position INCLUDING DEFAULTS)`));
      const moved = await tx.execute(
        sql`WITH m AS (DELETE FROM tracking_position_default WHERE fix_time >= ${start} AND fix_time < ${end} RETURNING *) INSERT INTO ${sql.identifier(name)} SELECT * FROM m`,
      );
      report.moved += (moved as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (moved as unknown as { affectedRows?: number }).affectedRows ?? 0;
      await tx.execute(sql.raw(`ALTER TABLE tracking_position ATTACH PARTITION "${name}" FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`));
    });
    report.created.push(day);
  }
  for (const day of plan.drop) {
    // Retention (configurable, GUIFAN_POSITION_RETENTION_DAYS): a whole day goes at once, no row-by-row delete.
    await db.execute(sql.raw(`DROP TABLE IF EXISTS "${partitionName(day)}"`));
    report.dropped.push(day);
  }
  if (cutoff !== null) {
    const r = await db.execute(sql`DELETE FROM tracking_position_default WHERE fix_time < ${cnDayRange(cutoff).start}`);
    report.expired = (r as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as unknown as { affectedRows?: number }).affectedRows ?? 0;
  }
  return report;
}

function isRealDay(day: string): boolean {
  try {
    cnDayRange(day);
    return true;
  } catch {
    return false;
  }
}

/**
 * Background jobs of field tracking: partition maintenance at start and hourly, duty-alert evaluation every
 * minute. Returns a stop function that waits for a running job.
 */
export function startTrackingJobs(opts: {
  database: Database;
  clock: Clock;
  retentionDays: number | null;
  evaluateAlerts: () => Promise<unknown>;
  log: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (name: string, job: () => Promise<unknown>) => {
    if (stopped) return;
    running = running
      .then(job)
      .then((r) => {
        if (name === 'partitions') {
          const p = r as PartitionReport;
          if (p.created.length || p.dropped.length || p.moved || p.expired) opts.log.info({ ...p }, 'tracking: position partitions maintained');
        }
      })
      .catch((err: unknown) => opts.log.error({ err }, `tracking: ${name} job failed`));
  };
  const partitions = () => run('partitions', () => maintainPartitions(opts.database, opts.clock, { retentionDays: opts.retentionDays }));
  const alerts = () => run('alerts', opts.evaluateAlerts);
  partitions();
  const t1 = setInterval(partitions, 3_600_000);
  const t2 = setInterval(alerts, 60_000);
  t1.unref();
  t2.unref();
  return async () => {
    stopped = true;
    clearInterval(t1);
    clearInterval(t2);
    await running;
  };
}

export { PARTITION_PREFIX };
