import type { CommitResult, EventWriter, SignalRecord } from '../event-writer.ts';
import { RecentKeys } from './recent-keys.ts';
import type { SqliteDriver } from './sqlite-driver.ts';

const INSERT_EVENT = `INSERT INTO events (account, known_account, unit_id, receiver, line, sequence,
  token, encrypted, code_system, code, sia_code, kind, category, description, known_code, zone,
  partition, user_no, text, xdata, event_time, received_at, dedup_key, transport, remote, quirks,
  alarm_id, raw, prev_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`;

const INSERT_ALARM = `INSERT INTO alarms (open_key, account, unit_id, jurisdiction, zone, partition,
  category, priority, code, description, state, signals, first_event_id, last_event_id,
  created_at, updated_at, last_signal_at) VALUES (?,?,?,?,?,?,?,?,?,?,'new',1,?,?,?,?,?)
  RETURNING id`;

/** How many recent dedup keys stay in memory (about 90 bytes each). */
const RECENT_KEYS = 500_000;

/**
 * How far back an account's chain is searched for the original of a retransmission when memory
 * cannot answer. A panel sends its next message only once the last one is acknowledged, so the
 * original of a retransmission is among the account's newest events (dual-path panels may have
 * a few in between); the bound keeps a flood from turning every lookup into a long walk.
 */
const CHAIN_SEARCH_DEPTH = 64;

/**
 * SQLite: one synchronous transaction per batch, row by row. better-sqlite3 runs a prepared
 * statement in microseconds; what a commit costs is the pages it writes, so the events table
 * keeps only the indexes the API needs and retransmissions are looked up in memory first.
 */
export class SqliteEventWriter implements EventWriter {
  readonly maxInFlight = 1;
  private recent?: RecentKeys;
  /** The newest event of each account: the head of its chain (migration 003). */
  private heads = new Map<string, number | null>();

  /** `maxWindowMs`: the longest dedup window any record asks for (older keys are forgotten). */
  constructor(
    private readonly driver: SqliteDriver,
    private readonly maxWindowMs = 3600_000,
  ) {}

  async commit(batch: readonly SignalRecord[]): Promise<CommitResult[]> {
    // Wait for any async transaction (an API write) to finish: ours must not join it.
    while (this.driver.busy) await this.driver.get('SELECT 1');
    const horizon = Date.now() - this.maxWindowMs;
    const recent = this.recentKeys(horizon);
    recent.expire(horizon);
    try {
      return this.driver.transactionSync(() => {
        const firstIds = new Map<number, number>();
        const firstId = (since: number) => {
          let id = firstIds.get(since);
          if (id === undefined) firstIds.set(since, (id = this.firstIdSince(since)));
          return id;
        };
        const touched = new Map<string, number>();
        const results = batch.map((record) => this.store(record, recent, firstId, touched));
        this.saveHeads(touched);
        this.countQuirks(batch);
        return results;
      });
    } catch (error) {
      // Keys and heads of this batch are in memory but the rollback removed their events: start
      // both over from the database, or a retransmission would be taken for a duplicate.
      this.recent = undefined;
      this.heads = new Map();
      throw error;
    }
  }

  /**
   * The in-memory keys, loaded on first use with what earlier runs stored inside the window,
   * so a panel retransmitting across a restart is still recognised without a database search.
   */
  private recentKeys(since: number): RecentKeys {
    if (this.recent) return this.recent;
    const rows = this.driver
      .prepare('SELECT id, dedup_key, received_at FROM events WHERE received_at >= ? ORDER BY id DESC LIMIT ?')
      .all(since, RECENT_KEYS) as { id: number; dedup_key: string; received_at: number }[];
    const complete = rows.length < RECENT_KEYS;
    const recent = new RecentKeys(RECENT_KEYS, complete ? since : Number(rows.at(-1)!.received_at) + 1);
    for (let i = rows.length - 1; i >= 0; i--) recent.add(rows[i].dedup_key, Number(rows[i].id), Number(rows[i].received_at));
    this.recent = recent;
    return recent;
  }

  private firstIdSince(since: number): number {
    const row = this.driver
      .prepare('SELECT id FROM events WHERE received_at >= ? ORDER BY received_at LIMIT 1')
      .get(since) as { id: number } | undefined;
    return row ? Number(row.id) : Number.MAX_SAFE_INTEGER;
  }

  private head(account: string): number | null {
    let head = this.heads.get(account);
    if (head === undefined) {
      const row = this.driver.prepare('SELECT last_event_id FROM account_heads WHERE account = ?').get(account) as
        | { last_event_id: number }
        | undefined;
      head = row ? Number(row.last_event_id) : null;
      this.heads.set(account, head);
    }
    return head;
  }

  /** The stored event this record repeats, if any. */
  private findDuplicate(record: SignalRecord, recent: RecentKeys, firstId: (since: number) => number) {
    const db = this.driver;
    const since = record.dedupSince;
    const id = recent.get(record.dedupKey);
    if (id !== undefined) {
      const row = db.prepare('SELECT alarm_id, received_at FROM events WHERE id = ?').get(id) as
        | { alarm_id: number | null; received_at: number }
        | undefined;
      if (row && Number(row.received_at) >= since) return { id, alarm_id: row.alarm_id };
      return undefined;
    }
    if (recent.covers(since)) return undefined;
    // Beyond what memory holds: walk the account's chain back to the start of the window.
    const start = this.head(record.account);
    if (start === null || start < firstId(since)) return undefined;
    return db
      .prepare(
        `WITH RECURSIVE chain(id, n) AS (SELECT ?, 1 UNION ALL
           SELECT e.prev_id, c.n + 1 FROM chain c JOIN events e ON e.id = c.id
           WHERE e.prev_id >= ? AND c.n < ?)
         SELECT e.id, e.alarm_id FROM chain c JOIN events e ON e.id = c.id WHERE e.dedup_key = ? LIMIT 1`,
      )
      .get(start, firstId(since), CHAIN_SEARCH_DEPTH, record.dedupKey) as { id: number; alarm_id: number | null } | undefined;
  }

  private store(
    record: SignalRecord,
    recent: RecentKeys,
    firstId: (since: number) => number,
    touched: Map<string, number>,
  ): CommitResult {
    const db = this.driver;
    const existing = this.findDuplicate(record, recent, firstId);
    if (existing) {
      db.prepare('UPDATE events SET duplicates = duplicates + 1, last_duplicate_at = ? WHERE id = ?').run(
        record.receivedAt,
        existing.id,
      );
      return { eventId: Number(existing.id), duplicate: true, alarmId: existing.alarm_id ?? undefined };
    }

    const openKey = record.alarm?.openKey ?? record.restoreKey;
    const open = openKey
      ? (db.prepare('SELECT id FROM alarms WHERE open_key = ?').get(openKey) as { id: number } | undefined)
      : undefined;
    const eventId = this.insertEvent(record, open?.id ?? null, this.head(record.account));
    recent.add(record.dedupKey, eventId, record.receivedAt);
    this.heads.set(record.account, eventId);
    touched.set(record.account, record.receivedAt);

    if (record.alarm) return this.addToAlarm(record, eventId, open?.id);
    if (record.restoreKey && open) {
      db.prepare('UPDATE alarms SET restored_at = ?, restore_event_id = ?, updated_at = ? WHERE id = ?').run(
        record.receivedAt,
        eventId,
        record.receivedAt,
        open.id,
      );
      return { eventId, duplicate: false, alarmId: open.id, restoredAlarmId: open.id };
    }
    return { eventId, duplicate: false };
  }

  private addToAlarm(record: SignalRecord, eventId: number, openId?: number): CommitResult {
    const db = this.driver;
    const at = record.receivedAt;
    if (openId !== undefined) {
      db.prepare(
        // A new signal makes a restored alarm active again: the condition is back.
        `UPDATE alarms SET signals = signals + 1, last_event_id = ?, last_signal_at = ?, updated_at = ?,
         restored_at = NULL, restore_event_id = NULL WHERE id = ?`,
      ).run(eventId, at, at, openId);
      return { eventId, duplicate: false, alarmId: openId, alarmCreated: false };
    }
    const plan = record.alarm!;
    const inserted = db.prepare(INSERT_ALARM).get(
      plan.openKey, record.account, plan.unitId, plan.jurisdiction, plan.zone, plan.partition,
      plan.category, plan.priority, plan.code, plan.description, eventId, eventId, at, at, at,
    ) as { id: number };
    db.prepare('UPDATE events SET alarm_id = ? WHERE id = ?').run(inserted.id, eventId);
    return { eventId, duplicate: false, alarmId: inserted.id, alarmCreated: true };
  }

  private insertEvent(record: SignalRecord, alarmId: number | null, prevId: number | null): number {
    const e = record.event;
    const info = this.driver.prepare(INSERT_EVENT).run(
      record.account, record.knownAccount ? 1 : 0, record.unitId, record.receiver, record.line,
      record.sequence, record.token, record.encrypted ? 1 : 0, e.codeSystem, e.code,
      e.siaCode ?? null, e.kind, e.category, e.description, e.known ? 1 : 0, e.zone ?? null,
      e.partition ?? null, e.user ?? null, e.text ?? null, record.xdata, record.eventTime,
      record.receivedAt, record.dedupKey, record.transport, record.remote,
      record.quirks.length ? record.quirks.join(',') : null, alarmId, record.raw, prevId,
    );
    return Number(info.lastInsertRowid);
  }

  /** One head row per account touched by the batch (it is also the account's last-seen time). */
  private saveHeads(touched: Map<string, number>): void {
    const upsert = this.driver.prepare(
      `INSERT INTO account_heads (account, last_event_id, last_received_at) VALUES (?, ?, ?)
       ON CONFLICT (account) DO UPDATE
         SET last_event_id = excluded.last_event_id, last_received_at = excluded.last_received_at`,
    );
    for (const [account, at] of touched) upsert.run(account, this.heads.get(account), at);
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
