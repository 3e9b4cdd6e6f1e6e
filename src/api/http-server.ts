import fs from 'node:fs';
import path from 'node:path';

import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';

import { VigilError } from '../services/errors.ts';
import type { Services } from '../services/services.ts';
import './http-types.ts';

/** Name of the cookie the console uses instead of the Authorization header. */
export const SESSION_COOKIE = 'vigil_session';

/** A route module: registers its routes on the app. */
export type RouteModule = (app: FastifyInstance, services: Services) => void | Promise<void>;

export interface HttpOptions {
  services: Services;
  routes: RouteModule[];
  /** Folder of the built console; served at / when it exists. */
  webRoot?: string;
  /** Extra facts the health route reports (listeners, versions). */
  health?: () => Record<string, unknown>;
  /** Origin of a configured tile server, allowed to serve images to the console. */
  tileOrigin?: string;
  /** Proxy addresses whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). */
  trustProxy?: string;
}

/** The console loads nothing from elsewhere but map tiles from the configured server. */
function contentSecurityPolicy(tileOrigin?: string): string {
  const images = ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])].join(' ');
  return `default-src 'self'; img-src ${images}; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'`;
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 20) return false;
  return Object.values(value as Record<string, unknown>).some((v) => containsNul(v, depth + 1));
}

/** The bearer token or session cookie of a request, if any. */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return cookie;
  // Browsers cannot set headers on a WebSocket; scripts may pass the token in the URL instead.
  const query = request.query as { token?: unknown } | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

/**
 * Builds the HTTP API: one auth-and-permission hook every route passes through, one error
 * shape, the OpenAPI document at /api/docs, and the console's files.
 */
export async function buildHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app: FastifyInstance = Fastify({
    loggerInstance: services.log.child({ module: 'http' }) as FastifyBaseLogger,
    // Requests are not logged one by one; routes log what operators need (sign-ins, actions).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024 * 1024,
    trustProxy: options.trustProxy ? options.trustProxy.split(',').map((a) => a.trim()) : false,
  });

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Vigil API', version: '1', description: 'City alarm and monitoring platform' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
  });

  // Every API route must say who may call it: a route without a permission does not start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.permission) {
      throw new Error(`API route ${route.method} ${route.url} declares no permission`);
    }
  });

  app.decorateRequest('user', null as never);
  // The decision rests on the route that matched, never on the raw URL: the router decodes
  // percent-escapes (`/%61pi/...` reaches `/api/...`), a prefix test on request.url would not.
  app.addHook('onRequest', async (request) => {
    const routeUrl = request.routeOptions.url;
    const permission = request.routeOptions.config?.permission;
    // Every /api route has a permission: the onRoute hook above refuses one without.
    if (!routeUrl?.startsWith('/api/') || permission === 'public') return;
    const token = requestToken(request);
    if (!token) throw new VigilError('AUTH_REQUIRED', 'sign in first');
    request.user = await services.auth.authenticate(token);
    if (permission && permission !== 'signed-in' && !services.access.can(request.user, permission)) {
      throw new VigilError('FORBIDDEN', `role ${request.user.role} may not ${permission}`);
    }
  });

  // NUL cannot be stored in PostgreSQL text and has no business in any field: refuse it up front.
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.body) || containsNul(request.query) || containsNul(request.params)) {
      throw new VigilError('VALIDATION', 'text must not contain NUL characters');
    }
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('content-security-policy', contentSecurityPolicy(options.tileOrigin));
  });

  app.setErrorHandler((error: FastifyError | VigilError, request, reply) => {
    if (error instanceof VigilError) {
      request.log.info({ code: error.code, url: request.url }, error.message);
      if (error.code === 'RATE_LIMITED') {
        const wait = (error.details as { retryAfterS?: number } | undefined)?.retryAfterS;
        if (wait) reply.header('retry-after', String(wait));
      }
      return reply.status(error.status).send({ error: errorBody(error) });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) {
      request.log.info({ url: request.url, err: error.message }, 'bad request');
      const code = (error as { validation?: unknown }).validation ? 'VALIDATION' : 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  app.get('/api/v1/health', { config: { permission: 'public' }, schema: { tags: ['system'] } }, async () => ({
    status: 'ok',
    time: new Date().toISOString(),
    database: services.store.dialect,
    ...options.health?.(),
  }));

  for (const routes of options.routes) await routes(app, services);

  app.get('/api/docs', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  serveConsole(app, options.webRoot);
  return app;
}

function errorBody(error: VigilError) {
  return error.details === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, details: error.details };
}

/** Serves the built console, with index.html for every client-side route. */
function serveConsole(app: FastifyInstance, webRoot?: string): void {
  const root = webRoot ? path.resolve(webRoot) : undefined;
  const index = root ? path.join(root, 'index.html') : undefined;
  if (root && index && fs.existsSync(index)) {
    void app.register(fastifyStatic, { root, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !index || !fs.existsSync(index)) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.url}` } });
    }
    return reply.type('text/html').send(fs.createReadStream(index));
  });
}
