/**
 * The dedup keys of recently stored events, in memory, for the SQLite writer: a retransmission
 * is found here without touching the database, and the events table needs no index on its
 * random-valued dedup key (each such index costs one more page written per event, and page
 * writes are what a commit pays for on SQLite).
 *
 * The set knows which period it covers completely (`coveredSince`): everything stored since
 * then by this process is in it. For an older window the writer asks the database.
 */
export class RecentKeys {
  private readonly ids = new Map<string, number>();
  private readonly order: string[] = [];
  private readonly times: number[] = [];
  private head = 0;
  /** All events stored at or after this time are in the set. */
  coveredSince: number;

  constructor(
    private readonly maxEntries: number,
    coveredSince: number,
  ) {
    this.coveredSince = coveredSince;
  }

  get size(): number {
    return this.ids.size;
  }

  /** The event id stored under `key`, if it is in the set. */
  get(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** True when the set alone can answer for a window starting at `since`. */
  covers(since: number): boolean {
    return since >= this.coveredSince;
  }

  add(key: string, eventId: number, at: number): void {
    this.ids.set(key, eventId);
    this.order.push(key);
    this.times.push(at);
    if (this.ids.size > this.maxEntries) {
      this.evictOne();
      this.compact();
    }
  }

  /** Forgets keys stored before `before` (they are outside every window now). */
  expire(before: number): void {
    while (this.head < this.order.length && this.times[this.head] < before) this.evictOne(false);
    this.compact();
  }

  private evictOne(narrowsCoverage = true): void {
    const key = this.order[this.head];
    const at = this.times[this.head];
    this.head++;
    if (this.ids.get(key) !== undefined) this.ids.delete(key);
    if (narrowsCoverage && at + 1 > this.coveredSince) this.coveredSince = at + 1;
  }

  private compact(): void {
    if (this.head < 4096 || this.head < this.order.length / 2) return;
    this.order.splice(0, this.head);
    this.times.splice(0, this.head);
    this.head = 0;
  }
}
