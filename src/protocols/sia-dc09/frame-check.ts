import { crc16, crcHex } from './crc16.ts';
import type { RawFrame } from './framer.ts';
import type { Quirk } from './quirks.ts';

const CR_ONLY = Buffer.from([0x0d]);

/** The outcome of checking a frame's CRC and length fields. */
export type FrameCheck =
  | { ok: true; quirks: Quirk[] }
  | { ok: false; reason: string; quirks: Quirk[] };

const isUpperHex = (text: string) => /^[0-9A-F]+$/.test(text);

/**
 * Checks the CRC (DC-09 5.5.1.2: CRC-16/ARC over the body) and the length field (5.5.1.3: hex
 * count of body bytes). A CRC that matches only with the CR included is accepted as the ELDES
 * quirk; a CRC that matches nothing fails the frame. A wrong length never fails it on its own:
 * the CRC already proves the bytes, and pysiaalarm never checked lengths, so panels got away
 * with wrong ones for years.
 */
export function checkFrame(frame: RawFrame): FrameCheck {
  const quirks: Quirk[] = [...frame.quirks];
  const computed = crc16(frame.body);
  const crcResult = matchCrc(frame, computed, quirks);
  if (crcResult) return { ok: false, reason: crcResult, quirks };

  checkLength(frame, quirks);
  return { ok: true, quirks };
}

function matchCrc(frame: RawFrame, computed: number, quirks: Quirk[]): string | undefined {
  let sent: number;
  if (frame.crc.form === 'binary') {
    sent = frame.crc.value;
  } else {
    const text = frame.crc.text;
    sent = parseInt(text, 16);
    if (!isUpperHex(text)) quirks.push('lowercase-hex');
  }
  if (sent === computed) return undefined;

  const withCr = crc16(CR_ONLY, 0, 1, computed);
  if (sent === withCr) {
    quirks.push('crc-includes-cr');
    return undefined;
  }
  return `SIA DC-09: CRC mismatch (sent ${crcHex(sent)}, computed ${crcHex(computed)})`;
}

function checkLength(frame: RawFrame, quirks: Quirk[]): void {
  const size = frame.body.length;
  if (parseInt(frame.length, 16) === size) {
    if (!isUpperHex(frame.length) && !quirks.includes('lowercase-hex')) quirks.push('lowercase-hex');
    return;
  }
  if (/^\d{4}$/.test(frame.length) && Number(frame.length) === size) quirks.push('decimal-length');
  else quirks.push('wrong-length');
}
