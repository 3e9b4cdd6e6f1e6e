/**
 * What a receiver must do with one frame: the whole DC-09 receive rule set, free of sockets
 * and storage. The listener stores what is judged `accept` and only then sends the ACK.
 */
import { decrypt, decryptedContent } from './encryption.ts';
import { checkFrame } from './frame-check.ts';
import type { RawFrame } from './framer.ts';
import {
  Dc09ParseError,
  parseMessage,
  splitDataAccount,
  type MessageContent,
  type MessageHeader,
} from './message.ts';
import type { Quirk } from './quirks.ts';

/** What the receiver knows of an account when a frame arrives. */
export interface AccountPolicy {
  /** AES key bytes, when the account has one. */
  key?: Buffer;
  /** Reject every quirk instead of tolerating it. */
  strict: boolean;
  /** Accepted clock difference for encrypted messages, seconds into the past / future. */
  windowPastS: number;
  windowFutureS: number;
}

/** A message that passed every check: store it, then ACK it. */
export interface AcceptedMessage {
  header: MessageHeader;
  /** The account the message is for: the header's, else the data block's. */
  account: string;
  content: MessageContent;
  quirks: Quirk[];
  /** Panel clock minus receiver clock, ms, when the message had a timestamp. */
  clockOffsetMs?: number;
}

export type Verdict =
  | { action: 'accept'; message: AcceptedMessage }
  /** Bad CRC, unreadable header, a strict account's quirk, or a timestamp outside the window. */
  | { action: 'nak'; reason: string; header?: MessageHeader; account?: string; quirks: Quirk[] }
  /** Well-formed, but it cannot be processed (no key, undecryptable). */
  | { action: 'duh'; reason: string; header: MessageHeader; account?: string; quirks: Quirk[] };

const DEFAULT_POLICY: AccountPolicy = { strict: false, windowPastS: 40, windowFutureS: 20 };

/**
 * Judges one frame. `policyFor` returns undefined for an account nobody registered: its plain
 * messages are accepted (losing an alarm because nobody registered the account is worse), its
 * encrypted ones cannot be read and get DUH.
 */
export function judgeFrame(
  frame: RawFrame,
  policyFor: (account: string) => AccountPolicy | undefined,
  now: number,
): Verdict {
  const check = checkFrame(frame);
  if (!check.ok) return { action: 'nak', reason: check.reason, quirks: check.quirks };
  const quirks = check.quirks;

  let parsed;
  try {
    parsed = parseMessage(frame.body.toString('latin1'), quirks);
  } catch (error) {
    return { action: 'nak', reason: (error as Error).message, quirks };
  }
  const header = parsed.header;
  const headerAccount = header.account;
  const headerPolicy = (headerAccount && policyFor(headerAccount)) || undefined;

  let content: MessageContent;
  if (parsed.encrypted) {
    const opened = openEncrypted(parsed.ciphertext, headerPolicy, headerAccount);
    if ('reason' in opened) return { action: 'duh', reason: opened.reason, header, account: headerAccount, quirks };
    content = opened.content;
  } else {
    content = parsed.content;
  }

  const account = headerAccount ?? splitDataAccount(content.data).account;
  if (!account) {
    return { action: 'nak', reason: 'SIA DC-09: message names no account', header, quirks };
  }
  if (!headerAccount) quirks.push('account-in-data-only');
  const policy = headerPolicy ?? policyFor(account);

  if (policy?.strict && quirks.length > 0) {
    const reason = `SIA DC-09: strict account ${account} sent a non-conforming frame (${quirks.join(', ')})`;
    return { action: 'nak', reason, header, account, quirks };
  }
  // An account with a key speaks encrypted only: a plain message in its name is not from its
  // panel (it could clear a "communication lost" alarm or raise a false one).
  if (policy?.key && !parsed.encrypted) {
    const reason = `SIA DC-09: plain message for account ${account}, which sends encrypted messages only`;
    return { action: 'duh', reason, header, account, quirks };
  }

  const clockOffsetMs = content.timestamp !== undefined ? content.timestamp - now : undefined;
  // 5.5.1.8: only encrypted messages are held to the window; late plain ones are accepted
  // and their offset is recorded.
  if (parsed.encrypted && clockOffsetMs !== undefined && outsideWindow(clockOffsetMs, policy ?? DEFAULT_POLICY)) {
    const reason = `SIA DC-09: timestamp ${Math.round(clockOffsetMs / 1000)} s off the receiver clock`;
    return { action: 'nak', reason, header, account, quirks };
  }
  return { action: 'accept', message: { header, account, content, quirks, clockOffsetMs } };
}

/** Decrypts with the account's key; an account without one, or the wrong one, cannot be read. */
function openEncrypted(
  ciphertext: string,
  policy: AccountPolicy | undefined,
  account: string | undefined,
): { content: MessageContent } | { reason: string } {
  if (!policy?.key) {
    return { reason: `SIA DC-09: encrypted message but account ${account ?? '?'} ${policy ? 'has no key' : 'is not registered'}` };
  }
  let content: MessageContent;
  try {
    content = decryptedContent(decrypt(ciphertext, policy.key));
  } catch (error) {
    return { reason: `${(error as Error).message} (wrong key?)` };
  }
  if (content.timestamp === undefined) return { reason: 'SIA DC-09: encrypted message without a timestamp' };
  return { content };
}

function outsideWindow(offsetMs: number, policy: AccountPolicy): boolean {
  return offsetMs < -policy.windowPastS * 1000 || offsetMs > policy.windowFutureS * 1000;
}

export { Dc09ParseError };
