import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import iconv from 'iconv-lite';

import { importSystems } from '../../src/services/import/import-systems.ts';
import { BATCH_SIZE } from '../../src/services/import/import-plan.ts';
import { importUnits } from '../../src/services/import/import-units.ts';
import { runImport } from '../../src/services/import/run-import.ts';
import {
  principal,
  registryFixture,
  USERS,
  type RegistryFixture,
} from '../registry/registry-fixture.ts';
import { testDialects } from '../support/stores.ts';

const UNITS = [
  'id,name,category,jurisdiction,address,lat,lon',
  'U-1,玄武区档案馆,3,320102,北京东路41号,32.0586,118.7969',
  'U-2,"Plaza, ""East""",11,320104,"中华路1号, 南门",,',
  'U-3,Bad category,12,320102,,,',
  'U-4,Unknown district,1,320199,,,',
  ',No id,1,320102,,,',
  'U-5,Bad latitude,1,320102,,95,118',
  'U-6,南湖小区,residential,320105,,,',
  'U-1,Duplicate,3,320102,,,',
  'U-7,Short row,1',
].join('\r\n');

const SYSTEMS = [
  'unit_id,kind,state,networked',
  'U-1,video,in-service,1',
  'U-1,intrusion-alarm,built,',
  'U-2,video,accepted,否',
  'U-404,video,built,0',
  'U-1,access-control,planned,yes',
  'U-1,sonar,built,0',
  'U-1,video,built,0',
].join('\n');

const HEADER = 'id,name,category,jurisdiction';
const bytes = (text: string) => Buffer.from(text, 'utf8');
const where = (errors: { line: number; field: string }[]) =>
  errors.map((error) => `${error.line}:${error.field}`);

for (const dialect of testDialects()) {
  describe(`CSV import on ${dialect}`, () => {
    let fx: RegistryFixture;
    before(async () => (fx = await registryFixture(dialect)));
    after(() => fx.dispose());

    test('good rows are imported; each bad row is named by line and field', async () => {
      const result = await importUnits(fx.services, USERS.admin, bytes(UNITS));
      assert.deepEqual([result.imported, result.unchanged, result.encoding], [3, 0, 'utf-8']);
      assert.deepEqual(where(result.errors),
        ['4:category', '5:jurisdiction', '6:id', '7:lat', '9:id', '10:row']);
      assert.equal(result.errors[4]!.message, 'U-1 appears already on line 2');
      const u2 = await fx.registry.units.get(USERS.admin, 'U-2');
      assert.deepEqual([u2.name, u2.address, u2.lat], ['Plaza, "East"', '中华路1号, 南门', null]);
      assert.equal((await fx.registry.units.get(USERS.admin, 'U-1')).lon, 118.7969);
    });

    test('importing again changes nothing; a changed row is updated, contacts kept', async () => {
      const contacts = [{ name: '王主任', phone: '025-1234567', role: '' }];
      await fx.registry.units.update(USERS.admin, 'U-1', { contacts });
      const again = await importUnits(fx.services, USERS.admin, bytes(UNITS));
      assert.deepEqual([again.imported, again.unchanged], [0, 3]);
      const changed = UNITS.replace('北京东路41号', '北京东路43号');
      const third = await importUnits(fx.services, USERS.admin, bytes(changed));
      assert.deepEqual([third.imported, third.unchanged], [1, 2]);
      const u1 = await fx.registry.units.get(USERS.admin, 'U-1');
      assert.deepEqual([u1.address, u1.contacts], ['北京东路43号', contacts]);
      assert.equal((await fx.registry.units.list(USERS.admin)).total, 3);
    });

    test('a BOM file and a GB18030 file are read', async () => {
      const utf8 = bytes(`${HEADER}\nU-8,鼓楼医院,10,320106\n`);
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
      const withBom = await importUnits(fx.services, USERS.admin, bom);
      assert.deepEqual([withBom.imported, withBom.errors, withBom.encoding], [1, [], 'utf-8-bom']);
      const text = `${HEADER},address\r\nU-9,江宁区燃气公司,8,320115,"江宁区, 天元路"\r\n`;
      const fromGb = await importUnits(fx.services, USERS.admin, iconv.encode(text, 'gb18030'));
      assert.deepEqual([fromGb.imported, fromGb.errors, fromGb.encoding], [1, [], 'gb18030']);
      const u9 = await fx.registry.units.get(USERS.admin, 'U-9');
      assert.deepEqual([u9.name, u9.address], ['江宁区燃气公司', '江宁区, 天元路']);
    });

    test('scope: a district officer imports only into its district', async () => {
      const file = `${HEADER}\nU-10,Mine,1,320102\nU-11,Theirs,1,320104\nU-2,Renamed,11,320104\n`;
      const result = await importUnits(fx.services, USERS.xuanwu, bytes(file));
      assert.equal(result.imported, 1);
      assert.deepEqual(where(result.errors), ['3:jurisdiction', '4:jurisdiction']);
      const moving = await importUnits(fx.services, USERS.xuanwu,
        bytes(`${HEADER}\nU-2,Moved,11,320102\n`));
      assert.deepEqual(moving.errors,
        [{ line: 2, field: 'id', message: 'unit U-2 exists outside your jurisdiction' }]);
      await assert.rejects(importUnits(fx.services, USERS.viewer, bytes(file)),
        { code: 'FORBIDDEN' });
    });

    test('a header without a required column imports nothing', async () => {
      const file = 'id,name,jurisdiction\nU-12,x,320102\n';
      const result = await importUnits(fx.services, USERS.admin, bytes(file));
      assert.equal(result.imported, 0);
      assert.deepEqual(where(result.errors), ['1:category']);
    });

    test('systems: default ids make re-import idempotent; each row is checked', async () => {
      const first = await importSystems(fx.services, USERS.admin, bytes(SYSTEMS));
      assert.deepEqual([first.imported, first.unchanged], [3, 0]);
      assert.deepEqual(where(first.errors), ['5:unit_id', '6:networked', '7:kind', '8:kind']);
      const systems = await fx.registry.systems.list(USERS.admin, 'U-1');
      assert.deepEqual(systems.map((s) => `${s.id}:${s.state}:${s.networked}`),
        ['U-1:intrusion-alarm:built:false', 'U-1:video:in-service:true']);
      const again = await importSystems(fx.services, USERS.admin, bytes(SYSTEMS));
      assert.deepEqual([again.imported, again.unchanged], [0, 3]);
    });

    test('systems: a unit manager may not record acceptance, nor touch other units', async () => {
      const manager = principal('unit-manager', 'm1', { unitId: 'U-1' });
      const file = [
        'id,unit_id,kind,state,networked',
        'U-1:video,U-1,video,in-service,1',
        'U-1:intrusion-alarm,U-1,intrusion-alarm,accepted,0',
        'U-2:video,U-2,video,built,0',
        'X-1,U-1,anti-theft-door,out-of-service,0',
      ].join('\n');
      const result = await importSystems(fx.services, manager, bytes(file));
      assert.deepEqual([result.imported, result.unchanged], [1, 1]);
      assert.deepEqual(where(result.errors), ['3:state', '4:unit_id']);
    });

    test('more rows than one batch; one audit entry per import; the chain verifies', async () => {
      const count = BATCH_SIZE * 2 + 3;
      const lines = [HEADER];
      for (let i = 0; i < count; i++) lines.push(`B-${i},Unit ${i},10,320113`);
      const result = await importUnits(fx.services, USERS.admin, bytes(lines.join('\n')));
      assert.deepEqual([result.imported, result.errors.length], [count, 0]);
      const imports = await fx.services.audit.list({ targetType: 'import', limit: 100 });
      assert.deepEqual(imports.map((entry) => entry.targetId), ['units', 'systems', 'systems',
        'systems', 'units', 'units', 'units', 'units', 'units', 'units', 'units', 'units']);
      assert.deepEqual(imports[0]!.detail,
        { imported: count, unchanged: 0, errors: 0, rows: count, encoding: 'utf-8' });
      assert.equal((await fx.services.audit.verify()).ok, true);
    });

    test('runImport prints a summary and each rejected line; returns the exit code', async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-import-')), 'units.csv');
      fs.writeFileSync(file, `${HEADER}\nU-20,Good,1,320102\nU-21,Bad,0,320102\n`);
      const out: string[] = [];
      const err: string[] = [];
      const output = {
        out: (line: string) => void out.push(line),
        err: (line: string) => void err.push(line),
      };
      assert.equal(await runImport(fx.services, USERS.admin, 'units', file, output), 1);
      assert.deepEqual(out, [`import units ${file}: 1 imported, 0 unchanged, 1 rejected (utf-8)`]);
      assert.deepEqual(err,
        [`${file}:3: category: one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, residential, other`]);
      fs.writeFileSync(file, 'unit_id,kind,state\nU-20,video,built\n');
      assert.equal(await runImport(fx.services, USERS.admin, 'systems', file, output), 0);
    });
  });
}
