import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import { SETTINGS_PERMISSION, type OnsiteService } from './onsite.service';
import { CaseOnsite, CaseParams, SettingsBody, SettingsS } from './onsite.schemas';

export function onsiteRoutes(service: OnsiteService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['onsite'];
    const read = { permission: 'case.read' as const };
    app.get('/cases/:caseId', { config: read, schema: { tags, summary: '现场核验 of a case: each on-site step, its officers’ tracks around it (≤ 500 points each), the minimum distance to the case location and the flag', params: CaseParams, response: { 200: CaseOnsite, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.caseView(actorOf(req), req.params.caseId),
    );
    app.post('/cases/:caseId/recheck', { config: read, schema: { tags, summary: 'Recompute every on-site step of the case from the positions stored now (idempotent)', params: CaseParams, response: { 200: CaseOnsite, ...errorResponses(401, 403, 404) } } }, (req) =>
      service.recheck(actorOf(req), req.params.caseId),
    );
    app.get('/settings', { config: read, schema: { tags, summary: 'The distance and the time margin of the on-site check', response: { 200: SettingsS, ...errorResponses(401, 403) } } }, (req) => service.settings(actorOf(req)));
    app.put('/settings', { config: { permission: SETTINGS_PERMISSION }, schema: { tags, summary: 'Change the distance and the time margin (rule-set administrators; optimistic version, 0 = defaults)', body: SettingsBody, response: { 200: SettingsS, ...errorResponses(400, 401, 403, 409) } } }, (req) =>
      service.updateSettings(actorOf(req), req.body),
    );
  };
}
