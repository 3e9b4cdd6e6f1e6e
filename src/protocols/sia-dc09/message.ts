/**
 * The message inside a DC-09 frame (DC-09 5.5.1.4 to 5.5.1.9):
 * `"id"seq[Rrcvr]Lpref[#acct][data][xdata...][_timestamp]`, or for encrypted ids
 * `"*id"seq[Rrcvr]Lpref[#acct][HEX...` where the hex covers data, extended data and timestamp.
 */
import type { Quirk } from './quirks.ts';
import { parseTimestamp, TIMESTAMP_LENGTH } from './timestamp.ts';

/** The message ids a receiver can get from a transmitter. */
export type MessageToken = 'SIA-DCS' | 'ADM-CID' | 'NULL';

/** The ids a transmitter can get back (5.5.3). */
export type ReplyToken = 'ACK' | 'NAK' | 'DUH';

const TOKENS: ReadonlySet<string> = new Set(['SIA-DCS', 'ADM-CID', 'NULL']);
export const REPLY_TOKENS: ReadonlySet<string> = new Set(['ACK', 'NAK', 'DUH']);

/** The header fields every message has, encrypted or not. */
export interface MessageHeader {
  token: MessageToken;
  encrypted: boolean;
  /** Sequence number as sent (4 digits; echoed back unchanged). */
  sequence: string;
  /** Receiver number without the R, or undefined when absent. */
  receiver?: string;
  /** Line prefix without the L (may be "" when a panel sends a bare L). */
  line: string;
  /** Account without the #, or undefined when the header has none. */
  account?: string;
}

/** The part inside and after the brackets, once plain (sent plain or decrypted). */
export interface MessageContent {
  /** The data block between the first [ and its ], e.g. `#1234|Nri1/BA01`. */
  data: string;
  /** Extended data blocks, each without brackets, e.g. `X006E07.7777777`. */
  xdata: string[];
  /** The timestamp text with its underscore, if any. */
  timestampText?: string;
  /** The timestamp as epoch milliseconds, if present and valid. */
  timestamp?: number;
}

export type ParsedMessage =
  | { header: MessageHeader; encrypted: false; content: MessageContent }
  | { header: MessageHeader; encrypted: true; ciphertext: string };

export class Dc09ParseError extends Error {
  override name = 'Dc09ParseError';
}

const fail = (why: string): never => {
  throw new Dc09ParseError(`SIA DC-09: ${why}`);
};

const HEX = /^[0-9A-Fa-f]*$/;

/**
 * Parses the frame body (quote to before CR). Throws Dc09ParseError when it is not a message.
 * `tokens` names the ids accepted: transmitter messages by default, REPLY_TOKENS for replies.
 */
export function parseMessage(body: string, quirks: Quirk[] = [], tokens = TOKENS): ParsedMessage {
  if (body.charCodeAt(0) !== 0x22) fail('message does not start with a quote');
  const close = body.indexOf('"', 1);
  if (close < 0) fail('unterminated message id');
  let id = body.slice(1, close);
  const encrypted = id.startsWith('*');
  if (encrypted) id = id.slice(1);
  if (!tokens.has(id)) fail(`unsupported message id "${body.slice(1, close)}"`);

  const bracket = body.indexOf('[', close);
  if (bracket < 0) fail('no [ after the header');
  const fields = parseHeader(body.slice(close + 1, bracket), quirks);
  const rest = body.slice(bracket);
  // A reply's id is one of REPLY_TOKENS; the header type names transmitter ids only.
  const header: MessageHeader = { token: id as MessageToken, encrypted, ...fields };

  if (encrypted) {
    const ciphertext = rest.slice(1);
    if (ciphertext.length === 0 || !HEX.test(ciphertext)) fail('encrypted part is not hex');
    if (/[a-f]/.test(ciphertext) && !quirks.includes('lowercase-hex')) quirks.push('lowercase-hex');
    return { header, encrypted: true, ciphertext };
  }
  return { header, encrypted: false, content: parseContent(rest) };
}

/** `seq[Rrcvr]Lpref[#acct]` (DC-09 5.5.1.5 to 5.5.1.7). */
function parseHeader(text: string, quirks: Quirk[]): Omit<MessageHeader, 'token' | 'encrypted'> {
  const match = /^(\d{1,4})(?:R([0-9A-Fa-f]{0,6}))?L([0-9A-Fa-f]{0,6})(?:#([0-9A-Za-z]{1,16}))?$/.exec(
    text,
  );
  if (!match) fail(`bad header "${text}"`);
  const [, sequence, receiver, line, account] = match!;
  // Lupusec and the G90B-PLUS send a bare "L" (ioBroker.sia #11, #19): read as line 0.
  if (line === '') quirks.push('empty-line-prefix');
  return { sequence, receiver, line, account };
}

/**
 * `[data][xdata]...[_timestamp]` as plain text, from the first `[`. The data block may hold
 * `^text^` with any characters but `^`, so `]` is looked for outside of it.
 */
export function parseContent(text: string): MessageContent {
  if (text[0] !== '[') fail('data block does not start with [');
  const dataEnd = closingBracket(text, 0);
  if (dataEnd < 0) fail('unterminated data block');
  const data = text.slice(1, dataEnd);
  const xdata: string[] = [];
  let at = dataEnd + 1;
  while (text[at] === '[') {
    const end = text.indexOf(']', at);
    if (end < 0) fail('unterminated extended data block');
    xdata.push(text.slice(at + 1, end));
    at = end + 1;
  }
  const tail = text.slice(at);
  if (tail === '') return { data, xdata };
  if (tail.length !== TIMESTAMP_LENGTH || tail[0] !== '_') fail(`unexpected "${tail}" after data`);
  const timestamp = parseTimestamp(tail);
  if (timestamp === undefined) fail(`bad timestamp "${tail}"`);
  return { data, xdata, timestampText: tail, timestamp };
}

function closingBracket(text: string, open: number): number {
  let inText = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '^') inText = !inText;
    else if (c === ']' && !inText) return i;
  }
  return -1;
}

/** Splits `#acct|payload` into its parts; the account prefix is optional (pysiaalarm vectors). */
export function splitDataAccount(data: string): { account?: string; payload: string } {
  const bar = data.indexOf('|');
  if (bar < 0) return { payload: data };
  const prefix = data.slice(0, bar);
  const account = prefix.startsWith('#') ? prefix.slice(1) : undefined;
  return { account: account || undefined, payload: data.slice(bar + 1) };
}
