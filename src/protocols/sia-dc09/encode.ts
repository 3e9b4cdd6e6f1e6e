/**
 * Builds transmitter messages, as a panel does (used by the panel simulator and the tests).
 */
import { encrypt } from './encryption.ts';
import type { MessageToken } from './message.ts';
import { buildFrame } from './reply.ts';
import { formatTimestamp } from './timestamp.ts';

/** Everything a panel puts in one message. */
export interface OutgoingMessage {
  token: MessageToken;
  sequence: number;
  receiver?: string;
  line?: string;
  account: string;
  /** The data block without brackets, e.g. `#1234|Nri1/BA01`; empty for a link test. */
  data: string;
  xdata?: string[];
  /** Epoch ms for the timestamp; omitted only on plain messages. */
  timestamp?: number;
  /** AES key bytes: encrypts the message (the timestamp becomes mandatory). */
  key?: Buffer;
}

/** The message body (quote to before CR). */
export function encodeMessageBody(message: OutgoingMessage): string {
  const seq = String(message.sequence % 10000).padStart(4, '0');
  const receiver = message.receiver !== undefined ? `R${message.receiver}` : '';
  const header = `${seq}${receiver}L${message.line ?? '0'}#${message.account}`;
  const xdata = (message.xdata ?? []).map((block) => `[${block}]`).join('');
  const stamp = message.timestamp !== undefined ? formatTimestamp(message.timestamp) : '';
  if (!message.key) return `"${message.token}"${header}[${message.data}]${xdata}${stamp}`;

  const stampNow = stamp || formatTimestamp(Date.now());
  const secret = encrypt(Buffer.from(`${message.data}]${xdata}${stampNow}`, 'latin1'), message.key);
  return `"*${message.token}"${header}[${secret}`;
}

/** The whole frame, LF to CR. */
export function encodeMessage(message: OutgoingMessage): Buffer {
  return buildFrame(encodeMessageBody(message));
}
