import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import { tooMany } from '../../platform/errors';
import { createWindowLimiter } from './domain/rules';
import type { PublicationService } from './publication.service';
import { AdminList, AdminQuery, CriteriaBody, CriteriaOut, IdParams, MarkBody, PublicDecision, PublicList, PublicQuery, PublicationOut, PublishBody, WithdrawBody } from './publication.schemas';

/** 公示 administration (`/api/publications`): 待公示 with due days, publish, withdraw, the criteria. */
export function publicationRoutes(service: PublicationService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['publication'];
    const read = { permission: 'case.read' as const };
    const approve = { permission: 'case.approve' as const };
    app.get('/', { config: read, schema: { tags, summary: 'Publication records in scope (待公示 first, by due day; overdue flagged)', querystring: AdminQuery, response: { 200: AdminList, ...errorResponses(400, 401, 403) } } }, (req) =>
      service.list(actorOf(req), req.query),
    );
    app.post('/', { config: approve, schema: { tags, summary: 'Mark a decided penalty for publication (一定社会影响 the criteria do not catch)', body: MarkBody, response: { 201: PublicationOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.mark(actorOf(req), req.body)),
    );
    app.get('/criteria', { config: read, schema: { tags, summary: 'Which decisions are published and within how many working days (local defaults until the bureau sets its own), with the law cited', response: { 200: CriteriaOut, ...errorResponses(401, 403) } } }, (req) =>
      service.criteria(actorOf(req)),
    );
    app.put('/criteria', { config: { permission: 'legal.manage' as const }, schema: { tags, summary: 'Set the bureau’s publication criteria', body: CriteriaBody, response: { 200: CriteriaOut, ...errorResponses(400, 401, 403) } } }, (req) =>
      service.saveCriteria(actorOf(req), req.body),
    );
    app.get('/:id', { config: read, schema: { tags, summary: 'One publication record', params: IdParams, response: { 200: PublicationOut, ...errorResponses(400, 401, 403, 404) } } }, (req) => service.get(actorOf(req), req.params.id));
    app.post('/:id/publish', { config: approve, schema: { tags, summary: '公示: the redacted text goes on the public page (late when after the due day)', params: IdParams, body: PublishBody, response: { 200: PublicationOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.publish(actorOf(req), req.params.id, req.body),
    );
    app.post('/:id/withdraw', { config: approve, schema: { tags, summary: '撤回 with the reason (行政处罚法 第四十八条第二款: within three working days of the change, else recorded late)', params: IdParams, body: WithdrawBody, response: { 200: PublicationOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.withdraw(actorOf(req), req.params.id, req.body),
    );
  };
}

/** Requests per client address and minute on the public pages (no login): generous for people, a wall for scrapers. */
const PUBLIC_LIMIT_PER_MINUTE = 120;

/** The public page's API (`/api/public/decisions`), no login: published and withdrawn decisions, redacted. */
export function publicDecisionRoutes(service: PublicationService, opts: { limitPerMinute?: number } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['publication'];
    const limiter = createWindowLimiter(opts.limitPerMinute ?? PUBLIC_LIMIT_PER_MINUTE, 60_000);
    const config = { public: true };
    app.addHook('onRequest', async (req) => {
      if (!limiter.take(req.ip, Date.now())) throw tooMany('publication.rate_limited', 'Too many requests; try again in a minute');
    });
    app.get('/', { config, schema: { tags, summary: '行政处罚决定公示: published decisions (redacted) and withdrawn ones with the reason; search, team, page', querystring: PublicQuery, response: { 200: PublicList, ...errorResponses(400, 429) } } }, (req) =>
      service.publicList(req.query),
    );
    app.get('/:id', { config, schema: { tags, summary: 'One published (or withdrawn) decision', params: IdParams, response: { 200: PublicDecision, ...errorResponses(400, 404, 429) } } }, (req) => service.publicGet(req.params.id));
  };
}
