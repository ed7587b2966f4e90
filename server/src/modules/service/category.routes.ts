import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, errorResponses, noContent } from '../../platform/http';
import type { ServiceCategories } from './category.service';
import { CreateServiceCategoryBody, SaveWorkingHoursBody, ServiceCategoryList, ServiceCategoryOut, ServiceCategoryParams, UpdateServiceCategoryBody, WorkingHoursOut } from './category.schemas';

/** Categories with their time limits (/api/service/categories) and the bureau's working hours (/api/service/settings/hours). */
export function categoryRoutes(service: ServiceCategories): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['service'];
    const read = { permission: 'service.read' as const };
    const manage = { permission: 'service.manage' as const };
    app.get('/categories', { config: read, schema: { tags, summary: 'Report categories (数字城管 事件 classes) with their accept / handle / reply limits in working hours', response: { 200: ServiceCategoryList, ...errorResponses(401, 403) } } }, (req) =>
      service.list(actorOf(req)),
    );
    app.post('/categories', { config: manage, schema: { tags, summary: 'New category', body: CreateServiceCategoryBody, response: { 201: ServiceCategoryOut, ...errorResponses(400, 401, 403, 409) } } }, async (req, reply) =>
      reply.code(201).send(await service.create(actorOf(req), req.body)),
    );
    app.put('/categories/:id', { config: manage, schema: { tags, summary: 'Edit a category: name, limits, order, active (the code stays)', params: ServiceCategoryParams, body: UpdateServiceCategoryBody, response: { 200: ServiceCategoryOut, ...errorResponses(400, 401, 403, 404, 409) } } }, (req) =>
      service.update(actorOf(req), req.params.id, req.body),
    );
    app.delete('/categories/:id', { config: manage, schema: { tags, summary: 'Delete a category no report was filed under (one in use: 409 service.category_in_use, deactivate it)', params: ServiceCategoryParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } }, async (req, reply) => {
      await service.remove(actorOf(req), req.params.id);
      return noContent(reply);
    });
    app.get('/settings/hours', { config: read, schema: { tags, summary: "The bureau's daily working periods (Beijing time) the time limits count in", response: { 200: WorkingHoursOut, ...errorResponses(401, 403) } } }, (req) =>
      service.workingHours(actorOf(req)),
    );
    app.put('/settings/hours', { config: manage, schema: { tags, summary: 'Set the working periods: HH:MM, in order, not overlapping', body: SaveWorkingHoursBody, response: { 200: WorkingHoursOut, ...errorResponses(400, 401, 403, 409) } } }, (req) =>
      service.saveWorkingHours(actorOf(req), req.body),
    );
  };
}
