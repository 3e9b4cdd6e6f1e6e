/**
 * DC-09 encryption (5.4.4): AES-128/192/256 in CBC mode with an all-zero IV over
 * `pad|data][xdata]..._timestamp`, sent as hex after the `[`. The pad makes the length a
 * multiple of 16 (16 bytes when it already is), holds any byte but `|`, `[` and `]`, and is ended
 * by `|`.
 */
import crypto from 'node:crypto';

import { parseContent, type MessageContent } from './message.ts';

/** How an account's key was written down: the ASCII characters themselves, or hex digits. */
export type KeyForm = 'ascii' | 'hex';

const ZERO_IV = Buffer.alloc(16);
const PIPE = 0x7c;
const CLOSE = 0x5d;

/**
 * Key bytes from the configured text. pysiaalarm (tested with Ajax) uses 16/24/32 ASCII
 * characters; ioBroker.sia and dc09_spt use 32/48/64 hex digits. Both exist in the field.
 */
export function keyBytes(key: string, form: KeyForm): Buffer {
  const bytes = form === 'hex' ? Buffer.from(key, 'hex') : Buffer.from(key, 'latin1');
  if (form === 'hex' && !/^[0-9A-Fa-f]*$/.test(key)) throw new Error('SIA DC-09: key is not hex');
  if (![16, 24, 32].includes(bytes.length)) {
    throw new Error(`SIA DC-09: key must be 16, 24 or 32 bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * The form of a key written without one: 32/48/64 hex digits are hex, 16/24 characters ASCII.
 * A 32-character key that is not all hex could be an ASCII AES-256 key or a mistyped hex key:
 * undefined, so that the caller asks for the form instead of guessing a key the panel lacks.
 */
export function guessKeyForm(key: string): KeyForm | undefined {
  const hex = /^[0-9A-Fa-f]+$/.test(key);
  if (hex && [32, 48, 64].includes(key.length)) return 'hex';
  if ([16, 24].includes(key.length)) return 'ascii';
  return undefined;
}

function cipherName(key: Buffer): string {
  return `aes-${key.length * 8}-cbc`;
}

/** Decrypts the hex after `[`; throws when it is not a whole number of blocks. */
export function decrypt(ciphertextHex: string, key: Buffer): Buffer {
  if (ciphertextHex.length % 32 !== 0) {
    throw new Error('SIA DC-09: encrypted part is not a whole number of AES blocks');
  }
  const decipher = crypto.createDecipheriv(cipherName(key), key, ZERO_IV);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(ciphertextHex, 'hex')), decipher.final()]);
}

/** Encrypts `text` after a fresh random pad and returns upper-case hex. */
export function encrypt(text: Buffer, key: Buffer, random = crypto.randomBytes): string {
  // 1 to 16 pad bytes: a message that would already fill whole blocks gets a full block of pad.
  const padLength = 16 - ((text.length + 1) % 16);
  const plain = Buffer.concat([makePad(padLength, random), Buffer.from([PIPE]), text]);
  const cipher = crypto.createCipheriv(cipherName(key), key, ZERO_IV);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('hex').toUpperCase();
}

/** Pad bytes: printable, never `|`, `[` or `]` (DC-09 5.4.4), different every message. */
function makePad(length: number, random: (n: number) => Buffer): Buffer {
  const pad = random(length);
  for (let i = 0; i < length; i++) {
    let b = 0x21 + (pad[i] % 94);
    if (b === 0x7c || b === 0x5b || b === 0x5d) b = 0x41;
    pad[i] = b;
  }
  return pad;
}

/**
 * The plain content of a decrypted message. The pad ends at the first `|`; the encrypted NULL
 * of pysiaalarm's test set has no `|` at all (`ppppppppppp]_18:24:52,07-05-2020`), so without one
 * the empty data block ends at the first `]`. The pad may hold any byte, LF included (the early
 * pysiaalarm regex stopped at an LF in the pad, eavanvalkenburg/sia #21): work on bytes.
 */
export function decryptedContent(plain: Buffer): MessageContent {
  const pipe = plain.indexOf(PIPE);
  const start = pipe >= 0 ? pipe + 1 : plain.indexOf(CLOSE);
  if (start < 0) throw new Error('SIA DC-09: decrypted text has neither | nor ]');
  return parseContent('[' + plain.toString('latin1', start));
}
