import { createLogger, type Logger } from '../../log/logger.ts';
import { parseHostPort } from '../../server/host-port.ts';
import { startVigil } from '../../server/vigil-server.ts';
import { DEFAULT_DB, DEFAULT_DC09, DEFAULT_HTTP, numberOption, parse } from '../options.ts';

/** `vigil serve`: the platform, until SIGINT or SIGTERM. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    db: { type: 'string', default: DEFAULT_DB },
    http: { type: 'string', default: DEFAULT_HTTP },
    dc09: { type: 'string', default: DEFAULT_DC09 },
    city: { type: 'string', default: '320100' },
    'close-delay': { type: 'string' },
    'tile-url': { type: 'string' },
    basemap: { type: 'string' },
    'trust-proxy': { type: 'string' },
  });
  const log = createLogger();
  keepRunningOnRejections(log);
  const server = await startVigil({
    log,
    db: values.db!,
    // Parsed here so a typo fails before anything starts.
    http: parseHostPort(values.http!),
    dc09: parseHostPort(values.dc09!),
    trustProxy: values['trust-proxy'],
    city: values.city,
    closeDelayMs: values['close-delay'] ? numberOption(values['close-delay'], 'close-delay', 0) : undefined,
    basemap: { tileUrl: values['tile-url'], file: values.basemap },
  });
  await untilSignal();
  await server.stop();
  return 0;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * A promise that fails with nobody listening is a bug, not a reason to stop receiving alarms:
 * log it with its stack and keep serving. (Thrown exceptions still end the process: after one,
 * its state cannot be trusted.)
 */
export function keepRunningOnRejections(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (bug): kept running'));
}
