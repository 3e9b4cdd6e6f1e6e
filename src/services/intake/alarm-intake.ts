import crypto from 'node:crypto';

import type { Bus } from '../../bus/bus.ts';
import type { NormalisedEvent } from '../../model/signal.ts';
import type { AcceptedMessage } from '../../protocols/sia-dc09/judge.ts';
import { decodePayload } from '../../protocols/sia-dc09/payload.ts';
import {
  escapeRaw,
  hexEscape,
  type CommitResult,
  type EventWriter,
  type SignalRecord,
} from '../../store/event-writer.ts';
import { planAlarm } from '../alarm-centre/alarm-plan.ts';
import type { AccountDirectory } from './account-directory.ts';
import { GroupCommit } from './group-commit.ts';

/** A frame the DC-09 judge accepted, with where and when it came from. */
export interface ReceivedMessage {
  message: AcceptedMessage;
  /** The frame bytes as received. */
  bytes: Uint8Array;
  transport: 'tcp' | 'udp';
  remote: string | null;
  receivedAt: number;
}

/** What the listener needs to know once the message is durable. */
export interface IntakeResult {
  duplicate: boolean;
  eventIds: number[];
}

export interface IntakeOptions {
  /** How far back a retransmission is looked for. Default one hour. */
  dedupWindowMs?: number;
  /** Largest number of events in one transaction. */
  maxBatch?: number;
}

/**
 * Turns accepted DC-09 messages into stored events and alarm-centre alarms. `receive` resolves
 * only when the message is committed: the listener ACKs after that, never before.
 */
export class AlarmIntake {
  private readonly commits: GroupCommit<SignalRecord, CommitResult>;
  private readonly dedupWindowMs: number;

  constructor(
    private readonly accounts: AccountDirectory,
    writer: EventWriter,
    private readonly bus: Bus,
    options: IntakeOptions = {},
  ) {
    this.dedupWindowMs = options.dedupWindowMs ?? 3600_000;
    this.commits = new GroupCommit(
      (batch) => writer.commit(batch),
      options.maxBatch ?? 1000,
      writer.maxInFlight,
    );
  }

  /** Events submitted and not yet committed. */
  get waiting(): number {
    return this.commits.waiting;
  }

  /** Batching figures (batches, items, largest batch, failures). */
  get stats() {
    return { ...this.commits.stats, waiting: this.commits.waiting };
  }

  /** Stores the message's events; resolves once they are durable. */
  async receive(received: ReceivedMessage): Promise<IntakeResult> {
    const records = this.records(received);
    const results = await this.commits.submit(records);
    this.announce(received, results);
    return {
      duplicate: results.every((r) => r.duplicate),
      eventIds: results.map((r) => r.eventId),
    };
  }

  private records(received: ReceivedMessage): SignalRecord[] {
    const { message, receivedAt } = received;
    const { header, content } = message;
    const entry = this.accounts.get(message.account);
    const facts = {
      account: message.account,
      known: entry !== undefined,
      unitId: entry?.unitId ?? null,
      jurisdiction: entry?.jurisdiction ?? null,
    };
    const { events } = decodePayload(header.token, content.data);
    const messageKey = contentKey(message);
    const raw = escapeRaw(received.bytes);
    const xdata = content.xdata.length ? JSON.stringify(content.xdata.map(printable)) : null;
    // A message without a timestamp cannot tell a retransmission from the same event sent again
    // later with the same sequence number: it is compared over a short window only.
    const dedupSince = receivedAt - (content.timestamp === undefined ? UNSTAMPED_DEDUP_MS : this.dedupWindowMs);

    return limitEvents(events).map((decoded, eventIndex) => {
      const event = printableEvent(decoded);
      return {
        account: message.account,
        knownAccount: facts.known,
        unitId: facts.unitId,
        receiver: header.receiver ?? null,
        line: header.line === '' ? '0' : header.line,
        sequence: header.sequence,
        token: header.token,
        encrypted: header.encrypted,
        event,
        xdata,
        eventTime: content.timestamp ?? receivedAt,
        receivedAt,
        dedupSince,
        eventIndex,
        dedupKey: `${messageKey}#${eventIndex}`,
        transport: received.transport,
        remote: received.remote,
        quirks: message.quirks,
        raw,
        ...planAlarm(facts, event),
      };
    });
  }

  private announce(received: ReceivedMessage, results: CommitResult[]): void {
    this.bus.publish('account.seen', { account: received.message.account, at: received.receivedAt });
    const stored = results.filter((r) => !r.duplicate);
    if (stored.length === 0) return;
    this.bus.publish('event.stored', { ids: stored.map((r) => r.eventId) });
    for (const r of stored) {
      if (r.alarmId !== undefined) this.bus.publish('alarm.changed', { id: r.alarmId, created: !!r.alarmCreated });
    }
  }
}

/** Events one message may carry; a DC-03 block is a handful, a longer one is abuse. */
export const MAX_EVENTS_PER_MESSAGE = 32;

/** How far back a message without a timestamp is compared for retransmission. */
export const UNSTAMPED_DEDUP_MS = 5 * 60_000;

/** Keeps the first MAX_EVENTS_PER_MESSAGE events and says how many more there were, verbatim. */
function limitEvents(events: NormalisedEvent[]): NormalisedEvent[] {
  if (events.length <= MAX_EVENTS_PER_MESSAGE) return events;
  const dropped = events.length - MAX_EVENTS_PER_MESSAGE + 1;
  return [
    ...events.slice(0, MAX_EVENTS_PER_MESSAGE - 1),
    {
      codeSystem: events[0].codeSystem,
      code: '',
      description: `${dropped} further events in this message not processed (limit ${MAX_EVENTS_PER_MESSAGE})`,
      kind: 'unknown',
      category: 'unknown',
      known: false,
    },
  ];
}

const CONTROL = /[\x00-\x1f\x7f]/g;

/** Text as a panel sent it, control characters escaped (NUL cannot be stored in PostgreSQL). */
function printable(text: string): string {
  return text.replace(CONTROL, hexEscape);
}

const TEXT_FIELDS = ['code', 'description', 'zone', 'partition', 'user', 'text', 'panelTime', 'siaCode'] as const;
const HAS_CONTROL = /[\x00-\x1f\x7f]/;

/** The event with control characters escaped in its text fields; the same object when clean. */
function printableEvent(event: NormalisedEvent): NormalisedEvent {
  let clean: NormalisedEvent | undefined;
  for (const key of TEXT_FIELDS) {
    const value = event[key];
    if (typeof value !== 'string' || !HAS_CONTROL.test(value)) continue;
    clean ??= { ...event };
    clean[key] = printable(value) as never;
  }
  return clean ?? event;
}

/**
 * The identity of a message's content, as decrypted: a retransmission has the same header
 * fields, data, extended data and timestamp, even when its ciphertext differs (the random pad:
 * one Ajax event sent three times with three ciphertexts, home-assistant/core #73316).
 */
function contentKey(message: AcceptedMessage): string {
  const { header, content } = message;
  const text = [
    message.account, header.token, header.sequence, header.receiver ?? '', header.line,
    content.data, content.xdata.join(']['), content.timestampText ?? '',
  ].join('\u0001');
  return crypto.createHash('sha1').update(text).digest('base64url');
}
