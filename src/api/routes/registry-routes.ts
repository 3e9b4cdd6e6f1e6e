import type { FastifyInstance } from 'fastify';

import type { Principal } from '../../services/access/principal.ts';

import type { DesignationInput } from '../../services/registry/designation-registry.ts';
import { registryServicesOf } from '../../services/registry/create-registry-services.ts';
import type { PlaceInput } from '../../services/registry/place-registry.ts';
import type { ProductInput } from '../../services/registry/product-registry.ts';
import type { SystemInput } from '../../services/registry/system-registry.ts';
import type { UnitInput, UnitQuery } from '../../services/registry/unit-registry.ts';
import type { VehicleInput } from '../../services/registry/vehicle-registry.ts';
import type { Services } from '../../services/services.ts';
import * as schemas from './registry-schemas.ts';

type Id = { Params: { id: string } };
type Paged = { limit?: number; offset?: number };

const tags = ['registry'];

/**
 * The registry API (docs/api.md, Registry): jurisdictions, organisations, units and their
 * places and systems, products, vehicles and designations.
 */
export function registryRoutes(app: FastifyInstance, services: Services): void {
  const { registry, compliance } = registryServicesOf(services);

  app.get<{ Querystring: UnitQuery }>('/api/v1/units', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Units in scope', querystring: schemas.unitQuery },
  }, async (request) => registry.units.list(request.user, request.query));

  app.post<{ Body: UnitInput }>('/api/v1/units', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Register a unit', body: schemas.unitCreate },
  }, async (request, reply) => {
    return reply.code(201).send(await registry.units.create(request.user, request.body));
  });

  app.get<Id>('/api/v1/units/:id', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'A unit with places, systems, accounts and obligations',
      params: schemas.idParams },
  }, async (request) => {
    const detail = await registry.unitDetail(request.user, request.params.id);
    const judged = await compliance.unit(request.user, request.params.id);
    return { ...detail, obligations: judged.obligations, complianceStatus: judged.status,
      pendingDesignations: judged.pendingDesignations, ruleVersion: judged.ruleVersion };
  });

  app.patch<Id & { Body: UnitInput }>('/api/v1/units/:id', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Change a unit', params: schemas.idParams, body: schemas.unitPatch },
  }, async (request) => registry.units.update(request.user, request.params.id, request.body));

  referenceRoutes(app, services);
  unitChildRoutes(app, services);
  catalogueRoutes(app, services);
}

/** The jurisdiction tree and the Art. 5 organisations. */
function referenceRoutes(app: FastifyInstance, services: Services): void {
  const { registry } = registryServicesOf(services);

  app.get('/api/v1/jurisdictions', {
    config: { permission: 'jurisdictions:read' },
    schema: { tags, summary: 'The GB/T 2260 tree: city, districts, counties, streets, stations' },
  }, async (request) => {
    const nodes = await visibleJurisdictions(services, request.user);
    return { items: nodes.map(({ code, name, parent, level }) => ({ code, name, parent, level })) };
  });

  app.get('/api/v1/organisations', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Art. 5 public-security organs, institution and departments' },
  }, async (request) => ({ items: await registry.organisations(request.user) }));
}

/** Places and systems of a unit, and changes to one system. */
function unitChildRoutes(app: FastifyInstance, services: Services): void {
  const { registry } = registryServicesOf(services);

  app.get<Id>('/api/v1/units/:id/places', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Places and parts of a unit', params: schemas.idParams },
  }, async (request) => ({ items: await registry.places.list(request.user, request.params.id) }));

  app.post<Id & { Body: PlaceInput }>('/api/v1/units/:id/places', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Add a place or part', params: schemas.idParams,
      body: schemas.placeCreate },
  }, async (request, reply) => {
    const place = await registry.places.add(request.user, request.params.id, request.body);
    return reply.code(201).send(place);
  });

  app.get<Id>('/api/v1/units/:id/systems', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Systems of a unit', params: schemas.idParams },
  }, async (request) => ({ items: await registry.systems.list(request.user, request.params.id) }));

  app.post<Id & { Body: SystemInput }>('/api/v1/units/:id/systems', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Add a system (accepted / in-service need registry:accept)',
      params: schemas.idParams, body: schemas.systemCreate },
  }, async (request, reply) => {
    const system = await registry.systems.add(request.user, request.params.id, request.body);
    return reply.code(201).send(system);
  });

  app.patch<Id & { Body: SystemInput }>('/api/v1/systems/:id', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Change a system (accepted / in-service need registry:accept)',
      params: schemas.idParams, body: schemas.systemPatch },
  }, async (request) => registry.systems.update(request.user, request.params.id, request.body));
}

/** Products, vehicles and designations. */
function catalogueRoutes(app: FastifyInstance, services: Services): void {
  const { registry } = registryServicesOf(services);

  app.get<{ Querystring: { category?: string } & Paged }>('/api/v1/products', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Certified security products (Art. 3)',
      querystring: schemas.productQuery },
  }, async (request) => registry.products.list(request.user, request.query));

  // The catalogue is national and kept by the police, not by the units that buy from it.
  app.post<{ Body: ProductInput }>('/api/v1/products', {
    config: { permission: 'registry:accept' },
    schema: { tags, summary: 'Add a certified product', body: schemas.productCreate },
  }, async (request, reply) => {
    return reply.code(201).send(await registry.products.add(request.user, request.body));
  });

  app.get<{ Querystring: { kind?: string } & Paged }>('/api/v1/vehicles', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Vehicles (Art. 8 para. 2)', querystring: schemas.vehicleQuery },
  }, async (request) => registry.vehicles.list(request.user, request.query));

  app.post<{ Body: VehicleInput }>('/api/v1/vehicles', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Register a vehicle', body: schemas.vehicleCreate },
  }, async (request, reply) => {
    return reply.code(201).send(await registry.vehicles.add(request.user, request.body));
  });

  app.patch<Id & { Body: VehicleInput }>('/api/v1/vehicles/:id', {
    config: { permission: 'registry:write' },
    schema: { tags, summary: 'Change a vehicle (its tracking system, owner, jurisdiction)',
      params: schemas.idParams, body: schemas.vehiclePatch },
  }, async (request) => registry.vehicles.update(request.user, request.params.id, request.body));

  designationRoutes(app, services);
}

/** Designations of Art. 7 last paragraph and their approval. */
function designationRoutes(app: FastifyInstance, services: Services): void {
  const { registry } = registryServicesOf(services);

  app.get<{ Querystring: { unitId?: string } }>('/api/v1/designations', {
    config: { permission: 'registry:read' },
    schema: { tags, summary: 'Designations (Art. 7 last paragraph)',
      querystring: schemas.designationQuery },
  }, async (request) => ({ items: await registry.designations.list(request.user, request.query) }));

  app.post<{ Body: DesignationInput }>('/api/v1/designations', {
    config: { permission: 'designation:create' },
    schema: { tags, summary: 'Designate a unit', body: schemas.designationCreate },
  }, async (request, reply) => {
    const designation = await registry.designations.designate(request.user, request.body);
    return reply.code(201).send(designation);
  });

  app.post<Id & { Body: { document: string; date: string } }>('/api/v1/designations/:id/approve', {
    config: { permission: 'designation:approve' },
    schema: { tags, summary: 'Record the municipal government approval', params: schemas.idParams,
      body: schemas.designationApprove },
  }, async (request) => {
    return registry.designations.approve(request.user, request.params.id, request.body);
  });
}

/**
 * The part of the tree a user works in: everything for city-wide users, the own subtree for a
 * limited one, the unit's own jurisdiction for a unit manager.
 */
async function visibleJurisdictions(services: Services, user: Principal) {
  const { tree } = services;
  if (user.role === 'unit-manager') {
    const unit = await services.store.driver.get<{ jurisdiction: string }>('SELECT jurisdiction FROM units WHERE id = ?', [
      user.unitId ?? '',
    ]);
    const node = unit ? tree.get(unit.jurisdiction) : undefined;
    return node ? [node] : [];
  }
  if (!user.jurisdiction || services.access.isCityWide(user)) return tree.list();
  return tree.list().filter((node) => tree.contains(user.jurisdiction!, node.code));
}
