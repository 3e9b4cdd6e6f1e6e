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
    trustProxy: false,
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
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (!request.url.startsWith('/api/') || permission === 'public' || !request.routeOptions.url) return;
    const token = requestToken(request);
    if (!token) throw new VigilError('AUTH_REQUIRED', 'sign in first');
    request.user = await services.auth.authenticate(token);
    if (permission && permission !== 'signed-in' && !services.access.can(request.user, permission)) {
      throw new VigilError('FORBIDDEN', `role ${request.user.role} may not ${permission}`);
    }
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
