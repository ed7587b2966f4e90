import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/client';
import { actorOf, errorResponses } from '../../platform/http';
import { auditService, verifyAuditChain } from './audit.service';

/**
 * The entity as it was before / after the action: a JSON object whose fields depend on entityType (any fields
 * are kept: additionalProperties), or null (nothing before a create, nothing after a delete).
 */
// (typed unknown on the TypeScript side: the stored jsonb is read back as it was written)
const Snapshot = Type.Unsafe<unknown>({
  type: ['object', 'null'],
  additionalProperties: true,
  description: 'The entity before/after the action (fields depend on entityType); null when there is none',
});

const AuditRecordOut = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.String(),
  actorUsername: Type.Union([Type.String(), Type.Null()], { description: "The actor's username; null for the system (seed, start-up, CLI)" }),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  orgUnitId: Type.Union([Type.String(), Type.Null()]),
  before: Snapshot,
  after: Snapshot,
  hash: Type.String(),
  prevHash: Type.String(),
});

export function auditRoutes(database: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['audit'];
    app.get(
      '/records',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags,
          summary: 'Audit records, newest first (own subtree; whole city for bureau roles)',
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
              beforeSeq: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
              entityType: Type.Optional(Type.String({ maxLength: 60 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(AuditRecordOut), nextBeforeSeq: Type.Union([Type.Integer(), Type.Null()]) }), ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const r = await auditService.list(database, actorOf(req), req.query);
        return { ...r, items: r.items.map((i) => ({ ...i, at: i.at.toISOString() })) };
      },
    );
    app.get(
      '/verify',
      {
        config: { permission: 'audit.verify' },
        schema: {
          tags,
          summary: 'Verify the hash chain; names the first broken record',
          response: {
            200: Type.Object({
              ok: Type.Boolean(),
              checked: Type.Integer(),
              firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }, { additionalProperties: true }), Type.Null()]),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      () => verifyAuditChain(database),
    );
  };
}
