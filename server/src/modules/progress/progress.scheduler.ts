import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { takeMissingSnapshots } from './progress.service';

interface Log {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Daily snapshots: checks at start and then every hour whether today's (Asia/Shanghai) snapshot of each
 * active campaign exists, and takes it when missing. Hourly rather than "at midnight" so that a server that
 * was down at midnight catches up, and several instances converge (the write is an idempotent upsert).
 * Returns a stop function.
 */
export function startSnapshotScheduler({ database, clock, log, intervalMs = 3_600_000 }: { database: Database; clock: Clock; log: Log; intervalMs?: number }): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = takeMissingSnapshots(database, clock)
      .then((ids) => {
        if (ids.length) log.info({ campaigns: ids }, 'progress: daily snapshots taken');
      })
      .catch((err: unknown) => log.error({ err }, 'progress: daily snapshot failed'))
      .finally(() => {
        current = null;
      });
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    if (current) await current;
  };
}
