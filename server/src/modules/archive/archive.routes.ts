import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import { binaryFile } from '../../platform/openapi';
import type { ArchiveService } from './archive.service';
import { ArchiveView, CaseParams, PolicyBody, PolicyView, UnitParams } from './archive.schemas';

const attachment = (fileName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function archiveRoutes(service: ArchiveService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['archive'];
    const read = { permission: 'case.read' as const };

    app.get('/cases/:id', { config: read, schema: { tags, summary: 'The 卷宗 of a case: its archive record once archived (保管期限, hashes, pages), evidence counts, the legal order', params: CaseParams, response: { 200: ArchiveView, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.view(actorOf(req), req.params.id),
    );
    app.get(
      '/cases/:id/dossier.pdf',
      {
        config: read,
        schema: {
          tags,
          summary: 'The 卷宗 PDF in the legal order (cover, 卷内目录 with pages, 文书, evidence photos, 备考表): the copy kept at 归档 once archived, else a preview',
          params: CaseParams,
          response: { 200: binaryFile('application/pdf', 'The 卷宗 PDF'), ...errorResponses(401, 403, 404, 500, 503) },
        },
      },
      async (req, reply) => {
        const f = await service.dossierPdf(actorOf(req), req.params.id);
        return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(f.fileName)).header('x-content-sha256', f.sha256).header('x-archived-copy', String(f.archived)).send(f.data);
      },
    );
    app.get(
      '/cases/:id/evidence.zip',
      {
        config: read,
        schema: {
          tags,
          summary: 'Every evidence file of the case (current and superseded, by kind) with manifest.json and 清单.csv (SHA-256 each); all verified before sending, each logged as exported',
          params: CaseParams,
          response: { 200: binaryFile('application/zip', 'The evidence ZIP (streamed)'), ...errorResponses(401, 403, 404, 500, 503) },
        },
      },
      async (req, reply) => {
        const z = await service.evidenceZip(actorOf(req), req.params.id);
        return reply.header('content-type', 'application/zip').header('content-disposition', attachment(z.fileName)).header('x-manifest-sha256', z.manifestSha256).send(z.stream);
      },
    );
    app.get('/retention/:orgUnitId', { config: read, schema: { tags, summary: '保管期限 in force for a unit (its own, a unit above it, or the local default 本地默认值，待本局确认)', params: UnitParams, response: { 200: PolicyView, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.policy(actorOf(req), req.params.orgUnitId),
    );
    app.put(
      '/retention/:orgUnitId',
      { config: { permission: 'legal.manage' as const }, schema: { tags, summary: 'Set a unit\'s 保管期限 (永久, 30 or 10 years) for cases archived from now on', params: UnitParams, body: PolicyBody, response: { 200: PolicyView, ...errorResponses(400, 401, 403, 404) } } },
      (req) => service.setPolicy(actorOf(req), req.params.orgUnitId, req.body),
    );
  };
}
