import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { buildHttpServer } from '../../src/api/http-server.ts';
import { complianceRoutes } from '../../src/api/routes/compliance-routes.ts';
import { registryRoutes } from '../../src/api/routes/registry-routes.ts';
import { SYSTEM } from '../../src/services/access/principal.ts';
import { testDialects } from '../support/stores.ts';
import { registryFixture, type RegistryFixture } from './registry-fixture.ts';

type Answer = { status: number; body: any; type: string };

const CSV_HEADER = 'unit_id,unit_name,category,jurisdiction,requirement,status,reason,rule_version';

for (const dialect of testDialects()) {
  describe(`registry and compliance routes on ${dialect}`, () => {
    let fx: RegistryFixture;
    let app: FastifyInstance;
    const tokens: Record<string, string> = {};

    const signIn = async (username: string, role: string, jurisdiction?: string) => {
      const password = 'correct horse';
      await fx.services.auth.addUser(SYSTEM, { username, password, role, jurisdiction });
      tokens[username] = (await fx.services.auth.login(username, password, '127.0.0.1')).token;
    };
    const call = async (who: string, method: string, url: string, body?: object) => {
      const response = await app.inject({ method: method as 'GET', url, payload: body,
        headers: { authorization: `Bearer ${tokens[who]}` } });
      const type = String(response.headers['content-type'] ?? '');
      const parsed = type.includes('json') ? response.json() : response.body;
      return { status: response.statusCode, body: parsed, type } as Answer;
    };

    before(async () => {
      fx = await registryFixture(dialect);
      const routes = [registryRoutes, complianceRoutes];
      app = await buildHttpServer({ services: fx.services, routes });
      await signIn('officer', 'city-officer');
      await signIn('xuanwu', 'district-officer', '320102');
      await signIn('operator', 'operator');
    });
    after(async () => {
      await app.close();
      await fx.dispose();
    });

    test('jurisdictions and organisations', async () => {
      const tree = await call('operator', 'GET', '/api/v1/jurisdictions');
      assert.equal(tree.status, 200);
      assert.deepEqual(tree.body.items[1],
        { code: '320102', name: '玄武区', parent: '320100', level: 'district' });
      const orgs = await call('operator', 'GET', '/api/v1/organisations');
      assert.equal(orgs.body.items[0].name, '南京市公安局');
    });

    test('units: create 201, schema and service validation 400, scope 403', async () => {
      const archive = { id: 'U-1', name: '档案馆', category: '3', jurisdiction: '320102',
        lat: 32.05, lon: 118.79 };
      const created = await call('xuanwu', 'POST', '/api/v1/units', archive);
      assert.deepEqual([created.status, created.body.jurisdictionName], [201, '玄武区']);
      const badSchema = await call('xuanwu', 'POST', '/api/v1/units',
        { name: 'x', category: '99', jurisdiction: '320102' });
      assert.deepEqual([badSchema.status, badSchema.body.error.code], [400, 'VALIDATION']);
      const badCode = await call('xuanwu', 'POST', '/api/v1/units',
        { name: 'x', category: '1', jurisdiction: '320199' });
      assert.deepEqual(badCode.body.error, { code: 'VALIDATION',
        message: 'jurisdiction: unknown jurisdiction code 320199',
        details: { field: 'jurisdiction' } });
      await call('officer', 'POST', '/api/v1/units',
        { id: 'U-2', name: '商场', category: '10', jurisdiction: '320104' });
      const foreign = await call('xuanwu', 'GET', '/api/v1/units/U-2');
      assert.deepEqual([foreign.status, foreign.body.error.code], [403, 'OUT_OF_SCOPE']);
      const list = await call('xuanwu', 'GET', '/api/v1/units?limit=10');
      assert.deepEqual([list.body.total, list.body.items[0].id], [1, 'U-1']);
      const forbidden = await call('operator', 'POST', '/api/v1/units',
        { name: 'x', category: '1', jurisdiction: '320102' });
      assert.deepEqual([forbidden.status, forbidden.body.error.code], [403, 'FORBIDDEN']);
    });

    test('systems and the unit page with obligations', async () => {
      const system = await call('xuanwu', 'POST', '/api/v1/units/U-1/systems',
        { kind: 'video', state: 'built' });
      assert.deepEqual([system.status, system.body.id], [201, 'U-1:video']);
      const patched = await call('xuanwu', 'PATCH', '/api/v1/systems/U-1:video',
        { state: 'in-service', networked: true });
      assert.deepEqual([patched.status, patched.body.state, patched.body.networked],
        [200, 'in-service', true]);
      const page = await call('operator', 'GET', '/api/v1/units/U-1');
      assert.equal(page.status, 200);
      assert.deepEqual(page.body.systems.map((s: { id: string }) => s.id), ['U-1:video']);
      const judged = page.body.obligations.map((o: { requirement: string; status: string }) =>
        `${o.requirement}:${o.status}`);
      assert.deepEqual(judged, ['video:met', 'video-networked:met', 'intrusion-alarm:missing',
        'access-control:missing']);
      assert.equal(page.body.ruleVersion, '2026-12-04.1');
    });

    test('designations need the municipal organ and the approval', async () => {
      const input = { id: 'D-1', unitId: 'U-2', systems: ['intrusion-alarm'], reason: '重点部位' };
      const denied = await call('xuanwu', 'POST', '/api/v1/designations', input);
      assert.equal(denied.status, 403);
      const made = await call('officer', 'POST', '/api/v1/designations', input);
      assert.deepEqual([made.status, made.body.status], [201, 'pending-approval']);
      const approved = await call('officer', 'POST', '/api/v1/designations/D-1/approve',
        { document: '宁政复〔2026〕1号', date: '2026-12-01' });
      assert.deepEqual([approved.status, approved.body.status], [200, 'approved']);
    });

    test('compliance summary, units and report', async () => {
      const summary = await call('officer', 'GET', '/api/v1/compliance/summary?by=district');
      assert.equal(summary.status, 200);
      assert.deepEqual([summary.body.city.units, summary.body.ruleVersion], [2, '2026-12-04.1']);
      const missing = await call('xuanwu', 'GET', '/api/v1/compliance/units?status=missing');
      assert.deepEqual(missing.body.items.map((item: { unit: { id: string } }) => item.unit.id),
        ['U-1']);
      const csv = await call('officer', 'GET', '/api/v1/compliance/report?format=csv');
      assert.equal(csv.type, 'text/csv; charset=utf-8');
      assert.ok((csv.body as string).startsWith(`${CSV_HEADER}\r\n`));
      const json = await call('officer', 'GET', '/api/v1/compliance/report');
      assert.deepEqual(Object.keys(json.body[0]), ['unit', 'obligations']);
    });

    test('rules: read by compliance readers, replaced only with rules:write', async () => {
      const rules = await call('xuanwu', 'GET', '/api/v1/rules');
      assert.equal(rules.body.version, '2026-12-04.1');
      const radar = { id: 'a', article: 'Art. 7', applies: { subject: 'unit', category: ['1'] },
        require: ['radar'] };
      const bad = await call('officer', 'PUT', '/api/v1/rules', { version: 'v2', rules: [radar] });
      assert.deepEqual([bad.status, bad.body.error.details.field], [400, 'rules[0].require[0]']);
      const notAllowed = await call('xuanwu', 'PUT', '/api/v1/rules', rules.body);
      assert.equal(notAllowed.status, 403);
    });

    test('the OpenAPI document lists the routes', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/docs' })).json();
      const routes = ['/api/v1/units', '/api/v1/units/{id}/systems',
        '/api/v1/designations/{id}/approve', '/api/v1/compliance/summary', '/api/v1/rules'];
      for (const route of routes) assert.ok(doc.paths[route], `${route} documented`);
    });
  });
}
