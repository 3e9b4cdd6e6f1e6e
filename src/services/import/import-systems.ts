import type { Services } from '../services.ts';
import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { oneOf, recordId } from '../registry/field-checks.ts';
import {
  POLICE_STATES,
  SYSTEM_KINDS,
  SYSTEM_STATES,
  type SystemState,
} from '../registry/registry-terms.ts';
import { checkNetworked } from '../registry/system-registry.ts';
import { runImportPlan, type BatchOutcome, type ImportPlan } from './import-plan.ts';
import { placeholders, type ImportResult } from './import-table.ts';

/** Columns of a systems file; `networked` may be left out, `id` defaults to `<unit_id>:<kind>`. */
export const SYSTEM_COLUMNS = ['unit_id', 'kind', 'state', 'networked', 'id'] as const;

interface SystemLine {
  line: number;
  id: string;
  unitId: string;
  kind: string;
  state: SystemState;
  networked: boolean;
}

interface StoredSystem {
  id: string;
  unit_id: string;
  kind: string;
  state: string;
  networked: number;
}

function checkRow(line: number, values: Record<string, string>): SystemLine {
  const unitId = recordId(values.unit_id, 'unit_id');
  const kind = oneOf(values.kind, 'kind', SYSTEM_KINDS);
  const state = oneOf(values.state, 'state', SYSTEM_STATES);
  const networked = checkNetworked(kind, values.networked);
  const id = values.id ? recordId(values.id) : recordId(`${unitId}:${kind}`);
  return { line, id, unitId, kind, state, networked };
}

/**
 * Imports systems from CSV (`unit_id,kind,state,networked`, optional `id`). Without an id a
 * system is `<unit_id>:<kind>`, so importing the same file again changes nothing. Recording a
 * system as accepted or in service needs registry:accept, as in the registry.
 */
export async function importSystems(
  services: Services,
  user: Principal,
  bytes: Uint8Array,
): Promise<ImportResult> {
  const plan: ImportPlan<SystemLine> = {
    kind: 'systems',
    required: SYSTEM_COLUMNS.slice(0, 3),
    optional: SYSTEM_COLUMNS.slice(3),
    check: checkRow,
    repeatField: (values) => (values.id ? 'id' : 'kind'),
    write: (tx, batch, outcome) => writeBatch(services, user, tx, batch, outcome),
  };
  return runImportPlan(services, user, bytes, plan);
}

async function writeBatch(
  services: Services,
  user: Principal,
  tx: SqlDriver,
  batch: readonly SystemLine[],
  { counts, errors }: BatchOutcome,
): Promise<void> {
  const unitIds = [...new Set(batch.map((entry) => entry.unitId))];
  const units = await tx.all<{ id: string; jurisdiction: string }>(
    `SELECT id, jurisdiction FROM units WHERE id IN (${placeholders(unitIds.length)})`,
    unitIds,
  );
  const jurisdictions = new Map(units.map((row) => [row.id, row.jurisdiction]));
  const systems = await tx.all<StoredSystem>(
    `SELECT id, unit_id, kind, state, networked FROM systems
     WHERE id IN (${placeholders(batch.length)})`,
    batch.map((entry) => entry.id),
  );
  const stored = new Map(systems.map((row) => [row.id, row]));
  const now = Date.now();
  for (const system of batch) {
    const before = stored.get(system.id);
    const jurisdiction = jurisdictions.get(system.unitId);
    const problem = systemProblem(services, user, system, jurisdiction, before);
    if (problem) {
      errors.push({ line: system.line, ...problem });
    } else if (before && same(before, system)) {
      counts.unchanged++;
    } else {
      await writeSystem(tx, system, !!before, now);
      counts.imported++;
    }
  }
}

/** Why a row may not be written: unknown or foreign unit, another unit's system, rights. */
function systemProblem(
  services: Services,
  user: Principal,
  system: SystemLine,
  jurisdiction: string | undefined,
  before: StoredSystem | undefined,
): { field: string; message: string } | undefined {
  if (jurisdiction === undefined) return { field: 'unit_id', message: `no unit ${system.unitId}` };
  if (!services.access.sees(user, { jurisdiction, unitId: system.unitId })) {
    return { field: 'unit_id', message: `unit ${system.unitId} is outside your jurisdiction` };
  }
  if (before && before.unit_id !== system.unitId) {
    return { field: 'id', message: `system ${system.id} belongs to unit ${before.unit_id}` };
  }
  if (before && before.kind !== system.kind) {
    return { field: 'kind', message: `system ${system.id} is a ${before.kind} system` };
  }
  const stateChanges = !before || before.state !== system.state;
  const mayAccept = services.access.can(user, 'registry:accept');
  if (stateChanges && POLICE_STATES.has(system.state) && !mayAccept) {
    return { field: 'state', message: `recording a system ${system.state} needs registry:accept` };
  }
  return undefined;
}

function same(before: StoredSystem, system: SystemLine): boolean {
  return before.state === system.state && Number(before.networked) === Number(system.networked);
}

async function writeSystem(
  tx: SqlDriver,
  system: SystemLine,
  exists: boolean,
  now: number,
): Promise<void> {
  if (exists) {
    await tx.run('UPDATE systems SET state = ?, networked = ?, updated_at = ? WHERE id = ?', [
      system.state, system.networked, now, system.id,
    ]);
    return;
  }
  await tx.run(
    `INSERT INTO systems (id, unit_id, kind, state, networked, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [system.id, system.unitId, system.kind, system.state, system.networked, now],
  );
}
