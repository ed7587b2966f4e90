/** The reads of 文书 rendering: a case with what its documents print, read with the caller's `tx`. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../../db/schema';
import { caseEvent, caseParty, caseSeizure, enforcementCase } from '../case';
import { documentNumber } from './document.tables';

export const renderRepository = {
  /** The case as the filler needs it, read with `tx` (the 归档 step composes the 卷宗 inside its own transaction). */
  async caseForRender(tx: DbOrTx, caseId: string) {
    const [row] = await tx
      .select({ c: enforcementCase, unitPath: orgUnit.path, unitName: orgUnit.name, unitShortName: orgUnit.shortName })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(eq(enforcementCase.id, caseId));
    if (!row) return null;
    const ancestorIds = row.unitPath.split('/').filter(Boolean).slice(0, -1);
    const [parties, events, seizures, numbers, ancestors] = await Promise.all([
      tx.select().from(caseParty).where(eq(caseParty.caseId, caseId)).orderBy(asc(caseParty.createdAt), asc(caseParty.id)),
      tx.select({ action: caseEvent.action, onDate: caseEvent.onDate, officers: caseEvent.officers }).from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id)),
      tx.select().from(caseSeizure).where(eq(caseSeizure.caseId, caseId)).orderBy(asc(caseSeizure.startOn)),
      tx.select({ docType: documentNumber.docType, ref: documentNumber.ref, number: documentNumber.number }).from(documentNumber).where(and(eq(documentNumber.caseId, caseId), eq(documentNumber.status, 'issued'))),
      ancestorIds.length ? tx.select({ name: orgUnit.name, kind: orgUnit.kind, depth: orgUnit.depth }).from(orgUnit).where(inArray(orgUnit.id, ancestorIds)).orderBy(desc(orgUnit.depth)) : Promise.resolve([]),
    ]);
    // The 行政机关 whose name heads the forms and stands by the seal: the nearest bureau above the team, else the top
    // of the tree (a template can print another name: the header is data).
    const bureau = ancestors.find((a) => a.kind === 'bureau')?.name ?? ancestors.at(-1)?.name ?? row.unitName;
    return { ...row, parties, events, seizures, numbers, bureau };
  },
};
