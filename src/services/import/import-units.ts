import type { Services } from '../services.ts';
import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { fieldError, recordId } from '../registry/field-checks.ts';
import {
  checkUnit,
  writeUnit,
  type Contact,
  type UnitFields,
  type UnitRow,
} from '../registry/unit-registry.ts';
import { runImportPlan, type BatchOutcome, type ImportPlan } from './import-plan.ts';
import { placeholders, type ImportResult } from './import-table.ts';

/** Columns of a units file: the first four are required. */
export const UNIT_COLUMNS = [
  'id',
  'name',
  'category',
  'jurisdiction',
  'address',
  'lat',
  'lon',
] as const;

interface UnitLine {
  line: number;
  id: string;
  unit: UnitFields;
}

type StoredUnit = Omit<UnitRow, 'created_at' | 'updated_at'>;

/**
 * Imports units from CSV (`id,name,category,jurisdiction,address,lat,lon`). Re-importing a file
 * changes nothing: rows are matched by id, identical ones are counted as unchanged. Contacts are
 * not in the file and are kept. Moving a unit to another category or jurisdiction needs
 * registry:accept, as in the registry.
 */
export async function importUnits(
  services: Services,
  user: Principal,
  bytes: Uint8Array,
): Promise<ImportResult> {
  const plan: ImportPlan<UnitLine> = {
    kind: 'units',
    required: UNIT_COLUMNS.slice(0, 4),
    optional: UNIT_COLUMNS.slice(4),
    check: (line, values) => ({ line, ...checkRow(services, user, values) }),
    repeatField: () => 'id',
    write: (tx, batch, outcome) => writeBatch(services, user, tx, batch, outcome),
  };
  return runImportPlan(services, user, bytes, plan);
}

/** Checks one row as the registry checks a unit, plus the user's scope. */
function checkRow(services: Services, user: Principal, values: Record<string, string>) {
  const id = recordId(values.id);
  const unit = checkUnit({ ...values, id, contacts: [] }, services.tree);
  if (!services.access.sees(user, { jurisdiction: unit.jurisdiction, unitId: id })) {
    fieldError('jurisdiction', `${unit.jurisdiction} is outside your jurisdiction`);
  }
  return { id, unit };
}

async function writeBatch(
  services: Services,
  user: Principal,
  tx: SqlDriver,
  batch: readonly UnitLine[],
  { counts, errors }: BatchOutcome,
): Promise<void> {
  const rows = await tx.all<StoredUnit>(
    `SELECT id, name, category, jurisdiction, address, lat, lon, contacts FROM units
     WHERE id IN (${placeholders(batch.length)})`,
    batch.map((entry) => entry.id),
  );
  const stored = new Map(rows.map((row) => [row.id, row]));
  const now = Date.now();
  for (const { line, unit } of batch) {
    const before = stored.get(unit.id);
    const problem = before ? updateProblem(services, user, before, unit) : undefined;
    if (problem) {
      errors.push({ line, ...problem });
    } else if (before && same(before, unit)) {
      counts.unchanged++;
    } else {
      if (before) unit.contacts = JSON.parse(before.contacts) as Contact[];
      await writeUnit(tx, unit, !!before, now);
      counts.imported++;
    }
  }
}

/** Why a stored unit may not be overwritten by this user, if it may not. */
function updateProblem(services: Services, user: Principal, before: StoredUnit, unit: UnitFields) {
  if (!services.access.sees(user, { jurisdiction: before.jurisdiction, unitId: before.id })) {
    return { field: 'id', message: `unit ${before.id} exists outside your jurisdiction` };
  }
  const recategorised = before.category !== unit.category;
  if ((recategorised || before.jurisdiction !== unit.jurisdiction) &&
    !services.access.can(user, 'registry:accept')) {
    return { field: recategorised ? 'category' : 'jurisdiction',
      message: 'changing a unit\'s category or jurisdiction needs registry:accept' };
  }
  return undefined;
}

function same(before: StoredUnit, unit: UnitFields): boolean {
  const number = (value: number | null) => (value === null ? null : Number(value));
  return before.name === unit.name && before.category === unit.category &&
    before.jurisdiction === unit.jurisdiction && before.address === unit.address &&
    number(before.lat) === unit.lat && number(before.lon) === unit.lon;
}
