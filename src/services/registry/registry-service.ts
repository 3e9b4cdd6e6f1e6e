import type { Services } from '../services.ts';
import type { Principal } from '../access/principal.ts';
import { isoTime } from './field-checks.ts';
import { listOrganisations, type Organisation } from './organisation-seed.ts';
import { DesignationRegistry } from './designation-registry.ts';
import { PlaceRegistry, type PlaceView } from './place-registry.ts';
import { ProductRegistry } from './product-registry.ts';
import { RegistryContext } from './registry-context.ts';
import { SystemRegistry, type SystemView } from './system-registry.ts';
import { UnitRegistry, type UnitView } from './unit-registry.ts';
import { VehicleRegistry } from './vehicle-registry.ts';

/** A DC-09 account linked to a unit, as the unit page lists it. */
export interface UnitAccount {
  account: string;
  name: string;
  commLost: boolean;
  lastSeenAt: string | null;
}

interface AccountRow {
  account: string;
  name: string;
  comm_lost: number;
  last_seen_at: number | null;
}

/** A unit with everything registered under it. */
export interface UnitDetail extends UnitView {
  places: PlaceView[];
  systems: SystemView[];
  accounts: UnitAccount[];
}

/**
 * The registry of units, places, products, systems, vehicles and designations. Every method
 * takes the acting user first, checks permission and scope, writes in one transaction with
 * its audit entry, and announces the change on the bus as `registry.changed`.
 *
 * @example
 * const registry = new RegistryService(services);
 * const unit = await registry.units.create(user, {
 *   name: '玄武区档案馆', category: '3', jurisdiction: '320102',
 * });
 */
export class RegistryService {
  readonly context: RegistryContext;
  readonly units: UnitRegistry;
  readonly places: PlaceRegistry;
  readonly products: ProductRegistry;
  readonly systems: SystemRegistry;
  readonly vehicles: VehicleRegistry;
  readonly designations: DesignationRegistry;

  constructor(readonly services: Services) {
    this.context = new RegistryContext(services);
    this.units = new UnitRegistry(this.context);
    this.places = new PlaceRegistry(this.context);
    this.products = new ProductRegistry(this.context);
    this.systems = new SystemRegistry(this.context);
    this.vehicles = new VehicleRegistry(this.context);
    this.designations = new DesignationRegistry(this.context);
  }

  /** A unit with its places, systems and DC-09 accounts. */
  async unitDetail(user: Principal, id: string): Promise<UnitDetail> {
    const unit = await this.units.get(user, id);
    const driver = this.context.driver;
    const accounts = await driver.all<AccountRow>(
      `SELECT a.account, a.name, a.comm_lost, COALESCE(h.last_received_at, a.last_seen_at) AS last_seen_at
       FROM accounts a LEFT JOIN account_heads h ON h.account = a.account WHERE a.unit_id = ?
       ORDER BY a.account`,
      [id],
    );
    return {
      ...unit,
      places: await this.places.readAll(driver, id),
      systems: await this.systems.readAll(driver, id),
      accounts: accounts.map((row) => ({ account: row.account, name: row.name,
        commLost: Number(row.comm_lost) === 1, lastSeenAt: isoTime(row.last_seen_at) })),
    };
  }

  /** The Art. 5 organisations: public-security organs, the institution, departments. */
  async organisations(user: Principal): Promise<Organisation[]> {
    this.context.require(user, 'registry:read');
    return listOrganisations(this.context.driver);
  }
}
