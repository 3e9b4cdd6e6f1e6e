/**
 * The hot write path: received alarm messages, committed in groups. Each dialect implements it
 * in its own folder because this is where the two databases differ most in what is fast
 * (SQLite: many tiny statements in one transaction; PostgreSQL: few set-based statements).
 */
import type { NormalisedEvent } from '../model/signal.ts';

/** How an alarm-centre alarm is opened or added to by one event. */
export interface AlarmPlan {
  /** Identifies the open alarm this event belongs to (same account, family, area, zone). */
  openKey: string;
  category: string;
  priority: number;
  code: string;
  description: string;
  zone: string | null;
  partition: string | null;
  unitId: string | null;
  jurisdiction: string | null;
}

/** One event of a received message, ready to store. */
export interface SignalRecord {
  account: string;
  knownAccount: boolean;
  unitId: string | null;
  receiver: string | null;
  line: string | null;
  sequence: string;
  token: string;
  encrypted: boolean;
  event: NormalisedEvent;
  /** Extended data blocks as a JSON array, or null. */
  xdata: string | null;
  eventTime: number;
  receivedAt: number;
  /** Retransmissions are looked for among events received since this time. */
  dedupSince: number;
  /** Position of this event in its message (a SIA block may carry several). */
  eventIndex: number;
  /** Same decrypted content gives the same key: how retransmissions are recognised. */
  dedupKey: string;
  transport: 'tcp' | 'udp';
  remote: string | null;
  quirks: readonly string[];
  /** The frame as received, control bytes escaped. */
  raw: string;
  /** Open or add to an alarm. */
  alarm?: AlarmPlan;
  /** Mark the open alarm with this key restored. */
  restoreKey?: string;
}

/** What happened to one record. */
export interface CommitResult {
  eventId: number;
  /** True when the record repeated an event already stored (its duplicate count went up). */
  duplicate: boolean;
  alarmId?: number;
  /** True when this record opened a new alarm. */
  alarmCreated?: boolean;
  /** The alarm this record restored. */
  restoredAlarmId?: number;
}

export interface EventWriter {
  /** Batches that may be in flight at once: more than 1 only if they are applied in order. */
  readonly maxInFlight: number;
  /**
   * Stores a batch in one transaction and resolves once it is durable, one result per record,
   * in order. Duplicates are looked for among events received since each record's `dedupSince`.
   */
  commit(batch: readonly SignalRecord[]): Promise<CommitResult[]>;
}

const NEEDS_ESCAPE = /[\x00-\x1f\x5c\x7f-\xff]/g;
/** One character as `\xHH`: how bytes and control characters are kept readable in storage. */
export const hexEscape = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Escapes a received frame for storage: printable ASCII stays, every other byte is \xHH. */
export function escapeRaw(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').replace(NEEDS_ESCAPE, hexEscape);
}
