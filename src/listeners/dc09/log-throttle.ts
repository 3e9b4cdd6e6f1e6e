import type { Logger } from 'pino';

/**
 * Lets through at most `perInterval` lines per interval and reports how many it held back, so a
 * device flooding bad frames cannot flood the log as well.
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
    this.emit('warn', fields, message, now);
  }

  error(fields: Record<string, unknown>, message: string, now = Date.now()): void {
    this.emit('error', fields, message, now);
  }

  info(fields: Record<string, unknown>, message: string, now = Date.now()): void {
    this.emit('info', fields, message, now);
  }

  private emit(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string, now: number): void {
    if (now - this.windowStart >= this.intervalMs) {
      if (this.held > 0) this.log.warn({ suppressed: this.held }, 'dc09 log lines suppressed');
      this.windowStart = now;
      this.used = 0;
      this.held = 0;
    }
    if (this.used < this.perInterval) {
      this.used++;
      this.log[level](fields, message);
    } else {
      this.held++;
    }
  }
}
