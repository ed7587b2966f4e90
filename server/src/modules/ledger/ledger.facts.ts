import type { DbOrTx } from '../../db/client';
import { buildOverview, buildRuleData, type LedgerOverview, type RuleData } from './domain/rule-data';
import { shanghaiDay } from './domain/ledger-kinds';
import { ledgerRepository } from './ledger.repository';

/**
 * Metrics another module computes for a team (tracking: patrol coverage, duty compliance, devices online on
 * duty), injected by app.ts so that the ledger module does not depend on that module. Names are the rule
 * language's metric names; null = no data. A provider caches as it sees fit (tracking: per team and day).
 */
export interface TeamMetricsProvider {
  teamMetrics(orgUnitId: string): Promise<Readonly<Record<string, number | null>>>;
}

/**
 * Ledger facts of a team (or of a whole subtree) for the computed-rule evaluator. Rows use the rule
 * language's field names; metrics come from the ledger itself (certificate_rate) and from the providers;
 * a metric nobody supplies (case_on_time_rate …: no module computes it yet) stays null (unknown).
 */
export async function loadRuleData(db: DbOrTx, orgUnitId: string, today: string = shanghaiDay(new Date()), providers: readonly TeamMetricsProvider[] = []): Promise<RuleData> {
  const unit = await ledgerRepository.findUnit(db, orgUnitId);
  if (!unit) return buildRuleData({ persons: [], rooms: [], offices: [], assets: [], signage: [] }, today);
  const [data, ...supplied] = await Promise.all([buildRuleData(await ledgerRepository.factsUnder(db, unit.path), today), ...providers.map((p) => p.teamMetrics(unit.id))]);
  for (const m of supplied) {
    // Only names the rules know; a provider never overrides a ledger metric with "no data".
    for (const [name, value] of Object.entries(m)) if (Object.hasOwn(data.metrics, name) && value !== null) data.metrics[name as keyof RuleData['metrics']] = value;
  }
  return data;
}

/** A team's 执法保障 overview (counts per asset type and status, head-count, area, rooms, signage). */
export async function ledgerOverview(db: DbOrTx, orgUnitId: string, today: string = shanghaiDay(new Date())): Promise<(LedgerOverview & { orgUnitId: string; orgUnitName: string; today: string }) | null> {
  const unit = await ledgerRepository.findUnit(db, orgUnitId);
  if (!unit) return null;
  const [facts, types] = await Promise.all([ledgerRepository.factsUnder(db, unit.path), ledgerRepository.listRoomTypes(db)]);
  return { orgUnitId: unit.id, orgUnitName: unit.name, today, ...buildOverview(facts, today, types.map((t) => t.name)) };
}
