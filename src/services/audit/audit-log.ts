import crypto from 'node:crypto';

import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';

/** What a caller records. */
export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
}

/** One stored entry of the chain. */
export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The outcome of checking the whole chain. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBroken?: { seq: number; reason: string };
  /**
   * The newest entry. A chain cannot tell on its own that entries were cut off its end: record
   * the head somewhere else (the server logs it every hour) and check it with `anchor`.
   */
  head?: { seq: number; hash: string };
}

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry: SHA-256 over the previous hash and the entry's fields, in order. */
export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const fields = [row.seq, row.at, row.actor, row.action, row.target_type, row.target_id, row.detail];
  return crypto
    .createHash('sha256')
    .update(row.prev_hash)
    .update('\n')
    .update(JSON.stringify(fields))
    .digest('hex');
}

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: Number(row.seq),
  at: Number(row.at),
  actor: row.actor,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/**
 * The append-only audit log. Each entry carries the hash of the one before it, so changing or
 * removing any entry breaks every hash after it; the database also refuses UPDATE and DELETE.
 * Callers append inside the transaction of the change they record.
 */
export class AuditLog {
  constructor(private readonly driver: SqlDriver) {}

  /** Appends an entry; pass the open transaction so the change and its record commit together. */
  async append(actor: Principal, input: AuditInput, tx?: SqlDriver): Promise<AuditEntry> {
    if (!tx) return this.driver.transaction((t) => this.append(actor, input, t));
    if (tx.dialect === 'postgres') {
      // Serialise appenders: two transactions must not both extend the same tail.
      await tx.run("SELECT pg_advisory_xact_lock(hashtext('vigil.audit_log'))");
    }
    const tail = await tx.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const row: Omit<AuditRow, 'hash'> = {
      seq: tail ? Number(tail.seq) + 1 : 1,
      at: Date.now(),
      actor: actor.username,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      detail: JSON.stringify(input.detail ?? {}),
      prev_hash: tail?.hash ?? GENESIS_HASH,
    };
    const hash = entryHash(row);
    await tx.run(
      `INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, detail, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [row.seq, row.at, row.actor, row.action, row.target_type, row.target_id, row.detail,
        row.prev_hash, hash],
    );
    return toEntry({ ...row, hash });
  }

  /** Entries newest first, optionally for one target. */
  async list(options: { limit?: number; before?: number; targetType?: string; targetId?: string } = {}) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.before) (where.push('seq < ?'), params.push(options.before));
    if (options.targetType) (where.push('target_type = ?'), params.push(options.targetType));
    if (options.targetId) (where.push('target_id = ?'), params.push(options.targetId));
    const rows = await this.driver.all<AuditRow>(
      `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY seq DESC LIMIT ?`,
      [...params, Math.min(options.limit ?? 100, 1000)],
    );
    return rows.map(toEntry);
  }

  /**
   * Walks the chain from the first entry and names the first one that does not hold. With
   * `anchor` (a head recorded earlier) it also checks that entry is still there, unchanged.
   */
  async verify(pageSize = 5000, anchor?: { seq: number; hash: string }): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    let head: { seq: number; hash: string } | undefined;
    for (;;) {
      const rows = await this.driver.all<AuditRow>(
        'SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?',
        [expectedSeq, pageSize],
      );
      for (const row of rows) {
        const reason = checkRow(row, expectedSeq, prevHash);
        if (reason) return { ok: false, entries, firstBroken: { seq: Number(row.seq), reason }, head };
        if (anchor && Number(row.seq) === anchor.seq && row.hash !== anchor.hash) {
          return { ok: false, entries, firstBroken: { seq: anchor.seq, reason: 'does not match the recorded head' }, head };
        }
        prevHash = row.hash;
        head = { seq: Number(row.seq), hash: row.hash };
        expectedSeq++;
        entries++;
      }
      if (rows.length < pageSize) break;
    }
    if (anchor && (head?.seq ?? 0) < anchor.seq) {
      return { ok: false, entries, firstBroken: { seq: (head?.seq ?? 0) + 1, reason: `entries after ${head?.seq ?? 0} up to the recorded head ${anchor.seq} are missing` }, head };
    }
    return { ok: true, entries, head };
  }
}

function checkRow(row: AuditRow, expectedSeq: number, prevHash: string): string | undefined {
  if (Number(row.seq) !== expectedSeq) return `entry ${expectedSeq} is missing`;
  if (row.prev_hash !== prevHash) return 'previous-hash link does not match the entry before';
  const { hash, ...rest } = row;
  if (entryHash({ ...rest, seq: Number(rest.seq), at: Number(rest.at) }) !== hash) {
    return 'content does not match its hash';
  }
  return undefined;
}
