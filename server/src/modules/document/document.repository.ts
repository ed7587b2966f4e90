import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../../db/schema';
import { caseEvent, enforcementCase } from '../case';
import { documentCounter, documentNumber } from './document.tables';

export type DocumentNumberRow = typeof documentNumber.$inferSelect;

export const documentRepository = {
  /** The case with its team (the issuing unit) for scope checks and the 文号 prefix. */
  async findCase(tx: DbOrTx, id: string) {
    const [r] = await tx
      .select({ id: enforcementCase.id, state: enforcementCase.state, caseNo: enforcementCase.caseNo, orgUnitId: enforcementCase.orgUnitId, unitPath: orgUnit.path, unitName: orgUnit.name, unitShortName: orgUnit.shortName })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(eq(enforcementCase.id, id));
    return r;
  },

  /** The steps on the case's timeline (case_event actions). */
  async stepsReached(tx: DbOrTx, caseId: string): Promise<Set<string>> {
    const rows = await tx.selectDistinct({ action: caseEvent.action }).from(caseEvent).where(eq(caseEvent.caseId, caseId));
    return new Set(rows.map((r) => r.action));
  },

  /** The next sequence of (unit, type, year), the counter row locked by the upsert until the caller's transaction ends. */
  async nextSeq(tx: DbOrTx, orgUnitId: string, docType: string, year: number): Promise<number> {
    const [r] = await tx
      .insert(documentCounter)
      .values({ orgUnitId, docType, year, last: 1 })
      .onConflictDoUpdate({ target: [documentCounter.orgUnitId, documentCounter.docType, documentCounter.year], set: { last: sql`${documentCounter.last} + 1` } })
      .returning({ last: documentCounter.last });
    return r!.last;
  },

  async issuedFor(tx: DbOrTx, caseId: string, docType: string, ref: string) {
    return (await tx.select().from(documentNumber).where(and(eq(documentNumber.caseId, caseId), eq(documentNumber.docType, docType), eq(documentNumber.ref, ref), eq(documentNumber.status, 'issued'))))[0];
  },

  async insertNumber(tx: DbOrTx, row: DocumentNumberRow) {
    await tx.insert(documentNumber).values(row);
  },

  async findNumber(tx: DbOrTx, id: string) {
    return (await tx.select().from(documentNumber).where(eq(documentNumber.id, id)))[0];
  },

  /** The number row locked: two voids of one number run one after the other. */
  async lockNumber(tx: DbOrTx, id: string) {
    return (await tx.select().from(documentNumber).where(eq(documentNumber.id, id)).for('update'))[0];
  },

  async voidNumber(tx: DbOrTx, id: string, patch: { voidReason: string; voidedAt: Date; voidedBy: string | null }) {
    return (await tx.update(documentNumber).set({ ...patch, status: 'void' }).where(eq(documentNumber.id, id)).returning())[0]!;
  },

  numbersOfCase: (tx: DbOrTx, caseId: string) => tx.select().from(documentNumber).where(eq(documentNumber.caseId, caseId)).orderBy(asc(documentNumber.docType), asc(documentNumber.year), asc(documentNumber.seq)),
};
