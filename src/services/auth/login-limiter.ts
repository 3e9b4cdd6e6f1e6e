/**
 * Failed-login throttling, per username and per client address: after `maxFailures` within
 * `windowMs`, further attempts are refused until the window has passed. An attempt counts as a
 * failure from the moment it starts (the password check takes tens of milliseconds, and a burst
 * of parallel guesses must not all get through) and is withdrawn if it succeeds. In memory: one
 * process answers logins; a restart forgets, which costs an attacker nothing they lacked.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxPerAddress = 100,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0. */
  retryAfter(username: string, address: string, now = Date.now()): number {
    const byUser = this.recent(`u:${username.toLowerCase()}`, now);
    const byAddress = this.recent(`a:${address}`, now);
    const waitUser = byUser.length >= this.maxFailures ? byUser[0] + this.windowMs - now : 0;
    const waitAddress =
      byAddress.length >= this.maxPerAddress ? byAddress[0] + this.windowMs - now : 0;
    return Math.max(0, waitUser, waitAddress);
  }

  fail(username: string, address: string, now = Date.now()): void {
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  /** Withdraws the attempt counted by `fail` for this address and clears the user's failures. */
  succeed(username: string, address: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
    const list = this.failures.get(`a:${address}`);
    list?.pop();
    if (list && list.length === 0) this.failures.delete(`a:${address}`);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
