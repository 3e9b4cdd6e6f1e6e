import { VigilError } from '../errors.ts';
import { errorField } from '../registry/field-checks.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { decodeText, type TextEncoding } from './decode-text.ts';

/** A row that was not imported: its line (header = 1), the field at fault, why. */
export interface ImportError {
  line: number;
  field: string;
  message: string;
}

/** What an import did. Rows with errors are skipped; the others are written. */
export interface ImportResult {
  /** Rows written: created or changed. */
  imported: number;
  /** Rows identical to what is stored already. */
  unchanged: number;
  errors: ImportError[];
  encoding?: TextEncoding;
}

/** One data row, by lower-case column name. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Decodes and splits a CSV file and checks its header: every required column present; the
 * optional ones are read when present, others ignored.
 */
export function readTable(
  bytes: Uint8Array,
  required: readonly string[],
  optional: readonly string[] = [],
): { rows: TableRow[]; errors: ImportError[]; encoding: TextEncoding } {
  const { text, encoding } = decodeText(bytes);
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const errors = [{ line: error.line, field: 'csv', message: error.message }];
    return { rows: [], errors, encoding };
  }
  const [header, ...body] = records;
  const names = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  const missing = required.filter((name) => !names.includes(name));
  if (!header || missing.length > 0) {
    const message = `header must name the columns ${required.join(',')} ` +
      `(missing ${missing.join(', ') || 'all'})`;
    return { rows: [], errors: [{ line: 1, field: missing[0] ?? 'header', message }], encoding };
  }
  const wanted = new Set([...required, ...optional]);
  const rows: TableRow[] = [];
  const errors: ImportError[] = [];
  for (const record of body) {
    if (record.fields.length !== names.length) {
      const message = `expected ${names.length} fields, found ${record.fields.length}`;
      errors.push({ line: record.line, field: 'row', message });
      continue;
    }
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      if (wanted.has(name)) values[name] = record.fields[index]!.trim();
    });
    rows.push({ line: record.line, values });
  }
  return { rows, errors, encoding };
}

/** The error entry for a row a check rejected; unexpected errors are thrown on. */
export function rowError(line: number, error: unknown, fallbackField: string): ImportError {
  if (!(error instanceof VigilError)) throw error;
  const field = errorField(error) ?? fallbackField;
  const prefix = `${field}: `;
  const { message } = error;
  const bare = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return { line, field, message: bare };
}

/** `?, ?, ?` for an IN list of n values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
