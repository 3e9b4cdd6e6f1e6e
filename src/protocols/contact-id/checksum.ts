/**
 * The Contact ID checksum (SIA DC-05): every digit of the message, the check digit included,
 * is given a value from 1 to 15 and the total must be a multiple of 15. A "0" counts 10 (it
 * is the tenth DTMF key), so that no digit counts nothing and a dropped "0" is still caught.
 *
 * The six values above 9 have two spellings in the wild, so the alphabet is a parameter:
 * - 'dtmf' (default): the DTMF key names a receiver hears on the phone line, * # A B C
 *   for 11..15. Asterisk app_alarmreceiver and our test vectors (contactid.jsonl, whose
 *   check digit "C" stands for 15) use these.
 * - 'hex': the hex digits DC-05 writes in its tables, B C D E F for 11..15.
 * B and C mean different values in the two, which is why the caller must choose.
 */

/** How digits above 9 are written: DTMF key names (default) or DC-05 hex digits. */
export type ContactIdAlphabet = 'dtmf' | 'hex';

const HIGH_DIGITS: Readonly<Record<ContactIdAlphabet, string>> = {
  dtmf: '*#ABC',
  hex: 'BCDEF',
};

/** The checksum value (1..15) of one digit, or undefined when it is not in the alphabet. */
export function contactIdDigitValue(
  digit: string,
  alphabet: ContactIdAlphabet = 'dtmf',
): number | undefined {
  if (digit.length !== 1) return undefined;
  if (digit === '0') return 10;
  if (digit >= '1' && digit <= '9') return Number(digit);
  const high = HIGH_DIGITS[alphabet].indexOf(digit);
  return high < 0 ? undefined : 11 + high;
}

/** The digit that stands for a checksum value 1..15 in the alphabet. */
function digitForValue(value: number, alphabet: ContactIdAlphabet): string {
  if (value === 10) return '0';
  if (value < 10) return String(value);
  return HIGH_DIGITS[alphabet][value - 11];
}

function digitSum(digits: string, alphabet: ContactIdAlphabet): number | undefined {
  let sum = 0;
  for (const digit of digits) {
    const value = contactIdDigitValue(digit, alphabet);
    if (value === undefined) return undefined;
    sum += value;
  }
  return sum;
}

/**
 * The check digit to append to `digits` (normally the first 15 digits of a message) so that
 * the total is a multiple of 15. Throws when a digit is not in the alphabet.
 */
export function computeContactIdChecksum(
  digits: string,
  alphabet: ContactIdAlphabet = 'dtmf',
): string {
  const sum = digitSum(digits, alphabet);
  if (sum === undefined) {
    throw new Error(`Contact ID: ${JSON.stringify(digits)} has a digit outside ${alphabet}`);
  }
  // A remainder of 0 still needs a check digit, and no digit counts 0: use the one worth 15.
  return digitForValue(15 - (sum % 15), alphabet);
}

/**
 * True when the digits (check digit included) sum to a multiple of 15. False for a wrong
 * sum and for any digit outside the alphabet.
 */
export function verifyContactIdChecksum(
  digits: string,
  alphabet: ContactIdAlphabet = 'dtmf',
): boolean {
  const sum = digitSum(digits, alphabet);
  return sum !== undefined && digits.length > 0 && sum % 15 === 0;
}
