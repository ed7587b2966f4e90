import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import { binaryFile, XLSX } from '../../platform/openapi';
import type { ViolationService } from './violation.service';
import { CheckBody, CheckOut, CreateDraftBody, IdParams, ImportQuery, ImportResult, ItemCodeParams, ItemList, ItemOut, ItemsQuery, LawList, SaveItemBody, VersionList, VersionOut } from './violation.schemas';

export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

const download = (reply: FastifyReply, { fileName, data }: { fileName: string; data: Buffer }) =>
  reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(data);

export function violationRoutes(service: ViolationService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['violation'];
    const read = { permission: 'legal.read' as const };
    const manage = { permission: 'legal.manage' as const };
    app.get('/versions', { config: read, schema: { tags, summary: 'Catalogue versions (draft / published / superseded)', response: { 200: VersionList, ...errorResponses(401, 403) } } }, (req) => service.listVersions(actorOf(req)));
    app.get('/versions/:id', { config: read, schema: { tags, params: IdParams, response: { 200: VersionOut, ...errorResponses(401, 403, 404) } } }, (req) => service.getVersion(actorOf(req), req.params.id));
    app.post('/versions', { config: manage, schema: { tags, summary: 'New draft derived from the published version (or fromVersionId)', body: CreateDraftBody, response: { 201: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.createDraft(actorOf(req), req.body)),
    );
    app.post('/versions/:id/publish', { config: manage, schema: { tags, summary: 'Publish (freeze) a draft; supersedes the published version', params: IdParams, response: { 200: VersionOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.publish(actorOf(req), req.params.id),
    );
    app.get('/laws', { config: read, schema: { tags, summary: 'Laws an item may cite (the statute texts held and those already cited), with their version dates', response: { 200: LawList, ...errorResponses(401, 403) } } }, () => service.listLaws());
    app.put('/versions/:id/items/:code', { config: manage, schema: { tags, summary: 'Add or change an item of a draft (revision: optimistic concurrency)', params: ItemCodeParams, body: SaveItemBody, response: { 200: ItemOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.saveItem(actorOf(req), req.params.id, req.params.code, req.body),
    );
    app.delete('/versions/:id/items/:code', { config: manage, schema: { tags, params: ItemCodeParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } }, async (req, reply) => {
      await service.deleteItem(actorOf(req), req.params.id, req.params.code);
      return noContent(reply);
    });
    app.get('/items', { config: read, schema: { tags, summary: 'Search items of a version (default: the published one) by code, name, law or article', querystring: ItemsQuery, response: { 200: ItemList, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.listItems(actorOf(req), req.query),
    );
    app.get('/items/:id', { config: read, schema: { tags, summary: 'One item with its articles quoted and its bands', params: IdParams, response: { 200: ItemOut, ...errorResponses(401, 403, 404) } } }, (req) => service.getItem(actorOf(req), req.params.id));
    app.post('/check', { config: read, schema: { tags, summary: 'Where a proposed penalty lies: within the band / outside it (reason + 法制审核) / outside the statutory range', body: CheckBody, response: { 200: CheckOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.check(req.body),
    );
    app.get('/template.xlsx', { config: read, schema: { tags, summary: 'The empty import template', response: { 200: binaryFile(XLSX, 'The Excel template (.xlsx)'), ...errorResponses(401, 403) } } }, async (_req, reply) => {
      return download(reply, await service.template());
    });
    app.get('/versions/:id/export.xlsx', { config: read, schema: { tags, summary: 'A version as the Excel template', params: IdParams, response: { 200: binaryFile(XLSX, 'The version as an Excel workbook (.xlsx)'), ...errorResponses(401, 403, 404) } } }, async (req, reply) => {
      return download(reply, await service.exportWorkbook(req.params.id));
    });
    app.post(
      '/import',
      { config: manage, schema: { tags, summary: 'Import a workbook (multipart field "file") as a new draft; dryRun only checks', querystring: ImportQuery, response: { 200: ImportResult, ...errorResponses(400, 401, 403, 409, 413) } } },
      async (req) => {
        if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the workbook as multipart/form-data, field "file"');
        const part = await req.file({ limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } });
        if (!part) throw badRequest('violation.import_no_file', 'No file in the upload (field "file")');
        return service.importWorkbook(actorOf(req), req.query, await part.toBuffer());
      },
    );
  };
}
