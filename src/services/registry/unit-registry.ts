import crypto from 'node:crypto';

import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { notFound, VigilError } from '../errors.ts';
import {
  fieldError,
  isoTime,
  oneOf,
  optionalText,
  position,
  recordId,
  requiredText,
} from './field-checks.ts';
import type { JurisdictionTree } from './jurisdiction-tree.ts';
import { containsPattern, paging, type RegistryContext } from './registry-context.ts';
import { categoryLabel, UNIT_CATEGORIES, type UnitCategory } from './unit-categories.ts';

/** A person to call about a unit. */
export interface Contact {
  name: string;
  phone: string;
  role: string;
}

/** A unit as the API shows it. */
export interface UnitView {
  id: string;
  name: string;
  category: string;
  categoryLabel: string;
  jurisdiction: string;
  jurisdictionName: string;
  address: string;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  createdAt: string | null;
  updatedAt: string | null;
}

/** Fields a caller gives to create a unit (or, all optional, to change one). */
export interface UnitInput {
  id?: string;
  name?: string;
  category?: string;
  jurisdiction?: string;
  address?: string;
  lat?: number | string | null;
  lon?: number | string | null;
  contacts?: unknown;
}

/** The checked fields of a unit, as stored. */
export interface UnitFields {
  id: string;
  name: string;
  category: UnitCategory;
  jurisdiction: string;
  address: string;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
}

/** Filters of the unit list. */
export interface UnitQuery {
  jurisdiction?: string;
  category?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

/** A stored unit row. */
export interface UnitRow {
  id: string;
  name: string;
  category: string;
  jurisdiction: string;
  address: string;
  lat: number | null;
  lon: number | null;
  contacts: string;
  created_at: number;
  updated_at: number;
}

/** Checks a full unit (create, import); the jurisdiction must be a node of the tree. */
export function checkUnit(input: UnitInput, tree: JurisdictionTree): UnitFields {
  const id = input.id === undefined || input.id === '' ? newUnitId() : recordId(input.id);
  const jurisdiction = requiredText(input.jurisdiction, 'jurisdiction', 32);
  if (!tree.get(jurisdiction)) {
    fieldError('jurisdiction', `unknown jurisdiction code ${jurisdiction}`);
  }
  return {
    id,
    name: requiredText(input.name, 'name'),
    category: oneOf(input.category, 'category', UNIT_CATEGORIES),
    jurisdiction,
    address: optionalText(input.address, 'address'),
    ...position(input.lat, input.lon),
    contacts: checkContacts(input.contacts ?? []),
  };
}

/** Checks the `[{name, phone, role}]` contact list of a unit. */
export function checkContacts(value: unknown): Contact[] {
  if (!Array.isArray(value)) fieldError('contacts', 'a list of {name, phone, role}');
  if (value.length > 20) fieldError('contacts', 'at most 20 contacts');
  return value.map((item: unknown, index) => {
    const field = `contacts[${index}]`;
    if (!item || typeof item !== 'object') fieldError(field, 'an object {name, phone, role}');
    const contact = item as Record<string, unknown>;
    const phone = optionalText(contact.phone, `${field}.phone`, 32);
    if (phone && !/^\+?[0-9][0-9 -]{2,30}$/.test(phone)) {
      fieldError(`${field}.phone`, 'digits, + - and spaces');
    }
    return {
      name: requiredText(contact.name, `${field}.name`, 100),
      phone,
      role: optionalText(contact.role, `${field}.role`, 100),
    };
  });
}

function newUnitId(): string {
  return `U-${crypto.randomBytes(5).toString('hex')}`;
}

/** Inserts or replaces a unit row (the import shares this). */
export async function writeUnit(tx: SqlDriver, unit: UnitFields, exists: boolean, now: number) {
  const values = [unit.name, unit.category, unit.jurisdiction, unit.address, unit.lat, unit.lon,
    JSON.stringify(unit.contacts), now, unit.id];
  if (exists) {
    await tx.run(
      `UPDATE units SET name = ?, category = ?, jurisdiction = ?, address = ?, lat = ?, lon = ?,
       contacts = ?, updated_at = ? WHERE id = ?`,
      values,
    );
  } else {
    await tx.run(
      `INSERT INTO units (name, category, jurisdiction, address, lat, lon, contacts, updated_at, id,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...values, now],
    );
  }
}

/** Units of Art. 7 and Art. 8: create, read, change, list, always inside the user's scope. */
export class UnitRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** Registers a unit; the id is generated when not given. */
  async create(user: Principal, input: UnitInput): Promise<UnitView> {
    const { context } = this;
    context.require(user, 'registry:write');
    const unit = checkUnit(input, context.services.tree);
    const target = { jurisdiction: unit.jurisdiction, unitId: unit.id };
    context.checkScope(user, target, `unit ${unit.id}`);
    return context.commit(user, async (tx) => {
      if (await tx.get('SELECT id FROM units WHERE id = ?', [unit.id])) {
        throw new VigilError('CONFLICT', `unit ${unit.id} exists`);
      }
      await writeUnit(tx, unit, false, Date.now());
      return {
        result: await this.read(tx, unit.id),
        audit: { action: 'unit.create', targetType: 'unit', targetId: unit.id,
          detail: auditFields(unit) },
        event: { kind: 'unit', id: unit.id, jurisdiction: unit.jurisdiction, unitId: unit.id },
      };
    });
  }

  /** One unit. */
  async get(user: Principal, id: string): Promise<UnitView> {
    this.context.require(user, 'registry:read');
    await this.context.unitInScope(user, id);
    return this.read(this.context.driver, id);
  }

  /**
   * Changes some fields of a unit. Category and jurisdiction decide the unit's obligations,
   * so changing them is a police act (registry:accept), never the unit's own.
   */
  async update(user: Principal, id: string, patch: UnitInput): Promise<UnitView> {
    const { context } = this;
    context.require(user, 'registry:write');
    return context.commit(user, async (tx) => {
      await context.unitInScope(user, id, tx);
      const before = await this.read(tx, id);
      const unit = checkUnit({ ...before, ...definedOnly(patch), id }, context.services.tree);
      if (unit.category !== before.category || unit.jurisdiction !== before.jurisdiction) {
        context.require(user, 'registry:accept');
        const target = { jurisdiction: unit.jurisdiction, unitId: id };
        context.checkScope(user, target, `jurisdiction ${unit.jurisdiction}`);
      }
      await writeUnit(tx, unit, true, Date.now());
      return {
        result: await this.read(tx, id),
        audit: { action: 'unit.update', targetType: 'unit', targetId: id,
          detail: changedFields(before, unit) },
        event: { kind: 'unit', id, jurisdiction: unit.jurisdiction, unitId: id },
      };
    });
  }

  /** Units the user may see, filtered and paged, with the total before paging. */
  async list(
    user: Principal,
    query: UnitQuery = {},
  ): Promise<{ items: UnitView[]; total: number }> {
    const { context } = this;
    context.require(user, 'registry:read');
    const scope = context.services.access.filter(user, 'u.jurisdiction', 'u.id');
    const where = [scope.sql];
    const params = [...scope.params];
    if (query.jurisdiction) {
      // A code, not a pattern: `%` or `_` would otherwise widen the LIKE below.
      if (!context.services.tree.get(query.jurisdiction)) {
        fieldError('jurisdiction', `unknown jurisdiction code ${query.jurisdiction}`);
      }
      where.push('u.jurisdiction IN (SELECT code FROM jurisdictions WHERE path LIKE ?)');
      params.push(`%/${query.jurisdiction}/%`);
    }
    if (query.category) (where.push('u.category = ?'), params.push(query.category));
    if (query.q) {
      where.push("(LOWER(u.name) LIKE ? ESCAPE '\\' OR LOWER(u.address) LIKE ? ESCAPE '\\')");
      params.push(containsPattern(query.q), containsPattern(query.q));
    }
    const clause = where.join(' AND ');
    const { limit, offset } = paging(query);
    const rows = await context.driver.all<UnitRow>(
      `SELECT u.* FROM units u WHERE ${clause} ORDER BY u.id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const count = await context.driver.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM units u WHERE ${clause}`,
      params,
    );
    return { items: rows.map((row) => this.view(row)), total: Number(count?.n ?? 0) };
  }

  /** Reads a unit without checks (callers have checked). */
  async read(tx: SqlDriver, id: string): Promise<UnitView> {
    const row = await tx.get<UnitRow>('SELECT * FROM units WHERE id = ?', [id]);
    if (!row) throw notFound('unit', id);
    return this.view(row);
  }

  private view(row: UnitRow): UnitView {
    return {
      id: row.id,
      name: row.name,
      category: row.category,
      categoryLabel: categoryLabel(row.category),
      jurisdiction: row.jurisdiction,
      jurisdictionName: this.context.services.tree.get(row.jurisdiction)?.name ?? '',
      address: row.address,
      lat: row.lat === null ? null : Number(row.lat),
      lon: row.lon === null ? null : Number(row.lon),
      contacts: JSON.parse(row.contacts) as Contact[],
      createdAt: isoTime(row.created_at),
      updatedAt: isoTime(row.updated_at),
    };
  }
}

function definedOnly(patch: UnitInput): UnitInput {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

function auditFields(unit: UnitFields): Record<string, unknown> {
  return { name: unit.name, category: unit.category, jurisdiction: unit.jurisdiction };
}

/** The fields a change touched, before and after, for the audit entry. */
function changedFields(before: UnitView, after: UnitFields): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  const keys = ['name', 'category', 'jurisdiction', 'address', 'lat', 'lon', 'contacts'] as const;
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changed[key] = { from: before[key], to: after[key] };
    }
  }
  return changed;
}
