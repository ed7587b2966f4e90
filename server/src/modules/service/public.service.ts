import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Static } from 'typebox';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { AppError, badRequest, notFound, tooMany, validationFailed, type FieldIssue } from '../../platform/errors';
import { BlobMissingError, type BlobStore } from '../../platform/blob-store';
import { textProblem } from '../../platform/validation';
import { newId } from '../../platform/ids';
import { checkAnswer, createNonceLedger, issueChallenge, type CheckProblem } from './domain/human-check';
import { DEFAULT_REPORT_LIMITS, createReportLimiter, normalizePhone, phoneKeyOf, reporterKeyOf, type ReportLimits } from './domain/abuse-limits';
import { sniffImage, stripMetadata, type PhotoProblem } from './domain/public-photo';
import { publicRepository as repo } from './public.repository';
import { PUBLIC_FORM, type Challenge, type PublicCategories, type PublicStatus, type RatingBody, type Submitted } from './public.schemas';

/** What the public slice needs of the core (request.service.ts): storing a report, rating it. */
export interface PublicCore {
  submit(
    input: { categoryId: string; description: string; lat?: number; lon?: number; address?: string; contactName?: string; contactPhone?: string },
    source: 'public',
    actor: null,
    opts: { reporterKey: string; category?: Awaited<ReturnType<typeof repo.activeCategories>>[number] },
  ): Promise<{ id: string; trackingCode: string; state: string; submittedAt: string }>;
  rate(trackingCode: string, body: Static<typeof RatingBody>): Promise<unknown>;
}

/** One uploaded file of the form, already read (size-limited by the multipart parser). */
export interface FormFile {
  fileName: string;
  data: Buffer;
}

export interface PublicDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
  core: PublicCore;
  /** Where the slice keeps its secret (HMAC key of the human check, salt of reporter keys): `<dataDir>/secrets`. */
  dataDir: string;
  limits?: ReportLimits;
}

/**
 * The secret of the public slice, created on first use and kept in the data dir (0600), so that a restart keeps
 * tokens valid and reporter keys comparable. Instances sharing one database should share the data dir's secret.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, 'service-public.key');
  try {
    const b = fs.readFileSync(file);
    if (b.length >= 32) return b;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (e) {
    // Another instance created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file);
    throw e;
  }
}

const HUMAN_CHECK_ERRORS: Record<Exclude<CheckProblem, 'busy'>, [string, string]> = {
  invalid: ['service.human_check_invalid', 'The human check is missing or not one this server issued; ask for a new question'],
  expired: ['service.human_check_expired', 'The question has expired; answer a new one'],
  wrong: ['service.human_check_wrong', 'The answer to the question is wrong; answer a new one'],
  used: ['service.human_check_used', 'This question was already answered once; answer a new one'],
};

const PHOTO_ERRORS: Record<PhotoProblem, [string, string]> = {
  not_image: ['service.photo_not_image', 'is not a photo'],
  unsupported_image: ['service.photo_unsupported', 'is a picture of a kind that is not accepted (JPEG, PNG or WebP only)'],
  broken_image: ['service.photo_broken', 'looks like a photo but cannot be read (damaged or cut off)'],
  too_many_pixels: ['service.photo_unsupported', 'has too many pixels'],
};

/** Raw text fields of the report form, as the multipart parser gives them. */
export type FormFields = Partial<Record<'category' | 'description' | 'lat' | 'lon' | 'address' | 'contactName' | 'contactPhone' | 'challengeToken' | 'challengeAnswer', string>>;

const FORM_FIELDS = new Set(['category', 'description', 'lat', 'lon', 'address', 'contactName', 'contactPhone', 'challengeToken', 'challengeAnswer']);
export const isFormField = (name: string): name is keyof FormFields => FORM_FIELDS.has(name);

const clean = (s: string | undefined) => (s ?? '').trim();

/** The form's text fields checked, every problem on its field (coordinates are checked by the core). */
export function formIssues(f: FormFields): { issues: FieldIssue[]; lat: number; lon: number; phone: string | null } {
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(f)) {
    const p = textProblem(value ?? '');
    if (p) issues.push({ field, ...p });
  }
  if (!clean(f.category)) issues.push({ field: 'category', code: 'required', message: 'choose a category' });
  const description = clean(f.description);
  const len = [...description].length;
  if (!len) issues.push({ field: 'description', code: 'required', message: 'describe the problem' });
  else if (len < PUBLIC_FORM.descriptionMin) issues.push({ field: 'description', code: 'too_short', message: `at least ${PUBLIC_FORM.descriptionMin} characters`, params: { limit: PUBLIC_FORM.descriptionMin } });
  else if (len > PUBLIC_FORM.descriptionMax) issues.push({ field: 'description', code: 'too_long', message: `at most ${PUBLIC_FORM.descriptionMax} characters`, params: { limit: PUBLIC_FORM.descriptionMax } });
  if ([...clean(f.address)].length > PUBLIC_FORM.addressMax) issues.push({ field: 'address', code: 'too_long', message: `at most ${PUBLIC_FORM.addressMax} characters`, params: { limit: PUBLIC_FORM.addressMax } });
  if ([...clean(f.contactName)].length > PUBLIC_FORM.nameMax) issues.push({ field: 'contactName', code: 'too_long', message: `at most ${PUBLIC_FORM.nameMax} characters`, params: { limit: PUBLIC_FORM.nameMax } });
  let phone: string | null = null;
  if (clean(f.contactPhone)) {
    phone = normalizePhone(clean(f.contactPhone));
    if (!phone) issues.push({ field: 'contactPhone', code: 'format', message: 'a mainland mobile number (11 digits) or a fixed line with its area code' });
  }
  // Location is required: it decides which team the report goes to. Numbers here; China and 0,0 by the core.
  const num = (s: string | undefined) => (clean(s) === '' ? NaN : Number(clean(s)));
  const lat = num(f.lat);
  const lon = num(f.lon);
  if (clean(f.lat) === '' || clean(f.lon) === '') issues.push({ field: 'location', code: 'required', message: 'pick the place on the map or use the phone’s position' });
  else if (!Number.isFinite(lat) || !Number.isFinite(lon)) issues.push({ field: 'location', code: 'invalid', message: 'lat and lon must be decimal degrees (WGS-84)' });
  if (!clean(f.challengeToken) || !clean(f.challengeAnswer)) issues.push({ field: 'challengeAnswer', code: 'required', message: 'answer the question in the picture' });
  return { issues, lat, lon, phone };
}

export function createPublicService(deps: PublicDeps) {
  const { database, clock, blobs, core } = deps;
  let secret: { hmac: Buffer; salt: Buffer } | null = null;
  // Lazily: building the app (OpenAPI generation, tests that never report) writes nothing to the data dir.
  const keys = () => {
    if (!secret) {
      const k = loadOrCreateSecret(deps.dataDir);
      const derive = (label: string) => crypto.createHmac('sha256', k).update(label).digest();
      secret = { hmac: derive('guifan service human check'), salt: derive('guifan service reporter key') };
    }
    return secret;
  };
  const ledger = createNonceLedger();
  // The active categories, read at most every CATEGORY_TTL_MS: every report names one, and reading them per report
  // was a tenth of the report's queries. A category switched off takes reports for at most that long.
  let categoryCache: { at: number; rows: Awaited<ReturnType<typeof repo.activeCategories>> } | null = null;
  const activeCategories = async () => {
    const now = Date.now();
    if (!categoryCache || now - categoryCache.at > CATEGORY_TTL_MS) categoryCache = { at: now, rows: await repo.activeCategories(database.db) };
    return categoryCache.rows;
  };
  const limiter = createReportLimiter(deps.limits ?? DEFAULT_REPORT_LIMITS);

  function limited(kind: 'address' | 'phone', retryAt: number, now: number): AppError {
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    return tooMany('service.rate_limited', `Too many reports from this ${kind === 'address' ? 'address' : 'phone number'}; try again after ${new Date(retryAt).toISOString()}`, {
      limit: kind,
      retryAt: new Date(retryAt).toISOString(),
      retryAfterSeconds,
    });
  }

  return {
    challenge(): Static<typeof Challenge> {
      const c = issueChallenge(keys().hmac, clock.now().getTime());
      return { token: c.token, svg: c.svg, expiresAt: new Date(c.expiresAt).toISOString() };
    },

    async categories(): Promise<Static<typeof PublicCategories>> {
      const rows = await activeCategories();
      return { items: rows.map(({ code, name, nameEn, bigClass }) => ({ code, name, nameEn, bigClass })) };
    },

    /** Refused before the body is read when this address is already over its limit (a flood costs little). */
    precheck(ip: string): void {
      const now = clock.now().getTime();
      const r = limiter.blocked(reporterKeyOf(keys().salt, ip), now);
      if (r !== null) throw limited('address', r, now);
    },

    /**
     * A report: fields checked (every problem on its field), each photo by its bytes (the refusal names the file
     * and why), the human check spent, the limits per address and phone taken, then stored by the core with the
     * photos (original for staff, metadata-free copy for the public). A limit slot is given back if storing fails.
     */
    async submit(ip: string, fields: FormFields, files: FormFile[]): Promise<Static<typeof Submitted>> {
      const { issues, lat, lon, phone } = formIssues(fields);
      if (issues.length) throw validationFailed('The report has problems', issues);
      if (files.length > PUBLIC_FORM.maxPhotos) throw badRequest('service.too_many_photos', `At most ${PUBLIC_FORM.maxPhotos} photos`, { max: PUBLIC_FORM.maxPhotos });
      const photos = files.map((f, index) => {
        const s = sniffImage(f.data);
        if (!s.ok) {
          const [code, why] = PHOTO_ERRORS[s.problem];
          throw new AppError(415, code, `Photo ${index + 1} (${f.fileName}) ${why}${s.looksLike ? ` (it looks like ${s.looksLike})` : ''}`, { file: f.fileName, index, reason: s.problem, ...(s.looksLike ? { looksLike: s.looksLike } : {}) });
        }
        const stripped = stripMetadata(f.data, s.mime);
        return { ...s, original: f.data, stripped: stripped.equals(f.data) ? null : stripped };
      });
      const code = clean(fields.category);
      const category = (await activeCategories()).find((c) => c.code === code);
      if (!category) throw validationFailed('The report has problems', [{ field: 'category', code: 'invalid', message: 'not a category one can report' }]);

      const { hmac, salt } = keys();
      const now = clock.now().getTime();
      const check = checkAnswer(hmac, ledger, clean(fields.challengeToken), clean(fields.challengeAnswer), now);
      if (!check.ok) {
        if (check.problem === 'busy') throw tooMany('service.rate_limited', 'Too many reports right now; try again in a few minutes', { limit: 'server', retryAfterSeconds: 60, retryAt: new Date(now + 60_000).toISOString() });
        const [code, message] = HUMAN_CHECK_ERRORS[check.problem];
        throw badRequest(code, message);
      }
      const reporterKey = reporterKeyOf(salt, ip);
      const slot = limiter.reserve(reporterKey, phone ? phoneKeyOf(salt, phone) : null, now);
      if (!slot.ok) throw limited(slot.kind, slot.retryAt, now);
      try {
        const stored = [];
        for (const p of photos) {
          const original = await blobs.put(Readable.from(p.original), PUBLIC_FORM.maxPhotoBytes);
          const publicCopy = p.stripped ? await blobs.put(Readable.from(p.stripped), PUBLIC_FORM.maxPhotoBytes) : null;
          stored.push({ sha256: original.sha256, publicSha256: publicCopy?.sha256 ?? null, mime: p.mime, bytes: original.sizeBytes, width: p.width, height: p.height });
        }
        const optional = (k: 'address' | 'contactName', v: string | undefined) => (clean(v) ? { [k]: clean(v) } : {});
        const r = await core.submit(
          { categoryId: category.id, description: clean(fields.description), lat, lon, ...optional('address', fields.address), ...optional('contactName', fields.contactName), ...(phone ? { contactPhone: phone } : {}) },
          'public',
          null,
          { reporterKey, category },
        );
        // The core's submit has no hook for rows of its transaction: the photo rows follow at once (their files
        // are already stored, so only this insert stands between the report and its photos).
        const uploadedAt = clock.now();
        await repo.insertPhotos(
          database.db,
          stored.map((p) => ({ id: newId(), requestId: r.id, stage: 'report', ...p, public: true, uploadedBy: null, uploadedAt })),
        );
        return { trackingCode: r.trackingCode, state: r.state, submittedAt: r.submittedAt, photos: stored.length };
      } catch (e) {
        slot.release();
        throw e;
      }
    },

    async status(code: string): Promise<Static<typeof PublicStatus>> {
      const found = await repo.requestByCode(database.db, normalizeCode(code));
      if (!found) throw notFound('service.report_not_found', 'No report with this tracking code');
      const { r, c } = found;
      const [events, photos] = await Promise.all([repo.events(database.db, r.id), repo.publicPhotos(database.db, r.id)]);
      let follows: { trackingCode: string; state: string; handledAt: Date | null; repliedAt: Date | null; replyText: string | null } | null = null;
      if (r.state === 'merged' && r.duplicateOfId) {
        const t = await repo.requestById(database.db, r.duplicateOfId);
        if (t) follows = t;
      }
      const shown = follows && r.state === 'merged' ? follows : r;
      return {
        trackingCode: r.trackingCode,
        category: c,
        state: r.state === 'merged' && follows ? follows.state : r.state,
        description: r.description,
        address: r.address,
        lat: r.lat,
        lon: r.lon,
        submittedAt: r.submittedAt.toISOString(),
        replyDueAt: r.replyDueAt?.toISOString() ?? null,
        handledAt: shown.handledAt?.toISOString() ?? null,
        reply: shown.replyText ? { text: shown.replyText, at: shown.repliedAt?.toISOString() ?? null } : null,
        timeline: events.map((e) => ({ at: e.at.toISOString(), action: e.action, toState: e.toState, reason: PUBLIC_REASONS.has(e.action) ? e.reason : null })),
        photos,
        rating: r.satisfaction ? { satisfaction: r.satisfaction as 'satisfied', comment: r.satisfactionComment, at: r.ratedAt?.toISOString() ?? null } : null,
        canRate: r.state === 'replied' && !r.satisfaction,
        canReopen: r.state === 'replied' && r.reopenCount === 0,
        // Never the other report's code: it is its reporter's key to their status page and their rating.
        mergedWithAnother: follows !== null,
        isDemo: r.isDemo,
      };
    },

    async rate(code: string, body: Static<typeof RatingBody>): Promise<Static<typeof PublicStatus>> {
      await core.rate(normalizeCode(code), body);
      return this.status(code);
    },

    async photo(id: string): Promise<{ mime: string; data: Buffer }> {
      const p = await repo.publicPhoto(database.db, id);
      if (!p) throw notFound('service.photo_not_found', 'No public photo with this id');
      try {
        return { mime: p.mime, data: await blobs.getVerified(p.publicSha256 ?? p.sha256) };
      } catch (e) {
        if (e instanceof BlobMissingError) throw notFound('service.photo_not_found', 'No public photo with this id');
        throw e;
      }
    },
  };
}
export type PublicService = ReturnType<typeof createPublicService>;

/** How long the list of active categories is reused (see activeCategories). */
const CATEGORY_TTL_MS = 10_000;

/** Timeline actions whose reason the reporter is owed (why the report was not accepted or was merged). */
const PUBLIC_REASONS = new Set(['reject', 'merge']);

/** Tracking codes are printed in capitals; people type them any way. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();
