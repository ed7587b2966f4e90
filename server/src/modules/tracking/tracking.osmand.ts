import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { parseOsmAndRequest } from './domain/osmand/osmand';
import { IngestRefused, type Ingest } from './tracking.ingest';

/**
 * The OsmAnd protocol (Traccar Client, OsmAnd): GET or POST, query or form or JSON body. Answers 200 only after the
 * positions are committed; 400 names the bad field; 403 for an unknown or disabled device (Traccar Client keeps
 * the fix in its buffer and retries on anything but 200); 503 when the database could not store it.
 */
export async function handleOsmAnd(ingest: Ingest, clock: Clock, naiveOffsetMinutes: number, req: FastifyRequest, reply: FastifyReply) {
  const parsed = parseOsmAndRequest({ query: req.query as Record<string, string>, body: req.body, contentType: req.headers['content-type'] }, clock.now(), { naiveOffsetMinutes });
  if (!parsed.ok) {
    req.log.warn({ err: parsed.error, ip: req.ip }, 'osmand: bad request');
    return reply.code(400).type('text/plain').send(`${parsed.error.field}: ${parsed.error.message}`);
  }
  try {
    await ingest.ingestOsmAnd(parsed.fixes);
  } catch (err) {
    if (err instanceof IngestRefused) {
      req.log.warn({ reason: err.reason, ip: req.ip }, `osmand: ${err.message}`);
      return reply.code(403).type('text/plain').send(err.message);
    }
    req.log.error({ err }, 'osmand: positions not stored');
    return reply.code(503).type('text/plain').send('not stored, retry');
  }
  return reply.code(200).send();
}

/** Parse form and plain-text bodies as strings (JSON stays with fastify's parser). */
export function acceptRawBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));
}

/** True when the request carries a body (a GET normally does not; one that does goes the general way). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
}

const OK_HEADERS = { 'content-length': '0' };

function answerText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The GET form (OsmAnd, Traccar Client's default: every report a `GET /?id=…&lat=…`) answered without fastify:
 * the same parse, ingest, status codes, bodies and log lines as handleOsmAnd, but no request and reply objects,
 * routing, hooks or reply serialization per report. At a thousand phones' rate fastify's per-request objects,
 * alive for the ~100 ms a report waits for its batch's commit, were promoted to the old generation and marked
 * there by every major collection of the whole application heap (docs/benchmarks.md, 2026-12-08).
 */
export function osmAndGetHandler(opts: { ingest: Ingest; clock: Clock; naiveOffsetMinutes: number; log: () => FastifyBaseLogger }) {
  const parseOpts = { naiveOffsetMinutes: opts.naiveOffsetMinutes };
  const refused = (res: ServerResponse, err: unknown) => {
    if (err instanceof IngestRefused) {
      opts.log().warn({ reason: err.reason, ip: res.req.socket.remoteAddress }, `osmand: ${err.message}`);
      answerText(res, 403, err.message);
      return;
    }
    opts.log().error({ err }, 'osmand: positions not stored');
    answerText(res, 503, 'not stored, retry');
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const parsed = parseOsmAndRequest({ query: q < 0 ? '' : url.slice(q + 1), body: undefined, contentType: req.headers['content-type'] }, opts.clock.now(), parseOpts);
      if (!parsed.ok) {
        opts.log().warn({ err: parsed.error, ip: req.socket.remoteAddress }, 'osmand: bad request');
        answerText(res, 400, `${parsed.error.field}: ${parsed.error.message}`);
        return;
      }
      opts.ingest.ingestOsmAnd(parsed.fixes).then(
        () => {
          res.writeHead(200, OK_HEADERS);
          res.end();
        },
        (err: unknown) => refused(res, err),
      );
    } catch (err) {
      opts.log().error({ err }, 'osmand: request failed');
      if (!res.headersSent) answerText(res, 500, 'internal error');
      else res.destroy();
    }
  };
}

/** A small separate HTTP server on GUIFAN_OSMAND_PORT, as Traccar has one port per protocol. */
export async function startOsmAndServer(opts: { ingest: Ingest; clock: Clock; port: number; host: string; naiveOffsetMinutes: number; logLevel: string }): Promise<FastifyInstance> {
  let app: FastifyInstance | null = null;
  const fastGet = osmAndGetHandler({ ...opts, log: () => (app as FastifyInstance).log });
  // One request per position per device: per-request logs would drown everything else (refusals are still logged).
  app = Fastify({
    logger: { level: opts.logLevel },
    disableRequestLogging: true,
    // No child logger per request (one pino child per report was a measurable share of the port's CPU and
    // garbage): the few lines this port writes (refusals, failures) name the address themselves.
    childLoggerFactory: (logger) => logger,
    bodyLimit: 256 * 1024,
    // GET without a body takes the fast path above; POST (forms, JSON) and anything else goes through fastify.
    serverFactory: (handler) => http.createServer((req, res) => (req.method === 'GET' && !hasBody(req) ? fastGet(req, res) : handler(req, res))),
  });
  acceptRawBodies(app);
  // Bounded like the 808 gateway: a connection flood cannot exhaust file descriptors (phones keep one each).
  // (Set here, not as fastify options: fastify leaves a factory-made server's settings alone.)
  app.server.maxConnections = 10_000;
  app.server.keepAliveTimeout = 65_000;
  app.server.headersTimeout = 15_000;
  app.server.requestTimeout = 30_000;
  const handler = (req: FastifyRequest, reply: FastifyReply) => handleOsmAnd(opts.ingest, opts.clock, opts.naiveOffsetMinutes, req, reply);
  // Clients are configured with a server URL that may carry a path; every path is the protocol endpoint.
  app.route({ method: ['GET', 'POST'], url: '/*', handler });
  app.route({ method: ['GET', 'POST'], url: '/', handler });
  await app.listen({ port: opts.port, host: opts.host });
  return app;
}
