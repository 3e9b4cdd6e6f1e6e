import type { SqlDriver } from '../driver.ts';
import type { CommitResult, EventWriter, SignalRecord } from '../event-writer.ts';
import type { PostgresDriver } from './postgres-driver.ts';

const EVENT_COLUMNS = [
  'account', 'known_account', 'unit_id', 'receiver', 'line', 'sequence', 'token', 'encrypted',
  'code_system', 'code', 'sia_code', 'kind', 'category', 'description', 'known_code', 'zone',
  'partition', 'user_no', 'text', 'xdata', 'event_time', 'received_at', 'dedup_key', 'transport',
  'remote', 'quirks', 'alarm_id', 'raw',
] as const;

/** `(?,?,...),(?,?,...)` for rows x columns placeholders. */
function valuesList(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(',')})`;
  return new Array(rows).fill(row).join(',');
}

function eventRow(record: SignalRecord, alarmId: number | null): unknown[] {
  const e = record.event;
  return [
    record.account, record.knownAccount, record.unitId, record.receiver, record.line,
    record.sequence, record.token, record.encrypted, e.codeSystem, e.code, e.siaCode ?? null,
    e.kind, e.category, e.description, e.known, e.zone ?? null, e.partition ?? null,
    e.user ?? null, e.text ?? null, record.xdata, record.eventTime, record.receivedAt,
    record.dedupKey, record.transport, record.remote,
    record.quirks.length ? record.quirks.join(',') : null, alarmId, record.raw,
  ];
}

/**
 * PostgreSQL: each step of a batch is one set-based statement, so a batch of hundreds of
 * messages costs about ten round trips in one transaction.
 */
export class PostgresEventWriter implements EventWriter {
  constructor(private readonly driver: PostgresDriver) {}

  async commit(batch: readonly SignalRecord[], dedupSince: number): Promise<CommitResult[]> {
    return this.driver.transaction(async (tx) => {
      const results = new Array<CommitResult | undefined>(batch.length);
      const fresh = await this.markDuplicates(tx, batch, dedupSince, results);
      const alarmIds = await this.openAlarms(tx, fresh);
      const eventIds = await this.insertEvents(tx, fresh, alarmIds);
      await this.updateAlarms(tx, fresh, eventIds, alarmIds, results);
      await this.countRepeatsInBatch(tx, batch, results);
      await this.touchAccounts(tx, batch);
      await this.countQuirks(tx, batch);
      return results as CommitResult[];
    });
  }

  /** Finds repeats (in the database or earlier in this batch); returns the new records. */
  private async markDuplicates(
    tx: SqlDriver,
    batch: readonly SignalRecord[],
    since: number,
    results: (CommitResult | undefined)[],
  ): Promise<Map<number, SignalRecord>> {
    const keys = [...new Set(batch.map((r) => r.dedupKey))];
    const rows = await tx.all<{ id: number; dedup_key: string; alarm_id: number | null }>(
      'SELECT id, dedup_key, alarm_id FROM events WHERE dedup_key = ANY(?::text[]) AND received_at >= ?',
      [keys, since],
    );
    const known = new Map(rows.map((row) => [row.dedup_key, row]));
    const fresh = new Map<number, SignalRecord>();
    const firstInBatch = new Map<string, number>();
    const repeats = new Map<number, number>();
    batch.forEach((record, i) => {
      const stored = known.get(record.dedupKey);
      if (stored) {
        repeats.set(stored.id, (repeats.get(stored.id) ?? 0) + 1);
        results[i] = { eventId: stored.id, duplicate: true, alarmId: stored.alarm_id ?? undefined };
      } else if (firstInBatch.has(record.dedupKey)) {
        results[i] = { eventId: -1 - firstInBatch.get(record.dedupKey)!, duplicate: true };
      } else {
        firstInBatch.set(record.dedupKey, i);
        fresh.set(i, record);
      }
    });
    if (repeats.size > 0) {
      await tx.run(
        `UPDATE events e SET duplicates = e.duplicates + v.n, last_duplicate_at = ?
         FROM unnest(?::bigint[], ?::int[]) AS v(id, n) WHERE e.id = v.id`,
        [batch[0].receivedAt, [...repeats.keys()], [...repeats.values()]],
      );
    }
    return fresh;
  }

  /** Ids of the open alarms the new records belong to, creating the missing ones. */
  private async openAlarms(
    tx: SqlDriver,
    fresh: Map<number, SignalRecord>,
  ): Promise<Map<string, { id: number; created: boolean }>> {
    const wanted = new Set<string>();
    for (const r of fresh.values()) {
      const key = r.alarm?.openKey ?? r.restoreKey;
      if (key) wanted.add(key);
    }
    const ids = new Map<string, { id: number; created: boolean }>();
    if (wanted.size === 0) return ids;
    const rows = await tx.all<{ id: number; open_key: string }>(
      'SELECT id, open_key FROM alarms WHERE open_key = ANY(?::text[])',
      [[...wanted]],
    );
    for (const row of rows) ids.set(row.open_key, { id: row.id, created: false });

    const plans = new Map<string, SignalRecord>();
    for (const r of fresh.values()) {
      if (r.alarm && !ids.has(r.alarm.openKey) && !plans.has(r.alarm.openKey)) plans.set(r.alarm.openKey, r);
    }
    if (plans.size === 0) return ids;
    const params: unknown[] = [];
    for (const r of plans.values()) {
      const p = r.alarm!;
      const at = r.receivedAt;
      params.push(p.openKey, r.account, p.unitId, p.jurisdiction, p.zone, p.partition, p.category,
        p.priority, p.code, p.description, 'new', 0, at, at, at);
    }
    const created = await tx.all<{ id: number; open_key: string }>(
      `INSERT INTO alarms (open_key, account, unit_id, jurisdiction, zone, partition, category,
       priority, code, description, state, signals, created_at, updated_at, last_signal_at)
       VALUES ${valuesList(plans.size, 15)} RETURNING id, open_key`,
      params,
    );
    for (const row of created) ids.set(row.open_key, { id: row.id, created: true });
    return ids;
  }

  private async insertEvents(
    tx: SqlDriver,
    fresh: Map<number, SignalRecord>,
    alarmIds: Map<string, { id: number }>,
  ): Promise<Map<string, number>> {
    if (fresh.size === 0) return new Map();
    const params: unknown[] = [];
    for (const r of fresh.values()) {
      const key = r.alarm?.openKey ?? r.restoreKey;
      params.push(...eventRow(r, key ? (alarmIds.get(key)?.id ?? null) : null));
    }
    const rows = await tx.all<{ id: number; dedup_key: string }>(
      `INSERT INTO events (${EVENT_COLUMNS.join(',')})
       VALUES ${valuesList(fresh.size, EVENT_COLUMNS.length)} RETURNING id, dedup_key`,
      params,
    );
    return new Map(rows.map((row) => [row.dedup_key, row.id]));
  }

  /** Adds signals to alarms, records restores, and fills in every record's result. */
  private async updateAlarms(
    tx: SqlDriver,
    fresh: Map<number, SignalRecord>,
    eventIds: Map<string, number>,
    alarmIds: Map<string, { id: number; created: boolean }>,
    results: (CommitResult | undefined)[],
  ): Promise<void> {
    const signals = new Map<number, { n: number; first: number; last: number; at: number }>();
    const restores = new Map<number, { event: number; at: number }>();
    const openedBy = new Set<number>();
    for (const [i, r] of fresh) {
      const eventId = eventIds.get(r.dedupKey)!;
      const alarm = r.alarm ? alarmIds.get(r.alarm.openKey) : undefined;
      const restored = !r.alarm && r.restoreKey ? alarmIds.get(r.restoreKey) : undefined;
      if (alarm) {
        const s = signals.get(alarm.id) ?? { n: 0, first: eventId, last: eventId, at: r.receivedAt };
        signals.set(alarm.id, { n: s.n + 1, first: s.first, last: eventId, at: r.receivedAt });
        const created = alarm.created && !openedBy.has(alarm.id);
        if (created) openedBy.add(alarm.id);
        results[i] = { eventId, duplicate: false, alarmId: alarm.id, alarmCreated: created };
      } else if (restored) {
        restores.set(restored.id, { event: eventId, at: r.receivedAt });
        results[i] = { eventId, duplicate: false, alarmId: restored.id, restoredAlarmId: restored.id };
      } else {
        results[i] = { eventId, duplicate: false };
      }
    }
    await this.applySignals(tx, signals);
    await this.applyRestores(tx, restores);
  }

  /** A record repeated inside its own batch counts as a duplicate of the first one. */
  private async countRepeatsInBatch(
    tx: SqlDriver,
    batch: readonly SignalRecord[],
    results: (CommitResult | undefined)[],
  ): Promise<void> {
    const repeats = new Map<number, number>();
    results.forEach((r, i) => {
      if (!r || r.eventId >= 0) return;
      const first = results[-1 - r.eventId]!;
      results[i] = { ...first, duplicate: true, alarmCreated: false, restoredAlarmId: undefined };
      repeats.set(first.eventId, (repeats.get(first.eventId) ?? 0) + 1);
    });
    if (repeats.size === 0) return;
    await tx.run(
      `UPDATE events e SET duplicates = e.duplicates + v.n, last_duplicate_at = ?
       FROM unnest(?::bigint[], ?::int[]) AS v(id, n) WHERE e.id = v.id`,
      [batch[0].receivedAt, [...repeats.keys()], [...repeats.values()]],
    );
  }

  private async applySignals(
    tx: SqlDriver,
    signals: Map<number, { n: number; first: number; last: number; at: number }>,
  ): Promise<void> {
    if (signals.size === 0) return;
    const v = [...signals.entries()];
    await tx.run(
      `UPDATE alarms a SET signals = a.signals + v.n, last_event_id = v.last,
         first_event_id = COALESCE(a.first_event_id, v.first), last_signal_at = v.at,
         updated_at = v.at
       FROM unnest(?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[])
         AS v(id, n, first, last, at) WHERE a.id = v.id`,
      [v.map(([id]) => id), v.map(([, s]) => s.n), v.map(([, s]) => s.first),
        v.map(([, s]) => s.last), v.map(([, s]) => s.at)],
    );
  }

  private async applyRestores(
    tx: SqlDriver,
    restores: Map<number, { event: number; at: number }>,
  ): Promise<void> {
    if (restores.size === 0) return;
    const v = [...restores.entries()];
    await tx.run(
      `UPDATE alarms a SET restored_at = v.at, restore_event_id = v.event, updated_at = v.at
       FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS v(id, event, at) WHERE a.id = v.id`,
      [v.map(([id]) => id), v.map(([, r]) => r.event), v.map(([, r]) => r.at)],
    );
  }

  private async touchAccounts(tx: SqlDriver, batch: readonly SignalRecord[]): Promise<void> {
    const latest = new Map<string, number>();
    for (const r of batch) if (r.knownAccount) latest.set(r.account, r.receivedAt);
    if (latest.size === 0) return;
    await tx.run(
      `UPDATE accounts a SET last_seen_at = v.at
       FROM unnest(?::text[], ?::bigint[]) AS v(account, at) WHERE a.account = v.account`,
      [[...latest.keys()], [...latest.values()]],
    );
  }

  private async countQuirks(tx: SqlDriver, batch: readonly SignalRecord[]): Promise<void> {
    const counts = new Map<string, { account: string; quirk: string; n: number; at: number }>();
    for (const r of batch) {
      if (r.eventIndex !== 0) continue;
      for (const quirk of r.quirks) {
        const key = `${r.account}\u0000${quirk}`;
        const c = counts.get(key) ?? { account: r.account, quirk, n: 0, at: r.receivedAt };
        counts.set(key, { ...c, n: c.n + 1, at: r.receivedAt });
      }
    }
    if (counts.size === 0) return;
    const v = [...counts.values()];
    await tx.run(
      `INSERT INTO account_quirks (account, quirk, count, last_at)
       SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])
       ON CONFLICT (account, quirk) DO UPDATE
         SET count = account_quirks.count + excluded.count, last_at = excluded.last_at`,
      [v.map((c) => c.account), v.map((c) => c.quirk), v.map((c) => c.n), v.map((c) => c.at)],
    );
  }
}
