/**
 * Failed-login throttling. Three counters, each over `windowMs`:
 * - a username from one address (5): stops guessing at one account from one workstation;
 * - a username from anywhere (50): slows guessing spread over many addresses, while an attacker
 *   at one address cannot lock an operator out of the other workstations;
 * - an address (100): stops trying many usernames from one place.
 * An attempt counts as a failure from the moment it starts (the password check takes tens of
 * milliseconds, and a burst of parallel guesses must not all be checked) and is withdrawn if it
 * succeeds. In memory: one process answers logins; a restart forgets, which costs an attacker
 * nothing they lacked.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly windowMs = 15 * 60_000,
    private readonly limits = { userAtAddress: 5, user: 50, address: 100 },
  ) {}

  /** Milliseconds until another attempt is allowed, or 0. */
  retryAfter(username: string, address: string, now = Date.now()): number {
    return Math.max(
      0,
      ...this.keys(username, address).map(([key, limit]) => {
        const list = this.recent(key, now);
        return list.length >= limit ? list[0] + this.windowMs - now : 0;
      }),
    );
  }

  /** Counts an attempt (as failed until `succeed` withdraws it). */
  fail(username: string, address: string, now = Date.now()): void {
    for (const [key] of this.keys(username, address)) this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** Withdraws the attempt counted by `fail` and forgets the user's failures from this address. */
  succeed(username: string, address: string): void {
    const [[pair], [user], [place]] = this.keys(username, address);
    this.failures.delete(pair);
    for (const key of [user, place]) {
      const list = this.failures.get(key);
      list?.pop();
      if (list && list.length === 0) this.failures.delete(key);
    }
  }

  private keys(username: string, address: string): [string, number][] {
    const user = username.toLowerCase();
    return [
      [`ua:${user}|${address}`, this.limits.userAtAddress],
      [`u:${user}`, this.limits.user],
      [`a:${address}`, this.limits.address],
    ];
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
