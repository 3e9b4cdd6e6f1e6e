import crypto from 'node:crypto';

import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { notFound, VigilError } from '../errors.ts';
import { fieldError, flag, isoTime, oneOf, recordId } from './field-checks.ts';
import { paging, type RegistryContext } from './registry-context.ts';
import { VEHICLE_KINDS, type VehicleKind } from './registry-terms.ts';

/** A vehicle of Art. 8 para. 2 as the API shows it. */
export interface VehicleView {
  id: string;
  plate: string;
  kind: VehicleKind;
  ownerUnitId: string | null;
  jurisdiction: string;
  /** Fitted with a tracking and positioning system. */
  tracking: boolean;
  updatedAt: string | null;
}

/** Fields of a new vehicle (or, all optional, of a change). */
export interface VehicleInput {
  id?: string;
  plate?: string;
  kind?: string;
  ownerUnitId?: string | null;
  jurisdiction?: string;
  tracking?: boolean | string | number;
}

/** A stored vehicle row. */
export interface VehicleRow {
  id: string;
  plate: string;
  kind: string;
  owner_unit_id: string | null;
  jurisdiction: string;
  tracking: number;
  updated_at: number;
}

/**
 * A Chinese plate without separators: province character, issuing-office letter, then five
 * characters (six for new-energy plates), the last possibly 挂/学/警/港/澳.
 */
const PLATE = /^[\u4e00-\u9fff][A-Z][A-Z0-9]{4,5}[A-Z0-9挂学警港澳]$/;

/** The plate upper-cased, without the middle dot or spaces people write. */
export function normalisePlate(value: unknown): string {
  const plate = typeof value === 'string' ? value.replace(/[\s·•.]/g, '').toUpperCase() : '';
  if (!PLATE.test(plate)) fieldError('plate', 'a plate such as 苏A12345 or 苏AD12345');
  return plate;
}

/** The API view of a stored vehicle. */
export const vehicleView = (row: VehicleRow): VehicleView => ({
  id: row.id,
  plate: row.plate,
  kind: row.kind as VehicleKind,
  ownerUnitId: row.owner_unit_id,
  jurisdiction: row.jurisdiction,
  tracking: Number(row.tracking) === 1,
  updatedAt: isoTime(row.updated_at),
});

/** Cash-escort, dangerous-goods and other vehicles, scoped by jurisdiction and owner unit. */
export class VehicleRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** Vehicles the user may see. */
  async list(
    user: Principal,
    query: { kind?: string; limit?: number; offset?: number } = {},
  ): Promise<{ items: VehicleView[]; total: number }> {
    this.context.require(user, 'registry:read');
    const scope = this.context.services.access.filter(user, 'v.jurisdiction', 'v.owner_unit_id');
    const where = query.kind ? `${scope.sql} AND v.kind = ?` : scope.sql;
    const params = query.kind ? [...scope.params, query.kind] : scope.params;
    const { limit, offset } = paging(query);
    const rows = await this.context.driver.all<VehicleRow>(
      `SELECT v.* FROM vehicles v WHERE ${where} ORDER BY v.id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const count = await this.context.driver.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM vehicles v WHERE ${where}`,
      params,
    );
    return { items: rows.map(vehicleView), total: Number(count?.n ?? 0) };
  }

  /** Registers a vehicle. */
  async add(user: Principal, input: VehicleInput): Promise<VehicleView> {
    this.context.require(user, 'registry:write');
    const id = input.id ? recordId(input.id) : `V-${crypto.randomBytes(5).toString('hex')}`;
    return this.context.commit(user, async (tx) => {
      if (await tx.get('SELECT id FROM vehicles WHERE id = ?', [id])) {
        throw new VigilError('CONFLICT', `vehicle ${id} exists`);
      }
      return this.write(tx, user, id, input, 'vehicle.create');
    });
  }

  /** Changes a vehicle (kind, owner, jurisdiction, tracking). */
  async update(user: Principal, id: string, patch: VehicleInput): Promise<VehicleView> {
    this.context.require(user, 'registry:write');
    return this.context.commit(user, async (tx) => {
      const row = await tx.get<VehicleRow>('SELECT * FROM vehicles WHERE id = ?', [id]);
      if (!row) throw notFound('vehicle', id);
      const target = { jurisdiction: row.jurisdiction, unitId: row.owner_unit_id };
      this.context.checkScope(user, target, `vehicle ${id}`);
      return this.write(tx, user, id, { ...vehicleView(row), ...patch }, 'vehicle.update', true);
    });
  }

  /** Checks a vehicle's fields (owner and jurisdiction inside the user's scope) and stores it. */
  private async write(
    tx: SqlDriver,
    user: Principal,
    id: string,
    input: VehicleInput,
    action: string,
    exists = false,
  ) {
    const plate = normalisePlate(input.plate);
    const kind = oneOf(input.kind, 'kind', VEHICLE_KINDS);
    const jurisdiction = this.context.jurisdiction(input.jurisdiction).code;
    const ownerId = input.ownerUnitId ? recordId(input.ownerUnitId, 'ownerUnitId') : null;
    const owner = ownerId ? await this.context.unitInScope(user, ownerId, tx) : null;
    this.context.checkScope(user, { jurisdiction, unitId: owner?.id ?? null }, `vehicle ${id}`);
    // A unit manager's reach is its unit: its vehicles are registered where the unit is.
    if (user.role === 'unit-manager' && owner && jurisdiction !== owner.jurisdiction) {
      fieldError('jurisdiction', `a unit manager registers vehicles in its unit's jurisdiction ${owner.jurisdiction}`);
    }
    const clash = await tx.get('SELECT id FROM vehicles WHERE plate = ? AND id <> ?', [plate, id]);
    if (clash) throw new VigilError('CONFLICT', `plate ${plate} is registered already`);
    const tracking = flag(input.tracking, 'tracking');
    const values = [plate, kind, owner?.id ?? null, jurisdiction, tracking, Date.now(), id];
    await tx.run(exists ? UPDATE_VEHICLE : INSERT_VEHICLE, values);
    return {
      result: vehicleView((await tx.get<VehicleRow>('SELECT * FROM vehicles WHERE id = ?', [id]))!),
      audit: { action, targetType: 'vehicle', targetId: id, detail: { plate, kind, tracking } },
      event: { kind: 'vehicle', id, jurisdiction, unitId: owner?.id ?? null },
    };
  }
}

const UPDATE_VEHICLE = `UPDATE vehicles SET plate = ?, kind = ?, owner_unit_id = ?,
  jurisdiction = ?, tracking = ?, updated_at = ? WHERE id = ?`;

const INSERT_VEHICLE = `INSERT INTO vehicles (plate, kind, owner_unit_id, jurisdiction, tracking,
  updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)`;
