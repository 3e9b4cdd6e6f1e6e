/**
 * The Contact ID (SIA DC-05) event code table and the meaning of the qualifier digit:
 * 1 = new event or opening, 3 = restore or closing, 6 = previously reported, still present.
 */
import type { EventKind } from '../../model/signal.ts';
import { contactIdCodeRows, type ContactIdCodeDefinition } from './codes-table.ts';

export type { ContactIdCodeDefinition } from './codes-table.ts';

/** The three qualifiers DC-05 defines. */
export type ContactIdQualifier = '1' | '3' | '6';

/** The letter a receiver shows for each qualifier: E(vent), R(estore), P(revious). */
export const qualifierLetters: Readonly<Record<ContactIdQualifier, 'E' | 'R' | 'P'>> = {
  '1': 'E',
  '3': 'R',
  '6': 'P',
};

function buildTable(
  rows: readonly ContactIdCodeDefinition[],
): ReadonlyMap<string, ContactIdCodeDefinition> {
  const table = new Map<string, ContactIdCodeDefinition>();
  for (const row of rows) {
    // A duplicate would silently shadow a meaning; fail loudly when the module loads instead.
    if (table.has(row.code)) throw new Error(`Contact ID: duplicate event ${row.code} in table`);
    table.set(row.code, Object.freeze({ ...row }));
  }
  return table;
}

/** Every Contact ID event code we know, keyed by its three digits ("130"). */
export const contactIdCodes: ReadonlyMap<string, ContactIdCodeDefinition> =
  buildTable(contactIdCodeRows);

/** The definition of a three-digit event code, or undefined when it is not in the table. */
export function lookupContactIdCode(event: string): ContactIdCodeDefinition | undefined {
  return contactIdCodes.get(event);
}

/** True for the qualifier digits DC-05 defines (1, 3, 6). */
export function isContactIdQualifier(qualifier: string): qualifier is ContactIdQualifier {
  return qualifier === '1' || qualifier === '3' || qualifier === '6';
}

/**
 * The kind of an event once its qualifier is applied. The table holds the qualifier-1 kind;
 * qualifier 3 turns an alarm into its restore, a trouble into a trouble restore, a bypass
 * into an unbypass and, for the 4xx open/close codes, an opening into a closing (DC-05:
 * "3 = new restore or closing"). Qualifier 6 repeats a condition, so the kind stays.
 */
export function kindForQualifier(kind: EventKind, qualifier: ContactIdQualifier): EventKind {
  if (qualifier !== '3') return kind;
  switch (kind) {
    case 'alarm':
      return 'restore';
    case 'trouble':
      return 'trouble-restore';
    case 'open':
      return 'close';
    case 'bypass':
      return 'unbypass';
    default:
      return kind;
  }
}

/** The SIA DC-03 code equivalent to an event with this qualifier, where one exists. */
export function siaCodeForQualifier(
  definition: ContactIdCodeDefinition,
  qualifier: ContactIdQualifier,
): string | undefined {
  return qualifier === '3' ? definition.siaRestore : definition.siaEvent;
}
