import fs from 'node:fs';

import { silentLogger } from '../log/logger.ts';
import { registryExtension } from '../server/registry-extension.ts';
import { createCoreServices } from '../services/core-services.ts';
import type { Services } from '../services/services.ts';
import { openStore, parseDatabaseUrl } from '../store/store.ts';

/**
 * Opens the database for a one-shot command (migrating it, seeding the city on first use),
 * runs `work`, and closes it whatever happens.
 */
export async function withServices<T>(
  db: string,
  work: (services: Services) => Promise<T>,
  options: { mustExist?: boolean; city?: string } = {},
): Promise<T> {
  if (options.mustExist) requireDatabase(db);
  const store = await openStore(db);
  try {
    const services = await createCoreServices(store, silentLogger());
    await registryExtension(services, options.city ?? '320100');
    return await work(services);
  } finally {
    await store.close();
  }
}

/** Commands that only read (verify, report) must not create an empty database by mistake. */
function requireDatabase(db: string): void {
  const { dialect, target } = parseDatabaseUrl(db);
  if (dialect === 'sqlite' && target !== ':memory:' && !fs.existsSync(target)) {
    throw new Error(`no database at ${target}`);
  }
}
