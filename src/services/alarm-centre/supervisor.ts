import type { Logger } from 'pino';

import type { Bus } from '../../bus/bus.ts';
import type { SqlDriver } from '../../store/driver.ts';
import type { AccountDirectory } from '../intake/account-directory.ts';
import type { AlarmCentre } from './alarm-centre.ts';

export interface SupervisorOptions {
  /** How often silence is checked. */
  checkEveryMs?: number;
  /** Added to each account's link-test interval before it counts as lost (clock skew, retries). */
  graceS?: number;
}

/**
 * Link supervision (DC-09 5.5.2): an account with an expected link-test interval that stays
 * silent longer than the interval plus a grace raises a "communication lost" alarm; the next
 * message from it clears that alarm. Any message counts, not only NULL: the supervision timer
 * restarts on every message the receiver gets.
 */
export class Supervisor {
  private readonly lastSeen = new Map<string, number>();
  private readonly lost = new Set<string>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private readonly checkEveryMs: number;
  private readonly graceS: number;

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly alarms: AlarmCentre,
    private readonly bus: Bus,
    private readonly driver: SqlDriver,
    private readonly log: Logger,
    options: SupervisorOptions = {},
  ) {
    this.checkEveryMs = options.checkEveryMs ?? 5000;
    this.graceS = options.graceS ?? 30;
  }

  async start(): Promise<void> {
    const startedAt = Date.now();
    const rows = await this.driver.all<{ account: string; last_seen_at: number | null; comm_lost: number }>(
      `SELECT a.account, COALESCE(h.last_received_at, a.last_seen_at) AS last_seen_at, a.comm_lost
       FROM accounts a LEFT JOIN account_heads h ON h.account = a.account`,
    );
    // An account never heard from starts its clock now, not at the epoch.
    for (const row of rows) {
      this.lastSeen.set(row.account, Number(row.last_seen_at ?? startedAt));
      if (row.comm_lost) this.lost.add(row.account);
    }
    this.unsubscribe = this.bus.subscribe('account.seen', ({ account, at }) => this.seen(account, at));
    this.timer = setInterval(() => void this.check(), this.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  private seen(account: string, at: number): void {
    this.lastSeen.set(account, at);
    if (!this.lost.delete(account)) return;
    this.alarms.restoreCommunication(account).catch((error) =>
      this.log.error({ err: error, account }, 'could not clear communication-lost alarm'),
    );
  }

  /** Raises an alarm for every supervised account that has been silent too long. */
  async check(now = Date.now()): Promise<void> {
    for (const entry of this.accounts.all()) {
      const interval = entry.linkTestIntervalS;
      if (!interval || this.lost.has(entry.account)) continue;
      const last = this.lastSeen.get(entry.account) ?? now;
      if (!this.lastSeen.has(entry.account)) this.lastSeen.set(entry.account, now);
      const silentS = Math.round((now - last) / 1000);
      if (silentS <= interval + this.graceS) continue;
      this.lost.add(entry.account);
      this.log.warn({ account: entry.account, silentS, interval }, 'dc09 communication lost');
      await this.alarms
        .raiseCommunicationLost(entry.account, entry, silentS)
        .catch((error) => this.log.error({ err: error, account: entry.account }, 'could not raise communication-lost alarm'));
    }
  }
}
