/**
 * Failed-login throttling, per username and per client address: after `maxFailures` within
 * `windowMs`, further attempts are refused until the window has passed. In memory: one
 * process answers logins; a restart forgets, which costs an attacker nothing they lacked.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxPerAddress = 20,
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

  succeed(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
