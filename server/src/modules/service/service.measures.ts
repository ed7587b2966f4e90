import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { hotlineRepository } from './hotline.repository';

/**
 * The service measures of the standard's computed items (issue 13): `complaint_response_rate` (投诉按时回复率) and
 * `satisfaction_rate` (群众满意率), for a team or any unit (its subtree) over a period.
 *
 * Response on time, over the requests SUBMITTED in the period that were neither rejected (不予受理) nor merged
 * into another (their reporters are answered by that one): a request is LATE when any stage (accept, handle,
 * reply) was done after its due time, or is still not done with its due time passed and the request not
 * suspended (挂起 stops the clock); it is ON TIME when it was replied to with no stage late; any other request
 * (still inside its limits) is not judged yet and counts for neither. Rate = on time / (on time + late).
 * Satisfaction, over the ratings GIVEN in the period: (满意 + 基本满意) / all ratings. null = nothing to count.
 */
export interface ServiceMeasureCounts {
  onTime: number;
  late: number;
  pending: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
}

export interface ServiceMeasures extends ServiceMeasureCounts {
  /** On time ÷ judged (on time + late); null when none was judged. */
  responseOnTimeRate: number | null;
  /** (满意 + 基本满意) ÷ rated; null when none was rated. */
  satisfactionRate: number | null;
}

export function measuresOf(c: ServiceMeasureCounts): ServiceMeasures {
  const judged = c.onTime + c.late;
  return { ...c, responseOnTimeRate: judged ? c.onTime / judged : null, satisfactionRate: c.rated ? (c.satisfied + c.basicallySatisfied) / c.rated : null };
}

const DAY_MS = 86_400_000;
/** Midnight in Beijing that starts the civil day of `d`. */
const beijingMidnight = (d: Date) => new Date(Math.floor((d.getTime() + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000);

/**
 * The provider the ledger's computed-item evaluator takes (injected by app.ts and the demo seed, like the case
 * and tracking metrics): the 365 Beijing days ending yesterday, so that what it reads no longer changes during
 * the day; one computation per unit and day.
 */
export function createServiceMetrics(deps: { database: Database; clock: Clock }): { teamMetrics(orgUnitId: string): Promise<Readonly<Record<string, number | null>>> } {
  let day = 0;
  const cache = new Map<string, Promise<Record<string, number | null>>>();
  return {
    teamMetrics(orgUnitId) {
      const now = deps.clock.now();
      const to = beijingMidnight(now);
      if (to.getTime() !== day) {
        cache.clear();
        day = to.getTime();
      }
      let hit = cache.get(orgUnitId);
      if (!hit) {
        hit = (async () => {
          const unit = await hotlineRepository.unit(deps.database.db, orgUnitId);
          if (!unit) return { complaint_response_rate: null, satisfaction_rate: null };
          const m = measuresOf(await hotlineRepository.measureCounts(deps.database.db, unit.path, new Date(to.getTime() - 365 * DAY_MS), to, to));
          return { complaint_response_rate: m.responseOnTimeRate, satisfaction_rate: m.satisfactionRate };
        })();
        cache.set(orgUnitId, hit);
        hit.catch(() => cache.delete(orgUnitId));
      }
      return hit;
    },
  };
}
