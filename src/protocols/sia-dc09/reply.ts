/**
 * Receiver replies (DC-09 5.5.3): ACK, NAK and DUH, and their framing.
 */
import { crc16, crcHex } from './crc16.ts';
import { encrypt } from './encryption.ts';
import { parseMessage, REPLY_TOKENS, type MessageHeader, type ReplyToken } from './message.ts';
import { formatTimestamp } from './timestamp.ts';

/** Wraps a message body as a frame: LF, CRC, length, body, CR (5.5.1). */
export function buildFrame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  const head = crcHex(crc16(bytes)) + bytes.length.toString(16).toUpperCase().padStart(4, '0');
  return Buffer.concat([Buffer.from('\n' + head, 'latin1'), bytes, Buffer.from('\r')]);
}

/**
 * The header fields echoed back exactly as the panel sent them: a Pyronix Enforcer stopped
 * polling when the ACK dropped the L and #acct fields (home-assistant/core #180511).
 */
function echoFields(header: MessageHeader): string {
  const receiver = header.receiver !== undefined ? `R${header.receiver}` : '';
  const account = header.account !== undefined ? `#${header.account}` : '';
  return `${header.sequence}${receiver}L${header.line}${account}`;
}

/**
 * ACK (5.5.3.1). For an encrypted message the reply is `*ACK` and its bracket holds the
 * encrypted pad and receiver timestamp.
 */
export function buildAck(header: MessageHeader, now: number, key?: Buffer): Buffer {
  if (!header.encrypted || !key) return buildFrame(`"ACK"${echoFields(header)}[]`);
  const secret = encrypt(Buffer.from(']' + formatTimestamp(now), 'latin1'), key);
  return buildFrame(`"*ACK"${echoFields(header)}[${secret}`);
}

/**
 * NAK (5.5.3.2): never encrypted, carries the receiver's time so the panel can correct its
 * clock and resend (pysiaalarm #14, fixed in PR #19).
 */
export function buildNak(now: number): Buffer {
  return buildFrame(`"NAK"0000R0L0A0[]${formatTimestamp(now)}`);
}

/** DUH (5.5.3.3): a correctly received message the receiver cannot process. */
export function buildDuh(header: MessageHeader): Buffer {
  return buildFrame(`"DUH"${echoFields(header)}[]`);
}

/** A reply as the transmitter reads it. */
export interface ParsedReply {
  token: ReplyToken;
  encrypted: boolean;
  sequence: string;
  account?: string;
  /** The receiver's clock, from a NAK (or a plain ACK that carries one). */
  timestamp?: number;
}

/** Reads an ACK, NAK or DUH body (quote to before CR); throws when it is none of them. */
export function parseReply(body: string): ParsedReply {
  const parsed = parseMessage(body, [], REPLY_TOKENS);
  const { header } = parsed;
  return {
    token: header.token as unknown as ReplyToken,
    encrypted: header.encrypted,
    sequence: header.sequence,
    account: header.account,
    timestamp: parsed.encrypted ? undefined : parsed.content.timestamp,
  };
}
