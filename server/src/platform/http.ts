import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { AppError } from './errors';
import type { Actor, Permission } from './permissions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route is reachable without a session (login, health, public config). */
    public?: boolean;
    /** Coarse permission the route needs; scope is checked by the module's policy. */
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'guifan_session';

export type ResolveActor = (token: string, req: FastifyRequest) => Promise<Actor | null>;

/** Resolves the session cookie to an actor on every /api route and enforces the route's permission. */
export function registerAuth(app: FastifyInstance, resolve: ResolveActor): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req) => {
    const cfg = req.routeOptions.config;
    if (!req.url.startsWith('/api/') || cfg.public || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    const actor = token ? await resolve(token, req) : null;
    if (!actor) throw new AppError(401, 'identity.unauthenticated', 'Not signed in or the session has expired');
    req.actor = actor;
    if (cfg.permission && !actor.permissions.has(cfg.permission)) {
      throw new AppError(403, 'auth.forbidden', `This action needs permission ${cfg.permission}`, { permission: cfg.permission });
    }
  });
}

/** The actor of an authenticated route (the preHandler guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'identity.unauthenticated', 'Not signed in or the session has expired');
  return req.actor;
}

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable dotted error code, e.g. request.validation' }),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBodyT = Static<typeof ErrorBody>;

/** Standard error responses for a route, so OpenAPI documents them. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of statuses) out[s] = Type.Ref('ErrorBody');
  return out;
}

export function noContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).send();
}
