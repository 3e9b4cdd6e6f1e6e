/**
 * The zone-type families of SIA DC-03 event codes. DC-03 gives every zone type (burglary, fire,
 * gas, ...) the same set of second letters: A alarm, B bypass, H alarm restore, J trouble
 * restore, R restoral, S supervisory, T trouble, U unbypass and, for some types, X test.
 * Generating those rows from one pattern keeps the 100-odd family codes consistent; the codes
 * a family defines beyond the pattern (BC, FI, TP, ...) live in codes-other.ts.
 */
import type { CodeDefinition, EventCategory, EventKind } from '../../model/signal.ts';

/** One second letter of the shared family pattern. */
interface FamilySuffix {
  kind: EventKind;
  /** Overrides the family category (bypasses and tests are not alarms of the family). */
  category?: EventCategory;
  describe: (noun: string) => string;
}

const SUFFIXES: Readonly<Record<string, FamilySuffix>> = {
  A: { kind: 'alarm', describe: (n) => `${n} alarm` },
  B: { kind: 'bypass', category: 'bypass', describe: (n) => `${n} zone bypassed` },
  H: { kind: 'restore', describe: (n) => `${n} alarm restored` },
  J: { kind: 'trouble-restore', describe: (n) => `${n} trouble restored` },
  R: { kind: 'restore', describe: (n) => `${n} restoral: alarm or trouble has cleared` },
  // Supervisory means "the protection is in an unsafe state", not an alarm: handled as trouble.
  S: { kind: 'trouble', describe: (n) => `${n} supervisory condition` },
  T: { kind: 'trouble', describe: (n) => `${n} trouble: zone faulted or disabled` },
  U: { kind: 'unbypass', category: 'bypass', describe: (n) => `${n} zone bypass removed` },
  X: { kind: 'test', category: 'test', describe: (n) => `${n} zone activated during a test` },
};

/** A zone-type family: first letter, the noun used in descriptions, and its category. */
interface Family {
  letter: string;
  noun: string;
  category: EventCategory;
  /** The second letters DC-03 defines for this family. */
  suffixes: string;
}

const STANDARD = 'ABHJRSTU';

const FAMILIES: readonly Family[] = [
  { letter: 'B', noun: 'Burglary', category: 'burglary', suffixes: STANDARD + 'X' },
  { letter: 'F', noun: 'Fire', category: 'fire', suffixes: STANDARD + 'X' },
  { letter: 'G', noun: 'Gas', category: 'gas', suffixes: STANDARD + 'X' },
  { letter: 'H', noun: 'Hold-up', category: 'hold-up', suffixes: STANDARD },
  { letter: 'K', noun: 'Heat', category: 'environmental', suffixes: STANDARD },
  { letter: 'M', noun: 'Medical', category: 'medical', suffixes: STANDARD },
  { letter: 'P', noun: 'Panic', category: 'panic', suffixes: STANDARD },
  // DC-03 "emergency" is a manually requested assistance call of no stated type; it is
  // prioritised like a panic because an operator has to answer it the same way.
  { letter: 'Q', noun: 'Emergency', category: 'panic', suffixes: STANDARD },
  // Sprinkler flow and valve supervision belong to the fire protection system.
  { letter: 'S', noun: 'Sprinkler', category: 'fire', suffixes: STANDARD },
  // The tamper family has no supervisory (TS is "test start") and no X (TX is "test report").
  { letter: 'T', noun: 'Tamper', category: 'tamper', suffixes: 'ABHJRTU' },
  // Untyped zones: the panel did not say what the zone protects, so no priority is implied.
  { letter: 'U', noun: 'Untyped zone', category: 'other', suffixes: STANDARD },
  { letter: 'W', noun: 'Water', category: 'environmental', suffixes: STANDARD },
  { letter: 'Z', noun: 'Freeze', category: 'environmental', suffixes: STANDARD },
];

/** Every family code DC-03 defines by the shared pattern (BA, BB, ..., ZU). */
export const siaFamilyCodes: readonly CodeDefinition[] = FAMILIES.flatMap((family) =>
  [...family.suffixes].map((letter): CodeDefinition => {
    const suffix = SUFFIXES[letter];
    return {
      code: family.letter + letter,
      description: suffix.describe(family.noun),
      kind: suffix.kind,
      category: suffix.category ?? family.category,
      address: 'zone',
    };
  }),
);
