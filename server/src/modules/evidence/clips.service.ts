import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { BlobTooLargeError, type BlobStore } from '../../platform/blob-store';
import { recordAudit } from '../audit';
import { clipsForStep, coveringClipProblem, linkProblem, requiresRecording, stepSpanOf, type ClipSpan } from './domain/clips';
import { evidenceRepository } from './evidence.repository';
import { clipsRepository, type ClipRow } from './clips.repository';
import type { AutoLinked, CaseStepClips, ClipList, ClipLinks, ClipLinkS, ClipS } from './evidence.schemas';
import type { UploadedFile } from './evidence.service';

/** Body-camera videos are larger than photos; still bounded (the app's multipart limit is 50 MB). */
export const MAX_CLIP_BYTES = 50 * 1024 * 1024;

interface Deps {
  database: Database;
  clock: Clock;
  blobs?: BlobStore | undefined;
}

const clipView = (c: ClipRow): Static<typeof ClipS> => ({
  id: c.id,
  deviceId: c.deviceId,
  orgUnitId: c.orgUnitId,
  officerId: c.officerId,
  startAt: c.startAt.toISOString(),
  endAt: c.endAt.toISOString(),
  sha256: c.sha256,
  fileStored: c.fileName !== null,
  registeredByName: c.registeredByName,
  registeredAt: c.registeredAt.toISOString(),
});

const span = (c: ClipRow, linked = false): ClipSpan & { linked: boolean } => ({ id: c.id, officerId: c.officerId, startAt: c.startAt, endAt: c.endAt, linked });

/**
 * The clips that can cover a step of a case: those of the step's officers overlapping [from, to], and those linked by
 * hand to a step of this case in that time (a colleague's camera). Hand-linked clips are counted as the officers' own
 * (`officerId` rewritten to the first officer) so that `coveringClipProblem` counts them.
 */
export async function clipsCovering(db: DbOrTx, caseId: string, officers: readonly string[], from: Date, to: Date): Promise<ClipSpan[]> {
  const own = await clipsRepository.ofOfficers(db, officers, from, to);
  const linked = await clipsRepository.linkedToCase(db, caseId, from, to);
  const seen = new Set(own.map((c) => c.id));
  return [...own.map((c) => span(c)), ...linked.filter((c) => !seen.has(c.id)).map((c) => ({ ...span(c, true), officerId: officers[0] ?? c.officerId }))];
}

export function createClipService({ database, clock, blobs }: Deps) {
  const { db } = database;

  async function loadCase(actor: Actor, caseId: string) {
    const c = await evidenceRepository.findCase(db, caseId);
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }
  async function loadStep(actor: Actor, caseId: string, eventId: number) {
    const c = await loadCase(actor, caseId);
    // An archived case's file is read-only (卷宗 archive): no clip is linked to it any more.
    if (c.state === 'archived') throw conflict('case.archived', 'The case is archived: its file is read-only');
    const step = await clipsRepository.step(db, caseId, eventId);
    if (!step) throw notFound('case_evidence.step_not_found', `The case has no step ${eventId}`);
    return { c, step, span: stepSpanOf(step), officerIds: step.officers.map((o) => o.personId) };
  }
  async function loadClip(actor: Actor, id: string) {
    const found = await clipsRepository.find(db, id);
    if (!found || !inScope(actor, found.unitPath)) throw notFound('case_evidence.clip_not_found', 'Clip not found');
    return found.c;
  }
  async function links(caseId: string, stepEventId?: number): Promise<Static<typeof ClipLinkS>[]> {
    const rows = await clipsRepository.linksOfCase(db, caseId);
    return rows
      .filter((r) => stepEventId === undefined || r.l.stepEventId === stepEventId)
      .map((r) => ({ stepEventId: r.l.stepEventId, how: r.l.how as 'auto' | 'manual', linkedByName: r.l.linkedByName, linkedAt: r.l.linkedAt.toISOString(), clip: clipView(r.c) }));
  }

  return {
    async register(actor: Actor, body: { deviceId: string; officerId: string; startAt: string; endAt: string; sha256: string }): Promise<Static<typeof ClipS>> {
      const startAt = new Date(body.startAt);
      const endAt = new Date(body.endAt);
      if (!(endAt > startAt)) throw badRequest('case_evidence.clip_time_invalid', 'A clip ends after it starts', { issues: [{ field: 'endAt', message: 'after startAt' }] });
      const device = await clipsRepository.findDevice(db, body.deviceId);
      if (!device || !device.unitPath || !inScope(actor, device.unitPath)) throw notFound('case_evidence.camera_not_found', 'Body camera not found');
      if (device.kind !== 'body_camera') throw badRequest('case_evidence.not_body_camera', 'The device is not a body camera', { issues: [{ field: 'deviceId', message: 'choose a body camera' }] });
      const person = await clipsRepository.findPerson(db, body.officerId);
      if (!person || !inScope(actor, person.unitPath)) throw notFound('case_evidence.officer_not_found', 'Officer not found');
      const row: ClipRow = { id: newId(), deviceId: device.id, orgUnitId: device.orgUnitId!, officerId: person.id, startAt, endAt, sha256: body.sha256, fileName: null, mimeType: null, sizeBytes: null, registeredBy: actor.userId, registeredByName: actor.displayName, registeredAt: clock.now(), isDemo: false };
      await db.transaction(async (tx) => {
        await clipsRepository.insert(tx, row);
        await recordAudit(tx, clock, actor, { action: 'case_evidence.clip.register', entityType: 'body_cam_clip', entityId: row.id, orgUnitId: row.orgUnitId, after: { deviceId: row.deviceId, officerId: row.officerId, startAt: body.startAt, endAt: body.endAt, sha256: row.sha256 } });
      });
      return clipView(row);
    },

    /** The clip's file, accepted only when its SHA-256 is the one registered. */
    async uploadFile(actor: Actor, id: string, file: UploadedFile): Promise<Static<typeof ClipS>> {
      const clip = await loadClip(actor, id);
      if (file.mimetype !== 'video/mp4') throw new AppError(415, 'evidence.type_not_allowed', `File type ${file.mimetype} is not accepted; clips are video/mp4`);
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'evidence.too_large', `Clips are limited to ${MAX_CLIP_BYTES / 1024 / 1024} MB`);
        throw e;
      }
      if (data.length === 0) throw badRequest('evidence.empty', 'The file is empty');
      if (!blobs) throw new AppError(503, 'evidence.storage_unavailable', 'No evidence storage is configured');
      const sha256 = crypto.createHash('sha256').update(data).digest('hex');
      // Checked before storing: a file that is not the registered recording never enters the store.
      if (sha256 !== clip.sha256) throw conflict('case_evidence.clip_hash_mismatch', `The file's SHA-256 ${sha256} is not the registered ${clip.sha256}`, { expected: clip.sha256, actual: sha256 });
      try {
        await blobs.put(Readable.from([data]), MAX_CLIP_BYTES);
      } catch (e) {
        if (e instanceof BlobTooLargeError) throw new AppError(413, 'evidence.too_large', `Clips are limited to ${MAX_CLIP_BYTES / 1024 / 1024} MB`);
        throw e;
      }
      const f = { fileName: file.filename.slice(0, 200), mimeType: file.mimetype, sizeBytes: data.length };
      await db.transaction(async (tx) => {
        await clipsRepository.setFile(tx, clip.id, f);
        await recordAudit(tx, clock, actor, { action: 'case_evidence.clip.upload', entityType: 'body_cam_clip', entityId: clip.id, orgUnitId: clip.orgUnitId, after: { sha256, ...f } });
      });
      return clipView({ ...clip, ...f });
    },

    async list(actor: Actor, q: { officerId: string; from: string; to: string }): Promise<Static<typeof ClipList>> {
      const person = await clipsRepository.findPerson(db, q.officerId);
      if (!person || !inScope(actor, person.unitPath)) throw notFound('case_evidence.officer_not_found', 'Officer not found');
      return { items: (await clipsRepository.ofOfficers(db, [q.officerId], new Date(q.from), new Date(q.to))).map(clipView) };
    },

    async linksOfCase(actor: Actor, caseId: string): Promise<Static<typeof ClipLinks>> {
      await loadCase(actor, caseId);
      return { caseId, items: await links(caseId) };
    },

    /**
     * The officers' steps of a case with their linked clips; a step needing 全程音像记录 says whether the clips cover
     * it now (steps recorded before the rule, or by the demo, may lack their time on the spot: `no_time`).
     */
    async stepsOfCase(actor: Actor, caseId: string): Promise<Static<typeof CaseStepClips>> {
      await loadCase(actor, caseId);
      const all = await links(caseId);
      const items: Static<typeof CaseStepClips>['items'] = [];
      for (const e of await clipsRepository.stepsOf(db, caseId)) {
        const needsRecording = requiresRecording(e.action);
        if (e.officers.length === 0 && !needsRecording) continue;
        const officerIds = e.officers.map((o) => o.personId);
        const s = typeof e.payload.startedAt === 'string' && typeof e.payload.endedAt === 'string' ? stepSpanOf(e) : null;
        let recording: Static<typeof CaseStepClips>['items'][number]['recording'] = null;
        if (needsRecording && !s) recording = { covered: false, problem: 'no_time', gaps: [] };
        else if (needsRecording && s) {
          const problem = coveringClipProblem({ action: e.action, officerIds, ...s }, await clipsCovering(db, caseId, officerIds, s.from, s.to));
          const gaps = (problem?.details?.gaps ?? []) as { from: string; to: string }[];
          recording = { covered: problem === null, problem: problem ? 'gaps' : null, gaps };
        }
        items.push({
          eventId: Number(e.id),
          action: e.action,
          onDate: e.onDate,
          at: e.at.toISOString(),
          startedAt: s ? s.from.toISOString() : null,
          endedAt: s ? s.to.toISOString() : null,
          officers: e.officers.map((o) => ({ personId: o.personId, name: o.name })),
          needsRecording,
          recording,
          clips: all.filter((l) => l.stepEventId === Number(e.id)),
        });
      }
      return { caseId, items };
    },

    /** Links to the step every clip of its officers overlapping its time (pure rule: `clipsForStep`). */
    async autoLink(actor: Actor, caseId: string, eventId: number): Promise<Static<typeof AutoLinked>> {
      const { c, span: s, officerIds } = await loadStep(actor, caseId, eventId);
      const candidates = await clipsRepository.ofOfficers(db, officerIds, s.from, s.to);
      const chosen = clipsForStep({ officerIds, ...s }, candidates);
      const linked = await db.transaction(async (tx) => {
        const n = await clipsRepository.link(tx, chosen.map((clip) => ({ caseId, stepEventId: eventId, clipId: clip.id, how: 'auto', linkedBy: actor.userId, linkedByName: actor.displayName, linkedAt: clock.now() })));
        if (n > 0) await recordAudit(tx, clock, actor, { action: 'case_evidence.clip.auto_link', entityType: 'enforcement_case', entityId: caseId, orgUnitId: c.orgUnitId, after: { stepEventId: eventId, clipIds: chosen.map((x) => x.id) } });
        return n;
      });
      return { linked, items: await links(caseId, eventId) };
    },

    /** Links one clip by hand (any officer's camera); refused when its time does not overlap the step. */
    async link(actor: Actor, caseId: string, eventId: number, clipId: string): Promise<Static<typeof ClipLinks>> {
      const { c, span: s } = await loadStep(actor, caseId, eventId);
      const clip = await loadClip(actor, clipId);
      const problem = linkProblem(s, span(clip));
      if (problem) throw conflict(problem.code, problem.message, problem.details);
      await db.transaction(async (tx) => {
        const n = await clipsRepository.link(tx, [{ caseId, stepEventId: eventId, clipId, how: 'manual', linkedBy: actor.userId, linkedByName: actor.displayName, linkedAt: clock.now() }]);
        if (n > 0) await recordAudit(tx, clock, actor, { action: 'case_evidence.clip.link', entityType: 'enforcement_case', entityId: caseId, orgUnitId: c.orgUnitId, after: { stepEventId: eventId, clipId } });
      });
      return { caseId, items: await links(caseId, eventId) };
    },
  };
}

export type ClipService = ReturnType<typeof createClipService>;
