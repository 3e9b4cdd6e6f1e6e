/**
 * Departures from DC-09 that real panels make and that cannot be mistaken for a valid frame.
 * A tolerant account accepts them and counts each one; a strict account rejects the frame.
 */
export type Quirk =
  | 'binary-crc' // CRC as 2 raw bytes (Lupusec, Trikdis E16 in "DC-09_2012" mode, Jablotron)
  | 'crc-includes-cr' // CRC computed over the body plus the trailing CR (ELDES, pysiaalarm #17)
  | 'lowercase-hex' // a-f in CRC, length or ciphertext (Eaton, pysiaalarm #8)
  | 'empty-line-prefix' // "L" with no digits (Lupusec, G90B-PLUS)
  | 'trailing-nul' // NUL bytes after CR (Lupusec, ioBroker.sia #11)
  | 'wrong-length' // length field does not match the body
  | 'decimal-length' // length field written in decimal (ELDES)
  | 'missing-cr' // frame ended by the next LF or the end of a datagram (Ajax, pysiaalarm PR #90)
  | 'account-in-data-only'; // no #acct in the header, only inside the data block

/** Every quirk, for counters and documentation. */
export const QUIRKS: readonly Quirk[] = [
  'binary-crc',
  'crc-includes-cr',
  'lowercase-hex',
  'empty-line-prefix',
  'trailing-nul',
  'wrong-length',
  'decimal-length',
  'missing-cr',
  'account-in-data-only',
];
