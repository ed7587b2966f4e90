import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { BlobCorruptedError, BlobMissingError, BlobTooLargeError, type BlobStore } from '../../platform/blob-store';
import { AppError, badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit, recordAuditMany, type AuditActor } from '../audit';
import { addWorkingMinutes, workingMinutesBetween, type WorkingCalendar, type WorkingHours } from '../legal';
import { flagOf, stageOf } from './domain/board';
import { mergeProblem } from './domain/duplicates';
import { sniffImage } from './domain/public-photo';
import {
  availableActions,
  dueFlag,
  locationProblem,
  maskPhone,
  trackingCodeFrom,
  transition as decide,
  type ActorKind,
  type Level,
  type RoutedBy,
  type Satisfaction,
  type ServiceAction,
  type ServiceSource,
  type ServiceState,
} from './domain/workflow';
import { requestRepository as repo, type CategoryRow, type RequestInsert, type RequestRow, type RequestWithRefs } from './request.repository';
import type { OpenCaseBody, ServiceActionBody, ServiceListQuery, ServicePhotoOut, ServiceRequestDetail, ServiceRequestList, ServiceRequestOut, StaffSubmitBody, SubmitServiceRequestBody } from './request.schemas';

/** Where a point lies: the owning team and the unit grid (the org module's `locate`, wired in app.ts). */
export type Locate = (lon: number, lat: number) => Promise<{ teamId: string | null; gridId: string | null }>;
/** The working-day calendar and the bureau's working hours the time limits count in. */
export type WorkingTime = () => Promise<{ calendar: WorkingCalendar; hours: WorkingHours }>;
/** Opening an enforcement case (线索) from a report: the case module's `createLead` (wired in app.ts). */
export interface CaseOpener {
  createLead(
    actor: Actor,
    body: { orgUnitId?: string; source: 'complaint'; sourceRef?: string; actDate: string; actPlace: string; lat?: number; lon?: number; summary: string },
  ): Promise<{ id: string }>;
}

interface Deps {
  database: Database;
  clock: Clock;
  /** Until the org module can locate points, every report goes to the city desk. */
  locate?: Locate | undefined;
  /** Without it (or for a year without a calendar) due times stay empty: nothing is guessed. */
  workingTime?: WorkingTime | undefined;
  blobs?: BlobStore | undefined;
  cases?: CaseOpener | undefined;
  /** Runs after each staff step inside its transaction (duplicate.service.ts: settles the reports merged into this one). */
  afterStep?: ((tx: DbOrTx, actor: Actor, step: { requestId: string; action: ServiceAction; toState: ServiceState; reason: string | null }) => Promise<unknown>) | undefined;
}

export type SubmitInput = Static<typeof SubmitServiceRequestBody>;
export interface SubmitOptions {
  externalRef?: string | null;
  /** Salted hash of the reporter's address (public page, abuse limits). */
  reporterKey?: string | null;
  /** When it was reported (a hotline work order's own time); default now. */
  submittedAt?: Date;
  isDemo?: boolean;
  /** Who submitted on the timeline; default by source (public / hotline / open311 / staff). */
  actorKind?: ActorKind;
  /**
   * The category row when the caller has just read it (the public page keeps the active ones for a few seconds):
   * it must be the one of `categoryId`; the core then need not read it again.
   */
  category?: CategoryRow;
}

export type ServiceRequestOutT = Static<typeof ServiceRequestOut>;
type Detail = Static<typeof ServiceRequestDetail>;

/** Photos of the handling: the same limit as the public page's (a phone photo is well under it). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS_PER_STAGE = 12;
/** How far back staff may date a report they record (a call taken earlier). */
const MAX_RECEIVED_AGO_MS = 30 * 86_400_000;

/** Audit action per step (literal codes: the audit page names each in words). */
const AUDIT: Record<ServiceAction | 'submit' | 'open_case' | 'photo', { action: string }> = {
  submit: { action: 'service_request.submit' },
  accept: { action: 'service_request.accept' },
  reject: { action: 'service_request.reject' },
  merge: { action: 'service_request.merge' },
  redispatch: { action: 'service_request.redispatch' },
  return: { action: 'service_request.return' },
  start: { action: 'service_request.start' },
  handle: { action: 'service_request.handle' },
  reply: { action: 'service_request.reply' },
  suspend: { action: 'service_request.suspend' },
  resume: { action: 'service_request.resume' },
  rate: { action: 'service_request.rate' },
  reopen: { action: 'service_request.reopen' },
  open_case: { action: 'service_request.open_case' },
  photo: { action: 'service_request.photo' },
};

const SOURCE_ACTOR: Record<ServiceSource, ActorKind> = { public: 'public', hotline: 'hotline', open311: 'open311', staff: 'staff' };
const auditActorOf = (actor: Actor | null, kind: ActorKind): AuditActor => actor ?? { userId: null, displayName: kind };

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
/** The Beijing civil day of an instant (UTC+8, no DST since 1991). */
const beijingDay = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const beijingMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The actor works at the root of the organisation: the city desk (市级受理台) when they may dispatch. */
const atCityLevel = (actor: Actor): boolean => actor.scopePath.split('/').filter(Boolean).length <= 1;

export function createServiceRequests({ database, clock, locate, workingTime, blobs, cases, afterStep }: Deps) {
  const { db } = database;

  function levelsOf(actor: Actor, x: RequestWithRefs): Level[] {
    const inTeamScope = x.unitPath !== null && x.unitPath.startsWith(actor.scopePath);
    const levels: Level[] = [];
    if (actor.permissions.has('service.dispatch') && (atCityLevel(actor) || inTeamScope)) levels.push('desk');
    if (actor.permissions.has('service.handle') && inTeamScope) levels.push('team');
    return levels;
  }

  function visible(actor: Actor, x: RequestWithRefs): boolean {
    if (!actor.permissions.has('service.read')) return false;
    if (x.unitPath !== null) return x.unitPath.startsWith(actor.scopePath);
    return atCityLevel(actor);
  }

  async function load(actor: Actor, id: string, tx: DbOrTx = db, lock = false): Promise<RequestWithRefs> {
    const x = await repo.find(tx, repo.byId(id), lock);
    // Another team's report is "not found", not "forbidden": its existence is not another team's business.
    if (!x || !visible(actor, x)) throw notFound('service.not_found', 'Report not found');
    return x;
  }

  /**
   * The due flag of the list and the detail, by the board's rule (domain/board.ts: 即将超期 when at most a quarter of
   * the running stage's limit is left, in working time), so that the three screens never disagree. Without the
   * working time (not wired) the workflow's clock-hour rule stands in.
   */
  function flagFor(x: RequestWithRefs, now: Date, wt: Awaited<ReturnType<WorkingTime>> | null | undefined): ServiceRequestOutT['dueFlag'] {
    const r = x.r;
    const plain = dueFlag({ ...r, state: r.state as ServiceState, suspendedFromState: r.suspendedFromState as ServiceState | null }, now);
    if (!wt || plain === 'overdue' || r.state === 'suspended') return plain;
    const stage = stageOf(r.state, r.suspendedFromState);
    const due = stage === 'accept' ? r.acceptDueAt : stage === 'handle' ? r.handleDueAt : stage === 'reply' ? r.replyDueAt : null;
    if (!stage || !due) return plain;
    let remaining: number | null;
    try {
      remaining = workingMinutesBetween(wt.calendar, wt.hours, now, due);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'legal.calendar_missing')) throw e;
      remaining = null;
    }
    const flag = flagOf({ suspended: false, dueAt: due, limitHours: x.limits[stage], remainingMinutes: remaining }, now);
    return flag === 'overdue' || flag === 'due_soon' ? flag : null;
  }

  function out(x: RequestWithRefs, unmasked: boolean, now: Date, wt?: Awaited<ReturnType<WorkingTime>> | null): ServiceRequestOutT {
    const r = x.r;
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      source: r.source as ServiceSource,
      externalRef: r.externalRef,
      categoryId: r.categoryId,
      categoryCode: x.categoryCode,
      categoryName: x.categoryName,
      description: r.description,
      lat: r.lat,
      lon: r.lon,
      address: r.address,
      contactName: r.contactName,
      contactPhone: unmasked ? r.contactPhone : maskPhone(r.contactPhone),
      orgUnitId: r.orgUnitId,
      orgUnitName: x.unitName,
      gridId: r.gridId,
      routedBy: r.routedBy as RoutedBy,
      state: r.state as ServiceState,
      submittedAt: r.submittedAt.toISOString(),
      acceptDueAt: iso(r.acceptDueAt),
      handleDueAt: iso(r.handleDueAt),
      replyDueAt: iso(r.replyDueAt),
      pausedMinutes: r.pausedMinutes,
      suspendedAt: iso(r.suspendedAt),
      suspendedFromState: r.suspendedFromState as ServiceState | null,
      acceptedAt: iso(r.acceptedAt),
      handledAt: iso(r.handledAt),
      repliedAt: iso(r.repliedAt),
      closedAt: iso(r.closedAt),
      handlingNote: r.handlingNote,
      replyText: r.replyText,
      duplicateOfId: r.duplicateOfId,
      caseId: r.caseId,
      satisfaction: r.satisfaction as Satisfaction | null,
      satisfactionComment: r.satisfactionComment,
      ratedAt: iso(r.ratedAt),
      reopenCount: r.reopenCount,
      dueFlag: flagFor(x, now, wt),
      isDemo: r.isDemo,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  function photoOut(p: { id: string; stage: string; mime: string; bytes: number; width: number | null; height: number | null; public: boolean; uploadedAt: Date }): Static<typeof ServicePhotoOut> {
    return { id: p.id, stage: p.stage as 'report' | 'before' | 'after', mime: p.mime, bytes: p.bytes, width: p.width, height: p.height, public: p.public, uploadedAt: p.uploadedAt.toISOString() };
  }

  async function detail(actor: Actor, id: string): Promise<Detail> {
    return detailOf(actor, await load(actor, id));
  }

  /** The detail of a report already loaded (after a step that took it out of the actor's scope: 退回, 改派). */
  async function detailOf(actor: Actor, x: RequestWithRefs): Promise<Detail> {
    const id = x.r.id;
    const levels = levelsOf(actor, x);
    const [events, photos, linked, wt] = await Promise.all([repo.events(db, id), repo.photos(db, id), x.r.caseId ? repo.caseRef(db, x.r.caseId) : Promise.resolve(null), loadWorkingTime()]);
    const state = x.r.state as ServiceState;
    const teamWork = levels.includes('team') && (['dispatched', 'handling', 'handled'] as ServiceState[]).includes(state);
    return {
      ...out(x, levels.length > 0, clock.now(), wt),
      categoryBigClass: x.categoryBigClass,
      timeline: events.map(({ e, actorName, unitName }) => ({
        id: e.id,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        actorKind: e.actorKind,
        actorName,
        orgUnitId: e.orgUnitId,
        orgUnitName: unitName,
        reason: e.reason,
        payload: e.payload,
        at: e.at.toISOString(),
      })),
      photos: photos.map(photoOut),
      linkedCase: linked,
      actions: availableActions({ state, orgUnitId: x.r.orgUnitId, suspendedFromState: x.r.suspendedFromState as ServiceState | null, reopenCount: x.r.reopenCount }, levels),
      mayOpenCase: teamWork && x.r.caseId === null && !!cases && actor.permissions.has('case.lead'),
      mayUploadPhotos: teamWork && !!blobs,
    };
  }

  // ---- time limits ----

  /** `minutes` working minutes after `from`, or null when the calendar cannot say (no calendar wired, year missing). */
  async function dueAfter(from: Date, minutes: number, wt?: Awaited<ReturnType<WorkingTime>> | null): Promise<Date | null> {
    const t = wt === undefined ? await loadWorkingTime() : wt;
    if (!t) return null;
    try {
      return addWorkingMinutes(t.calendar, t.hours, from, minutes);
    } catch (e) {
      if (e instanceof AppError && e.code === 'legal.calendar_missing') return null;
      throw e;
    }
  }
  async function loadWorkingTime() {
    return workingTime ? workingTime() : null;
  }
  /** Working minutes a suspension lasted (0 when the calendar cannot say: the dues then stay as they were). */
  async function pausedBetween(from: Date, to: Date, t: Awaited<ReturnType<WorkingTime>> | null): Promise<number> {
    if (!t) return 0;
    try {
      return Math.max(0, workingMinutesBetween(t.calendar, t.hours, from, to));
    } catch (e) {
      if (e instanceof AppError && e.code === 'legal.calendar_missing') return 0;
      throw e;
    }
  }

  function newUncheckedTrackingCode(): string {
    for (;;) {
      const code = trackingCodeFrom(crypto.randomBytes(32));
      if (code.length === 12) return code;
    }
  }

  async function newTrackingCode(tx: DbOrTx): Promise<string> {
    for (;;) {
      const code = trackingCodeFrom(crypto.randomBytes(32));
      if (code.length === 12 && !(await repo.trackingCodeTaken(tx, code))) return code;
    }
  }

  async function teamFor(tx: DbOrTx, actor: Actor, teamId: string, field = 'teamId') {
    const u = await repo.findUnit(tx, teamId);
    if (!u || u.kind !== 'team' || u.validTo !== null || !(atCityLevel(actor) || u.path.startsWith(actor.scopePath))) {
      throw badRequest('service.team_invalid', 'Choose a current street team in your scope', { issues: [{ field, message: 'not a current team in your scope' }] });
    }
    return u;
  }

  // ---- new reports: group commit ----

  /**
   * Reports arriving together are written in one transaction (group commit, as the position writer does): one
   * multi-row insert of the reports, one of their first timeline entries, their audit records chained under one
   * lock of the audit head, then one read of what was written. A resident's report costs a share of a
   * transaction instead of ~10 statements of its own. Nothing waits for company: a write starts as soon as
   * the previous one is done, with whatever arrived meanwhile. When a batch fails, each report is written alone,
   * so that a report gets its own answer (a taken tracking code is drawn again) and never another's error.
   */
  interface Submission {
    row: RequestInsert;
    category: CategoryRow;
    actor: AuditActor;
    event: Parameters<typeof repo.insertEvent>[1];
    resolve: (x: RequestWithRefs) => void;
    reject: (e: unknown) => void;
  }
  const MAX_BATCH = 200;
  const submissions = (() => {
    let queue: Submission[] = [];
    let running = false;

    async function writeBatch(batch: Submission[]): Promise<RequestWithRefs[]> {
      const wt = await loadWorkingTime();
      for (const b of batch) {
        const at = b.row.submittedAt as Date;
        b.row.acceptDueAt = await dueAfter(at, b.category.acceptHours * 60, wt);
        b.row.handleDueAt = await dueAfter(at, b.category.handleHours * 60, wt);
        b.row.replyDueAt = await dueAfter(at, b.category.replyHours * 60, wt);
      }
      await db.transaction(async (tx) => {
        if (batch.length === 1) {
          // Alone (a retry, or nobody else arrived): the code is checked first, so a taken one is drawn again.
          batch[0]!.row.trackingCode = await newTrackingCode(tx);
        }
        await repo.insertMany(tx, batch.map((b) => b.row));
        await repo.insertEvents(tx, batch.map((b) => b.event));
        await recordAuditMany(
          tx,
          clock,
          batch.map((b) => ({
            actor: b.actor,
            entry: {
              action: 'service_request.submit',
              entityType: 'service_request',
              entityId: b.row.id,
              orgUnitId: b.row.orgUnitId ?? null,
              after: { trackingCode: b.row.trackingCode, source: b.row.source, categoryCode: b.category.code, routedBy: b.row.routedBy, orgUnitId: b.row.orgUnitId ?? null, externalRef: b.row.externalRef ?? null },
            },
          })),
        );
      });
      const found = new Map((await repo.findMany(db, batch.map((b) => b.row.id))).map((x) => [x.r.id, x]));
      return batch.map((b) => found.get(b.row.id)!);
    }

    async function drain(): Promise<void> {
      while (queue.length) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(batch.length);
        try {
          const written = await writeBatch(batch);
          batch.forEach((b, i) => b.resolve(written[i]!));
        } catch (e) {
          if (batch.length === 1) batch[0]!.reject(e);
          else {
            for (const b of batch) {
              try {
                b.resolve((await writeBatch([b]))[0]!);
              } catch (e2) {
                b.reject(e2);
              }
            }
          }
        }
      }
      running = false;
    }

    return {
      write(s: Omit<Submission, 'resolve' | 'reject'>): Promise<RequestWithRefs> {
        // A code drawn now, unchecked: 31^12 codes make a clash unlikely, and the unique index refuses one (the
        // batch is then retried report by report, each with a checked code).
        s.row.trackingCode = newUncheckedTrackingCode();
        return new Promise<RequestWithRefs>((resolve, reject) => {
          queue.push({ ...s, resolve, reject });
          if (!running) {
            running = true;
            // After this turn of the event loop, so that reports parsed in the same turn share the transaction.
            setImmediate(() => void drain());
          }
        });
      },
    };
  })();

  // ---- the service ----

  const api = {
    /**
     * A new report from any source: category checked, location checked (China, not 0,0), routed to the team whose
     * area holds the point (else the city desk), due times counted in working hours, a tracking code, the first
     * timeline entry and the audit record, in one transaction.
     */
    async submit(input: SubmitInput, source: ServiceSource, actor: Actor | null, opts: SubmitOptions = {}): Promise<ServiceRequestOutT> {
      const category = opts.category?.id === input.categoryId ? opts.category : await repo.findCategory(db, input.categoryId);
      if (!category) throw notFound('service.category_not_found', 'No such report category');
      if (!category.active) throw badRequest('service.category_inactive', `The category ${category.name} no longer takes reports`, { issues: [{ field: 'categoryId', message: 'inactive' }] });
      const lat = input.lat ?? null;
      const lon = input.lon ?? null;
      if ((lat === null) !== (lon === null)) throw validationFailed('lat and lon go together', [{ field: lat === null ? 'lat' : 'lon', message: 'both or neither' }]);
      if (lat === null || lon === null) {
        if (source === 'public' || source === 'open311') throw badRequest('service.location_required', 'Pick the location on the map or allow the browser to locate you', { issues: [{ field: 'lat', message: 'required' }] });
      } else {
        const p = locationProblem(lat, lon);
        if (p) throw badRequest('service.location_invalid', `The location ${lat},${lon} is not in China (${p})`, { issues: [{ field: 'lat', message: p }] });
      }
      const routed = lat !== null && lon !== null && locate ? await locate(lon, lat) : { teamId: null, gridId: null };
      const routedBy: RoutedBy = routed.teamId ? (routed.gridId ? 'grid' : 'area') : 'city_desk';
      const now = clock.now();
      const submittedAt = opts.submittedAt ?? now;
      const kind = opts.actorKind ?? SOURCE_ACTOR[source];
      const id = newId();
      const trim = (s: string | undefined) => (s?.trim() ? s.trim() : null);
      const row: RequestInsert = {
        id,
        trackingCode: '',
        source,
        externalRef: opts.externalRef ?? null,
        categoryId: category.id,
        description: input.description.trim(),
        lat,
        lon,
        address: trim(input.address),
        contactName: trim(input.contactName),
        contactPhone: trim(input.contactPhone),
        reporterKey: opts.reporterKey ?? null,
        orgUnitId: routed.teamId,
        gridId: routed.gridId,
        routedBy,
        state: 'submitted',
        submittedAt,
        isDemo: opts.isDemo ?? false,
        createdAt: now,
        updatedAt: now,
      };
      const x = await submissions.write({ row, category, actor: auditActorOf(actor, kind), event: { requestId: id, action: 'submit', fromState: null, toState: 'submitted', actorUserId: actor?.userId ?? null, actorKind: kind, orgUnitId: routed.teamId, reason: null, payload: { source, routedBy, gridId: routed.gridId, externalRef: row.externalRef }, at: now } });
      return out(x, false, now);
    },

    /** A report by its tracking code (the public status page), phone masked; null when there is none. */
    async getByTrackingCode(code: string): Promise<ServiceRequestOutT | null> {
      const x = await repo.find(db, repo.byTrackingCode(code.trim().toUpperCase()));
      return x ? out(x, false, clock.now()) : null;
    },

    /** The public part of a report's timeline (what happened when, no staff names, no internal notes). */
    async publicTimeline(requestId: string): Promise<{ action: string; toState: string; at: string; reason: string | null }[]> {
      const events = await repo.events(db, requestId);
      // Reasons of 不予受理 and 退回 are written for the reporter too (why nothing is done, why it waits).
      const toPublic = new Set(['reject', 'merge', 'suspend']);
      return events.map(({ e }) => ({ action: e.action, toState: e.toState, at: e.at.toISOString(), reason: toPublic.has(e.action) ? e.reason : null }));
    },

    /**
     * The reporter's rating of the reply (from the status page, no login). 不满意 with `reopen` sends the report back
     * to its team once; otherwise the report is closed (已办结).
     */
    async rate(trackingCode: string, body: { satisfaction: Satisfaction; comment?: string | undefined; reopen?: boolean | undefined }): Promise<ServiceRequestOutT> {
      const now = clock.now();
      const wt = body.reopen ? await loadWorkingTime() : null;
      const id = await db.transaction(async (tx) => {
        const x = await repo.find(tx, repo.byTrackingCode(trackingCode.trim().toUpperCase()), true);
        if (!x) throw notFound('service.not_found', 'Report not found');
        const r = x.r;
        const action: ServiceAction = body.reopen ? 'reopen' : 'rate';
        const t = decide({ state: r.state as ServiceState, orgUnitId: r.orgUnitId, suspendedFromState: r.suspendedFromState as ServiceState | null, reopenCount: r.reopenCount }, action, { levels: ['public'], satisfaction: body.satisfaction });
        if (!t.ok) throw refusal(t.code, t.message);
        const comment = body.comment?.trim() ? body.comment.trim().slice(0, 2000) : null;
        let patch: Partial<RequestInsert> = { state: t.to, satisfaction: body.satisfaction, satisfactionComment: comment, ratedAt: now, updatedAt: now };
        if (action === 'rate') patch.closedAt = now;
        else {
          // Reopened: the team handles and replies again within the category's limits from now.
          const category = (await repo.findCategory(tx, r.categoryId))!;
          patch = { ...patch, reopenCount: r.reopenCount + 1, handledAt: null, repliedAt: null, handleDueAt: await dueAfter(now, category.handleHours * 60, wt), replyDueAt: await dueAfter(now, category.replyHours * 60, wt) };
        }
        await write(tx, r, patch);
        await repo.insertEvent(tx, { requestId: r.id, action, fromState: r.state, toState: t.to, actorUserId: null, actorKind: 'public', orgUnitId: r.orgUnitId, reason: comment, payload: { satisfaction: body.satisfaction }, at: now });
        await recordAudit(tx, clock, { userId: null, displayName: 'public' }, { action: action === 'rate' ? 'service_request.rate' : 'service_request.reopen', entityType: 'service_request', entityId: r.id, orgUnitId: r.orgUnitId, before: { state: r.state }, after: { state: t.to, satisfaction: body.satisfaction } });
        return r.id;
      });
      return out((await repo.find(db, repo.byId(id)))!, false, now);
    },

    /** One staff step of the workflow (optimistic `version`: a stale edit is refused with 409). */
    async transition(actor: Actor, id: string, action: ServiceAction, body: Static<typeof ServiceActionBody>): Promise<Detail> {
      const now = clock.now();
      // Read before the transaction: inside it every query goes through `tx` (PGlite has one connection).
      const wt = action === 'resume' ? await loadWorkingTime() : null;
      await db.transaction(async (tx) => {
        const x = await load(actor, id, tx, true);
        const r = x.r;
        if (r.version !== body.version) throw stale(r.version);
        const levels = levelsOf(actor, x);
        const state = r.state as ServiceState;
        const t = decide({ state, orgUnitId: r.orgUnitId, suspendedFromState: r.suspendedFromState as ServiceState | null, reopenCount: r.reopenCount }, action, { levels, reason: body.reason, note: body.note, text: body.text, teamId: body.teamId, duplicateOfId: body.duplicateOfId });
        if (!t.ok) throw refusal(t.code, t.message);
        const reason = body.reason?.trim() || null;
        let patch: Partial<RequestInsert> = { state: t.to, updatedAt: now };
        const payload: Record<string, unknown> = {};
        switch (action) {
          case 'accept': {
            const team = body.teamId ? await teamFor(tx, actor, body.teamId) : null;
            patch = { ...patch, acceptedAt: now };
            if (team && team.id !== r.orgUnitId) {
              patch = { ...patch, orgUnitId: team.id, routedBy: 'manual' };
              payload.teamId = team.id;
              payload.teamName = team.name;
            }
            break;
          }
          case 'redispatch': {
            const team = await teamFor(tx, actor, body.teamId!);
            if (team.id === r.orgUnitId) throw badRequest('service.team_invalid', 'The report is with this team already', { issues: [{ field: 'teamId', message: 'same team' }] });
            patch = { ...patch, orgUnitId: team.id, routedBy: 'manual' };
            payload.fromTeamId = r.orgUnitId;
            payload.teamId = team.id;
            payload.teamName = team.name;
            break;
          }
          case 'return':
            // Back at the city desk: the desk accepts it again with the right team.
            patch = { ...patch, orgUnitId: null, routedBy: 'city_desk' };
            payload.fromTeamId = r.orgUnitId;
            break;
          case 'reject':
            patch = { ...patch, closedAt: now };
            break;
          case 'merge': {
            const target = await repo.find(tx, repo.byId(body.duplicateOfId!));
            if (!target || !visible(actor, target)) throw notFound('service.not_found', 'The report to merge into was not found');
            const p = mergeProblem({ id: r.id, state: r.state }, { id: target.r.id, state: target.r.state, duplicateOfId: target.r.duplicateOfId });
            if (p) throw badRequest(p, `Cannot merge ${r.trackingCode} into ${target.r.trackingCode}`, { issues: [{ field: 'duplicateOfId', message: p }] });
            patch = { ...patch, duplicateOfId: target.r.id, closedAt: now };
            payload.duplicateOfId = target.r.id;
            payload.duplicateOfCode = target.r.trackingCode;
            break;
          }
          case 'handle':
            patch = { ...patch, handledAt: now, handlingNote: body.note!.trim() };
            break;
          case 'reply':
            patch = { ...patch, repliedAt: now, replyText: body.text!.trim() };
            break;
          case 'suspend':
            patch = { ...patch, suspendedAt: now, suspendedFromState: state };
            break;
          case 'resume': {
            // The clock stopped while suspended: every limit not yet met moves by the working minutes it lasted.
            const paused = r.suspendedAt ? await pausedBetween(r.suspendedAt, now, wt) : 0;
            const shift = async (d: Date | null, met: Date | null) => (d && !met && paused > 0 ? dueAfter(d, paused, wt) : d);
            patch = {
              ...patch,
              suspendedAt: null,
              suspendedFromState: null,
              pausedMinutes: r.pausedMinutes + paused,
              acceptDueAt: await shift(r.acceptDueAt, r.acceptedAt),
              handleDueAt: await shift(r.handleDueAt, r.handledAt),
              replyDueAt: await shift(r.replyDueAt, r.repliedAt),
            };
            payload.pausedMinutes = paused;
            break;
          }
          case 'start':
            break;
          default:
            throw refusal('service.not_permitted', `${action} is not a staff step`);
        }
        if (body.note?.trim() && action !== 'handle') payload.note = body.note.trim();
        if (action === 'reply') payload.text = body.text!.trim();
        if (action === 'handle') payload.note = body.note!.trim();
        await write(tx, r, patch);
        await repo.insertEvent(tx, { requestId: r.id, action, fromState: r.state, toState: t.to, actorUserId: actor.userId, actorKind: 'staff', orgUnitId: patch.orgUnitId !== undefined ? patch.orgUnitId : r.orgUnitId, reason, payload, at: now });
        await recordAudit(tx, clock, actor, { action: AUDIT[action].action, entityType: 'service_request', entityId: r.id, orgUnitId: r.orgUnitId, before: { state: r.state, orgUnitId: r.orgUnitId }, after: { state: t.to, orgUnitId: patch.orgUnitId !== undefined ? patch.orgUnitId : r.orgUnitId, reason, ...payload } });
        if (afterStep) await afterStep(tx, actor, { requestId: r.id, action, toState: t.to, reason });
      });
      // A team that handed the report back (退回) or a district desk that sent it elsewhere no longer sees it: it is
      // answered with what it did (no further steps, the phone masked), not with "not found".
      const x = (await repo.find(db, repo.byId(id)))!;
      return visible(actor, x) ? detailOf(actor, x) : { ...(await detailOf(actor, x)), contactPhone: maskPhone(x.r.contactPhone), actions: [], mayOpenCase: false, mayUploadPhotos: false };
    },

    /** A report recorded by staff (a walk-in, a call to the team): the desk or a team. */
    async create(actor: Actor, input: Static<typeof StaffSubmitBody>): Promise<Detail> {
      if (!actor.permissions.has('service.dispatch') && !actor.permissions.has('service.handle')) throw forbidden('auth.forbidden', 'Only the desk and the teams record reports');
      const { receivedAt, ...report } = input;
      let submittedAt: Date | undefined;
      if (receivedAt) {
        submittedAt = new Date(receivedAt);
        const now = clock.now().getTime();
        if (submittedAt.getTime() > now + 60_000 || submittedAt.getTime() < now - MAX_RECEIVED_AGO_MS) {
          throw badRequest('service.received_at_invalid', 'When it was reported: not in the future, at most 30 days ago', { issues: [{ field: 'receivedAt', message: 'out of range' }] });
        }
      }
      const r = await api.submit(report, 'staff', actor, submittedAt ? { submittedAt } : {});
      return detail(actor, r.id);
    },

    get: detail,

    /** Reports in the caller's scope (the city desk's unrouted ones for the city level), newest first. */
    async list(actor: Actor, q: Static<typeof ServiceListQuery>): Promise<Static<typeof ServiceRequestList>> {
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      let unitPath: string | 'desk' | undefined;
      if (q.unitId === 'desk') unitPath = 'desk';
      else if (q.unitId) {
        const u = /^[0-9a-f-]{36}$/i.test(q.unitId) ? await repo.findUnit(db, q.unitId) : null;
        if (!u || !u.path.startsWith(actor.scopePath)) throw notFound('org.unit_not_found', 'Unit not found');
        unitPath = u.path;
      }
      const now = clock.now();
      const { rows, total } = await repo.list(db, {
        scopePath: actor.scopePath,
        desk: atCityLevel(actor),
        states: q.state?.split(',').map((s) => s.trim()).filter(Boolean),
        unitPath,
        categoryId: q.categoryId,
        source: q.source,
        from: q.from ? beijingMidnight(q.from) : undefined,
        to: q.to ? new Date(beijingMidnight(q.to).getTime() + 86_400_000) : undefined,
        overdueAt: q.overdue ? now : undefined,
        q: q.q?.trim() || undefined,
        limit,
        offset,
      });
      const wt = rows.length ? await loadWorkingTime() : null;
      return { items: rows.map((x) => out(x, levelsOf(actor, x).length > 0, now, wt)), total, limit, offset };
    },

    /** A photo of the handling (before / after) by the owning team: an image by its content, within the size limit. */
    async uploadPhoto(actor: Actor, id: string, stage: 'before' | 'after', file: { toBuffer(): Promise<Buffer> }): Promise<Static<typeof ServicePhotoOut>> {
      const x = await load(actor, id);
      if (!levelsOf(actor, x).includes('team')) throw refusal('service.not_permitted', 'Only the owning team adds photos of the handling');
      if (!(['dispatched', 'handling', 'handled'] as string[]).includes(x.r.state)) throw refusal('service.wrong_state', `Photos of the handling are added while the report is dispatched, handled or being handled (it is ${x.r.state})`);
      if (!blobs) throw new AppError(503, 'service.storage_unavailable', 'No file storage is configured');
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw e;
      }
      if (data.length > MAX_PHOTO_BYTES) throw tooLarge();
      const s = sniffImage(data);
      if (!s.ok) throw new AppError(415, 'service.photo_not_image', 'The file is not a JPEG, PNG or WebP photo', { problem: s.problem, looksLike: s.looksLike ?? null });
      const existing = await repo.photos(db, id);
      if (existing.filter((p) => p.stage === stage).length >= MAX_PHOTOS_PER_STAGE) throw badRequest('service.photo_limit', `At most ${MAX_PHOTOS_PER_STAGE} photos per stage`, { max: MAX_PHOTOS_PER_STAGE });
      let stored: { sha256: string; sizeBytes: number };
      try {
        stored = await blobs.put(Readable.from([data]), MAX_PHOTO_BYTES);
      } catch (e) {
        if (e instanceof BlobTooLargeError) throw tooLarge();
        throw e;
      }
      const now = clock.now();
      const row = { id: newId(), requestId: id, stage, sha256: stored.sha256, mime: s.mime, bytes: stored.sizeBytes, width: s.width, height: s.height, public: false, publicSha256: null, uploadedBy: actor.userId, uploadedAt: now };
      await db.transaction(async (tx) => {
        await repo.insertPhoto(tx, row);
        await recordAudit(tx, clock, actor, { action: 'service_request.photo', entityType: 'service_request', entityId: id, orgUnitId: x.r.orgUnitId, after: { photoId: row.id, stage, sha256: row.sha256, bytes: row.bytes } });
      });
      return photoOut(row);
    },

    /** A photo's file (staff in scope), re-hashed before it is served. */
    async photoFile(actor: Actor, id: string, photoId: string): Promise<{ mime: string; data: Buffer; sha256: string }> {
      await load(actor, id);
      const p = await repo.photo(db, id, photoId);
      if (!p) throw notFound('service.photo_not_found', 'Photo not found');
      if (!blobs) throw new AppError(503, 'service.storage_unavailable', 'No file storage is configured');
      try {
        return { mime: p.mime, data: await blobs.getVerified(p.sha256), sha256: p.sha256 };
      } catch (e) {
        if (e instanceof BlobCorruptedError || e instanceof BlobMissingError) throw new AppError(500, 'service.photo_unreadable', 'The stored photo is missing or no longer matches its SHA-256');
        throw e;
      }
    },

    /**
     * Opens an enforcement case (线索, source 投诉) from a report, through the case module: location and description
     * copied, the tracking code as the case's source reference; the report keeps the case's id (linked both ways).
     */
    async openCase(actor: Actor, id: string, body: Static<typeof OpenCaseBody>): Promise<Detail> {
      const x = await load(actor, id);
      const r = x.r;
      if (!cases) throw new AppError(503, 'service.case_unavailable', 'Cases cannot be opened from reports here');
      if (!levelsOf(actor, x).includes('team') || !actor.permissions.has('case.lead')) throw refusal('service.not_permitted', 'The owning team opens a case from its report');
      if (r.version !== body.version) throw stale(r.version);
      if (r.caseId) throw conflict('service.case_exists', 'A case was opened from this report already', { caseId: r.caseId });
      if (!(['dispatched', 'handling', 'handled'] as string[]).includes(r.state) || !r.orgUnitId) throw refusal('service.wrong_state', `A case is opened while the team holds the report (it is ${r.state})`);
      const place = (r.address ?? (r.lat !== null && r.lon !== null ? `${r.lat.toFixed(6)}, ${r.lon.toFixed(6)}` : x.categoryName)).slice(0, 300);
      const summary = (body.summary?.trim() || `【${x.categoryName}】${r.description}（便民服务 ${r.trackingCode}）`).slice(0, 4000);
      const created = await cases.createLead(actor, {
        orgUnitId: r.orgUnitId,
        source: 'complaint',
        sourceRef: r.trackingCode,
        actDate: body.actDate ?? beijingDay(r.submittedAt),
        actPlace: place,
        ...(r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : {}),
        summary,
      });
      const now = clock.now();
      await db.transaction(async (tx) => {
        const locked = (await load(actor, id, tx, true)).r;
        // The case exists now: link it even if the report moved on meanwhile (a lost link would orphan the case).
        await write(tx, locked, { caseId: created.id, updatedAt: now });
        const ref = await repo.caseRef(tx, created.id);
        await repo.insertEvent(tx, { requestId: id, action: 'open_case', fromState: locked.state, toState: locked.state, actorUserId: actor.userId, actorKind: 'staff', orgUnitId: locked.orgUnitId, reason: null, payload: { caseId: created.id, caseNumber: ref?.number ?? null }, at: now });
        await recordAudit(tx, clock, actor, { action: 'service_request.open_case', entityType: 'service_request', entityId: id, orgUnitId: locked.orgUnitId, after: { caseId: created.id, caseNumber: ref?.number ?? null } });
      });
      return detail(actor, id);
    },
  };

  async function write(tx: DbOrTx, r: RequestRow, patch: Partial<RequestInsert>) {
    if (!(await repo.update(tx, r.id, r.version, patch))) throw stale(r.version);
  }

  return api;
}

export type ServiceRequests = ReturnType<typeof createServiceRequests>;

function stale(currentVersion: number) {
  return conflict('conflict.stale_version', 'This report was changed by someone else; reload it', { currentVersion });
}
function tooLarge() {
  return new AppError(413, 'service.photo_too_large', `A photo is at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`, { maxBytes: MAX_PHOTO_BYTES });
}
/** Workflow refusals: a missing field is a 400 naming the field; the wrong state 409; not yours 403. */
function refusal(code: string, message: string) {
  if (code === 'service.wrong_state' || code === 'service.reopen_used') return new AppError(409, code, message);
  if (code === 'service.not_permitted') return new AppError(403, code, message);
  const field = ({ 'service.reason_required': 'reason', 'service.note_required': 'note', 'service.reply_required': 'text', 'service.team_required': 'teamId', 'service.duplicate_required': 'duplicateOfId', 'service.satisfaction_required': 'satisfaction' } as Record<string, string>)[code];
  return new AppError(400, code, message, field ? { issues: [{ field, message }] } : undefined);
}
