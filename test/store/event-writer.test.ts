/**
 * The hot write path, on both databases: the same batches must leave the same rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { NormalisedEvent } from '../../src/model/signal.ts';
import type { SignalRecord } from '../../src/store/event-writer.ts';
import { migrate } from '../../src/store/migrate.ts';
import { freshStore, testDialects } from '../support/stores.ts';

const burglary: NormalisedEvent = {
  codeSystem: 'sia', code: 'BA', description: 'Burglary alarm', kind: 'alarm', category: 'burglary',
  known: true, zone: '01', partition: '1',
};
const restore: NormalisedEvent = { ...burglary, code: 'BR', kind: 'restore', description: 'Burglary restoral' };

let counter = 0;
function record(overrides: Partial<SignalRecord> = {}): SignalRecord {
  counter++;
  return {
    account: '1234', knownAccount: true, unitId: null, receiver: null, line: '0',
    sequence: String(counter).padStart(4, '0'), token: 'SIA-DCS', encrypted: false, event: burglary,
    xdata: null, eventTime: 1_000 + counter, receivedAt: Date.now(), dedupSince: 0, eventIndex: 0,
    dedupKey: `key-${counter}`, transport: 'tcp', remote: '127.0.0.1:1', quirks: [], raw: 'raw',
    alarm: {
      openKey: '1234|B|1|01', category: 'burglary', priority: 2, code: 'BA', description: 'Burglary alarm',
      zone: '01', partition: '1', unitId: null, jurisdiction: null,
    },
    ...overrides,
  };
}

for (const dialect of testDialects()) {
  describe(`event writer on ${dialect}`, () => {
    let store: Awaited<ReturnType<typeof freshStore>>;
    before(async () => {
      store = await freshStore(dialect);
      const now = Date.now();
      await store.driver.run(
        'INSERT INTO accounts (account, created_at, updated_at) VALUES (?, ?, ?)',
        ['1234', now, now],
      );
    });
    after(() => store.dispose());

    it('migrations are idempotent', async () => {
      const again = await migrate(store.driver);
      assert.ok(again.length >= 1);
      assert.ok(again.every((m) => m.status === 'already-applied'));
    });

    it('stores a batch, opens one alarm and adds later signals to it', async () => {
      const batch = [record(), record(), record()];
      const results = await store.events.commit(batch);
      assert.equal(results.length, 3);
      assert.deepEqual(results.map((r) => r.duplicate), [false, false, false]);
      assert.deepEqual(results.map((r) => r.alarmCreated), [true, false, false]);
      const alarmId = results[0].alarmId;
      assert.ok(alarmId);
      assert.ok(results.every((r) => r.alarmId === alarmId));
      const alarm = await store.driver.get<{ signals: number; first_event_id: number; last_event_id: number }>(
        'SELECT signals, first_event_id, last_event_id FROM alarms WHERE id = ?', [alarmId],
      );
      assert.equal(Number(alarm!.signals), 3);
      assert.equal(Number(alarm!.first_event_id), results[0].eventId);
      assert.equal(Number(alarm!.last_event_id), results[2].eventId);
      const linked = await store.driver.all('SELECT id FROM events WHERE alarm_id = ?', [alarmId]);
      assert.equal(linked.length, 3);
    });

    it('counts a retransmission, in the same batch or a later one, without storing it twice', async () => {
      const original = record({ dedupKey: 'retransmitted' });
      const [first, again] = await store.events.commit([original, { ...original }]);
      assert.equal(first.duplicate, false);
      assert.equal(again.duplicate, true);
      assert.equal(again.eventId, first.eventId);
      const [later] = await store.events.commit([{ ...original }]);
      assert.equal(later.duplicate, true);
      assert.equal(later.eventId, first.eventId);
      const rows = await store.driver.all<{ duplicates: number }>(
        'SELECT duplicates FROM events WHERE dedup_key = ?', ['retransmitted'],
      );
      assert.equal(rows.length, 1);
      assert.equal(Number(rows[0].duplicates), 2);
    });

    it('looks for duplicates only inside the window', async () => {
      const old = record({ dedupKey: 'old-key', receivedAt: Date.now() - 10_000 });
      await store.events.commit([old]);
      const [again] = await store.events.commit([{ ...old, receivedAt: Date.now(), dedupSince: Date.now() - 1000 }]);
      assert.equal(again.duplicate, false);
    });

    it('marks the open alarm restored by its restore', async () => {
      const [opened] = await store.events.commit([record({ alarm: { ...record().alarm!, openKey: '1234|B|1|02' } })]);
      const [restored] = await store.events.commit([record({ event: restore, alarm: undefined, restoreKey: '1234|B|1|02' })]);
      assert.equal(restored.restoredAlarmId, opened.alarmId);
      const alarm = await store.driver.get<{ restored_at: number; restore_event_id: number }>(
        'SELECT restored_at, restore_event_id FROM alarms WHERE id = ?', [opened.alarmId],
      );
      assert.ok(alarm!.restored_at);
      assert.equal(Number(alarm!.restore_event_id), restored.eventId);
    });

    it('records last-seen in the account chain head and counts quirks once per message', async () => {
      const at = Date.now() + 5000;
      await store.events.commit([
        record({ receivedAt: at, quirks: ['binary-crc', 'trailing-nul'], alarm: undefined }),
        record({ receivedAt: at, quirks: ['binary-crc', 'trailing-nul'], eventIndex: 1, alarm: undefined }),
        record({ account: '9999', knownAccount: false, receivedAt: at, quirks: ['binary-crc'], alarm: undefined }),
      ]);
      const seen = await store.driver.get<{ last_received_at: number }>(
        'SELECT last_received_at FROM account_heads WHERE account = ?', ['1234'],
      );
      assert.equal(Number(seen!.last_received_at), at);
      const quirks = await store.driver.all<{ account: string; quirk: string; count: number }>(
        'SELECT account, quirk, count FROM account_quirks ORDER BY account, quirk',
      );
      assert.deepEqual(quirks.map((q) => [q.account, q.quirk, Number(q.count)]), [
        ['1234', 'binary-crc', 1], ['1234', 'trailing-nul', 1], ['9999', 'binary-crc', 1],
      ]);
    });

    it('chains the events of an account, newest first', async () => {
      const ids = (await store.events.commit([record({ account: '7777' }), record({ account: '8888' }), record({ account: '7777' })]))
        .map((r) => r.eventId);
      const chain = await store.driver.all<{ id: number; prev_id: number | null }>(
        'SELECT id, prev_id FROM events WHERE account = ? ORDER BY id', ['7777'],
      );
      assert.deepEqual(chain.map((r) => [Number(r.id), r.prev_id === null ? null : Number(r.prev_id)]), [[ids[0], null], [ids[2], ids[0]]]);
      const head = await store.driver.get<{ last_event_id: number }>('SELECT last_event_id FROM account_heads WHERE account = ?', ['7777']);
      assert.equal(Number(head!.last_event_id), ids[2]);
    });

    it('refuses to update or delete audit entries', async () => {
      await store.driver.run(
        "INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, detail, prev_hash, hash) VALUES (1, 1, 'a', 'b', 'c', 'd', '{}', 'x', 'y')",
      );
      await assert.rejects(store.driver.run("UPDATE audit_log SET actor = 'mallory'"), /append-only/);
      await assert.rejects(store.driver.run('DELETE FROM audit_log'), /append-only/);
      if (dialect === 'postgres') await assert.rejects(store.driver.run('TRUNCATE audit_log'), /append-only/);
    });
  });
}
