import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, sendStoredFile } from '../../platform/http';
import { binaryFile } from '../../platform/openapi';
import { MAX_PHOTO_BYTES, type ServiceRequests } from './request.service';
import { OpenCaseBody, PhotoStageQuery, ServiceActionBody, ServiceActionParams, ServiceIdParams, ServiceListQuery, ServicePhotoOut, ServicePhotoParams, ServiceRequestDetail, ServiceRequestList, StaffSubmitBody } from './request.schemas';

/** Staff routes of the reports: `/api/service/requests…` (the public and Open311 ones live in their own slices). */
export function requestRoutes(service: ServiceRequests): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['service'];
    const read = { permission: 'service.read' as const };
    app.get('/', { config: read, schema: { tags, summary: 'Reports in your scope (filters: state, team, category, source, submitted between, overdue; paginated)', querystring: ServiceListQuery, response: { 200: ServiceRequestList, ...errorResponses(400, 401, 403, 404) } } }, (req) => service.list(actorOf(req), req.query));
    app.post('/', { config: read, schema: { tags, summary: 'Record a report (a walk-in or a call to the desk or a team): routed, timed and tracked like every other', body: StaffSubmitBody, response: { 201: ServiceRequestDetail, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.create(actorOf(req), req.body)),
    );
    app.get('/:id', { config: read, schema: { tags, summary: 'One report: facts, photos, timeline, the linked case and the steps you may take', params: ServiceIdParams, response: { 200: ServiceRequestDetail, ...errorResponses(401, 403, 404) } } }, (req) => service.get(actorOf(req), req.params.id));
    app.post('/:id/actions/:action', { config: read, schema: { tags, summary: 'One step: accept, reject, merge, redispatch (改派), return (退回), start, handle, reply, suspend (挂起), resume; optimistic version', params: ServiceActionParams, body: ServiceActionBody, response: { 200: ServiceRequestDetail, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.transition(actorOf(req), req.params.id, req.params.action, req.body),
    );
    app.post('/:id/case', { config: { permission: 'service.handle' }, schema: { tags, summary: 'Open an enforcement case (线索, source 投诉) from the report, linked both ways', params: ServiceIdParams, body: OpenCaseBody, response: { 200: ServiceRequestDetail, ...errorResponses(400, 401, 403, 404, 409, 503) } } }, (req) =>
      service.openCase(actorOf(req), req.params.id, req.body),
    );
    app.post('/:id/photos', { config: { permission: 'service.handle' }, schema: { tags, summary: 'A photo of the handling (multipart field "file"; stage before or after): JPEG, PNG or WebP by content', params: ServiceIdParams, querystring: PhotoStageQuery, response: { 201: ServicePhotoOut, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503) } } }, async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the file as multipart/form-data, field "file"');
      const part = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
      if (!part) throw badRequest('service.no_file', 'No file in the upload (field "file")');
      return reply.code(201).send(await service.uploadPhoto(actorOf(req), req.params.id, req.query.stage, part));
    });
    app.get('/:id/photos/:photoId', { config: read, schema: { tags, summary: 'A photo of the report or of its handling (verified against its SHA-256)', params: ServicePhotoParams, response: { 200: binaryFile('image/jpeg', 'The photo with its own content type'), ...errorResponses(401, 403, 404, 500, 503) } } }, async (req, reply) => {
      const f = await service.photoFile(actorOf(req), req.params.id, req.params.photoId);
      return sendStoredFile(reply, { mimeType: f.mime, fileName: `${req.params.photoId}.${f.mime.split('/')[1]}`, sha256: f.sha256 }, f.data, { inline: true });
    });
  };
}
