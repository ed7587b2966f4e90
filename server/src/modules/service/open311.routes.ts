import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { AppError } from '../../platform/errors';
import { validationIssues } from '../../platform/error-handler';
import { actorOf, errorResponses } from '../../platform/http';
import { addressKey, createWindowCounter } from './domain/abuse-limits';
import { CONTENT_TYPE, parseXml, renderErrors, splitFormat, xmlDocument, xmlFields, XmlRefused, type Open311Format, type Open311Value } from './domain/open311';
import { Open311Error, type Open311ServiceApi } from './open311.service';
import type { ApiKeyRow } from './open311.repository';
import {
  ApiKeyCreateBody,
  ApiKeyCreated,
  ApiKeyList,
  ApiKeyOut,
  ApiKeyParams,
  FileParams,
  JurisdictionQuery,
  ListQuery,
  Open311CreatedList,
  Open311Definition,
  Open311Errors,
  Open311Requests,
  Open311Services,
  SubmitForm,
} from './open311.schemas';

const FORMATS: Open311Format[] = ['json', 'xml'];

/**
 * Requests per client address (an IPv6 /64 counts as one) and minute, reads and writes together: a client that
 * polls or relays reports stays far below it, a scraper pulling 1,000-row pages in a loop meets a wall.
 */
export const OPEN311_REQUESTS_PER_MINUTE = 300;

/** The format an answer (also an error) is written in: the extension of the path; XML, the spec's required format, otherwise. */
function formatOf(url: string): Open311Format {
  return url.split('?')[0]!.endsWith('.json') ? 'json' : 'xml';
}

/** OpenAPI: a body in the content type of its format. */
const inFormat = (format: Open311Format, json: TSchema) => ({ content: { [CONTENT_TYPE[format].split(';')[0]!]: { schema: format === 'json' ? json : Type.String({ description: 'the same data as XML (GeoReport v2)' }) } } });
const inEither = (json: TSchema) => ({ content: { 'application/json': { schema: json }, 'text/xml': { schema: Type.String({ description: 'the same data as XML (GeoReport v2)' }) } } });
const errorsIn = (format: Open311Format | 'both', ...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, format === 'both' ? inEither(Open311Errors) : inFormat(format, Open311Errors)]));

function send(reply: FastifyReply, format: Open311Format, root: string, value: Open311Value): FastifyReply {
  reply.type(CONTENT_TYPE[format]);
  // JSON goes through the route's response schema (what it does not declare never leaves); XML is written here.
  return format === 'json' ? reply.send(value) : reply.send(xmlDocument(root, value));
}

/** Where media_url points: this server as the client reached it. */
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** The form fields of a urlencoded body; a field sent twice becomes a list (and then fails the schema). */
function formFields(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URLSearchParams(body)) {
    if (k === '__proto__') continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Open311 GeoReport v2 at `/open311/v2` (outside `/api`, no session: reads are public by the spec, a POST needs its
 * api_key). Every answer, errors included, is in the format the path asks for, in the spec's shapes.
 */
export function open311Routes(service: Open311ServiceApi, opts: { requestsPerMinute?: number } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['open311'];
    const perAddress = createWindowCounter(opts.requestsPerMinute ?? OPEN311_REQUESTS_PER_MINUTE, 60_000);
    app.addHook('onRequest', async (req) => {
      if (!perAddress.take(addressKey(req.ip), Date.now())) throw new Open311Error(429, 'Too many requests from this address; try again in a minute', 60);
    });
    // The spec's POST is form-encoded; a flat XML document is read too, through a reader that refuses DTDs and
    // entities (no XXE). JSON bodies are not part of the spec: 415.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, formFields(body as string));
    });
    app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      try {
        done(null, xmlFields(parseXml(body as string)));
      } catch (e) {
        done(e instanceof XmlRefused ? new Open311Error(400, `${e.message}; send the fields form-encoded`) : (e as Error));
      }
    });

    app.setErrorHandler((err: FastifyError | AppError | Open311Error | Error, req, reply) => {
      const format = formatOf(req.url);
      let status: number;
      let description: string;
      const fe = err as FastifyError & { validation?: Parameters<typeof validationIssues>[0]; validationContext?: string };
      if (err instanceof Open311Error) {
        status = err.status;
        description = err.description;
        if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
      } else if (err instanceof AppError) {
        status = err.status;
        description = err.message;
      } else if (fe.validation) {
        status = 400;
        description = validationIssues(fe.validation, fe.validationContext)
          .map((i) => `${i.field}: ${i.message}`)
          .join('; ');
      } else if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        status = 415;
        description = 'Send the request form-encoded (Content-Type: application/x-www-form-urlencoded)';
      } else if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        status = 413;
        description = 'The request body is too large';
      } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
        status = fe.statusCode;
        description = fe.message;
      } else {
        req.log.error({ err }, 'unhandled error');
        status = 500;
        description = `Internal error; it has been logged (request ${req.id})`;
      }
      return reply.code(status).type(CONTENT_TYPE[format]).send(renderErrors(format, [{ code: status, description }]));
    });

    const config = { public: true };
    // OpenAPI: no session needed (the auth hook marks these public by their path, outside /api).
    const security: [] = [];

    /** The key a POST's preValidation found, for its handler. */
    const keyOf = new WeakMap<FastifyRequest, ApiKeyRow>();

    for (const format of FORMATS) {
      app.get(
        `/services.${format}`,
        {
          config,
          schema: { tags, security, summary: `GET Service List (${format}): one service per active category`, querystring: JurisdictionQuery, response: { 200: inFormat(format, Open311Services), ...errorsIn(format, 400, 404) } },
        },
        async (req, reply) => send(reply, format, 'services', await service.services(req.query)),
      );
      app.get(
        `/requests.${format}`,
        {
          config,
          schema: {
            tags,
            security,
            summary: `GET Service Requests (${format}): by service_request_id, or service_code / start_date / end_date (≤ 90 days, default the last 90) / status; newest 1,000`,
            querystring: ListQuery,
            response: { 200: inFormat(format, Open311Requests), ...errorsIn(format, 400, 404) },
          },
        },
        async (req, reply) => send(reply, format, 'service_requests', await service.list(req.query, baseUrl(req))),
      );
      app.post(
        `/requests.${format}`,
        {
          config,
          // The key first: a request without a valid one learns nothing about its other fields.
          preValidation: async (req) => {
            keyOf.set(req, await service.authenticate((req.body as { api_key?: unknown } | undefined)?.api_key));
          },
          schema: {
            tags,
            security,
            summary: `POST Service Request (${format}), form-encoded, with api_key; realtime: the service_request_id comes back at once`,
            consumes: ['application/x-www-form-urlencoded'],
            body: SubmitForm,
            response: { 200: inFormat(format, Open311CreatedList), ...errorsIn(format, 400, 403, 404, 413, 415, 429) },
          },
        },
        async (req, reply) => send(reply, format, 'service_requests', await service.submit(keyOf.get(req)!, req.body)),
      );
    }

    app.get(
      '/services/:file',
      {
        config,
        schema: { tags, security, summary: 'GET Service Definition: services/{service_code}.json|xml (guifan defines no attributes)', params: FileParams, querystring: JurisdictionQuery, response: { 200: inEither(Open311Definition), ...errorsIn('both', 400, 404) } },
      },
      async (req, reply) => {
        const f = splitFormat(req.params.file);
        if (!f) throw new Open311Error(404, 'Ask for services/{service_code}.json or .xml');
        return send(reply, f.format, 'service_definition', await service.definition(f.name, req.query));
      },
    );
    app.get(
      '/requests/:file',
      {
        config,
        schema: { tags, security, summary: 'GET Service Request: requests/{service_request_id}.json|xml', params: FileParams, querystring: JurisdictionQuery, response: { 200: inEither(Open311Requests), ...errorsIn('both', 400, 404) } },
      },
      async (req, reply) => {
        const f = splitFormat(req.params.file);
        if (!f) throw new Open311Error(404, 'Ask for requests/{service_request_id}.json or .xml');
        return send(reply, f.format, 'service_requests', await service.get(f.name, req.query, baseUrl(req)));
      },
    );
    // Anything else under /open311/v2 is a resource that does not exist, said in the spec's error format (and never
    // the web app's page, which the production catch-all would serve).
    app.all('/*', { config, schema: { hide: true } }, async () => {
      throw new Open311Error(404, 'No such Open311 resource: see /open311/v2/services.xml');
    });
  };
}

/** Administration of the Open311 keys (`/api/service/open311-keys`, service.manage). */
export function open311KeyRoutes(service: Open311ServiceApi): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['service'];
    const config = { permission: 'service.manage' as const };
    app.get('/', { config, schema: { tags, summary: 'Open311 API keys (开放接口密钥): every key, revoked ones too, with its use in the last hour', response: { 200: ApiKeyList, ...errorResponses(401, 403) } } }, () => service.listKeys());
    app.post(
      '/',
      { config, schema: { tags, summary: 'Create a key: the key itself is in this answer only, never again (audited)', body: ApiKeyCreateBody, response: { 201: ApiKeyCreated, ...errorResponses(400, 401, 403) } } },
      async (req, reply) => reply.code(201).send(await service.createKey(actorOf(req), req.body)),
    );
    app.post(
      '/:id/revoke',
      { config, schema: { tags, summary: 'Revoke a key: its next POST is refused with 403 (audited)', params: ApiKeyParams, response: { 200: ApiKeyOut, ...errorResponses(400, 401, 403, 404, 409) } } },
      (req) => service.revokeKey(actorOf(req), req.params.id),
    );
  };
}
