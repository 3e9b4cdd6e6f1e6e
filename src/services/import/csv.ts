/**
 * CSV as RFC 4180 writes it: fields separated by commas, a field in double quotes may hold
 * commas, line breaks and doubled quotes; records end in CRLF or LF.
 */

/** One record of a CSV text and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV text that cannot be read: the line where the trouble starts. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';

  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`CSV line ${line}: ${message}`);
  }
}

/** Splits a CSV text into records; blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  // State of the current field: 'plain', inside 'quotes', or 'closed' after its closing quote.
  let state: 'plain' | 'quotes' | 'closed' = 'plain';
  const endField = () => {
    fields.push(field);
    field = '';
    state = 'plain';
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && state === 'plain';
    endField();
    if (!blank) records.push({ line: start, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (state === 'quotes') {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') state = 'closed';
      else (field += char), (line += char === '\n' ? 1 : 0);
    } else if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else if (state === 'closed') {
      throw new CsvSyntaxError(line, 'text after a closing quote');
    } else if (char === '"' && field === '') {
      state = 'quotes';
    } else {
      field += char;
    }
  }
  if (state === 'quotes') throw new CsvSyntaxError(start, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0 || state === 'closed') endRecord();
  return records;
}

/**
 * One CSV line (without its line break). Fields with commas, quotes or line breaks are quoted;
 * a field that a spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe,
 * because unit names come from outside and reports are opened in spreadsheets.
 */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return values
    .map((value) => {
      let text = value === null ? '' : String(value);
      if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}
