import { auditCommand } from './commands/audit-command.ts';
import { complianceCommand } from './commands/compliance-command.ts';
import { demoCommand } from './commands/demo-command.ts';
import { importCommand } from './commands/import-command.ts';
import { serveCommand } from './commands/serve-command.ts';
import { simulateCommand } from './commands/simulate-command.ts';
import { accountCommand, userCommand } from './commands/user-command.ts';

const USAGE = `vigil: the city alarm and monitoring platform

Usage:
  vigil serve   [--db URL] [--http HOST:PORT] [--dc09 HOST:PORT] [--city CODE] [--close-delay MS]
                [--tile-url URL | --basemap FILE.geojson] [--trust-proxy ADDRESSES]
  vigil demo    [--db URL] [--http HOST:PORT] [--dc09 HOST:PORT] [--rate EVENTS_PER_S]
  vigil user add --username U --role ROLE [--password P] [--jurisdiction CODE] [--unit ID] [--db URL]
                 (without --password the password is read from stdin)
  vigil user disable --username U [--db URL]
  vigil account set ACCOUNT [--unit ID] [--key KEY] [--key-form ascii|hex] [--strict | --tolerant]
                            [--link-test S|off] [--window-past S] [--window-future S] [--db URL]
  vigil import units FILE.csv | import systems FILE.csv  [--db URL]
  vigil compliance report --format json|csv [--db URL]
  vigil audit verify [--db URL] [--head SEQ:HASH]
  vigil simulate panels --to HOST:PORT --accounts N --rate R [--udp] [--encrypt KEY [--key-form F]]
                        [--first-account N] [--link-test S] [--duration S] [--ack-log FILE]

Defaults: --db sqlite:./data/vigil.db  --http 127.0.0.1:8080  --dc09 127.0.0.1:12128
Roles: city-admin city-officer district-officer operator department-viewer unit-manager`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  demo: demoCommand,
  user: userCommand,
  account: accountCommand,
  import: importCommand,
  compliance: complianceCommand,
  audit: auditCommand,
  simulate: simulateCommand,
};

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`vigil: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    console.error(`vigil ${name}: ${(error as Error).message}`);
    return 1;
  }
}
