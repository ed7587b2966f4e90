/**
 * Data repair for scores stored before the grading rule was enforced at input (符合 = full points, 不符合 = 0;
 * see docs/grading.md): such a score is replaced by the rule's, and the live score of each assessment touched
 * is recomputed through the one scoring path. Official grades are not touched: they change only through
 * acceptance (or a verified rectification). Idempotent: a second run finds nothing to repair.
 */
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { catalogRepository } from '../catalog';
import { assessmentRepository } from './assessment.repository';
import { gradeTeamItems } from './assessment.service';
import { ruleScore, type ItemResult } from './domain/scoring';

export async function repairStoredScores(database: Database, clock: Clock): Promise<{ items: number; assessments: number }> {
  const { db } = database;
  const bad = await assessmentRepository.itemsContradictingRule(db);
  if (bad.length === 0) return { items: 0, assessments: 0 };
  const byAssessment = new Map<string, typeof bad>();
  for (const b of bad) byAssessment.set(b.assessmentId, [...(byAssessment.get(b.assessmentId) ?? []), b]);
  for (const [assessmentId, items] of byAssessment) {
    await db.transaction(async (tx) => {
      const a = await assessmentRepository.lockAssessment(tx, assessmentId);
      if (!a) return;
      const c = await assessmentRepository.findCampaign(tx, a.campaignId);
      if (!c) return;
      // The item's version moves on (the row changed): a page holding the old one reloads rather than overwrites.
      for (const i of items) await assessmentRepository.updateItem(tx, i.id, { score: ruleScore(i.result as ItemResult | null, i.points) });
      const g = gradeTeamItems(await catalogRepository.nodesOf(tx, c.c.versionId), await assessmentRepository.itemsOf(tx, assessmentId), c.c);
      await assessmentRepository.updateAssessment(tx, assessmentId, { score: g.score, maxScore: g.max, pct: g.pct });
      await recordAudit(tx, clock, SYSTEM_ACTOR, {
        action: 'assessment.repair.scores',
        entityType: 'assessment',
        entityId: assessmentId,
        orgUnitId: a.orgUnitId,
        before: { score: a.score, pct: a.pct, items: items.map((i) => ({ code: i.nodeCode, result: i.result, score: i.score })) },
        after: { score: g.score, pct: g.pct, rule: '符合 = full points, 不符合 = 0, 不适用 and unanswered without a score' },
      });
    });
  }
  return { items: bad.length, assessments: byAssessment.size };
}
