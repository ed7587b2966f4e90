import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel: the case and its timeline are read, never written, here.
import { caseEvent, enforcementCase, orgUnit } from '../../db/schema';
import { caseEvidence, caseEvidenceCustody } from './evidence.tables';

export type EvidenceRow = typeof caseEvidence.$inferSelect;
export type CustodyRow = typeof caseEvidenceCustody.$inferSelect;
export interface CaseRef {
  id: string;
  orgUnitId: string;
  unitPath: string;
  state: string;
  decidedOn: string | null;
  caseNo: string | null;
  leadNo: string | null;
}

const caseRefCols = {
  id: enforcementCase.id,
  orgUnitId: enforcementCase.orgUnitId,
  unitPath: orgUnit.path,
  state: enforcementCase.state,
  decidedOn: enforcementCase.decidedOn,
  caseNo: enforcementCase.caseNo,
  leadNo: enforcementCase.leadNo,
};

export const evidenceRepository = {
  async findCase(tx: DbOrTx, id: string, lock = false): Promise<CaseRef | undefined> {
    const q = tx.select(caseRefCols).from(enforcementCase).innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId)).where(eq(enforcementCase.id, id));
    // The case row is locked while evidence is withdrawn or superseded, so a concurrent 决定 is seen (or waits).
    return (await (lock ? q.for('update', { of: enforcementCase }) : q))[0];
  },
  async findStep(tx: DbOrTx, caseId: string, eventId: number) {
    return (await tx.select({ id: caseEvent.id, action: caseEvent.action, at: caseEvent.at }).from(caseEvent).where(and(eq(caseEvent.caseId, caseId), eq(caseEvent.id, eventId))))[0];
  },
  async find(tx: DbOrTx, id: string, lock = false): Promise<EvidenceRow | undefined> {
    const q = tx.select().from(caseEvidence).where(eq(caseEvidence.id, id));
    return (await (lock ? q.for('update') : q))[0];
  },
  listOfCase: (tx: DbOrTx, caseId: string) => tx.select().from(caseEvidence).where(eq(caseEvidence.caseId, caseId)).orderBy(asc(caseEvidence.uploadedAt), asc(caseEvidence.id)),
  async insert(tx: DbOrTx, row: typeof caseEvidence.$inferInsert) {
    await tx.insert(caseEvidence).values(row);
  },
  async markSuperseded(tx: DbOrTx, id: string, by: string, reason: string, at: Date) {
    await tx.update(caseEvidence).set({ supersededBy: by, supersededReason: reason, supersededAt: at }).where(eq(caseEvidence.id, id));
  },
  async markDeleted(tx: DbOrTx, id: string, by: string, at: Date) {
    await tx.update(caseEvidence).set({ deletedAt: at, deletedBy: by }).where(eq(caseEvidence.id, id));
  },
  async appendCustody(tx: DbOrTx, row: Omit<typeof caseEvidenceCustody.$inferInsert, 'id'>): Promise<CustodyRow> {
    return (await tx.insert(caseEvidenceCustody).values(row).returning())[0]!;
  },
  custodyOf: (tx: DbOrTx, evidenceId: string) => tx.select().from(caseEvidenceCustody).where(eq(caseEvidenceCustody.evidenceId, evidenceId)).orderBy(asc(caseEvidenceCustody.id)),
};
