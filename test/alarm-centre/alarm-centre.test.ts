/**
 * The alarm centre through its HTTP API and WebSocket, fed by real DC-09 frames, on both
 * databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import WebSocket from 'ws';

import { encodeMessage } from '../../src/protocols/sia-dc09/encode.ts';
import { SYSTEM } from '../../src/services/access/principal.ts';
import type { AccountDirectory } from '../../src/services/intake/account-directory.ts';
import { testDialects } from '../support/stores.ts';
import { PanelConnection, startTestServer, type Client, type TestServer } from '../support/server.ts';

let sequence = 0;

async function send(server: TestServer, account: string, data: string, token: 'SIA-DCS' | 'ADM-CID' | 'NULL' = 'SIA-DCS') {
  const panel = await PanelConnection.open(server.dc09Port);
  panel.write(encodeMessage({ token, sequence: ++sequence, account, data: data && `#${account}|${data}`, timestamp: Date.now() }));
  const [reply] = await panel.waitForReplies(1);
  panel.close();
  assert.match(reply, /^"ACK"/);
}

for (const dialect of testDialects()) {
  describe(`alarm centre on ${dialect}`, () => {
    let server: TestServer;
    let alice: Client;
    let bob: Client;

    before(async () => {
      server = await startTestServer(dialect, { supervision: { checkEveryMs: 100, graceS: 0 } });
      await server.addUser('alice', 'operator');
      await server.addUser('bob', 'operator');
      alice = await server.as('alice');
      bob = await server.as('bob');
      const accounts = server.services.accounts as AccountDirectory;
      await accounts.upsert(SYSTEM, '3001', {});
      await accounts.upsert(SYSTEM, '3002', {});
    });
    after(() => server.dispose());

    const openAlarms = async () => (await alice.get('/api/v1/alarms')).body.items as Record<string, any>[];

    it('queues alarms by priority: fire before burglary before trouble', async () => {
      await send(server, '3001', 'Nri1/AT00');
      await send(server, '3001', 'Nri1/BA05');
      await send(server, '3001', 'Nri1/FA02');
      const queue = (await openAlarms()).filter((a) => a.account === '3001');
      assert.deepEqual(queue.map((a) => a.code), ['FA', 'BA', 'AT']);
      assert.deepEqual(queue.map((a) => a.priority), [1, 2, 3]);
    });

    it('names the zone and its place, whether the panel sends 01 or 001', async () => {
      const { registryServicesOf } = await import('../../src/services/registry/create-registry-services.ts');
      const { registry } = registryServicesOf(server.services);
      await registry.units.create(SYSTEM, { id: 'AC-1', name: 'Vault bank', category: '4', jurisdiction: '320104' });
      const place = await registry.places.add(SYSTEM, 'AC-1', { name: '金库', kind: 'part' });
      await (server.services.accounts as AccountDirectory).upsert(SYSTEM, '3004', { unitId: 'AC-1' });
      const admin = await server.as('root');
      const set = await admin.put('/api/v1/accounts/3004/zones/1', { name: 'Vault door', placeId: place.id });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      await send(server, '3004', 'Nri1/BA01');
      await send(server, '3004', '1130 01 001', 'ADM-CID');
      const mine = (await openAlarms()).filter((a) => a.account === '3004');
      assert.equal(mine.length, 1, 'SIA BA01 and Contact ID E130 zone 001 are one condition');
      assert.equal(mine[0].signals, 2);
      assert.equal(mine[0].zoneName, 'Vault door');
      assert.equal(mine[0].placeName, '金库');
    });

    it('records tests, openings and link tests without queueing them', async () => {
      await send(server, '3002', 'Nri1/RP00');
      await send(server, '3002', 'Nri1/OP001');
      await send(server, '3002', '', 'NULL');
      assert.equal((await openAlarms()).filter((a) => a.account === '3002').length, 0);
      const events = (await alice.get('/api/v1/events?account=3002')).body.items as Record<string, any>[];
      assert.deepEqual(events.map((e) => e.kind), ['link-test', 'open', 'test']);
    });

    it('adds repeated signals to the open alarm and shows its restore', async () => {
      await send(server, '3002', 'Nri2/BA07');
      await send(server, '3002', 'Nri2/BA07');
      await send(server, '3002', 'Nri2/BR07');
      const [alarm] = (await openAlarms()).filter((a) => a.account === '3002');
      assert.equal(alarm.signals, 2);
      assert.ok(alarm.restoredAt);
      const detail = (await alice.get(`/api/v1/alarms/${alarm.id}`)).body;
      assert.deepEqual(detail.events.map((e: any) => e.code), ['BR', 'BA', 'BA']);
    });

    it('takes an alarm through new, acknowledged, dispatched and closed, one operator at a time', async () => {
      const alarm = (await openAlarms()).find((a) => a.code === 'FA')!;
      const [a, b] = await Promise.all([
        alice.post(`/api/v1/alarms/${alarm.id}/take`),
        bob.post(`/api/v1/alarms/${alarm.id}/take`),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 409]);
      const [winner, loser] = a.status === 200 ? [alice, bob] : [bob, alice];
      const refused = await loser.post(`/api/v1/alarms/${alarm.id}/acknowledge`, { note: 'me too' });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'ALARM_TAKEN');

      assert.equal((await winner.post(`/api/v1/alarms/${alarm.id}/close`, { disposition: 'real' })).body.error.code, 'INVALID_TRANSITION');
      const acked = await winner.post(`/api/v1/alarms/${alarm.id}/acknowledge`, { note: 'calling the site' });
      assert.equal(acked.body.state, 'acknowledged');
      assert.ok(acked.body.timeToAcknowledgeS >= 0);
      assert.equal((await winner.post(`/api/v1/alarms/${alarm.id}/dispatch`, { note: 'patrol 12' })).body.state, 'dispatched');
      assert.equal((await winner.post(`/api/v1/alarms/${alarm.id}/close`, {})).status, 400);
      const closed = await winner.post(`/api/v1/alarms/${alarm.id}/close`, { disposition: 'real', note: 'arrest' });
      assert.equal(closed.body.state, 'closed');
      assert.equal(closed.body.disposition, 'real');
      assert.deepEqual(closed.body.actions.map((x: any) => x.action), ['take', 'acknowledge', 'dispatch', 'close']);
      assert.ok(!(await openAlarms()).some((x) => x.id === alarm.id));

      await send(server, '3001', 'Nri1/FA02');
      const reopened = (await openAlarms()).find((x) => x.code === 'FA')!;
      assert.notEqual(reopened.id, alarm.id);
    });

    it('lets a supervisor take over a held alarm, and gives back the alarms of one who signs out', async () => {
      await send(server, '3002', 'Nri3/TA04');
      const alarm = (await openAlarms()).find((a) => a.account === '3002' && a.code === 'TA')!;
      const carol = await (async () => {
        await server.addUser('carol', 'operator');
        return server.as('carol');
      })();
      assert.equal((await carol.post(`/api/v1/alarms/${alarm.id}/take`)).status, 200);
      const refused = await bob.post(`/api/v1/alarms/${alarm.id}/take`, { force: true });
      assert.equal(refused.status, 403, 'an operator may not take over');
      const root = await server.as('root');
      const over = await root.post(`/api/v1/alarms/${alarm.id}/take`, { force: true });
      assert.equal(over.status, 200);
      assert.equal(over.body.takenBy, 'root');
      assert.equal(over.body.actions.at(-1).action, 'take-over');

      assert.equal((await carol.post(`/api/v1/alarms/${alarm.id}/take`)).status, 409);
      assert.equal((await root.post(`/api/v1/alarms/${alarm.id}/release`)).status, 200);
      assert.equal((await carol.post(`/api/v1/alarms/${alarm.id}/take`)).status, 200);
      await carol.post('/api/v1/auth/logout');
      let after: any;
      for (let i = 0; i < 20 && after?.takenBy !== null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        after = (await openAlarms()).find((a) => a.id === alarm.id);
      }
      assert.equal(after.takenBy, null, 'signing out gives the alarm back');
    });

    it('reports time to acknowledge per priority', async () => {
      const stats = (await alice.get('/api/v1/alarms/stats/acknowledge')).body.items as Record<string, any>[];
      const fire = stats.find((s) => s.priority === 1)!;
      assert.equal(fire.count, 1);
      assert.ok(fire.medianS >= 0 && fire.p90S >= fire.medianS);
    });

    it('writes every action to the audit log, whose chain verifies', async () => {
      const admin = await server.as('root');
      const entries = (await admin.get('/api/v1/audit?targetType=alarm')).body.items as Record<string, any>[];
      assert.ok(entries.some((e) => e.action === 'alarm.close' && e.detail.disposition === 'real'));
      assert.deepEqual((await admin.get('/api/v1/audit/verify')).body.ok, true);
    });

    it('pushes a new alarm to a connected console within a second of the ACK', async () => {
      const socket = new WebSocket(`${server.base.replace('http', 'ws')}/api/v1/ws?token=${alice.token}`);
      const pushes: any[] = [];
      socket.on('message', (data) => pushes.push(JSON.parse(String(data))));
      await new Promise((resolve) => socket.once('open', resolve));
      const acked = Date.now();
      await send(server, '3001', 'Nri1/HA09');
      while (!pushes.some((p) => p.type === 'alarm' && p.alarm.code === 'HA') && Date.now() - acked < 1000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      socket.close();
      const push = pushes.find((p) => p.type === 'alarm' && p.alarm.code === 'HA');
      assert.ok(push, `no push within 1 s: ${JSON.stringify(pushes)}`);
      assert.equal(push.created, true);
      assert.ok(Date.now() - acked < 1000);
    });

    it('raises "communication lost" for a silent supervised account and clears it on the next message', async () => {
      const accounts = server.services.accounts as AccountDirectory;
      await accounts.upsert(SYSTEM, '3003', { linkTestIntervalS: 1 });
      await send(server, '3003', '', 'NULL');
      let lost: any;
      for (let i = 0; i < 40 && !lost; i++) {
        await new Promise((r) => setTimeout(r, 100));
        lost = (await openAlarms()).find((a) => a.account === '3003' && a.category === 'communication-lost');
      }
      assert.ok(lost, 'no communication-lost alarm');
      assert.equal(lost.priority, 4);
      await send(server, '3003', '', 'NULL');
      let after: any;
      for (let i = 0; i < 20 && !after?.restoredAt; i++) {
        after = (await openAlarms()).find((a) => a.id === lost.id);
        if (!after?.restoredAt) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(after.restoredAt);

      // Silent again before anyone closed it: the same alarm is active again, not hidden.
      let again: any;
      for (let i = 0; i < 40 && !(again && !again.restoredAt); i++) {
        await new Promise((r) => setTimeout(r, 100));
        again = (await openAlarms()).find((a) => a.id === lost.id);
      }
      assert.equal(again.restoredAt, null, 'a second silence reopens the alarm');
      assert.equal(again.signals, 2);
    });

    it('makes a restored alarm active again when its condition comes back', async () => {
      await send(server, '3001', 'Nri4/BA09');
      await send(server, '3001', 'Nri4/BR09');
      const restored = (await openAlarms()).find((a) => a.account === '3001' && a.zone === '09' && a.partition === '4')!;
      assert.ok(restored.restoredAt);
      await send(server, '3001', 'Nri4/BA09');
      const active = (await openAlarms()).find((a) => a.id === restored.id)!;
      assert.equal(active.restoredAt, null);
      assert.equal(active.signals, 2);
    });
  });
}
