import type { FastifyInstance } from 'fastify';

import { ROLES } from '../../services/access/roles.ts';
import type { NewUser } from '../../services/auth/auth-service.ts';
import type { Services } from '../../services/services.ts';

/** User administration. */
export function userRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/users', { config: { permission: 'users:manage' }, schema: { tags: ['users'] } }, async () => ({
    items: await services.auth.listUsers(),
  }));

  app.post<{ Body: NewUser }>(
    '/api/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', maxLength: 64 },
            password: { type: 'string', minLength: 8, maxLength: 256 },
            role: { type: 'string', enum: [...ROLES] },
            jurisdiction: { type: ['string', 'null'], maxLength: 12 },
            unitId: { type: ['string', 'null'], maxLength: 64 },
            displayName: { type: 'string', maxLength: 100 },
          },
        },
      },
    },
    async (request, reply) => {
      const user = await services.auth.addUser(request.user, request.body);
      return reply.status(201).send(user);
    },
  );

  app.post<{ Params: { username: string } }>(
    '/api/v1/users/:username/disable',
    {
      config: { permission: 'users:manage' },
      schema: { tags: ['users'], params: { type: 'object', properties: { username: { type: 'string', maxLength: 64 } } } },
    },
    async (request) => {
      await services.auth.disableUser(request.user, request.params.username);
      return { ok: true };
    },
  );
}
