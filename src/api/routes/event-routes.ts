import type { FastifyInstance } from 'fastify';

import { eventView, type EventRow } from '../../services/alarm-centre/alarm-views.ts';
import { notFound, VigilError } from '../../services/errors.ts';
import { accountEventsQuery } from '../../store/event-chain.ts';
import type { Services } from '../../services/services.ts';

const LIST_COLUMNS = `e.id, e.account, e.known_account, e.unit_id, e.receiver, e.line, e.sequence,
  e.token, e.encrypted, e.code_system, e.code, e.sia_code, e.kind, e.category, e.description,
  e.known_code, e.zone, e.partition, e.user_no, e.text, e.xdata, e.event_time, e.received_at,
  e.duplicates, e.last_duplicate_at, e.transport, e.remote, e.quirks, e.alarm_id`;

/** Every received DC-09 message, per account, newest first. */
export function eventRoutes(app: FastifyInstance, services: Services): void {
  const driver = services.store.driver;

  app.get<{ Querystring: { account?: string; limit?: number; before?: number } }>(
    '/api/v1/events',
    {
      config: { permission: 'events:read' },
      schema: {
        tags: ['events'],
        querystring: {
          type: 'object',
          properties: {
            account: { type: 'string', maxLength: 16 },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            before: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          },
        },
      },
    },
    async (request) => {
      const { account, limit = 100, before } = request.query;
      // Events carry their unit; its jurisdiction is looked up only for jurisdiction-limited users.
      const unitJurisdiction = '(SELECT jurisdiction FROM units WHERE id = e.unit_id)';
      const scope = services.access.filter(request.user, unitJurisdiction, 'e.unit_id');
      let rows: EventRow[];
      if (account) {
        const sql = accountEventsQuery(LIST_COLUMNS, { before: before !== undefined, where: scope.sql });
        const anchor = before !== undefined ? [before, account] : [account];
        rows = await driver.all<EventRow>(sql, [...anchor, limit, ...scope.params]);
      } else {
        rows = await driver.all<EventRow>(
          `SELECT ${LIST_COLUMNS} FROM events e WHERE ${scope.sql} ${before ? 'AND e.id < ?' : ''}
           ORDER BY e.id DESC LIMIT ?`,
          [...scope.params, ...(before ? [before] : []), limit],
        );
      }
      return { items: rows.map(eventView) };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/events/:id',
    {
      config: { permission: 'events:read' },
      schema: { tags: ['events'], params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } } } },
    },
    async (request) => {
      const row = await driver.get<EventRow & { jurisdiction: string | null }>(
        'SELECT e.*, u.jurisdiction FROM events e LEFT JOIN units u ON u.id = e.unit_id WHERE e.id = ?',
        [request.params.id],
      );
      if (!row) throw notFound('event', String(request.params.id));
      if (!services.access.sees(request.user, { jurisdiction: row.jurisdiction, unitId: row.unit_id })) {
        throw new VigilError('OUT_OF_SCOPE', `event ${row.id} is outside your jurisdiction`);
      }
      return eventView(row);
    },
  );
}
