import type { CommitResult, EventWriter, SignalRecord } from '../event-writer.ts';
import type { PostgresDriver } from './postgres-driver.ts';

interface StoredRow {
  o_event_id: number;
  o_duplicate: boolean;
  o_alarm_id: number | null;
  o_alarm_created: boolean;
  o_restored: boolean;
}

/** A record as the vigil_store_events function reads it (migration 003). */
function toJson(record: SignalRecord) {
  const e = record.event;
  return {
    account: record.account,
    knownAccount: record.knownAccount ? 1 : 0,
    unitId: record.unitId,
    receiver: record.receiver,
    line: record.line,
    sequence: record.sequence,
    token: record.token,
    encrypted: record.encrypted ? 1 : 0,
    codeSystem: e.codeSystem,
    code: e.code,
    siaCode: e.siaCode ?? null,
    kind: e.kind,
    category: e.category,
    description: e.description,
    knownCode: e.known ? 1 : 0,
    zone: e.zone ?? null,
    partition: e.partition ?? null,
    user: e.user ?? null,
    text: e.text ?? null,
    xdata: record.xdata,
    eventTime: record.eventTime,
    receivedAt: record.receivedAt,
    dedupSince: record.dedupSince,
    eventIndex: record.eventIndex,
    dedupKey: record.dedupKey,
    transport: record.transport,
    remote: record.remote,
    quirks: record.quirks.length ? record.quirks.join(',') : null,
    raw: record.raw,
    alarm: record.alarm,
    restoreKey: record.restoreKey,
  };
}

/**
 * PostgreSQL: the whole batch goes to the database in one statement (a server-side function,
 * migration 003), which is its own transaction: one round trip, one commit, durable when it
 * returns. The function applies the same rules row by row as the SQLite writer.
 */
export class PostgresEventWriter implements EventWriter {
  readonly maxInFlight = 1;
  constructor(private readonly driver: PostgresDriver) {}

  async commit(batch: readonly SignalRecord[]): Promise<CommitResult[]> {
    const rows = await this.driver.all<StoredRow>('SELECT * FROM vigil_store_events(?::jsonb)', [
      JSON.stringify(batch.map(toJson)),
    ]);
    return rows.map((row) => ({
      eventId: Number(row.o_event_id),
      duplicate: row.o_duplicate,
      alarmId: row.o_alarm_id == null ? undefined : Number(row.o_alarm_id),
      alarmCreated: row.o_alarm_created,
      restoredAlarmId: row.o_restored ? Number(row.o_alarm_id) : undefined,
    }));
  }
}
