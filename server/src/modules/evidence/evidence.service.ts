import { Readable } from 'node:stream';
import path from 'node:path';
import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inScope, type Actor } from '../../platform/permissions';
import { BlobCorruptedError, BlobMissingError, BlobTooLargeError, EVIDENCE_TYPES, sniffMatches, type BlobStore } from '../../platform/blob-store';
import { recordAudit } from '../audit';
import { readExif } from './domain/exif';
import { EVIDENCE_KIND_ITEM, EVIDENCE_LAW, isDecided, type CustodyAction, type EvidenceKind } from './domain/kinds';
import { evidenceRepository, type CaseRef, type EvidenceRow } from './evidence.repository';
import type { CustodyEntryS, EvidenceDetail, EvidenceList, EvidenceS, Withdrawn } from './evidence.schemas';

/** The same limit as every other upload of evidence (assessment evidence, 20 MB). */
export const MAX_CASE_EVIDENCE_BYTES = 20 * 1024 * 1024;

interface Deps {
  database: Database;
  clock: Clock;
  /** Where the files go; without it uploads and downloads answer `evidence.storage_unavailable`. */
  blobs?: BlobStore | undefined;
}

export interface UploadedFile {
  filename: string;
  mimetype: string;
  toBuffer(): Promise<Buffer>;
}

/** The audit code of a custody action. */
type CustodyCode = `case_evidence.${CustodyAction}`;

const archived = () => conflict('case.archived', 'The case is archived: its file is read-only');
const tooLarge = () => new AppError(413, 'evidence.too_large', `Evidence files are limited to ${MAX_CASE_EVIDENCE_BYTES / 1024 / 1024} MB`);

function view(e: EvidenceRow): Static<typeof EvidenceS> {
  return {
    id: e.id,
    caseId: e.caseId,
    orgUnitId: e.orgUnitId,
    stepEventId: e.stepEventId,
    kind: e.kind as EvidenceKind,
    lawItem: EVIDENCE_KIND_ITEM[e.kind as EvidenceKind],
    title: e.title,
    sha256: e.sha256,
    fileName: e.fileName,
    mimeType: e.mimeType,
    sizeBytes: e.sizeBytes,
    takenAt: e.takenAtText,
    lat: e.lat,
    lon: e.lon,
    uploadedAt: e.uploadedAt.toISOString(),
    uploadedByName: e.uploadedByName,
    supersededBy: e.supersededBy,
    supersededReason: e.supersededReason,
    supersededAt: e.supersededAt?.toISOString() ?? null,
    deletedAt: e.deletedAt?.toISOString() ?? null,
    isDemo: e.isDemo,
  };
}

export function createEvidenceService({ database, clock, blobs }: Deps) {
  const { db } = database;

  async function loadCase(actor: Actor, caseId: string, tx: DbOrTx = db, lock = false): Promise<CaseRef> {
    const c = await evidenceRepository.findCase(tx, caseId, lock);
    // Out of scope answers exactly like missing (as the case module does).
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }

  async function loadEvidence(actor: Actor, id: string, tx: DbOrTx = db, lock = false): Promise<{ e: EvidenceRow; c: CaseRef }> {
    const e = await evidenceRepository.find(tx, id, lock);
    const c = e ? await evidenceRepository.findCase(tx, e.caseId) : undefined;
    if (!e || !c || !inScope(actor, c.unitPath)) throw notFound('case_evidence.not_found', 'Evidence not found');
    return { e, c };
  }

  /** One custody entry and its audit record, in the caller's transaction. */
  async function custody(tx: DbOrTx, actor: Actor, e: Pick<EvidenceRow, 'id' | 'caseId' | 'orgUnitId' | 'sha256'>, what: { action: CustodyCode; detail?: Record<string, unknown> }) {
    // Call sites spell the audit code in full, so the audit-words check finds every one of them.
    const action = what.action.slice('case_evidence.'.length) as CustodyAction;
    const detail = what.detail ?? {};
    const entry = await evidenceRepository.appendCustody(tx, { evidenceId: e.id, caseId: e.caseId, action, actorId: actor.userId, actorName: actor.displayName, at: clock.now(), detail: { sha256: e.sha256, ...detail } });
    await recordAudit(tx, clock, actor, { action: what.action, entityType: 'case_evidence', entityId: e.id, orgUnitId: e.orgUnitId, after: { caseId: e.caseId, custodyEntry: entry.id, ...entry.detail } });
  }

  /** Reads the upload, checks type and content, stores it by SHA-256 and reads the photo's EXIF. */
  async function store(file: UploadedFile) {
    const ext = path.extname(file.filename).toLowerCase();
    const allowed = EVIDENCE_TYPES[file.mimetype];
    if (!allowed || !allowed.includes(ext)) {
      throw new AppError(415, 'evidence.type_not_allowed', `File type ${file.mimetype} (${ext || 'no extension'}) is not accepted; allowed: ${Object.values(EVIDENCE_TYPES).flat().join(' ')}`);
    }
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw e;
    }
    if (data.length === 0) throw badRequest('evidence.empty', 'The file is empty');
    if (!sniffMatches(file.mimetype, data.subarray(0, 16))) throw new AppError(415, 'evidence.content_mismatch', `The file's content is not a ${file.mimetype}`);
    if (!blobs) throw new AppError(503, 'evidence.storage_unavailable', 'No evidence storage is configured');
    let stored: { sha256: string; sizeBytes: number };
    try {
      stored = await blobs.put(Readable.from([data]), MAX_CASE_EVIDENCE_BYTES);
    } catch (e) {
      if (e instanceof BlobTooLargeError) throw tooLarge();
      throw e;
    }
    const exif = file.mimetype === 'image/jpeg' ? readExif(data) : { takenAt: null, lat: null, lon: null };
    return { ...stored, exif, fileName: file.filename.slice(0, 200), mimeType: file.mimetype };
  }

  function newRow(actor: Actor, c: CaseRef, s: Awaited<ReturnType<typeof store>>, meta: { kind: EvidenceKind; title: string; stepEventId: number | null }) {
    return {
      id: newId(),
      caseId: c.id,
      orgUnitId: c.orgUnitId,
      stepEventId: meta.stepEventId,
      kind: meta.kind,
      title: meta.title,
      sha256: s.sha256,
      fileName: s.fileName,
      mimeType: s.mimeType,
      sizeBytes: s.sizeBytes,
      takenAt: s.exif.takenAt ? new Date(s.exif.takenAt) : null,
      takenAtText: s.exif.takenAt,
      lat: s.exif.lat,
      lon: s.exif.lon,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
      uploadedAt: clock.now(),
      supersededBy: null,
      supersededReason: null,
      supersededAt: null,
      deletedAt: null,
      deletedBy: null,
      isDemo: false,
    } satisfies EvidenceRow;
  }

  return {
    async list(actor: Actor, caseId: string): Promise<Static<typeof EvidenceList>> {
      const c = await loadCase(actor, caseId);
      const rows = await evidenceRepository.listOfCase(db, caseId);
      return { caseId, decided: isDecided(c), law: { ...EVIDENCE_LAW }, items: rows.filter((r) => r.deletedAt === null).map(view) };
    },

    async upload(actor: Actor, caseId: string, meta: { kind: EvidenceKind; title: string; stepEventId?: number | undefined }, file: UploadedFile): Promise<Static<typeof EvidenceS>> {
      const c = await loadCase(actor, caseId);
      const stepEventId = meta.stepEventId ?? null;
      if (stepEventId !== null && !(await evidenceRepository.findStep(db, caseId, stepEventId))) {
        throw notFound('case_evidence.step_not_found', `The case has no step ${stepEventId}`);
      }
      const s = await store(file);
      const row = newRow(actor, c, s, { kind: meta.kind, title: meta.title.trim(), stepEventId });
      await db.transaction(async (tx) => {
        // Checked on the locked case row: an archived case's file is read-only (卷宗 archive), even against a 归档
        // recorded while the file was being stored.
        if ((await loadCase(actor, caseId, tx, true)).state === 'archived') throw archived();
        await evidenceRepository.insert(tx, row);
        await custody(tx, actor, row, { action: 'case_evidence.uploaded', detail: { kind: row.kind, fileName: row.fileName, sizeBytes: row.sizeBytes, stepEventId, takenAt: row.takenAtText, lat: row.lat, lon: row.lon } });
      });
      return view(row);
    },

    /** The evidence with its custody log; looking is itself recorded (`viewed`). */
    async get(actor: Actor, id: string): Promise<Static<typeof EvidenceDetail>> {
      const { e } = await loadEvidence(actor, id);
      await db.transaction((tx) => custody(tx, actor, e, { action: 'case_evidence.viewed' }));
      const log = await evidenceRepository.custodyOf(db, id);
      return { evidence: view(e), custody: log.map((l) => ({ id: l.id, action: l.action as CustodyAction, actorName: l.actorName, at: l.at.toISOString(), detail: l.detail as Static<typeof CustodyEntryS>['detail'] })) };
    },

    /**
     * The file after re-hashing it. A file whose bytes no longer match the hash recorded at upload is never served:
     * the refusal is logged (custody `hash_mismatch` and the audit chain) and answered `evidence.corrupted`.
     */
    async download(actor: Actor, id: string, purpose: 'download' | 'export' = 'download'): Promise<{ meta: EvidenceRow; data: Buffer }> {
      const { e } = await loadEvidence(actor, id);
      if (!blobs) throw new AppError(503, 'evidence.storage_unavailable', 'No evidence storage is configured');
      let data: Buffer;
      try {
        data = await blobs.getVerified(e.sha256);
      } catch (err) {
        if (err instanceof BlobCorruptedError || err instanceof BlobMissingError) {
          const missing = err instanceof BlobMissingError;
          await db.transaction((tx) => custody(tx, actor, e, { action: 'case_evidence.hash_mismatch', detail: { purpose, problem: missing ? 'missing' : 'changed' } }));
          if (missing) throw new AppError(500, 'evidence.missing', `The stored file ${e.sha256} is missing`);
          throw new AppError(500, 'evidence.corrupted', `The stored file no longer matches its SHA-256 ${e.sha256}; it is not served`);
        }
        throw err;
      }
      await db.transaction((tx) => custody(tx, actor, e, { action: purpose === 'export' ? 'case_evidence.exported' : 'case_evidence.downloaded' }));
      return { meta: e, data };
    },

    /**
     * Withdraws evidence uploaded by mistake. Only before the decision: evidence of a decided case is part of the
     * record the decision rests on, and is only ever superseded with a reason.
     */
    async remove(actor: Actor, id: string): Promise<Static<typeof Withdrawn>> {
      return db.transaction(async (tx) => {
        const { e } = await loadEvidence(actor, id, tx, true);
        const c = await loadCase(actor, e.caseId, tx, true);
        if (isDecided(c)) throw conflict('case_evidence.case_decided', 'Evidence of a decided case cannot be deleted; supersede it with a reason instead', { state: c.state });
        if (e.deletedAt) throw conflict('case_evidence.withdrawn', 'This evidence was already withdrawn');
        if (e.supersededAt) throw conflict('case_evidence.superseded', 'This evidence was superseded; it stays in the record');
        const at = clock.now();
        await evidenceRepository.markDeleted(tx, e.id, actor.userId, at);
        await custody(tx, actor, e, { action: 'case_evidence.deleted' });
        return { id: e.id, deletedAt: at.toISOString() };
      });
    },

    /** Replaces evidence with a new file (same kind and step), keeping the old one and its log, with a reason. */
    async supersede(actor: Actor, id: string, body: { reason: string; title?: string | undefined }, file: UploadedFile): Promise<Static<typeof EvidenceS>> {
      const reason = body.reason.trim();
      if (!reason) throw badRequest('case_evidence.reason_required', 'Say why the evidence is superseded', { issues: [{ field: 'reason', message: 'required' }] });
      const first = await loadEvidence(actor, id);
      const s = await store(file);
      return db.transaction(async (tx) => {
        const { e } = await loadEvidence(actor, id, tx, true);
        const c = await loadCase(actor, e.caseId, tx, true);
        if (c.state === 'archived') throw archived();
        if (e.deletedAt) throw conflict('case_evidence.withdrawn', 'This evidence was already withdrawn');
        if (e.supersededAt) throw conflict('case_evidence.superseded', 'This evidence was already superseded', { supersededBy: e.supersededBy });
        const row = newRow(actor, c, s, { kind: first.e.kind as EvidenceKind, title: body.title?.trim() || e.title, stepEventId: e.stepEventId });
        await evidenceRepository.insert(tx, row);
        await evidenceRepository.markSuperseded(tx, e.id, row.id, reason, row.uploadedAt);
        await custody(tx, actor, e, { action: 'case_evidence.superseded', detail: { reason, supersededBy: row.id, newSha256: row.sha256 } });
        await custody(tx, actor, row, { action: 'case_evidence.uploaded', detail: { kind: row.kind, fileName: row.fileName, sizeBytes: row.sizeBytes, supersedes: e.id, takenAt: row.takenAtText, lat: row.lat, lon: row.lon } });
        return view(row);
      });
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
