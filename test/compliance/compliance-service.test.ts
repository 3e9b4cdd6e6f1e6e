import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  complianceReport,
  runComplianceReport,
} from '../../src/services/compliance/compliance-report.ts';
import { RuleService } from '../../src/services/compliance/rule-service.ts';
import { DEFAULT_RULES_FILE } from '../../src/services/compliance/rule-set.ts';
import {
  principal,
  registryFixture,
  USERS,
  type RegistryFixture,
} from '../registry/registry-fixture.ts';
import { testDialects } from '../support/stores.ts';

const VERSION = '2026-12-04.1';

/** Units of two districts and the city in known states, and two vehicles. */
async function seedUnits(fx: RegistryFixture): Promise<void> {
  const { units, systems, vehicles } = fx.registry;
  const admin = USERS.admin;
  const add = (id: string, name: string, category: string, jurisdiction: string) =>
    units.create(admin, { id, name, category, jurisdiction });
  await add('U-1', '枪弹库', '1', '320102');
  await add('U-2', '新街口广场', '11', '320102');
  await add('U-3', 'Plaza, "East"', '11', '320104');
  await add('U-4', '小卖部', 'other', '320104');
  await add('U-5', '南湖小区', 'residential', '320100');
  await systems.add(admin, 'U-1', { kind: 'intrusion-alarm', state: 'in-service' });
  await systems.add(admin, 'U-1', { kind: 'access-control', state: 'in-service' });
  await systems.add(admin, 'U-1', { kind: 'video', state: 'accepted', networked: true });
  await systems.add(admin, 'U-2', { kind: 'video', state: 'in-service' });
  await systems.add(admin, 'U-5', { kind: 'building-intercom', state: 'built' });
  await vehicles.add(admin, { id: 'V-1', plate: '苏A00001', kind: 'cash-escort',
    jurisdiction: '320102', tracking: true });
  await vehicles.add(admin, { id: 'V-2', plate: '苏A00002', kind: 'dangerous-goods',
    jurisdiction: '320104' });
}

for (const dialect of testDialects()) {
  describe(`compliance on ${dialect}`, () => {
    let fx: RegistryFixture;
    before(async () => {
      fx = await registryFixture(dialect);
      await seedUnits(fx);
    });
    after(() => fx.dispose());

    test('units with obligations, filtered by status, with the rule version', async () => {
      const { compliance } = fx;
      const all = await compliance.units(USERS.admin);
      assert.deepEqual([all.ruleVersion, all.total], [VERSION, 5]);
      assert.deepEqual(all.items.map((item) => `${item.unit.id}:${item.status}`),
        ['U-1:met', 'U-2:partial', 'U-3:missing', 'U-4:met', 'U-5:missing']);
      const partial = await compliance.units(USERS.admin, { status: 'partial' });
      assert.deepEqual(partial.items.map(({ unit: { id, name, category, jurisdiction } }) => ({ id, name, category, jurisdiction })),
        [{ id: 'U-2', name: '新街口广场', category: '11', jurisdiction: '320102' }]);
      assert.ok('lat' in partial.items[0].unit && 'lon' in partial.items[0].unit, 'the map needs positions');
      assert.equal(partial.total, 1);
      assert.deepEqual((await compliance.units(USERS.xuanwu, { status: 'missing' })).items, []);
      const paged = await compliance.units(USERS.admin,
        { jurisdiction: '320104', limit: 1, offset: 1 });
      assert.deepEqual([paged.items.map((item) => item.unit.id), paged.total], [['U-4'], 2]);
      await assert.rejects(compliance.units(USERS.admin, { status: 'fine' }),
        { code: 'VALIDATION' });
      await assert.rejects(compliance.units(USERS.operator), { code: 'FORBIDDEN' });
    });

    test('one unit: scope applies', async () => {
      const judged = await fx.compliance.unit(USERS.xuanwu, 'U-2');
      assert.deepEqual([judged.status, judged.ruleVersion], ['partial', VERSION]);
      await assert.rejects(fx.compliance.unit(USERS.xuanwu, 'U-3'), { code: 'OUT_OF_SCOPE' });
      const manager = principal('unit-manager', 'm', { unitId: 'U-3' });
      assert.equal((await fx.compliance.unit(manager, 'U-3')).status, 'missing');
    });

    test('district and city roll-up, recorded as a run', async () => {
      const summary = await fx.compliance.summary(USERS.admin, { by: 'district' });
      assert.equal(summary.ruleVersion, VERSION);
      assert.deepEqual(summary.city, {
        units: 5, compliant: 1, partial: 1, missing: 2, noObligation: 1,
        obligations: {
          video: { met: 2, partial: 0, missing: 1 },
          'video-networked': { met: 1, partial: 1, missing: 1 },
          'intrusion-alarm': { met: 1, partial: 0, missing: 0 },
          'access-control': { met: 1, partial: 0, missing: 0 },
          'building-intercom': { met: 0, partial: 1, missing: 0 },
          'anti-theft-door': { met: 0, partial: 0, missing: 1 },
        },
      });
      assert.equal(summary.items.filter((item) => item.jurisdiction !== '320100').length, 11,
        'every district has a row, units or not');
      assert.deepEqual(summary.items.filter((item) => item.units > 0).map((item) =>
        [item.jurisdiction, item.name, item.units, item.compliant, item.partial, item.missing]), [
        ['320100', '南京市', 1, 0, 0, 1],
        ['320102', '玄武区', 2, 1, 1, 0],
        ['320104', '秦淮区', 2, 0, 0, 1],
      ]);
      const district = await fx.compliance.summary(USERS.qinhuai);
      assert.deepEqual(district.items.map((item) => item.jurisdiction), ['320104'],
        'a district officer sees only its own district');
      assert.equal(district.city.units, 2);
      const runs = await fx.store.driver.all<{ rule_version: string; scope: string;
        units: number; summary: string }>(
        'SELECT rule_version, scope, units, summary FROM compliance_runs ORDER BY id',
      );
      assert.deepEqual(runs.map((run) => [run.rule_version, run.scope, Number(run.units)]),
        [[VERSION, 'city', 5], [VERSION, '320104', 2]]);
      assert.equal(JSON.parse(runs[0]!.summary).city.compliant, 1);
    });

    test('vehicles and their tracking obligation', async () => {
      const all = await fx.compliance.vehicles(USERS.admin);
      assert.deepEqual(all.items.map((item) => `${item.vehicle.plate}:${item.status}`),
        ['苏A00001:met', '苏A00002:missing']);
      const scoped = await fx.compliance.vehicles(USERS.xuanwu);
      assert.deepEqual(scoped.items.map((item) => item.vehicle.id), ['V-1']);
    });

    test('the JSON report has exactly the unit and obligation fields', async () => {
      const report = JSON.parse(await complianceReport(fx.services, USERS.admin, 'json'));
      assert.equal(report.length, 5);
      assert.deepEqual(report[1], {
        unit: { id: 'U-2', name: '新街口广场', category: '11', jurisdiction: '320102' },
        obligations: [
          { requirement: 'video', status: 'met',
            reason: 'video security monitoring system in service (Art. 7 para. 1)' },
          { requirement: 'video-networked', status: 'partial',
            reason: 'video in service but not networked with the platform (Art. 9 para. 2)' },
        ],
      });
      assert.deepEqual(report[3], {
        unit: { id: 'U-4', name: '小卖部', category: 'other', jurisdiction: '320104' },
        obligations: [],
      });
    });

    test('the CSV report: a header, then one row per unit and obligation', async () => {
      const lines = (await runComplianceReport(fx.services, USERS.admin, 'csv')).split('\r\n');
      assert.equal(lines[0],
        'unit_id,unit_name,category,jurisdiction,requirement,status,reason,rule_version');
      assert.equal(lines.length, 1 + 4 + 2 + 2 + 2 + 1);
      assert.equal(lines[5], 'U-2,新街口广场,11,320102,video,met,' +
        `video security monitoring system in service (Art. 7 para. 1),${VERSION}`);
      assert.equal(lines[7], 'U-3,"Plaza, ""East""",11,320104,video,missing,' +
        `no video security monitoring system registered (Art. 7 para. 1),${VERSION}`);
      assert.equal(lines.at(-1), '');
      await assert.rejects(runComplianceReport(fx.services, USERS.admin, 'xml'),
        { code: 'VALIDATION' });
    });

    test('replacing the rules: validated, stored, audit-logged, cited in answers', async () => {
      const rules = JSON.parse(fs.readFileSync(DEFAULT_RULES_FILE, 'utf8'));
      rules.rules[4].require = ['building-intercom'];
      await assert.rejects(fx.rules.replace(USERS.cityOfficer, rules),
        { code: 'VALIDATION', details: { field: 'version' } });
      await assert.rejects(fx.rules.replace(USERS.xuanwu, { ...rules, version: 'x' }),
        { code: 'FORBIDDEN' });
      rules.version = '2026-12-05.1';
      await fx.rules.replace(USERS.cityOfficer, rules);
      assert.equal((await fx.rules.current()).source, 'settings');
      const u5 = await fx.compliance.unit(USERS.admin, 'U-5');
      assert.equal(u5.ruleVersion, '2026-12-05.1');
      assert.deepEqual(u5.obligations.map((o) => `${o.requirement}:${o.status}`),
        ['building-intercom:partial']);
      const [entry] = await fx.services.audit.list({ targetType: 'rules' });
      assert.deepEqual(entry!.detail, { from: VERSION, to: '2026-12-05.1', rules: 7 });

      // A second service on the same database (another node) sees the replacement.
      assert.equal((await new RuleService(fx.services).current()).ruleSet.version, '2026-12-05.1');
      await fx.rules.replaceFromFile(USERS.admin, DEFAULT_RULES_FILE);
      assert.equal((await fx.compliance.units(USERS.admin)).ruleVersion, VERSION);
      const entries = (await fx.services.audit.list({ limit: 1000 })).length;
      assert.deepEqual(await fx.services.audit.verify().then(({ ok, entries: n }) => ({ ok, entries: n })), { ok: true, entries });
    });
  });
}
