import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../../db/schema';
import { caseEvent, caseParty, enforcementCase } from '../case';
import { documentNumber } from './document.tables';
import { documentService, documentSignature } from './record.tables';

export type SignatureRow = typeof documentSignature.$inferSelect;
export type ServiceRow = typeof documentService.$inferSelect;
export type NumberRow = typeof documentNumber.$inferSelect;

export const recordRepository = {
  async findCase(tx: DbOrTx, id: string) {
    const [r] = await tx
      .select({ id: enforcementCase.id, state: enforcementCase.state, procedure: enforcementCase.procedure, version: enforcementCase.version, facts: enforcementCase.facts, orgUnitId: enforcementCase.orgUnitId, unitPath: orgUnit.path, isDemo: enforcementCase.isDemo })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(eq(enforcementCase.id, id));
    return r;
  },

  /** The case's timeline: actions and the officers each step named. */
  events: (tx: DbOrTx, caseId: string) => tx.select({ action: caseEvent.action, officers: caseEvent.officers }).from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id)),

  async partyName(tx: DbOrTx, caseId: string): Promise<string | null> {
    const [p] = await tx.select({ name: caseParty.name }).from(caseParty).where(eq(caseParty.caseId, caseId)).orderBy(asc(caseParty.createdAt)).limit(1);
    return p?.name ?? null;
  },

  numbers: (tx: DbOrTx, caseId: string) => tx.select().from(documentNumber).where(eq(documentNumber.caseId, caseId)).orderBy(asc(documentNumber.issuedAt), asc(documentNumber.seq)),
  signatures: (tx: DbOrTx, caseId: string) => tx.select().from(documentSignature).where(eq(documentSignature.caseId, caseId)).orderBy(asc(documentSignature.recordedAt), asc(documentSignature.id)),
  services: (tx: DbOrTx, caseId: string) => tx.select().from(documentService).where(eq(documentService.caseId, caseId)).orderBy(asc(documentService.recordedAt), asc(documentService.id)),

  /** The case row locked: records of one case are written one after the other (two "first" signatures never race). */
  async lockCase(tx: DbOrTx, id: string) {
    await tx.select({ id: enforcementCase.id }).from(enforcementCase).where(eq(enforcementCase.id, id)).for('update');
  },

  insertSignature: async (tx: DbOrTx, row: SignatureRow) => {
    await tx.insert(documentSignature).values(row);
  },
  insertService: async (tx: DbOrTx, row: ServiceRow) => {
    await tx.insert(documentService).values(row);
  },
};
