import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel, never past their index.ts (read only).
import { caseParty, documentNumber, enforcementCase, orgUnit } from '../../db/schema';
import { casePublication, publicationSetting } from './publication.tables';
import type { PublicationCriteria } from './domain/rules';

export type PublicationRow = typeof casePublication.$inferSelect;
export type PublicationInsert = typeof casePublication.$inferInsert;

const under = (path: string) => sql`${orgUnit.path} LIKE ${path + '%'}`;
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface AdminFilter {
  scopePath: string;
  status?: string | undefined;
  /** Pending ones past their due day on this date. */
  overdueOn?: string | undefined;
  q?: string | undefined;
}

function adminWhere(f: AdminFilter): SQL {
  const conds: SQL[] = [under(f.scopePath)];
  if (f.status) conds.push(eq(casePublication.status, f.status));
  if (f.overdueOn) conds.push(sql`${casePublication.status} = 'pending' and ${casePublication.dueOn} < ${f.overdueOn}`);
  if (f.q) conds.push(sql`(${casePublication.decisionNo} ILIKE ${likeOf(f.q)} OR ${enforcementCase.caseNo} ILIKE ${likeOf(f.q)})`);
  return and(...conds) as SQL;
}

/** What the public sees: published once (withdrawn ones stay listed as 已撤回). */
function publicWhere(f: { q?: string | undefined; unitId?: string | undefined }): SQL {
  const conds: SQL[] = [isNotNull(casePublication.publishedOn)];
  if (f.unitId) conds.push(eq(casePublication.orgUnitId, f.unitId));
  // Searched in the redacted text only (what the page shows), never in the case's own data.
  if (f.q) conds.push(sql`(${casePublication.decisionNo} ILIKE ${likeOf(f.q)} OR (${casePublication.status} = 'published' AND ${casePublication.content}::text ILIKE ${likeOf(f.q)}))`);
  return and(...conds) as SQL;
}

export const publicationRepository = {
  /** The case as the decision step left it, with its team, for the hook and for a record marked by hand. */
  async caseForDecision(tx: DbOrTx, caseId: string) {
    const [r] = await tx
      .select({ c: enforcementCase, unitName: orgUnit.name, unitPath: orgUnit.path })
      .from(enforcementCase)
      .innerJoin(orgUnit, eq(orgUnit.id, enforcementCase.orgUnitId))
      .where(eq(enforcementCase.id, caseId));
    return r;
  },

  partiesOf: (tx: DbOrTx, caseId: string) => tx.select().from(caseParty).where(eq(caseParty.caseId, caseId)).orderBy(asc(caseParty.createdAt), asc(caseParty.id)),

  /** The 文号 issued to the case's 行政处罚决定书 / 当场行政处罚决定书 (document module), if any. */
  async decisionDocumentNo(tx: DbOrTx, caseId: string): Promise<string | null> {
    const [r] = await tx
      .select({ number: documentNumber.number })
      .from(documentNumber)
      .where(and(eq(documentNumber.caseId, caseId), inArray(documentNumber.docType, ['penalty_decision', 'simple_penalty_decision']), eq(documentNumber.status, 'issued')))
      .orderBy(desc(documentNumber.issuedAt))
      .limit(1);
    return r?.number ?? null;
  },

  async insert(tx: DbOrTx, row: PublicationInsert) {
    await tx.insert(casePublication).values(row);
  },

  byCase: async (tx: DbOrTx, caseId: string) => (await tx.select().from(casePublication).where(eq(casePublication.caseId, caseId)))[0],

  /** The record with its team's path (scope) and name. */
  async find(tx: DbOrTx, id: string, opts: { lock?: boolean } = {}) {
    const q = tx
      .select({ p: casePublication, unitPath: orgUnit.path, unitName: orgUnit.name, caseNo: enforcementCase.caseNo, caseState: enforcementCase.state })
      .from(casePublication)
      .innerJoin(orgUnit, eq(orgUnit.id, casePublication.orgUnitId))
      .innerJoin(enforcementCase, eq(enforcementCase.id, casePublication.caseId))
      .where(eq(casePublication.id, id));
    return (await (opts.lock ? q.for('update', { of: casePublication }) : q))[0];
  },

  /** Optimistic update: false when the version moved. */
  async update(tx: DbOrTx, id: string, version: number, patch: Partial<PublicationInsert>): Promise<boolean> {
    const r = await tx
      .update(casePublication)
      .set({ ...patch, version: sql`${casePublication.version} + 1` })
      .where(and(eq(casePublication.id, id), eq(casePublication.version, version)))
      .returning({ id: casePublication.id });
    return r.length === 1;
  },

  async countAdmin(tx: DbOrTx, f: AdminFilter): Promise<number> {
    const [r] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(casePublication)
      .innerJoin(orgUnit, eq(orgUnit.id, casePublication.orgUnitId))
      .innerJoin(enforcementCase, eq(enforcementCase.id, casePublication.caseId))
      .where(adminWhere(f));
    return r?.n ?? 0;
  },

  listAdmin: (tx: DbOrTx, f: AdminFilter, page: { limit: number; offset: number }) =>
    tx
      .select({ p: casePublication, unitPath: orgUnit.path, unitName: orgUnit.name, caseNo: enforcementCase.caseNo, caseState: enforcementCase.state })
      .from(casePublication)
      .innerJoin(orgUnit, eq(orgUnit.id, casePublication.orgUnitId))
      .innerJoin(enforcementCase, eq(enforcementCase.id, casePublication.caseId))
      .where(adminWhere(f))
      // Pending first, by due day; then the latest.
      .orderBy(sql`case ${casePublication.status} when 'pending' then 0 else 1 end`, asc(casePublication.dueOn), desc(casePublication.decidedOn), asc(casePublication.id))
      .limit(page.limit)
      .offset(page.offset),

  async countPublic(tx: DbOrTx, f: { q?: string | undefined; unitId?: string | undefined }): Promise<number> {
    const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(casePublication).where(publicWhere(f));
    return r?.n ?? 0;
  },

  listPublic: (tx: DbOrTx, f: { q?: string | undefined; unitId?: string | undefined }, page: { limit: number; offset: number }) =>
    tx
      .select({ p: casePublication, unitName: orgUnit.name })
      .from(casePublication)
      .innerJoin(orgUnit, eq(orgUnit.id, casePublication.orgUnitId))
      .where(publicWhere(f))
      .orderBy(desc(casePublication.publishedOn), desc(casePublication.decidedOn), asc(casePublication.id))
      .limit(page.limit)
      .offset(page.offset),

  async findPublic(tx: DbOrTx, id: string) {
    const [r] = await tx
      .select({ p: casePublication, unitName: orgUnit.name })
      .from(casePublication)
      .innerJoin(orgUnit, eq(orgUnit.id, casePublication.orgUnitId))
      .where(and(eq(casePublication.id, id), isNotNull(casePublication.publishedOn)));
    return r;
  },

  /** The teams that have published something (the public page's filter). */
  publicTeams: (tx: DbOrTx) =>
    tx
      .selectDistinct({ id: orgUnit.id, name: orgUnit.name })
      .from(casePublication)
      .innerJoin(orgUnit, eq(orgUnit.id, casePublication.orgUnitId))
      .where(isNotNull(casePublication.publishedOn))
      .orderBy(asc(orgUnit.name)),

  /** 待公示 records whose due day is not known yet (new, or the calendar of the year was missing). */
  unsettled: (tx: DbOrTx) =>
    tx
      .select({ id: casePublication.id, decidedOn: casePublication.decidedOn, dueProblem: casePublication.dueProblem })
      .from(casePublication)
      .where(and(eq(casePublication.status, 'pending'), isNull(casePublication.dueOn)))
      .limit(1000),

  async setDue(tx: DbOrTx, id: string, patch: { dueOn: string | null; dueProblem: string | null }) {
    await tx.update(casePublication).set(patch).where(eq(casePublication.id, id));
  },

  async criteria(tx: DbOrTx): Promise<{ criteria: PublicationCriteria; updatedAt: Date } | null> {
    const [r] = await tx.select().from(publicationSetting).where(eq(publicationSetting.id, 'default'));
    return r ? { criteria: r.criteria, updatedAt: r.updatedAt } : null;
  },

  async saveCriteria(tx: DbOrTx, criteria: PublicationCriteria, at: Date, by: string | null) {
    await tx
      .insert(publicationSetting)
      .values({ id: 'default', criteria, updatedAt: at, updatedBy: by })
      .onConflictDoUpdate({ target: publicationSetting.id, set: { criteria, updatedAt: at, updatedBy: by } });
  },
};
