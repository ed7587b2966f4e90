import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import { binaryFile, XLSX } from '../../platform/openapi';
import type { CatalogService } from './catalog.service';
import { CompareQuery, CreateDraftBody, CreateStandardBody, ImportQuery, ImportResult, NodeParams, SaveNodeBody, StandardList, VersionCompare, VersionOut, VersionParams } from './catalog.schemas';

export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

export function catalogRoutes(service: CatalogService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['catalog'];
    const read = { permission: 'catalog.read' as const };
    const manage = { permission: 'catalog.manage' as const };

    app.get('/standards', { config: read, schema: { tags, summary: 'Standards and their versions', response: { 200: StandardList, ...errorResponses(401, 403) } } }, (req) =>
      service.listStandards(actorOf(req)),
    );
    app.post('/standards', { config: manage, schema: { tags, body: CreateStandardBody, response: { 201: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 403, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.createStandard(actorOf(req), req.body)),
    );
    app.get('/versions/:id', { config: read, schema: { tags, summary: 'A version with its node tree', params: VersionParams, response: { 200: VersionOut, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getVersion(actorOf(req), req.params.id),
    );
    app.post('/versions', { config: manage, schema: { tags, summary: 'New draft (empty, copy, or profile of a base version)', body: CreateDraftBody, response: { 201: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.createDraft(actorOf(req), req.body)),
    );
    app.put('/versions/:id/nodes/:code', { config: manage, schema: { tags, summary: 'Add or change a node of a draft', params: NodeParams, body: SaveNodeBody, response: { 200: Type.Object({ code: Type.String(), origin: Type.String() }), ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.saveNode(actorOf(req), req.params.id, req.params.code, req.body),
    );
    app.delete('/versions/:id/nodes/:code', { config: manage, schema: { tags, params: NodeParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } }, async (req, reply) => {
      await service.deleteNode(actorOf(req), req.params.id, req.params.code);
      return noContent(reply);
    });
    app.post('/versions/:id/publish', { config: manage, schema: { tags, summary: 'Publish (freeze) a draft', params: VersionParams, response: { 200: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.publish(actorOf(req), req.params.id),
    );
    app.get('/compare', { config: read, schema: { tags, summary: 'Added / removed / changed nodes between two versions', querystring: CompareQuery, response: { 200: VersionCompare, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.compare(req.query.from, req.query.to),
    );
    app.get('/versions/:id/export.xlsx', { config: read, schema: { tags, summary: 'The version as the documented Excel template', params: VersionParams, response: { 200: binaryFile(XLSX, 'The version as an Excel workbook (.xlsx)'), ...errorResponses(401, 403, 404) } } }, async (req, reply) => {
      const { fileName, data } = await service.exportWorkbook(req.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(data);
    });
    app.post(
      '/standards/:id/import',
      {
        config: manage,
        schema: { tags, summary: 'Import a workbook (multipart field "file") as a new draft; dryRun only checks', params: VersionParams, querystring: ImportQuery, response: { 200: ImportResult, ...errorResponses(400, 401, 403, 404, 409, 413) } },
      },
      async (req) => {
        if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the workbook as multipart/form-data, field "file"');
        const part = await req.file({ limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } });
        if (!part) throw badRequest('catalog.import_no_file', 'No file in the upload (field "file")');
        const buf = await part.toBuffer();
        return service.importWorkbook(actorOf(req), { standardId: req.params.id, ...req.query }, buf);
      },
    );
  };
}
