import crypto from 'node:crypto';
import type { Static } from 'typebox';
import type { Database } from '../../db/client';
import { AppError } from '../../platform/errors';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/permissions';
import { recordAudit } from '../audit';
import { redactText } from '../publication';
import { commaList, contactName, MAX_RESULTS, requestWindow, statesFor, statusNotes, statusOf, updatedAt, w3Datetime } from './domain/open311';
import { keyReporter, open311Repository as repo, type ApiKeyRow, type Open311RequestRow } from './open311.repository';
import type { ApiKeyCreateBody, ApiKeyCreated, ApiKeyList, ApiKeyOut, ListQuery, Open311Created, Open311Definition, Open311Request, Open311Service, SubmitForm } from './open311.schemas';

/**
 * An Open311 answer that is not a success: the HTTP status and the spec's `description` (English, for the client's
 * developer; the spec's error body carries no code of ours). The routes render it as `[{code, description}]`.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
  }
}

export interface Open311Deps {
  database: Database;
  clock: Clock;
  /** The one jurisdiction this endpoint serves (GUIFAN_OPEN311_JURISDICTION). */
  jurisdictionId: string;
  /** The core's submit: routing, due times, timeline, audit (source open311, actor kind open311). */
  requests: Open311Submitter;
}

/** What the Open311 slice needs of the core (request.service.ts `submit`): a new request, routed, timed, audited. */
export interface Open311Submitter {
  submit(
    input: { categoryId: string; description: string; lat?: number; lon?: number; address?: string; contactName?: string; contactPhone?: string },
    source: 'open311',
    actor: null,
    opts: { reporterKey: string; actorKind: 'open311' },
  ): Promise<{ id: string; trackingCode: string }>;
}

/** A new key's abuse limit unless the administrator sets one: a partner app relaying residents' reports, not a flood. */
export const DEFAULT_HOURLY_LIMIT = 60;
const HOUR_MS = 3600_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** 256 random bits, URL-safe, with a recognisable prefix (a key pasted into the wrong place is easy to spot). */
export function newApiKey(): string {
  return `o311_${crypto.randomBytes(32).toString('base64url')}`;
}

/** Public photos of a report are served by the public slice under this path (id = the photo's id). */
export const PUBLIC_PHOTO_PATH = '/api/public/service/photos/';

export function createOpen311Service(deps: Open311Deps) {
  const { database, clock, jurisdictionId } = deps;
  const db = database.db;

  /** The spec: a jurisdiction_id that is given must be ours (404); not giving it is fine, we serve one. */
  function checkJurisdiction(given: string | undefined): void {
    if (given?.trim() && given.trim() !== jurisdictionId) throw new Open311Error(404, `jurisdiction_id ${given.trim()} not found; this endpoint serves ${jurisdictionId}`);
  }

  /** Only text that is fit for anyone to read: phone and ID numbers in free text are masked (the public page does the same). */
  const publicText = (s: string) => redactText(s, []);

  function toRequest(r: Open311RequestRow, baseUrl: string): Static<typeof Open311Request> {
    return {
      service_request_id: r.id,
      status: statusOf(r.state),
      status_notes: publicText(statusNotes(r)),
      service_name: r.categoryName,
      service_code: r.categoryCode,
      description: publicText(r.description),
      agency_responsible: r.teamName ?? '市级受理台',
      service_notice: limitsNotice(r),
      requested_datetime: w3Datetime(r.submittedAt),
      updated_datetime: w3Datetime(updatedAt(r)),
      expected_datetime: r.replyDueAt ? w3Datetime(r.replyDueAt) : null,
      address: r.address,
      address_id: null,
      zipcode: null,
      lat: r.lat,
      long: r.lon,
      media_url: r.photoId ? `${baseUrl}${PUBLIC_PHOTO_PATH}${r.photoId}` : null,
    };
  }

  const limitsNotice = (c: { acceptHours: number; handleHours: number; replyHours: number }) =>
    `受理时限 ${c.acceptHours} 个工作小时，处置时限 ${c.handleHours} 个工作小时，回复时限 ${c.replyHours} 个工作小时（按本局工作时间计）。`;

  /** Submissions of one key run one at a time in this process, so that two at once cannot both take its last place. */
  const keyQueues = new Map<string, Promise<unknown>>();
  function serialised<T>(keyId: string, work: () => Promise<T>): Promise<T> {
    const prev = keyQueues.get(keyId) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    keyQueues.set(keyId, tail);
    void tail.then(() => {
      if (keyQueues.get(keyId) === tail) keyQueues.delete(keyId);
    });
    return next;
  }

  function keyOut(k: ApiKeyRow, createdByName: string | null, usedLastHour: number): Static<typeof ApiKeyOut> {
    return {
      id: k.id,
      name: k.name,
      keyPrefix: k.keyPrefix,
      hourlyLimit: k.hourlyLimit,
      createdAt: k.createdAt.toISOString(),
      createdByName,
      revokedAt: k.revokedAt?.toISOString() ?? null,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      usedLastHour,
    };
  }

  return {
    jurisdictionId,

    /** GET services: one per active category, in the order of the public page. */
    async services(q: { jurisdiction_id?: string | undefined }): Promise<Static<typeof Open311Service>[]> {
      checkJurisdiction(q.jurisdiction_id);
      const cats = await repo.activeCategories(db);
      return cats.map((c) => ({
        service_code: c.code,
        service_name: c.name,
        description: `${c.bigClass} · ${c.name}。${limitsNotice(c)}`,
        metadata: false,
        type: 'realtime' as const,
        keywords: [c.name, c.nameEn, c.bigClass].filter((x): x is string => !!x?.trim()).join(', '),
        group: c.bigClass,
      }));
    },

    /** GET services/{code}: guifan's categories ask for nothing beyond the standard fields, so no attributes. */
    async definition(code: string, q: { jurisdiction_id?: string | undefined }): Promise<Static<typeof Open311Definition>> {
      checkJurisdiction(q.jurisdiction_id);
      const c = await repo.categoryByCode(db, code);
      if (!c || !c.active) throw new Open311Error(404, `service_code ${code} not found`);
      return { service_code: c.code, attributes: [] };
    },

    /** POST requests: the key (403), the jurisdiction, the service, a location we can route, then the core's submit. */
    /**
     * The key of a POST, checked before anything else of the request is looked at (403 in the spec's words): missing,
     * unknown and revoked keys alike.
     */
    async authenticate(apiKey: unknown): Promise<ApiKeyRow> {
      const text = typeof apiKey === 'string' ? apiKey.trim() : '';
      if (!text) throw new Open311Error(403, 'api_key is missing -- cannot proceed with create_request');
      const key = await repo.liveKeyByHash(db, sha256(text));
      if (!key) throw new Open311Error(403, 'Invalid api_key received -- cannot proceed with create_request');
      return key;
    },

    async submit(key: ApiKeyRow, f: Static<typeof SubmitForm>): Promise<Static<typeof Open311Created>[]> {
      checkJurisdiction(f.jurisdiction_id);
      const code = f.service_code?.trim();
      if (!code) throw new Open311Error(400, 'service_code was not provided');
      const category = await repo.categoryByCode(db, code);
      if (!category || !category.active) throw new Open311Error(404, `service_code ${code} not found`);
      const latText = f.lat?.trim() ?? '';
      const lonText = f.long?.trim() ?? '';
      if (!latText || !lonText) {
        // Routing is point-in-polygon over the teams' areas and there is no geocoder (the system runs offline).
        const why = f.address_string?.trim() || f.address_id?.trim() ? 'address_string / address_id alone cannot be located here: send lat and long (WGS-84)' : 'lat and long (WGS-84) are required';
        throw new Open311Error(400, why);
      }
      const lat = Number(latText);
      const lon = Number(lonText);
      if (!/^-?\d+(\.\d+)?$/.test(latText) || !/^-?\d+(\.\d+)?$/.test(lonText) || !Number.isFinite(lat) || !Number.isFinite(lon)) throw new Open311Error(400, 'lat and long must be decimal degrees');
      const description = f.description?.trim() ?? '';
      if (!description) throw new Open311Error(400, 'description was not provided');
      const phone = f.phone?.trim() ?? '';
      if (phone && !/^\+?[0-9][0-9 -]{4,24}$/.test(phone)) throw new Open311Error(400, 'phone must be a telephone number (digits, spaces, -, a leading +)');

      return serialised(key.id, async () => {
        const now = clock.now();
        const used = await repo.usedSince(db, key.id, new Date(now.getTime() - HOUR_MS));
        if (used >= key.hourlyLimit) throw new Open311Error(429, `this api_key may submit ${key.hourlyLimit} requests an hour; try again later`, 3600);
        let created: { id: string; trackingCode: string };
        try {
          const name = contactName(f.first_name, f.last_name);
          created = await deps.requests.submit(
            {
              categoryId: category.id,
              description,
              lat,
              lon,
              ...(f.address_string?.trim() ? { address: f.address_string.trim() } : {}),
              ...(name ? { contactName: name } : {}),
              ...(phone ? { contactPhone: phone } : {}),
            },
            'open311',
            null,
            { reporterKey: keyReporter(key.id), actorKind: 'open311' },
          );
        } catch (e) {
          // The core's refusals (a location outside China or at 0,0 …) are the client's to fix: said in the spec's format.
          if (e instanceof AppError && e.status < 500) throw new Open311Error(e.status === 404 ? 404 : 400, `${e.code}: ${e.message}`);
          throw e;
        }
        await repo.touchKey(db, key.id, now);
        return [
          {
            service_request_id: created.id,
            service_notice: `已收到，查询码 ${created.trackingCode}：可在 /public/report/${created.trackingCode} 查看办理进度并评价。${limitsNotice(category)}`,
            account_id: null,
          },
        ];
      });
    },

    /** GET requests: service_request_id overrides the rest; else the window (90 days) and filters; newest 1,000. */
    async list(q: Static<typeof ListQuery>, baseUrl: string): Promise<Static<typeof Open311Request>[]> {
      checkJurisdiction(q.jurisdiction_id);
      const ids = commaList(q.service_request_id);
      if (ids.length) {
        const rows = await repo.requests(db, { ids, limit: MAX_RESULTS });
        return rows.map((r) => toRequest(r, baseUrl));
      }
      const window = requestWindow(clock.now(), q.start_date, q.end_date);
      if (!window.ok) throw new Open311Error(400, window.description);
      const statuses = commaList(q.status);
      const states = statuses.length ? statesFor(statuses) : [];
      if (states === null) throw new Open311Error(400, 'status must be open, closed or both (comma delimited)');
      const rows = await repo.requests(db, { codes: commaList(q.service_code), states, from: window.from, to: window.to, limit: MAX_RESULTS });
      return rows.map((r) => toRequest(r, baseUrl));
    },

    /** GET requests/{id}: the same fields, as a list of one (the spec's form). */
    async get(id: string, q: { jurisdiction_id?: string | undefined }, baseUrl: string): Promise<Static<typeof Open311Request>[]> {
      checkJurisdiction(q.jurisdiction_id);
      const rows = await repo.requests(db, { ids: [id], limit: 1 });
      if (!rows[0]) throw new Open311Error(404, `service_request_id ${id} not found`);
      return [toRequest(rows[0], baseUrl)];
    },

    // ---- keys (service.manage)

    async listKeys(): Promise<Static<typeof ApiKeyList>> {
      const rows = await repo.listKeys(db, new Date(clock.now().getTime() - HOUR_MS));
      return { items: rows.map((r) => keyOut(r.key, r.createdByName, r.usedLastHour)), jurisdictionId, endpoint: '/open311/v2' };
    },

    async createKey(actor: Actor, body: Static<typeof ApiKeyCreateBody>): Promise<Static<typeof ApiKeyCreated>> {
      const secret = newApiKey();
      const now = clock.now();
      const row = {
        id: newId(),
        name: body.name.trim(),
        keyHash: sha256(secret),
        keyPrefix: secret.slice(0, 9),
        hourlyLimit: body.hourlyLimit ?? DEFAULT_HOURLY_LIMIT,
        createdBy: actor.userId,
        createdAt: now,
      };
      await db.transaction(async (tx) => {
        await repo.insertKey(tx, row);
        // The key itself never reaches the audit trail: only what identifies it.
        await recordAudit(tx, clock, actor, {
          action: 'service_api_key.create',
          entityType: 'service_api_key',
          entityId: row.id,
          orgUnitId: null,
          after: { name: row.name, keyPrefix: row.keyPrefix, hourlyLimit: row.hourlyLimit },
        });
      });
      const key = keyOut({ ...row, revokedAt: null, revokedBy: null, lastUsedAt: null }, actor.displayName, 0);
      return { key, secret };
    },

    async revokeKey(actor: Actor, id: string): Promise<Static<typeof ApiKeyOut>> {
      await db.transaction(async (tx) => {
        const k = await repo.keyById(tx, id);
        if (!k) throw new AppError(404, 'service.open311_key_not_found', 'No such Open311 key');
        if (k.revokedAt) throw new AppError(409, 'service.open311_key_revoked', 'This Open311 key is already revoked');
        await repo.revokeKey(tx, id, clock.now(), actor.userId);
        await recordAudit(tx, clock, actor, {
          action: 'service_api_key.revoke',
          entityType: 'service_api_key',
          entityId: id,
          orgUnitId: null,
          before: { name: k.name, keyPrefix: k.keyPrefix, revokedAt: null },
          after: { name: k.name, keyPrefix: k.keyPrefix, revokedAt: clock.now().toISOString() },
        });
      });
      const rows = await repo.listKeys(db, new Date(clock.now().getTime() - HOUR_MS));
      const r = rows.find((x) => x.key.id === id)!;
      return keyOut(r.key, r.createdByName, r.usedLastHour);
    },
  };
}

export type Open311ServiceApi = ReturnType<typeof createOpen311Service>;
