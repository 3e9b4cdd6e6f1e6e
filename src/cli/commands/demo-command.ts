import { createLogger } from '../../log/logger.ts';
import { startVigil } from '../../server/vigil-server.ts';
import { DEMO_PASSWORD, seedDemoCity } from '../../simulators/demo-city.ts';
import { PanelFleet } from '../../simulators/panels/panel-fleet.ts';
import { numberOption, parse } from '../options.ts';
import { keepRunningOnRejections, untilSignal } from './serve-command.ts';

/**
 * `vigil demo`: the platform on the embedded database, the demo city seeded, and simulated
 * panels of the demo units reporting to it over DC-09.
 */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    db: { type: 'string', default: 'sqlite:./data/demo.db' },
    http: { type: 'string', default: '127.0.0.1:8080' },
    dc09: { type: 'string', default: '127.0.0.1:12128' },
    rate: { type: 'string', default: '0.5' },
  });
  // The demo prints its own summary; the log shows warnings and worse unless asked for more.
  const log = createLogger({ level: process.env.VIGIL_LOG_LEVEL ?? 'warn' });
  keepRunningOnRejections(log);
  const server = await startVigil({ db: values.db!, http: values.http!, dc09: values.dc09!, city: '320100', log });
  const { accounts, seeded } = await seedDemoCity(server.services);

  const fleet = new PanelFleet({
    target: server.addresses.dc09Tcp,
    accounts,
    rate: numberOption(values.rate, 'rate', 0.5),
    transport: 'tcp',
    linkTestS: 60,
    ackTimeoutMs: 5000,
    restoreAfterMs: 20_000,
  });
  fleet.start();

  const { host, port } = server.addresses.http;
  console.log(
    [
      '',
      `Vigil demo city (Nanjing, 320100)${seeded ? ', freshly seeded' : ''}`,
      `  console:  http://${host}:${port}/`,
      `  login:    operator / ${DEMO_PASSWORD}   (also admin, officer, xuanwu, viewer, museum)`,
      `  DC-09:    ${server.addresses.dc09Tcp.host}:${server.addresses.dc09Tcp.port} (TCP and UDP)`,
      `  panels:   ${accounts.length} simulated (accounts ${accounts[0]}-${accounts.at(-1)}), ${values.rate} events/s`,
      `  API docs: http://${host}:${port}/api/docs`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await untilSignal();
  await fleet.stop();
  await server.stop();
  return 0;
}
