import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit';
import { catalogRepository } from '../catalog';
import { isOverdue, teamCatalog, type Grade, type ItemResult, type RectificationState } from '../assessment';
import { dayNumber, dayString, forecastTarget, type CountPoint } from './domain/forecast';
import {
  bucketBurnUp,
  byAspect,
  byDistrict,
  countNow,
  gapList,
  indexCatalog,
  meetsTarget,
  ranking,
  shanghaiDay,
  teamState,
  type CatalogIndex,
  type ItemAnswer,
  type TeamState,
} from './domain/rollup';
import { progressRepository, type ItemAnswersRow, type TargetRow, type TeamAssessmentRow } from './progress.repository';
import { writeReportFiles, type ReportData } from './progress.report';
import { bumpSnapshots, cachedByStamp, cachedHistory } from './progress.cache';

interface Deps {
  database: Database;
  clock: Clock;
  config: Pick<Config, 'dataDir'>;
}

/** Forecast window (days of history the trend line is fitted to). */
export const FORECAST_WINDOW_DAYS = 90;

type Campaign = NonNullable<Awaited<ReturnType<typeof progressRepository.findCampaign>>>;
type TargetWithUnit = { target: TargetRow; unitName: string; unitPath: string };

const canManage = (actor: Actor) => actor.permissions.has('progress.manage');
/** A target is visible when its scope unit is in the caller's subtree, or above it (read-only). */
const targetVisible = (actor: Actor, unitPath: string) => inScope(actor, unitPath) || actor.scopePath.startsWith(unitPath);
const targetActions = (actor: Actor, unitPath: string) => (canManage(actor) && inScope(actor, unitPath) ? ['update', 'delete'] : []);

export type TargetRelation = 'this' | 'above' | 'within';

/** Published catalog versions are immutable (a database trigger enforces it): their index is cached. */
const catalogCache = new Map<string, CatalogIndex>();

async function loadCatalog(tx: DbOrTx, c: Pick<Campaign, 'versionId' | 'versionStatus'>): Promise<CatalogIndex> {
  const hit = catalogCache.get(c.versionId);
  if (hit) return hit;
  const index = indexCatalog(await catalogRepository.nodesOf(tx, c.versionId));
  if (c.versionStatus !== 'draft') catalogCache.set(c.versionId, index);
  return index;
}

function answersOf(rows: readonly ItemAnswersRow[]): Map<string, Map<string, ItemAnswer>> {
  const out = new Map<string, Map<string, ItemAnswer>>();
  for (const r of rows) {
    const m = new Map<string, ItemAnswer>();
    for (let i = 0; i < r.codes.length; i++) {
      const s = r.scores[i];
      m.set(r.codes[i]!, { result: (r.results[i] ?? null) as ItemResult | null, score: s === null || s === undefined ? null : Number(s) });
    }
    out.set(r.assessment_id, m);
  }
  return out;
}

function statesOf(catalog: CatalogIndex, c: Campaign, teams: readonly TeamAssessmentRow[], answers: Map<string, Map<string, ItemAnswer>>, openRect: Map<string, number>): TeamState[] {
  const rule = { passPct: c.passPct, basicPct: c.basicPct };
  const none = new Map<string, ItemAnswer>();
  return teams.map((t) =>
    teamState(
      catalog,
      rule,
      { id: t.orgUnitId, name: t.name, districtId: t.districtId, districtName: t.districtName ?? '' },
      { status: t.status, pct: t.pct, grade: t.grade },
      answers.get(t.assessmentId) ?? none,
      openRect.get(t.orgUnitId) ?? 0,
    ),
  );
}

/** Snapshot of every team of a campaign for `day` (upsert: one row per campaign × team × day). */
async function snapshotCampaign(database: Database, clock: Clock, campaignId: string, day: string, auditBy?: AuditActor) {
  const { db } = database;
  const c = await progressRepository.findCampaign(db, campaignId);
  if (!c) throw notFound('progress.campaign_not_found', 'Campaign not found');
  const [catalog, teams] = await Promise.all([loadCatalog(db, c), progressRepository.teamAssessments(db, c.id, '/')]);
  const items = await progressRepository.itemAnswers(db, teams.map((t) => t.assessmentId));
  const states = statesOf(catalog, c, teams, answersOf(items), new Map());
  const rows = states.map((s) => ({ campaignId: c.id, orgUnitId: s.team.id, day, status: s.status, pct: s.pct, grade: s.grade, aspectPcts: s.aspectPcts, isDemo: c.isDemo }));
  const counts = countNow(states);
  await db.transaction(async (tx) => {
    await progressRepository.upsertSnapshots(tx, rows);
    if (auditBy) {
      await recordAudit(tx, clock, auditBy, { action: 'progress.snapshot.take', entityType: 'campaign', entityId: c.id, orgUnitId: c.orgUnitId, after: { day, teams: rows.length, ...counts } });
    }
  });
  bumpSnapshots(db, c.id);
  return { campaignId: c.id, day, teams: rows.length, pass: counts.pass, basicPass: counts.basicPass, fail: counts.fail, notAccepted: counts.notAccepted };
}

/** For the scheduler (main.ts) and the CLI: not audited (a routine daily job, like a backup). */
export const takeSnapshots = (database: Database, clock: Clock, campaignId: string, day: string) => snapshotCampaign(database, clock, campaignId, day);

/** Takes today's snapshot (Asia/Shanghai) of every active campaign that has none yet. */
export async function takeMissingSnapshots(database: Database, clock: Clock): Promise<string[]> {
  const day = shanghaiDay(clock.now());
  const done: string[] = [];
  for (const id of await progressRepository.activeCampaignIds(database.db)) {
    if (await progressRepository.hasSnapshot(database.db, id, day)) continue;
    await takeSnapshots(database, clock, id, day);
    done.push(id);
  }
  return done;
}

/**
 * Repairs daily snapshots taken while progress graded every leaf of the version, department-level items
 * included (fixed: it now grades through the assessment module's team scoring). Such a snapshot is known by
 * a percentage for an aspect that holds no team item (e.g. 1 执法部门 at 0 %): that key is removed. In an
 * aspect that mixes team and department items the department points were counted as 0 of their points, so
 * the stored percentage is scaled back by (team + department points) / team points — exact unless some team
 * item of that aspect was 不适用 that day (the denominator of that day is not stored). Snapshots without the
 * mark are left alone, so a second run changes nothing. Audited, one record per campaign repaired.
 */
export async function repairSnapshotAspects(database: Database, clock: Clock): Promise<{ campaigns: number; rows: number }> {
  const { db } = database;
  let campaigns = 0;
  let total = 0;
  for (const c of await progressRepository.allCampaigns(db)) {
    const nodes = await catalogRepository.nodesOf(db, c.versionId);
    const team = teamCatalog(nodes);
    // What the old path graded: every leaf, as if it applied to teams.
    const old = teamCatalog(nodes.map((n) => ({ ...n, appliesTo: 'team' })));
    const teamAspects = new Set(team.aspects.map((a) => a.code));
    const drop = old.aspects.map((a) => a.code).filter((code) => !teamAspects.has(code));
    if (drop.length === 0) continue;
    const factors = new Map<string, number>();
    for (const a of team.aspects) {
      const t = team.items.filter((i) => i.aspectCode === a.code).reduce((sum, i) => sum + i.points, 0);
      const all = old.items.filter((i) => i.aspectCode === a.code).reduce((sum, i) => sum + i.points, 0);
      if (t > 0 && all > t) factors.set(a.code, all / t);
    }
    const rows = await progressRepository.snapshotsWithAspects(db, c.id, drop);
    if (rows.length === 0) continue;
    const fixed = rows.map((r) => {
      const pcts: Record<string, number> = {};
      for (const [k, v] of Object.entries(r.aspectPcts)) {
        if (drop.includes(k)) continue;
        const f = factors.get(k);
        pcts[k] = f === undefined ? v : Math.min(100, Math.round(v * f * 100) / 100);
      }
      return { orgUnitId: r.orgUnitId, day: r.day, aspectPcts: pcts };
    });
    await db.transaction(async (tx) => {
      await progressRepository.setSnapshotAspects(tx, c.id, fixed);
      await recordAudit(tx, clock, SYSTEM_ACTOR, {
        action: 'progress.snapshot.repair',
        entityType: 'campaign',
        entityId: c.id,
        orgUnitId: c.orgUnitId,
        after: { rows: fixed.length, removedAspects: drop, rescaled: Object.fromEntries(factors), reason: 'snapshots graded department-level items as a team’s' },
      });
    });
    bumpSnapshots(db, c.id);
    campaigns++;
    total += fixed.length;
  }
  return { campaigns, rows: total };
}

export function createProgressService({ database, clock, config }: Deps) {
  const { db } = database;
  const running = new Set<Promise<void>>();

  async function loadCampaign(id: string): Promise<Campaign> {
    const c = await progressRepository.findCampaign(db, id);
    if (!c) throw notFound('progress.campaign_not_found', 'Campaign not found');
    return c;
  }

  function targetOut(actor: Actor, t: TargetWithUnit, teams: readonly { path: string }[]) {
    const r = t.target;
    return {
      id: r.id,
      campaignId: r.campaignId,
      orgUnitId: r.orgUnitId,
      orgUnitName: t.unitName,
      title: r.title,
      dueDate: r.dueDate,
      requiredCount: r.requiredCount,
      ofCount: teams.filter((x) => x.path.startsWith(t.unitPath)).length,
      aspectCode: r.aspectCode,
      aspectMinPct: r.aspectMinPct,
      isDemo: r.isDemo,
      version: r.version,
      actions: targetActions(actor, t.unitPath),
    };
  }

  async function checkTarget(c: Campaign, unitPath: string, t: { requiredCount: number; aspectCode: string | null; aspectMinPct: number | null }) {
    const of = await progressRepository.countTeamsUnder(db, c.id, unitPath);
    if (t.requiredCount > of) {
      throw badRequest('progress.required_exceeds_teams', `The scope has ${of} team(s) in this campaign; ${t.requiredCount} cannot be required`, { issues: [{ field: 'requiredCount', message: `The scope has ${of} team(s) in this campaign; ${t.requiredCount} cannot be required`, code: 'required_exceeds_teams', params: { max: of, required: t.requiredCount } }], max: of });
    }
    if ((t.aspectCode === null) !== (t.aspectMinPct === null)) {
      throw badRequest('progress.aspect_incomplete', 'An aspect target needs both aspectCode and aspectMinPct', { issues: [{ field: t.aspectCode === null ? 'aspectCode' : 'aspectMinPct', message: 'An aspect target needs both aspectCode and aspectMinPct', code: 'aspect_target_incomplete' }] });
    }
    if (t.aspectCode !== null) {
      const catalog = await loadCatalog(db, c);
      if (!catalog.aspects.some((a) => a.code === t.aspectCode)) {
        throw badRequest('progress.unknown_aspect', `No aspect ${t.aspectCode} in version ${c.versionLabel}`, { issues: [{ field: 'aspectCode', message: `No aspect ${t.aspectCode} in version ${c.versionLabel}`, code: 'aspect_unknown', params: { aspect: t.aspectCode, version: c.versionLabel } }], aspects: catalog.aspects.map((a) => a.code) });
      }
    }
  }

  async function loadManagedTarget(actor: Actor, id: string): Promise<TargetWithUnit> {
    const t = await progressRepository.findTarget(db, id);
    if (!t || !targetVisible(actor, t.unitPath)) throw notFound('progress.target_not_found', 'Target not found');
    if (!canManage(actor) || !inScope(actor, t.unitPath)) throw forbidden('auth.forbidden', 'This target is set by a higher level');
    return t;
  }

  /**
   * Everything the dashboard and the meeting report show, for the campaign's teams under a scope unit.
   * Queries: one per table, aggregated in the database where rows would be many (items, snapshots).
   */
  async function view(actor: Actor, campaignId: string, scopeId?: string) {
    const scope = await progressRepository.findUnit(db, scopeId ?? actor.orgUnitId);
    if (!scope || !inScope(actor, scope.path)) throw notFound('progress.scope_not_found', 'Scope unit not found');
    const c = await loadCampaign(campaignId);
    const today = shanghaiDay(clock.now());
    const fromDay = dayString(dayNumber(today) - FORECAST_WINDOW_DAYS);
    const [catalog, allTeams, targetRows, openRect] = await Promise.all([
      loadCatalog(db, c),
      progressRepository.teamAssessments(db, c.id, '/'),
      progressRepository.listTargets(db, c.id),
      progressRepository.openRectificationCounts(db, c.id),
    ]);
    const scopeTeams = allTeams.filter((t) => t.path.startsWith(scope.path));
    // Targets shown: visible to the caller and overlapping the scope (set above it, or inside it).
    const targets = targetRows.filter((t) => targetVisible(actor, t.unitPath) && (scope.path.startsWith(t.unitPath) || t.unitPath.startsWith(scope.path)));
    // Items are read for the widest subtree needed: the scope, or a target's unit above it (aspect targets).
    const widest = targets.filter((t) => t.target.aspectCode !== null && scope.path.startsWith(t.unitPath)).reduce((p, t) => (t.unitPath.length < p.length ? t.unitPath : p), scope.path);
    const loaded = allTeams.filter((t) => t.path.startsWith(widest));
    const burnTeams = scopeTeams.length === allTeams.length ? null : scopeTeams.map((t) => t.orgUnitId);
    // History before today is cached (see progress.cache.ts); today's snapshot rows are read live.
    const targetKey = `series|${today}|${targetRows.map((t) => `${t.target.id}:${t.target.version}`).join(',')}`;
    const [answers, burnPast, burnToday, series] = await Promise.all([
      // Answered items are the dashboard's largest read (one row per item); they are kept per assessment while
      // its row is unchanged (its xmin, read with the teams above), so only assessments written since are read.
      cachedByStamp(db, 'answers', loaded.map((t) => ({ key: t.assessmentId, stamp: t.answersStamp })), async (ids) => {
        const read = answersOf(await progressRepository.itemAnswers(db, ids));
        // An assessment with no answered item yet has no row: it is cached as empty, under its stamp too.
        return new Map(ids.map((id) => [id, read.get(id) ?? new Map<string, ItemAnswer>()]));
      }),
      cachedHistory(db, c.id, `burn|${today}|${scope.path}`, () => progressRepository.burnUp(db, c.id, burnTeams, { before: today })),
      progressRepository.burnUp(db, c.id, burnTeams, { on: today }),
      targetRows.length ? cachedHistory(db, c.id, targetKey, () => progressRepository.targetSeries(db, c.id, fromDay, FORECAST_WINDOW_DAYS, today)) : new Map<string, CountPoint[]>(),
    ]);
    const burn = [...burnPast, ...burnToday];
    const loadedStates = statesOf(catalog, c, loaded, answers, openRect);
    const states = loadedStates.filter((s, i) => loaded[i]!.path.startsWith(scope.path));
    const paths = new Map(allTeams.map((t) => [t.orgUnitId, t.path]));
    // Grade targets need official grades only, which every team row has.
    const gradeOnly = (t: TeamAssessmentRow) => ({ status: t.status, grade: t.grade, aspectPcts: {} as Record<string, number> });

    // Where the target sits relative to the scope viewed: its own, set above it (e.g. the city's, seen by a
    // team), or set for a unit inside it. Its count is always the target unit's, never the scope's.
    const relation = (unitPath: string): TargetRelation => (unitPath === scope.path ? 'this' : scope.path.startsWith(unitPath) ? 'above' : 'within');
    const targetsOut = targets.map((t) => {
      const counted =
        t.target.aspectCode === null
          ? allTeams.filter((x) => x.path.startsWith(t.unitPath) && meetsTarget(gradeOnly(x), t.target)).length
          : loadedStates.filter((s) => (paths.get(s.team.id) ?? '').startsWith(t.unitPath) && meetsTarget(s, t.target)).length;
      // The live count stands for today in the series, so "current" is never a day old.
      const points: CountPoint[] = [...(series.get(t.target.id) ?? []).filter((p) => p.day !== today), { day: today, count: counted }];
      const forecast = forecastTarget(points, { dueDate: t.target.dueDate, required: t.target.requiredCount }, today, { windowDays: FORECAST_WINDOW_DAYS });
      return { ...targetOut(actor, t, allTeams), relation: relation(t.unitPath), current: counted, forecast };
    });
    const burnUp = bucketBurnUp(burn);
    return {
      c,
      catalog,
      states,
      scope,
      today,
      out: {
        campaign: { id: c.id, name: c.name, versionLabel: c.versionLabel, passPct: c.passPct, basicPct: c.basicPct },
        scope: { id: scope.id, name: scope.name },
        today,
        now: countNow(states),
        targets: targetsOut,
        burnUp,
        burnUpBucket: burnUp.length < burn.length ? 'week' : 'day',
        byDistrict: byDistrict(states),
        byAspect: byAspect(states, catalog.aspects, c.passPct),
        gaps: gapList(states),
        ranking: ranking(states),
        actions: canManage(actor) ? ['snapshot', 'report', 'createTarget'] : [],
      },
    };
  }

  async function runReport(jobId: string, actor: Actor, campaignId: string) {
    const update = (patch: Parameters<typeof progressRepository.updateJob>[2]) => progressRepository.updateJob(db, jobId, patch);
    try {
      await update({ status: 'running', progress: 5, message: '读取数据' });
      const v = await view(actor, campaignId);
      const rects = await progressRepository.rectifications(db, campaignId, v.scope.path);
      const data: ReportData = {
        ...v.out,
        generatedAt: clock.now(),
        teams: v.states.map((s) => ({
          name: s.team.name,
          districtName: s.team.districtName,
          status: s.status,
          pct: s.pct,
          grade: s.grade,
          failingCount: s.failing.length,
          aspectPcts: s.aspectPcts,
        })),
        rectifications: rects.map((r) => ({
          ...r,
          itemTitle: v.catalog.byCode.get(r.nodeCode)?.title ?? r.nodeCode,
          overdue: isOverdue({ status: r.status as RectificationState, dueDate: r.dueDate }, v.today),
        })),
      };
      await update({ progress: 20, message: '生成 Excel' });
      const dir = path.join(config.dataDir, 'reports', jobId);
      const files = await writeReportFiles(data, dir, async (progress, message) => update({ progress, message }));
      await update({ status: 'done', progress: 100, message: '完成', files, finishedAt: clock.now() });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await update({ status: 'failed', message: message.slice(0, 500), finishedAt: clock.now() }).catch(() => undefined);
    }
  }

  async function loadJob(actor: Actor, id: string) {
    const j = await progressRepository.findJob(db, id);
    if (!j || !inScope(actor, j.unitPath)) throw notFound('progress.report_not_found', 'Report not found');
    return j.job;
  }

  return {
    async listTargets(actor: Actor, campaignId: string) {
      await loadCampaign(campaignId);
      const [rows, teams] = await Promise.all([progressRepository.listTargets(db, campaignId), progressRepository.teamAssessments(db, campaignId, '/')]);
      return {
        items: rows.filter((t) => targetVisible(actor, t.unitPath)).map((t) => targetOut(actor, t, teams)),
        actions: canManage(actor) ? ['create'] : [],
      };
    },

    async createTarget(actor: Actor, body: { campaignId: string; orgUnitId: string; title: string; dueDate: string; requiredCount: number; aspectCode?: string | null | undefined; aspectMinPct?: number | null | undefined }) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only the bureau sets targets');
      const c = await loadCampaign(body.campaignId);
      const unit = await progressRepository.findUnit(db, body.orgUnitId);
      if (!unit || !inScope(actor, unit.path)) throw notFound('progress.unit_not_found', 'Scope unit not found');
      const rule = { requiredCount: body.requiredCount, aspectCode: body.aspectCode ?? null, aspectMinPct: body.aspectMinPct ?? null };
      await checkTarget(c, unit.path, rule);
      const row: TargetRow = { id: newId(), campaignId: c.id, orgUnitId: unit.id, title: body.title, dueDate: body.dueDate, ...rule, isDemo: false, createdAt: clock.now(), version: 1 };
      await db.transaction(async (tx) => {
        await progressRepository.insertTarget(tx, row);
        await recordAudit(tx, clock, actor, { action: 'progress.target.create', entityType: 'target', entityId: row.id, orgUnitId: unit.id, after: row });
      });
      const teams = await progressRepository.teamAssessments(db, c.id, unit.path);
      return targetOut(actor, { target: row, unitName: unit.name, unitPath: unit.path }, teams);
    },

    async updateTarget(actor: Actor, id: string, body: { version: number; title?: string | undefined; dueDate?: string | undefined; requiredCount?: number | undefined; aspectCode?: string | null | undefined; aspectMinPct?: number | null | undefined }) {
      const t = await loadManagedTarget(actor, id);
      const c = await loadCampaign(t.target.campaignId);
      const { version, ...fields } = body;
      const patch: Partial<TargetRow> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const next = { ...t.target, ...patch };
      await checkTarget(c, t.unitPath, next);
      const updated = await db.transaction(async (tx) => {
        const u = await progressRepository.updateTargetVersioned(tx, id, version, patch);
        if (!u) throw conflict('conflict.stale_version', `Target was changed by someone else (your version ${version}, current ${t.target.version}); reload and retry`, { currentVersion: t.target.version });
        await recordAudit(tx, clock, actor, { action: 'progress.target.update', entityType: 'target', entityId: id, orgUnitId: t.target.orgUnitId, before: t.target, after: u });
        return u;
      });
      const teams = await progressRepository.teamAssessments(db, c.id, t.unitPath);
      return targetOut(actor, { ...t, target: updated }, teams);
    },

    async deleteTarget(actor: Actor, id: string) {
      const t = await loadManagedTarget(actor, id);
      await db.transaction(async (tx) => {
        await progressRepository.deleteTarget(tx, id);
        await recordAudit(tx, clock, actor, { action: 'progress.target.delete', entityType: 'target', entityId: id, orgUnitId: t.target.orgUnitId, before: t.target });
      });
    },

    async snapshot(actor: Actor, body: { campaignId: string; day?: string | undefined }) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only the bureau takes snapshots on demand');
      const today = shanghaiDay(clock.now());
      const day = body.day ?? today;
      if (day > today) throw badRequest('progress.future_day', `A snapshot records the state as of now; ${day} is after today (${today})`, { issues: [{ field: 'day', message: `A snapshot records the state as of now; ${day} is after today (${today})`, code: 'snapshot_future_day', params: { day, today } }] });
      return snapshotCampaign(database, clock, body.campaignId, day, actor);
    },

    dashboard: async (actor: Actor, q: { campaignId: string; scopeId?: string | undefined }) => (await view(actor, q.campaignId, q.scopeId)).out,

    async requestReport(actor: Actor, body: { campaignId: string }) {
      if (!canManage(actor)) throw forbidden('auth.forbidden', 'Only the bureau prepares meeting reports');
      const c = await loadCampaign(body.campaignId);
      const id = newId();
      await db.transaction(async (tx) => {
        await progressRepository.insertJob(tx, { id, campaignId: c.id, orgUnitId: actor.orgUnitId, status: 'queued', progress: 0, message: null, files: null, requestedBy: actor.userId, createdAt: clock.now(), finishedAt: null });
        await recordAudit(tx, clock, actor, { action: 'progress.report.request', entityType: 'report_job', entityId: id, orgUnitId: actor.orgUnitId, after: { campaignId: c.id, campaign: c.name } });
      });
      // In the background, in this process; the page polls GET /reports/:id. One report at a time: on
      // PGlite (one connection) its queries simply queue behind the requests being served.
      const p = Promise.all([...running]).then(() => runReport(id, actor, c.id));
      running.add(p);
      void p.finally(() => running.delete(p));
      return { id };
    },

    async getReport(actor: Actor, id: string) {
      const j = await loadJob(actor, id);
      return {
        id: j.id,
        campaignId: j.campaignId,
        status: j.status,
        progress: j.progress,
        message: j.message,
        files: { xlsx: j.files?.xlsx ? `/api/progress/reports/${j.id}/report.xlsx` : null, pdf: j.files?.pdf ? `/api/progress/reports/${j.id}/report.pdf` : null },
        createdAt: j.createdAt.toISOString(),
        finishedAt: j.finishedAt?.toISOString() ?? null,
      };
    },

    async reportFile(actor: Actor, id: string, kind: 'xlsx' | 'pdf') {
      const j = await loadJob(actor, id);
      const name = j.files?.[kind];
      if (j.status !== 'done' || !name) throw notFound('progress.report_not_ready', 'The report is not ready (or failed)');
      const file = path.join(config.dataDir, 'reports', j.id, name);
      if (!fs.existsSync(file)) throw notFound('progress.report_file_missing', 'The report file is no longer on disk; generate it again');
      return { fileName: name, data: await fs.promises.readFile(file) };
    },

    /** Waits for background report jobs (called when the app closes). */
    async drain() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
export type ProgressService = ReturnType<typeof createProgressService>;
export type { Grade };
