import type { FastifyInstance } from 'fastify';

import type { Principal } from '../../services/access/principal.ts';
import type { AccountDirectory, AccountInput } from '../../services/intake/account-directory.ts';
import { VigilError } from '../../services/errors.ts';
import type { Services } from '../../services/services.ts';

const accountBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    unitId: { type: ['string', 'null'], maxLength: 64 },
    name: { type: 'string', maxLength: 200 },
    key: { type: 'string', maxLength: 64 },
    keyForm: { type: 'string', enum: ['ascii', 'hex'] },
    strict: { type: 'boolean' },
    linkTestIntervalS: { type: ['integer', 'null'], minimum: 1 },
    windowPastS: { type: 'integer', minimum: 0, maximum: 86400 },
    windowFutureS: { type: 'integer', minimum: 0, maximum: 86400 },
  },
} as const;

/** DC-09 accounts: their unit, AES key, strictness, supervision interval and quirk counts. */
export function accountRoutes(app: FastifyInstance, services: Services): void {
  const accounts = services.accounts as AccountDirectory;

  app.get('/api/v1/accounts', { config: { permission: 'accounts:manage' }, schema: { tags: ['accounts'] } }, async (request) => ({
    items: await accounts.list(services.access.filter(request.user, 'u.jurisdiction', 'a.unit_id')),
  }));

  app.put<{ Params: { account: string }; Body: AccountInput }>(
    '/api/v1/accounts/:account',
    {
      config: { permission: 'accounts:manage' },
      schema: { tags: ['accounts'], params: { type: 'object', properties: { account: { type: 'string', maxLength: 16 } } }, body: accountBody },
    },
    async (request) => {
      const user = request.user;
      // Both the account as it is and as it will be must lie inside the caller's limit: a district
      // officer may not take over another district's panel by moving it to one of its own units.
      const current = accounts.get(request.params.account);
      if (current && !services.access.sees(user, { jurisdiction: current.jurisdiction, unitId: current.unitId })) {
        throw new VigilError('OUT_OF_SCOPE', `account ${request.params.account} is outside your jurisdiction`);
      }
      const unitId = request.body.unitId === undefined ? current?.unitId ?? null : request.body.unitId;
      const unit = unitId
        ? await services.store.driver.get<{ jurisdiction: string }>('SELECT jurisdiction FROM units WHERE id = ?', [unitId])
        : undefined;
      if (unitId && !unit) throw new VigilError('VALIDATION', `unit ${unitId} does not exist`, { field: 'unitId' });
      if (!services.access.sees(user, { jurisdiction: unit?.jurisdiction ?? null, unitId })) {
        throw new VigilError('OUT_OF_SCOPE', 'that unit is outside your jurisdiction');
      }
      const entry = await accounts.upsert(user, request.params.account, request.body);
      return { account: entry.account, unitId: entry.unitId, hasKey: Boolean(entry.policy.key) };
    },
  );
}

/** Zone names and places of an account (what an operator sees next to the zone number). */
export function zoneRoutes(app: FastifyInstance, services: Services): void {
  const accounts = services.accounts as AccountDirectory;
  const params = { type: 'object', properties: { account: { type: 'string', maxLength: 16 }, zone: { type: 'string', maxLength: 4 } } } as const;

  const inScope = async (request: { user: Principal }, account: string) => {
    const entry = accounts.get(account);
    if (!entry) throw new VigilError('NOT_FOUND', `account ${account} is not registered`);
    if (!services.access.sees(request.user, { jurisdiction: entry.jurisdiction, unitId: entry.unitId })) {
      throw new VigilError('OUT_OF_SCOPE', 'that account is outside your jurisdiction');
    }
  };

  app.get<{ Params: { account: string } }>(
    '/api/v1/accounts/:account/zones',
    { config: { permission: 'accounts:manage' }, schema: { tags: ['accounts'], params } },
    async (request) => {
      await inScope(request, request.params.account);
      return { items: await accounts.zones(request.params.account) };
    },
  );

  app.put<{ Params: { account: string; zone: string }; Body: { name?: string; placeId?: string | null } }>(
    '/api/v1/accounts/:account/zones/:zone',
    {
      config: { permission: 'accounts:manage' },
      schema: {
        tags: ['accounts'],
        params,
        body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 100 }, placeId: { type: ['string', 'null'], maxLength: 64 } } },
      },
    },
    async (request) => {
      await inScope(request, request.params.account);
      return { items: await accounts.setZone(request.user, request.params.account, request.params.zone, request.body) };
    },
  );
}
