import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, errorResponses } from '../../platform/http';
import type { ServiceBoard } from './board.service';
import { BoardQuery, BoardView } from './board.schemas';

/** 期限预警 of 便民服务, mounted at /api/service/board. */
export function boardRoutes(service: ServiceBoard): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'service.read' as const },
        schema: { tags: ['service'], summary: 'Open reports in scope with stage, due time, working minutes left and flag (overdue / due soon / on time / suspended); counts per flag and team', querystring: BoardQuery, response: { 200: BoardView, ...errorResponses(400, 401, 403, 404) } },
      },
      (req) => service.board(actorOf(req), req.query),
    );
  };
}
