import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { repairStoredScores } from '../assessment';
import { repairSnapshotAspects, takeMissingSnapshots } from './progress.service';

/**
 * The one-time data repairs at start, before today's snapshots are taken: stored item scores made to agree
 * with the grading rule, and snapshots that graded department-level items repaired. Both are idempotent (a
 * second run finds nothing), so every start, and every instance, may run them.
 */
export async function repairAtStart(database: Database, clock: Clock, log: Pick<Log, 'info'>): Promise<void> {
  const scores = await repairStoredScores(database, clock);
  if (scores.items) log.info(scores, 'assessment: stored scores repaired to the grading rule');
  const snaps = await repairSnapshotAspects(database, clock);
  if (snaps.rows) log.info(snaps, 'progress: snapshots repaired (department-level items no longer graded as a team’s)');
}

interface Log {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Data repairs at start (above), then daily snapshots: checks at start and then every hour whether today's (Asia/Shanghai) snapshot of each
 * active campaign exists, and takes it when missing. Hourly rather than "at midnight" so that a server that
 * was down at midnight catches up, and several instances converge (the write is an idempotent upsert).
 * Returns a stop function.
 */
export function startSnapshotScheduler({ database, clock, log, intervalMs = 3_600_000 }: { database: Database; clock: Clock; log: Log; intervalMs?: number }): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  let repaired = false;
  const tick = () => {
    if (current || stopped) return;
    // Until the repair has succeeded once it is retried on each tick, and no snapshot is taken before it.
    const repair = repaired
      ? Promise.resolve()
      : repairAtStart(database, clock, log).then(() => {
          repaired = true;
        });
    current = repair
      .then(() => takeMissingSnapshots(database, clock))
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
