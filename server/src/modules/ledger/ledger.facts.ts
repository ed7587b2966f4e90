import type { DbOrTx } from '../../db/client';
import { buildOverview, buildRuleData, type LedgerOverview, type RuleData } from './domain/rule-data';
import { shanghaiDay } from './domain/ledger-kinds';
import { ledgerRepository } from './ledger.repository';

/**
 * Ledger facts of a team (or of a whole subtree) for the computed-rule evaluator. Rows use the rule
 * language's field names; metrics other modules will supply are null (unknown) for now.
 */
export async function loadRuleData(db: DbOrTx, orgUnitId: string, today: string = shanghaiDay(new Date())): Promise<RuleData> {
  const unit = await ledgerRepository.findUnit(db, orgUnitId);
  if (!unit) return buildRuleData({ persons: [], rooms: [], offices: [], assets: [], signage: [] }, today);
  return buildRuleData(await ledgerRepository.factsUnder(db, unit.path), today);
}

/** A team's 执法保障 overview (counts per asset type and status, head-count, area, rooms, signage). */
export async function ledgerOverview(db: DbOrTx, orgUnitId: string, today: string = shanghaiDay(new Date())): Promise<(LedgerOverview & { orgUnitId: string; orgUnitName: string; today: string }) | null> {
  const unit = await ledgerRepository.findUnit(db, orgUnitId);
  if (!unit) return null;
  const [facts, types] = await Promise.all([ledgerRepository.factsUnder(db, unit.path), ledgerRepository.listRoomTypes(db)]);
  return { orgUnitId: unit.id, orgUnitName: unit.name, today, ...buildOverview(facts, today, types.map((t) => t.name)) };
}
