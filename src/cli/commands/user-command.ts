import { SYSTEM } from '../../services/access/principal.ts';
import { AccountDirectory } from '../../services/intake/account-directory.ts';
import { withServices } from '../cli-services.ts';
import { DEFAULT_DB, numberOption, parse } from '../options.ts';

/** `vigil user add`: creates a user (or, with --update, resets its password and role). */
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
  if (positionals[0] !== 'add' || !values.username || !values.password || !values.role) {
    throw new Error('usage: vigil user add --username U --password P --role ROLE [--jurisdiction CODE] [--unit ID]');
  }
  const user = await withServices(values.db!, (services) =>
    services.auth.addUser(
      SYSTEM,
      {
        username: values.username!,
        password: values.password!,
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
      'link-test': { type: 'string' },
    },
    true,
  );
  const [verb, account] = positionals;
  if (verb !== 'set' || !account) throw new Error('usage: vigil account set ACCOUNT [--unit ID] [--key KEY] ...');
  const keyForm = values['key-form'];
  if (keyForm && keyForm !== 'ascii' && keyForm !== 'hex') throw new Error('--key-form must be ascii or hex');
  await withServices(values.db!, async (services) => {
    const directory = await new AccountDirectory(services.store.driver, services.audit).load();
    await directory.upsert(SYSTEM, account, {
      unitId: values.unit,
      name: values.name,
      key: values.key,
      keyForm: keyForm as 'ascii' | 'hex' | undefined,
      strict: values.strict,
      linkTestIntervalS: values['link-test'] ? numberOption(values['link-test'], 'link-test', 0) : undefined,
    });
  });
  console.log(`account ${account} saved`);
  return 0;
}
