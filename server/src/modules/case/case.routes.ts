import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import type { CaseService } from './case.service';
import { ActionBody, ActionParams, BoardQuery, BoardView, CaseDetail, CaseList, CreateLeadBody, IdParams, ListQuery, OfficerList, OfficersQuery, SimpleProcedureBody } from './case.schemas';

export function caseRoutes(service: CaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['case'];
    const read = { permission: 'case.read' as const };
    app.get('/', { config: read, schema: { tags, summary: 'Cases in your scope (filters: state, unit, source, procedure, my cases, overdue; paginated)', querystring: ListQuery, response: { 200: CaseList, ...errorResponses(400, 401, 403, 404) } } }, (req) => service.list(actorOf(req), req.query));
    app.get('/deadlines', { config: read, schema: { tags, summary: '期限预警: due soon (working days), overdue and unknown (calendar missing) duty deadlines of a team, district or the city', querystring: BoardQuery, response: { 200: BoardView, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.board(actorOf(req), req.query),
    );
    app.get('/officers', { config: read, schema: { tags, summary: 'Persons of a team who may be named on a step, with their 执法证 validity on a date', querystring: OfficersQuery, response: { 200: OfficerList, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.officers(actorOf(req), req.query),
    );
    app.post('/leads', { config: { permission: 'case.lead' }, schema: { tags, summary: '线索登记 (协管员 may record leads)', body: CreateLeadBody, response: { 201: CaseDetail, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.createLead(actorOf(req), req.body)),
    );
    app.post('/simple', { config: { permission: 'case.handle' }, schema: { tags, summary: '简易程序 (当场处罚) in one call: refused outside the rule in force on the act date', body: SimpleProcedureBody, response: { 201: CaseDetail, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.simpleProcedure(actorOf(req), req.body)),
    );
    app.get('/:id', { config: read, schema: { tags, summary: 'One case: parties, timeline, running deadlines, seizures, the steps you may take', params: IdParams, response: { 200: CaseDetail, ...errorResponses(401, 403, 404) } } }, (req) => service.get(actorOf(req), req.params.id));
    app.post('/:id/actions/:action', { config: read, schema: { tags, summary: 'One step of the case (optimistic version; two officers with a valid 执法证 where the step needs them)', params: ActionParams, body: ActionBody, response: { 200: CaseDetail, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.act(actorOf(req), req.params.id, req.params.action, req.body),
    );
  };
}
