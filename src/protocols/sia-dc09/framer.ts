/**
 * Splits a byte stream (a TCP connection or one UDP datagram) into DC-09 frames.
 *
 * A frame is `<LF> crc 0LLL "id"...<CR>` (DC-09 5.5.1). Framing uses both the LF...CR markers and
 * the length field, because real panels break each of them:
 * - Ajax hubs put several frames in one TCP segment and only the last one ends with CR
 *   (pysiaalarm PR #90), so an LF where CR was expected starts the next frame;
 * - Lupusec and Trikdis send the CRC as 2 raw bytes instead of 4 hex characters
 *   (ioBroker.sia sia.ts; pysiaalarm #52), which moves the quote 2 bytes left;
 * - Lupusec appends NUL bytes after CR (ioBroker.sia #11);
 * - ELDES writes the length in decimal, pysiaalarm's own vectors carry wrong lengths: a length
 *   field that does not point at CR falls back to the first CR.
 */
import type { Quirk } from './quirks.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Longest frame we accept, LF to CR. Encrypted frames with extended data stay well below. */
export const MAX_FRAME_BYTES = 2048;

/** A frame cut from the stream, not yet checked. */
export interface RawFrame {
  /** The frame as received, LF through CR (and the NULs after it). */
  bytes: Buffer;
  /** From the opening quote of the id token up to, not including, CR: what the CRC covers. */
  body: Buffer;
  /** The CRC as sent: 4 hex characters, or the 2 raw bytes read as a number. */
  crc: { form: 'ascii'; text: string } | { form: 'binary'; value: number };
  /** The 4 characters of the length field. */
  length: string;
  /** Framing tolerances this frame needed. */
  quirks: Quirk[];
}

/** Bytes the framer threw away, and why. */
export interface Discard {
  reason: 'garbage' | 'bad-header' | 'oversized';
  bytes: Buffer;
}

export type FramerOutput = { frame: RawFrame } | { discard: Discard };

const isHexByte = (b: number) =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

function isHexRun(buf: Buffer, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) if (!isHexByte(buf[i])) return false;
  return true;
}

/** Position of the opening quote for a frame starting at `lf`, or -1 if no header fits. */
function quoteOffset(buf: Buffer, lf: number): number {
  if (isHexRun(buf, lf + 1, 8) && buf[lf + 9] === QUOTE) return lf + 9;
  if (isHexRun(buf, lf + 3, 4) && buf[lf + 7] === QUOTE) return lf + 7;
  return -1;
}

function isAllNul(buf: Buffer): boolean {
  for (const b of buf) if (b !== 0) return false;
  return true;
}

/** Stateful splitter for one connection. Feed it chunks; it returns what became complete. */
export class Dc09Framer {
  private buf: Buffer = Buffer.alloc(0);

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /** Adds a chunk and returns the frames and discards it completed. */
  push(chunk: Buffer): FramerOutput[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: FramerOutput[] = [];
    const consumed = this.extract(out, false);
    this.buf = consumed >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(consumed);
    return out;
  }

  /** Ends the stream (end of a datagram): a last frame without CR ends where the bytes end. */
  finish(): FramerOutput[] {
    const out: FramerOutput[] = [];
    this.extract(out, true);
    this.buf = Buffer.alloc(0);
    return out;
  }

  private extract(out: FramerOutput[], atEnd: boolean): number {
    const buf = this.buf;
    let offset = 0;
    while (offset < buf.length) {
      const lf = buf.indexOf(LF, offset);
      if (lf < 0) {
        pushJunk(out, buf.subarray(offset));
        return buf.length;
      }
      if (lf > offset) pushJunk(out, buf.subarray(offset, lf));
      offset = lf;

      if (buf.length - lf < 10 && !atEnd) return offset;
      const quote = quoteOffset(buf, lf);
      if (quote < 0) {
        const next = buf.indexOf(LF, lf + 1);
        const end = next < 0 ? (atEnd ? buf.length : lf + 1) : next;
        out.push({ discard: { reason: 'bad-header', bytes: buf.subarray(lf, end) } });
        offset = end;
        continue;
      }

      const end = findEnd(buf, quote, atEnd);
      if (end < 0) {
        if (buf.length - lf <= MAX_FRAME_BYTES) return offset;
        out.push({ discard: { reason: 'oversized', bytes: buf.subarray(lf, lf + MAX_FRAME_BYTES) } });
        offset = lf + 1;
        continue;
      }
      offset = this.emit(out, buf, lf, quote, end);
    }
    return offset;
  }

  private emit(out: FramerOutput[], buf: Buffer, lf: number, quote: number, end: number): number {
    const quirks: Quirk[] = [];
    let next = end;
    if (buf[end] === CR) {
      next = end + 1;
      let nuls = next;
      while (nuls < buf.length && buf[nuls] === 0) nuls++;
      if (nuls > next) quirks.push('trailing-nul');
      next = nuls;
    } else {
      quirks.push('missing-cr');
    }
    const ascii = quote === lf + 9;
    if (!ascii) quirks.push('binary-crc');
    const lengthStart = quote - 4;
    out.push({
      frame: {
        bytes: buf.subarray(lf, next),
        body: buf.subarray(quote, end),
        crc: ascii
          ? { form: 'ascii', text: buf.toString('latin1', lf + 1, lf + 5) }
          : { form: 'binary', value: (buf[lf + 1] << 8) | buf[lf + 2] },
        length: buf.toString('latin1', lengthStart, quote),
        quirks,
      },
    });
    return next;
  }
}

/**
 * Index of the byte that ends the frame whose quote is at `quote`: the CR the length field
 * points at, else the first CR or LF after the quote (the body holds neither), else -1.
 */
function findEnd(buf: Buffer, quote: number, atEnd: boolean): number {
  const declared = parseInt(buf.toString('latin1', quote - 4, quote), 16);
  if (buf[quote + declared] === CR) return quote + declared;
  const limit = Math.min(buf.length, quote + MAX_FRAME_BYTES);
  for (let i = quote + 1; i < limit; i++) {
    if (buf[i] === CR || buf[i] === LF) return i;
  }
  if (atEnd && buf.length - quote < MAX_FRAME_BYTES) return buf.length;
  return -1;
}

function pushJunk(out: FramerOutput[], bytes: Buffer): void {
  // NULs between frames come from panels that pad after CR; nothing to report.
  if (bytes.length === 0 || isAllNul(bytes)) return;
  out.push({ discard: { reason: 'garbage', bytes } });
}
