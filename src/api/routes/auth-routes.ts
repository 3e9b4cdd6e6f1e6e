import type { FastifyInstance } from 'fastify';

import { PERMISSIONS } from '../../services/access/roles.ts';
import { SESSION_MAX_MS } from '../../services/auth/auth-service.ts';
import type { Services } from '../../services/services.ts';
import { requestToken, SESSION_COOKIE } from '../http-server.ts';

const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 } },
} as const;

/** Sign in, sign out, and who am I. */
export function authRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: { username: string; password: string } }>(
    '/api/v1/auth/login',
    { config: { permission: 'public' }, schema: { tags: ['auth'], body: loginBody, security: [] } },
    async (request, reply) => {
      const { username, password } = request.body;
      const session = await services.auth.login(username, password, request.ip);
      request.log.info({ username, role: session.user.role }, 'signed in');
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // Behind a TLS terminator (--trust-proxy, X-Forwarded-Proto: https) the cookie is Secure.
        secure: request.protocol === 'https',
        maxAge: Math.floor(SESSION_MAX_MS / 1000),
      });
      return { token: session.token, user: session.user, expiresAt: new Date(session.expiresAt).toISOString() };
    },
  );

  app.post('/api/v1/auth/logout', { config: { permission: 'signed-in' }, schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = requestToken(request);
    if (token) await services.auth.logout(token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/auth/me', { config: { permission: 'signed-in' }, schema: { tags: ['auth'] } }, async (request) => ({
    user: request.user,
    permissions: PERMISSIONS.filter((p) => services.access.can(request.user, p)),
  }));
}
