import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors';
import { actorOf, errorResponses } from '../../platform/http';
import { MAX_AREA_UPLOAD_BYTES } from './area-import.parse';
import { AreaImportApplied, AreaImportPreview, AreaImportQuery } from './area-import.schemas';
import type { AreaImport } from './area-import.service';

async function upload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw badRequest('request.multipart_expected', 'Send the file as multipart/form-data, field "file"');
  const part = await req.file({ limits: { fileSize: MAX_AREA_UPLOAD_BYTES, files: 1 } });
  if (!part) throw badRequest('org.area_import.no_file', 'No file in the upload (field "file")');
  return part.toBuffer();
}

/** Registered under /api/org: POST /area-import/preview and /area-import/apply (multipart field "file"). */
export function areaImportRoutes(service: AreaImport): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['org'];
    const config = { permission: 'org.manage' as const };
    app.post(
      '/area-import/preview',
      { config, schema: { tags, summary: 'Check a GeoJSON or zipped Shapefile of team areas / grids; writes nothing', querystring: AreaImportQuery, response: { 200: AreaImportPreview, ...errorResponses(400, 401, 403, 413) } } },
      async (req) => service.preview(actorOf(req), req.query, await upload(req)),
    );
    app.post(
      '/area-import/apply',
      { config, schema: { tags, summary: 'Write the areas of a file whose preview has no errors (one transaction, audited)', querystring: AreaImportQuery, response: { 200: AreaImportApplied, ...errorResponses(400, 401, 403, 409, 413) } } },
      async (req) => service.apply(actorOf(req), req.query, await upload(req)),
    );
  };
}
