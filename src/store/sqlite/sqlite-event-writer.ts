import type { CommitResult, EventWriter, SignalRecord } from '../event-writer.ts';
import type { SqliteDriver } from './sqlite-driver.ts';

const INSERT_EVENT = `INSERT INTO events (account, known_account, unit_id, receiver, line, sequence,
  token, encrypted, code_system, code, sia_code, kind, category, description, known_code, zone,
  partition, user_no, text, xdata, event_time, received_at, dedup_key, transport, remote, quirks,
  alarm_id, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`;

const INSERT_ALARM = `INSERT INTO alarms (open_key, account, unit_id, jurisdiction, zone, partition,
  category, priority, code, description, state, signals, first_event_id, last_event_id,
  created_at, updated_at, last_signal_at) VALUES (?,?,?,?,?,?,?,?,?,?,'new',1,?,?,?,?,?)`;

/**
 * SQLite: one synchronous transaction per batch, row by row. better-sqlite3 runs a prepared
 * statement in microseconds, so the batch costs little more than its one fsync.
 */
export class SqliteEventWriter implements EventWriter {
  constructor(private readonly driver: SqliteDriver) {}

  async commit(batch: readonly SignalRecord[], dedupSince: number): Promise<CommitResult[]> {
    // Wait for any async transaction (an API write) to finish: ours must not join it.
    while (this.driver.busy) await this.driver.get('SELECT 1');
    return this.driver.transactionSync(() => {
      const results = batch.map((record) => this.store(record, dedupSince));
      this.touchAccounts(batch);
      this.countQuirks(batch);
      return results;
    });
  }

  private store(record: SignalRecord, dedupSince: number): CommitResult {
    const db = this.driver;
    const existing = db
      .prepare('SELECT id, alarm_id FROM events WHERE dedup_key = ? AND received_at >= ?')
      .get(record.dedupKey, dedupSince) as { id: number; alarm_id: number | null } | undefined;
    if (existing) {
      db.prepare(
        'UPDATE events SET duplicates = duplicates + 1, last_duplicate_at = ? WHERE id = ?',
      ).run(record.receivedAt, existing.id);
      return { eventId: existing.id, duplicate: true, alarmId: existing.alarm_id ?? undefined };
    }

    const openKey = record.alarm?.openKey ?? record.restoreKey;
    const open = openKey
      ? (db.prepare('SELECT id FROM alarms WHERE open_key = ?').get(openKey) as
          | { id: number }
          | undefined)
      : undefined;
    const eventId = this.insertEvent(record, open?.id ?? null);

    if (record.alarm) return this.addToAlarm(record, eventId, open?.id);
    if (record.restoreKey && open) {
      db.prepare(
        'UPDATE alarms SET restored_at = ?, restore_event_id = ?, updated_at = ? WHERE id = ?',
      ).run(record.receivedAt, eventId, record.receivedAt, open.id);
      return { eventId, duplicate: false, alarmId: open.id, restoredAlarmId: open.id };
    }
    return { eventId, duplicate: false };
  }

  private addToAlarm(record: SignalRecord, eventId: number, openId?: number): CommitResult {
    const db = this.driver;
    const at = record.receivedAt;
    if (openId !== undefined) {
      db.prepare(
        `UPDATE alarms SET signals = signals + 1, last_event_id = ?, last_signal_at = ?,
         updated_at = ? WHERE id = ?`,
      ).run(eventId, at, at, openId);
      return { eventId, duplicate: false, alarmId: openId, alarmCreated: false };
    }
    const plan = record.alarm!;
    const inserted = db.prepare(INSERT_ALARM + ' RETURNING id').get(
      plan.openKey, record.account, plan.unitId, plan.jurisdiction, plan.zone, plan.partition,
      plan.category, plan.priority, plan.code, plan.description, eventId, eventId, at, at, at,
    ) as { id: number };
    db.prepare('UPDATE events SET alarm_id = ? WHERE id = ?').run(inserted.id, eventId);
    return { eventId, duplicate: false, alarmId: inserted.id, alarmCreated: true };
  }

  private insertEvent(record: SignalRecord, alarmId: number | null): number {
    const e = record.event;
    const info = this.driver.prepare(INSERT_EVENT).run(
      record.account, record.knownAccount ? 1 : 0, record.unitId, record.receiver, record.line,
      record.sequence, record.token, record.encrypted ? 1 : 0, e.codeSystem, e.code,
      e.siaCode ?? null, e.kind, e.category, e.description, e.known ? 1 : 0, e.zone ?? null,
      e.partition ?? null, e.user ?? null, e.text ?? null, record.xdata, record.eventTime,
      record.receivedAt, record.dedupKey, record.transport, record.remote,
      record.quirks.length ? record.quirks.join(',') : null, alarmId, record.raw,
    );
    return Number(info.lastInsertRowid);
  }

  private touchAccounts(batch: readonly SignalRecord[]): void {
    const latest = new Map<string, number>();
    for (const r of batch) if (r.knownAccount) latest.set(r.account, r.receivedAt);
    const update = this.driver.prepare('UPDATE accounts SET last_seen_at = ? WHERE account = ?');
    for (const [account, at] of latest) update.run(at, account);
  }

  private countQuirks(batch: readonly SignalRecord[]): void {
    const upsert = this.driver.prepare(
      `INSERT INTO account_quirks (account, quirk, count, last_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (account, quirk) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
    );
    for (const r of batch) {
      // One count per message received, not per event of a multi-event message.
      if (r.eventIndex !== 0) continue;
      for (const quirk of r.quirks) upsert.run(r.account, quirk, r.receivedAt);
    }
  }
}
