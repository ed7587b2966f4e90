import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { caseRepository } from './case.repository';
import { shanghaiDay } from './case.service';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Metrics of the standard's computed items from case data (injected into the ledger's evaluator by app.ts):
 * `case_on_time_rate` = cases decided in the 365 days ending yesterday whose every duty deadline was met on
 * time, over all cases decided then; `legal_review_rate_major` = of those that were major or had a 法制审核
 * trigger (第五十八条), the share whose review passed. null = no such case (unknown, not 0). Cached per team and day.
 */
export function createCaseMetrics(deps: { database: Database; clock: Clock }): { teamMetrics(orgUnitId: string): Promise<Readonly<Record<string, number | null>>> } {
  let day = '';
  const cache = new Map<string, Promise<Record<string, number | null>>>();
  return {
    teamMetrics(orgUnitId) {
      const today = shanghaiDay(deps.clock.now());
      if (today !== day) {
        cache.clear();
        day = today;
      }
      let hit = cache.get(orgUnitId);
      if (!hit) {
        hit = (async () => {
          const unit = await caseRepository.findUnit(deps.database.db, orgUnitId);
          if (!unit) return { case_on_time_rate: null, legal_review_rate_major: null };
          const to = addDays(today, -1);
          const r = await caseRepository.onTimeCounts(deps.database.db, unit.path, addDays(to, -364), to);
          return { case_on_time_rate: r.decided ? r.onTime / r.decided : null, legal_review_rate_major: r.major ? r.majorReviewed / r.major : null };
        })();
        cache.set(orgUnitId, hit);
        hit.catch(() => cache.delete(orgUnitId));
      }
      return hit;
    },
  };
}
