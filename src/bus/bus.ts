/**
 * The event bus between services and their listeners (WebSocket pushes, supervision, later
 * other nodes). In-process now; a NATS JetStream implementation of the same interface lets
 * several machines share it without anything above changing.
 */
export interface BusMessages {
  /** An alarm-centre alarm was opened or changed (signals, restore, state, holder). */
  'alarm.changed': { id: number; created: boolean };
  /** Received events were stored (duplicates excluded), one message per commit. */
  'event.stored': { ids: number[] };
  /** A DC-09 account was heard from (any accepted message, duplicates included). */
  'account.seen': { account: string; at: number };
  /** A session ended (sign-out): live connections opened with it must close. */
  'session.ended': { tokenHash: string; username: string };
  /** Registry or compliance data changed. */
  'registry.changed': { kind: string; id: string; jurisdiction?: string | null; unitId?: string | null };
}

export type Topic = keyof BusMessages;

export type Handler<T extends Topic> = (message: BusMessages[T]) => void;

export interface Bus {
  publish<T extends Topic>(topic: T, message: BusMessages[T]): void;
  /** Subscribes; returns the function that unsubscribes. */
  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void;
  close(): Promise<void>;
}
