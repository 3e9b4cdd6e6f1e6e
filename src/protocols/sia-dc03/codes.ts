/**
 * The SIA DC-03 event code table ("SIA format" two-letter codes, AA to ZZ), built from the
 * zone-family pattern (codes-families.ts) and the codes outside it (codes-other.ts).
 */
import type { CodeDefinition } from '../../model/signal.ts';
import { siaFamilyCodes } from './codes-families.ts';
import { siaOtherCodes } from './codes-other.ts';

function buildTable(rows: readonly CodeDefinition[]): ReadonlyMap<string, CodeDefinition> {
  const table = new Map<string, CodeDefinition>();
  for (const row of rows) {
    // A duplicate would silently shadow a meaning; fail loudly when the module loads instead.
    if (table.has(row.code)) throw new Error(`SIA DC-03: duplicate code ${row.code} in code table`);
    table.set(row.code, Object.freeze({ ...row }));
  }
  return table;
}

/** Every event code SIA DC-03 defines, keyed by its two upper-case letters. */
export const siaCodes: ReadonlyMap<string, CodeDefinition> = buildTable([
  ...siaFamilyCodes,
  ...siaOtherCodes,
]);

/** The DC-03 definition of a two-letter code, or undefined when the standard has none. */
export function lookupSiaCode(code: string): CodeDefinition | undefined {
  return siaCodes.get(code);
}

/**
 * Vendor extensions: codes real panels send that DC-03 itself does not define. They are kept
 * out of `siaCodes` on purpose, since a vendor code means what that vendor says and another
 * vendor may reuse the letters. A caller that knows which panel an account uses passes this
 * table (or its own) to parseSiaDataBlock as `extraCodes`; otherwise such codes stay unknown.
 */
export const siaVendorCodes: ReadonlyMap<string, CodeDefinition> = buildTable([
  // Ajax hubs (OS Malevich SIA code list) send JC when a user-code tamper (JA) clears;
  // seen as `Nri2/JC12` in the pysiaalarm test frames.
  {
    code: 'JC',
    description: 'User code tamper cleared (vendor extension, not in DC-03)',
    kind: 'restore',
    category: 'tamper',
    address: 'area',
  },
]);
