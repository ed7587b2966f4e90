import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, errorResponses } from '../../platform/http';
import { binaryFile } from '../../platform/openapi';
import { Enum, Uuid } from '../../platform/schema';
import { DOCUMENT_TYPE_CODES } from './domain/numbering';
import { RENDER_TYPES, type RenderService } from './render.service';

export const RenderQuery = Type.Object(
  {
    caseId: Uuid,
    docType: Enum(DOCUMENT_TYPE_CODES),
    /** As on 文号: tells apart documents of one type; on a 送达回证, the type of the document served. */
    ref: Type.Optional(Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9_.-]*$' })),
    format: Enum(['pdf', 'docx'] as const),
  },
  { additionalProperties: false },
);

/** RFC 5987 / 6266: the Chinese name in filename*, an ASCII fallback in filename for old clients. */
const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function renderRoutes(service: RenderService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const pdf = binaryFile(RENDER_TYPES.pdf, 'The 文书 as PDF');
    const docx = binaryFile(RENDER_TYPES.docx, 'The 文书 as DOCX');
    app.get(
      '/render',
      {
        config: { permission: 'case.read' },
        schema: {
          tags: ['document'],
          summary: 'A 文书 of a case filled from the case as it is now (with its 文号 if issued), as PDF or DOCX; a document whose step is not on the case yet is refused',
          querystring: RenderQuery,
          response: { 200: { description: 'The 文书', content: { ...pdf.content, ...docx.content } }, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const f = await service.render(actorOf(req), req.query);
        return reply.header('content-type', f.contentType).header('content-disposition', attachment(f.fileName)).header('cache-control', 'no-store').send(f.data);
      },
    );
  };
}
