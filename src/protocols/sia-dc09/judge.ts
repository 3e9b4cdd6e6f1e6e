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
  const policy = (headerAccount && policyFor(headerAccount)) || undefined;

  if (policy?.strict && quirks.length > 0) {
    const reason = `SIA DC-09: strict account ${headerAccount} sent a non-conforming frame (${quirks.join(', ')})`;
    return { action: 'nak', reason, header, account: headerAccount, quirks };
  }

  let content: MessageContent;
  if (parsed.encrypted) {
    if (!policy?.key) {
      const who = policy ? 'has no key' : 'is not registered';
      const reason = `SIA DC-09: encrypted message but account ${headerAccount ?? '?'} ${who}`;
      return { action: 'duh', reason, header, account: headerAccount, quirks };
    }
    try {
      content = decryptedContent(decrypt(parsed.ciphertext, policy.key));
    } catch (error) {
      const reason = `${(error as Error).message} (wrong key?)`;
      return { action: 'duh', reason, header, account: headerAccount, quirks };
    }
    if (content.timestamp === undefined) {
      const reason = 'SIA DC-09: encrypted message without a timestamp';
      return { action: 'duh', reason, header, account: headerAccount, quirks };
    }
  } else {
    content = parsed.content;
  }

  const account = headerAccount ?? splitDataAccount(content.data).account;
  if (!account) {
    return { action: 'nak', reason: 'SIA DC-09: message names no account', header, quirks };
  }
  if (!headerAccount) quirks.push('account-in-data-only');
  const effective = policy ?? policyFor(account) ?? DEFAULT_POLICY;

  const clockOffsetMs = content.timestamp !== undefined ? content.timestamp - now : undefined;
  // 5.5.1.8: only encrypted messages are held to the window; late plain ones are accepted
  // and their offset is recorded.
  if (parsed.encrypted && clockOffsetMs !== undefined) {
    const outside =
      clockOffsetMs < -effective.windowPastS * 1000 || clockOffsetMs > effective.windowFutureS * 1000;
    if (outside) {
      const reason = `SIA DC-09: timestamp ${Math.round(clockOffsetMs / 1000)} s off the receiver clock`;
      return { action: 'nak', reason, header, account, quirks };
    }
  }
  return { action: 'accept', message: { header, account, content, quirks, clockOffsetMs } };
}

export { Dc09ParseError };
