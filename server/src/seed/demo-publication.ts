/**
 * DEMO DATA for 公示 (issue 12): a few decided demo penalties get their publication record (marked for publication,
 * plus whatever criteria they meet), most are published on their decision day with the redacted text, one is then
 * withdrawn with a reason labelled 演示, and some stay 待公示 so the administration list shows due days. Everything
 * goes through the publication service's own steps (and the audit chain); rows are `isDemo` and shown as 演示.
 * Idempotent: nothing happens when demo publication records exist.
 */
import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { SYSTEM_ACTOR } from '../modules/audit';
import { enforcementCase } from '../modules/case';
import { createLegalService } from '../modules/legal';
import { casePublication, createPublicationService } from '../modules/publication';

const DEMO_CASES = 6;
const PUBLISHED = 4;

export async function seedDemoPublication(database: Database, clock: Clock): Promise<{ seeded: boolean; records: number }> {
  const { db } = database;
  if ((await db.select({ id: casePublication.id }).from(casePublication).where(eq(casePublication.isDemo, true)).limit(1)).length) return { seeded: false, records: 0 };
  const legal = createLegalService({ database, clock });
  const service = createPublicationService({ database, clock, legal });
  const cases = await db
    .select({ id: enforcementCase.id })
    .from(enforcementCase)
    .where(and(eq(enforcementCase.isDemo, true), sql`${enforcementCase.facts}->'decision'->>'outcome' = 'penalty'`, notInArray(enforcementCase.state, ['withdrawn', 'not_filed'])))
    .orderBy(desc(enforcementCase.decidedOn), asc(enforcementCase.id))
    .limit(DEMO_CASES);
  if (!cases.length) return { seeded: false, records: 0 };
  await db.transaction(async (tx) => {
    for (const c of cases) await service.createRecord(tx, { caseId: c.id, eventId: null, marked: true, actor: SYSTEM_ACTOR, isDemo: true });
  });
  await service.settleDueDays();
  const rows = await db.select().from(casePublication).where(eq(casePublication.isDemo, true)).orderBy(desc(casePublication.decidedOn), asc(casePublication.id));
  const toPublish = rows.slice(0, PUBLISHED);
  const withdrawn = toPublish[toPublish.length - 1];
  const due = withdrawn ? await legal.deadline('xzcf.publication_withdrawal', withdrawn.decidedOn, { explain: false }) : null;
  await db.transaction(async (tx) => {
    for (const r of toPublish) await service.publishInTx(tx, r, r.decidedOn, SYSTEM_ACTOR);
    if (withdrawn) {
      const [p] = await tx.select().from(casePublication).where(eq(casePublication.id, withdrawn.id));
      await service.withdrawInTx(
        tx,
        p!,
        { reason: '演示：经行政复议，原行政处罚决定被撤销', changeKind: 'revoked', changedOn: withdrawn.decidedOn, onDate: withdrawn.decidedOn, withdrawDueOn: due?.result.ok ? due.result.due : null },
        SYSTEM_ACTOR,
      );
    }
  });
  return { seeded: true, records: rows.length };
}
