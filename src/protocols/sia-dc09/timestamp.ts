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
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 60) return undefined;
  return Date.UTC(yyyy, mm - 1, dd, hh, mi, ss);
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
