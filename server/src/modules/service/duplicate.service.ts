/**
 * 重复诉求: suggestions for the dispatcher and what merging means for the merged reporters. The merge itself is
 * the workflow's `merge` action (request.service.ts: `submitted` → `merged` with `duplicateOfId`, checked with the
 * domain's `mergeProblem`); this slice settles the merged requests when their target is answered (`afterStep`,
 * called by the workflow inside the step's transaction) and tells a merged request's reporter the target's progress
 * (`followed`).
 */
import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import type { Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import {
  DUPLICATE_DEFAULTS,
  followedProgress,
  followerOutcome,
  searchBox,
  settingsIssues,
  suggestDuplicates,
  timeWindow,
  type DuplicateSettings,
  type FollowedProgress,
} from './domain/duplicates';
import { duplicateRepository, type DuplicateRow } from './duplicate.repository';
import type { DuplicateList, DuplicateQuery, DuplicateSettingsBody, DuplicateSettingsS } from './duplicate.schemas';

interface Deps {
  database: Database;
  clock: Clock;
}

/** The distance and the window are the bureau's rule for everyone: the administrators of the service decide. */
export const DUPLICATE_SETTINGS_PERMISSION = 'service.manage' as const;
/** Candidates examined per request: a cluster beyond this is one problem whatever its size; the nearest in time are kept. */
const CANDIDATE_LIMIT = 500;

/**
 * The requests an actor sees — the rule of request.service.ts (`visible`): those of the teams in the actor's scope,
 * and the city desk's (no team yet) for actors at the root of the organisation.
 */
export function seesRequest(actor: Pick<Actor, 'scopePath' | 'permissions'>, r: { unitPath: string | null }): boolean {
  if (!actor.permissions.has('service.read')) return false;
  if (r.unitPath !== null) return r.unitPath.startsWith(actor.scopePath);
  return actor.scopePath.split('/').filter(Boolean).length <= 1;
}

/** A staff step the workflow has just written (request.service.ts `transition`), in its transaction. */
export interface ServiceStep {
  requestId: string;
  action: string;
  toState: string;
  reason: string | null;
}

export function createDuplicateService({ database, clock }: Deps) {
  const { db } = database;

  async function currentSettings(tx: DbOrTx): Promise<DuplicateSettings> {
    const s = await duplicateRepository.settings(tx);
    return s ? { distanceM: s.distanceM, windowHours: s.windowHours } : { ...DUPLICATE_DEFAULTS };
  }

  async function settingsView(actor: Actor): Promise<Static<typeof DuplicateSettingsS>> {
    const s = await duplicateRepository.settings(db);
    return {
      distanceM: s?.distanceM ?? DUPLICATE_DEFAULTS.distanceM,
      windowHours: s?.windowHours ?? DUPLICATE_DEFAULTS.windowHours,
      version: s?.version ?? 0,
      updatedAt: s?.updatedAt?.toISOString() ?? null,
      mayChange: actor.permissions.has(DUPLICATE_SETTINGS_PERMISSION),
    };
  }

  async function load(tx: DbOrTx, actor: Actor, id: string): Promise<DuplicateRow> {
    const r = await duplicateRepository.find(tx, id);
    // Out of scope answers like missing (ARCHITECTURE.md: other teams' data is not even disclosed to exist).
    if (!r || !seesRequest(actor, r)) throw notFound('service.not_found', 'No such request');
    return r;
  }

  return {
    settings: settingsView,

    async updateSettings(actor: Actor, body: Static<typeof DuplicateSettingsBody>): Promise<Static<typeof DuplicateSettingsS>> {
      if (!actor.permissions.has(DUPLICATE_SETTINGS_PERMISSION)) {
        throw forbidden('auth.forbidden', `This action needs permission ${DUPLICATE_SETTINGS_PERMISSION}`, { permission: DUPLICATE_SETTINGS_PERMISSION });
      }
      const next = { distanceM: body.distanceM, windowHours: body.windowHours };
      const issues = settingsIssues(next);
      if (issues.length) throw validationFailed('Invalid duplicate settings', issues);
      await db.transaction(async (tx) => {
        const before = await duplicateRepository.settings(tx);
        const ok = await duplicateRepository.saveSettings(tx, body.version, next, actor.userId, clock.now());
        if (!ok) throw conflict('conflict.stale_version', 'The settings were changed by someone else; reload them', { currentVersion: before?.version ?? 0 });
        await recordAudit(tx, clock, actor, {
          action: 'service_duplicate.settings',
          entityType: 'service_setting',
          entityId: 'duplicates',
          orgUnitId: null,
          before: before ? { distanceM: before.distanceM, windowHours: before.windowHours } : { ...DUPLICATE_DEFAULTS },
          after: next,
        });
      });
      return settingsView(actor);
    },

    /** The suggested duplicates of a request the actor sees, nearest first, among the requests the actor sees. */
    async suggestions(actor: Actor, id: string, query: Static<typeof DuplicateQuery>): Promise<Static<typeof DuplicateList>> {
      const subject = await load(db, actor, id);
      const base = await currentSettings(db);
      const settings = { distanceM: query.distanceM ?? base.distanceM, windowHours: query.windowHours ?? base.windowHours };
      const out = { requestId: subject.id, ...settings, noLocation: subject.lat === null || subject.lon === null, items: [], truncated: false };
      if (subject.lat === null || subject.lon === null) return out;
      const { from, to } = timeWindow(subject.submittedAt, settings.windowHours);
      const rows = await duplicateRepository.candidates(db, { excludeId: subject.id, categoryId: subject.categoryId, box: searchBox(subject.lat, subject.lon, settings.distanceM), from, to, limit: CANDIDATE_LIMIT });
      const found = suggestDuplicates(subject, rows.filter((r) => seesRequest(actor, r)), settings);
      const followers = await duplicateRepository.followerCounts(db, found.map((s) => s.candidate.id));
      return {
        ...out,
        truncated: rows.length >= CANDIDATE_LIMIT,
        items: found.map(({ candidate: c, distanceM, minutesApart }) => ({
          id: c.id,
          trackingCode: c.trackingCode,
          state: c.state,
          source: c.source,
          categoryId: c.categoryId,
          categoryName: c.categoryName,
          description: c.description,
          address: c.address,
          lat: c.lat!,
          lon: c.lon!,
          submittedAt: c.submittedAt.toISOString(),
          orgUnitId: c.orgUnitId,
          orgUnitName: c.orgUnitName,
          distanceM,
          minutesApart,
          followers: followers.get(c.id) ?? 0,
        })),
      };
    },

    /**
     * Settles merged requests after a step, in the step's transaction: when the target of merged requests is
     * answered (replied) or rejected, each merged one is closed with the target's reply or rejected with its
     * reason; a request merged into a target already answered is closed at once. Each gets its own timeline event
     * and audit record. Returns how many were settled.
     */
    async afterStep(tx: DbOrTx, actor: Actor, step: ServiceStep): Promise<number> {
      let target: DuplicateRow | null;
      let followers: DuplicateRow[];
      if (step.action === 'merge') {
        const self = await duplicateRepository.find(tx, step.requestId);
        target = self?.duplicateOfId ? await duplicateRepository.find(tx, self.duplicateOfId) : null;
        followers = self ? [self] : [];
      } else {
        if (!followerOutcome(step.toState)) return 0;
        target = await duplicateRepository.find(tx, step.requestId);
        followers = target ? await duplicateRepository.followers(tx, target.id) : [];
      }
      const outcome = target ? followerOutcome(target.state) : null;
      if (!target || !outcome) return 0;
      const at = clock.now();
      let settled = 0;
      for (const f of followers) {
        if (f.state !== 'merged') continue;
        const closed = outcome === 'closed';
        const action = closed ? 'close_with_target' : 'reject_with_target';
        const ok = await duplicateRepository.settleFollower(tx, {
          id: f.id,
          state: outcome,
          at,
          replyText: closed ? target.replyText : null,
          repliedAt: closed ? target.repliedAt : null,
          handledAt: closed ? target.handledAt : null,
          action,
          reason: closed ? null : step.reason,
          // The field names of the timeline's declared payload (request.schemas.ts ServiceEventOut): the target is the duplicate's own.
          payload: { duplicateOfId: target.id, duplicateOfCode: target.trackingCode },
          actorUserId: actor.userId,
          actorKind: 'staff',
          orgUnitId: target.orgUnitId,
        });
        if (!ok) continue;
        settled++;
        await recordAudit(tx, clock, actor, {
          action: closed ? 'service_duplicate.close_with_target' : 'service_duplicate.reject_with_target',
          entityType: 'service_request',
          entityId: f.id,
          orgUnitId: target.orgUnitId,
          before: { state: f.state, duplicateOfId: target.id },
          after: { state: outcome, targetState: target.state },
        });
      }
      return settled;
    },

    /**
     * What the reporter of a merged request sees: the target's progress and reply (null when `own` is not merged or
     * its target is gone).
     */
    async followed(tx: DbOrTx, own: { state: string; closedAt: Date | null; duplicateOfId: string | null }): Promise<(FollowedProgress & { targetTrackingCode: string }) | null> {
      if (!own.duplicateOfId) return null;
      const target = await duplicateRepository.find(tx, own.duplicateOfId);
      if (!target) return null;
      return { ...followedProgress(own, target), targetTrackingCode: target.trackingCode };
    },
  };
}

export type DuplicateService = ReturnType<typeof createDuplicateService>;
