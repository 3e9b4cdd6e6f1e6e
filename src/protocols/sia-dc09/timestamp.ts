/**
 * DC-09 timestamps: `_HH:MM:SS,MM-DD-YYYY`, always UTC (DC-09 5.5.1.8). Required in encrypted
 * messages, optional in plain ones.
 */
const PATTERN = /^_(\d\d):(\d\d):(\d\d),(\d\d)-(\d\d)-(\d{4})$/;

/** Epoch milliseconds of a DC-09 timestamp, or undefined if it is not one. */
export function parseTimestamp(text: string): number | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, hh, mi, ss, mm, dd, yyyy] = match.map(Number);
  if (hh > 23 || mi > 59 || ss > 59) return undefined;
  const at = Date.UTC(yyyy, mm - 1, dd, hh, mi, ss);
  // Date.UTC rolls 02-30 over into March: a date that does not come back unchanged is not one.
  const check = new Date(at);
  if (check.getUTCMonth() !== mm - 1 || check.getUTCDate() !== dd) return undefined;
  return at;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The DC-09 timestamp (with its leading underscore) of an instant. */
export function formatTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `_${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())},` +
    `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${d.getUTCFullYear()}`
  );
}

/** Length of a timestamp including the underscore. */
export const TIMESTAMP_LENGTH = 20;
