import type { FastifyInstance } from 'fastify';

import {
  complianceReport,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../services/compliance/compliance-report.ts';
import { registryServicesOf } from '../../services/registry/create-registry-services.ts';
import type { Services } from '../../services/services.ts';
import { paging } from './registry-schemas.ts';

const tags = ['compliance'];

const unitsQuery = {
  type: 'object',
  properties: {
    jurisdiction: { type: 'string' },
    status: { type: 'string', enum: ['met', 'missing', 'partial'] },
    ...paging,
  },
} as const;

type UnitsQuery = { jurisdiction?: string; status?: string; limit?: number; offset?: number };

/**
 * The compliance API (docs/api.md, Compliance and rules): obligations per unit, district and
 * city roll-ups, vehicles, the report, and the active rule set.
 */
export function complianceRoutes(app: FastifyInstance, services: Services): void {
  const { compliance } = registryServicesOf(services);

  app.get<{ Querystring: UnitsQuery }>('/api/v1/compliance/units', {
    config: { permission: 'compliance:read' },
    schema: { tags, summary: 'Units with their obligations', querystring: unitsQuery },
  }, async (request) => compliance.units(request.user, request.query));

  app.get<{ Querystring: { by?: string } }>('/api/v1/compliance/summary', {
    config: { permission: 'compliance:read' },
    schema: { tags, summary: 'Totals per district and for the city', querystring: {
      type: 'object', properties: { by: { type: 'string', enum: ['district'] } },
    } },
  }, async (request) => compliance.summary(request.user, request.query));

  app.get('/api/v1/compliance/vehicles', {
    config: { permission: 'compliance:read' },
    schema: { tags, summary: 'Vehicles and their tracking obligation (Art. 8 para. 2)' },
  }, async (request) => compliance.vehicles(request.user));

  app.get<{ Querystring: { format?: ReportFormat } }>('/api/v1/compliance/report', {
    config: { permission: 'compliance:read' },
    schema: { tags, summary: 'The report `vigil compliance report` prints', querystring: {
      type: 'object', properties: { format: { type: 'string', enum: REPORT_FORMATS } },
    } },
  }, async (request, reply) => {
    const format = request.query.format ?? 'json';
    const body = await complianceReport(services, request.user, format);
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(body);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="compliance-report.csv"')
      .send(body);
  });

  ruleRoutes(app, services);
}

/** The active rule set: read it, replace it. */
function ruleRoutes(app: FastifyInstance, services: Services): void {
  const { rules } = registryServicesOf(services);

  app.get('/api/v1/rules', {
    config: { permission: 'compliance:read' },
    schema: { tags, summary: 'The active rule set, with its version' },
  }, async () => (await rules.current()).ruleSet);

  app.put<{ Body: unknown }>('/api/v1/rules', {
    config: { permission: 'rules:write' },
    schema: { tags, summary: 'Replace the rule set (validated, audit-logged)',
      body: { type: 'object' } },
  }, async (request) => rules.replace(request.user, request.body));
}
