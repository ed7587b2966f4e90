import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, errorResponses, noContent, SESSION_COOKIE } from '../../platform/http';
import { nativeJsonAnswer } from '../../platform/native-json';
import type { IdentityService } from './identity.service';
import { ChangePasswordBody, CreateUserBody, IdParams, LoginBody, ResetPasswordBody, RoleSchema, UpdateUserBody, UserListQuery, UserRow } from './identity.schemas';

export function identityRoutes(service: IdentityService, opts: { secureCookies: boolean }): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['identity'];
    const MeBody = Type.Object({ user: Type.Ref('Me') });
    const UserList = Type.Object({ items: Type.Array(Type.Ref('UserRow')), actions: Type.Array(Type.String()), assignableRoles: Type.Array(RoleSchema) });
    // Up to 2,000 users: sent with the native JSON.stringify, checked against its schema.
    const userList = nativeJsonAnswer(UserList, [UserRow]);

    app.post(
      '/login',
      { config: { public: true }, schema: { tags, body: LoginBody, response: { 200: MeBody, ...errorResponses(400, 401, 429) } } },
      async (req, reply) => {
        const r = await service.login({ username: req.body.username, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] });
        reply.setCookie(SESSION_COOKIE, r.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: opts.secureCookies,
          expires: r.expiresAt,
        });
        return { user: r.me };
      },
    );

    app.post('/logout', { config: { public: true }, schema: { tags, response: { 204: Type.Null() } } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const actor = await service.resolveSession(token);
        await service.logout(token, actor);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return noContent(reply);
    });

    app.get('/me', { config: { duringPasswordChange: true }, schema: { tags, response: { 200: MeBody, ...errorResponses(401) } } }, async (req) => ({ user: await service.me(actorOf(req)) }));

    app.post(
      '/password',
      { config: { duringPasswordChange: true }, schema: { tags, body: ChangePasswordBody, response: { 204: Type.Null(), ...errorResponses(400, 401) } } },
      async (req, reply) => {
        await service.changePassword(actorOf(req), req.cookies[SESSION_COOKIE] ?? '', req.body.currentPassword, req.body.newPassword);
        return noContent(reply);
      },
    );

    app.get(
      '/users',
      {
        config: { permission: 'identity.users.read' },
        schema: {
          tags,
          querystring: UserListQuery,
          response: { 200: UserList, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => userList.send(reply, await service.listUsers(actorOf(req), req.query)),
    );

    app.post(
      '/users',
      { config: { permission: 'identity.users.manage' }, schema: { tags, body: CreateUserBody, response: { 201: Type.Ref('UserRow'), ...errorResponses(400, 401, 403, 404, 409) } } },
      async (req, reply) => reply.code(201).send(await service.createUser(actorOf(req), req.body)),
    );

    app.patch(
      '/users/:id',
      {
        config: { permission: 'identity.users.manage' },
        schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: Type.Ref('UserRow'), ...errorResponses(400, 401, 403, 404, 409) } },
      },
      (req) => service.updateUser(actorOf(req), req.params.id, req.body),
    );

    app.post(
      '/users/:id/reset-password',
      { config: { permission: 'identity.users.manage' }, schema: { tags, params: IdParams, body: ResetPasswordBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
      async (req, reply) => {
        await service.resetPassword(actorOf(req), req.params.id, req.body.password);
        return noContent(reply);
      },
    );
  };
}
