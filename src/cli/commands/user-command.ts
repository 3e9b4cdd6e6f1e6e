import { SYSTEM } from '../../services/access/principal.ts';
import { AccountDirectory } from '../../services/intake/account-directory.ts';
import { withServices } from '../cli-services.ts';
import { DEFAULT_DB, numberOption, parse } from '../options.ts';

/**
 * `vigil user add`: creates a user (or, with --update, resets its password and role, ending its
 * sessions); `vigil user disable --username U` disables one.
 */
export async function userCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      db: { type: 'string', default: DEFAULT_DB },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      jurisdiction: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      update: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals[0] === 'disable' && values.username) {
    await withServices(values.db!, (services) => services.auth.disableUser(SYSTEM, values.username!));
    console.log(`user ${values.username} disabled; its sessions are ended`);
    return 0;
  }
  if (positionals[0] !== 'add' || !values.username || !values.role) {
    throw new Error('usage: vigil user add --username U --role ROLE [--password P | password on stdin] [--jurisdiction CODE] [--unit ID]');
  }
  // Without --password the password is read from stdin, so it stays out of the shell history.
  const password = values.password ?? (await readPassword());
  const user = await withServices(values.db!, (services) =>
    services.auth.addUser(
      SYSTEM,
      {
        username: values.username!,
        password,
        role: values.role!,
        jurisdiction: values.jurisdiction ?? null,
        unitId: values.unit ?? null,
        displayName: values.name,
      },
      values.update,
    ),
  );
  console.log(`user ${user.username} (${user.role}${user.jurisdiction ? `, ${user.jurisdiction}` : ''}) saved`);
  return 0;
}

/** `vigil account set`: registers a DC-09 account, its unit, key and supervision. */
export async function accountCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      db: { type: 'string', default: DEFAULT_DB },
      unit: { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string' },
      'key-form': { type: 'string' },
      strict: { type: 'boolean' },
      tolerant: { type: 'boolean' },
      'link-test': { type: 'string' },
      'window-past': { type: 'string' },
      'window-future': { type: 'string' },
    },
    true,
  );
  const [verb, account] = positionals;
  if (verb !== 'set' || !account) throw new Error('usage: vigil account set ACCOUNT [--unit ID] [--key KEY] ...');
  const keyForm = values['key-form'];
  if (keyForm && keyForm !== 'ascii' && keyForm !== 'hex') throw new Error('--key-form must be ascii or hex');
  if (values.strict && values.tolerant) throw new Error('--strict and --tolerant exclude each other');
  await withServices(values.db!, async (services) => {
    const directory = await new AccountDirectory(services.store.driver, services.audit).load();
    await directory.upsert(SYSTEM, account, {
      unitId: values.unit,
      name: values.name,
      key: values.key,
      keyForm: keyForm as 'ascii' | 'hex' | undefined,
      strict: values.strict ? true : values.tolerant ? false : undefined,
      linkTestIntervalS: linkTest(values['link-test']),
      windowPastS: values['window-past'] === undefined ? undefined : numberOption(values['window-past'], 'window-past', 40),
      windowFutureS: values['window-future'] === undefined ? undefined : numberOption(values['window-future'], 'window-future', 20),
    });
  });
  console.log(`account ${account} saved (a running server picks it up within 2 s)`);
  return 0;
}

/** `--link-test S` sets the supervision interval in seconds; `off` removes it. */
function linkTest(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'off') return null;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error('--link-test must be whole seconds (at least 1) or off');
  return seconds;
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0].replace(/\r$/, '');
}
