import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../org';
import { appUser } from '../identity';
import { standardVersion } from '../catalog';
// The assessment module's tables are read here, never written.
import { assessment, campaign, rectificationTask, type ItemResult } from '../assessment';
import { reportJob, target, teamSnapshot } from './progress.tables';

export type TargetRow = typeof target.$inferSelect;
export type SnapshotRow = typeof teamSnapshot.$inferInsert;
export type ReportJobRow = typeof reportJob.$inferSelect;

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
const district = alias(orgUnit, 'district');
const targetUnit = alias(orgUnit, 'target_unit');

export interface TeamAssessmentRow {
  assessmentId: string;
  orgUnitId: string;
  status: string;
  pct: number;
  score: number;
  maxScore: number;
  grade: string | null;
  name: string;
  path: string;
  districtId: string | null;
  districtName: string | null;
  /**
   * Changes whenever the assessment's answers do: every write of an item's result or score rescores the
   * assessment in the same transaction (assessment.service.ts `rescore`, assessment.repair.ts), so the row's
   * `xmin` moves with them.
   */
  answersStamp: string;
}

export interface ItemAnswersRow {
  assessment_id: string;
  codes: string[];
  results: (ItemResult | null)[];
  scores: (number | null)[];
}

export const progressRepository = {
  async findCampaign(tx: DbOrTx, id: string) {
    const rows = await tx
      .select({
        id: campaign.id,
        name: campaign.name,
        versionId: campaign.versionId,
        versionLabel: standardVersion.label,
        versionStatus: standardVersion.status,
        orgUnitId: campaign.orgUnitId,
        passPct: campaign.passPct,
        basicPct: campaign.basicPct,
        status: campaign.status,
        isDemo: campaign.isDemo,
      })
      .from(campaign)
      .innerJoin(standardVersion, eq(standardVersion.id, campaign.versionId))
      .where(eq(campaign.id, id));
    return rows[0];
  },
  allCampaigns: (tx: DbOrTx) => tx.select({ id: campaign.id, versionId: campaign.versionId, orgUnitId: campaign.orgUnitId }).from(campaign),
  activeCampaignIds: async (tx: DbOrTx) => (await tx.select({ id: campaign.id }).from(campaign).where(eq(campaign.status, 'active'))).map((r) => r.id),

  async findUnit(tx: DbOrTx, id: string) {
    return (await tx.select({ id: orgUnit.id, name: orgUnit.name, path: orgUnit.path, kind: orgUnit.kind }).from(orgUnit).where(eq(orgUnit.id, id)))[0];
  },

  /** The campaign's teams (one assessment each) under a scope path, with their district (parent unit). */
  teamAssessments(tx: DbOrTx, campaignId: string, scopePath: string): Promise<TeamAssessmentRow[]> {
    return tx
      .select({
        assessmentId: assessment.id,
        orgUnitId: assessment.orgUnitId,
        status: assessment.status,
        pct: assessment.pct,
        score: assessment.score,
        maxScore: assessment.maxScore,
        grade: assessment.grade,
        name: sql<string>`coalesce(${orgUnit.shortName}, ${orgUnit.name})`,
        path: orgUnit.path,
        districtId: district.id,
        districtName: district.name,
        // The transaction id that last wrote the assessment row: new on every write, on any instance.
        answersStamp: sql<string>`${assessment}.xmin::text`,
      })
      .from(assessment)
      .innerJoin(orgUnit, eq(orgUnit.id, assessment.orgUnitId))
      .leftJoin(district, eq(district.id, orgUnit.parentId))
      .where(and(eq(assessment.campaignId, campaignId), sql`${orgUnit.path} like ${`${scopePath}%`}`));
  },

  /**
   * Answered items per assessment as three parallel arrays: one row per team instead of one per item
   * (21 rows rather than ~3,700 for the city), which is what keeps the dashboard fast on PGlite.
   */
  async itemAnswers(tx: DbOrTx, assessmentIds: readonly string[]): Promise<ItemAnswersRow[]> {
    if (assessmentIds.length === 0) return [];
    return rowsOf<ItemAnswersRow>(
      await tx.execute(sql`
        select i.assessment_id, array_agg(i.node_code) as codes, array_agg(i.result) as results, array_agg(i.score) as scores
        from assessment_item i
        where i.assessment_id in (${sql.join(assessmentIds.map((id) => sql`${id}`), sql`, `)}) and i.result is not null
        group by i.assessment_id`),
    );
  },

  /** Open (not yet verified) rectification tasks per team. */
  async openRectificationCounts(tx: DbOrTx, campaignId: string): Promise<Map<string, number>> {
    const rows = rowsOf<{ org_unit_id: string; n: number }>(
      await tx.execute(sql`
        select r.org_unit_id, count(*)::int as n from rectification_task r join assessment a on a.id = r.assessment_id
        where a.campaign_id = ${campaignId} and r.status <> 'verified' group by r.org_unit_id`),
    );
    return new Map(rows.map((r) => [r.org_unit_id, Number(r.n)]));
  },

  rectifications(tx: DbOrTx, campaignId: string, scopePath: string) {
    return tx
      .select({
        orgUnitId: rectificationTask.orgUnitId,
        teamName: sql<string>`coalesce(${orgUnit.shortName}, ${orgUnit.name})`,
        nodeCode: rectificationTask.nodeCode,
        title: rectificationTask.title,
        ownerName: appUser.displayName,
        dueDate: rectificationTask.dueDate,
        status: rectificationTask.status,
      })
      .from(rectificationTask)
      .innerJoin(assessment, eq(assessment.id, rectificationTask.assessmentId))
      .innerJoin(orgUnit, eq(orgUnit.id, rectificationTask.orgUnitId))
      .leftJoin(appUser, eq(appUser.id, rectificationTask.ownerUserId))
      .where(and(eq(assessment.campaignId, campaignId), sql`${orgUnit.path} like ${`${scopePath}%`}`))
      .orderBy(asc(rectificationTask.dueDate), asc(rectificationTask.nodeCode));
  },

  // ---- targets
  listTargets(tx: DbOrTx, campaignId: string) {
    return tx
      .select({ target, unitName: targetUnit.name, unitPath: targetUnit.path })
      .from(target)
      .innerJoin(targetUnit, eq(targetUnit.id, target.orgUnitId))
      .where(eq(target.campaignId, campaignId))
      .orderBy(asc(target.dueDate), asc(target.title));
  },
  async findTarget(tx: DbOrTx, id: string) {
    return (
      await tx
        .select({ target, unitName: targetUnit.name, unitPath: targetUnit.path })
        .from(target)
        .innerJoin(targetUnit, eq(targetUnit.id, target.orgUnitId))
        .where(eq(target.id, id))
    )[0];
  },
  async insertTarget(tx: DbOrTx, row: TargetRow) {
    await tx.insert(target).values(row);
  },
  async updateTargetVersioned(tx: DbOrTx, id: string, version: number, patch: Partial<TargetRow>) {
    return (
      await tx
        .update(target)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(target.id, id), eq(target.version, version)))
        .returning()
    )[0];
  },
  async deleteTarget(tx: DbOrTx, id: string) {
    await tx.delete(target).where(eq(target.id, id));
  },
  async countTeamsUnder(tx: DbOrTx, campaignId: string, path: string): Promise<number> {
    const r = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(assessment)
      .innerJoin(orgUnit, eq(orgUnit.id, assessment.orgUnitId))
      .where(and(eq(assessment.campaignId, campaignId), sql`${orgUnit.path} like ${`${path}%`}`));
    return Number(r[0]?.n ?? 0);
  },

  // ---- snapshots
  async upsertSnapshots(tx: DbOrTx, rows: SnapshotRow[]) {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(teamSnapshot)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [teamSnapshot.campaignId, teamSnapshot.orgUnitId, teamSnapshot.day],
          set: { status: sql`excluded.status`, pct: sql`excluded.pct`, grade: sql`excluded.grade`, aspectPcts: sql`excluded.aspect_pcts` },
        });
    }
  },
  /** Snapshots of a campaign that hold a percentage for any of these aspects. */
  async snapshotsWithAspects(tx: DbOrTx, campaignId: string, aspectCodes: readonly string[]): Promise<{ orgUnitId: string; day: string; aspectPcts: Record<string, number> }[]> {
    if (aspectCodes.length === 0) return [];
    const any = sql.join(aspectCodes.map((c) => sql`(s.aspect_pcts -> ${c}) is not null`), sql` or `);
    const rows = rowsOf<{ org_unit_id: string; day: string; aspect_pcts: Record<string, number> }>(
      await tx.execute(sql`select s.org_unit_id, s.day::text as day, s.aspect_pcts from team_snapshot s where s.campaign_id = ${campaignId} and (${any})`),
    );
    return rows.map((r) => ({ orgUnitId: r.org_unit_id, day: r.day, aspectPcts: r.aspect_pcts }));
  },
  /** Replaces the aspect percentages of these snapshot rows (one statement per 1,000 rows). */
  async setSnapshotAspects(tx: DbOrTx, campaignId: string, rows: readonly { orgUnitId: string; day: string; aspectPcts: Record<string, number> }[]) {
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = JSON.stringify(rows.slice(i, i + 1000).map((r) => ({ org_unit_id: r.orgUnitId, day: r.day, pcts: r.aspectPcts })));
      await tx.execute(sql`
        update team_snapshot s set aspect_pcts = v.pcts
        from jsonb_to_recordset(${batch}::jsonb) as v(org_unit_id uuid, day date, pcts jsonb)
        where s.campaign_id = ${campaignId} and s.org_unit_id = v.org_unit_id and s.day = v.day`);
    }
  },
  async hasSnapshot(tx: DbOrTx, campaignId: string, day: string): Promise<boolean> {
    const r = await tx.select({ one: sql`1` }).from(teamSnapshot).where(and(eq(teamSnapshot.campaignId, campaignId), eq(teamSnapshot.day, day))).limit(1);
    return r.length > 0;
  },

  /**
   * Burn-up per day (aggregated in the database: one row per day). `teamIds` null: every team of the campaign
   * (no join needed); otherwise the teams of the scope.
   */
  async burnUp(tx: DbOrTx, campaignId: string, teamIds: readonly string[] | null, days: { before?: string; on?: string }) {
    if (teamIds && teamIds.length === 0) return [];
    const only = teamIds ? sql`and s.org_unit_id in (${sql.join(teamIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
    const rows = rowsOf<{ day: string; pass: number; basic_pass: number; accepted: number; avg_pct: number }>(
      await tx.execute(sql`
        select s.day::text as day,
               count(*) filter (where s.grade = 'pass')::int as pass,
               count(*) filter (where s.grade = 'basic_pass')::int as basic_pass,
               count(*) filter (where s.status = 'accepted')::int as accepted,
               avg(s.pct)::float8 as avg_pct
        from team_snapshot s
        where s.campaign_id = ${campaignId} ${only} ${days.before ? sql`and s.day < ${days.before}::date` : sql``} ${days.on ? sql`and s.day = ${days.on}::date` : sql``}
        group by s.day order by s.day`),
    );
    return rows.map((r) => ({ day: r.day, pass: Number(r.pass), basicPass: Number(r.basic_pass), accepted: Number(r.accepted), avgPct: Math.round(Number(r.avg_pct) * 10) / 10 }));
  },

  /**
   * Daily count of teams meeting each target (the rule of `meetsTarget`, in SQL) over the forecast window, or
   * the window before the due date for targets already due. The teams of each target are resolved first
   * (a few dozen rows), so the snapshot rows are reached through the primary key (campaign, team, day).
   */
  async targetSeries(tx: DbOrTx, campaignId: string, fromDay: string, windowDays: number, beforeDay: string) {
    const rows = rowsOf<{ target_id: string; day: string; n: number }>(
      await tx.execute(sql`
        with tt as (
          select t.id, t.aspect_code, t.aspect_min_pct, least(${fromDay}::date, t.due_date - ${windowDays}::int) as since, a.org_unit_id
          from target t
          join org_unit tu on tu.id = t.org_unit_id
          join assessment a on a.campaign_id = t.campaign_id
          join org_unit u on u.id = a.org_unit_id
          where t.campaign_id = ${campaignId} and starts_with(u.path, tu.path)
        )
        select tt.id as target_id, s.day::text as day,
               count(*) filter (where s.status = 'accepted' and case when tt.aspect_code is null then s.grade = 'pass'
                 else coalesce((s.aspect_pcts ->> tt.aspect_code)::float8, -1) >= coalesce(tt.aspect_min_pct, 100) end)::int as n
        from tt join team_snapshot s on s.campaign_id = ${campaignId} and s.org_unit_id = tt.org_unit_id and s.day > tt.since and s.day < ${beforeDay}::date
        group by tt.id, s.day`),
    );
    const out = new Map<string, { day: string; count: number }[]>();
    for (const r of rows) {
      const list = out.get(r.target_id) ?? [];
      list.push({ day: r.day, count: Number(r.n) });
      out.set(r.target_id, list);
    }
    return out;
  },

  // ---- report jobs
  async insertJob(tx: DbOrTx, row: ReportJobRow) {
    await tx.insert(reportJob).values(row);
  },
  async findJob(tx: DbOrTx, id: string) {
    return (await tx.select({ job: reportJob, unitPath: orgUnit.path }).from(reportJob).innerJoin(orgUnit, eq(orgUnit.id, reportJob.orgUnitId)).where(eq(reportJob.id, id)))[0];
  },
  async updateJob(tx: DbOrTx, id: string, patch: Partial<ReportJobRow>) {
    await tx.update(reportJob).set(patch).where(eq(reportJob.id, id));
  },
};
