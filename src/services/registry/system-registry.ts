import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { notFound, VigilError } from '../errors.ts';
import {
  fieldError,
  flag,
  isoTime,
  oneOf,
  optionalText,
  positiveInteger,
  recordId,
} from './field-checks.ts';
import type { RegistryContext, UnitScope } from './registry-context.ts';
import {
  POLICE_STATES,
  SYSTEM_KINDS,
  SYSTEM_STATES,
  type SystemKind,
  type SystemState,
} from './registry-terms.ts';

/** How many of one product a system contains. */
export interface SystemProduct {
  productId: string;
  quantity: number;
}

/** A technical prevention system of a unit (Art. 3 para. 3) as the API shows it. */
export interface SystemView {
  id: string;
  unitId: string;
  kind: SystemKind;
  state: SystemState;
  /** Video only: connected to the city alarm and monitoring platform (Art. 9 para. 2). */
  networked: boolean;
  placeId: string | null;
  notes: string;
  products: SystemProduct[];
  updatedAt: string | null;
}

/** Fields of a new system; a change gives any of state, networked, placeId, notes, products. */
export interface SystemInput {
  id?: string;
  kind?: string;
  state?: string;
  networked?: boolean | string | number;
  placeId?: string | null;
  notes?: string;
  products?: unknown;
}

interface SystemRow {
  id: string;
  unit_id: string;
  kind: string;
  state: string;
  networked: number;
  place_id: string | null;
  notes: string;
  updated_at: number;
}

/**
 * Recording a system as accepted or in service is the police's act of acceptance; a unit may
 * only report it planned, built or out of service.
 */
export function checkStateRight(
  context: RegistryContext,
  user: Principal,
  state: SystemState,
): void {
  if (POLICE_STATES.has(state)) context.require(user, 'registry:accept');
}

/**
 * Recording a video system as networked to the platform is the police's confirmation that the
 * connection works (Art. 9 para. 2), like acceptance; a unit may not claim it for itself.
 */
export function checkNetworkRight(context: RegistryContext, user: Principal): void {
  context.require(user, 'registry:accept');
}

/** Checks `networked`: only a video system is networked to the platform (Art. 9 para. 2). */
export function checkNetworked(kind: string, value: unknown): boolean {
  const networked = flag(value, 'networked');
  if (networked && kind !== 'video') {
    fieldError('networked', 'only a video system is networked (Art. 9)');
  }
  return networked;
}

function checkProducts(value: unknown): SystemProduct[] {
  if (!Array.isArray(value)) fieldError('products', 'a list of {productId, quantity}');
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    const field = `products[${index}]`;
    const productId = recordId(entry.productId, `${field}.productId`);
    if (seen.has(productId)) fieldError(`${field}.productId`, `${productId} listed twice`);
    seen.add(productId);
    return { productId, quantity: positiveInteger(entry.quantity ?? 1, `${field}.quantity`) };
  });
}

/** The systems of units and the products they contain. */
export class SystemRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** The systems of one unit. */
  async list(user: Principal, unitId: string): Promise<SystemView[]> {
    this.context.require(user, 'registry:read');
    await this.context.unitInScope(user, unitId);
    return this.readAll(this.context.driver, unitId);
  }

  /** Reads a unit's systems with their products, without checks. */
  async readAll(tx: SqlDriver, unitId: string): Promise<SystemView[]> {
    const sql = 'SELECT * FROM systems WHERE unit_id = ? ORDER BY id';
    const rows = await tx.all<SystemRow>(sql, [unitId]);
    const products = await tx.all<{ system_id: string; product_id: string; quantity: number }>(
      `SELECT sp.* FROM system_products sp JOIN systems s ON s.id = sp.system_id
       WHERE s.unit_id = ? ORDER BY sp.product_id`,
      [unitId],
    );
    return rows.map((row) => view(row, products.filter((p) => p.system_id === row.id)));
  }

  /** Adds a system to a unit; without an id it is `<unit>:<kind>` (then `:2`, `:3`...). */
  async add(user: Principal, unitId: string, input: SystemInput): Promise<SystemView> {
    const { context } = this;
    context.require(user, 'registry:write');
    const kind = oneOf(input.kind, 'kind', SYSTEM_KINDS);
    const state = oneOf(input.state ?? 'planned', 'state', SYSTEM_STATES);
    checkStateRight(context, user, state);
    const networked = checkNetworked(kind, input.networked);
    if (networked) checkNetworkRight(context, user);
    const notes = optionalText(input.notes, 'notes', 2000);
    const products = checkProducts(input.products ?? []);
    return context.commit(user, async (tx) => {
      const unit = await context.unitInScope(user, unitId, tx);
      const id = input.id ? recordId(input.id) : await freeId(tx, `${unitId}:${kind}`);
      if (await tx.get('SELECT id FROM systems WHERE id = ?', [id])) {
        throw new VigilError('CONFLICT', `system ${id} exists`);
      }
      const placeId = await checkPlace(tx, unitId, input.placeId);
      await tx.run(
        `INSERT INTO systems (id, unit_id, kind, state, networked, place_id, notes, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, unitId, kind, state, networked, placeId, notes, Date.now()],
      );
      await writeProducts(tx, id, products);
      return this.change(tx, unit, id, 'system.create', { kind, state, networked, products });
    });
  }

  /** Changes a system's state, networking, place, notes or products (replaced as a whole). */
  async update(user: Principal, id: string, patch: SystemInput): Promise<SystemView> {
    const { context } = this;
    context.require(user, 'registry:write');
    return context.commit(user, async (tx) => {
      const row = await tx.get<SystemRow>('SELECT * FROM systems WHERE id = ?', [id]);
      if (!row) throw notFound('system', id);
      const unit = await context.unitInScope(user, row.unit_id, tx);
      const state = oneOf(patch.state ?? row.state, 'state', SYSTEM_STATES);
      if (state !== row.state) checkStateRight(context, user, state);
      const networked = checkNetworked(row.kind, patch.networked ?? row.networked);
      if (networked && Number(row.networked) !== 1) checkNetworkRight(context, user);
      const placeId = patch.placeId === undefined
        ? row.place_id
        : await checkPlace(tx, row.unit_id, patch.placeId);
      const notes = patch.notes === undefined
        ? row.notes
        : optionalText(patch.notes, 'notes', 2000);
      await tx.run(
        `UPDATE systems SET state = ?, networked = ?, place_id = ?, notes = ?, updated_at = ?
         WHERE id = ?`,
        [state, networked, placeId, notes, Date.now(), id],
      );
      const from = { state: row.state, networked: Number(row.networked) === 1 };
      const detail: Record<string, unknown> = { from, state, networked };
      if (patch.products !== undefined) {
        detail.products = checkProducts(patch.products);
        await writeProducts(tx, id, detail.products as SystemProduct[]);
      }
      return this.change(tx, unit, id, 'system.update', detail);
    });
  }

  private async change(
    tx: SqlDriver,
    unit: UnitScope,
    id: string,
    action: string,
    detail: Record<string, unknown>,
  ) {
    const result = (await this.readAll(tx, unit.id)).find((system) => system.id === id)!;
    return {
      result,
      audit: { action, targetType: 'system', targetId: id, detail: { unitId: unit.id, ...detail } },
      event: { kind: 'system', id, jurisdiction: unit.jurisdiction, unitId: unit.id },
    };
  }
}

/** The first of `base`, `base:2`, `base:3`... that no system uses yet. */
async function freeId(tx: SqlDriver, base: string): Promise<string> {
  const sql = 'SELECT id FROM systems WHERE id = ? OR id LIKE ?';
  const rows = await tx.all<{ id: string }>(sql, [base, `${base}:%`]);
  const taken = new Set(rows.map((row) => row.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}:${n}`;
  return recordId(id);
}

async function checkPlace(tx: SqlDriver, unitId: string, placeId: unknown): Promise<string | null> {
  if (placeId === undefined || placeId === null || placeId === '') return null;
  const id = recordId(placeId, 'placeId');
  const place = await tx.get('SELECT id FROM places WHERE id = ? AND unit_id = ?', [id, unitId]);
  if (!place) fieldError('placeId', `unit ${unitId} has no place ${id}`);
  return id;
}

async function writeProducts(
  tx: SqlDriver,
  systemId: string,
  products: SystemProduct[],
): Promise<void> {
  await tx.run('DELETE FROM system_products WHERE system_id = ?', [systemId]);
  for (const [index, product] of products.entries()) {
    if (!(await tx.get('SELECT id FROM products WHERE id = ?', [product.productId]))) {
      fieldError(`products[${index}].productId`, `no product ${product.productId}`);
    }
    await tx.run(
      'INSERT INTO system_products (system_id, product_id, quantity) VALUES (?, ?, ?)',
      [systemId, product.productId, product.quantity],
    );
  }
}

function view(row: SystemRow, products: { product_id: string; quantity: number }[]): SystemView {
  return {
    id: row.id,
    unitId: row.unit_id,
    kind: row.kind as SystemKind,
    state: row.state as SystemState,
    networked: Number(row.networked) === 1,
    placeId: row.place_id,
    notes: row.notes,
    products: products.map((p) => ({ productId: p.product_id, quantity: Number(p.quantity) })),
    updatedAt: isoTime(row.updated_at),
  };
}
