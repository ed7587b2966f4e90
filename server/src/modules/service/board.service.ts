import type { Static } from 'typebox';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, notFound } from '../../platform/errors';
import { inScope, type Actor } from '../../platform/permissions';
import { addWorkingMinutes, workingMinutesBetween, type WorkingCalendar, type WorkingHours } from '../legal';
import { boardRepository, type BoardFilter } from './board.repository';
import type { BoardQuery, BoardView } from './board.schemas';
import { DUE_SOON_SHARE, dueSoonMinutes, type BoardFlag } from './domain/board';

interface Deps {
  database: Database;
  clock: Clock;
  /** The working-day calendar (the legal module's, injected by app.ts). */
  calendar: () => Promise<WorkingCalendar>;
  /** The bureau's working periods (category.service.ts). */
  hours: () => Promise<WorkingHours>;
}

const isMissing = (e: unknown): e is AppError => e instanceof AppError && e.code === 'legal.calendar_missing';
const missingYears = (e: AppError): number[] => ((e.details as { years?: number[] } | undefined)?.years ?? []);

type Counts = Record<BoardFlag, number> & { total: number };
const zero = (): Counts => ({ overdue: 0, due_soon: 0, on_time: 0, suspended: 0, unknown: 0, total: 0 });

export function createServiceBoard({ database, clock, calendar, hours }: Deps) {
  const { db } = database;

  return {
    /**
     * 期限预警: the open reports of the teams in the actor's scope (and the city desk's for dispatchers), each with the
     * stage whose clock runs, its due time, the working minutes left and its flag (domain/board.ts); counts per flag
     * and per team, exact over every row.
     */
    async board(actor: Actor, q: Static<typeof BoardQuery>): Promise<Static<typeof BoardView>> {
      const now = clock.now();
      const desk = actor.permissions.has('service.dispatch');
      const scope = { scopePath: actor.scopePath, desk };
      const filter: BoardFilter = { categoryId: q.categoryId, flag: q.flag };
      if (q.teamId === 'desk') {
        // Out of scope answers like missing (other teams' data is not disclosed to exist).
        if (!desk) throw notFound('org.unit_not_found', 'Unit not found');
        filter.teamPath = 'desk';
      } else if (q.teamId) {
        const unit = await boardRepository.unit(db, q.teamId);
        if (!unit || !inScope(actor, unit.path)) throw notFound('org.unit_not_found', 'Unit not found');
        filter.teamPath = unit.path;
      }
      const [cal, h, limits] = await Promise.all([calendar(), hours(), boardRepository.limits(db)]);
      const missing = new Set<number>();
      // Per limit: the instant from which a report with that limit is due soon (a quarter of it left).
      const soonAt = new Map<number, Date | 'infinity'>();
      for (const limit of limits) {
        try {
          soonAt.set(limit, addWorkingMinutes(cal, h, now, dueSoonMinutes(limit)));
        } catch (e) {
          if (!isMissing(e)) throw e;
          // Counting runs past the loaded calendar: every due time (counted within it) is nearer than that.
          soonAt.set(limit, 'infinity');
        }
      }
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const [counts, rows] = await Promise.all([boardRepository.counts(db, now, soonAt, scope, filter), boardRepository.rows(db, now, soonAt, scope, filter, { limit, offset })]);

      const byFlag = zero();
      for (const c of counts.perFlag) {
        byFlag[c.flag] += c.n;
        byFlag.total += c.n;
      }
      const teams = new Map<string, { teamId: string | null; teamName: string | null } & Counts>();
      for (const c of counts.perTeam) {
        const key = c.teamId ?? 'desk';
        const t = teams.get(key) ?? { teamId: c.teamId, teamName: c.teamName, ...zero() };
        t[c.flag] += c.n;
        t.total += c.n;
        teams.set(key, t);
      }

      const items = rows.map((r) => {
        const suspended = r.state === 'suspended';
        const dueAt = r.dueAt as Date | null;
        let remainingMinutes: number | null = null;
        if (dueAt) {
          try {
            // A suspended report's clock stopped at its suspension: the time left then, not counted down.
            const from = suspended && r.suspendedAt ? r.suspendedAt : now;
            remainingMinutes = workingMinutesBetween(cal, h, from, dueAt);
          } catch (e) {
            if (!isMissing(e)) throw e;
            for (const y of missingYears(e)) missing.add(y);
          }
        }
        const limitHours = r.limitHours === null ? null : Number(r.limitHours);
        // The SQL flag decides (it is what the counts count): domain/board.ts flagOf states the same rule.
        const flag = r.flag;
        return {
          id: r.id,
          trackingCode: r.trackingCode,
          source: r.source,
          state: r.state,
          stage: r.stage as 'accept' | 'handle' | 'reply' | null,
          categoryId: r.categoryId,
          categoryCode: r.categoryCode,
          categoryName: r.categoryName,
          orgUnitId: r.orgUnitId,
          unitName: r.unitName,
          submittedAt: r.submittedAt.toISOString(),
          dueAt: dueAt?.toISOString() ?? null,
          limitHours,
          remainingMinutes,
          flag,
          suspendedAt: r.suspendedAt?.toISOString() ?? null,
          address: r.address,
          description: r.description.length > 120 ? `${r.description.slice(0, 119)}…` : r.description,
          isDemo: r.isDemo,
        };
      });
      const total = q.flag ? byFlag[q.flag] : byFlag.total;
      const teamList = [...teams.values()].sort((a, b) => b.overdue - a.overdue || b.due_soon - a.due_soon || (a.teamName ?? '').localeCompare(b.teamName ?? '', 'zh-CN'));
      return { now: now.toISOString(), dueSoonShare: DUE_SOON_SHARE, counts: byFlag, teams: teamList, items, total, limit, offset, calendarMissing: [...missing].sort() };
    },
  };
}

export type ServiceBoard = ReturnType<typeof createServiceBoard>;
