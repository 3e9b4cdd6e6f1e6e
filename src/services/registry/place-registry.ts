import crypto from 'node:crypto';

import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { VigilError } from '../errors.ts';
import { oneOf, optionalText, recordId, requiredText } from './field-checks.ts';
import type { RegistryContext } from './registry-context.ts';
import { PLACE_KINDS } from './registry-terms.ts';

/** A place (site) or part (area) of a unit, where systems are installed (Art. 7). */
export interface PlaceView {
  id: string;
  unitId: string;
  name: string;
  kind: string;
  description: string;
}

/** Fields of a new place. */
export interface PlaceInput {
  id?: string;
  name?: string;
  kind?: string;
  description?: string;
}

interface PlaceRow {
  id: string;
  unit_id: string;
  name: string;
  kind: string;
  description: string;
}

const view = (row: PlaceRow): PlaceView => ({
  id: row.id,
  unitId: row.unit_id,
  name: row.name,
  kind: row.kind,
  description: row.description,
});

/** The places and parts of units. */
export class PlaceRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** The places of one unit. */
  async list(user: Principal, unitId: string): Promise<PlaceView[]> {
    this.context.require(user, 'registry:read');
    await this.context.unitInScope(user, unitId);
    return this.readAll(this.context.driver, unitId);
  }

  /** Reads a unit's places without checks (callers have checked). */
  async readAll(tx: SqlDriver, unitId: string): Promise<PlaceView[]> {
    const sql = 'SELECT * FROM places WHERE unit_id = ? ORDER BY id';
    return (await tx.all<PlaceRow>(sql, [unitId])).map(view);
  }

  /** Adds a place or part to a unit. */
  async add(user: Principal, unitId: string, input: PlaceInput): Promise<PlaceView> {
    const { context } = this;
    context.require(user, 'registry:write');
    const place: PlaceView = {
      id: input.id ? recordId(input.id) : `P-${crypto.randomBytes(5).toString('hex')}`,
      unitId,
      name: requiredText(input.name, 'name'),
      kind: oneOf(input.kind ?? 'place', 'kind', PLACE_KINDS),
      description: optionalText(input.description, 'description', 2000),
    };
    return context.commit(user, async (tx) => {
      const unit = await context.unitInScope(user, unitId, tx);
      if (await tx.get('SELECT id FROM places WHERE id = ?', [place.id])) {
        throw new VigilError('CONFLICT', `place ${place.id} exists`);
      }
      await tx.run(
        'INSERT INTO places (id, unit_id, name, kind, description) VALUES (?, ?, ?, ?, ?)',
        [place.id, unitId, place.name, place.kind, place.description],
      );
      return {
        result: place,
        audit: { action: 'place.create', targetType: 'place', targetId: place.id,
          detail: { unitId, name: place.name, kind: place.kind } },
        event: { kind: 'place', id: place.id, jurisdiction: unit.jurisdiction, unitId },
      };
    });
  }
}
