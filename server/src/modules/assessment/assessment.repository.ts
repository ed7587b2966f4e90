import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type DbOrTx } from '../../db/client';
// Other modules' tables through the schema barrel: joins read the one schema, never another module's files.
import { appUser, orgUnit, standard, standardVersion } from '../../db/schema';
import { assessment, assessmentEvent, assessmentItem, campaign, evidenceFile, rectificationTask } from './assessment.tables';

export type CampaignRow = typeof campaign.$inferSelect;
export type AssessmentRow = typeof assessment.$inferSelect;
export type ItemRow = typeof assessmentItem.$inferSelect;
export type EvidenceRow = typeof evidenceFile.$inferSelect;
export type RectificationRow = typeof rectificationTask.$inferSelect;
export type EventRow = typeof assessmentEvent.$inferSelect;

const district = alias(orgUnit, 'district');

const assessmentWithUnit = {
  a: assessment,
  unitName: orgUnit.name,
  unitPath: orgUnit.path,
  districtName: district.name,
};
export type AssessmentWithUnit = { a: AssessmentRow; unitName: string; unitPath: string; districtName: string | null };

export const assessmentRepository = {
  async listCampaigns(tx: DbOrTx) {
    return tx
      .select({ c: campaign, versionLabel: standardVersion.label, standardName: standard.name })
      .from(campaign)
      .innerJoin(standardVersion, eq(standardVersion.id, campaign.versionId))
      .innerJoin(standard, eq(standard.id, standardVersion.standardId))
      .orderBy(desc(campaign.startDate));
  },
  async findCampaign(tx: DbOrTx, id: string) {
    const rows = await tx
      .select({ c: campaign, versionLabel: standardVersion.label, standardName: standard.name })
      .from(campaign)
      .innerJoin(standardVersion, eq(standardVersion.id, campaign.versionId))
      .innerJoin(standard, eq(standard.id, standardVersion.standardId))
      .where(eq(campaign.id, id));
    return rows[0];
  },
  async insertCampaign(tx: DbOrTx, row: CampaignRow) {
    await tx.insert(campaign).values(row);
  },
  async insertAssessments(tx: DbOrTx, rows: AssessmentRow[]) {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(assessment).values(rows.slice(i, i + 200));
  },
  async insertItems(tx: DbOrTx, rows: ItemRow[]) {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(assessmentItem).values(rows.slice(i, i + 500));
  },
  /** Assessments of campaigns (all or one) for teams under `scopePath`, with team and district names. */
  async assessmentsInScope(tx: DbOrTx, scopePath: string, campaignId?: string): Promise<AssessmentWithUnit[]> {
    const conds = [like(orgUnit.path, `${scopePath}%`)];
    if (campaignId) conds.push(eq(assessment.campaignId, campaignId));
    return tx
      .select(assessmentWithUnit)
      .from(assessment)
      .innerJoin(orgUnit, eq(orgUnit.id, assessment.orgUnitId))
      .leftJoin(district, eq(district.id, orgUnit.parentId))
      .where(and(...conds))
      .orderBy(asc(orgUnit.code));
  },
  async findAssessment(tx: DbOrTx, id: string): Promise<AssessmentWithUnit | undefined> {
    const rows = await tx
      .select(assessmentWithUnit)
      .from(assessment)
      .innerJoin(orgUnit, eq(orgUnit.id, assessment.orgUnitId))
      .leftJoin(district, eq(district.id, orgUnit.parentId))
      .where(eq(assessment.id, id));
    return rows[0];
  },
  async draftAssessmentIdsOfUnits(tx: DbOrTx, orgUnitIds: readonly string[]): Promise<string[]> {
    if (orgUnitIds.length === 0) return [];
    const rows = await tx.select({ id: assessment.id }).from(assessment).where(and(inArray(assessment.orgUnitId, [...orgUnitIds]), eq(assessment.status, 'draft')));
    return rows.map((r) => r.id);
  },
  async lockAssessment(tx: DbOrTx, id: string) {
    return (await tx.select().from(assessment).where(eq(assessment.id, id)).for('update'))[0];
  },
  async updateAssessment(tx: DbOrTx, id: string, patch: Partial<AssessmentRow>) {
    const rows = await tx.update(assessment).set(patch).where(eq(assessment.id, id)).returning();
    return rows[0];
  },
  itemsOf: (tx: DbOrTx, assessmentId: string) => tx.select().from(assessmentItem).where(eq(assessmentItem.assessmentId, assessmentId)),
  itemsOfAssessments: (tx: DbOrTx, ids: string[]) => (ids.length ? tx.select().from(assessmentItem).where(inArray(assessmentItem.assessmentId, ids)) : Promise.resolve([] as ItemRow[])),
  async findItem(tx: DbOrTx, assessmentId: string, code: string) {
    return (await tx.select().from(assessmentItem).where(and(eq(assessmentItem.assessmentId, assessmentId), eq(assessmentItem.nodeCode, code))))[0];
  },
  async findItemById(tx: DbOrTx, id: string) {
    return (await tx.select().from(assessmentItem).where(eq(assessmentItem.id, id)))[0];
  },
  /** Optimistic update: undefined when someone else saved the item first. */
  async updateItemVersioned(tx: DbOrTx, id: string, version: number, patch: Partial<ItemRow>) {
    const rows = await tx
      .update(assessmentItem)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(assessmentItem.id, id), eq(assessmentItem.version, version)))
      .returning();
    return rows[0];
  },
  async updateItem(tx: DbOrTx, id: string, patch: Partial<ItemRow>) {
    const rows = await tx.update(assessmentItem).set({ ...patch, version: sql`${assessmentItem.version} + 1` }).where(eq(assessmentItem.id, id)).returning();
    return rows[0];
  },
  async insertEvent(tx: DbOrTx, row: Omit<EventRow, 'id'>) {
    await tx.insert(assessmentEvent).values(row);
  },
  eventsOf: (tx: DbOrTx, assessmentId: string) => tx.select().from(assessmentEvent).where(eq(assessmentEvent.assessmentId, assessmentId)).orderBy(asc(assessmentEvent.id)),
  async insertEvidence(tx: DbOrTx, row: EvidenceRow) {
    await tx.insert(evidenceFile).values(row);
  },
  evidenceOfItems: (tx: DbOrTx, itemIds: string[]) => (itemIds.length ? tx.select().from(evidenceFile).where(inArray(evidenceFile.assessmentItemId, itemIds)).orderBy(asc(evidenceFile.uploadedAt)) : Promise.resolve([] as EvidenceRow[])),
  async findEvidence(tx: DbOrTx, id: string) {
    const rows = await tx.select({ e: evidenceFile, unitPath: orgUnit.path }).from(evidenceFile).innerJoin(orgUnit, eq(orgUnit.id, evidenceFile.orgUnitId)).where(eq(evidenceFile.id, id));
    return rows[0];
  },
  async insertRectifications(tx: DbOrTx, rows: RectificationRow[]) {
    if (rows.length) await tx.insert(rectificationTask).values(rows);
  },
  rectificationsOf: (tx: DbOrTx, assessmentId: string) => tx.select().from(rectificationTask).where(eq(rectificationTask.assessmentId, assessmentId)),
  async rectificationsInScope(tx: DbOrTx, scopePath: string, f: { campaignId?: string | undefined; status?: string | undefined }) {
    const conds = [like(orgUnit.path, `${scopePath}%`)];
    if (f.campaignId) conds.push(eq(assessment.campaignId, f.campaignId));
    if (f.status) conds.push(eq(rectificationTask.status, f.status));
    return tx
      .select({ r: rectificationTask, unitName: orgUnit.name, unitPath: orgUnit.path, ownerName: appUser.displayName, campaignId: assessment.campaignId })
      .from(rectificationTask)
      .innerJoin(orgUnit, eq(orgUnit.id, rectificationTask.orgUnitId))
      .innerJoin(assessment, eq(assessment.id, rectificationTask.assessmentId))
      .leftJoin(appUser, eq(appUser.id, rectificationTask.ownerUserId))
      .where(and(...conds))
      .orderBy(asc(rectificationTask.dueDate), asc(orgUnit.code));
  },
  async findRectification(tx: DbOrTx, id: string) {
    const rows = await tx
      .select({ r: rectificationTask, unitPath: orgUnit.path })
      .from(rectificationTask)
      .innerJoin(orgUnit, eq(orgUnit.id, rectificationTask.orgUnitId))
      .where(eq(rectificationTask.id, id));
    return rows[0];
  },
  async updateRectificationVersioned(tx: DbOrTx, id: string, version: number, patch: Partial<RectificationRow>) {
    const rows = await tx
      .update(rectificationTask)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(rectificationTask.id, id), eq(rectificationTask.version, version)))
      .returning();
    return rows[0];
  },
  /** The team's leaders, who own rectification tasks by default. */
  async teamLeadersOf(tx: DbOrTx, orgUnitId: string) {
    return tx.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(and(eq(appUser.orgUnitId, orgUnitId), eq(appUser.role, 'team_leader'), eq(appUser.disabled, false))).orderBy(asc(appUser.username));
  },
  async findUserInUnitTree(tx: DbOrTx, userId: string) {
    const rows = await tx.select({ id: appUser.id, name: appUser.displayName, path: orgUnit.path }).from(appUser).innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId)).where(eq(appUser.id, userId));
    return rows[0];
  },
  /**
   * Items whose stored score contradicts the grading rule (符合 ≠ full points, 不符合 ≠ 0, a score on 不适用 or
   * on an unanswered item): written before the rule was enforced at input.
   */
  async itemsContradictingRule(tx: DbOrTx): Promise<{ id: string; assessmentId: string; orgUnitId: string; nodeCode: string; result: string | null; score: number; points: number }[]> {
    const rows = await rowsOf<{ id: string; assessment_id: string; org_unit_id: string; node_code: string; result: string | null; score: number; points: number }>(
      tx,
      sql`
      select i.id, i.assessment_id, i.org_unit_id, i.node_code, i.result, i.score, coalesce(n.points, 0)::float8 as points
      from assessment_item i
      join assessment a on a.id = i.assessment_id
      join campaign c on c.id = a.campaign_id
      join catalog_node n on n.version_id = c.version_id and n.code = i.node_code
      where i.score is not null and (
        (i.result = 'compliant' and i.score <> coalesce(n.points, 0)) or
        (i.result = 'non_compliant' and i.score <> 0) or
        i.result = 'not_applicable' or i.result is null)
      order by i.assessment_id, i.node_code`,
    );
    return rows.map((x) => ({
      id: x.id,
      assessmentId: x.assessment_id,
      orgUnitId: x.org_unit_id,
      nodeCode: x.node_code,
      result: x.result,
      score: Number(x.score),
      points: Number(x.points),
    }));
  },
  async unitsByIds(tx: DbOrTx, ids: string[]) {
    return ids.length ? tx.select({ id: orgUnit.id, path: orgUnit.path, kind: orgUnit.kind, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.id, ids)) : [];
  },
};
