import type { Logger } from 'pino';

import { escapeRaw } from '../../store/event-writer.ts';
import type { SqlDriver } from '../../store/driver.ts';

interface Reject {
  receivedAt: number;
  transport: string;
  remote: string | null;
  account: string | null;
  reason: string;
  raw: string;
}

/**
 * Frames the receiver did not accept, with the reason, kept for the operators' diagnostics.
 * Written in the background once a second, at most `perFlush` rows each time: a flood of
 * garbage must not turn into a flood of writes (the rest is only counted).
 */
export class RejectLog {
  private buffer: Reject[] = [];
  private timer?: NodeJS.Timeout;
  suppressed = 0;

  constructor(
    private readonly driver: SqlDriver,
    private readonly log: Logger,
    private readonly perFlush = 200,
    private readonly keep = 10_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), 1000);
    this.timer.unref();
  }

  add(entry: Omit<Reject, 'raw'> & { bytes: Uint8Array }): void {
    if (this.buffer.length >= this.perFlush) {
      this.suppressed++;
      return;
    }
    const { bytes, ...rest } = entry;
    this.buffer.push({ ...rest, raw: escapeRaw(bytes.subarray(0, 512)) });
  }

  async flush(): Promise<void> {
    const rows = this.buffer;
    if (rows.length === 0) return;
    this.buffer = [];
    try {
      await this.driver.transaction(async (tx) => {
        for (const r of rows) {
          await tx.run(
            'INSERT INTO receiver_rejects (received_at, transport, remote, account, reason, raw) VALUES (?, ?, ?, ?, ?, ?)',
            [r.receivedAt, r.transport, r.remote, r.account, r.reason, r.raw],
          );
        }
        await tx.run('DELETE FROM receiver_rejects WHERE id <= (SELECT MAX(id) FROM receiver_rejects) - ?', [
          this.keep,
        ]);
      });
    } catch (error) {
      this.log.error({ err: error, rows: rows.length }, 'could not record rejected frames');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
