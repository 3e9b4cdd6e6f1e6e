import { Worker } from 'node:worker_threads';

import type { CommitResult, EventWriter, SignalRecord } from '../event-writer.ts';
import { unpackResults } from './event-writer-thread.ts';

interface Pending {
  resolve: (results: CommitResult[]) => void;
  reject: (error: Error) => void;
}

type Reply = { id: number; results?: Float64Array; error?: string } | { ready: true } | { stopped: true };

/**
 * The SQLite event writer on its own thread (see event-writer-thread.ts). Same contract as
 * every EventWriter: `commit` resolves once the batch is durable.
 */
export class ThreadedEventWriter implements EventWriter {
  /** Batches sent ahead: the thread writes what queued up during a commit in the next one. */
  readonly maxInFlight = 4;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly ready: Promise<void>;
  private next = 0;
  private failed?: Error;

  constructor(file: string) {
    this.worker = new Worker(new URL('./event-writer-worker.mjs', import.meta.url), { workerData: { file } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => code !== 0 && this.fail(new Error(`SQLite writer thread exited with ${code}`)));
  }

  async commit(batch: readonly SignalRecord[]): Promise<CommitResult[]> {
    await this.ready;
    if (this.failed) throw this.failed;
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, batch: JSON.stringify(batch) });
    });
  }

  /** Lets the thread finish what it has and close its connection. */
  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    const stopped = new Promise<void>((resolve) => {
      this.worker.on('message', (reply: Reply) => 'stopped' in reply && resolve());
      this.worker.once('exit', () => resolve());
    });
    this.worker.postMessage('stop');
    await stopped;
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    if (!('id' in reply)) return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.error !== undefined) pending.reject(new Error(reply.error));
    else pending.resolve(unpackResults(reply.results!));
  }

  private fail(error: Error): void {
    this.failed = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
