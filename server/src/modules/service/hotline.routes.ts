import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { AppError, badRequest } from '../../platform/errors';
import { actorOf, errorResponses } from '../../platform/http';
import { binaryFile, XLSX } from '../../platform/openapi';
import { ExportQuery, HotlineImportQuery, HotlineImportResult, MappingBody, MappingOut, MeasuresOut, MeasuresQuery } from './hotline.schemas';
import type { HotlineService } from './hotline.service';

/** The upload limit of the import list in docs/excel-templates.md. */
export const MAX_HOTLINE_BYTES = 10 * 1024 * 1024;

const download = (reply: FastifyReply, { fileName, data }: { fileName: string; data: Buffer }) =>
  reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(data);

/** `/api/service/hotline/…` (12345 work orders) and `/api/service/measures`. */
export function hotlineRoutes(service: HotlineService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['service'];
    const manage = { permission: 'service.manage' as const };
    app.get('/hotline/template.xlsx', { config: manage, schema: { tags, summary: 'The empty 12345 work-order template (with the categories and the mapping sheet)', response: { 200: binaryFile(XLSX, 'The Excel template (.xlsx)'), ...errorResponses(401, 403) } } }, async (_req, reply) =>
      download(reply, await service.template()),
    );
    app.post(
      '/hotline/import',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Check (dryRun, the default) or import a 12345 workbook (multipart field "file"); already imported 工单编号 create nothing',
          querystring: HotlineImportQuery,
          response: { 200: HotlineImportResult, ...errorResponses(400, 401, 403, 404, 413) },
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the workbook as multipart/form-data, field "file"');
        let data: Buffer;
        try {
          const part = await req.file({ limits: { fileSize: MAX_HOTLINE_BYTES, files: 1 } });
          if (!part) throw badRequest('service.hotline_no_file', 'No file in the upload (field "file")');
          data = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'import.too_large', `Workbooks are limited to ${MAX_HOTLINE_BYTES / 1024 / 1024} MB`, { limit: 'upload', max: MAX_HOTLINE_BYTES });
          throw e;
        }
        return service.importWorkbook(actorOf(req), data, req.query.dryRun ?? true);
      },
    );
    app.get('/hotline/export', { config: manage, schema: { tags, summary: 'The hotline orders called in [from, to] (Beijing days) in the import format, with 办理状态/办理结果/回复时间/办理单位/满意度 filled', querystring: ExportQuery, response: { 200: binaryFile(XLSX, 'The orders with their replies (.xlsx)'), ...errorResponses(400, 401, 403) } } }, async (req, reply) =>
      download(reply, await service.exportWorkbook(req.query)),
    );
    app.get('/hotline/mapping', { config: manage, schema: { tags, summary: "The hotline's category words mapped to guifan categories", response: { 200: MappingOut, ...errorResponses(401, 403) } } }, () => service.getMapping());
    app.put('/hotline/mapping', { config: manage, schema: { tags, summary: 'Replace the mapping (version: optimistic concurrency)', body: MappingBody, response: { 200: MappingOut, ...errorResponses(400, 401, 403, 409) } } }, (req) =>
      service.saveMapping(actorOf(req), req.body),
    );
    app.get('/measures', { config: { permission: 'service.read' as const }, schema: { tags, summary: "A unit's response on time and satisfaction over a period (the standard's computed items use the 365 days ending yesterday)", querystring: MeasuresQuery, response: { 200: MeasuresOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.measures(actorOf(req), req.query),
    );
  };
}
