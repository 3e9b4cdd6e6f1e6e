import type { Services } from '../services/services.ts';
import type { RouteModule } from '../api/http-server.ts';
import { complianceRoutes } from '../api/routes/compliance-routes.ts';
import { registryRoutes } from '../api/routes/registry-routes.ts';
import { createRegistryServices } from '../services/registry/create-registry-services.ts';
import { seedJurisdictions } from '../services/registry/jurisdiction-seed.ts';
import { seedOrganisations } from '../services/registry/organisation-seed.ts';

/**
 * Wires the registry, rules and compliance services and their routes. On first start (an empty
 * jurisdiction tree) it loads the real GB/T 2260 divisions of `city` and the Art. 5
 * organisations, so a fresh database is usable at once.
 */
export async function registryExtension(services: Services, city: string): Promise<{ routes: RouteModule[] }> {
  if (services.tree.size === 0) {
    await seedJurisdictions(services.store.driver, city, { tree: services.tree });
    await seedOrganisations(services.store.driver, city);
  }
  Object.assign(services, createRegistryServices(services));
  return { routes: [registryRoutes, complianceRoutes] };
}
