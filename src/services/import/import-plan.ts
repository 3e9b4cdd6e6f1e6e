import type { Services } from '../services.ts';
import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { VigilError } from '../errors.ts';
import { fieldError } from '../registry/field-checks.ts';
import { readTable, rowError, type ImportError, type ImportResult } from './import-table.ts';

/** Rows written per transaction. */
export const BATCH_SIZE = 500;

/** What writing a batch adds to: the counts and the rows it had to reject. */
export interface BatchOutcome {
  counts: { imported: number; unchanged: number };
  errors: ImportError[];
}

/** A checked row: its line and the id it is matched by. */
export interface PlannedRow {
  line: number;
  id: string;
}

/** How one kind of file is imported. */
export interface ImportPlan<T extends PlannedRow> {
  kind: 'units' | 'systems';
  required: readonly string[];
  optional: readonly string[];
  /** Checks one row on its own; throws a VALIDATION error naming the field. */
  check(line: number, values: Record<string, string>): T;
  /** The field to blame when a row repeats an id of an earlier row. */
  repeatField(values: Record<string, string>): string;
  /** Writes a batch, with checks against what is stored; rejected rows go to `outcome`. */
  write(tx: SqlDriver, batch: readonly T[], outcome: BatchOutcome): Promise<void>;
}

/**
 * Runs an import: reads the CSV, checks every row (a bad row is reported with its line and
 * field and skipped), writes the good ones in transactions of BATCH_SIZE, and records one audit
 * entry with the counts in the last transaction.
 */
export async function runImportPlan<T extends PlannedRow>(
  services: Services,
  user: Principal,
  bytes: Uint8Array,
  plan: ImportPlan<T>,
): Promise<ImportResult> {
  if (!services.access.can(user, 'registry:write')) {
    throw new VigilError('FORBIDDEN', `role ${user.role} may not registry:write`);
  }
  const table = readTable(bytes, plan.required, plan.optional);
  const counts = { imported: 0, unchanged: 0 };
  const outcome: BatchOutcome = { counts, errors: [...table.errors] };
  const good = checkRows(plan, table.rows, outcome.errors);
  const batches = Math.max(1, Math.ceil(good.length / BATCH_SIZE));
  for (let index = 0; index < batches; index++) {
    await services.store.driver.transaction(async (tx) => {
      const batch = good.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE);
      if (batch.length > 0) await plan.write(tx, batch, outcome);
      if (index < batches - 1) return;
      const detail = { ...counts, errors: outcome.errors.length, rows: table.rows.length,
        encoding: table.encoding };
      const { kind } = plan;
      await services.audit.append(user, { action: `import.${kind}`, targetType: 'import',
        targetId: kind, detail }, tx);
    });
  }
  if (counts.imported > 0) {
    services.bus.publish('registry.changed', { kind: 'import', id: plan.kind });
  }
  outcome.errors.sort((a, b) => a.line - b.line);
  return { ...counts, errors: outcome.errors, encoding: table.encoding };
}

function checkRows<T extends PlannedRow>(
  plan: ImportPlan<T>,
  rows: readonly { line: number; values: Record<string, string> }[],
  errors: ImportError[],
): T[] {
  const good: T[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of rows) {
    try {
      const row = plan.check(line, values);
      const seen = firstLine.get(row.id);
      if (seen !== undefined) {
        fieldError(plan.repeatField(values), `${row.id} appears already on line ${seen}`);
      }
      firstLine.set(row.id, line);
      good.push(row);
    } catch (error) {
      errors.push(rowError(line, error, 'row'));
    }
  }
  return good;
}
