import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import { DUPLICATE_SETTINGS_PERMISSION, type DuplicateService } from './duplicate.service';
import { DuplicateList, DuplicateParams, DuplicateQuery, DuplicateSettingsBody, DuplicateSettingsS } from './duplicate.schemas';

/** 重复诉求 routes, registered under /api/service. */
export function duplicateRoutes(service: DuplicateService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['service'];
    app.get(
      '/requests/:id/duplicates',
      {
        config: { permission: 'service.dispatch' },
        schema: {
          tags,
          summary: 'Suggested duplicates of a request: same category within the distance (haversine, WGS-84) and the time window, nearest first, with distance and minutes apart',
          params: DuplicateParams,
          querystring: DuplicateQuery,
          response: { 200: DuplicateList, ...errorResponses(400, 401, 403, 404) },
        },
      },
      (req) => service.suggestions(actorOf(req), req.params.id, req.query),
    );
    app.get(
      '/duplicates/settings',
      { config: { permission: 'service.read' }, schema: { tags, summary: 'The distance and time window of the duplicate suggestions (defaults 50 m, 72 h)', response: { 200: DuplicateSettingsS, ...errorResponses(401, 403) } } },
      (req) => service.settings(actorOf(req)),
    );
    app.put(
      '/duplicates/settings',
      {
        config: { permission: DUPLICATE_SETTINGS_PERMISSION },
        schema: { tags, summary: 'Change the distance and time window of the duplicate suggestions (optimistic version, 0 = defaults; audited)', body: DuplicateSettingsBody, response: { 200: DuplicateSettingsS, ...errorResponses(400, 401, 403, 409) } },
      },
      (req) => service.updateSettings(actorOf(req), req.body),
    );
  };
}
