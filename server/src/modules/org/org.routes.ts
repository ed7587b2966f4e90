import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import { nativeJsonAnswer } from '../../platform/native-json';
import type { OrgService } from './org.service';
import { CreateOrgUnitBody, FeatureCollection, IdParams, MapQuery, OrgUnitList, OrgUnitOut, UpdateOrgUnitBody } from './org.schemas';

export function orgRoutes(service: OrgService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['org'];
    // 236 units, 95 KiB of mostly Chinese text: sent with the native JSON.stringify, checked against its schema.
    const unitList = nativeJsonAnswer(OrgUnitList, [OrgUnitOut]);
    app.get('/units', { config: { permission: 'org.read' }, schema: { tags, summary: 'Org units in scope (with ancestors)', response: { 200: OrgUnitList, ...errorResponses(401, 403) } } }, async (req, reply) =>
      unitList.send(reply, await service.list(actorOf(req))),
    );
    app.get(
      '/units/:id',
      { config: { permission: 'org.read' }, schema: { tags, params: IdParams, response: { 200: OrgUnitOut, ...errorResponses(401, 403, 404) } } },
      (req) => service.get(actorOf(req), req.params.id),
    );
    app.patch(
      '/units/:id',
      {
        config: { permission: 'org.manage' },
        schema: { tags, params: IdParams, body: UpdateOrgUnitBody, response: { 200: OrgUnitOut, ...errorResponses(400, 401, 403, 404, 409) } },
      },
      (req) => service.update(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/units',
      { config: { permission: 'org.manage' }, schema: { tags, body: CreateOrgUnitBody, response: { 201: OrgUnitOut, ...errorResponses(400, 401, 403, 404, 409) } } },
      async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.body)),
    );
    app.get(
      '/map',
      { config: { permission: 'org.read' }, schema: { tags, summary: 'GeoJSON of unit areas and grids (WGS-84)', querystring: MapQuery, response: { 200: FeatureCollection, ...errorResponses(401, 403, 404) } } },
      (req) => service.map(actorOf(req), req.query.rootId),
    );
  };
}
