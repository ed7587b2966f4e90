import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import type { DocumentService } from './document.service';
import { AllocateBody, CaseNumbersQuery, DocumentTypeList, IdParams, NumberList, NumberOut, VoidBody } from './document.schemas';

export function documentRoutes(service: DocumentService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['document'];
    const read = { permission: 'case.read' as const };
    const handle = { permission: 'case.handle' as const };
    app.get('/types', { config: read, schema: { tags, summary: 'The standard 文书 types and the 文号 word of those that carry a number', response: { 200: DocumentTypeList, ...errorResponses(401, 403) } } }, () => service.types());
    app.get('/numbers', { config: read, schema: { tags, summary: '文号 of a case, void ones included (with their reason)', querystring: CaseNumbersQuery, response: { 200: NumberList, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.numbersOfCase(actorOf(req), req.query.caseId),
    );
    app.post('/numbers', { config: handle, schema: { tags, summary: 'Issue the next 文号 (per team, type and year; gapless); a second number for the same document is refused', body: AllocateBody, response: { 201: NumberOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.allocate(actorOf(req), req.body)),
    );
    app.post('/numbers/:id/void', { config: handle, schema: { tags, summary: '作废 a 文号 with its reason (kept on record, never reused)', params: IdParams, body: VoidBody, response: { 200: NumberOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.voidNumber(actorOf(req), req.params.id, req.body),
    );
  };
}
