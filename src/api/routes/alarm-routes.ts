import type { FastifyInstance } from 'fastify';

import type { AlarmAction, AlarmCentre } from '../../services/alarm-centre/alarm-centre.ts';
import type { Services } from '../../services/services.ts';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

// Take and release need no body: an empty or missing one is as good as {}.
const actionBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    note: { type: 'string', maxLength: 2000 },
    disposition: { type: 'string', enum: ['real', 'false', 'test', 'technical'] },
    /** take: take over an alarm another operator holds (needs alarms:override). */
    force: { type: 'boolean' },
  },
} as const;

const ACTIONS: AlarmAction[] = ['take', 'release', 'acknowledge', 'dispatch', 'close', 'note'];

/** The alarm queue and the operator actions. */
export function alarmRoutes(app: FastifyInstance, services: Services): void {
  const alarms = services.alarms as AlarmCentre;

  app.get<{ Querystring: { state?: string; limit?: number; before?: number } }>(
    '/api/v1/alarms',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags: ['alarms'],
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ['open', 'new', 'acknowledged', 'dispatched', 'closed', 'all'] },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            before: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          },
        },
      },
    },
    async (request) => ({ items: await alarms.list(request.user, request.query) }),
  );

  app.get<{ Querystring: { days?: number } }>(
    '/api/v1/alarms/stats/acknowledge',
    {
      config: { permission: 'alarms:read' },
      schema: { tags: ['alarms'], querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 3650 } } } },
    },
    async (request) => ({ items: await alarms.acknowledgeStats(request.user, request.query.days) }),
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/alarms/:id',
    { config: { permission: 'alarms:read' }, schema: { tags: ['alarms'], params: idParams } },
    async (request) => alarms.get(request.user, request.params.id),
  );

  for (const action of ACTIONS) {
    app.post<{ Params: { id: number }; Body: { note?: string; disposition?: string; force?: boolean } }>(
      `/api/v1/alarms/:id/${action}`,
      { config: { permission: 'alarms:act' }, schema: { tags: ['alarms'], params: idParams, body: actionBody } },
      async (request) => {
        const result = await alarms.act(request.user, request.params.id, action, request.body ?? {});
        request.log.info({ alarm: request.params.id, action, user: request.user.username }, 'alarm action');
        return result;
      },
    );
  }
}
