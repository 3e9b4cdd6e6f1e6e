/**
 * A migrated store with Nanjing's jurisdictions and organisations, the core services, the
 * registry services and one principal per role, for the registry, compliance and import suites.
 */
import type { Services } from '../../src/services/services.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Principal } from '../../src/services/access/principal.ts';
import type { Role } from '../../src/services/access/roles.ts';
import { createCoreServices } from '../../src/services/core-services.ts';
import {
  createRegistryServices,
  type RegistryServices,
} from '../../src/services/registry/create-registry-services.ts';
import { seedJurisdictions } from '../../src/services/registry/jurisdiction-seed.ts';
import { seedOrganisations } from '../../src/services/registry/organisation-seed.ts';
import { freshStore } from '../support/stores.ts';

/** A principal of a role, limited to a jurisdiction or a unit. */
export function principal(
  role: Role,
  username: string,
  limit: { jurisdiction?: string; unitId?: string } = {},
): Principal {
  const { jurisdiction = null, unitId = null } = limit;
  return { id: username, username, role, jurisdiction, unitId, displayName: username };
}

/** The principals the suites act as. */
export const USERS = {
  admin: principal('city-admin', 'admin'),
  cityOfficer: principal('city-officer', 'city-officer', { jurisdiction: '320100' }),
  xuanwu: principal('district-officer', 'xuanwu-officer', { jurisdiction: '320102' }),
  qinhuai: principal('district-officer', 'qinhuai-officer', { jurisdiction: '320104' }),
  viewer: principal('department-viewer', 'viewer'),
  operator: principal('operator', 'operator'),
};

/** A fresh database of that dialect with everything the registry suites need. */
export async function registryFixture(dialect: 'sqlite' | 'postgres') {
  const store = await freshStore(dialect);
  await seedJurisdictions(store.driver, '320100');
  await seedOrganisations(store.driver, '320100');
  const services: Services = await createCoreServices(store, silentLogger());
  const registryServices: RegistryServices = createRegistryServices(services);
  Object.assign(services, registryServices);
  return { store, services, ...registryServices, dispose: () => store.dispose() };
}

/** What registryFixture resolves to. */
export type RegistryFixture = Awaited<ReturnType<typeof registryFixture>>;
