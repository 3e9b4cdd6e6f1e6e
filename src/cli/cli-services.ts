import type { Services } from '../services/services.ts';
import { silentLogger } from '../log/logger.ts';
import { registryExtension } from '../server/registry-extension.ts';
import { createCoreServices } from '../services/core-services.ts';
import { openStore } from '../store/store.ts';

/**
 * Opens the database for a one-shot command (migrating it, seeding the city on first use),
 * runs `work`, and closes it whatever happens.
 */
export async function withServices<T>(db: string, work: (services: Services) => Promise<T>, city = '320100'): Promise<T> {
  const store = await openStore(db);
  try {
    const services = await createCoreServices(store, silentLogger());
    await registryExtension(services, city);
    return await work(services);
  } finally {
    await store.close();
  }
}
