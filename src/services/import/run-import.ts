import fs from 'node:fs/promises';

import type { Services } from '../services.ts';
import type { Principal } from '../access/principal.ts';
import type { ImportResult } from './import-table.ts';
import { importSystems } from './import-systems.ts';
import { importUnits } from './import-units.ts';

/** Where the CLI writes: the summary to `out`, per-line errors to `err`. */
export interface ImportOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const CONSOLE: ImportOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** The lines the CLI prints for a result: one summary line, then one line per bad row. */
export function describeImport(
  kind: string,
  file: string,
  result: ImportResult,
): { summary: string; errors: string[] } {
  const encoding = result.encoding ? ` (${result.encoding})` : '';
  const summary = `import ${kind} ${file}: ${result.imported} imported, ` +
    `${result.unchanged} unchanged, ${result.errors.length} rejected${encoding}`;
  const errors = result.errors.map((e) => `${file}:${e.line}: ${e.field}: ${e.message}`);
  return { summary, errors };
}

/**
 * `vigil import units|systems FILE`: imports the file, prints a summary and every rejected row
 * with its line, and resolves to the exit code: 0 when every row was good, 1 otherwise.
 */
export async function runImport(
  services: Services,
  user: Principal,
  kind: 'units' | 'systems',
  file: string,
  output: ImportOutput = CONSOLE,
): Promise<number> {
  const bytes = await fs.readFile(file);
  const result = kind === 'units'
    ? await importUnits(services, user, bytes)
    : await importSystems(services, user, bytes);
  const { summary, errors } = describeImport(kind, file, result);
  output.out(summary);
  for (const line of errors) output.err(line);
  return result.errors.length === 0 ? 0 : 1;
}
