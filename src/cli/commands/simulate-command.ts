import { guessKeyForm, keyBytes } from '../../protocols/sia-dc09/encryption.ts';
import { parseHostPort } from '../../server/host-port.ts';
import { PanelFleet } from '../../simulators/panels/panel-fleet.ts';
import { numberOption, parse } from '../options.ts';

/** `vigil simulate panels`: alarm panels speaking DC-09 to a receiver. */
export async function simulateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      to: { type: 'string', default: '127.0.0.1:12128' },
      accounts: { type: 'string', default: '10' },
      rate: { type: 'string', default: '1' },
      udp: { type: 'boolean', default: false },
      encrypt: { type: 'string' },
      'first-account': { type: 'string', default: '1000' },
      'link-test': { type: 'string', default: '60' },
      'ack-timeout': { type: 'string', default: '5000' },
      'restore-after': { type: 'string', default: '20000' },
      duration: { type: 'string' },
      'ack-log': { type: 'string' },
      'key-form': { type: 'string' },
    },
    true,
  );
  if (positionals[0] !== 'panels') throw new Error('usage: vigil simulate panels --to HOST:PORT --accounts N --rate R');
  const count = numberOption(values.accounts, 'accounts', 10);
  const first = numberOption(values['first-account'], 'first-account', 1000);
  const fleet = new PanelFleet({
    target: parseHostPort(values.to!),
    accounts: Array.from({ length: count }, (_, i) => String(first + i)),
    rate: numberOption(values.rate, 'rate', 1),
    transport: values.udp ? 'udp' : 'tcp',
    key: values.encrypt ? simulatorKey(values.encrypt, values['key-form']) : undefined,
    linkTestS: numberOption(values['link-test'], 'link-test', 60),
    ackTimeoutMs: numberOption(values['ack-timeout'], 'ack-timeout', 5000),
    restoreAfterMs: numberOption(values['restore-after'], 'restore-after', 20000),
    ackLog: values['ack-log'],
  });
  fleet.start();
  console.log(`simulating ${count} panels (accounts ${first}-${first + count - 1}) to ${values.to} at ${values.rate}/s`);

  const report = setInterval(() => console.log(JSON.stringify({ at: new Date().toISOString(), ...fleet.totals() })), 5000);
  const duration = values.duration ? numberOption(values.duration, 'duration', 0) * 1000 : undefined;
  await new Promise<void>((resolve) => {
    if (duration) setTimeout(resolve, duration);
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(report);
  await fleet.stop();
  const totals = fleet.totals();
  console.log(JSON.stringify({ final: true, ...totals }));
  // Messages went out and none was acknowledged: the receiver refused them all (wrong key?).
  return totals.sent > 0 && totals.acked === 0 ? 1 : 0;
}

function simulatorKey(key: string, form: string | undefined) {
  if (form !== undefined && form !== 'ascii' && form !== 'hex') throw new Error('--key-form must be ascii or hex');
  const resolved = (form as 'ascii' | 'hex' | undefined) ?? guessKeyForm(key);
  if (!resolved) throw new Error('--encrypt: give --key-form ascii or hex for this key');
  return keyBytes(key, resolved);
}
