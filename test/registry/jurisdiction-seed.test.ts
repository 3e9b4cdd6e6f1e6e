import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  addStation,
  cityDivisions,
  countyLevel,
  seedJurisdictions,
} from '../../src/services/registry/jurisdiction-seed.ts';
import type { Jurisdiction } from '../../src/services/registry/jurisdiction-tree.ts';
import {
  cityOrganisations,
  districtPoliceName,
} from '../../src/services/registry/organisation-seed.ts';
import { testDialects } from '../support/stores.ts';
import { registryFixture, USERS, type RegistryFixture } from './registry-fixture.ts';

const NANJING_DISTRICTS = [
  ['320102', '玄武区'], ['320104', '秦淮区'], ['320105', '建邺区'], ['320106', '鼓楼区'],
  ['320111', '浦口区'], ['320113', '栖霞区'], ['320114', '雨花台区'], ['320115', '江宁区'],
  ['320116', '六合区'], ['320117', '溧水区'], ['320118', '高淳区'],
];

describe('GB/T 2260 divisions', () => {
  test('Nanjing is 南京市 320100 with its 11 districts, real codes and names', () => {
    const [city, ...districts] = cityDivisions('3201');
    assert.deepEqual(city, { code: '320100', name: '南京市', parent: null, level: 'city',
      path: '/320100/' });
    assert.deepEqual(districts.map((node) => [node.code, node.name]), NANJING_DISTRICTS);
    assert.ok(districts.every((node) => node.level === 'district' && node.parent === '320100'));
    assert.equal(districts[0]!.path, '/320100/320102/');
  });

  test('counties, county-level cities and banners are counties; 区 are districts', () => {
    assert.equal(countyLevel('玄武区'), 'district');
    assert.equal(countyLevel('淳安县'), 'county');
    assert.equal(countyLevel('江阴市'), 'county');
    assert.equal(countyLevel('土默特左旗'), 'county');
    const hangzhou = cityDivisions('330100');
    assert.equal(hangzhou.find((node) => node.name === '淳安县')?.level, 'county');
  });

  test('a municipality takes the province name; streets hang under their district', () => {
    assert.equal(cityDivisions('110100')[0]!.name, '北京市');
    const nodes = cityDivisions('320100', { streets: true });
    const xuanwu = nodes.filter((node) => node.level === 'street' && node.parent === '320102');
    assert.ok(xuanwu.length >= 7, `玄武区 has ${xuanwu.length} streets`);
    assert.match(xuanwu[0]!.code, /^320102\d{3}$/);
    assert.equal(xuanwu[0]!.path, `/320100/320102/${xuanwu[0]!.code}/`);
  });

  test('an unknown city is a VALIDATION error', () => {
    assert.throws(() => cityDivisions('9999'), { code: 'VALIDATION' });
  });

  test('Art. 5: municipal organ, 11 district organs, the institution, 8 departments', () => {
    const organisations = cityOrganisations(cityDivisions('320100'));
    const count = (kind: string) => organisations.filter((org) => org.kind === kind).length;
    assert.deepEqual(
      [count('municipal-police'), count('district-police'), count('technical-defence-office')],
      [1, 11, 1],
    );
    assert.deepEqual(
      organisations.filter((org) => org.kind === 'department').map((org) => org.department),
      ['quality-technical-supervision', 'planning', 'construction', 'real-estate',
        'urban-management', 'transport', 'culture', 'finance'],
    );
    assert.equal(organisations[0]!.name, '南京市公安局');
    assert.equal(organisations[1]!.name, '南京市公安局技术防范管理办公室');
    const yuhuatai = organisations.find((org) => org.jurisdiction === '320114');
    assert.equal(yuhuatai?.name, '南京市公安局雨花台分局');
    const county: Jurisdiction = { code: '330127', name: '淳安县', parent: '330100',
      level: 'county', path: '/330100/330127/' };
    assert.equal(districtPoliceName('杭州市', county), '淳安县公安局');
  });
});

for (const dialect of testDialects()) {
  describe(`jurisdiction seed on ${dialect}`, () => {
    let fx: RegistryFixture;
    before(async () => (fx = await registryFixture(dialect)));
    after(() => fx.dispose());

    test('the tree holds the city and 11 districts; seeding again adds nothing', async () => {
      const { tree } = fx.services;
      assert.equal(tree.size, 12);
      assert.equal(tree.root()?.code, '320100');
      assert.deepEqual(await seedJurisdictions(fx.store.driver, '320100'), { added: 0, total: 12 });
      assert.equal(tree.districtOf('320114')?.name, '雨花台区');
    });

    test('streets are added on request and the tree reloads', async () => {
      const options = { streets: true, tree: fx.services.tree };
      const result = await seedJurisdictions(fx.store.driver, '320100', options);
      assert.equal(result.added, result.total - 12);
      assert.ok(fx.services.tree.size > 12 + 80, `tree has ${fx.services.tree.size} nodes`);
    });

    test('a district officer adds a police station in its own district only', async () => {
      const input = { code: '320102560001', name: '新街口派出所', parent: '320102' };
      const station = await addStation(fx.services, USERS.xuanwu, input);
      assert.equal(station.path, '/320100/320102/320102560001/');
      assert.equal(fx.services.tree.get('320102560001')?.level, 'station');
      assert.equal(fx.services.tree.districtOf('320102560001')?.code, '320102');
      const foreign = { code: '320104560001', name: 'X', parent: '320104' };
      await assert.rejects(addStation(fx.services, USERS.xuanwu, foreign),
        { code: 'OUT_OF_SCOPE' });
      const misnumbered = { code: '320104560001', name: 'X', parent: '320102' };
      await assert.rejects(addStation(fx.services, USERS.admin, misnumbered),
        { code: 'VALIDATION', details: { field: 'code' } });
      const audit = await fx.services.audit.list({ targetType: 'jurisdiction' });
      assert.deepEqual(audit.map((entry) => entry.targetId), ['320102560001']);
    });

    test('organisations are stored once', async () => {
      const items = await fx.registry.organisations(USERS.viewer);
      assert.equal(items.length, 21);
      assert.equal(items[0]!.kind, 'municipal-police');
      const xuanwu = items.find((org) => org.id === 'ORG-320102-police');
      assert.equal(xuanwu?.parentId, 'ORG-320100-police');
    });
  });
}
