import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel: the case, its timeline and its evidence are read, never written.
import { caseEvent, caseEvidence, caseParty, documentNumber, documentSignature, documentTemplateSet, enforcementCase, orgUnit } from '../../db/schema';
import { archiveRetentionPolicy, caseArchive } from './archive.tables';

export type ArchiveRow = typeof caseArchive.$inferSelect;
export type PolicyRow = typeof archiveRetentionPolicy.$inferSelect;

const caseCols = {
  id: enforcementCase.id,
  orgUnitId: enforcementCase.orgUnitId,
  unitPath: orgUnit.path,
  unitName: orgUnit.name,
  state: enforcementCase.state,
  procedure: enforcementCase.procedure,
  caseNo: enforcementCase.caseNo,
  leadNo: enforcementCase.leadNo,
  actDate: enforcementCase.actDate,
  actPlace: enforcementCase.actPlace,
  violation: enforcementCase.violation,
  filedOn: enforcementCase.filedOn,
  decidedOn: enforcementCase.decidedOn,
  closedOn: enforcementCase.closedOn,
  isDemo: enforcementCase.isDemo,
};
export type ArchiveCase = Awaited<ReturnType<typeof archiveRepository.findCase>> & object;

export const archiveRepository = {
  async findCase(tx: DbOrTx, id: string) {
    return (await tx.select(caseCols).from(enforcementCase).innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId)).where(eq(enforcementCase.id, id)))[0];
  },
  parties: (tx: DbOrTx, caseId: string) => tx.select({ name: caseParty.name, kind: caseParty.kind }).from(caseParty).where(eq(caseParty.caseId, caseId)).orderBy(asc(caseParty.id)),
  /** The case's evidence with the step each was taken for (withdrawn rows included: the caller leaves them out). */
  evidence: (tx: DbOrTx, caseId: string) =>
    tx
      .select({ e: caseEvidence, stepAction: caseEvent.action })
      .from(caseEvidence)
      .leftJoin(caseEvent, eq(caseEvent.id, caseEvidence.stepEventId))
      .where(eq(caseEvidence.caseId, caseId))
      .orderBy(asc(caseEvidence.uploadedAt), asc(caseEvidence.id)),
  /** Steps on the timeline (for the documents a 卷宗 holds). */
  async actions(tx: DbOrTx, caseId: string): Promise<string[]> {
    return (await tx.selectDistinct({ action: caseEvent.action }).from(caseEvent).where(eq(caseEvent.caseId, caseId))).map((r) => r.action);
  },
  /** 文号 issued for the case (void ones left out: a voided document is not in the file). */
  issuedNumbers: (tx: DbOrTx, caseId: string) =>
    tx
      .select({ docType: documentNumber.docType, ref: documentNumber.ref, number: documentNumber.number, issuedAt: documentNumber.issuedAt })
      .from(documentNumber)
      .where(and(eq(documentNumber.caseId, caseId), eq(documentNumber.status, 'issued')))
      .orderBy(asc(documentNumber.issuedAt)),
  /** The published 文书 template set (document module's table), read in the caller's transaction. */
  async publishedTemplates(tx: DbOrTx) {
    return (await tx.select({ content: documentTemplateSet.content }).from(documentTemplateSet).where(eq(documentTemplateSet.status, 'published')))[0]?.content;
  },
  /** Signatures recorded on the case's 文书, and the ids of the 文号 in force (a signature counts on the number it was given). */
  signatures: (tx: DbOrTx, caseId: string) => tx.select().from(documentSignature).where(eq(documentSignature.caseId, caseId)).orderBy(asc(documentSignature.recordedAt), asc(documentSignature.id)),
  issuedNumberIds: (tx: DbOrTx, caseId: string) =>
    tx.select({ id: documentNumber.id, docType: documentNumber.docType, ref: documentNumber.ref }).from(documentNumber).where(and(eq(documentNumber.caseId, caseId), eq(documentNumber.status, 'issued'))),
  async find(tx: DbOrTx, caseId: string): Promise<ArchiveRow | undefined> {
    return (await tx.select().from(caseArchive).where(eq(caseArchive.caseId, caseId)))[0];
  },
  async insert(tx: DbOrTx, row: ArchiveRow) {
    await tx.insert(caseArchive).values(row);
  },
  /** Policies of the unit and every unit above it (`paths`: the unit path's prefixes). */
  async policiesOn(tx: DbOrTx, unitIds: readonly string[]) {
    if (unitIds.length === 0) return [];
    return tx.select({ p: archiveRetentionPolicy, unitPath: orgUnit.path, unitName: orgUnit.name }).from(archiveRetentionPolicy).innerJoin(orgUnit, eq(orgUnit.id, archiveRetentionPolicy.orgUnitId)).where(inArray(archiveRetentionPolicy.orgUnitId, [...unitIds]));
  },
  async unit(tx: DbOrTx, id: string) {
    return (await tx.select({ id: orgUnit.id, path: orgUnit.path, name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.id, id)))[0];
  },
  async upsertPolicy(tx: DbOrTx, row: PolicyRow) {
    await tx.insert(archiveRetentionPolicy).values(row).onConflictDoUpdate({ target: archiveRetentionPolicy.orgUnitId, set: { years: row.years, note: row.note, updatedBy: row.updatedBy, updatedByName: row.updatedByName, updatedAt: row.updatedAt } });
  },
};
