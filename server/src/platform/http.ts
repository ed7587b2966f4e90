import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { AppError } from './errors';
import type { Actor, Permission } from './permissions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route is reachable without a session (login, health, public config, device ingest). */
    public?: boolean;
    /** Coarse permission the route needs; scope is checked by the module's policy. */
    permission?: Permission;
    /**
     * Reachable while the actor still has to change a reset or generated password (who am I, change it, sign
     * out). Every other route answers 403 identity.password_change_required until then.
     */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'guifan_session';

export type ResolveActor = (token: string, req: FastifyRequest) => Promise<Actor | null>;

/** Route patterns that are public by what they are: the web app's files and SPA fallback, the API documentation. */
export function isPublicPattern(url: string): boolean {
  return !url.startsWith('/api/') || url === '/api/docs' || url.startsWith('/api/docs/');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: SameSite=Strict keeps the session cookie off cross-site requests, and on top of it a
 * state-changing request a browser marks as coming from another site is refused. `Sec-Fetch-Site` is set by the
 * browser and cannot be forged by a page; older browsers only send `Origin`, compared with the host the request
 * was sent to. Non-browser clients (devices, the CLI, scripts) send neither and are not affected.
 */
export function crossSiteProblem(method: string, headers: { 'sec-fetch-site'?: string | string[]; origin?: string | string[] }, host: string): string | null {
  if (SAFE_METHODS.has(method)) return null;
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? null : `Sec-Fetch-Site: ${String(site)}`;
  const origin = headers.origin;
  if (origin === undefined) return null;
  try {
    if (typeof origin === 'string' && new URL(origin).host === host) return null;
  } catch {
    // "null" or a malformed origin: refused below
  }
  return `Origin: ${String(origin)}`;
}

/**
 * Authentication and the route's permission, decided on the route that matched (its pattern and config), never on
 * the text of the URL: the router decodes percent-escapes and accepts the absolute form (`GET http://host/api/…`),
 * so a prefix test on `req.url` could be walked around. Runs at onRequest, before the body is parsed and before
 * any validation, so an anonymous caller learns nothing about a route's fields.
 * Must be registered before any route (the onRoute hook sees only routes added after it).
 */
export function registerAuth(app: FastifyInstance, resolve: ResolveActor): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (isPublicPattern(route.url)) route.config = { ...(route.config ?? {}), public: true };
    // The OpenAPI document says which operations need no session (security: []), from the same flag.
    else if (route.config?.public && route.schema) route.schema = { ...route.schema, security: [] } as typeof route.schema;
  });
  app.addHook('onRequest', async (req) => {
    const problem = crossSiteProblem(req.method, req.headers, req.host);
    if (problem) throw new AppError(403, 'request.cross_site', 'Cross-site request refused', { reason: problem });
    // No route matched: the not-found handler answers 404 and serves nothing.
    if (req.is404) return;
    const cfg = req.routeOptions.config;
    if (cfg.public) return;
    const token = req.cookies[SESSION_COOKIE];
    const actor = token ? await resolve(token, req) : null;
    if (!actor) throw new AppError(401, 'identity.unauthenticated', 'Not signed in or the session has expired');
    req.actor = actor;
    if (actor.mustChangePassword && !cfg.duringPasswordChange) {
      throw new AppError(403, 'identity.password_change_required', 'Change your password before doing anything else');
    }
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

/** Raster images are shown inline; every other stored file (PDF, Office, video …) is downloaded, never rendered in our origin. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/**
 * Sends a stored file (evidence, photos): an attachment unless it is a raster image asked for inline, never
 * sniffed, and sandboxed so that even a file the browser does render cannot run script in our origin (a PDF with
 * /OpenAction JavaScript served inline would).
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mimeType: string; fileName: string; sha256?: string },
  data: Buffer,
  opts: { inline?: boolean } = {},
): FastifyReply {
  const inline = opts.inline === true && INLINE_TYPES.has(file.mimeType);
  reply
    .header('content-type', file.mimeType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (file.sha256) reply.header('x-content-sha256', file.sha256);
  return reply.send(data);
}

/**
 * Turns a basemap URL template (`https://t{s}.tianditu.gov.cn/...`) into a CSP source: its scheme and host, with a
 * templated leading label widened to `*.` (the only wildcard CSP allows). Null when it cannot be expressed.
 */
export function tileSource(tileUrl: string | null): string | null {
  if (!tileUrl) return null;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!m) return null;
  const labels = m[2]!.split('.');
  const lastTemplated = labels.map((l) => l.includes('{')).lastIndexOf(true);
  if (lastTemplated === labels.length - 1) return null;
  const host = lastTemplated >= 0 ? ['*', ...labels.slice(lastTemplated + 1)].join('.') : m[2]!;
  if (/[{}\s;,']/.test(host)) return null;
  return `${m[1]!.toLowerCase()}://${host}`;
}

/** Content-Security-Policy of the web app: only our own scripts; antd and Leaflet set inline styles; tiles from the configured host. */
export function webAppCsp(tileUrl: string | null): string {
  const tiles = tileSource(tileUrl);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Response headers every answer carries: no MIME sniffing, no framing (clickjacking), no referrer to other sites,
 * HSTS when served over HTTPS, and a CSP fitting what the answer is (the web app, JSON, the API docs page).
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { secureCookies: boolean; tileUrl: string | null }): void {
  const webCsp = webAppCsp(opts.tileUrl);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (opts.secureCookies) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const pattern = req.routeOptions.url ?? '';
    // The API docs page (swagger-ui) brings its own inline bootstrap: framing is still refused by X-Frame-Options.
    if (pattern === '/api/docs' || pattern.startsWith('/api/docs/')) return;
    reply.header('content-security-policy', pattern.startsWith('/api/') ? API_CSP : webCsp);
  });
}
