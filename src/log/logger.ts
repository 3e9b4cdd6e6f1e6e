import { pino, type Logger, type LoggerOptions } from 'pino';

/** Options for the root logger; level comes from VIGIL_LOG_LEVEL unless given. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    level: process.env.VIGIL_LOG_LEVEL ?? 'info',
    base: { app: 'vigil' },
    redact: { paths: ['password', '*.password', 'key', '*.key', 'token', '*.token'], remove: true },
    ...options,
  });
}

/** A logger that drops everything: for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export type { Logger };
