/**
 * Every API route x every role x a record inside and outside the caller's jurisdiction.
 * Expectations are written out here independently of the access code: a role without the
 * permission gets 403 FORBIDDEN, a record outside the caller's limit 403 OUT_OF_SCOPE, lists
 * never show outside records, and everything else passes. The route list comes from the
 * server's own OpenAPI document, so a new route fails this test until it is added here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import WebSocket from 'ws';

import { encodeMessage } from '../../src/protocols/sia-dc09/encode.ts';
import { SYSTEM } from '../../src/services/access/principal.ts';
import type { AccountDirectory } from '../../src/services/intake/account-directory.ts';
import { registryServicesOf } from '../../src/services/registry/create-registry-services.ts';
import { PanelConnection, startTestServer, type Client, type TestServer } from '../support/server.ts';
import { testDialects } from '../support/stores.ts';

type Role = 'city-admin' | 'city-officer' | 'district-officer' | 'operator' | 'department-viewer' | 'unit-manager';
type Side = 'in' | 'out';

const ROLES: Role[] = ['city-admin', 'city-officer', 'district-officer', 'operator', 'department-viewer', 'unit-manager'];

/** Who may do what, written independently of src/services/access. */
const ALLOWED: Record<string, Role[]> = {
  'signed-in': ROLES,
  'jurisdictions:read': ROLES,
  'registry:read': ROLES,
  'registry:write': ['city-admin', 'city-officer', 'district-officer', 'unit-manager'],
  'registry:accept': ['city-admin', 'city-officer', 'district-officer'],
  'designation:create': ['city-admin', 'city-officer'],
  'designation:approve': ['city-admin', 'city-officer'],
  'compliance:read': ['city-admin', 'city-officer', 'district-officer', 'department-viewer', 'unit-manager'],
  'rules:write': ['city-admin', 'city-officer'],
  'accounts:manage': ['city-admin', 'city-officer', 'district-officer'],
  'alarms:read': ['city-admin', 'city-officer', 'district-officer', 'operator', 'unit-manager'],
  'alarms:act': ['city-admin', 'operator'],
  'events:read': ['city-admin', 'city-officer', 'district-officer', 'operator', 'unit-manager'],
  'receiver:read': ['city-admin', 'city-officer', 'district-officer', 'operator'],
  'users:manage': ['city-admin'],
  'audit:read': ['city-admin', 'city-officer'],
};

/** Inside: unit U-IN in 玄武区 320102 (the district officer's, the unit manager's unit). */
function sees(role: Role, side: Side): boolean {
  if (role === 'district-officer' || role === 'unit-manager') return side === 'in';
  return true;
}

interface Fixture {
  alarm: Record<Side, number>;
  event: Record<Side, number>;
  vehicle: Record<Side, string>;
  system: Record<Side, string>;
  designation: Record<Side, string[]>;
  account: Record<Side, string>;
}

interface Case {
  route: string;
  permission: keyof typeof ALLOWED | 'public';
  /** The request for one side; `n` makes created ids unique. */
  request: (f: Fixture, side: Side, n: number) => { path: string; body?: unknown };
  /** Scoped: a record outside the caller's limit is refused with OUT_OF_SCOPE. */
  scoped?: boolean;
  /** For lists: true when the answer contains an outside record. */
  leaks?: (body: any) => boolean;
  /** Statuses that count as "allowed" besides 200 and 201 (e.g. a lost race, 409). */
  alsoOk?: number[];
  /** Roles refused even inside (beyond the permission), e.g. a unit manager creating units. */
  outOfScopeAlways?: Role[];
}

const unit = (side: Side) => (side === 'in' ? 'U-IN' : 'U-OUT');
const district = (side: Side) => (side === 'in' ? '320102' : '320104');
const hasOut = (items: any[], key: string, value: unknown) => items.some((item) => item[key] === value);

const CASES: Case[] = [
  { route: 'GET /api/v1/health', permission: 'public', request: () => ({ path: '/api/v1/health' }) },
  { route: 'GET /api/v1/auth/me', permission: 'signed-in', request: () => ({ path: '/api/v1/auth/me' }) },
  { route: 'GET /api/v1/users', permission: 'users:manage', request: () => ({ path: '/api/v1/users' }) },
  {
    route: 'POST /api/v1/users', permission: 'users:manage',
    request: (_f, _s, n) => ({ path: '/api/v1/users', body: { username: `new${n}`, password: 'a long password', role: 'operator' } }),
  },
  {
    route: 'POST /api/v1/users/{username}/disable', permission: 'users:manage',
    request: () => ({ path: '/api/v1/users/victim/disable', body: {} }),
  },
  {
    route: 'GET /api/v1/alarms', permission: 'alarms:read', request: () => ({ path: '/api/v1/alarms?state=all' }),
    leaks: (body) => hasOut(body.items, 'unitId', 'U-OUT'),
  },
  { route: 'GET /api/v1/alarms/stats/acknowledge', permission: 'alarms:read', request: () => ({ path: '/api/v1/alarms/stats/acknowledge' }) },
  { route: 'GET /api/v1/alarms/{id}', permission: 'alarms:read', scoped: true, request: (f, s) => ({ path: `/api/v1/alarms/${f.alarm[s]}` }) },
  ...(['take', 'release', 'acknowledge', 'dispatch', 'note'] as const).map((action): Case => ({
    route: `POST /api/v1/alarms/{id}/${action}`, permission: 'alarms:act', scoped: true, alsoOk: [409],
    request: (f, s) => ({ path: `/api/v1/alarms/${f.alarm[s]}/${action}`, body: { note: 'matrix' } }),
  })),
  {
    route: 'POST /api/v1/alarms/{id}/close', permission: 'alarms:act', scoped: true, alsoOk: [409],
    request: (f, s) => ({ path: `/api/v1/alarms/${f.alarm[s]}/close`, body: { disposition: 'test' } }),
  },
  {
    route: 'GET /api/v1/events', permission: 'events:read', request: () => ({ path: '/api/v1/events?limit=1000' }),
    leaks: (body) => hasOut(body.items, 'unitId', 'U-OUT'),
  },
  { route: 'GET /api/v1/events/{id}', permission: 'events:read', scoped: true, request: (f, s) => ({ path: `/api/v1/events/${f.event[s]}` }) },
  {
    route: 'GET /api/v1/accounts', permission: 'accounts:manage', request: () => ({ path: '/api/v1/accounts' }),
    leaks: (body) => hasOut(body.items, 'unitId', 'U-OUT'),
  },
  {
    route: 'PUT /api/v1/accounts/{account}', permission: 'accounts:manage', scoped: true,
    request: (f, s) => ({ path: `/api/v1/accounts/${f.account[s]}`, body: { unitId: unit(s), name: 'matrix' } }),
  },
  {
    route: 'GET /api/v1/accounts/{account}/zones', permission: 'accounts:manage', scoped: true,
    request: (f, s) => ({ path: `/api/v1/accounts/${f.account[s]}/zones` }),
  },
  {
    route: 'PUT /api/v1/accounts/{account}/zones/{zone}', permission: 'accounts:manage', scoped: true,
    request: (f, s, n) => ({ path: `/api/v1/accounts/${f.account[s]}/zones/${1 + (n % 8)}`, body: { name: `Zone ${n}` } }),
  },
  { route: 'GET /api/v1/audit', permission: 'audit:read', request: () => ({ path: '/api/v1/audit' }) },
  { route: 'GET /api/v1/audit/verify', permission: 'audit:read', request: () => ({ path: '/api/v1/audit/verify' }) },
  { route: 'GET /api/v1/receiver/stats', permission: 'receiver:read', request: () => ({ path: '/api/v1/receiver/stats' }) },
  { route: 'GET /api/v1/receiver/rejects', permission: 'receiver:read', request: () => ({ path: '/api/v1/receiver/rejects' }) },
  {
    route: 'GET /api/v1/units', permission: 'registry:read', request: () => ({ path: '/api/v1/units?limit=500' }),
    leaks: (body) => hasOut(body.items, 'id', 'U-OUT'),
  },
  {
    route: 'POST /api/v1/units', permission: 'registry:write', scoped: true, outOfScopeAlways: ['unit-manager'],
    request: (_f, s, n) => ({ path: '/api/v1/units', body: { id: `NEW-${n}`, name: `New ${n}`, category: '10', jurisdiction: district(s) } }),
  },
  { route: 'GET /api/v1/units/{id}', permission: 'registry:read', scoped: true, request: (_f, s) => ({ path: `/api/v1/units/${unit(s)}` }) },
  {
    route: 'PATCH /api/v1/units/{id}', permission: 'registry:write', scoped: true,
    request: (_f, s, n) => ({ path: `/api/v1/units/${unit(s)}`, body: { address: `No. ${n}` } }),
  },
  { route: 'GET /api/v1/jurisdictions', permission: 'jurisdictions:read', request: () => ({ path: '/api/v1/jurisdictions' }) },
  { route: 'GET /api/v1/organisations', permission: 'registry:read', request: () => ({ path: '/api/v1/organisations' }) },
  { route: 'GET /api/v1/units/{id}/places', permission: 'registry:read', scoped: true, request: (_f, s) => ({ path: `/api/v1/units/${unit(s)}/places` }) },
  {
    route: 'POST /api/v1/units/{id}/places', permission: 'registry:write', scoped: true,
    request: (_f, s, n) => ({ path: `/api/v1/units/${unit(s)}/places`, body: { name: `Vault ${n}` } }),
  },
  { route: 'GET /api/v1/units/{id}/systems', permission: 'registry:read', scoped: true, request: (_f, s) => ({ path: `/api/v1/units/${unit(s)}/systems` }) },
  {
    route: 'POST /api/v1/units/{id}/systems', permission: 'registry:write', scoped: true,
    request: (_f, s) => ({ path: `/api/v1/units/${unit(s)}/systems`, body: { kind: 'access-control', state: 'planned' } }),
  },
  {
    route: 'PATCH /api/v1/systems/{id}', permission: 'registry:write', scoped: true,
    request: (f, s, n) => ({ path: `/api/v1/systems/${encodeURIComponent(f.system[s])}`, body: { notes: `checked ${n}` } }),
  },
  { route: 'GET /api/v1/products', permission: 'registry:read', request: () => ({ path: '/api/v1/products' }) },
  {
    route: 'POST /api/v1/products', permission: 'registry:accept',
    request: (_f, _s, n) => ({
      path: '/api/v1/products',
      body: { id: `P-${n}`, category: 'intrusion-detector', maker: 'M', model: `X${n}`, certificateNo: `C${n}`, validFrom: '2024-01-01', validTo: '2030-01-01' },
    }),
  },
  {
    route: 'GET /api/v1/vehicles', permission: 'registry:read', request: () => ({ path: '/api/v1/vehicles' }),
    leaks: (body) => hasOut(body.items, 'jurisdiction', '320104'),
  },
  {
    route: 'POST /api/v1/vehicles', permission: 'registry:write', scoped: true,
    request: (_f, s, n) => ({ path: '/api/v1/vehicles', body: { plate: `苏B${String(n).padStart(5, '0')}`, kind: 'cash-escort', jurisdiction: district(s), ownerUnitId: unit(s) } }),
  },
  {
    route: 'PATCH /api/v1/vehicles/{id}', permission: 'registry:write', scoped: true,
    request: (f, s) => ({ path: `/api/v1/vehicles/${f.vehicle[s]}`, body: { tracking: true } }),
  },
  {
    route: 'GET /api/v1/designations', permission: 'registry:read', request: () => ({ path: '/api/v1/designations' }),
    leaks: (body) => hasOut(body.items, 'unitId', 'U-OUT'),
  },
  {
    route: 'POST /api/v1/designations', permission: 'designation:create', scoped: true,
    request: (_f, s) => ({ path: '/api/v1/designations', body: { unitId: unit(s), systems: ['intrusion-alarm'], reason: 'matrix' } }),
  },
  {
    route: 'POST /api/v1/designations/{id}/approve', permission: 'designation:approve', scoped: true,
    request: (f, s, n) => ({ path: `/api/v1/designations/${f.designation[s][n % f.designation[s].length]}/approve`, body: { document: `宁政复〔2026〕${n}号`, date: '2026-12-01' } }),
    alsoOk: [409],
  },
  {
    route: 'GET /api/v1/compliance/units', permission: 'compliance:read', request: () => ({ path: '/api/v1/compliance/units?limit=500' }),
    leaks: (body) => body.items.some((item: any) => item.unit.id === 'U-OUT'),
  },
  {
    route: 'GET /api/v1/compliance/summary', permission: 'compliance:read', request: () => ({ path: '/api/v1/compliance/summary' }),
    leaks: (body) => body.items.some((item: any) => item.jurisdiction === '320104' && item.units > 0),
  },
  {
    route: 'GET /api/v1/compliance/vehicles', permission: 'compliance:read', request: () => ({ path: '/api/v1/compliance/vehicles' }),
    leaks: (body) => body.items.some((item: any) => item.vehicle.jurisdiction === '320104'),
  },
  {
    route: 'GET /api/v1/compliance/report', permission: 'compliance:read', request: () => ({ path: '/api/v1/compliance/report?format=json' }),
    leaks: (body) => body.some((item: any) => item.unit.id === 'U-OUT'),
  },
  { route: 'GET /api/v1/rules', permission: 'compliance:read', request: () => ({ path: '/api/v1/rules' }) },
];

async function setUp(server: TestServer): Promise<Fixture> {
  const { registry } = registryServicesOf(server.services);
  const accounts = server.services.accounts as AccountDirectory;
  for (const side of ['in', 'out'] as Side[]) {
    await registry.units.create(SYSTEM, { id: unit(side), name: `Bank ${side}`, category: '4', jurisdiction: district(side), lat: 32, lon: 118.8 });
    await accounts.upsert(SYSTEM, side === 'in' ? '5101' : '5102', { unitId: unit(side) });
  }
  await server.addUser('victim', 'operator');
  for (const role of ROLES) {
    const extra = role === 'district-officer' ? { jurisdiction: '320102' } : role === 'unit-manager' ? { unitId: 'U-IN' } : {};
    await server.addUser(role, role, extra);
  }
  const fixture: Fixture = { alarm: {} as never, event: {} as never, vehicle: {} as never, system: {} as never, designation: { in: [], out: [] }, account: { in: '5101', out: '5102' } };
  for (const side of ['in', 'out'] as Side[]) {
    const account = fixture.account[side];
    const panel = await PanelConnection.open(server.dc09Port);
    panel.write(encodeMessage({ token: 'SIA-DCS', sequence: 1, account, data: `#${account}|Nri1/BA01`, timestamp: Date.now() }));
    await panel.waitForReplies(1);
    panel.close();
    const events = await server.services.store.driver.all<{ id: number; alarm_id: number }>('SELECT id, alarm_id FROM events WHERE account = ?', [account]);
    fixture.event[side] = Number(events[0].id);
    fixture.alarm[side] = Number(events[0].alarm_id);
    fixture.vehicle[side] = (await registry.vehicles.add(SYSTEM, { plate: side === 'in' ? '苏A10001' : '苏A10002', kind: 'dangerous-goods', jurisdiction: district(side), ownerUnitId: unit(side) })).id;
    fixture.system[side] = (await registry.systems.add(SYSTEM, unit(side), { kind: 'video', state: 'in-service' })).id;
    for (let i = 0; i < ROLES.length; i++) {
      fixture.designation[side].push((await registry.designations.designate(SYSTEM, { unitId: unit(side), systems: ['access-control'], reason: 'fixture' })).id);
    }
  }
  return fixture;
}

for (const dialect of testDialects()) {
  describe(`access matrix on ${dialect}`, () => {
    let server: TestServer;
    let fixture: Fixture;
    const clients = new Map<Role, Client>();

    before(async () => {
      server = await startTestServer(dialect);
      fixture = await setUp(server);
      for (const role of ROLES) clients.set(role, await server.as(role));
    });
    after(() => server.dispose());

    it('covers every route the server documents', async () => {
      const doc = (await (await fetch(`${server.base}/api/docs`)).json()) as { paths: Record<string, object> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      const covered = new Set([...CASES.map((c) => c.route), 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'PUT /api/v1/rules']);
      assert.deepEqual(documented.filter((route) => !covered.has(route)), []);
    });

    it('refuses every route but the public ones without a session', async () => {
      for (const c of CASES.filter((x) => x.permission !== 'public')) {
        const { path } = c.request(fixture, 'in', 0);
        const method = c.route.split(' ')[0];
        const response = await fetch(server.base + path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        assert.equal(response.status, 401, `${c.route} without a session`);
        // The router decodes percent-escapes; the check must not be fooled by them.
        const escaped = await fetch(server.base + path.replace('/api/', '/%61pi/'), {
          method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}',
        });
        assert.equal(escaped.status, 401, `${c.route} as /%61pi/ without a session`);
      }
    });

    let n = 0;
    for (const c of CASES) {
      it(c.route, async () => {
        const method = c.route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch';
        for (const role of ROLES) {
          for (const side of ['in', 'out'] as Side[]) {
            if (!c.scoped && side === 'out') continue;
            const { path, body } = c.request(fixture, side, ++n);
            const client = clients.get(role)!;
            const response = method === 'get' ? await client.get(path) : await client[method](path, body);
            const where = `${role} ${side}side: ${c.route} → ${response.status} ${JSON.stringify(response.body?.error ?? '')}`;
            const permitted = c.permission === 'public' || ALLOWED[c.permission].includes(role);
            if (!permitted) {
              assert.equal(response.status, 403, where);
              assert.equal(response.body.error.code, 'FORBIDDEN', where);
              continue;
            }
            const outside = c.scoped && (!sees(role, side) || c.outOfScopeAlways?.includes(role));
            if (outside) {
              assert.equal(response.status, 403, where);
              assert.equal(response.body.error.code, 'OUT_OF_SCOPE', where);
              continue;
            }
            assert.ok([200, 201, ...(c.alsoOk ?? [])].includes(response.status), where);
            if (c.leaks && !sees(role, 'out')) assert.equal(c.leaks(response.body), false, `${where} shows an outside record`);
            if (c.leaks && sees(role, 'out') && role !== 'unit-manager') {
              assert.equal(c.leaks(response.body), true, `${where} hides an outside record from a city-wide user`);
            }
          }
        }
      });
    }

    it('PUT /rules: only rule writers may replace the rules', async () => {
      const current = (await clients.get('city-admin')!.get('/api/v1/rules')).body;
      for (const role of ROLES) {
        const response = await clients.get(role)!.put('/api/v1/rules', current.ruleSet ?? current);
        const allowed = ALLOWED['rules:write'].includes(role);
        assert.equal(response.status === 403, !allowed, `${role}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    });

    it('pushes alarms over the WebSocket only to those who may see them', async () => {
      const received = new Map<Role, number[]>();
      const sockets = ROLES.map((role) => {
        const socket = new WebSocket(`${server.base.replace('http', 'ws')}/api/v1/ws?token=${clients.get(role)!.token}`);
        received.set(role, []);
        socket.on('message', (data) => {
          const message = JSON.parse(String(data));
          if (message.type === 'alarm') received.get(role)!.push(message.alarm.unitId === 'U-IN' ? 1 : 2);
        });
        return new Promise<WebSocket>((resolve) => socket.once('open', () => resolve(socket)));
      });
      const open = await Promise.all(sockets);
      for (const account of ['5101', '5102']) {
        const panel = await PanelConnection.open(server.dc09Port);
        panel.write(encodeMessage({ token: 'SIA-DCS', sequence: 9, account, data: `#${account}|Nri1/FA02`, timestamp: Date.now() }));
        await panel.waitForReplies(1);
        panel.close();
      }
      await new Promise((r) => setTimeout(r, 500));
      for (const socket of open) socket.close();
      const saw = (role: Role) => [...new Set(received.get(role))].sort();
      assert.deepEqual(saw('operator'), [1, 2]);
      assert.deepEqual(saw('city-admin'), [1, 2]);
      assert.deepEqual(saw('district-officer'), [1]);
      assert.deepEqual(saw('unit-manager'), [1]);
      assert.deepEqual(saw('department-viewer'), []);
    });

    it('a district officer cannot move another district\'s account onto one of its own units', async () => {
      const response = await clients.get('district-officer')!.put(`/api/v1/accounts/${fixture.account.out}`, { unitId: 'U-IN' });
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'OUT_OF_SCOPE');
    });

    it('a new password or a disabled account ends the sessions opened before', async () => {
      await server.addUser('temp', 'operator');
      const before = await server.as('temp');
      const { SYSTEM: system } = await import('../../src/services/access/principal.ts');
      await server.services.auth.addUser(system, { username: 'temp', password: 'another password', role: 'operator' }, true);
      assert.equal((await before.get('/api/v1/auth/me')).status, 401);
      const again = await server.as('temp', 'another password');
      assert.equal((await clients.get('city-admin')!.post('/api/v1/users/temp/disable')).status, 200);
      assert.equal((await again.get('/api/v1/auth/me')).status, 401);
      await assert.rejects(server.as('temp', 'another password'), /401/);
    });

    it('logout ends the session', async () => {
      const client = await server.as('operator');
      assert.equal((await client.post('/api/v1/auth/logout')).status, 200);
      assert.equal((await client.get('/api/v1/auth/me')).status, 401);
    });
  });
}
