import { Readable } from 'node:stream';
import path from 'node:path';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { BlobCorruptedError, BlobMissingError, BlobTooLargeError, EVIDENCE_TYPES, sniffMatches, type BlobStore } from '../../platform/blob-store';
import type { Static } from 'typebox';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { aspectOf, catalogRepository, leaves, type NodeRow } from '../catalog';
import { gradingRuleIssues, ruleScore, scoreProblem, type Grade, type GradeResult, type ItemResult, type ScoredItem } from './domain/scoring';
import { answerMap, appliesToTeams, gradeTeam, teamCatalog } from './domain/team-scoring';
import { availableActions, isOverdue, itemsEditable, rectificationActions, rectificationTransition, transition, type AssessmentAction, type AssessmentState, type RectificationAction, type RectificationState } from './domain/workflow';
import { canReadAssessment, levelsFor, rectificationRoles } from './assessment.policy';
import type { AssessmentDetail, RuleTermS, CampaignCreated, CampaignDetail, CampaignList, RectificationList, RectificationMoved, RectificationOpened, ReviewCommentSaved, SavedItem, UploadedEvidence } from './assessment.schemas';
import { assessmentRepository, type AssessmentRow, type AssessmentWithUnit, type CampaignRow, type ItemRow, type RectificationRow } from './assessment.repository';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
/** Days a rectification task gets by default when a review opens it. */
export const DEFAULT_RECTIFICATION_DAYS = 30;

/** What a computed item's rule gave for one team (supplied by the ledger module's rule evaluator). */
export interface ComputedOutcome {
  value: boolean | null;
  explanation: string;
  terms: Static<typeof RuleTermS>[];
  missing: string[];
}

export interface ComputedItemEvaluator {
  evaluate(orgUnitId: string, rules: readonly { code: string; rule: string }[]): Promise<Map<string, ComputedOutcome>>;
}

interface Deps {
  database: Database;
  clock: Clock;
  /** Where evidence files go; without it uploads and downloads answer `evidence.storage_unavailable`. */
  blobs?: BlobStore | undefined;
  /** Evaluates computed items from ledgers; without it computed items are assessed by hand. */
  computed?: ComputedItemEvaluator | undefined;
}

/** The stored record of an evaluation, shown next to the item. */
export interface ComputedRecord extends ComputedOutcome {
  result: ItemResult | null;
  evaluatedAt: string;
}

export const resultOfComputed = (value: boolean | null): ItemResult | null => (value === null ? null : value ? 'compliant' : 'non_compliant');

/** Today in Asia/Shanghai (the bureau's calendar), as YYYY-MM-DD. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Items of a version that a street team is assessed on (the same set `teamCatalog` grades). */
export const teamItems = (nodes: readonly NodeRow[]) => leaves(nodes).filter((n) => appliesToTeams(n.appliesTo));

/** A team's grade from its item rows: the one scoring path (domain/team-scoring.ts). */
export const gradeTeamItems = (nodes: readonly NodeRow[], items: readonly Pick<ItemRow, 'nodeCode' | 'result' | 'score'>[], rule: { passPct: number; basicPct: number }): GradeResult =>
  gradeTeam(teamCatalog(nodes), answerMap(items), rule);

function campaignView(c: CampaignRow, versionLabel: string, standardName: string) {
  return {
    id: c.id,
    name: c.name,
    versionId: c.versionId,
    versionLabel,
    standardName,
    startDate: c.startDate,
    dueDate: c.dueDate,
    passPct: c.passPct,
    basicPct: c.basicPct,
    status: c.status,
    isDemo: c.isDemo,
  };
}

export function createAssessmentService({ database, clock, blobs, computed }: Deps) {
  const { db } = database;

  async function loadCampaign(id: string) {
    const c = await assessmentRepository.findCampaign(db, id);
    if (!c) throw notFound('assessment.campaign_not_found', 'Campaign not found');
    return c;
  }

  async function loadAssessment(actor: Actor, id: string, tx: DbOrTx = db): Promise<AssessmentWithUnit> {
    const a = await assessmentRepository.findAssessment(tx, id);
    if (!a || !canReadAssessment(actor, a.unitPath)) throw notFound('assessment.not_found', 'Assessment not found');
    return a;
  }

  /** Recomputes and stores the live score of an assessment (inside the caller's transaction). */
  async function rescore(tx: DbOrTx, a: AssessmentRow, c: CampaignRow, nodes: readonly NodeRow[]): Promise<GradeResult> {
    const items = await assessmentRepository.itemsOf(tx, a.id);
    const g = gradeTeamItems(nodes, items, c);
    await assessmentRepository.updateAssessment(tx, a.id, {
      score: g.score,
      maxScore: g.max,
      pct: g.pct,
      // The official grade changes only through acceptance, or a verified rectification on an accepted assessment.
      ...(a.status === 'accepted' ? { grade: g.grade } : {}),
      updatedAt: clock.now(),
    });
    return g;
  }

  function itemActions(actor: Actor, a: AssessmentWithUnit): string[] {
    const levels = levelsFor(actor, a.unitPath);
    const state = a.a.status as AssessmentState;
    const out: string[] = [];
    if (levels.includes('team') && itemsEditable(state)) out.push('edit', 'upload');
    if (levels.includes('district') && state === 'submitted') out.push('commentDistrict');
    if (levels.includes('city') && state === 'district_reviewed') out.push('commentCity');
    if ((levels.includes('district') || levels.includes('city')) && state !== 'draft') out.push('openRectification');
    return out;
  }

  /**
   * Re-evaluates the computed items of one draft assessment from the team's ledgers. An item's result
   * follows its computed value unless the team overrode it with a reason. Returns the codes that changed.
   */
  async function recompute(assessmentId: string): Promise<string[]> {
    if (!computed) return [];
    const a = await assessmentRepository.findAssessment(db, assessmentId);
    if (!a || a.a.status !== 'draft') return [];
    const { c } = await loadCampaign(a.a.campaignId);
    const nodes = await catalogRepository.nodesOf(db, c.versionId);
    const items = await assessmentRepository.itemsOf(db, assessmentId);
    const codes = new Set(items.map((i) => i.nodeCode));
    const rules = nodes.filter((n) => n.method === 'computed' && n.rule && codes.has(n.code)).map((n) => ({ code: n.code, rule: n.rule! }));
    const byNode = new Map(nodes.map((n) => [n.code, n]));
    if (rules.length === 0) return [];
    const outcomes = await computed.evaluate(a.a.orgUnitId, rules);
    const now = clock.now();
    const changed: { code: string; before: unknown; after: unknown }[] = [];
    await db.transaction(async (tx) => {
      for (const item of items) {
        const o = outcomes.get(item.nodeCode);
        if (!o) continue;
        const record: ComputedRecord = { ...o, result: resultOfComputed(o.value), evaluatedAt: now.toISOString() };
        const prev = item.computed as ComputedRecord | null;
        // A value that cannot be computed (e.g. no data for a metric yet) leaves the team's own answer in place.
        const result = item.overrideReason || record.result === null ? item.result : record.result;
        if (prev && prev.value === record.value && prev.explanation === record.explanation && result === item.result) continue;
        // The score follows the result by the rule, so a flipped result never keeps a contradicting score.
        const score = result === item.result ? item.score : ruleScore(result as ItemResult | null, byNode.get(item.nodeCode)?.points ?? 0);
        await assessmentRepository.updateItem(tx, item.id, { computed: record, result, score, updatedAt: now });
        changed.push({ code: item.nodeCode, before: { result: item.result, value: prev?.value ?? null }, after: { result, value: record.value, explanation: record.explanation } });
      }
      if (changed.length) {
        const fresh = await assessmentRepository.lockAssessment(tx, assessmentId);
        if (fresh) await rescore(tx, fresh, c, nodes);
        await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'assessment.computed.recompute', entityType: 'assessment', entityId: assessmentId, orgUnitId: a.a.orgUnitId, after: { changed } });
      }
    });
    return changed.map((x) => x.code);
  }

  return {
    recompute,

    /** After a ledger change: recompute the open (draft) assessments of those teams. */
    async recomputeForUnits(orgUnitIds: readonly string[]): Promise<number> {
      let n = 0;
      for (const id of await assessmentRepository.draftAssessmentIdsOfUnits(db, orgUnitIds)) n += (await recompute(id)).length;
      return n;
    },

    async listCampaigns(actor: Actor): Promise<Static<typeof CampaignList>> {
      const [campaigns, assessments] = await Promise.all([assessmentRepository.listCampaigns(db), assessmentRepository.assessmentsInScope(db, actor.scopePath)]);
      return {
        actions: actor.permissions.has('campaign.manage') ? ['create'] : [],
        items: campaigns
          .map(({ c, versionLabel, standardName }) => {
            const mine = assessments.filter((x) => x.a.campaignId === c.id);
            const count = (s: string) => mine.filter((x) => x.a.status === s).length;
            return {
              ...campaignView(c, versionLabel, standardName),
              counts: { total: mine.length, draft: count('draft'), submitted: count('submitted'), districtReviewed: count('district_reviewed'), accepted: count('accepted') },
              passCount: mine.filter((x) => x.a.status === 'accepted' && x.a.grade === 'pass').length,
            };
          })
          .filter((c) => c.counts.total > 0 || actor.permissions.has('campaign.manage')),
      };
    },

    /** Applies a published version to the chosen teams: one assessment per team, one row per team item. */
    async createCampaign(actor: Actor, body: { name: string; versionId: string; unitIds: string[]; startDate: string; dueDate: string; passPct: number; basicPct: number }): Promise<Static<typeof CampaignCreated>> {
      if (!actor.permissions.has('campaign.manage')) throw forbidden('auth.forbidden', 'Only bureau staff run campaigns');
      const problems = gradingRuleIssues(body);
      if (problems.length) throw validationFailed('Invalid grading rule', problems);
      if (body.dueDate < body.startDate) throw validationFailed('dueDate before startDate', [{ field: 'dueDate', message: 'must not be before startDate', code: 'due_before_start' }]);
      const version = await catalogRepository.findVersion(db, body.versionId);
      if (!version) throw notFound('catalog.version_not_found', 'Standard version not found');
      if (version.status !== 'published') throw badRequest('assessment.version_not_published', 'Campaigns apply a published version only', { issues: [{ field: 'versionId', message: 'Campaigns apply a published version only', code: 'version_not_published' }] });
      const units = await assessmentRepository.unitsByIds(db, [...new Set(body.unitIds)]);
      const bad = body.unitIds.filter((id) => {
        const u = units.find((x) => x.id === id);
        return !u || u.kind !== 'team' || !u.path.startsWith(actor.scopePath);
      });
      if (bad.length || units.length === 0) throw validationFailed('Every unit must be a street team in your scope', bad.map((id) => ({ field: 'unitIds', message: `${id} is not a street team in scope`, code: 'unit_not_team_in_scope' as const, params: { id } })));
      const items = teamItems(await catalogRepository.nodesOf(db, version.id));
      const now = clock.now();
      const c: CampaignRow = { id: newId(), name: body.name, versionId: version.id, orgUnitId: actor.orgUnitId, startDate: body.startDate, dueDate: body.dueDate, passPct: body.passPct, basicPct: body.basicPct, status: 'active', isDemo: false, createdAt: now, updatedAt: now, version: 1 };
      const assessments: AssessmentRow[] = units.map((u) => ({ id: newId(), campaignId: c.id, orgUnitId: u.id, status: 'draft', score: 0, maxScore: items.reduce((s, n) => s + (n.points ?? 0), 0), pct: 0, grade: null, submittedAt: null, acceptedAt: null, isDemo: false, createdAt: now, updatedAt: now, version: 1 }));
      const itemRows: ItemRow[] = assessments.flatMap((a) =>
        items.map((n) => ({ id: newId(), assessmentId: a.id, orgUnitId: a.orgUnitId, nodeCode: n.code, result: null, score: null, comment: null, computed: null, overrideReason: null, districtComment: null, cityComment: null, updatedBy: null, updatedAt: now, version: 1 })),
      );
      await db.transaction(async (tx) => {
        await assessmentRepository.insertCampaign(tx, c);
        await assessmentRepository.insertAssessments(tx, assessments);
        await assessmentRepository.insertItems(tx, itemRows);
        await recordAudit(tx, clock, actor, { action: 'assessment.campaign.create', entityType: 'campaign', entityId: c.id, orgUnitId: actor.orgUnitId, after: { ...c, teams: units.map((u) => u.name), items: items.length } });
      });
      for (const a of assessments) await recompute(a.id);
      return { id: c.id, assessments: assessments.length, itemsPerTeam: items.length };
    },

    async getCampaign(actor: Actor, id: string): Promise<Static<typeof CampaignDetail>> {
      const { c, versionLabel, standardName } = await loadCampaign(id);
      const rows = await assessmentRepository.assessmentsInScope(db, actor.scopePath, id);
      if (rows.length === 0 && !actor.permissions.has('campaign.manage')) throw notFound('assessment.campaign_not_found', 'Campaign not found');
      const items = await assessmentRepository.itemsOfAssessments(db, rows.map((r) => r.a.id));
      return {
        ...campaignView(c, versionLabel, standardName),
        assessments: rows.map((r) => {
          const mine = items.filter((i) => i.assessmentId === r.a.id);
          return {
            id: r.a.id,
            orgUnitId: r.a.orgUnitId,
            orgUnitName: r.unitName,
            districtName: r.districtName,
            status: r.a.status as AssessmentState,
            pct: r.a.pct,
            score: r.a.score,
            maxScore: r.a.maxScore,
            grade: r.a.grade as Grade | null,
            answered: mine.filter((i) => i.result !== null).length,
            total: mine.length,
            failing: mine.filter((i) => i.result === 'non_compliant').length,
            isDemo: r.a.isDemo,
            actions: availableActions(r.a.status as AssessmentState, levelsFor(actor, r.unitPath)),
          };
        }),
      };
    },

    async getAssessment(actor: Actor, id: string): Promise<Static<typeof AssessmentDetail>> {
      const a = await loadAssessment(actor, id);
      const { c, versionLabel, standardName } = await loadCampaign(a.a.campaignId);
      const [nodes, items, events, rects] = await Promise.all([
        catalogRepository.nodesOf(db, c.versionId),
        assessmentRepository.itemsOf(db, a.a.id),
        assessmentRepository.eventsOf(db, a.a.id),
        assessmentRepository.rectificationsOf(db, a.a.id),
      ]);
      const evidence = await assessmentRepository.evidenceOfItems(db, items.map((i) => i.id));
      const grade = gradeTeamItems(nodes, items, c);
      const byCode = new Map(items.map((i) => [i.nodeCode, i]));
      const aspect = aspectOf(nodes);
      const acts = itemActions(actor, a);
      const today = shanghaiDay(clock.now());
      return {
        assessment: {
          id: a.a.id,
          campaignId: c.id,
          campaignName: c.name,
          standardName,
          versionLabel,
          orgUnitId: a.a.orgUnitId,
          orgUnitName: a.unitName,
          districtName: a.districtName,
          status: a.a.status as AssessmentState,
          grade: a.a.grade as Grade | null,
          score: grade.score,
          maxScore: grade.max,
          pct: grade.pct,
          passPct: c.passPct,
          basicPct: c.basicPct,
          version: a.a.version,
          isDemo: a.a.isDemo,
          actions: availableActions(a.a.status as AssessmentState, levelsFor(actor, a.unitPath)),
        },
        grading: grade,
        // The tree (aspects and sub-items) for grouping, and one entry per assessed item.
        nodes: nodes.map((n) => ({ code: n.code, parentCode: n.parentCode, depth: n.depth, title: n.title, isItem: byCode.has(n.code) })),
        items: nodes
          .filter((n) => byCode.has(n.code))
          .map((n) => {
            const i = byCode.get(n.code)!;
            return {
              id: i.id,
              code: n.code,
              aspectCode: aspect.get(n.code) ?? n.code,
              title: n.title,
              text: n.text,
              points: n.points ?? 0,
              method: n.method,
              rule: n.rule,
              isVeto: n.isVeto,
              evidenceExpected: n.evidence,
              guidance: n.guidance,
              result: i.result as ItemResult | null,
              score: i.score,
              comment: i.comment,
              computed: i.computed as ComputedRecord | null,
              overrideReason: i.overrideReason,
              districtComment: i.districtComment,
              cityComment: i.cityComment,
              version: i.version,
              updatedAt: i.updatedAt.toISOString(),
              evidence: evidence
                .filter((e) => e.assessmentItemId === i.id)
                .map((e) => ({ id: e.id, sha256: e.sha256, fileName: e.fileName, mimeType: e.mimeType, sizeBytes: e.sizeBytes, uploadedAt: e.uploadedAt.toISOString(), uploadedByName: e.uploadedByName, isDemo: e.isDemo })),
              rectifications: rects.filter((r) => r.assessmentItemId === i.id).map((r) => ({ id: r.id, title: r.title, status: r.status as RectificationState, dueDate: r.dueDate, overdue: isOverdue({ status: r.status as RectificationState, dueDate: r.dueDate }, today) })),
              actions: acts,
            };
          }),
        events: events.map((e) => ({ action: e.action, fromState: e.fromState, toState: e.toState, comment: e.comment, actorName: e.actorName, at: e.at.toISOString() })),
      };
    },

    /** The team records one item's result (draft only); a stale `version` is a conflict, never a lost update. */
    async saveItem(actor: Actor, assessmentId: string, code: string, body: { version: number; result?: ItemResult | null | undefined; score?: number | null | undefined; comment?: string | null | undefined; overrideReason?: string | null | undefined }): Promise<Static<typeof SavedItem>> {
      const a = await loadAssessment(actor, assessmentId);
      if (!levelsFor(actor, a.unitPath).includes('team')) throw forbidden('auth.out_of_scope', "Only the team's leader records its self-assessment");
      if (!itemsEditable(a.a.status as AssessmentState)) throw conflict('assessment.locked', `The assessment is ${a.a.status}; items can be changed only in a draft`);
      const { c } = await loadCampaign(a.a.campaignId);
      const nodes = await catalogRepository.nodesOf(db, c.versionId);
      const node = nodes.find((n) => n.code === code);
      const item = await assessmentRepository.findItem(db, assessmentId, code);
      if (!node || !item) throw notFound('assessment.item_not_found', `No item ${code} in this assessment`);
      const result = body.result === undefined ? (item.result as ItemResult | null) : body.result;
      const points = node.points ?? 0;
      // A new result without a score takes the rule's score (符合 full, 不符合 0, none otherwise): a score left
      // from an earlier answer must not contradict the new result.
      const score = body.score !== undefined ? body.score : body.result === undefined ? item.score : null;
      const problem = scoreProblem((node.method ?? 'pass_fail') as ScoredItem['method'], points, result, score);
      if (problem) {
        throw badRequest(`assessment.${problem.code}`, `Item ${code}: ${problem.message}`, { issues: [{ field: problem.field, message: problem.message, ...problem.issue }], result, score, points });
      }
      // A computed item's result follows its computed value; a different result is an override that needs a reason.
      const computedResult = (item.computed as { result?: ItemResult } | null)?.result;
      const overrideReason = body.overrideReason === undefined ? item.overrideReason : body.overrideReason;
      if (computedResult && result !== null && result !== computedResult && !overrideReason?.trim()) {
        throw validationFailed('Overriding a computed result needs a reason', [{ field: 'overrideReason', message: `computed result is ${computedResult}`, code: 'override_reason_required', params: { computed: computedResult } }]);
      }
      return db.transaction(async (tx) => {
        const updated = await assessmentRepository.updateItemVersioned(tx, item.id, body.version, {
          result,
          // Stored as the rule gives it, so what is shown is what counts.
          score: ruleScore(result, points) ?? score,
          ...(body.comment !== undefined ? { comment: body.comment } : {}),
          overrideReason: computedResult && result !== computedResult ? overrideReason : null,
          updatedBy: actor.userId,
          updatedAt: clock.now(),
        });
        if (!updated) throw conflict('conflict.stale_version', 'This item was changed by someone else; reload it', { currentVersion: item.version });
        const g = await rescore(tx, a.a, c, nodes);
        await recordAudit(tx, clock, actor, {
          action: computedResult && result !== computedResult ? 'assessment.item.override' : 'assessment.item.update',
          entityType: 'assessment_item',
          entityId: item.id,
          orgUnitId: a.a.orgUnitId,
          before: { code, result: item.result, score: item.score, comment: item.comment },
          after: { code, result: updated.result, score: updated.score, comment: updated.comment, overrideReason: updated.overrideReason },
        });
        return { code, result: updated.result as ItemResult | null, score: updated.score, comment: updated.comment, overrideReason: updated.overrideReason, version: updated.version, assessmentPct: g.pct };
      });
    },

    /** A reviewer's comment on one item, at the level that holds the assessment now. */
    async reviewComment(actor: Actor, assessmentId: string, code: string, comment: string): Promise<Static<typeof ReviewCommentSaved>> {
      const a = await loadAssessment(actor, assessmentId);
      const levels = levelsFor(actor, a.unitPath);
      const field = a.a.status === 'submitted' && levels.includes('district') ? 'districtComment' : a.a.status === 'district_reviewed' && levels.includes('city') ? 'cityComment' : null;
      if (!field) throw forbidden('assessment.wrong_level', 'Nobody at your level reviews this assessment now');
      const item = await assessmentRepository.findItem(db, assessmentId, code);
      if (!item) throw notFound('assessment.item_not_found', `No item ${code} in this assessment`);
      await db.transaction(async (tx) => {
        await assessmentRepository.updateItem(tx, item.id, { [field]: comment, updatedAt: clock.now() });
        await recordAudit(tx, clock, actor, { action: 'assessment.item.review_comment', entityType: 'assessment_item', entityId: item.id, orgUnitId: a.a.orgUnitId, before: { [field]: item[field] }, after: { [field]: comment } });
      });
      return { code, [field]: comment };
    },

    async transition(actor: Actor, assessmentId: string, action: AssessmentAction, comment: string | undefined): Promise<Static<typeof AssessmentDetail>> {
      const a = await loadAssessment(actor, assessmentId);
      const { c } = await loadCampaign(a.a.campaignId);
      const nodes = await catalogRepository.nodesOf(db, c.versionId);
      await db.transaction(async (tx) => {
        // Lock the row: two reviewers acting at once must not both succeed.
        const locked = await assessmentRepository.lockAssessment(tx, assessmentId);
        if (!locked) throw notFound('assessment.not_found', 'Assessment not found');
        const items = await assessmentRepository.itemsOf(tx, assessmentId);
        const r = transition(locked.status as AssessmentState, action, { levels: levelsFor(actor, a.unitPath), comment: comment ?? null, unanswered: items.filter((i) => i.result === null).length });
        if (!r.ok) throw new AppError(r.code === 'assessment.wrong_level' ? 403 : 409, r.code, r.message);
        const now = clock.now();
        const g = gradeTeamItems(nodes, items, c);
        await assessmentRepository.updateAssessment(tx, assessmentId, {
          status: r.to,
          score: g.score,
          maxScore: g.max,
          pct: g.pct,
          grade: r.to === 'accepted' ? g.grade : null,
          ...(action === 'submit' ? { submittedAt: now } : {}),
          ...(r.to === 'accepted' ? { acceptedAt: now } : {}),
          updatedAt: now,
          version: locked.version + 1,
        });
        await assessmentRepository.insertEvent(tx, { assessmentId, orgUnitId: a.a.orgUnitId, action, fromState: locked.status, toState: r.to, comment: comment ?? null, actorId: actor.userId, actorName: actor.displayName, at: now });
        let opened = 0;
        if (action === 'city_accept') opened = await openRectifications(tx, a, items, nodes, now);
        await recordAudit(tx, clock, actor, {
          action: `assessment.${action}`,
          entityType: 'assessment',
          entityId: assessmentId,
          orgUnitId: a.a.orgUnitId,
          before: { status: locked.status, grade: locked.grade },
          after: { status: r.to, grade: r.to === 'accepted' ? g.grade : null, pct: g.pct, comment: comment ?? null, rectificationsOpened: opened },
        });
      });
      return this.getAssessment(actor, assessmentId);
    },

    async uploadEvidence(actor: Actor, assessmentId: string, code: string, file: { filename: string; mimetype: string; file: Readable; toBuffer(): Promise<Buffer> }): Promise<Static<typeof UploadedEvidence>> {
      const a = await loadAssessment(actor, assessmentId);
      const item = await assessmentRepository.findItem(db, assessmentId, code);
      if (!item) throw notFound('assessment.item_not_found', `No item ${code} in this assessment`);
      const levels = levelsFor(actor, a.unitPath);
      const openTask = (await assessmentRepository.rectificationsOf(db, assessmentId)).some((r) => r.assessmentItemId === item.id && r.status !== 'verified');
      // Evidence goes with the self-assessment (draft) or with the work on an open rectification task.
      if (!(levels.includes('team') && (itemsEditable(a.a.status as AssessmentState) || openTask))) {
        throw forbidden('assessment.locked', 'Evidence can be added by the team while the assessment is a draft or the item is being rectified');
      }
      const ext = path.extname(file.filename).toLowerCase();
      const allowed = EVIDENCE_TYPES[file.mimetype];
      if (!allowed || !allowed.includes(ext)) {
        throw new AppError(415, 'evidence.type_not_allowed', `File type ${file.mimetype} (${ext || 'no extension'}) is not accepted; allowed: ${Object.values(EVIDENCE_TYPES).flat().join(' ')}`);
      }
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'evidence.too_large', `Evidence files are limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
        throw e;
      }
      if (data.length === 0) throw badRequest('evidence.empty', 'The file is empty');
      if (!sniffMatches(file.mimetype, data.subarray(0, 16))) throw new AppError(415, 'evidence.content_mismatch', `The file's content is not a ${file.mimetype}`);
      let stored: { sha256: string; sizeBytes: number };
      try {
        if (!blobs) throw new AppError(503, 'evidence.storage_unavailable', 'No evidence storage is configured');
        stored = await blobs.put(Readable.from([data]), MAX_EVIDENCE_BYTES);
      } catch (e) {
        if (e instanceof BlobTooLargeError) throw new AppError(413, 'evidence.too_large', `Evidence files are limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
        throw e;
      }
      const row = { id: newId(), assessmentItemId: item.id, orgUnitId: a.a.orgUnitId, sha256: stored.sha256, fileName: file.filename.slice(0, 200), mimeType: file.mimetype, sizeBytes: stored.sizeBytes, uploadedBy: actor.userId, uploadedByName: actor.displayName, uploadedAt: clock.now(), isDemo: false };
      await db.transaction(async (tx) => {
        await assessmentRepository.insertEvidence(tx, row);
        await recordAudit(tx, clock, actor, { action: 'assessment.evidence.upload', entityType: 'evidence_file', entityId: row.id, orgUnitId: a.a.orgUnitId, after: { code, fileName: row.fileName, sha256: row.sha256, sizeBytes: row.sizeBytes, mimeType: row.mimeType } });
      });
      return { ...row, uploadedAt: row.uploadedAt.toISOString() };
    },

    async readEvidence(actor: Actor, evidenceId: string) {
      const found = await assessmentRepository.findEvidence(db, evidenceId);
      if (!found || !canReadAssessment(actor, found.unitPath)) throw notFound('evidence.not_found', 'Evidence not found');
      try {
        if (!blobs) throw new AppError(503, 'evidence.storage_unavailable', 'No evidence storage is configured');
        return { meta: found.e, data: await blobs.getVerified(found.e.sha256) };
      } catch (e) {
        if (e instanceof BlobCorruptedError) throw new AppError(500, 'evidence.corrupted', `The stored file no longer matches its SHA-256 ${found.e.sha256}; it is not served`);
        if (e instanceof BlobMissingError) throw new AppError(500, 'evidence.missing', `The stored file ${found.e.sha256} is missing`);
        throw e;
      }
    },

    async listRectifications(actor: Actor, f: { campaignId?: string | undefined; status?: string | undefined }): Promise<Static<typeof RectificationList>> {
      const today = shanghaiDay(clock.now());
      const rows = await assessmentRepository.rectificationsInScope(db, actor.scopePath, f);
      return {
        today,
        items: rows.map(({ r, unitName, unitPath, ownerName, campaignId }) => ({
          id: r.id,
          assessmentId: r.assessmentId,
          campaignId,
          nodeCode: r.nodeCode,
          orgUnitId: r.orgUnitId,
          orgUnitName: unitName,
          title: r.title,
          description: r.description,
          ownerUserId: r.ownerUserId,
          ownerName,
          dueDate: r.dueDate,
          status: r.status as RectificationState,
          overdue: isOverdue({ status: r.status as RectificationState, dueDate: r.dueDate }, today),
          resolutionNote: r.resolutionNote,
          verifyNote: r.verifyNote,
          isDemo: r.isDemo,
          version: r.version,
          actions: rectificationActions(r.status as RectificationState, rectificationRoles(actor, r, unitPath)),
        })),
      };
    },

    async openRectification(actor: Actor, body: { assessmentId: string; nodeCode: string; title: string; description?: string | undefined; ownerUserId?: string | undefined; dueDate: string }): Promise<Static<typeof RectificationOpened>> {
      const a = await loadAssessment(actor, body.assessmentId);
      const levels = levelsFor(actor, a.unitPath);
      if (!levels.includes('district') && !levels.includes('city')) throw forbidden('auth.out_of_scope', 'Reviewers above the team open rectification tasks');
      const item = await assessmentRepository.findItem(db, a.a.id, body.nodeCode);
      if (!item) throw notFound('assessment.item_not_found', `No item ${body.nodeCode} in this assessment`);
      let owner = body.ownerUserId ? await assessmentRepository.findUserInUnitTree(db, body.ownerUserId) : undefined;
      if (body.ownerUserId && (!owner || !owner.path.startsWith(a.unitPath))) throw validationFailed('The owner must belong to the team', [{ field: 'ownerUserId', message: 'not a member of this team', code: 'owner_not_in_team' }]);
      if (!owner) {
        const leader = (await assessmentRepository.teamLeadersOf(db, a.a.orgUnitId))[0];
        owner = leader ? { ...leader, path: a.unitPath } : undefined;
      }
      if (body.dueDate < shanghaiDay(clock.now())) throw validationFailed('Due date in the past', [{ field: 'dueDate', message: 'must be today or later', code: 'due_date_past' }]);
      const now = clock.now();
      const row: RectificationRow = { id: newId(), assessmentId: a.a.id, assessmentItemId: item.id, nodeCode: body.nodeCode, orgUnitId: a.a.orgUnitId, title: body.title, description: body.description ?? null, ownerUserId: owner?.id ?? null, dueDate: body.dueDate, status: 'open', resolutionNote: null, verifyNote: null, isDemo: false, createdAt: now, updatedAt: now, verifiedAt: null, version: 1 };
      await db.transaction(async (tx) => {
        await assessmentRepository.insertRectifications(tx, [row]);
        await recordAudit(tx, clock, actor, { action: 'assessment.rectification.open', entityType: 'rectification_task', entityId: row.id, orgUnitId: a.a.orgUnitId, after: row });
      });
      return { id: row.id };
    },

    /**
     * Moves a task. Verifying it re-checks the item: the item becomes 符合 (full points) and the
     * assessment's score, and its official grade when already accepted, follow.
     */
    async rectificationTransition(actor: Actor, id: string, body: { action: RectificationAction; version: number; note?: string | undefined }): Promise<Static<typeof RectificationMoved>> {
      const found = await assessmentRepository.findRectification(db, id);
      if (!found || !canReadAssessment(actor, found.unitPath)) throw notFound('rectification.not_found', 'Rectification task not found');
      const { r } = found;
      const roles = rectificationRoles(actor, r, found.unitPath);
      const to = roles.map((role) => rectificationTransition(r.status as RectificationState, body.action, role)).find((x) => x !== null);
      if (!to) throw conflict('rectification.not_allowed', `You cannot ${body.action} a task that is ${r.status}`);
      if ((body.action === 'reopen' || body.action === 'submit') && !body.note?.trim()) throw validationFailed(`${body.action} needs a note`, [{ field: 'note', message: 'required', code: 'note_required' }]);
      const a = await assessmentRepository.findAssessment(db, r.assessmentId);
      const { c } = await loadCampaign(a!.a.campaignId);
      const nodes = body.action === 'verify' ? await catalogRepository.nodesOf(db, c.versionId) : [];
      await db.transaction(async (tx) => {
        const now = clock.now();
        const updated = await assessmentRepository.updateRectificationVersioned(tx, id, body.version, {
          status: to,
          ...(body.action === 'submit' ? { resolutionNote: body.note ?? null } : {}),
          ...(body.action === 'verify' || body.action === 'reopen' ? { verifyNote: body.note ?? null } : {}),
          ...(body.action === 'verify' ? { verifiedAt: now } : {}),
          updatedAt: now,
        });
        if (!updated) throw conflict('conflict.stale_version', 'The task was changed by someone else; reload it');
        if (body.action === 'verify') {
          const item = await assessmentRepository.findItemById(tx, r.assessmentItemId);
          const node = nodes.find((n) => n.code === r.nodeCode);
          if (item && node) {
            await assessmentRepository.updateItem(tx, item.id, { result: 'compliant', score: node.points, comment: `整改复查通过: ${body.note ?? r.title}`.slice(0, 2000), updatedBy: actor.userId, updatedAt: now });
            const fresh = await assessmentRepository.lockAssessment(tx, r.assessmentId);
            if (fresh) await rescore(tx, fresh, c, nodes);
          }
        }
        await recordAudit(tx, clock, actor, { action: `assessment.rectification.${body.action}`, entityType: 'rectification_task', entityId: id, orgUnitId: r.orgUnitId, before: { status: r.status }, after: { status: to, note: body.note ?? null } });
      });
      return { id, status: to };
    },
  };

  /** On acceptance, every item that is not 符合 and has no task yet gets one, owned by the team leader. */
  async function openRectifications(tx: DbOrTx, a: AssessmentWithUnit, items: readonly ItemRow[], nodes: readonly NodeRow[], now: Date): Promise<number> {
    const existing = new Set((await assessmentRepository.rectificationsOf(tx, a.a.id)).filter((r) => r.status !== 'verified').map((r) => r.assessmentItemId));
    const leader = (await assessmentRepository.teamLeadersOf(tx, a.a.orgUnitId))[0];
    const due = addDays(shanghaiDay(now), DEFAULT_RECTIFICATION_DAYS);
    const byCode = new Map(nodes.map((n) => [n.code, n]));
    const rows: RectificationRow[] = items
      .filter((i) => (i.result === 'non_compliant' || i.result === 'partially_compliant') && !existing.has(i.id))
      .map((i) => ({
        id: newId(),
        assessmentId: a.a.id,
        assessmentItemId: i.id,
        nodeCode: i.nodeCode,
        orgUnitId: a.a.orgUnitId,
        title: `整改: ${byCode.get(i.nodeCode)?.title ?? i.nodeCode}`,
        description: i.cityComment ?? i.districtComment ?? i.comment,
        ownerUserId: leader?.id ?? null,
        dueDate: due,
        status: 'open',
        resolutionNote: null,
        verifyNote: null,
        isDemo: false,
        createdAt: now,
        updatedAt: now,
        verifiedAt: null,
        version: 1,
      }));
    await assessmentRepository.insertRectifications(tx, rows);
    return rows.length;
  }
}
export type AssessmentService = ReturnType<typeof createAssessmentService>;
