import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
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

/** A small separate HTTP server on GUIFAN_OSMAND_PORT, as Traccar has one port per protocol. */
export async function startOsmAndServer(opts: { ingest: Ingest; clock: Clock; port: number; host: string; naiveOffsetMinutes: number; logLevel: string }): Promise<FastifyInstance> {
  // One request per position per device: per-request logs would drown everything else (refusals are still logged).
  const app = Fastify({
    logger: { level: opts.logLevel },
    disableRequestLogging: true,
    // No child logger per request (one pino child per report was a measurable share of the port's CPU and
    // garbage): the few lines this port writes (refusals, failures) name the address themselves.
    childLoggerFactory: (logger) => logger,
    bodyLimit: 256 * 1024,
    keepAliveTimeout: 65_000,
  });
  acceptRawBodies(app);
  // Bounded like the 808 gateway: a connection flood cannot exhaust file descriptors (phones keep one each).
  app.server.maxConnections = 10_000;
  app.server.headersTimeout = 15_000;
  app.server.requestTimeout = 30_000;
  const handler = (req: FastifyRequest, reply: FastifyReply) => handleOsmAnd(opts.ingest, opts.clock, opts.naiveOffsetMinutes, req, reply);
  // Clients are configured with a server URL that may carry a path; every path is the protocol endpoint.
  app.route({ method: ['GET', 'POST'], url: '/*', handler });
  app.route({ method: ['GET', 'POST'], url: '/', handler });
  await app.listen({ port: opts.port, host: opts.host });
  return app;
}
