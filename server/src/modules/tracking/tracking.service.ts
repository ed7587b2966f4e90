import type { Actor } from '../../platform/permissions';
import { canReadTracking } from './tracking.policy';
import { createTrackingContext, type TrackingContextDeps, type TrackingServiceDeps } from './tracking.context';
import { createTrackingDevices } from './tracking.devices';
import { createDutyCompliance, createTrackingDuty } from './tracking.duty';
import { createTrackingAnalytics, type TeamMetrics } from './tracking.analytics';
import { cnDay } from './domain/partitions';

export type { TrackingServiceDeps } from './tracking.context';
export { MAX_POINTS, MAX_WINDOW_MS } from './tracking.context';

/**
 * The tracking use cases behind one facade (what tracking.routes.ts calls): devices and bindings
 * (tracking.devices.ts), duty schedules, checkpoints and alerts (tracking.duty.ts), positions, replay and
 * statistics (tracking.analytics.ts). They share one context: scope checks and the org-area caches.
 */
export function createTrackingService(deps: TrackingServiceDeps) {
  const ctx = createTrackingContext(deps);
  const compliance = createDutyCompliance(ctx);
  const devices = createTrackingDevices(ctx, deps.ingest);
  const duty = createTrackingDuty(ctx, deps.live);
  const analytics = createTrackingAnalytics(ctx, compliance);
  return {
    ...devices,
    ...analytics.service,
    ...duty,

    /** The team subtree path for the live feed, checked against the actor's scope. */
    async livePath(actor: Actor, orgUnitId?: string): Promise<string> {
      if (!orgUnitId) return actor.scopePath;
      return (await ctx.unitInScope(actor, orgUnitId, canReadTracking, 'live map')).path;
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;

/**
 * Team metrics for the standard's computed items (metric(patrol_coverage_rate) …), computed with the code of
 * 巡查统计 over the 30 Beijing days ending yesterday. One computation per team and day: the period ends
 * yesterday, so what it reads no longer changes during the day (a late upload counts from the next day on).
 */
export function createTeamMetrics(deps: TrackingContextDeps): { teamMetrics(orgUnitId: string): Promise<TeamMetrics> } {
  const analytics = createTrackingAnalytics(createTrackingContext(deps));
  let day = '';
  const cache = new Map<string, Promise<TeamMetrics>>();
  return {
    teamMetrics(orgUnitId) {
      const today = cnDay(deps.clock.now());
      if (today !== day) {
        cache.clear();
        day = today;
      }
      let hit = cache.get(orgUnitId);
      if (!hit) {
        hit = analytics.teamMetrics(orgUnitId, today);
        cache.set(orgUnitId, hit);
        // A failed computation is not kept: the next request tries again.
        hit.catch(() => cache.delete(orgUnitId));
      }
      return hit;
    },
  };
}
