/**
 * Parsers for the three ways Contact ID events reach us:
 * - the 16-digit DC-05 message `AAAA MT Q EEE GG ZZZ S` (account, message type 18 or 98,
 *   qualifier, event, group, zone/user, check digit), as a telephone receiver or a TCP
 *   bridge passes it on; spaces between the fields are tolerated;
 * - the DC-09 "ADM-CID" data after `#acct|`: `QEEE GG ZZZ`, with no account, message type
 *   or check digit (DC-09 carries its own CRC);
 * - the bracketed TCP form of Lupusec panels, `[test 18160201010B]`, whose account may be
 *   text (ioBroker.contactid README): the check digit is then reported as unverifiable.
 *
 * Errors are returned (`ok: false`, message starting "Contact ID:"), never thrown.
 */
import type { NormalisedEvent } from '../../model/signal.ts';
import {
  contactIdDigitValue,
  verifyContactIdChecksum,
  type ContactIdAlphabet,
} from './checksum.ts';
import { isContactIdQualifier } from './codes.ts';
import { normaliseContactIdEvent } from './normalise.ts';

/** Which of the three forms a message came in. */
export type ContactIdForm = 'message' | 'adm-cid-body' | 'bracketed';

/**
 * Tolerances applied while parsing:
 * - 'checksum-unverifiable': a check digit was sent but the account is not digits, so the
 *   sum cannot be formed (Lupusec text accounts); the message is accepted unverified.
 * - 'no-event': the all-zero body `0000 00 000` some panels put in a DC-09 NULL link test
 *   (pysiaalarm issue #42); it is accepted and carries no event.
 */
export type ContactIdFlag = 'checksum-unverifiable' | 'no-event';

/** A parsed Contact ID message: the fields as sent, plus the normalised event. */
export interface ContactIdMessage {
  form: ContactIdForm;
  /** Absent in the ADM-CID body form, where DC-09 carries the account. */
  account?: string;
  /** "18" or "98"; absent in the ADM-CID body form. */
  messageType?: string;
  qualifier: string;
  event: string;
  group: string;
  zoneOrUser: string;
  /** The check digit as sent; absent in the ADM-CID body form. */
  checksum?: string;
  /** True when verified; undefined when there was none or it could not be verified. */
  checksumOk?: boolean;
  flags: ContactIdFlag[];
  /** The event; absent only for the all-zero 'no-event' body. */
  normalised?: NormalisedEvent;
}

/** A parse outcome: the message, or an error starting "Contact ID:". */
export type ContactIdResult =
  | { ok: true; message: ContactIdMessage }
  | { ok: false; error: string };

/** Options for the parsers. */
export interface ContactIdParseOptions {
  /** How digits above 9 are written; see checksum.ts. Default 'dtmf'. */
  alphabet?: ContactIdAlphabet;
}

/** The fields after the account: MT Q EEE GG ZZZ S. */
interface RawFields {
  messageType: string;
  qualifier: string;
  event: string;
  group: string;
  zoneOrUser: string;
  checksum: string;
}

const fail = (error: string): ContactIdResult => ({ ok: false, error: `Contact ID: ${error}` });

const MESSAGE_TYPES: ReadonlySet<string> = new Set(['18', '98']);
const BODY = /^([0-9A-F])([0-9A-F]{3}) ?([0-9A-F]{2}) ?([0-9A-F]{3})$/;
const BRACKETED = /^\[(\S+) +(\S{12})\]$/;

/** Parses any of the three forms, telling them apart by shape. */
export function parseContactId(text: string, options: ContactIdParseOptions = {}): ContactIdResult {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return parseBracketedContactId(trimmed, options);
  if (trimmed.replace(/ /g, '').length === 9) return parseAdmCidBody(trimmed);
  return parseContactIdMessage(trimmed, options);
}

/** Parses the 16-digit message `AAAA MT Q EEE GG ZZZ S`; the check digit must be right. */
export function parseContactIdMessage(
  text: string,
  options: ContactIdParseOptions = {},
): ContactIdResult {
  const alphabet = options.alphabet ?? 'dtmf';
  const digits = text.replace(/ /g, '');
  if (digits.length !== 16) return fail(`expected 16 digits, got ${digits.length}`);
  // The message type is checked first: a non-Contact-ID message (e.g. MT 56 with hex digits)
  // should be reported as such, not as a bad digit somewhere further on.
  const fields = splitFields(digits.slice(4));
  const typeProblem = checkMessageType(fields.messageType);
  if (typeProblem !== undefined) return fail(typeProblem);
  const bad = [...digits].findIndex((digit) => contactIdDigitValue(digit, alphabet) === undefined);
  if (bad >= 0) return fail(`${JSON.stringify(digits[bad])} at ${bad} is not a ${alphabet} digit`);
  if (!verifyContactIdChecksum(digits, alphabet)) {
    return fail(`checksum mismatch in ${digits} (digit sum is not a multiple of 15)`);
  }
  return finish('message', fields, { account: digits.slice(0, 4), checksumOk: true });
}

/** Parses the DC-09 ADM-CID data `QEEE GG ZZZ` (after `#acct|`). */
export function parseAdmCidBody(body: string): ContactIdResult {
  const match = BODY.exec(body.trim());
  if (match === null) {
    return fail(`ADM-CID body must be "QEEE GG ZZZ", got ${JSON.stringify(body)}`);
  }
  const [, qualifier, event, group, zoneOrUser] = match;
  return finish('adm-cid-body', { qualifier, event, group, zoneOrUser }, {});
}

/**
 * Parses the bracketed TCP form `[ACCOUNT MTQEEEGGZZZS]` (Lupusec). A numeric account lets
 * the check digit be verified, and a wrong one is rejected; a text account cannot take part
 * in the digit sum, so the message is accepted with the 'checksum-unverifiable' flag.
 */
export function parseBracketedContactId(
  text: string,
  options: ContactIdParseOptions = {},
): ContactIdResult {
  const alphabet = options.alphabet ?? 'dtmf';
  const match = BRACKETED.exec(text.trim());
  if (match === null) {
    return fail(`expected "[ACCOUNT MTQEEEGGZZZS]", got ${JSON.stringify(text)}`);
  }
  const [, account, rest] = match;
  const fields = splitFields(rest);
  const typeProblem = checkMessageType(fields.messageType);
  if (typeProblem !== undefined) return fail(typeProblem);
  const verifiable = [...account].every((ch) => contactIdDigitValue(ch, alphabet) !== undefined);
  if (!verifiable) {
    return finish('bracketed', fields, { account, flags: ['checksum-unverifiable'] });
  }
  if (!verifyContactIdChecksum(account + rest, alphabet)) {
    return fail(`checksum mismatch in ${text} (digit sum is not a multiple of 15)`);
  }
  return finish('bracketed', fields, { account, checksumOk: true });
}

function splitFields(afterAccount: string): RawFields {
  return {
    messageType: afterAccount.slice(0, 2),
    qualifier: afterAccount.slice(2, 3),
    event: afterAccount.slice(3, 6),
    group: afterAccount.slice(6, 8),
    zoneOrUser: afterAccount.slice(8, 11),
    checksum: afterAccount.slice(11, 12),
  };
}

/** DC-05 defines message types 18 and 98 only; anything else (e.g. 56) is not Contact ID. */
function checkMessageType(messageType: string): string | undefined {
  if (MESSAGE_TYPES.has(messageType)) return undefined;
  return `message type ${messageType} is not 18 or 98, so this is not a Contact ID event`;
}

interface Extras {
  account?: string;
  checksumOk?: boolean;
  flags?: ContactIdFlag[];
}

/** Checks the qualifier, recognises the all-zero body and builds the message. */
function finish(
  form: ContactIdForm,
  fields: Omit<RawFields, 'messageType' | 'checksum'> & Partial<RawFields>,
  extras: Extras,
): ContactIdResult {
  const { qualifier, event, group, zoneOrUser } = fields;
  const message: ContactIdMessage = { form, qualifier, event, group, zoneOrUser, flags: [] };
  if (extras.account !== undefined) message.account = extras.account;
  if (fields.messageType !== undefined) message.messageType = fields.messageType;
  if (fields.checksum !== undefined) message.checksum = fields.checksum;
  if (extras.checksumOk !== undefined) message.checksumOk = extras.checksumOk;
  message.flags.push(...(extras.flags ?? []));
  if (qualifier + event + group + zoneOrUser === '000000000') {
    message.flags.push('no-event');
    return { ok: true, message };
  }
  if (!isContactIdQualifier(qualifier)) {
    return fail(`qualifier ${qualifier} is not 1 (new), 3 (restore) or 6 (still present)`);
  }
  message.normalised = normaliseContactIdEvent({ qualifier, event, group, zoneOrUser });
  return { ok: true, message };
}
