import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import archiver from 'archiver';
import type { Static } from 'typebox';
import type { Database, DbOrTx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { inScope, type Actor } from '../../platform/permissions';
import { BlobCorruptedError, BlobMissingError, type BlobStore } from '../../platform/blob-store';
import { recordAudit } from '../audit';
import type { CaseStep, CaseStepHook } from '../case';
import type { EvidenceService } from '../evidence';
import { DOSSIER_SOURCE, DOSSIER_STAGES, documentsOf, orderDocuments, orderPhotos } from './domain/order';
import { buildManifest, manifestBytes, manifestCsv, zipEntries, type EvidenceForZip, type Manifest, type ManifestEntry } from './domain/manifest';
import { embeddablePhoto } from './domain/photo';
import { resolveRetention, retentionIssue, retentionLabel, type Retention, type RetentionPolicy, type RetentionYears } from './domain/retention';
import { archiveRepository, type ArchiveCase, type ArchiveRow } from './archive.repository';
import type { ArchiveRecordS, ArchiveView, PolicyView } from './archive.schemas';

/** What the 卷宗 composer is given: the frame (cover, 备考表), the 文书 in the legal order, the photos in order. */
export interface DossierRequest {
  caseId: string;
  cover: { caseNo: string | null; party: string | null; cause: string | null; unit: string; filedOn: string | null; closedOn: string | null; archivedOn: string | null; retention: string };
  /** 文书 in the order of the 卷宗 (domain/order.ts), with their 文号 if issued. */
  documents: { docType: string; ref: string; number: string | null }[];
  photos: { data: Buffer; caption: string; takenAt: string | null; sha256: string }[];
  note: { evidenceCount: number; photoCount: number; archivedByName: string | null; archivedOn: string | null };
}

export interface DossierResult {
  pdf: Buffer;
  pageCount: number;
  index: { title: string; number: string | null; fromPage: number; toPage: number }[];
}

/**
 * The document module's render path, as the archive needs it (adapter in archive.sources.ts): fills each 文书 from
 * the case and composes the 卷宗 PDF. It reads with `tx`, because the 归档 step composes inside its transaction.
 */
export interface DossierComposer {
  compose(tx: DbOrTx, req: DossierRequest): Promise<DossierResult>;
}

interface Deps {
  database: Database;
  clock: Clock;
  blobs?: BlobStore | undefined;
  /** Verified reads of evidence, each logged in the custody log (evidence module). */
  evidence: Pick<EvidenceService, 'download'>;
  /** The 卷宗 composer (document module); without it the PDF answers 503 and the 归档 hook is not registered. */
  dossier?: DossierComposer | undefined;
}

/** Photos go into the 卷宗 PDF (the composer embeds JPEG and PNG); other evidence is listed in the ZIP only. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);
/** Already compressed: stored in the ZIP as they are (deflating them again costs time and saves nothing). */
const STORED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

const storageUnavailable = () => new AppError(503, 'evidence.storage_unavailable', 'No evidence storage is configured');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
/** Shanghai civil date of an instant. */
const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function unitIdsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function evidenceForZip(e: { id: string; kind: string; title: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; uploadedByName: string; uploadedAt: Date; supersededBy: string | null; supersededReason: string | null; deletedAt: Date | null }): EvidenceForZip {
  return { ...e, uploadedAt: e.uploadedAt.toISOString(), deletedAt: e.deletedAt?.toISOString() ?? null };
}

function recordView(r: ArchiveRow): Static<typeof ArchiveRecordS> {
  return {
    caseId: r.caseId,
    eventId: r.eventId,
    archivedOn: r.archivedOn,
    archivedAt: r.archivedAt.toISOString(),
    archivedByName: r.archivedByName,
    retention: { years: r.retentionYears, label: r.retentionLabel, source: r.retentionSource as Retention['source'], note: r.retentionNote, keepUntil: r.keepUntil },
    pdfSha256: r.pdfSha256,
    pdfBytes: r.pdfBytes,
    pdfPages: r.pdfPages,
    manifestSha256: r.manifestSha256,
    manifestBytes: r.manifestBytes,
    evidenceCount: r.evidenceCount,
    evidenceBytes: r.evidenceBytes,
    index: r.pdfIndex,
  };
}

export function createArchiveService({ database, clock, blobs, evidence, dossier }: Deps) {
  const { db } = database;

  async function loadCase(actor: Actor, caseId: string, tx: DbOrTx = db): Promise<ArchiveCase> {
    const c = await archiveRepository.findCase(tx, caseId);
    // Out of scope answers exactly like missing (as the case module does).
    if (!c || !inScope(actor, c.unitPath)) throw notFound('case.not_found', 'Case not found');
    return c;
  }

  async function retentionFor(tx: DbOrTx, unitPath: string, on: string): Promise<Retention> {
    const rows = await archiveRepository.policiesOn(tx, unitIdsOf(unitPath));
    const policies: RetentionPolicy[] = rows.map((r) => ({ unitPath: r.unitPath, years: r.p.years, note: r.p.note }));
    return resolveRetention(unitPath, on, policies);
  }

  async function entriesOf(tx: DbOrTx, caseId: string): Promise<ManifestEntry[]> {
    return zipEntries((await archiveRepository.evidence(tx, caseId)).map((r) => evidenceForZip(r.e)));
  }

  /** The 卷宗 PDF composed from the case as it is now (read with `tx`). */
  async function compose(tx: DbOrTx, c: ArchiveCase, frame: { archivedOn: string | null; archivedByName: string | null; retention: Retention }): Promise<DossierResult> {
    if (!dossier) throw new AppError(503, 'archive.composer_unavailable', 'The 卷宗 composer is not available');
    if (!blobs) throw storageUnavailable();
    const [parties, actions, numbers, ev] = await Promise.all([archiveRepository.parties(tx, c.id), archiveRepository.actions(tx, c.id), archiveRepository.issuedNumbers(tx, c.id), archiveRepository.evidence(tx, c.id)]);
    const documents = orderDocuments(documentsOf(actions, numbers).map((d, i) => ({ ...d, seq: i })));
    const current = ev.filter((r) => r.e.deletedAt === null && r.e.supersededAt === null);
    const photoRows = orderPhotos(current.filter((r) => PHOTO_TYPES.has(r.e.mimeType)).map((r) => ({ r, stepAction: r.stepAction, at: r.e.takenAt?.toISOString() ?? r.e.uploadedAt.toISOString() })));
    const photos: DossierRequest['photos'] = [];
    for (const p of photoRows) {
      // Verified like every read of evidence: a changed photo never goes into a 卷宗. One the PDF cannot draw stays in
      // the evidence ZIP only (domain/photo.ts).
      const data = await verifiedBlob(p.r.e.sha256);
      if (embeddablePhoto(data)) photos.push({ data, caption: p.r.e.title, takenAt: p.r.e.takenAtText, sha256: p.r.e.sha256 });
    }
    return dossier.compose(tx, {
      caseId: c.id,
      cover: {
        caseNo: c.caseNo ?? c.leadNo,
        party: parties.map((p) => p.name).join('、') || null,
        cause: c.violation?.name ?? null,
        unit: c.unitName,
        filedOn: c.filedOn,
        closedOn: c.closedOn,
        archivedOn: frame.archivedOn,
        retention: frame.retention.label,
      },
      documents: documents.map(({ docType, ref, number }) => ({ docType, ref, number })),
      photos,
      note: { evidenceCount: current.length, photoCount: photos.length, archivedByName: frame.archivedByName, archivedOn: frame.archivedOn },
    });
  }

  async function verifiedBlob(sha: string): Promise<Buffer> {
    if (!blobs) throw storageUnavailable();
    try {
      return await blobs.getVerified(sha);
    } catch (err) {
      if (err instanceof BlobCorruptedError || err instanceof BlobMissingError) {
        throw new AppError(500, 'evidence.hash_mismatch', `A stored file no longer matches its SHA-256 ${sha}`, { files: [{ sha256: sha, problem: err instanceof BlobMissingError ? 'missing' : 'changed' }] });
      }
      throw err;
    }
  }

  /** The entries whose stored file is missing or no longer matches its hash (each read one at a time). */
  async function unverified(entries: readonly ManifestEntry[]): Promise<{ path: string; evidenceId: string; sha256: string; problem: 'missing' | 'changed' }[]> {
    if (!blobs) throw storageUnavailable();
    const bad: { path: string; evidenceId: string; sha256: string; problem: 'missing' | 'changed' }[] = [];
    for (const e of entries) {
      try {
        await blobs.getVerified(e.sha256);
      } catch (err) {
        if (!(err instanceof BlobCorruptedError || err instanceof BlobMissingError)) throw err;
        bad.push({ path: e.path, evidenceId: e.evidenceId, sha256: e.sha256, problem: err instanceof BlobMissingError ? 'missing' : 'changed' });
      }
    }
    return bad;
  }

  /** Writes the archive record of a case entering `archived` (the 归档 step's `after` hook, in its transaction). */
  async function record(tx: DbOrTx, step: CaseStep & { eventId: number }): Promise<void> {
    if (!blobs) throw storageUnavailable();
    const c = await archiveRepository.findCase(tx, step.caseId);
    if (!c) throw notFound('case.not_found', 'Case not found');
    const now = clock.now();
    const archivedOn = step.onDate;
    const retention = await retentionFor(tx, c.unitPath, archivedOn);
    const result = await compose(tx, c, { archivedOn, archivedByName: step.actor.displayName, retention });
    const entries = await entriesOf(tx, c.id);
    // Every file the manifest names is checked against its hash now: the archived manifest states what was verified,
    // and a changed file refuses the 归档 (evidence.hash_mismatch) instead of being sealed into the record.
    const bad = await unverified(entries);
    if (bad.length) throw new AppError(500, 'evidence.hash_mismatch', `${bad.length} evidence file(s) no longer match their SHA-256; the case is not archived`, { files: bad });
    const manifest = manifestBytes(buildManifest({ caseId: c.id, caseNo: c.caseNo, unitName: c.unitName }, entries, now.toISOString()));
    // Kept by content: the archived copy is the bytes under these hashes, whatever happens to the case later. A step
    // that rolls back leaves the blobs behind unreferenced (harmless: content-addressed, and swept with the store).
    const pdf = await blobs.put(Readable.from([result.pdf]), Number.MAX_SAFE_INTEGER);
    const man = await blobs.put(Readable.from([manifest]), Number.MAX_SAFE_INTEGER);
    const row: ArchiveRow = {
      caseId: c.id,
      orgUnitId: c.orgUnitId,
      eventId: step.eventId,
      archivedOn,
      archivedAt: now,
      archivedBy: step.actor.userId,
      archivedByName: step.actor.displayName,
      retentionYears: retention.years,
      retentionLabel: retention.label,
      retentionSource: retention.source,
      retentionNote: retention.note,
      keepUntil: retention.keepUntil,
      pdfSha256: pdf.sha256,
      pdfBytes: pdf.sizeBytes,
      pdfPages: result.pageCount,
      manifestSha256: man.sha256,
      manifestBytes: man.sizeBytes,
      evidenceCount: entries.length,
      evidenceBytes: entries.reduce((s, e) => s + e.sizeBytes, 0),
      pdfIndex: result.index,
      isDemo: step.isDemo,
    };
    await archiveRepository.insert(tx, row);
    await recordAudit(tx, clock, step.actor, {
      action: 'case_archive.record',
      entityType: 'enforcement_case',
      entityId: c.id,
      orgUnitId: c.orgUnitId,
      after: { eventId: step.eventId, retention: retention.label, retentionSource: retention.source, keepUntil: retention.keepUntil, pdfSha256: pdf.sha256, pdfPages: result.pageCount, manifestSha256: man.sha256, evidenceCount: entries.length },
    });
  }

  return {
    /** The case step hook: 归档 writes the archive record in the step's transaction (a failure refuses the step). */
    hook: {
      async after(tx, step) {
        if (step.action === 'archive') await record(tx, step);
      },
    } satisfies CaseStepHook,

    async view(actor: Actor, caseId: string): Promise<Static<typeof ArchiveView>> {
      const c = await loadCase(actor, caseId);
      const rec = await archiveRepository.find(db, caseId);
      const ev = (await archiveRepository.evidence(db, caseId)).filter((r) => r.e.deletedAt === null);
      const retention = rec ? recordView(rec).retention : await retentionFor(db, c.unitPath, shanghaiDate(clock.now()));
      return {
        caseId,
        caseNo: c.caseNo,
        state: c.state,
        archived: c.state === 'archived',
        record: rec ? recordView(rec) : null,
        retention,
        evidence: { current: ev.filter((r) => r.e.supersededAt === null).length, superseded: ev.filter((r) => r.e.supersededAt !== null).length, totalBytes: ev.reduce((s, r) => s + r.e.sizeBytes, 0) },
        order: { source: { ...DOSSIER_SOURCE }, stages: DOSSIER_STAGES.map((s) => ({ key: s.key, name: s.name })) },
      };
    },

    /**
     * The 卷宗 PDF. An archived case answers the copy kept at 归档 (verified against its hash); any other case a
     * preview composed now.
     */
    async dossierPdf(actor: Actor, caseId: string): Promise<{ fileName: string; data: Buffer; sha256: string; archived: boolean }> {
      const c = await loadCase(actor, caseId);
      const fileName = `卷宗-${c.caseNo ?? c.leadNo ?? c.id}.pdf`;
      const rec = await archiveRepository.find(db, caseId);
      if (rec) {
        if (!blobs) throw storageUnavailable();
        try {
          return { fileName, data: await blobs.getVerified(rec.pdfSha256), sha256: rec.pdfSha256, archived: true };
        } catch (err) {
          if (err instanceof BlobCorruptedError || err instanceof BlobMissingError) throw new AppError(500, 'archive.copy_corrupted', `The archived 卷宗 PDF no longer matches its SHA-256 ${rec.pdfSha256}`);
          throw err;
        }
      }
      const today = shanghaiDate(clock.now());
      const result = await compose(db, c, { archivedOn: null, archivedByName: null, retention: await retentionFor(db, c.unitPath, today) });
      return { fileName, data: result.pdf, sha256: sha256(result.pdf), archived: false };
    },

    /**
     * The evidence ZIP: every file of the case (current and superseded) by kind, manifest.json and 清单.csv. Every file
     * is verified before the first byte is sent, so a changed file refuses the export as a whole
     * (`evidence.hash_mismatch`, each one logged as such); then files are streamed one at a time, each read verified
     * again and logged `exported` in its custody log. An archived case's ZIP carries the manifest kept at 归档.
     */
    async evidenceZip(actor: Actor, caseId: string): Promise<{ fileName: string; stream: Readable; manifestSha256: string }> {
      const c = await loadCase(actor, caseId);
      if (!blobs) throw storageUnavailable();
      const rec = await archiveRepository.find(db, caseId);
      let manifest: Buffer;
      let entries: ManifestEntry[];
      if (rec) {
        manifest = await verifiedBlob(rec.manifestSha256).catch((err: unknown) => {
          if (err instanceof AppError) throw new AppError(500, 'archive.copy_corrupted', `The archived manifest no longer matches its SHA-256 ${rec.manifestSha256}`);
          throw err;
        });
        entries = (JSON.parse(manifest.toString('utf8')) as Manifest).files;
      } else {
        entries = await entriesOf(db, caseId);
        manifest = manifestBytes(buildManifest({ caseId: c.id, caseNo: c.caseNo, unitName: c.unitName }, entries, clock.now().toISOString()));
      }

      // Verify first, then stream: a refusal is still a clean JSON answer.
      const bad = await unverified(entries);
      for (const e of bad) {
        // The evidence module logs the refused read (custody hash_mismatch + audit chain); its refusal is expected.
        await evidence.download(actor, e.evidenceId, 'export').catch((x: unknown) => {
          if (!(x instanceof AppError)) throw x;
        });
      }
      if (bad.length) throw new AppError(500, 'evidence.hash_mismatch', `${bad.length} evidence file(s) no longer match their SHA-256; nothing was exported`, { files: bad });

      const zip = archiver('zip', { zlib: { level: 6 } });
      const date = clock.now();
      // One file in memory at a time: the next is read only once the previous entry has been written to the stream.
      // A download broken off (the client gone, the stream destroyed) stops the loop instead of leaving it waiting.
      const ended = new Promise<never>((_, reject) => {
        zip.once('error', reject);
        zip.once('close', () => reject(new Error('the ZIP stream was closed')));
      });
      ended.catch(() => undefined);
      const produce = async () => {
        for (const e of entries) {
          const { meta, data } = await evidence.download(actor, e.evidenceId, 'export');
          const written = new Promise<void>((resolve) => zip.once('entry', () => resolve()));
          zip.append(data, { name: e.path, date, store: STORED_TYPES.has(meta.mimeType) });
          await Promise.race([written, ended]);
        }
        zip.append(manifest, { name: 'manifest.json', date });
        zip.append(manifestCsv(entries), { name: '清单.csv', date });
        await zip.finalize();
      };
      produce().catch((err: unknown) => {
        if (!zip.destroyed) zip.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return { fileName: `卷宗证据-${c.caseNo ?? c.leadNo ?? c.id}.zip`, stream: zip, manifestSha256: sha256(manifest) };
    },

    async policy(actor: Actor, orgUnitId: string): Promise<Static<typeof PolicyView>> {
      const u = await archiveRepository.unit(db, orgUnitId);
      if (!u || !inScope(actor, u.path)) throw notFound('org.unit_not_found', 'Org unit not found');
      const rows = await archiveRepository.policiesOn(db, unitIdsOf(u.path));
      const own = rows.find((r) => r.p.orgUnitId === orgUnitId)?.p;
      return {
        orgUnitId,
        inForce: await retentionFor(db, u.path, shanghaiDate(clock.now())),
        own: own ? { years: own.years, note: own.note, updatedByName: own.updatedByName, updatedAt: own.updatedAt.toISOString() } : null,
      };
    },

    /** Sets a unit's 保管期限 for cases archived from now on (archived cases keep theirs). */
    async setPolicy(actor: Actor, orgUnitId: string, body: { years: RetentionYears; note: string }): Promise<Static<typeof PolicyView>> {
      const issue = retentionIssue(body.years);
      if (issue) throw badRequest('archive.retention_invalid', issue, { issues: [{ field: 'years', message: issue }] });
      const u = await archiveRepository.unit(db, orgUnitId);
      if (!u || !inScope(actor, u.path)) throw notFound('org.unit_not_found', 'Org unit not found');
      await db.transaction(async (tx) => {
        const before = (await archiveRepository.policiesOn(tx, [orgUnitId]))[0]?.p;
        await archiveRepository.upsertPolicy(tx, { orgUnitId, years: body.years, note: body.note.trim(), updatedBy: actor.userId, updatedByName: actor.displayName, updatedAt: clock.now() });
        await recordAudit(tx, clock, actor, {
          action: 'archive_retention.set',
          entityType: 'org_unit',
          entityId: orgUnitId,
          orgUnitId,
          before: before ? { years: before.years, label: retentionLabel(before.years), note: before.note } : null,
          after: { years: body.years, label: retentionLabel(body.years), note: body.note.trim() },
        });
      });
      return this.policy(actor, orgUnitId);
    },
  };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
