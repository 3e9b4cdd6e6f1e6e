import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { testDialects } from '../support/stores.ts';
import { principal, registryFixture, USERS, type RegistryFixture } from './registry-fixture.ts';

const ARCHIVE = {
  id: 'U-ARCHIVE', name: '玄武区档案馆', category: '3', jurisdiction: '320102',
  address: '北京东路41号', lat: 32.0586, lon: 118.7969,
  contacts: [{ name: '王主任', phone: '025-83456789', role: '保卫科' }],
};
const MALL = {
  id: 'U-MALL', name: '秦淮商场', category: '10', jurisdiction: '320104', address: '中华路1号',
};
const MANAGER = principal('unit-manager', 'archive-manager', { unitId: 'U-ARCHIVE' });
const APPROVAL = { document: '宁政复〔2026〕12号', date: '2026-11-30' };

const product = (id: string, validFrom: string, validTo: string) => ({
  id, category: 'intrusion-detector', maker: 'Acme', model: id, certificateNo: `C-${id}`,
  validFrom, validTo,
});

for (const dialect of testDialects()) {
  describe(`registry on ${dialect}`, () => {
    let fx: RegistryFixture;
    const events: string[] = [];
    before(async () => {
      fx = await registryFixture(dialect);
      fx.services.bus.subscribe('registry.changed', (message) => {
        events.push(`${message.kind}:${message.id}`);
      });
    });
    after(() => fx.dispose());

    test('creates, reads and lists units with labels, names and ISO times', async () => {
      const { units } = fx.registry;
      const unit = await units.create(USERS.xuanwu, ARCHIVE);
      assert.ok(unit.categoryLabel.startsWith('Storage and processing of classified documents'));
      assert.equal(unit.jurisdictionName, '玄武区');
      assert.deepEqual(unit.contacts, ARCHIVE.contacts);
      assert.equal(unit.lat, 32.0586);
      assert.match(unit.createdAt!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      await units.create(USERS.qinhuai, MALL);
      const plaza = { name: 'Plaza', category: '11', jurisdiction: '320106' };
      const generated = await units.create(USERS.admin, plaza);
      assert.match(generated.id, /^U-[0-9a-f]{10}$/);
      assert.equal((await units.list(USERS.admin, {})).total, 3);
      assert.deepEqual(events.slice(0, 2), ['unit:U-ARCHIVE', 'unit:U-MALL']);
    });

    test('list filters: jurisdiction subtree, category, text, paging', async () => {
      const ids = async (query: object) =>
        (await fx.registry.units.list(USERS.admin, query)).items.map((unit) => unit.id);
      assert.deepEqual(await ids({ jurisdiction: '320104' }), ['U-MALL']);
      assert.deepEqual(await ids({ jurisdiction: '320100', category: '3' }), ['U-ARCHIVE']);
      assert.deepEqual(await ids({ q: '档案' }), ['U-ARCHIVE']);
      assert.equal((await ids({ q: 'PLAZA' })).length, 1);
      assert.deepEqual(await ids({ q: '中华路' }), ['U-MALL']);
      assert.deepEqual(await ids({ q: '100%' }), []);
      const page = await fx.registry.units.list(USERS.admin, { limit: 1, offset: 1 });
      assert.deepEqual([page.items.length, page.total], [1, 3]);
    });

    test('rejects bad input naming the field', async () => {
      const bad = (input: object, field: string) => assert.rejects(
        fx.registry.units.create(USERS.admin, { ...ARCHIVE, id: undefined, ...input }),
        { code: 'VALIDATION', details: { field } },
      );
      await bad({ category: '12' }, 'category');
      await bad({ jurisdiction: '320199' }, 'jurisdiction');
      await bad({ lat: 91 }, 'lat');
      await bad({ lon: 118.8, lat: null }, 'lat');
      await bad({ name: ' ' }, 'name');
      await bad({ contacts: [{ phone: '123' }] }, 'contacts[0].name');
      await assert.rejects(fx.registry.units.create(USERS.admin, ARCHIVE), { code: 'CONFLICT' });
    });

    test('a district officer of 320102 cannot read or change a unit of 320104', async () => {
      const { units } = fx.registry;
      const outOfScope = { code: 'OUT_OF_SCOPE' };
      await assert.rejects(units.get(USERS.xuanwu, 'U-MALL'), outOfScope);
      await assert.rejects(units.update(USERS.xuanwu, 'U-MALL', { name: 'x' }), outOfScope);
      await assert.rejects(units.create(USERS.xuanwu, { ...MALL, id: 'U-X' }), outOfScope);
      const list = await units.list(USERS.xuanwu, {});
      assert.deepEqual(list.items.map((unit) => unit.id), ['U-ARCHIVE']);
      assert.equal(list.total, 1);
      await assert.rejects(units.get(USERS.admin, 'U-NONE'), { code: 'NOT_FOUND' });
    });

    test('a unit manager reaches only its own unit and cannot reclassify it', async () => {
      const { units, systems } = fx.registry;
      assert.deepEqual((await units.list(MANAGER, {})).items.map((unit) => unit.id), ['U-ARCHIVE']);
      const moved = await units.update(MANAGER, 'U-ARCHIVE', { address: '北京东路43号' });
      assert.deepEqual([moved.address, moved.name], ['北京东路43号', ARCHIVE.name]);
      const reclassify = units.update(MANAGER, 'U-ARCHIVE', { category: 'other' });
      await assert.rejects(reclassify, { code: 'FORBIDDEN' });
      await assert.rejects(units.get(MANAGER, 'U-MALL'), { code: 'OUT_OF_SCOPE' });
      await assert.rejects(systems.list(MANAGER, 'U-MALL'), { code: 'OUT_OF_SCOPE' });
      assert.equal((await units.get(USERS.admin, 'U-ARCHIVE')).category, '3');
    });

    test('places and products; expired certificates are flagged', async () => {
      const { places, products } = fx.registry;
      const part = { id: 'P-STORE', name: '库房', kind: 'part' };
      const place = await places.add(MANAGER, 'U-ARCHIVE', part);
      assert.deepEqual(await places.list(USERS.xuanwu, 'U-ARCHIVE'), [place]);
      const old = await products.add(USERS.admin, product('PR-OLD', '2015-01-01', '2020-01-01'));
      assert.equal(old.certificateValid, false);
      const cam = await products.add(USERS.admin, product('PR-CAM', '2024-01-01', '2099-01-01'));
      assert.equal(cam.certificateValid, true);
      await assert.rejects(products.add(USERS.admin, product('PR-BAD', '2024-02-30', '2099-01-01')),
        { code: 'VALIDATION', details: { field: 'validFrom' } });
      assert.equal((await products.list(USERS.viewer)).total, 2);
    });

    test('systems: a unit reports planned, built, out of service; the police accept', async () => {
      const { systems } = fx.registry;
      const video = await systems.add(MANAGER, 'U-ARCHIVE', { kind: 'video', state: 'built',
        placeId: 'P-STORE', products: [{ productId: 'PR-CAM', quantity: 4 }] });
      assert.equal(video.id, 'U-ARCHIVE:video');
      assert.deepEqual(video.products, [{ productId: 'PR-CAM', quantity: 4 }]);
      const second = await systems.add(USERS.xuanwu, 'U-ARCHIVE', { kind: 'video' });
      assert.deepEqual([second.id, second.state], ['U-ARCHIVE:video:2', 'planned']);
      const forbidden = { code: 'FORBIDDEN' };
      const alarm = { kind: 'intrusion-alarm', state: 'accepted' };
      await assert.rejects(systems.add(MANAGER, 'U-ARCHIVE', alarm), forbidden);
      await assert.rejects(systems.update(MANAGER, video.id, { state: 'in-service' }), forbidden);
      const unknownProduct = { products: [{ productId: 'PR-NONE' }] };
      await assert.rejects(systems.update(USERS.xuanwu, video.id, unknownProduct),
        { code: 'VALIDATION', details: { field: 'products[0].productId' } });
      const networkedDoor = { kind: 'access-control', networked: true };
      await assert.rejects(systems.add(USERS.admin, 'U-ARCHIVE', networkedDoor),
        { code: 'VALIDATION', details: { field: 'networked' } });

      const accepted = await systems.update(USERS.xuanwu, video.id,
        { state: 'in-service', networked: true });
      assert.deepEqual([accepted.state, accepted.networked], ['in-service', true]);
      assert.deepEqual(accepted.products, [{ productId: 'PR-CAM', quantity: 4 }]);
      const out = await systems.update(MANAGER, video.id, { state: 'out-of-service' });
      assert.equal(out.state, 'out-of-service');
      const detail = await fx.registry.unitDetail(USERS.xuanwu, 'U-ARCHIVE');
      assert.deepEqual(detail.systems.map((system) => system.id),
        ['U-ARCHIVE:video', 'U-ARCHIVE:video:2']);
      assert.deepEqual([detail.places.length, detail.accounts], [1, []]);
    });

    test('vehicles: plate normalised, scope by jurisdiction and owner', async () => {
      const { vehicles } = fx.registry;
      const vehicle = await vehicles.add(USERS.qinhuai, { id: 'V-1', plate: '苏A·12345',
        kind: 'cash-escort', ownerUnitId: 'U-MALL', jurisdiction: '320104' });
      assert.deepEqual([vehicle.plate, vehicle.tracking], ['苏A12345', false]);
      const other = { kind: 'other', jurisdiction: '320104' };
      await assert.rejects(vehicles.add(USERS.admin, { ...other, plate: '苏A12345' }),
        { code: 'CONFLICT' });
      await assert.rejects(vehicles.add(USERS.admin, { ...other, plate: 'ABC' }),
        { code: 'VALIDATION', details: { field: 'plate' } });
      assert.deepEqual((await vehicles.list(USERS.xuanwu)).items, []);
      const updated = await vehicles.update(USERS.qinhuai, 'V-1', { tracking: true });
      assert.equal(updated.tracking, true);
      assert.equal((await vehicles.list(USERS.qinhuai)).total, 1);
    });

    test('a designation binds only once the municipal government approves it', async () => {
      const { designations } = fx.registry;
      const input = { id: 'D-1', unitId: 'U-MALL', systems: ['intrusion-alarm', 'video-networked'],
        reason: '重大活动安保需要' };
      await assert.rejects(designations.designate(USERS.xuanwu, input), { code: 'FORBIDDEN' });
      const designation = await designations.designate(USERS.cityOfficer, input);
      assert.deepEqual([designation.status, designation.approval], ['pending-approval', null]);
      let judged = await fx.compliance.unit(USERS.admin, 'U-MALL');
      const requirements = () => judged.obligations.map((obligation) => obligation.requirement);
      assert.deepEqual(requirements(), ['video', 'video-networked']);
      assert.deepEqual(judged.pendingDesignations.map((pending) => pending.id), ['D-1']);

      await assert.rejects(designations.approve(USERS.cityOfficer, 'D-1',
        { ...APPROVAL, date: '2026-13-01' }), { code: 'VALIDATION', details: { field: 'date' } });
      const approved = await designations.approve(USERS.cityOfficer, 'D-1', APPROVAL);
      assert.deepEqual([approved.status, approved.approval?.document],
        ['approved', APPROVAL.document]);
      await assert.rejects(designations.approve(USERS.admin, 'D-1', APPROVAL),
        { code: 'CONFLICT' });
      judged = await fx.compliance.unit(USERS.admin, 'U-MALL');
      assert.deepEqual(requirements(), ['video', 'video-networked', 'intrusion-alarm']);
      assert.deepEqual(judged.pendingDesignations, []);
      assert.deepEqual(await designations.list(USERS.xuanwu), []);
      assert.deepEqual((await designations.list(USERS.qinhuai)).map((d) => d.id), ['D-1']);
    });

    test('every change has an audit entry and the chain verifies', async () => {
      const entries = await fx.services.audit.list({ limit: 1000 });
      assert.deepEqual(entries.map((entry) => entry.action).reverse(), [
        'unit.create', 'unit.create', 'unit.create', 'unit.update', 'place.create',
        'product.create', 'product.create', 'system.create', 'system.create', 'system.update',
        'system.update', 'vehicle.create', 'vehicle.update', 'designation.create',
        'designation.approve',
      ]);
      const update = entries.find((entry) => entry.action === 'unit.update')!;
      assert.equal(update.actor, 'archive-manager');
      assert.deepEqual(update.detail, { address: { from: '北京东路41号', to: '北京东路43号' } });
      assert.deepEqual(await fx.services.audit.verify().then(({ ok, entries }) => ({ ok, entries })), { ok: true, entries: 15 });
      assert.equal(events.length, 15);
    });
  });
}
