import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, sendStoredFile } from '../../platform/http';
import { binaryFile } from '../../platform/openapi';
import { MAX_CASE_EVIDENCE_BYTES, type EvidenceService } from './evidence.service';
import { MAX_CLIP_BYTES, type ClipService } from './clips.service';
import { AutoLinked, CaseStepClips, ClipBody, ClipLinks, ClipList, ClipQuery, ClipS, LinkBody, StepParams, CaseParams, DownloadQuery, EvidenceDetail, EvidenceList, EvidenceS, IdParams, SupersedeQuery, UploadQuery, Withdrawn } from './evidence.schemas';

/** The one file of a multipart upload (field "file"), limited like every other evidence upload. */
async function filePart(req: FastifyRequest, maxBytes = MAX_CASE_EVIDENCE_BYTES) {
  if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the file as multipart/form-data, field "file"');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw badRequest('evidence.no_file', 'No file in the upload (field "file")');
  return part;
}

export function evidenceRoutes(service: EvidenceService, clips: ClipService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['evidence'];
    const read = { permission: 'case.read' as const };
    const handle = { permission: 'case.handle' as const };

    app.get('/cases/:caseId', { config: read, schema: { tags, summary: 'Evidence of a case (行政处罚法 第四十六条), withdrawn items left out', params: CaseParams, response: { 200: EvidenceList, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.list(actorOf(req), req.params.caseId),
    );
    app.post('/cases/:caseId', { config: handle, schema: { tags, summary: 'Upload evidence (multipart field "file"; kind, title, step in the query): SHA-256 and photo EXIF recorded', params: CaseParams, querystring: UploadQuery, response: { 201: EvidenceS, ...errorResponses(400, 401, 403, 404, 413, 415, 503) } } }, async (req, reply) => {
      const part = await filePart(req);
      return reply.code(201).send(await service.upload(actorOf(req), req.params.caseId, req.query, part));
    });
    app.get('/:id', { config: read, schema: { tags, summary: 'One piece of evidence with its custody log (the view is logged)', params: IdParams, response: { 200: EvidenceDetail, ...errorResponses(401, 403, 404) } } }, (req) => service.get(actorOf(req), req.params.id));
    app.get('/:id/file', { config: read, schema: { tags, summary: 'The file after verifying its SHA-256 (a changed file is refused and the refusal logged); logged as downloaded or exported', params: IdParams, querystring: DownloadQuery, response: { 200: binaryFile('application/octet-stream', 'The evidence file with its own content type'), ...errorResponses(401, 403, 404, 500, 503) } } }, async (req, reply) => {
      const { meta, data } = await service.download(actorOf(req), req.params.id, req.query.purpose);
      return sendStoredFile(reply, meta, data, { inline: req.query.purpose !== 'export' });
    });
    app.delete('/:id', { config: handle, schema: { tags, summary: 'Withdraw evidence of a case not yet decided (kept with its log)', params: IdParams, response: { 200: Withdrawn, ...errorResponses(401, 403, 404, 409) } } }, (req) => service.remove(actorOf(req), req.params.id));
    app.post('/:id/supersede', { config: handle, schema: { tags, summary: 'Replace evidence with a new file (multipart field "file") and a reason; the old one stays in the record', params: IdParams, querystring: SupersedeQuery, response: { 201: EvidenceS, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503) } } }, async (req, reply) => {
      const part = await filePart(req);
      return reply.code(201).send(await service.supersede(actorOf(req), req.params.id, req.query, part));
    });

    // 执法记录仪 clips: registered with their hash, linked to case steps by officer and time.
    app.post('/clips', { config: handle, schema: { tags, summary: 'Register a body-camera clip (camera, officer, start/end, SHA-256 of the file)', body: ClipBody, response: { 201: ClipS, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await clips.register(actorOf(req), req.body)),
    );
    app.get('/clips', { config: read, schema: { tags, summary: 'Clips of an officer overlapping a time window', querystring: ClipQuery, response: { 200: ClipList, ...errorResponses(400, 401, 403, 404) } } }, (req) => clips.list(actorOf(req), req.query));
    app.post('/clips/:id/file', { config: handle, schema: { tags, summary: 'Upload the clip\'s file (multipart field "file", video/mp4); it must have the registered SHA-256', params: IdParams, response: { 200: ClipS, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503) } } }, async (req) => {
      const part = await filePart(req, MAX_CLIP_BYTES);
      return clips.uploadFile(actorOf(req), req.params.id, part);
    });
    app.get('/cases/:caseId/clips', { config: read, schema: { tags, summary: 'Clips linked to the steps of a case', params: CaseParams, response: { 200: ClipLinks, ...errorResponses(401, 403, 404) } } }, (req) => clips.linksOfCase(actorOf(req), req.params.caseId));
    app.get('/cases/:caseId/steps', { config: read, schema: { tags, summary: 'The officers\' steps of a case with their clips; for 查封/扣押 (全程音像记录) whether the clips cover the step', params: CaseParams, response: { 200: CaseStepClips, ...errorResponses(401, 403, 404) } } }, (req) =>
      clips.stepsOfCase(actorOf(req), req.params.caseId),
    );
    app.post('/cases/:caseId/steps/:eventId/clips/auto', { config: handle, schema: { tags, summary: 'Link every clip of the step\'s officers overlapping its time', params: StepParams, response: { 200: AutoLinked, ...errorResponses(401, 403, 404) } } }, (req) =>
      clips.autoLink(actorOf(req), req.params.caseId, req.params.eventId),
    );
    app.post('/cases/:caseId/steps/:eventId/clips', { config: handle, schema: { tags, summary: 'Link a clip by hand (refused when its time does not overlap the step)', params: StepParams, body: LinkBody, response: { 200: ClipLinks, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      clips.link(actorOf(req), req.params.caseId, req.params.eventId, req.body.clipId),
    );
  };
}
