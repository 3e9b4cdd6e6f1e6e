import type { FastifyInstance } from 'fastify';

import type { Services } from '../../services/services.ts';
import { isoTime } from '../../model/time.ts';

/** The hash-chained audit log and its verification. */
export function auditRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { limit?: number; before?: number; targetType?: string; targetId?: string } }>(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            before: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
            targetType: { type: 'string', maxLength: 64 },
            targetId: { type: 'string', maxLength: 128 },
          },
        },
      },
    },
    async (request) => ({
      items: (await services.audit.list(request.query)).map((e) => ({ ...e, at: isoTime(e.at) })),
    }),
  );

  app.get('/api/v1/audit/verify', { config: { permission: 'audit:read' }, schema: { tags: ['audit'] } }, async () =>
    services.audit.verify(),
  );
}
