import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import { binaryFile, XLSX } from '../../platform/openapi';
import type { ProgressService } from './progress.service';
import { CampaignQuery, CreateTargetBody, DashboardOut, IdParams, ReportBody, ReportOut, SnapshotBody, SnapshotOut, TargetList, TargetOut, UpdateTargetBody } from './progress.schemas';

const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

export function progressRoutes(service: ProgressService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['progress'];
    const read = { permission: 'progress.read' as const };
    const manage = { permission: 'progress.manage' as const };
    app.addHook('onClose', () => service.drain());

    app.get('/targets', { config: read, schema: { tags, summary: 'Dated targets of a campaign visible to the caller', querystring: CampaignQuery, response: { 200: TargetList, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.listTargets(actorOf(req), req.query.campaignId),
    );
    app.post('/targets', { config: manage, schema: { tags, summary: 'New target (e.g. 11 of 21 teams 达标 by 2019-12-31)', body: CreateTargetBody, response: { 201: TargetOut, ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(201).send(await service.createTarget(actorOf(req), req.body)),
    );
    app.patch('/targets/:id', { config: manage, schema: { tags, summary: 'Change a target (optimistic: send its version)', params: IdParams, body: UpdateTargetBody, response: { 200: TargetOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.updateTarget(actorOf(req), req.params.id, req.body),
    );
    app.delete('/targets/:id', { config: manage, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } } }, async (req, reply) => {
      await service.deleteTarget(actorOf(req), req.params.id);
      return noContent(reply);
    });
    app.post('/snapshots', { config: manage, schema: { tags, summary: "Snapshot every team's score and grade for a day (default today, Asia/Shanghai); upsert", body: SnapshotBody, response: { 200: SnapshotOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.snapshot(actorOf(req), req.body),
    );
    app.get('/dashboard', { config: read, schema: { tags, summary: 'Now vs target, burn-up, breakdowns, gaps, ranking, forecasts: one response', querystring: Type.Object({ campaignId: Type.String({ format: 'uuid' }), scopeId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }), response: { 200: DashboardOut, ...errorResponses(400, 401, 403, 404) } } }, (req) =>
      service.dashboard(actorOf(req), req.query),
    );
    app.post('/reports', { config: manage, schema: { tags, summary: 'Start generating the meeting report (Excel + PDF) in the background', body: ReportBody, response: { 202: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 403, 404) } } }, async (req, reply) =>
      reply.code(202).send(await service.requestReport(actorOf(req), req.body)),
    );
    app.get('/reports/:id', { config: read, schema: { tags, summary: 'Status and progress (0–100) of a report job', params: IdParams, response: { 200: ReportOut, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.getReport(actorOf(req), req.params.id),
    );
    for (const kind of ['xlsx', 'pdf'] as const) {
      app.get(`/reports/:id/report.${kind}`, { config: read, schema: { tags, summary: `Download the report (${kind}); 404 until done`, params: IdParams, response: { 200: binaryFile(kind === 'pdf' ? 'application/pdf' : XLSX, `The meeting report (.${kind})`), ...errorResponses(401, 403, 404) } } }, async (req, reply) => {
        const { data } = await service.reportFile(actorOf(req), req.params.id, kind);
        const name = `推进会报告-${req.params.id.slice(0, 8)}.${kind}`;
        return reply.header('content-type', TYPES[kind]).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(data);
      });
    }
  };
}
