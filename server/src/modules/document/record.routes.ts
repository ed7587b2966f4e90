import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import type { RecordService } from './record.service';
import { CaseDocuments, CaseParams, ServeBody, ServiceOut, SignatureOut, SignBody } from './record.schemas';

/** Signing and 送达 records of a case's 文书, and the case's documents with what is missing (under /api/documents). */
export function recordRoutes(service: RecordService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['document'];
    const read = { permission: 'case.read' as const };
    const handle = { permission: 'case.handle' as const };
    app.get('/cases/:caseId', { config: read, schema: { tags, summary: "The case's documents: required and possible types with their 文号 (void ones too), signatures, service records, status and what 结案/归档 would still miss", params: CaseParams, response: { 200: CaseDocuments, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.caseDocuments(actorOf(req), req.params.caseId),
    );
    app.post('/signatures', { config: handle, schema: { tags, summary: 'Record a signature on a document (officer, party, witness, reviewer, leader) or the party’s refusal with a note and a witness; append-only', body: SignBody, response: { 201: SignatureOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.sign(actorOf(req), req.body)),
    );
    app.post('/services', { config: handle, schema: { tags, summary: 'Record the 送达 of a signed document; the 行政处罚决定书 is served through the case’s serve step (payment and appeal periods start) in the same transaction', body: ServeBody, response: { 201: ServiceOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.serve(actorOf(req), req.body)),
    );
  };
}
