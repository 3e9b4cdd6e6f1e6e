import type { FastifyInstance } from 'fastify';

import type { Services } from '../../services/services.ts';
import { isoTime } from '../../model/time.ts';

/** Receiver diagnostics: counters and the frames that were refused. */
export function receiverRoutes(app: FastifyInstance, services: Services, stats: () => Record<string, unknown>): void {
  app.get('/api/v1/receiver/stats', { config: { permission: 'receiver:read' }, schema: { tags: ['receiver'] } }, async () => stats());

  app.get<{ Querystring: { limit?: number } }>(
    '/api/v1/receiver/rejects',
    {
      config: { permission: 'receiver:read' },
      schema: { tags: ['receiver'], querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } } },
    },
    async (request) => {
      // Refused frames belong to the account they name: a limited user sees only its own;
      // frames naming no known account are for city-wide users.
      const scope = services.access.filter(request.user, 'u.jurisdiction', 'a.unit_id');
      const rows = await services.store.driver.all<Record<string, unknown>>(
        `SELECT r.* FROM receiver_rejects r LEFT JOIN accounts a ON a.account = r.account
         LEFT JOIN units u ON u.id = a.unit_id WHERE ${scope.sql} ORDER BY r.id DESC LIMIT ?`,
        [...scope.params, request.query.limit ?? 100],
      );
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          receivedAt: isoTime(r.received_at as number),
          transport: r.transport,
          remote: r.remote,
          account: r.account,
          reason: r.reason,
          raw: r.raw,
        })),
      };
    },
  );
}
