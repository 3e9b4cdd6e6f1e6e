/**
 * Group commit: everything submitted while the previous batch was being written (or during
 * the current turn of the event loop) goes into the next transaction together, so the cost of
 * each fsync or round trip is shared by every message in it.
 */
interface Pending<T, R> {
  items: T[];
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private queued = 0;
  private running = 0;
  private scheduled = false;

  /** Figures for the stats route and the benchmarks. */
  readonly stats = { batches: 0, items: 0, largestBatch: 0, failures: 0 };

  /**
   * `maxInFlight` > 1 lets the next batch go out while one is being written: only for a writer
   * that applies batches strictly one after the other (the SQLite writer thread does).
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 1000,
    private readonly maxInFlight = 1,
  ) {}

  /** Items waiting for the next transaction. */
  get waiting(): number {
    return this.queued;
  }

  /** Resolves with one result per item once the items are committed. */
  submit(items: T[]): Promise<R[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queued += items.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running >= this.maxInFlight || this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the current poll phase: every socket read in this turn joins.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    this.running++;
    const batch = this.take();
    const items = batch.flatMap((p) => p.items);
    try {
      const results = await this.write(items);
      this.record(items.length);
      let at = 0;
      for (const p of batch) {
        p.resolve(results.slice(at, at + p.items.length));
        at += p.items.length;
      }
    } catch (error) {
      this.stats.failures++;
      await this.isolate(batch, error);
    } finally {
      this.running--;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /**
   * A failed batch is written again one submission at a time, so that one bad message (say, a
   * value the database refuses) fails alone instead of costing every other panel its ACK.
   */
  private async isolate(batch: Pending<T, R>[], error: unknown): Promise<void> {
    if (batch.length === 1) return batch[0].reject(error);
    for (const p of batch) {
      try {
        p.resolve(await this.write(p.items));
        this.record(p.items.length);
      } catch (single) {
        p.reject(single);
      }
    }
  }

  private take(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    let size = 0;
    while (this.queue.length > 0 && (size === 0 || size + this.queue[0].items.length <= this.maxBatch)) {
      const next = this.queue.shift()!;
      size += next.items.length;
      batch.push(next);
    }
    this.queued -= size;
    return batch;
  }

  private record(size: number): void {
    this.stats.batches++;
    this.stats.items += size;
    if (size > this.stats.largestBatch) this.stats.largestBatch = size;
  }
}
