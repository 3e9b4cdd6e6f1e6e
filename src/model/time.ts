/** Epoch milliseconds (as stored) to the ISO 8601 text the API answers with; null stays null. */
export function isoTime(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
}
