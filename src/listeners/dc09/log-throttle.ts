import type { Logger } from 'pino';

/**
 * Lets through at most `perInterval` warnings per interval and reports how many it held back,
 * so a device flooding bad frames cannot flood the log as well.
 */
export class LogThrottle {
  private used = 0;
  private held = 0;
  private windowStart = 0;

  constructor(
    private readonly log: Logger,
    private readonly perInterval = 20,
    private readonly intervalMs = 10_000,
  ) {}

  warn(fields: Record<string, unknown>, message: string, now = Date.now()): void {
    if (now - this.windowStart >= this.intervalMs) {
      if (this.held > 0) this.log.warn({ suppressed: this.held }, 'dc09 warnings suppressed');
      this.windowStart = now;
      this.used = 0;
      this.held = 0;
    }
    if (this.used < this.perInterval) {
      this.used++;
      this.log.warn(fields, message);
    } else {
      this.held++;
    }
  }
}
